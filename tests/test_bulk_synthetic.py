"""The synthetic national set (bench/generate.py, here with 12 nämnder): outcomes from YAML,
CSV and Parquet evaluate the same, pair by pair, and `evaluate()` (with the garbage collector
paused) gives exactly what the evaluator gives run the ordinary way."""

from __future__ import annotations

import gc
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from engine.checks.outcomes import load_outcomes
from engine.checks.rules import load_rules
from engine.diagnostics import Report
from engine.evaluation.evaluate import Evaluation, _Evaluator, evaluate
from engine.inputs.loaded import PeriodOutcomes, RuleSet
from engine.output.summary import to_json
from engine.output.texts import conclusion

ROOT = Path(__file__).resolve().parent.parent
NAMNDER = 12


def generator() -> Any:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def loaded(root: Path, period: str = "2025-08") -> tuple[RuleSet, PeriodOutcomes]:
    report = Report()
    rules = load_rules(root / "rules", report)
    assert rules is not None, [d.format() for d in report.sorted()]
    outcomes = load_outcomes(root / "fixtures" / period, rules, report)
    assert outcomes is not None and not report.diagnostics, [d.format() for d in report.sorted()]
    return rules, outcomes


@pytest.fixture(scope="module")
def sets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    gen = generator()
    out = {}
    for table in (None, "csv", "parquet"):
        if table == "parquet" and importlib.util.find_spec("pyarrow") is None:
            continue
        folder = tmp_path_factory.mktemp(table or "yaml")
        gen.generate(folder, NAMNDER, 25, 1, table)
        out[table or "yaml"] = folder
    return out


def pairs(e: Evaluation) -> dict[tuple[str, str | None], dict[str, Any]]:
    rows = {}
    for m in e.kpis + e.goals:
        row = {name: getattr(m, name) for name in m._fields if name != "judgement"}
        row["account"] = m.account
        row["details"] = m.judgement.details
        rows[(m.id, m.namnd)] = row
    return rows


@pytest.mark.parametrize("table", ["csv", "parquet"])
def test_a_table_evaluates_as_the_yaml_pair_by_pair(sets: dict[str, Path], table: str) -> None:
    if table not in sets:
        pytest.skip("pyarrow saknas")
    yaml_rules, yaml_outcomes = loaded(sets["yaml"])
    table_rules, table_outcomes = loaded(sets[table])
    from_yaml = evaluate(yaml_rules, yaml_outcomes)
    from_table = evaluate(table_rules, table_outcomes)
    expected, got = pairs(from_yaml), pairs(from_table)
    assert len(expected) == 200 * NAMNDER + 4
    assert got.keys() == expected.keys()
    for key, row in expected.items():
        assert got[key] == row, key
    assert json.dumps(to_json(from_table, conclusion(table_rules, from_table, Report()))) == (
        json.dumps(to_json(from_yaml, conclusion(yaml_rules, from_yaml, Report())))
    )


def test_evaluate_gives_what_the_evaluator_gives_the_ordinary_way(sets: dict[str, Path]) -> None:
    rules, outcomes = loaded(sets["yaml"])
    assert gc.isenabled()
    ordinary = _Evaluator(rules, outcomes).run()
    fast = evaluate(rules, outcomes)
    assert gc.isenabled()  # restored
    expected, got = pairs(ordinary), pairs(fast)
    assert got.keys() == expected.keys()
    for key, row in expected.items():
        assert got[key] == row, key
    text = conclusion(rules, fast, Report())
    assert text == conclusion(rules, ordinary, Report())
    assert json.dumps(to_json(fast, text)) == json.dumps(to_json(ordinary, text))


def test_evaluate_leaves_a_paused_collector_paused(sets: dict[str, Path]) -> None:
    rules, outcomes = loaded(sets["csv"])
    gc.disable()
    try:
        evaluate(rules, outcomes)
        assert not gc.isenabled()
    finally:
        gc.enable()
