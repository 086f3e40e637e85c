"""Swedish wording shared by the evaluator and the renderers.

Texts in the rules files (the GEH conclusion, the appendix introduction) are jinja2
templates written by policy staff: untrusted input, so they run in jinja's sandbox with
StrictUndefined. Number words come from num2words and number formatting from babel:
neither is hand-rolled here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from decimal import localcontext
from typing import Any

from babel.numbers import format_decimal
from jinja2 import StrictUndefined, Template, TemplateError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

LOCALE = "sv_SE"
MINUS = "\u2212"


#: num2words(n, lang="sv") for 0–20 (tests/test_startup.py checks that they agree), so
#: that validate, whose sample texts count zeros, need not import num2words (0.04 s).
SMALL_NUMBER_WORDS = (
    "noll ett två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton sexton "
    "sjutton arton nitton tjugo"
).split()


def number_word(n: int) -> str:
    """6 → 'sex'. Used for the neuter nouns of the report (målområde, uppdrag, mål)."""
    if 0 <= int(n) < len(SMALL_NUMBER_WORDS):
        return SMALL_NUMBER_WORDS[int(n)]
    from num2words import num2words  # noqa: PLC0415 - imported only for numbers above 20

    return str(num2words(int(n), lang="sv"))


def join_words(items: Iterable[str]) -> str:
    """['tandvård', 'ledningsprocesser'] → 'tandvård och ledningsprocesser'."""
    words = [str(i) for i in items]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " och " + words[-1]


def decimal(value: float, digits: int = 1) -> str:
    with localcontext() as ctx:
        # babel quantizes with the current decimal context; 28 digits is too few for
        # very large numbers, which a typo in an outcome file can produce.
        ctx.prec = 400
        return _decimal(value, digits)


def _decimal(value: float, digits: int = 1) -> str:
    """96.8 → '96,8'; -2.4 → '−2,4' (typographic minus); 1748 → '1 748'."""
    text = format_decimal(
        value, format=f"#,##0.{'0' * digits}" if digits else "#,##0", locale=LOCALE
    )
    return text.replace("-", MINUS)


def number(value: float) -> str:
    """An utfall or target as printed: as many decimals as it has (up to 2)."""
    if float(value).is_integer():
        return decimal(value, 0)
    digits = 1 if round(value, 1) == value else 2
    return decimal(value, digits)


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


def value_text(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "%":
        return percent(value, 1 if not float(value).is_integer() else 0)
    suffix = "" if unit in SILENT_UNITS else f"\u00a0{unit}"
    return f"{number(value)}{suffix}"


def target_text(direction: str | None, target: float | None, unit: str) -> str:
    if target is None:
        return "–"
    return f"{PREFIX.get(direction or '', '')}{value_text(target, unit)}"


#: Limits for templates, which are untrusted input: the sandbox stops attribute
#: tricks and huge ranges, these stop huge strings, lists and numbers.
MAX_TEMPLATE_OUTPUT = 200_000
MAX_SEQUENCE = 100_000
MAX_POWER = 1_000


class LimitedSandbox(SandboxedEnvironment):
    """jinja2's sandbox plus limits on `*`, `**` and `+`, so that a template in a rules
    file cannot allocate gigabytes or compute enormous numbers."""

    intercepted_binops = frozenset(["*", "**", "+"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_POWER:
            raise SecurityError(f"exponenten {right} är för stor (högst {MAX_POWER})")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                    if len(seq) * times > MAX_SEQUENCE:
                        raise SecurityError(f"resultatet blir längre än {MAX_SEQUENCE} tecken")
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, (str, list, tuple)) and len(result) > MAX_SEQUENCE:
            raise SecurityError(f"resultatet blir längre än {MAX_SEQUENCE} tecken")
        if isinstance(result, int) and result.bit_length() > 4 * MAX_POWER:
            raise SecurityError("talet blir för stort")
        return result


def _environment(**options: Any) -> LimitedSandbox:
    env = LimitedSandbox(undefined=StrictUndefined, **options)
    env.filters["ord"] = number_word
    env.filters["lista"] = join_words
    env.filters["tal"] = number
    env.filters["procent"] = percent
    return env


TEXT_ENV = _environment(autoescape=False, keep_trailing_newline=False)


#: jinja2 states its errors in English; the common ones are translated here.
_TEMPLATE_ERRORS: tuple[tuple[str, str], ...] = (
    (r"'(.*)' is undefined", r"okänt namn '\1'"),
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


@functools.lru_cache(maxsize=256)
def _compiled(source: str) -> Template:
    """Compiling is most of the cost and validate and evaluate render the same texts."""
    return TEXT_ENV.from_string(source)


def render_text(source: str, context: Mapping[str, Any]) -> str:
    """Render a policy-staff text template in the sandbox."""
    try:
        text = _compiled(source).render(**context).strip()
    except Exception as exc:  # untrusted template: any failure is the template's, not ours
        line = getattr(exc, "lineno", None)
        raise TextTemplateError(
            f"mallen kunde inte fyllas i: {template_error_message(exc)}", line
        ) from exc
    if len(text) > MAX_TEMPLATE_OUTPUT:
        raise TextTemplateError(f"mallen ger mer än {MAX_TEMPLATE_OUTPUT} tecken")
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
