"""Swedish wording shared by the evaluator and the renderers.

Texts in the rules files (the GEH conclusion, the appendix introduction) are jinja2
templates written by policy staff: untrusted input, so they run in jinja's sandbox with
StrictUndefined. Number words come from num2words and number formatting from babel:
neither is hand-rolled here.
"""

from __future__ import annotations

import functools
import re
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import localcontext
from typing import Any

from babel.numbers import format_decimal
from jinja2 import StrictUndefined, Template, TemplateError, nodes, pass_eval_context
from jinja2.exceptions import SecurityError
from jinja2.filters import do_join, do_replace
from jinja2.nodes import EvalContext
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer
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


@dataclass(frozen=True)
class Limits:
    """What one rendering may spend. Every loop iteration and every call is a step;
    every text or list a filter, an operator, `~` or a call builds is charged to
    `allocated` (in characters or items, before it is kept), so that neither time nor
    memory can run away however the template combines them."""

    steps: int
    seconds: float
    output: int
    allocated: int


#: A text in hushallning.yaml: a few sentences.
TEXT_LIMITS = Limits(steps=100_000, seconds=5.0, output=MAX_TEMPLATE_OUTPUT, allocated=5_000_000)
#: A whole Bilaga 1 (report templates): generous enough for a national data set.
REPORT_LIMITS = Limits(steps=20_000_000, seconds=600.0, output=200_000_000, allocated=400_000_000)


class TemplateLimitError(SecurityError):
    """A template exceeded its `Limits`."""


class TemplateOutputError(TemplateLimitError):
    """A template's output exceeded `Limits.output`."""


class _Budget:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.steps = limits.steps
        self.allocated = limits.allocated
        self.deadline = time.monotonic() + limits.seconds

    def step(self) -> None:
        self.steps -= 1
        if self.steps < 0:
            raise TemplateLimitError(
                f"mallen tar mer än {self.limits.steps} steg (slingor och anrop)"
            )
        if time.monotonic() > self.deadline:
            raise TemplateLimitError(f"mallen tar längre tid än {self.limits.seconds:g} s")

    def charge(self, size: int) -> None:
        self.allocated -= size
        if self.allocated < 0:
            raise TemplateLimitError(
                f"mallen bygger mer än {self.limits.allocated} tecken text eller listor"
            )

    def iterate(self, iterable: Any) -> Iterator[Any]:
        for item in iterable:
            self.step()
            yield item


_BUDGET: ContextVar[_Budget | None] = ContextVar("template_budget", default=None)


def _budget() -> _Budget:
    """The budget of the rendering under way; outside one (jinja folding constants at
    compile time), a fresh budget with the text limits bounds the single operation."""
    return _BUDGET.get() or _Budget(TEXT_LIMITS)


def _size(value: Any, depth: int = 3) -> int:
    """Characters or items that `value` holds, a few levels deep (cheap: no copying)."""
    if isinstance(value, str):
        return len(value)
    if depth and isinstance(value, (list, tuple, set, frozenset)):
        return len(value) + sum(_size(v, depth - 1) for v in value)
    if depth and isinstance(value, dict):
        return len(value) + sum(_size(v, depth - 1) for v in value.values())
    return 0


def _too_long(n: int) -> TemplateLimitError:
    return TemplateLimitError(f"resultatet blir längre än {MAX_SEQUENCE} tecken")


def _guard_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose result is charged to the budget. `wraps` keeps jinja's
    pass_context/pass_eval_context marker (a function attribute)."""

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        budget.step()
        result = func(*args, **kwargs)
        budget.charge(_size(result, 1))
        return result

    return guarded


@pass_eval_context
def _join(eval_ctx: EvalContext, value: Any, d: str = "", attribute: Any = None) -> str:
    items = list(value)
    total = sum(len(str(x)) if attribute is None else 0 for x in items) + len(d) * len(items)
    if total > MAX_SEQUENCE:
        raise _too_long(total)
    return str(do_join(eval_ctx, items, d, attribute))


@pass_eval_context
def _replace(eval_ctx: EvalContext, s: Any, old: str, new: str, count: int | None = None) -> str:
    text = str(s)
    times = text.count(str(old)) if old else len(text) + 1
    if count is not None:
        times = min(times, max(count, 0))
    if len(text) + times * max(len(str(new)) - len(str(old)), 0) > MAX_SEQUENCE:
        raise _too_long(0)
    return str(do_replace(eval_ctx, s, old, new, count))


@pass_eval_context
def _concat(eval_ctx: EvalContext, items: list[Any]) -> str:
    """`a ~ b ~ c`, with the length checked before the text is built."""
    parts = [str(x) for x in items]
    total = sum(len(x) for x in parts)
    if total > MAX_SEQUENCE:
        raise _too_long(total)
    _budget().charge(total)
    return str(markup_join(items) if eval_ctx.autoescape else str_join(items))


def _iterate(value: Any) -> Iterator[Any]:
    return _budget().iterate(value)


#: Filters that take a size from the template (a width, a count, a fill) and could build
#: gigabytes from one line: not offered. `join` and `replace` are offered with a check.
_REMOVED_FILTERS = ("center", "indent", "format", "wordwrap", "batch", "slice", "truncate")
#: str and list methods that build from a size or double a list: not offered either.
_UNSAFE_METHODS = frozenset(
    [
        "format",
        "format_map",
        "center",
        "ljust",
        "rjust",
        "zfill",
        "expandtabs",
        "join",
        "replace",
        "extend",
        "__iadd__",
        "__imul__",
    ]
)


class _Guards(NodeTransformer):
    """Rewrites a parsed template so that every `for` counts its steps and every `~`
    checks its length: jinja compiles both to plain Python the sandbox does not see."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, "_steg", [], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        items = nodes.List(node.nodes, lineno=node.lineno)
        return nodes.Filter(items, "_sammanfoga", [], [], None, None, lineno=node.lineno)


class LimitedSandbox(SandboxedEnvironment):
    """jinja2's sandbox plus limits on time, steps, output and every intermediate
    result (`*`, `**`, `+`, `%`, `~`, filters, calls), so that a template in a rules file
    or a report template cannot hang, allocate gigabytes or compute enormous numbers.
    Render with `render_limited`, which sets the budget."""

    intercepted_binops = frozenset(["*", "**", "+", "%"])

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.pop("lipsum", None)
        for name in _REMOVED_FILTERS:
            self.filters.pop(name, None)
        self.filters["join"] = _join
        self.filters["replace"] = _replace
        self.filters = {name: _guard_filter(name, f) for name, f in self.filters.items()}
        self.filters["_steg"] = _iterate
        self.filters["_sammanfoga"] = _concat

    def add_filter(self, name: str, func: Callable[..., Any]) -> None:
        self.filters[name] = _guard_filter(name, func)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        result = _Guards().visit(tree)
        assert isinstance(result, nodes.Template)
        return result

    def wrap_str_format(self, value: Any) -> None:
        # jinja offers str.format before it checks the attribute; it is not offered.
        return None

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, (str, list)) and attr in _UNSAFE_METHODS:
            return False
        return bool(super().is_safe_attribute(obj, attr, value))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        budget = _budget()
        budget.step()
        budget.charge(sum(_size(a) for a in args) + sum(_size(v) for v in kwargs.values()))
        result = super().call(__context, __obj, *args, **kwargs)
        budget.charge(_size(result, 1))
        return result

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_POWER:
            raise SecurityError(f"exponenten {right} är för stor (högst {MAX_POWER})")
        if operator == "%" and isinstance(left, str):
            raise SecurityError("%-formatering av text är inte tillåten i mallar")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                    if len(seq) * times > MAX_SEQUENCE:
                        raise SecurityError(f"resultatet blir längre än {MAX_SEQUENCE} tecken")
        if operator == "+":
            if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
                if len(left) + len(right) > MAX_SEQUENCE:
                    raise SecurityError(f"resultatet blir längre än {MAX_SEQUENCE} tecken")
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, (str, list, tuple)) and len(result) > MAX_SEQUENCE:
            raise SecurityError(f"resultatet blir längre än {MAX_SEQUENCE} tecken")
        if isinstance(result, int) and result.bit_length() > 4 * MAX_POWER:
            raise SecurityError("talet blir för stort")
        _budget().charge(_size(result, 0))
        return result


def render_limited(template: Template, context: Mapping[str, Any], limits: Limits) -> str:
    """Render `template` within `limits`: output is collected chunk by chunk, so a
    template that writes too much is stopped as soon as it passes the limit."""
    budget = _Budget(limits)
    token = _BUDGET.set(budget)
    try:
        chunks: list[str] = []
        size = 0
        for chunk in template.generate(**context):
            size += len(chunk)
            if size > limits.output:
                raise TemplateOutputError(f"mallen ger mer än {limits.output} tecken")
            budget.step()
            chunks.append(chunk)
        return "".join(chunks)
    finally:
        _BUDGET.reset(token)


def _environment(**options: Any) -> LimitedSandbox:
    env = LimitedSandbox(undefined=StrictUndefined, **options)
    env.add_filter("ord", number_word)
    env.add_filter("lista", join_words)
    env.add_filter("tal", number)
    env.add_filter("procent", percent)
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


def render_text(source: str, context: Mapping[str, Any]) -> str:
    """Render a policy-staff text template in the sandbox, within `TEXT_LIMITS`."""
    try:
        text = render_limited(TEXT_ENV.from_string(source), context, TEXT_LIMITS).strip()
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
