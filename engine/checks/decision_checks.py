"""Decisions on targets: with `kräv_beslut: true` in organisation.yaml every target must
name the decision that set it (its own `beslut:` or the organisation's default), with
document, date, body and paragraph, so that an auditor can find it in the minutes.

A warning (`beslut-saknas`), so that `validate --strict` makes it an error in CI while a
report can still be drafted before the minutes are at hand. Not checked: a nyckeltal that
copies a financial goal (the goal is checked) and a measure without a target (judged
against an earlier value). Each target over time (`mål_över_tid`) is checked too: its own
`beslut`, else (for a period's target) its year's, else the measure's, else the
organisation's default.
"""

from __future__ import annotations

from engine.checks.rule_checks import own_measure
from engine.diagnostics import Report
from engine.inputs.loaded import Ref, RuleSet
from engine.models import Beslut, Measure, Nyckeltal


def effective(rules: RuleSet, measure: Measure, namnd: str | None = None) -> Beslut | None:
    """The decision behind a measure's target (for `namnd`: its deviating target's own
    decision first), else the measure's own, else the organisation's default."""
    if namnd is not None and isinstance(measure, Nyckeltal):
        own = measure.decision_by_namnd.get(namnd)
        if own is not None:
            return own
    return measure.decision or rules.organisation.model.decision


def decisions(rules: RuleSet, report: Report) -> None:
    if not rules.organisation.model.require_decision:
        return
    for ref in rules.measures("nyckeltal", "finansiellt_mål"):
        measure = own_measure(ref)
        if measure is None:
            continue
        deviating = list(measure.target_by_namnd) if isinstance(measure, Nyckeltal) else []
        targets: list[str | None] = [None] if measure.target is not None else []
        for namnd in targets + deviating:
            _check(rules, ref, measure, namnd, report)
        for i in range(len(measure.targets_over_time)):
            _check_entry(rules, ref, measure, i, report)


def _check_entry(rules: RuleSet, ref: Ref, measure: Measure, i: int, report: Report) -> None:
    entry = measure.targets_over_time[i]
    own = measure.entry_decision(entry)
    decision = own or measure.decision or rules.organisation.model.decision
    missing = decision.missing() if decision else ["dokument", "datum", "organ", "paragraf"]
    if not missing:
        return
    sub: tuple[str | int, ...] = (
        ("mål_över_tid", i, "beslut") if entry.decision else ("mål_över_tid", i)
    )
    said = (
        "beslutet"
        if own or measure.decision
        else ("standardbeslutet i organisation.yaml" if decision else "inget beslut")
    )
    report.warning(
        ref.at(*sub),
        "beslut-saknas",
        f"målet för {entry.applies} för '{measure.id}': {said} saknar {', '.join(missing)}; "
        "ange beslut: {dokument, datum, organ, paragraf} på målet eller i organisation.yaml",
        ref.name(*sub),
    )


def _check(rules: RuleSet, ref: Ref, measure: Measure, namnd: str | None, report: Report) -> None:
    decision = effective(rules, measure, namnd)
    missing = decision.missing() if decision else ["dokument", "datum", "organ", "paragraf"]
    if not missing:
        return
    deviating = isinstance(measure, Nyckeltal) and namnd in measure.decision_by_namnd
    own = measure.decision is not None or deviating
    sub: tuple[str, ...] = ("avvikande_beslut", namnd) if deviating and namnd else ("beslut",)
    said = (
        "beslutet"
        if own
        else ("standardbeslutet i organisation.yaml" if decision else "inget beslut")
    )
    which = f"{namnd}:s avvikande mål" if namnd else "målet"
    report.warning(
        ref.at(*sub) if own else ref.at(),
        "beslut-saknas",
        f"{which} för '{measure.id}': {said} saknar {', '.join(missing)}; ange "
        "beslut: {dokument, datum, organ, paragraf} på målet eller i organisation.yaml",
        ref.name(*sub) if own else ref.name(),
    )
