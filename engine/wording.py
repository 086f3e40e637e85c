"""Swedish wording shared by the evaluator and the renderers.

Texts in the rules files (the GEH conclusion, the appendix introduction) are jinja2
templates written by policy staff: untrusted input, so they run in jinja's sandbox with
StrictUndefined. Number words come from num2words and number formatting from babel:
neither is hand-rolled here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from babel.numbers import format_decimal
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from num2words import num2words

LOCALE = "sv_SE"
MINUS = "\u2212"


def number_word(n: int) -> str:
    """6 → 'sex'. Used for the neuter nouns of the report (målområde, uppdrag, mål)."""
    return str(num2words(int(n), lang="sv"))


def join_words(items: Iterable[str]) -> str:
    """['tandvård', 'ledningsprocesser'] → 'tandvård och ledningsprocesser'."""
    words = [str(i) for i in items]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " och " + words[-1]


def decimal(value: float, digits: int = 1) -> str:
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


def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False
    )
    env.filters["ord"] = number_word
    env.filters["lista"] = join_words
    env.filters["tal"] = number
    env.filters["procent"] = percent
    return env


TEXT_ENV = _environment()


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


def _swedish_template_error(message: str) -> str:
    for pattern, replacement in _TEMPLATE_ERRORS:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class TextTemplateError(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def render_text(source: str, context: Mapping[str, Any]) -> str:
    """Render a policy-staff text template in the sandbox."""
    try:
        return TEXT_ENV.from_string(source).render(**context).strip()
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        message = _swedish_template_error(str(exc.message or exc))
        raise TextTemplateError(f"mallen kunde inte fyllas i: {message}", line) from exc


def sample_conclusion_context() -> dict[str, Any]:
    """A context with every name the conclusion template may use, for validation."""
    counts = {"grön": 0, "gul": 0, "röd": 0, "ej_bedömd": 0, "antal": 0}
    return {
        "uppnådd": False,
        "period": "per augusti 2025",
        "målområden": dict(counts),
        "uppdrag": dict(counts),
        "finansiella": dict(counts),
        "röda_målområden": [],
        "gula_målområden": [],
        "gröna_målområden": [],
    }
