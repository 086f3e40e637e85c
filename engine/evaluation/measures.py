"""Stage 3, evaluate: one measure (a nyckeltal for one nämnd, or a financial goal) → its
`MeasureResult`, by the judgement method its rule declares (`engine.evaluation.methods`).
Used by `engine.evaluation.evaluate`; pure, like it.

Decisions (where the documents are silent):
- The target in force for a nämnd: its `avvikande_mål` first (it wins over everything
  for that nämnd), else the `mål_över_tid` entry for the evaluated period, else the one
  for the period's year, else the plain `mål` (`Measure.in_force`). `mål_gäller` names
  the entry ("2026-08" or "2026"), and is None for the plain or the nämnd's own target.
- No target in force, for a method that needs one: "ej bedömd", reason "inget mål för
  perioden ÅÅÅÅ-MM" (not an error: a plan may set targets for some periods only).
- The decision of the target in force: the nämnd's `avvikande_beslut`, else the entry's
  `beslut`, else (for a period's entry) that year's entry's, else the measure's, else the
  organisation's default.
- A declared `bedömning` on the nyckeltal's outcome (per nämnd) is the status shown and
  counted; the computed one is kept in `MeasureResult.judgement` (`computed_status`).
- History (`Past`): the previous period and the same period last year, the baseline
  measurement (`baslinje`), and the value the method compares with; see `past`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from engine.diagnostics import Location, Report
from engine.evaluation.expressions import ExpressionError
from engine.evaluation.judgement import Inputs, Judgement
from engine.evaluation.methods import METHODS, finite
from engine.evaluation.ratios import DIRECTIONS, banded_ratio
from engine.evaluation.results import MeasureResult
from engine.evaluation.trend import trend
from engine.inputs.loaded import Earlier, PeriodOutcomes, Ref, RuleSet
from engine.models import (
    DEFAULT_METHOD,
    Beslut,
    BeslutadBedomning,
    FinansielltMal,
    Jamforelse,
    KpiOutcome,
    Kvot,
    Measure,
    NivaOchTrend,
    Nyckeltal,
    Outcome,
    TableOutcome,
    Uttryck,
    needs_target,
)


@dataclass(frozen=True, slots=True)
class Target:
    """The target in force for one measure and nämnd this period."""

    value: float | None
    text: str
    #: The `mål_över_tid` entry used ("2026-08" or "2026"); None for the plain target.
    applies: str | None = None
    decision: Beslut | None = None


class Past(NamedTuple):
    """What a measure's history gives its method and its trend."""

    #: The value the method compares with (`föregående`), see `MeasureJudge.previous_value`.
    previous: float | None = None
    previous_period: Earlier | None = None
    last_year: Earlier | None = None
    #: The baseline measurement (`baslinje`): its year, and its value when in a later year.
    baseline_year: int | None = None
    baseline: Earlier | None = None


def _value(earlier: Earlier | None) -> float | None:
    return earlier.value if earlier is not None else None


class MeasureJudge:
    def __init__(self, rules: RuleSet, outcomes: PeriodOutcomes, report: Report) -> None:
        self.rules = rules
        self.out = outcomes
        self.report = report
        self.measured = set(outcomes.period.model.measured)
        self.band = rules.scale.model.yellow_band
        self.period = outcomes.period.model.period
        self.year = int(self.period[:4])
        self._targets: dict[tuple[int, str | None], Target] = {}

    def target(self, measure: Measure, kpi: Nyckeltal | None, namnd: str | None) -> Target:
        """The target in force for `namnd` this period, with its printed text and decision
        (see the module's decisions); worked out once per measure (and nämnd with its own
        target), as it is the same for every nämnd."""
        own = namnd if kpi is not None and namnd in kpi.target_by_namnd else None
        memo = (id(kpi if kpi is not None else measure), own)
        found = self._targets.get(memo)
        if found is None:
            found = self._targets[memo] = self._target(measure, kpi, own)
        return found

    def _target(self, measure: Measure, kpi: Nyckeltal | None, namnd: str | None) -> Target:
        default = self.rules.organisation.model.decision
        if kpi is not None and namnd is not None and namnd in kpi.target_by_namnd:
            decision = kpi.decision_by_namnd.get(namnd) or measure.decision or default
            return Target(kpi.target_by_namnd[namnd], "", None, decision)
        entry = measure.in_force(self.period)
        if entry is None:
            return Target(
                measure.target, measure.target_text or "", None, measure.decision or default
            )
        decision = measure.entry_decision(entry) or measure.decision or default
        return Target(entry.target, entry.target_text or "", entry.applies, decision)

    def judge(
        self,
        measure: Measure,
        target: float | None,
        entry: Outcome | TableOutcome | None,
        key: tuple[str, str],
        where: Callable[[], Location],
        past: Past,
    ) -> tuple[Judgement, str | None]:
        """Status of one measure; returns the judgement and, when not assessed, why."""
        if entry is None:
            if measure.frequency not in self.measured:
                why = f"mäts inte denna period (frekvens: {measure.frequency})"
            else:
                why = "utfall saknas"
            return Judgement("ej_bedömd", "saknas", f"ej bedömd: {why}"), why
        if entry.value is None:
            why = entry.missing or "utfall saknas"
            return Judgement("ej_bedömd", "saknas", f"ej bedömd: {why}"), why
        method = measure.judgement or DEFAULT_METHOD
        if past.baseline_year is not None and past.baseline_year >= self.year:
            # The baseline year, or before it: there is no target yet.
            why = f"baslinjemätning {past.baseline_year}; målet sätts utifrån värdet"
            return Judgement("ej_bedömd", "baslinje", f"ej bedömd: {why}", reason=why), why
        if target is None and needs_target(method):
            if past.baseline_year is not None:
                # A nyckeltal with `baslinje` may leave out `mål` (the checks see to it).
                why = f"mål saknas (baslinjemätning {past.baseline_year}; målet är ännu inte satt)"
            else:
                why = f"inget mål för perioden {self.period}"
            return Judgement("ej_bedömd", method.method, f"ej bedömd: {why}", reason=why), why
        if type(method) is Kvot and target is not None and measure.direction is not None:
            # The common case, judged directly: no Inputs, no dispatch (see banded_ratio).
            band = method.yellow_band or self.band
            return banded_ratio("kvot", entry.value, target, measure.direction, band), None
        inputs = Inputs(
            value=entry.value,
            target=target,
            direction=measure.direction,
            band=self.band,
            previous=past.previous,
            expression=self.rules.expressions.get(key),
            previous_period=_value(past.previous_period),
            last_year=_value(past.last_year),
            baseline=_value(past.baseline),
            baseline_year=past.baseline_year,
        )
        try:
            judgement = finite(METHODS[method.method](method, inputs))
            return judgement, judgement.reason
        except ExpressionError as exc:
            self.report.error(where(), "uttryck", str(exc))
            return Judgement("ej_bedömd", method.method, f"ej bedömd: {exc}"), str(exc)

    def earlier(self, which: str, kpi_id: str, namnd: str | None) -> Earlier | None:
        """The measure's value in an earlier period folder (`PeriodOutcomes.previous`),
        for the nyckeltal (`namnd` given) or the financial goal `kpi_id`."""
        folder = self.out.previous.get(which)
        if folder is None:
            return None
        return folder.kpi.get((kpi_id, namnd)) if namnd else folder.goals.get(kpi_id)

    def past(
        self,
        measure: Measure,
        kpi_id: str,
        namnd: str | None,
        entry: Outcome | TableOutcome | None,
        baseline_year: int | None = None,
    ) -> Past:
        """The history of one measure: the previous period, the same period last year,
        the baseline and the value its method compares with."""
        if not self.out.previous:  # no earlier folders: only a jämförelsevärde
            return Past(entry.previous if entry is not None else None, None, None, baseline_year)
        before = self.earlier("föregående_period", kpi_id, namnd)
        last_year = self.earlier("föregående_år", kpi_id, namnd)
        baseline = None
        if baseline_year is not None and baseline_year < self.year:
            baseline = self.earlier(f"baslinje_{baseline_year}", kpi_id, namnd)
        previous = self.previous_value(
            measure, entry, {"föregående_period": before, "föregående_år": last_year}
        )
        return Past(previous, before, last_year, baseline_year, baseline)

    def previous_value(
        self,
        measure: Measure,
        entry: Outcome | TableOutcome | None,
        history: dict[str, Earlier | None],
    ) -> float | None:
        """The earlier value a method compares with: the outcome's `jämförelsevärde` when
        it has one (for every method), else for `jämförelse` and `nivå_och_trend` the
        period it names, and for `uttryck` (its name `föregående`) the same period last
        year, else the period before (the first of the two that has a value)."""
        if entry is not None and entry.previous is not None:
            return entry.previous
        if isinstance(measure.judgement, (Jamforelse, NivaOchTrend)):
            against: tuple[str, ...] = (measure.judgement.against,)
        elif isinstance(measure.judgement, Uttryck):
            against = ("föregående_år", "föregående_period")
        else:
            return None
        return next((e.value for a in against if (e := history[a]) is not None), None)

    def goal(self, ref: Ref) -> MeasureResult:
        """A financial goal, from the plan's walk (`RuleSet.measures`)."""
        g = ref.item
        assert isinstance(g, FinansielltMal)
        entry = self.out.goals.get(g.id)
        past = self.past(g, g.id, None, entry)
        target = self.target(g, None, None)
        where = ref.at("bedömning")
        j, why = self.judge(g, target.value, entry, ref.key, lambda: where, past)
        return self._result(g, ref.area_id, None, target, entry, j, why, None, past)

    def kpi(self, ref: Ref, namnd: str) -> MeasureResult:
        """A nyckeltal for one of its nämnder, from the plan's walk (`RuleSet.measures`)."""
        kpi = ref.item
        assert isinstance(kpi, Nyckeltal)
        area_id = ref.area_id
        measure = self.rules.measure_for(kpi)
        if kpi.financial_goal is not None:
            entry: Outcome | TableOutcome | None = self.out.goals.get(kpi.financial_goal)
            own: KpiOutcome | None = self.out.kpi.get((kpi.id, namnd))
            key: tuple[str, str] = ("finansiellt_mål", kpi.financial_goal)
            comment = (
                own.comment if own is not None and own.comment else (entry.comment if entry else "")
            )
            past = self.past(measure, kpi.financial_goal, None, entry)
        else:
            own = self.out.kpi.get((kpi.id, namnd))
            entry = own
            key = ("nyckeltal", kpi.id)
            comment = entry.comment if entry else ""
            past = self.past(measure, kpi.id, namnd, entry, kpi.baseline)
        target = self.target(measure, kpi, namnd)
        j, why = self.judge(
            measure,
            target.value,
            entry,
            key,
            lambda: ref.at("bedömning"),
            past,
        )
        result = self._result(
            measure, area_id, namnd, target, entry, j, why, kpi.financial_goal, past, kpi, comment
        )
        declared = own.judgement if own is not None else None
        return result if declared is None else with_declared(result, declared, why)

    def _result(
        self,
        m: Measure,
        area_id: str,
        namnd: str | None,
        target: Target,
        entry: Outcome | TableOutcome | None,
        j: Judgement,
        why: str | None,
        financial_goal: str | None,
        past: Past,
        shown: Nyckeltal | None = None,
        comment: str | None = None,
    ) -> MeasureResult:
        value = entry.value if entry is not None else None
        return MeasureResult(
            id=shown.id if shown is not None else m.id,
            name=shown.name if shown is not None else m.name,
            area_id=area_id,
            namnd=namnd,
            unit=m.unit or "",
            direction=m.direction,
            target=target.value,
            target_text=target.text,
            value=value,
            ratio=j.ratio,
            status=j.status,
            method=j.method,
            judgement=j,
            comment=comment
            if comment is not None
            else (entry.comment if entry is not None else ""),
            missing_reason=why,
            carried_from=entry.carried_from if entry is not None else None,
            financial_goal=financial_goal,
            source=entry.source if entry is not None else None,
            previous_period=past.previous_period,
            last_year=past.last_year,
            trend=trend(
                value,
                DIRECTIONS[m.direction][0] if m.direction else None,
                *_trend_order(m, past, self.period),
            ),
            target_applies=target.applies,
            decision=target.decision,
        )


def with_declared(
    result: MeasureResult, declared: BeslutadBedomning, why: str | None
) -> MeasureResult:
    """`result` with the status declared in the outcome file (`bedömning:`) shown and
    counted; the computed one stays in its judgement."""
    return result._replace(
        status=declared.status,
        declared_status=declared.status,
        declared_motivation=declared.motivation,
        missing_reason=why if declared.status == "ej_bedömd" else None,
    )


def _trend_order(m: Measure, past: Past, period: str) -> tuple[Earlier | None, Earlier | None]:
    """The earlier values the trend tries, in order: the period the method compares with
    first (`mot: föregående_år` of jämförelse and nivå_och_trend), so that the trend shown
    beside the colour is the one the colour was judged on; else the previous period. Only
    periods with the same target in force as `period` (see `comparable`)."""
    if isinstance(m.judgement, (Jamforelse, NivaOchTrend)) and (
        m.judgement.against == "föregående_år"
    ):
        order = past.last_year, past.previous_period
    else:
        order = past.previous_period, past.last_year
    if not m.targets_over_time:
        return order
    return comparable(m, period, order[0]), comparable(m, period, order[1])


def comparable(m: Measure, period: str, earlier: Earlier | None) -> Earlier | None:
    """`earlier` when its period had the same target in force as `period`, else None.

    A nyckeltal whose target differs per period (455 in tertial 1, 227 in tertial 2)
    counts something per period, so its values in those periods are not comparable and
    no trend is drawn between them; the same period last year (same target) still is."""
    if earlier is None:
        return None
    return earlier if same_target(m, period, earlier.period) else None


def same_target(m: Measure, period: str, other: str) -> bool:
    """Whether the same target was in force for `m` in `period` and `other`."""

    def target(p: str) -> float | None:
        entry = m.in_force(p)
        return entry.target if entry is not None else m.target

    return target(other) == target(period)
