"""The sandbox that texts in the rules files and report templates run in.

jinja2's SandboxedEnvironment stops attribute tricks and huge ranges; `LimitedSandbox`
adds limits on steps, time, output and the size of every intermediate result, checked
before a result is built where the size can be known beforehand. Render with
`render_limited`, which sets the budget of one rendering.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from jinja2 import Template, nodes, pass_eval_context
from jinja2.exceptions import SecurityError
from jinja2.filters import do_join, do_replace
from jinja2.nodes import EvalContext
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer

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
