"""Swedish wording shared by the evaluator and the renderers.

Texts in the rules files (the GEH conclusion, the appendix introduction) are jinja2
templates written by policy staff: untrusted input, so they run in jinja's sandbox with
StrictUndefined. Number words come from num2words and number formatting from babel:
neither is hand-rolled here. Both are imported only when they are needed: the two
symbols of Swedish numbers are written out below (tests/test_wording_numbers.py checks
them against babel's locale data), so that validate, which formats a few numbers, does
not load babel (about 25 ms of its start).
"""

from __future__ import annotations

import functools
import re
import traceback
from collections.abc import Iterable, Mapping
from decimal import Decimal, localcontext
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateError

from engine.wording.cache import compile_text, template_cache
from engine.wording.sandbox import (
    TEXT_LIMITS,
    LimitedSandbox,
    TemplateOutputError,
    render_limited,
)

LOCALE = "sv_SE"
MINUS = "\u2212"
#: babel's get_group_symbol and get_decimal_symbol for sv_SE: a no-break space, a comma.
GROUP, DECIMAL = "\u00a0", ","
#: Python's ',' and '.' in a formatted number → the Swedish group and decimal symbols.
_SEPARATORS = str.maketrans({",": GROUP, ".": DECIMAL, "-": MINUS})


#: num2words(n, lang="sv") for 0–99, its tens with its units (tests/test_startup.py checks
#: that they agree), so that validate, whose sample texts count zeros, and the conclusion of
#: a national plan (32 uppdrag) need not import num2words, whose every language takes
#: 0,02–0,04 s to import.
SMALL_NUMBER_WORDS = (
    "noll ett två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton sexton "
    "sjutton arton nitton"
).split() + [
    tens + unit
    for tens in "tjugo trettio förtio femtio sextio sjuttio åttio nittio".split()
    for unit in ["", *"ett två tre fyra fem sex sju åtta nio".split()]
]


def number_word(n: int) -> str:
    """6 → 'sex'. Used for the neuter nouns of the report (målområde, uppdrag, mål)."""
    if 0 <= int(n) < len(SMALL_NUMBER_WORDS):
        return SMALL_NUMBER_WORDS[int(n)]
    from num2words import num2words  # noqa: PLC0415 - imported only for numbers above 99

    return str(num2words(int(n), lang="sv"))


def join_words(items: Iterable[str]) -> str:
    """['tandvård', 'ledningsprocesser'] → 'tandvård och ledningsprocesser'."""
    words = [str(i) for i in items]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " och " + words[-1]


def decimal(value: float, digits: int = 1) -> str:
    """96.8 → '96,8'; -2.4 → '−2,4' (typographic minus); 1748 → '1 748' (no-break space).

    The same text as babel's `format_decimal(value, "#,##0.0", locale="sv_SE")` (the
    value read as `Decimal(str(value))`, rounded half to even), with the separators from
    babel's locale data; tests/test_wording_numbers.py compares the two. It is formatted
    by Python's own formatting because babel's pattern engine costs about 80 µs a number,
    which was most of the time of a national evaluation's JSON (205 000 numbers in the
    accounts): a float straight from its binary value when that rounds the same
    (`_rounds_alike`, about 0,4 µs), anything else through Decimal, remembered."""
    text = str(value)
    if type(value) is float and _rounds_alike(text, digits):
        if 0 < value < 999 and digits in _PLAIN:  # no group, no minus: only the comma
            return format(value, _PLAIN[digits]).replace(".", DECIMAL)
        return format(value, f",.{digits}f").translate(_SEPARATORS)
    return _decimal(text, digits)


#: The format of a number under 999 with 0, 1 or 2 decimals (`decimal`'s common case).
_PLAIN = {0: ".0f", 1: ".1f", 2: ".2f", 3: ".3f"}


def _rounds_alike(text: str, digits: int) -> bool:
    """Whether rounding a float's binary value (Python's `format`, correctly rounded)
    gives what rounding its shortest text `text` half to even gives. It does unless that
    text is itself a tie, ending in 5 just after the last digit kept: the binary value of
    0.35 lies below it and rounds down, the text rounds up. Otherwise no tie lies between
    the two, as a tie that close would be a shorter text for the same float. Exponents
    (|x| ≥ 10¹⁶ or tiny), infinity and NaN go through Decimal."""
    if "e" in text or "n" in text:
        return False
    return len(text) - text.index(".") - 1 != digits + 1 or text[-1] != "5"


@functools.lru_cache(maxsize=1 << 16)
def _decimal(text: str, digits: int) -> str:
    """Keyed by the number's text, which tells −0.0 from 0 (equal, but printed apart)."""
    exact = Decimal(text)
    if not exact.is_finite():
        return babel_decimal(float(text), digits)
    return format(exact, f",.{digits}f").translate(_SEPARATORS)


def babel_decimal(value: float, digits: int = 1) -> str:
    """babel's own formatting of `decimal`: the reference that `decimal` must equal."""
    from babel.numbers import format_decimal  # noqa: PLC0415 - the reference, rarely used

    with localcontext() as ctx:
        # babel quantizes with the current decimal context; 28 digits is too few for
        # very large numbers, which a typo in an outcome file can produce.
        ctx.prec = 400
        text = format_decimal(
            value, format=f"#,##0.{'0' * digits}" if digits else "#,##0", locale=LOCALE
        )
    return text.replace("-", MINUS)


def number(value: float) -> str:
    """An utfall or target as printed: as many decimals as it has (up to 2).

    Remembered by value (a national plan prints each target 300 times), except zero:
    0.0 and −0.0 are equal keys but print apart."""
    return _number(value) if value == 0 else _remembered_number(value)


def _number(value: float) -> str:
    if float(value).is_integer():
        return decimal(value, 0)
    digits = 1 if round(value, 1) == value else 2
    return decimal(value, digits)


_remembered_number = functools.lru_cache(maxsize=1 << 16)(_number)


def percent(value: float, digits: int = 1) -> str:
    """96.8 → '96,8 %' with a non-breaking space, as Swedish typography wants."""
    return f"{decimal(value, digits)}\u00a0%"


#: Direction words as printed before a target: 'Minst 88 %', '>67 %'.
PREFIX = {
    "Minst": "Minst ",
    "Max": "Max ",
    ">": ">",
    "<": "<",
    "Högre än": "Högre än ",
    "Lägre än": "Lägre än ",
    "Kortare än": "Kortare än ",
}
SILENT_UNITS = {"", "index"}


@functools.lru_cache(maxsize=1)
def month_names() -> tuple[str, ...]:
    """'januari' … 'december' (babel's CLDR names for sv_SE), index 0 for januari."""
    from babel.dates import get_month_names  # only the renderers need dates

    names = get_month_names("wide", locale=LOCALE)
    return tuple(str(names[m]) for m in range(1, 13))


def period_words(period: str) -> str:
    """A period code as the report writes it: '2025-04' → 'april 2025'; anything that is
    not ÅÅÅÅ-MM is returned as it is."""
    year, _, month = period.partition("-")
    if not (year.isdigit() and month.isdigit() and 1 <= int(month) <= 12):
        return period
    return f"{month_names()[int(month) - 1]} {year}"


def value_text(value: float | None, unit: str, digits: int | None = None) -> str:
    """An utfall or target with its unit; `digits` decimals when the measure declares them
    (`decimaler`), else as many as the number has (up to 2; a percentage up to 1)."""
    if value is None:
        return "–"
    if unit == "%":
        return percent(value, digits if digits is not None else int(not float(value).is_integer()))
    suffix = "" if unit in SILENT_UNITS else f"\u00a0{unit}"
    return f"{number(value) if digits is None else decimal(value, digits)}{suffix}"


def target_text(
    direction: str | None, target: float | None, unit: str, digits: int | None = None
) -> str:
    if target is None:
        return "–"
    return f"{PREFIX.get(direction or '', '')}{value_text(target, unit, digits)}"


def _environment(**options: Any) -> LimitedSandbox:
    cache = template_cache(kind="text", **options)
    env = LimitedSandbox(undefined=StrictUndefined, bytecode_cache=cache, **options)
    env.add_filter("ord", number_word)
    env.add_filter("lista", join_words)
    env.add_filter("tal", number)
    env.add_filter("procent", percent)
    return env


TEXT_ENV = _environment(autoescape=False, keep_trailing_newline=False)


#: jinja2 states its errors in English; the common ones are translated here.
_TEMPLATE_ERRORS: tuple[tuple[str, str], ...] = (
    (r"'(.*)' is undefined", r"okänt namn '\1'"),
    # "'engine.output.presentation.Bilaga object' has no attribute 'x'": name the thing, not
    # the Python class path, which says nothing to the person who wrote the template.
    (r"'(?:[\w.]+\.)?(\w+) object' has no attribute '(.*)'", r"'\1' har inget '\2'"),
    (r"'(.*)' has no attribute '(.*)'", r"'\1' har inget '\2'"),
    (r"unexpected 'end of statement block'", "oväntat slut på '{% … %}'-blocket"),
    (r"unexpected 'end of print statement'", "oväntat slut på '{{ … }}'"),
    (
        r"unexpected end of template.*",
        "mallen tar slut oväntat; saknas ett {% endif %} eller {% endfor %}?",
    ),
    (r"Encountered unknown tag '(.*)'.*", r"okänd tagg '\1'"),
    (r"unexpected '(.*)'", r"oväntat '\1'"),
    (r"expected token '(.*)', got '(.*)'", r"väntade '\1' men fick '\2'"),
    (r"Expected an expression, got 'end of statement block'", "ett uttryck saknas före '%}'"),
    (r"Expected an expression, got 'end of print statement'", "ett uttryck saknas före '}}'"),
    (r"Expected an expression, got '(.*)'", r"ett uttryck saknas före '\1'"),
    (r"No filter named '(.*)'.*", r"okänt filter '\1'; tillgängliga: ord, lista, tal, procent"),
    (
        r"access to attribute '(.*)' of '(.*)' object is unsafe.*",
        r"attributet '\1' är inte tillåtet i mallar",
    ),
)


_RUNTIME_ERRORS: dict[type[BaseException], str] = {
    ZeroDivisionError: "division med noll",
    OverflowError: "talet blir för stort",
    MemoryError: "mallen kräver för mycket minne",
    RecursionError: "mallen är för djupt nästlad",
}


def template_error_message(exc: BaseException) -> str:
    """A Swedish one-line message for any error raised while rendering a template."""
    if isinstance(exc, TemplateError):
        return _swedish_template_error(str(exc.message or exc))
    for kind, message in _RUNTIME_ERRORS.items():
        if isinstance(exc, kind):
            return message
    return f"{type(exc).__name__}: {exc}"


def _swedish_template_error(message: str) -> str:
    for pattern, replacement in _TEMPLATE_ERRORS:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class TextTemplateError(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def template_line(exc: BaseException, filename: str | None = None) -> int | None:
    """The template line an error comes from: a syntax error says it; a runtime error's
    traceback has frames that jinja rewrote to point into the template. `filename` picks
    one template's frames (default: the frames of templates made from a string)."""
    line = getattr(exc, "lineno", None)
    if isinstance(line, int):
        return line
    wanted = filename or "<template>"
    found = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == wanted:
            found = frame.lineno
    return found


@functools.lru_cache(maxsize=256)
def _compiled(source: str) -> Template:
    """Compiling is most of the cost and validate and evaluate render the same texts."""
    return compile_text(TEXT_ENV, source)


def render_text(source: str, context: Mapping[str, Any]) -> str:
    """Render a policy-staff text template in the sandbox, within `TEXT_LIMITS`."""
    try:
        text = render_limited(_compiled(source), context, TEXT_LIMITS).strip()
    except TemplateOutputError as exc:
        raise TextTemplateError(str(exc)) from exc
    except Exception as exc:  # untrusted template: any failure is the template's, not ours
        raise TextTemplateError(
            f"mallen kunde inte fyllas i: {template_error_message(exc)}", template_line(exc)
        ) from exc
    return text


def text_context(
    achieved: bool | str,
    period: str,
    counts: Mapping[str, Mapping[str, int]],
    areas_by_status: Mapping[str, list[str]],
) -> dict[str, Any]:
    """The names the texts in hushallning.yaml may use: the one definition of them,
    used by the evaluator and, with zeros, by the validator."""
    return {
        "uppnådd": achieved,
        "period": period,
        "målområden": dict(counts["målområden"]),
        "uppdrag": dict(counts["uppdrag"]),
        "finansiella": dict(counts["finansiella"]),
        "röda_målområden": list(areas_by_status.get("röd", [])),
        "gula_målområden": list(areas_by_status.get("gul", [])),
        "gröna_målområden": list(areas_by_status.get("grön", [])),
    }


def sample_conclusion_context() -> dict[str, Any]:
    """A context with every name a text template may use, for validation."""
    zero = {"grön": 0, "gul": 0, "röd": 0, "ej_bedömd": 0, "antal": 0}
    parts = {"målområden": zero, "uppdrag": zero, "finansiella": zero}
    return text_context(False, "per augusti 2025", parts, {})


def sample_text_contexts() -> list[dict[str, Any]]:
    """Contexts a text may meet at run time, for validation: no counts at all, and a few
    of every colour with each answer of the GEH rule, so that a branch or a loop that
    only runs on real counts is tried too (and held to the limits)."""
    some = {"grön": 2, "gul": 3, "röd": 1, "ej_bedömd": 1, "antal": 7}
    parts = {"målområden": some, "uppdrag": some, "finansiella": some}
    names = {"röd": ["tandvård"], "gul": ["kultur", "folkhögskolor"], "grön": ["kollektivtrafik"]}
    return [sample_conclusion_context()] + [
        text_context(achieved, "per augusti 2025", parts, names)
        for achieved in (True, "delvis", False)
    ]
