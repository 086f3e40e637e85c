"""Expressions from the rules files, the only place that imports simpleeval.

Rules files are untrusted input. An expression is parsed once, at validation time, so a
typo is reported at its YAML line; only the names the context declares may be used, and
simpleeval's limits (no attributes, no imports, bounded power and string length) apply.
We add a length limit of our own: an expression is a judgement, not a program.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import simpleeval

MAX_LENGTH = 500

#: Functions an expression may call. Kept small on purpose.
FUNCTIONS: dict[str, Any] = {
    "abs": abs,
    "min": min,
    "max": max,
    "round": round,
}

#: Contexts in which expressions appear, each with the names it provides. The names are
#: the single source of truth for both the validator and the evaluator.
NYCKELTAL_NAMES: tuple[str, ...] = ("utfall", "mål", "kvot", "föregående", "föregående_period")
NYCKELTAL_NAMES += ("föregående_år", "basvärde", "gul_från", "gul_till")
STATUS_NAMES = ("grön", "gul", "röd", "ej_bedömd")
_COLOURS = ("grön", "gul", "röd", "ej_bedömd")
GEH_NAMES = tuple(
    f"{part}_{colour}" for part in ("målområden", "uppdrag", "finansiella") for colour in _COLOURS
) + ("målområden_antal", "uppdrag_antal", "finansiella_antal")
#: About the balanskravsutredning (balanskrav.yaml), for the latest year in it: the
#: balanskravsresultat and the accumulated negative result not yet restored, in mkr (0 when
#: the period has no balanskrav.yaml), and whether there is one.
GEH_NAMES += ("balanskravsresultat", "balanskrav_ackumulerat", "balanskrav_redovisat")


#: Python states syntax errors in English; the common ones are translated here.
_SYNTAX: tuple[tuple[str, str], ...] = (
    (r"'(.)' was never closed", r"'\1' stängs aldrig"),
    (r"unmatched '(.)'", r"'\1' har ingen motsvarande öppnande parentes"),
    (
        r"closing parenthesis '(.)' does not match opening parenthesis '(.)'.*",
        r"'\1' passar inte ihop med '\2'",
    ),
    (r"unterminated string literal.*", "en text inom citattecken avslutas inte"),
    (r"invalid syntax.*", "ogiltig syntax"),
    (r"expected ':'", "':' saknas"),
    (r"expected 'else' after 'if' expression", "'else' saknas efter 'if'"),
)


def _swedish_syntax(message: str) -> str:
    for pattern, replacement in _SYNTAX:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return "ogiltig syntax"


def _runtime_message(exc: BaseException) -> str:
    """simpleeval and Python explain runtime failures in English; say it in Swedish."""
    if isinstance(exc, simpleeval.NumberTooHigh):
        return "talet blir för stort"
    if isinstance(exc, simpleeval.IterableTooLong):
        return "texten eller listan blir för lång"
    if isinstance(exc, ZeroDivisionError):
        return "division med noll"
    if isinstance(exc, OverflowError):
        return "talet blir för stort"
    if isinstance(exc, IndexError):
        return "positionen finns inte i texten"
    if isinstance(exc, KeyError):
        return f"nyckeln {exc} finns inte"
    if isinstance(exc, RecursionError):
        return "uttrycket är för djupt nästlat"
    if isinstance(exc, TypeError):
        return "värdena går inte att räkna med (saknas ett utfall eller ett mål?)"
    if isinstance(exc, simpleeval.InvalidExpression):
        return "uttrycket använder något som inte är tillåtet"
    return "värdet går inte att beräkna"


class ExpressionError(Exception):
    """An expression that cannot be parsed, uses what it may not, or fails when evaluated.

    `limit` is set when the expression breached a size limit (a power, a repetition, a
    number or a text too large): that is wrong whatever the data, so validation refuses
    it. Other evaluation failures (division by zero, a position outside a text) may
    depend on the values and are judged by `trial`.
    """

    def __init__(self, message: str, limit: bool = False) -> None:
        super().__init__(message)
        self.limit = limit


class _LimitExceeded(Exception):
    """Raised by the guarded operators before a result that would be too large is built."""


#: Bounds on every intermediate result, checked *before* it is computed: integers of at
#: most MAX_INT_BITS bits (about 1 200 digits), texts of at most MAX_SEQUENCE characters.
#: Together with the node limit and the absence of loops (no comprehensions, no lambda,
#: only the FUNCTIONS above), they bound the time and memory of one evaluation: each node
#: is evaluated at most once, and no operation can take more than a few microseconds.
MAX_INT_BITS = 4096
MAX_SEQUENCE = 10_000
MAX_NODES = 200
MAX_DEPTH = 40


def _int_bits(value: Any) -> int:
    return value.bit_length() if isinstance(value, int) else 0


def _check_int(value: Any) -> Any:
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise _LimitExceeded("talet blir för stort")
    return value


def _sized(value: Any) -> bool:
    return isinstance(value, (str, bytes, list, tuple))


def _power(a: Any, b: Any) -> Any:
    if isinstance(a, int) and isinstance(b, int) and b > 0 and abs(a) > 1:
        # |a| ** b has about b × bits(a) bits: refuse before computing it.
        if b > MAX_INT_BITS or b * (abs(a).bit_length() - 1) > MAX_INT_BITS:
            raise _LimitExceeded("talet blir för stort")
    return _check_int(a**b)


def _multiply(a: Any, b: Any) -> Any:
    for seq, times in ((a, b), (b, a)):
        if _sized(seq) and isinstance(times, int) and len(seq) * max(times, 0) > MAX_SEQUENCE:
            raise _LimitExceeded(f"texten blir längre än {MAX_SEQUENCE} tecken")
    if _int_bits(a) + _int_bits(b) > MAX_INT_BITS + 1:
        raise _LimitExceeded("talet blir för stort")
    return _check_int(a * b)


def _add(a: Any, b: Any) -> Any:
    if _sized(a) and _sized(b) and len(a) + len(b) > MAX_SEQUENCE:
        raise _LimitExceeded(f"texten blir längre än {MAX_SEQUENCE} tecken")
    return _check_int(a + b)


def _subtract(a: Any, b: Any) -> Any:
    return _check_int(a - b)


def _modulo(a: Any, b: Any) -> Any:
    if isinstance(a, (str, bytes)):
        # '%2000000000d' % 1 would build a 2 GB text: no %-formatting in expressions.
        raise _LimitExceeded("%-formatering av text är inte tillåten i uttryck")
    return a % b


def _shift(kind: str) -> Any:
    def shift(a: Any, b: Any) -> Any:
        if (
            not isinstance(b, int)
            or b > MAX_INT_BITS
            or (kind == "<<" and _int_bits(a) + b > MAX_INT_BITS)
        ):
            raise _LimitExceeded("talet blir för stort")
        return a << b if kind == "<<" else a >> b

    return shift


OPERATORS: dict[type, Any] = {
    **simpleeval.DEFAULT_OPERATORS,
    ast.Add: _add,
    ast.Sub: _subtract,
    ast.Mult: _multiply,
    ast.Pow: _power,
    ast.Mod: _modulo,
    ast.LShift: _shift("<<"),
    ast.RShift: _shift(">>"),
}


def _round(number: Any, ndigits: Any = None) -> Any:
    if ndigits is not None and isinstance(ndigits, int) and abs(ndigits) > 400:
        ndigits = 400 if ndigits > 0 else -400
    return round(number, ndigits)


#: Functions as called at run time: round with a bounded number of digits.
_SAFE_FUNCTIONS: dict[str, Any] = {**FUNCTIONS, "round": _round}

#: The syntax an expression may use. Anything else (f-strings, lists, attributes,
#: comprehensions, walrus …) is refused when the rules are validated.
_ALLOWED_NODES: tuple[type, ...] = (
    ast.Expression,
    ast.Constant,
    ast.Name,
    ast.Load,
    ast.BinOp,
    ast.UnaryOp,
    ast.BoolOp,
    ast.Compare,
    ast.IfExp,
    ast.Call,
    ast.keyword,
    ast.Subscript,
    ast.Slice,
    ast.operator,
    ast.unaryop,
    ast.boolop,
    ast.cmpop,
)

_NODE_NAMES = {
    "JoinedStr": "f-strängar",
    "FormattedValue": "f-strängar",
    "List": "listor",
    "Tuple": "tupler",
    "Dict": "ordlistor",
    "Set": "mängder",
    "NamedExpr": "tilldelning (:=)",
    "Starred": "stjärnuttryck (*)",
    "Await": "await",
    "Yield": "yield",
    "YieldFrom": "yield",
}


def _depth(node: ast.AST) -> int:
    deepest, stack = 0, [(node, 1)]
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in ast.iter_child_nodes(current))
    return deepest


@dataclass(frozen=True)
class Expression:
    source: str
    tree: ast.AST
    evaluator: simpleeval.SimpleEval = field(
        default_factory=lambda: simpleeval.SimpleEval(
            operators=OPERATORS, functions=_SAFE_FUNCTIONS
        ),
        repr=False,
        compare=False,
    )

    def evaluate(self, names: Mapping[str, Any]) -> Any:
        # One evaluator per expression, its names replaced per call: building a
        # SimpleEval costs more than evaluating a small expression.
        self.evaluator.names = dict(names)
        try:
            return self.evaluator.eval(self.source, previously_parsed=self.tree)
        except _LimitExceeded as exc:
            raise ExpressionError(
                f"uttrycket '{self.source}' kunde inte beräknas: {exc}", limit=True
            ) from exc
        except (simpleeval.NumberTooHigh, simpleeval.IterableTooLong, RecursionError) as exc:
            raise ExpressionError(
                f"uttrycket '{self.source}' kunde inte beräknas: {_runtime_message(exc)}",
                limit=True,
            ) from exc
        except Exception as exc:  # untrusted expression: any failure is the expression's
            raise ExpressionError(
                f"uttrycket '{self.source}' kunde inte beräknas: {_runtime_message(exc)}"
            ) from exc

    def trial(self, samples: Iterable[Mapping[str, Any]]) -> list[Any]:
        """Evaluate on representative `samples` at validation time; return the results
        of those that could be evaluated.

        Decision: validation must not refuse an expression for values that are legal at
        run time (`målområden_röd / målområden_antal < 0.25` divides by zero only when
        there are no målområden). So a sample that fails for its values is passed over;
        the expression is refused only when it breaches a size limit on any sample (wrong
        whatever the data) or when it fails on every sample (it can never be computed,
        e.g. `'ab'[5] == 'a'`). A run-time failure on real data is still reported by
        the evaluation, at the expression's line.
        """
        results: list[Any] = []
        first: ExpressionError | None = None
        for sample in samples:
            try:
                results.append(self.evaluate(sample))
            except ExpressionError as exc:
                if exc.limit:
                    raise
                first = first or exc
        if not results and first is not None:
            raise first
        return results


def compile_expression(source: str, allowed: Iterable[str]) -> Expression:
    """Parse `source` and check that it only uses `allowed` names, known functions and
    the syntax of a judgement (no f-strings, lists, attributes or comprehensions)."""
    if len(source) > MAX_LENGTH:
        raise ExpressionError(f"uttrycket är längre än {MAX_LENGTH} tecken")
    text = source.strip()
    if not text:
        raise ExpressionError("uttrycket är tomt")
    try:
        parsed = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(
            f"uttrycket går inte att tolka: {_swedish_syntax(exc.msg or '')} i «{text}»"
        ) from exc
    except (RecursionError, MemoryError, ValueError) as exc:
        raise ExpressionError("uttrycket är för djupt nästlat eller för stort") from exc
    nodes = list(ast.walk(parsed))
    if len(nodes) > MAX_NODES or _depth(parsed) > MAX_DEPTH:
        raise ExpressionError(
            f"uttrycket är för stort (högst {MAX_NODES} delar och {MAX_DEPTH} nivåer)"
        )
    allowed_set = set(allowed)
    for node in nodes:
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
                raise ExpressionError(
                    f"okänd funktion i uttrycket '{source}'; tillåtna: {', '.join(sorted(FUNCTIONS))}"
                )
        elif isinstance(node, ast.Name) and node.id not in allowed_set | set(FUNCTIONS):
            raise ExpressionError(
                f"okänt namn '{node.id}' i uttrycket; tillåtna namn: {', '.join(sorted(allowed_set))}"
            )
        elif isinstance(node, ast.Attribute):
            raise ExpressionError(f"attribut ('.{node.attr}') är inte tillåtna i uttryck")
        elif isinstance(
            node, (ast.Lambda, ast.ListComp, ast.DictComp, ast.SetComp, ast.GeneratorExp)
        ):
            raise ExpressionError("lambda och comprehensions är inte tillåtna i uttryck")
        elif isinstance(node, ast.Constant) and not isinstance(
            node.value, (bool, int, float, str, type(None))
        ):
            raise ExpressionError(f"värdet {node.value!r} är inte tillåtet i uttryck")
        elif isinstance(node, ast.Constant) and isinstance(node.value, int):
            if node.value.bit_length() > MAX_INT_BITS:
                raise ExpressionError("ett tal i uttrycket är för stort", limit=True)
        elif not isinstance(node, _ALLOWED_NODES):
            what = _NODE_NAMES.get(type(node).__name__, type(node).__name__)
            raise ExpressionError(f"{what} är inte tillåtna i uttryck")
    assert isinstance(parsed, ast.Expression)
    return Expression(text, parsed.body)


def measure_samples(target: float | None) -> list[dict[str, Any]]:
    """Values a nyckeltal's expression may meet at run time, for `Expression.trial`:
    the utfall at, below and above the target, as `judge_expression` passes them."""
    target = target if target is not None else 100.0
    samples: list[dict[str, Any]] = []
    for value in (target, target * 0.95 - 1, target * 1.05 + 1):
        q = value / target * 100 if target else None
        samples.append(
            {
                "utfall": value,
                "mål": target,
                "kvot": q,
                "föregående": target,
                "föregående_period": target,
                "föregående_år": target,
                "basvärde": target,
                "gul_från": 90.0,
                "gul_till": 100.0,
            }
        )
    return samples


def geh_samples() -> list[dict[str, int]]:
    """Counts a GEH rule may meet at run time, for `Expression.trial`: none at all, and
    a few of every colour (so that a division by an antal can be tried)."""
    samples = [dict.fromkeys(GEH_NAMES, 0)]
    for n in (1, 3):
        sample: dict[str, int] = {}
        for name in GEH_NAMES:
            sample[name] = 4 * n if name.endswith("_antal") else n
        samples.append(sample)
    return samples
