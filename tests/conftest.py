"""Shared fixtures: the real rules and the real August 2025 outcomes, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.diagnostics import Report
from engine.evaluate import Evaluation, evaluate
from engine.outcomes import load_outcomes
from engine.rules import RuleSet, load_rules

ROOT = Path(__file__).resolve().parent.parent


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
