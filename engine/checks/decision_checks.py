"""Decisions on targets: with `kräv_beslut: true` in organisation.yaml every target must
name the decision that set it (its own `beslut:` or the organisation's default), with
document, date, body and paragraph, so that an auditor can find it in the minutes.

A warning (`beslut-saknas`), so that `validate --strict` makes it an error in CI while a
report can still be drafted before the minutes are at hand. Not checked: a nyckeltal that
copies a financial goal (the goal is checked) and a measure without a target (judged
against an earlier value).
"""

from __future__ import annotations

from engine.checks.rule_checks import own_measure
from engine.diagnostics import Report
from engine.inputs.loaded import RuleSet
from engine.models import Beslut, Measure, Nyckeltal


def effective(rules: RuleSet, measure: Measure) -> Beslut | None:
    """The decision behind a measure's target: its own, else the organisation's default."""
    return measure.decision or rules.organisation.model.decision


def decisions(rules: RuleSet, report: Report) -> None:
    if not rules.organisation.model.require_decision:
        return
    for ref in rules.measures("nyckeltal", "finansiellt_mål"):
        measure = own_measure(ref)
        if measure is None:
            continue
        has_target = measure.target is not None or (
            isinstance(measure, Nyckeltal) and bool(measure.target_by_namnd)
        )
        if not has_target:
            continue
        decision = effective(rules, measure)
        missing = decision.missing() if decision else ["dokument", "datum", "organ", "paragraf"]
        if not missing:
            continue
        own = measure.decision is not None
        where = ref.at("beslut") if own else ref.at()
        said = (
            "beslutet"
            if own
            else ("standardbeslutet i organisation.yaml" if decision else "inget beslut")
        )
        report.warning(
            where,
            "beslut-saknas",
            f"målet för '{measure.id}': {said} saknar {', '.join(missing)}; ange "
            "beslut: {dokument, datum, organ, paragraf} på målet eller i organisation.yaml",
            ref.name("beslut") if own else ref.name(),
        )
