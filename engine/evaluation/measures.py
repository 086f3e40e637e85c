"""Stage 3, evaluate: one measure (a nyckeltal for one nämnd, or a financial goal) → its
`MeasureResult`, by the judgement method its rule declares (`engine.evaluation.methods`).
Used by `engine.evaluation.evaluate`; pure, like it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from engine.diagnostics import Location, Report
from engine.evaluation.expressions import ExpressionError
from engine.evaluation.methods import DIRECTIONS, METHODS, Inputs, Judgement, finite
from engine.evaluation.results import MeasureResult
from engine.evaluation.trend import Earlier, trend
from engine.inputs.loaded import PeriodOutcomes, RuleSet
from engine.inputs.parse import Source
from engine.models import (
    DEFAULT_METHOD,
    Jamforelse,
    Measure,
    NivaOchTrend,
    Nyckeltal,
    Outcome,
    Uttryck,
)


@dataclass(frozen=True)
class Past:
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
        self.year = int(outcomes.period.model.period[:4])

    def judge(
        self,
        measure: Measure,
        target: float | None,
        entry: Outcome | None,
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
        assert measure.direction is not None
        if past.baseline_year is not None and past.baseline_year >= self.year:
            # The baseline year, or before it: there is no target yet.
            why = f"baslinjemätning {past.baseline_year}; målet sätts utifrån värdet"
            return Judgement("ej_bedömd", "baslinje", f"ej bedömd: {why}", reason=why), why
        if target is None and not isinstance(method, Jamforelse):
            # Only a nyckeltal with `baslinje` may leave out `mål` (the checks see to it).
            why = f"mål saknas (baslinje {past.baseline_year}; sätt målet utifrån basvärdet)"
            return Judgement("ej_bedömd", method.method, f"ej bedömd: {why}", reason=why), why
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
        prev = folder.kpi.get((kpi_id, namnd)) if namnd else folder.goals.get(kpi_id)
        if prev is None or prev.value is None:
            return None
        return Earlier(folder.period.model.period, prev.value)

    def past(
        self,
        measure: Measure,
        kpi_id: str,
        namnd: str | None,
        entry: Outcome | None,
        baseline_year: int | None = None,
    ) -> Past:
        """The history of one measure: the previous period, the same period last year,
        the baseline and the value its method compares with."""
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
        self, measure: Measure, entry: Outcome | None, history: dict[str, Earlier | None]
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

    def goal(self, index: int) -> MeasureResult:
        """Financial goal `index` (only called when the plan has finansiella_mal.yaml)."""
        fin = self.rules.finance
        assert fin is not None
        g = fin.model.goals[index]
        entry = self.out.goals.get(g.id)
        where = fin.at("finansiella_mål", index, "bedömning")
        past = self.past(g, g.id, None, entry)
        j, why = self.judge(g, g.target, entry, ("finansiellt_mål", g.id), lambda: where, past)
        return self._result(g, fin.model.malomrade, None, g.target, entry, j, why, None, past)

    def kpi(
        self, area_src: Source[Any], area_id: str, index: int, kpi: Nyckeltal, namnd: str
    ) -> MeasureResult:
        measure = self.rules.measure_for(kpi)
        if kpi.financial_goal is not None:
            entry: Outcome | None = self.out.goals.get(kpi.financial_goal)
            own = self.out.kpi.get((kpi.id, namnd))
            key: tuple[str, str] = ("finansiellt_mål", kpi.financial_goal)
            comment = (
                own.comment if own is not None and own.comment else (entry.comment if entry else "")
            )
        else:
            entry = self.out.kpi.get((kpi.id, namnd))
            key = ("nyckeltal", kpi.id)
            comment = entry.comment if entry else ""
        target = kpi.target_by_namnd.get(namnd, measure.target)
        if kpi.financial_goal is not None:
            past = self.past(measure, kpi.financial_goal, None, entry)
        else:
            past = self.past(measure, kpi.id, namnd, entry, kpi.baseline)
        j, why = self.judge(
            measure, target, entry, key, lambda: area_src.at("nyckeltal", index, "bedömning"), past
        )
        return self._result(
            measure, area_id, namnd, target, entry, j, why, kpi.financial_goal, past, kpi, comment
        )

    def _result(
        self,
        m: Measure,
        area_id: str,
        namnd: str | None,
        target: float | None,
        entry: Outcome | None,
        j: Judgement,
        why: str | None,
        financial_goal: str | None,
        past: Past,
        shown: Nyckeltal | None = None,
        comment: str | None = None,
    ) -> MeasureResult:
        target_text = m.target_text or ""
        value = entry.value if entry is not None else None
        if shown is not None and namnd in shown.target_by_namnd:
            target_text = ""
        return MeasureResult(
            id=shown.id if shown is not None else m.id,
            name=shown.name if shown is not None else m.name,
            area_id=area_id,
            namnd=namnd,
            unit=m.unit or "",
            direction=m.direction,
            target=target,
            target_text=target_text,
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
                past.previous_period,
                past.last_year,
            ),
        )
