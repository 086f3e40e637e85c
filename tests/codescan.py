"""Finds the diagnostic codes in engine/'s source with `ast` (used by tests/test_codes.py
and tests/test_checks_registry.py).

A code is passed to `Report.error`/`Report.warning`, to `Diagnostic(...)`, or to a helper
with a parameter named `code` (such as `err` in checks/rule_checks.py), whose severity is
that of the `Report` method it forwards `code` to. An exception class whose constructor
takes `code` (such as `Refused` in inputs/yamlgraph.py) carries an error's code to the
place that reports it as `exc.code`: its constructor calls are the uses, and `exc.code`
at the report is not a literal to check.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from engine.diagnostics import Severity

ROOT = Path(__file__).resolve().parents[1]
ENGINE = ROOT / "engine"
REPORT_METHODS = {"error": Severity.ERROR, "warning": Severity.WARNING}


@dataclass(frozen=True)
class Use:
    code: str
    severity: Severity
    where: str


def call_name(call: ast.Call) -> str | None:
    fn = call.func
    if isinstance(fn, ast.Attribute):
        return fn.attr
    return fn.id if isinstance(fn, ast.Name) else None


def _params(fn: ast.FunctionDef) -> list[str]:
    names = [a.arg for a in fn.args.args]
    return names[1:] if names[:1] == ["self"] else names


def _code_arg(call: ast.Call, index: int) -> ast.expr | None:
    if len(call.args) > index:
        return call.args[index]
    return next((k.value for k in call.keywords if k.arg == "code"), None)


def literals(node: ast.expr) -> list[str] | None:
    """The codes a code argument can be: a literal, or a choice between literals."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = literals(node.body), literals(node.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


def _helpers(trees: dict[str, ast.Module]) -> dict[str, tuple[int, Severity]]:
    """Functions taking `code` and forwarding it to Report.error/warning: name → (index, severity)."""
    found: dict[str, tuple[int, Severity]] = {}
    for tree in trees.values():
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef) or "code" not in _params(fn):
                continue
            if fn.name in REPORT_METHODS:
                continue
            for call in ast.walk(fn):
                name = call_name(call) if isinstance(call, ast.Call) else None
                if isinstance(call, ast.Call) and name in REPORT_METHODS:
                    arg = _code_arg(call, 1)
                    if isinstance(arg, ast.Name) and arg.id == "code":
                        found[fn.name] = (_params(fn).index("code"), REPORT_METHODS[name])
    return found


def parse_engine() -> dict[str, ast.Module]:
    return {
        f.relative_to(ROOT).as_posix(): ast.parse(f.read_text(encoding="utf-8"))
        for f in sorted(ENGINE.rglob("*.py"))
    }


def _raisers(trees: dict[str, ast.Module]) -> dict[str, tuple[int, Severity]]:
    """Exception classes whose constructor takes `code`: name → (index, ERROR)."""
    found: dict[str, tuple[int, Severity]] = {}
    for tree in trees.values():
        for cls in ast.walk(tree):
            if not isinstance(cls, ast.ClassDef):
                continue
            for fn in cls.body:
                if isinstance(fn, ast.FunctionDef) and fn.name == "__init__":
                    if "code" in _params(fn):
                        found[cls.name] = (_params(fn).index("code"), Severity.ERROR)
    return found


TREES = parse_engine()
HELPERS = {**_helpers(TREES), **_raisers(TREES)}


def scan() -> tuple[list[Use], list[str]]:
    """Every code passed in engine/, and the code arguments that are not literals."""
    uses: list[Use] = []
    unreadable: list[str] = []
    for path, tree in TREES.items():
        found, bad = codes_in(tree, path)
        uses += found
        unreadable += bad
    return uses, unreadable


def codes_in(node: ast.AST, path: str) -> tuple[list[Use], list[str]]:
    """The codes passed by the calls inside `node` (a module or a function)."""
    uses: list[Use] = []
    unreadable: list[str] = []
    for call in ast.walk(node):
        if not isinstance(call, ast.Call):
            continue
        name = call_name(call)
        if name in REPORT_METHODS:
            index, severity = 1, REPORT_METHODS[name]
        elif name in HELPERS:
            index, severity = HELPERS[name]
        elif name == "Diagnostic":
            index, severity = 2, Severity.ERROR
            sev = call.args[1] if len(call.args) > 1 else None
            if isinstance(sev, ast.Attribute) and sev.attr == "WARNING":
                severity = Severity.WARNING
        else:
            continue
        arg = _code_arg(call, index)
        if arg is None:  # e.g. argparse's parser.error(message)
            continue
        if isinstance(arg, ast.Attribute) and arg.attr == "code":
            continue  # exc.code of a raiser: counted where it is raised
        where = f"{path}:{call.lineno}"
        codes = literals(arg)
        if codes is not None:
            uses += [Use(code, severity, where) for code in codes]
        elif not (
            (isinstance(arg, ast.Name) and arg.id == "code")  # a helper forwarding it
            or (isinstance(arg, ast.Attribute) and arg.attr == "code")  # copying a Diagnostic
        ):
            unreadable.append(f"{where}: {ast.unparse(arg)}")
    return uses, unreadable
