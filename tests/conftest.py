"""Shared fixtures: the real rules and the real August 2025 outcomes, loaded once."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from engine.checks.outcomes import load_outcomes
from engine.checks.rules import load_rules
from engine.cli import main
from engine.diagnostics import Report
from engine.evaluation.evaluate import Evaluation, evaluate
from engine.inputs.loaded import RuleSet

ROOT = Path(__file__).resolve().parent.parent
#: The real period, as the tests copy it.
REAL_PERIOD = "fixtures/2025-08"


@pytest.fixture(scope="session")
def real_rules() -> RuleSet:
    report = Report()
    rules = load_rules(ROOT / "rules", report)
    assert rules is not None, [d.format() for d in report.sorted()]
    return rules


@pytest.fixture(scope="session")
def august_2025(real_rules: RuleSet) -> Evaluation:
    report = Report()
    outcomes = load_outcomes(ROOT / "fixtures" / "2025-08", real_rules, report)
    assert outcomes is not None, [d.format() for d in report.sorted()]
    return evaluate(real_rules, outcomes)


CliRun = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> CliRun:
    """Run `maluppfyllelse ARGS…` in-process in `cwd`; return (exit code, stdout, stderr)."""

    def _run(*args: str, cwd: Path) -> tuple[int, str, str]:
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse errors exit instead of returning
            code = exc.code if isinstance(exc.code, int) else 2
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of `old` in the file (a test's edit, as a person makes it)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """tmp_path/rules (the real rules) and tmp_path/fixtures/2025-08 (the real outcomes).
    A test module may define its own `project` instead."""
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / REAL_PERIOD, tmp_path / REAL_PERIOD)
    return tmp_path
