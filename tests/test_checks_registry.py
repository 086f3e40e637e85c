"""The registry of checks (engine/checks/registry.py) declares what each check emits.

Statically: the codes in each check's source (its own calls and those of the functions in
engine/checks/ it calls) are exactly the codes it declares. At run time: `registry.run`
refuses an undeclared code, and the validator is run here over the test data, the real
rules and outcomes and every golden case, so that each check is seen emitting only its
declared codes.
"""

from __future__ import annotations

import ast
import inspect
import shutil
from pathlib import Path

import pytest
from codescan import ROOT, TREES, codes_in

from engine.checks import registry
from engine.checks.outcomes import history, load_outcomes
from engine.checks.registry import CHECKS, Check, UndeclaredCode
from engine.checks.rules import load_rules
from engine.diagnostics import CODES, Location, Report
from engine.inputs.loaded import RuleSet

CHECK_MODULES = {p: t for p, t in TREES.items() if p.startswith("engine/checks/")}


def _functions() -> dict[tuple[str, str], ast.FunctionDef]:
    """Module-level functions of engine/checks/, by (module, name)."""
    out: dict[tuple[str, str], ast.FunctionDef] = {}
    for path, tree in CHECK_MODULES.items():
        module = path.removesuffix(".py").replace("/", ".")
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                out[(module, node.name)] = node
    return out


def _imports(module: str) -> dict[str, str]:
    """Names a checks module imports from another checks module: name → that module."""
    tree = CHECK_MODULES[module.replace(".", "/") + ".py"]
    return {
        alias.asname or alias.name: node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("engine.checks.")
        for alias in node.names
    }


FUNCTIONS = _functions()


def _codes_of(module: str, name: str, seen: set[tuple[str, str]]) -> set[str]:
    """The codes a function of engine/checks/ passes, itself or through the functions it calls."""
    if (module, name) in seen or (module, name) not in FUNCTIONS:
        return set()
    seen.add((module, name))
    fn = FUNCTIONS[(module, name)]
    uses, unreadable = codes_in(fn, module)
    assert unreadable == [], unreadable
    codes = {u.code for u in uses}
    imported = _imports(module)
    for call in ast.walk(fn):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name):
            callee = call.func.id
            codes |= _codes_of(imported.get(callee, module), callee, seen)
    return codes


def test_check_names_are_unique() -> None:
    stages = (
        registry.RULES,
        registry.MEASURES,
        registry.PLAUSIBLE_MEASURES,
        registry.PLAUSIBLE_RULES,
        registry.OUTCOMES,
        registry.HISTORY,
    )
    assert len(CHECKS) == sum(len(s) for s in stages)


@pytest.mark.parametrize("check", CHECKS.values(), ids=list(CHECKS))
def test_declared_codes_are_the_codes_in_the_source(check: Check[object]) -> None:
    fn = check.run
    found = _codes_of(fn.__module__, fn.__name__, set())
    assert found == set(check.codes), f"{check.name} ({inspect.getsourcefile(fn)})"
    assert len(set(check.codes)) == len(check.codes)
    assert all(code in CODES for code in check.codes)


def test_an_undeclared_code_is_refused() -> None:
    def noisy(subject: object, report: Report) -> None:
        report.error(Location("x.yaml"), "typ", "meddelande")

    with pytest.raises(UndeclaredCode, match="'tyst'.*'typ'"):
        registry.run([Check("tyst", noisy, ("saknas",))], None, Report())
    registry.run([Check("pratsam", noisy, ("typ",))], None, Report())


def test_a_check_that_warns_only_may_not_emit_an_error() -> None:
    def errs(subject: object, report: Report) -> None:
        report.error(Location("x.yaml"), "typ", "meddelande")

    def warns(subject: object, report: Report) -> None:
        report.warning(Location("x.yaml"), "andel-utfall", "meddelande")

    with pytest.raises(UndeclaredCode, match="'varnar'.*warns only"):
        registry.run([Check("varnar", errs, ("typ",), warns=True)], None, Report())
    registry.run([Check("varnar", warns, ("andel-utfall",), warns=True)], None, Report())


def test_an_earlier_period_is_checked_without_the_checks_that_only_warn(
    real_rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only errors decide whether an earlier period is used: the checks that only warn
    (a missing outcome, say) are not run for it, and the period is used all the same."""
    ran: list[str] = []
    checks = tuple(
        Check(c.name, lambda p, r, c=c: (ran.append(c.name), c.run(p, r))[1], c.codes, c.warns)
        for c in registry.OUTCOMES
    )
    monkeypatch.setattr(registry, "OUTCOMES", checks)
    from engine.checks.outcomes import earlier_values

    assert earlier_values(ROOT / "fixtures" / "2025-08", real_rules) is not None
    warning_only = {c.name for c in checks if c.warns}
    assert warning_only and ran and not warning_only & set(ran)
    ran.clear()
    assert load_outcomes(ROOT / "fixtures" / "2025-08", real_rules, Report()) is not None
    assert warning_only <= set(ran)


def _rules_folders() -> list[Path]:
    golden = ROOT / "tests" / "golden" / "validate"
    return [
        ROOT / "rules",
        ROOT / "tests" / "data" / "minimal_rules",
        *sorted(p / "rules" for p in golden.iterdir() if (p / "rules").is_dir()),
    ]


@pytest.mark.parametrize("folder", _rules_folders(), ids=lambda p: p.parent.name)
def test_checks_emit_only_declared_codes_on_the_data(folder: Path) -> None:
    """`registry.run` raises on an undeclared code; every check runs on each rules folder
    (and, for the real rules, on every period folder and its history)."""
    report = Report()
    rules = load_rules(folder, report)
    if folder == ROOT / "rules":
        assert rules is not None
        for period in sorted((ROOT / "fixtures").iterdir()):
            load_outcomes(period, rules, report)
            registry.check_history(rules, history(period, rules), report)


BROKEN_AREA = """\
målområde: folkhogskolor
uppdrag:
  - {id: fh-u01, nämnd: RUN, status: Pågår}
  - {id: fh-u01, nämnd: RUN, status: Pågående enligt plan}
  - {id: fh-u01, nämnd: HSN, status: Pågående enligt plan}
  - {id: fh-u99, nämnd: RUN, status: Pågående enligt plan}
nyckeltal:
  - {id: fh-okand, nämnd: RUN, utfall: 1}
"""


def test_outcome_checks_on_broken_outcomes(real_rules: RuleSet, tmp_path: Path) -> None:
    """The outcome checks on a period folder with one problem of each kind."""
    period = tmp_path / "2025-08"
    shutil.copytree(ROOT / "fixtures" / "2025-08", period)
    (period / "malomraden" / "folkhogskolor.yaml").write_text(BROKEN_AREA, encoding="utf-8")
    (period / "malomraden" / "okand.yaml").write_text("målområde: okand\n", encoding="utf-8")
    (period / "finansiella_mal.yaml").unlink()
    report = Report()
    assert load_outcomes(period, real_rules, report) is None
    expected = {
        "okänd-status",
        "dubblett",
        "fel-nämnd",
        "okänt-uppdrag",
        "okänt-nyckeltal",
        "okänt-målområde",
        "fil-saknas",
    }
    assert expected <= {d.code for d in report.diagnostics}
