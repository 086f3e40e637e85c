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
NYCKELTAL_NAMES = ("utfall", "mål", "kvot", "föregående", "basvärde", "gul_från", "gul_till")
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


def _runtime_message(exc: Exception) -> str:
    """simpleeval and Python explain runtime failures in English; say it in Swedish."""
    if isinstance(exc, simpleeval.NumberTooHigh):
        return "talet blir för stort"
    if isinstance(exc, simpleeval.IterableTooLong):
        return "texten eller listan blir för lång"
    if isinstance(exc, ZeroDivisionError):
        return "division med noll"
    if isinstance(exc, TypeError):
        return "värdena går inte att räkna med (saknas ett utfall eller ett mål?)"
    return str(exc)


class ExpressionError(Exception):
    """An expression that cannot be parsed or uses what it may not."""


@dataclass(frozen=True)
class Expression:
    source: str
    tree: ast.AST
    evaluator: simpleeval.SimpleEval = field(
        default_factory=lambda: simpleeval.SimpleEval(functions=FUNCTIONS),
        repr=False,
        compare=False,
    )

    def evaluate(self, names: Mapping[str, Any]) -> Any:
        # One evaluator per expression, its names replaced per call: building a
        # SimpleEval costs more than evaluating a small expression.
        self.evaluator.names = dict(names)
        try:
            return self.evaluator.eval(self.source, previously_parsed=self.tree)
        except (simpleeval.InvalidExpression, ArithmeticError, TypeError, ValueError) as exc:
            raise ExpressionError(
                f"uttrycket '{self.source}' kunde inte beräknas: {_runtime_message(exc)}"
            ) from exc


def compile_expression(source: str, allowed: Iterable[str]) -> Expression:
    """Parse `source` and check that it only uses `allowed` names and known functions."""
    if len(source) > MAX_LENGTH:
        raise ExpressionError(f"uttrycket är längre än {MAX_LENGTH} tecken")
    try:
        tree = simpleeval.SimpleEval().parse(source.strip())
    except SyntaxError as exc:
        raise ExpressionError(
            f"uttrycket går inte att tolka: {_swedish_syntax(exc.msg or '')} i «{source.strip()}»"
        ) from exc
    allowed_set = set(allowed)
    for node in ast.walk(tree):
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
    return Expression(source.strip(), tree)
