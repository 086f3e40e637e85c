"""The registry of diagnostic codes (engine/diagnostics/codes.py) is complete and alive.

The engine's source is scanned with `ast` for every call that passes a diagnostic code:
`Report.error`/`Report.warning`, `Diagnostic(...)`, and any helper with a parameter named
`code` (such as `err` in checks/rules.py), whose severity is the one of the `Report` method
it forwards `code` to. Each literal found must be registered with that severity, and each
registered code (and severity) must be used somewhere: no undocumented codes, no dead ones.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from engine.diagnostics import Location, Report, Severity
from engine.diagnostics.codes import ALL, CODES, GROUPS, UnregisteredCode
from engine.diagnostics.docs import markdown

ROOT = Path(__file__).resolve().parents[1]
ENGINE = ROOT / "engine"
REPORT_METHODS = {"error": Severity.ERROR, "warning": Severity.WARNING}


@dataclass(frozen=True)
class Use:
    code: str
    severity: Severity
    where: str


def _call_name(call: ast.Call) -> str | None:
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


def _literals(node: ast.expr) -> list[str] | None:
    """The codes a code argument can be: a literal, or a choice between literals."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body), _literals(node.orelse)
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
                name = _call_name(call) if isinstance(call, ast.Call) else None
                if isinstance(call, ast.Call) and name in REPORT_METHODS:
                    arg = _code_arg(call, 1)
                    if isinstance(arg, ast.Name) and arg.id == "code":
                        found[fn.name] = (_params(fn).index("code"), REPORT_METHODS[name])
    return found


def _scan() -> tuple[list[Use], list[str]]:
    trees = {
        f.relative_to(ROOT).as_posix(): ast.parse(f.read_text(encoding="utf-8"))
        for f in sorted(ENGINE.rglob("*.py"))
    }
    helpers = _helpers(trees)
    uses: list[Use] = []
    unreadable: list[str] = []
    for path, tree in trees.items():
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            name = _call_name(call)
            if name in REPORT_METHODS:
                index, severity = 1, REPORT_METHODS[name]
            elif name in helpers:
                index, severity = helpers[name]
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
            where = f"{path}:{call.lineno}"
            codes = _literals(arg)
            if codes is not None:
                uses += [Use(code, severity, where) for code in codes]
            elif not (
                (isinstance(arg, ast.Name) and arg.id == "code")  # a helper forwarding it
                or (isinstance(arg, ast.Attribute) and arg.attr == "code")  # copying a Diagnostic
            ):
                unreadable.append(f"{where}: {ast.unparse(arg)}")
    return uses, unreadable


USES, UNREADABLE = _scan()


def test_the_scan_finds_the_codes() -> None:
    """Guards the scan itself: the helpers in checks/ and the loader's codes are seen."""
    found = {u.code for u in USES}
    assert {"typ", "okänd-nyckel", "kvot-noll", "okänt-nyckeltal", "procent-över-100"} <= found
    assert len(found) >= 50


def test_codes_are_literals() -> None:
    """A code computed at run time could not be checked here; pass a literal."""
    assert UNREADABLE == []


def test_every_code_used_is_registered_with_its_severity() -> None:
    problems = [
        f"{u.where}: [{u.code}] ({u.severity.value})"
        for u in USES
        if u.code not in CODES or u.severity not in CODES[u.code].severities
    ]
    assert problems == [], "register these in engine/diagnostics/codes.py"


def test_every_registered_code_and_severity_is_used() -> None:
    used: dict[str, set[Severity]] = defaultdict(set)
    for u in USES:
        used[u.code].add(u.severity)
    dead = [
        f"[{c.name}] {s.value}" for c in ALL for s in c.severities if s not in used.get(c.name, ())
    ]
    assert dead == [], "remove these from engine/diagnostics/codes.py (or the severity)"


def test_entries_are_complete() -> None:
    assert len(CODES) == len(ALL), "a code is registered twice"
    for c in ALL:
        assert re.fullmatch(r"[a-zåäö0-9]+(-[a-zåäö0-9]+)*", c.name), c.name
        assert c.group in GROUPS, c.name
        assert c.severities and len(set(c.severities)) == len(c.severities), c.name
        assert c.explanation.endswith(".") and len(c.explanation) > 40, c.name
        assert c.example.strip(), c.name
        if c.example.endswith("]"):
            assert c.example.endswith(f"[{c.name}]"), f"{c.name}: the example shows another code"


def test_an_unregistered_code_fails_loudly() -> None:
    report = Report()
    with pytest.raises(UnregisteredCode, match="no-such-code"):
        report.error(Location("x.yaml"), "no-such-code", "meddelande")
    with pytest.raises(UnregisteredCode, match="varning"):
        report.warning(Location("x.yaml"), "typ", "meddelande")
    with pytest.raises(UnregisteredCode, match="fel"):
        report.error(Location("x.yaml"), "bom", "meddelande")
    assert report.diagnostics == []


def test_docs_koder_md_is_generated_from_the_registry() -> None:
    committed = (ROOT / "docs" / "koder.md").read_text(encoding="utf-8")
    assert committed == markdown(), (
        "docs/koder.md is out of date: python -m engine.diagnostics.docs > docs/koder.md"
    )


def test_docs_have_a_section_per_code() -> None:
    text = markdown()
    for c in ALL:
        assert f"### `{c.name}`" in text
    assert "å" in text and "ä" in text and "ö" in text


def test_readme_links_the_codes() -> None:
    assert "docs/koder.md" in (ROOT / "README.md").read_text(encoding="utf-8")
