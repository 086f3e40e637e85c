"""The fast path of `evaluate()` (engine.evaluation.bulk, all nämnder of a nyckeltal at
once) gives, pair by pair and field by field, what the general path `MeasureJudge.kpi`
gives: on the synthetic national set as generated, and with every method, history,
targets over time, baselines and declared judgements put into it."""

from __future__ import annotations

from itertools import cycle
from pathlib import Path
from typing import Any

import pytest

from engine.checks.outcomes import load_outcomes
from engine.checks.rules import load_rules
from engine.diagnostics import Report
from engine.evaluation.bulk import _plan, kpi_results
from engine.evaluation.evaluate import _Evaluator, evaluate
from engine.evaluation.results import Evaluation, MeasureResult
from engine.inputs.loaded import EarlierPeriod, PeriodOutcomes, RuleSet
from engine.models import (
    BeslutadBedomning,
    Forandring,
    Jamforelse,
    Kalla,
    MalOverTid,
    NivaOchTrend,
    Nyckeltal,
)
from engine.output.contracts import resultat
from engine.output.summary import json_text
from engine.output.texts import conclusion
from tests.test_bulk_synthetic import generator, loaded

ROOT = Path(__file__).resolve().parent.parent


def row(m: MeasureResult) -> dict[str, Any]:
    out = {name: getattr(m, name) for name in m._fields if name != "judgement"}
    j = m.judgement
    out |= {"account": j.account, "details": dict(j.details), "reason": j.reason}
    return out


def compare(rules: RuleSet, outcomes: PeriodOutcomes) -> tuple[int, int]:
    """Assert both paths agree on every nyckeltal; (pairs, pairs on the fast path)."""
    fast_judge = _Evaluator(rules, outcomes).measures
    general_judge = _Evaluator(rules, outcomes).measures
    pairs = planned = 0
    for ref in rules.measures("nyckeltal"):
        assert isinstance(ref.item, Nyckeltal)
        fast = kpi_results(fast_judge, ref)
        general = [general_judge.kpi(ref, n) for n in ref.item.namnder]
        assert [row(m) for m in fast] == [row(m) for m in general], ref.item.id
        pairs += len(fast)
        if _plan(fast_judge, ref, ref.item) is not None:
            planned += len(fast)
    assert [d.format() for d in fast_judge.report.sorted()] == [
        d.format() for d in general_judge.report.sorted()
    ]
    return pairs, planned


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bulk")
    generator().generate(folder, 8, 12, 1, None)
    return folder


def test_the_fast_path_agrees_on_the_synthetic_set(synthetic: Path) -> None:
    pairs, planned = compare(*loaded(synthetic))
    assert pairs == 8 * 12 * 8 and planned > pairs * 0.8


def test_the_fast_path_agrees_on_the_regions_plan() -> None:
    report = Report()  # the region's plan has a warning (a printed sum): not in the way
    rules = load_rules(ROOT / "rules", report)
    assert rules is not None
    outcomes = load_outcomes(ROOT / "fixtures" / "2025-08", rules, report)
    assert outcomes is not None and not report.errors
    pairs, planned = compare(rules, outcomes)
    assert pairs > 40 and planned > 0


#: What the rules are varied with, one nyckeltal after another (model fields by name).
RULE_VARIANTS: list[dict[str, Any]] = [
    {"judgement": Jamforelse.model_validate({"metod": "jämförelse", "mot": "föregående_år"})},
    {"judgement": Jamforelse.model_validate({"metod": "jämförelse", "mot": "föregående_period"})},
    {"judgement": NivaOchTrend.model_validate({"metod": "nivå_och_trend", "mot": "föregående_period"})},
    {"judgement": NivaOchTrend.model_validate({"metod": "nivå_och_trend", "regel": "båda"})},
    {"judgement": Forandring.model_validate({"metod": "förändring", "basår": 2024})},
    {"judgement": Forandring.model_validate({"metod": "förändring", "basår": 2024, "basvärde": 40})},
    {"baseline": 2025},
    {"baseline": 2024},
    {"targets_over_time": [MalOverTid.model_validate({"period": "2025-08", "mål": 61})]},
    {"targets_over_time": [MalOverTid.model_validate({"år": 2025, "mål": 58, "mål_text": "Minst 58"})]},
    {"targets_over_time": [MalOverTid.model_validate({"period": "2025-04", "mål": 12})]},
    {"target": None},
    {},
]  # fmt: skip

#: What the outcomes of one nämnd after another are varied with.
OUTCOME_VARIANTS: list[dict[str, Any]] = [
    {},
    {"previous": 47.5},
    {"value": None, "missing": "Rapporteras på helår."},
    {"carried_from": "2025-04"},
    {
        "source": Kalla.model_validate(
            {"system": "Kolada", "hämtad": "2025-09-01", "preliminär": True}
        )
    },
    {"judgement": BeslutadBedomning.model_validate({"status": "gul", "motivering": "Beslutat."})},
    {"judgement": BeslutadBedomning.model_validate({"status": "ej_bedömd", "motivering": "Ny."})},
    {},
]


def varied(rules: RuleSet, outcomes: PeriodOutcomes, other: PeriodOutcomes) -> None:
    """Every rule variant on some nyckeltal, every outcome variant on some pairs; the
    earlier folder also as the baseline of 2024, and `other` as the same period last year."""
    rules_cycle = cycle(RULE_VARIANTS)
    for area in rules.areas:
        kpis = area.model.nyckeltal
        kpis[:] = [k.model_copy(update=next(rules_cycle)) for k in kpis]
    earlier = outcomes.previous["föregående_period"]
    outcomes.previous["föregående_år"] = EarlierPeriod.of(other)
    outcomes.previous["baslinje_2024"] = earlier
    outcome_cycle = cycle(OUTCOME_VARIANTS)
    for key, entry in list(outcomes.kpi.items()):
        outcomes.kpi[key] = entry.model_copy(update=next(outcome_cycle))
    for key in list(earlier.kpi)[::3]:  # without a value there
        del earlier.kpi[key]


def test_the_fast_path_agrees_with_every_method_and_history(synthetic: Path) -> None:
    rules, outcomes = loaded(synthetic)
    varied(rules, outcomes, loaded(synthetic, "2025-12")[1])
    pairs, planned = compare(rules, outcomes)
    assert pairs == 8 * 12 * 8 and planned > pairs * 0.6


def test_the_varied_set_reaches_every_branch(synthetic: Path) -> None:
    """The comparison above is only worth something if the variants give what they
    should: statuses of every colour, trends, declared and missing values."""
    rules, outcomes = loaded(synthetic)
    varied(rules, outcomes, loaded(synthetic, "2025-12")[1])
    judge = _Evaluator(rules, outcomes).measures
    results = [m for ref in rules.measures("nyckeltal") for m in kpi_results(judge, ref)]
    methods = {m.method for m in results}
    assert {"jämförelse", "nivå_och_trend", "förändring", "kvot", "baslinje"} <= methods
    assert {m.status for m in results} == {"grön", "gul", "röd", "ej_bedömd"}
    assert {m.trend.word for m in results if m.trend} == {"bättre", "sämre", "oförändrad"}
    assert any(m.declared_status == "gul" for m in results)
    assert any(m.source is not None for m in results)
    assert any(m.target_applies == "2025" for m in results)
    assert any(m.trend is None and m.previous_period for m in results)  # other target then
    assert not Report().diagnostics


def test_the_json_of_the_varied_set_is_the_validated_contracts_text(synthetic: Path) -> None:
    """engine.output.resultat_json writes the nyckeltal rows without validating them: the
    text is still the contract's, on every method, trend, source and declared status."""
    rules, outcomes = loaded(synthetic)
    varied(rules, outcomes, loaded(synthetic, "2025-12")[1])
    e = evaluate(rules, outcomes)
    text = conclusion(rules, e, Report())
    expected = resultat(e, text).model_dump_json(by_alias=True, indent=2) + "\n"
    assert json_text(e, text) == expected


def test_the_common_json_row_is_the_general_one(synthetic: Path, august_2025: Evaluation) -> None:
    """resultat_json.kpi_row writes a row without källa or mål_beslut as one dict display:
    the same keys, in the same order, with the same values as the row built from the
    contract's field list, on every method and trend, and on the region's rows (each with
    its mål_beslut) also without one: among them the copies of its financial goals."""
    from engine.output.resultat_json import _general_row, kpi_row  # noqa: PLC0415

    rules, outcomes = loaded(synthetic)
    varied(rules, outcomes, loaded(synthetic, "2025-12")[1])
    region = august_2025.kpis
    kpis = [*evaluate(rules, outcomes).kpis, *region, *(m._replace(decision=None) for m in region)]
    common = [m for m in kpis if m.source is None and m.decision is None]
    assert common and len(common) < len(kpis)
    assert any(m.financial_goal for m in common) and any(m.trend for m in common)
    for m in kpis:
        assert list(kpi_row(m).items()) == list(_general_row(m).items())
