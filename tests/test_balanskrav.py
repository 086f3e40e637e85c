"""The balanskravsutredning (fixtures/2025-08/balanskrav.yaml, seed 004 rad 2309–2349):
every derived row computed, every printed total checked against its own sum."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from engine.checks.outcomes import load_outcomes
from engine.diagnostics import Report
from engine.evaluation.economy import balanskrav
from engine.evaluation.evaluate import Evaluation, evaluate
from engine.inputs.loaded import RuleSet
from engine.models.economy import BalanskravFile

ROOT = Path(__file__).resolve().parent.parent
FILE = ROOT / "fixtures" / "2025-08" / "balanskrav.yaml"


def _model(text: str) -> BalanskravFile:
    return BalanskravFile.model_validate(yaml.safe_load(text))


def _line_of(text: str, needle: str) -> int:
    lines = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    assert len(lines) == 1, needle
    return lines[0]


def _copy_period(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / "fixtures", tmp_path / "fixtures")
    return tmp_path / "fixtures" / "2025-08"


def test_2025_reproduces_the_printed_balanskravsresultat_from_its_parts() -> None:
    text = FILE.read_text(encoding="utf-8")
    raw = yaml.safe_load(text)["utredning"][0]
    assert raw["år"] == 2025
    # The parts as printed: −420 − 0,3 + 178,5 + 0 = −241,8.
    parts = ("årets_resultat", "realisationsvinster", "orealiserade_värdepapper")
    assert round(sum(raw[k] for k in parts) + raw["återföring_orealiserade"], 1) == -241.8
    # Without the printed totals the engine computes every derived row itself.
    for k in ("resultat_efter_justeringar", "balanskravsresultat", "ackumulerat_ej_återställt"):
        del raw[k]
    computed = balanskrav(BalanskravFile.model_validate({"utredning": [raw]}))
    values = computed.columns[0].values
    assert values["resultat_efter_justeringar"] == -241.8
    assert values["balanskravsresultat"] == -241.8
    assert values["att_återställa"] == -241.8
    assert values["ackumulerat_ej_återställt"] == pytest.approx(-916.9)
    assert computed.mismatches == []


def test_the_whole_table_adds_up_except_the_2023_rounding() -> None:
    result = balanskrav(_model(FILE.read_text(encoding="utf-8")))
    assert [(m.year, m.key, m.printed, m.computed) for m in result.mismatches] == [
        (2023, "resultat_efter_justeringar", -628.1, -628.0)
    ]
    by_year = {c.year: c.values for c in result.columns}
    # 2024: −667,7 + 456,7 = −211,0; the 211,0 'på längre tid' moves the date, not the sum.
    assert by_year[2024]["att_återställa"] == -211.0
    assert by_year[2025]["från_tidigare_år"] == -675.1
    assert [(r.year, r.amount, r.restore_by) for r in result.remaining] == [
        (2023, 464.1, 2028),
        (2024, 211.0, 2030),
        (2025, 241.8, 2028),
    ]


def test_a_surplus_restores_the_oldest_deficit_first() -> None:
    file = BalanskravFile.model_validate(
        {
            "utredning": [
                {"år": 2026, "årets_resultat": 100},
                {"år": 2025, "årets_resultat": -80},
                {"år": 2024, "årets_resultat": -50},
            ]
        }
    )
    result = balanskrav(file)
    assert [(r.year, r.amount) for r in result.remaining] == [(2025, 30.0)]
    assert result.latest.values["ackumulerat_ej_återställt"] == -30.0


def test_the_real_period_warns_once_at_the_2023_total(real_rules: RuleSet) -> None:
    report = Report()
    assert load_outcomes(FILE.parent, real_rules, report) is not None
    text = FILE.read_text(encoding="utf-8")
    found = [(d.location.line, d.code) for d in report.diagnostics]
    # (the CLI then finds it acknowledged on its line: '# maluppfyllelse: godkänd …')
    assert found == [(_line_of(text, "resultat_efter_justeringar: -628.1"), "tryckt-summa")]


@pytest.mark.parametrize(
    ("old", "new", "where", "says", "count"),
    [
        # a total changed: the diagnostic is at that total
        (
            "balanskravsresultat: -241.8      # rad 2329",
            "balanskravsresultat: -214.8      # rad 2329",
            "balanskravsresultat: -214.8",
            "balanskravsresultatet 2025 är −214,8 mkr, men årets resultat efter "
            "balanskravsjusteringar ger −241,8 mkr",
            2,  # and the accumulated total, which now does not add up either
        ),
        # a part changed: the total it no longer adds up to is pointed at
        (
            "årets_resultat: -420             # rad 2311",
            "årets_resultat: -421             # rad 2311",
            "resultat_efter_justeringar: -241.8",
            "årets resultat efter balanskravsjusteringar 2025 är −241,8 mkr",
            1,  # the rows below continue from the printed total: no cascade
        ),
        # the carried amount against the year before
        (
            "från_tidigare_år: -675.1",
            "från_tidigare_år: -657.1",
            "från_tidigare_år: -657.1",
            "negativt balanskravsresultat från tidigare år 2025 är −657,1 mkr",
            2,
        ),
    ],
)
def test_changing_one_figure_gives_a_diagnostic_at_its_line(
    real_rules: RuleSet, tmp_path: Path, old: str, new: str, where: str, says: str, count: int
) -> None:
    folder = _copy_period(tmp_path)
    path = folder / "balanskrav.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    report = Report()
    load_outcomes(folder, real_rules, report)
    hits = [d for d in report.diagnostics if d.location.line == _line_of(text, where)]
    assert [d.code for d in hits] == ["tryckt-summa"], [d.format() for d in report.diagnostics]
    assert says in hits[0].message
    assert hits[0].location.path.endswith("fixtures/2025-08/balanskrav.yaml")
    # besides the real 2023 rounding warning
    assert len(report.diagnostics) == 1 + count


def test_geh_rule_can_use_the_balanskravsresultat(
    real_rules: RuleSet, august_2025: Evaluation
) -> None:
    from engine.output.texts import text_names

    names = text_names(august_2025)  # the counts for the texts are unchanged
    assert names["finansiella"]["antal"] == 6
    from engine.evaluation.expressions import GEH_NAMES, compile_expression

    assert "balanskravsresultat" in GEH_NAMES
    rule = compile_expression("balanskravsresultat >= 0 and balanskrav_redovisat", GEH_NAMES)
    assert rule.evaluate({"balanskravsresultat": -241.8, "balanskrav_redovisat": True}) is False
    report = Report()
    outcomes = load_outcomes(FILE.parent, real_rules, report)
    assert outcomes is not None
    rules = real_rules
    saved = dict(rules.expressions)
    try:
        rules.expressions[("geh", "uppnådd")] = compile_expression(
            "balanskravsresultat > -300 and balanskrav_ackumulerat < -900", GEH_NAMES
        )
        assert evaluate(rules, outcomes).geh.achieved is True
        rules.expressions[("geh", "uppnådd")] = compile_expression(
            "balanskravsresultat >= 0", GEH_NAMES
        )
        assert evaluate(rules, outcomes).geh.achieved is False
    finally:
        rules.expressions.clear()
        rules.expressions.update(saved)
