"""Stage 3, evaluate: one measure (a nyckeltal for one nämnd, or a financial goal) → its
`MeasureResult`, by the judgement method its rule declares (`engine.evaluation.methods`).
Used by `engine.evaluation.evaluate`; pure, like it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.diagnostics import Location, Report
from engine.evaluation.expressions import ExpressionError
from engine.evaluation.methods import METHODS, Inputs, Judgement, finite
from engine.evaluation.results import MeasureResult
from engine.inputs.loaded import PeriodOutcomes, RuleSet
from engine.inputs.parse import Source
from engine.models import DEFAULT_METHOD, Jamforelse, Measure, Nyckeltal, Outcome, Uttryck


class MeasureJudge:
    def __init__(self, rules: RuleSet, outcomes: PeriodOutcomes, report: Report) -> None:
        self.rules = rules
        self.out = outcomes
        self.report = report
        self.measured = set(outcomes.period.model.measured)
        self.band = rules.scale.model.yellow_band

    def judge(
        self,
        measure: Measure,
        target: float | None,
        entry: Outcome | None,
        key: tuple[str, str],
        where: Callable[[], Location],
        previous: float | None,
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
        inputs = Inputs(
            value=entry.value,
            target=target,
            direction=measure.direction,
            band=self.band,
            previous=previous,
            expression=self.rules.expressions.get(key),
        )
        try:
            judgement = finite(METHODS[method.method](method, inputs))
            return judgement, judgement.reason
        except ExpressionError as exc:
            self.report.error(where(), "uttryck", str(exc))
            return Judgement("ej_bedömd", method.method, f"ej bedömd: {exc}"), str(exc)

    def previous_value(
        self, measure: Measure, kpi_id: str, namnd: str | None, entry: Outcome | None
    ) -> float | None:
        """The earlier value a method compares with: the outcome's `jämförelsevärde` when
        it has one (for every method), else for `jämförelse` the period it names, and for
        `uttryck` (its name `föregående`) the same period last year, else the period
        before, when that folder exists."""
        if entry is not None and entry.previous is not None:
            return entry.previous
        if isinstance(measure.judgement, Jamforelse):
            against: tuple[str, ...] = (measure.judgement.against,)
        elif isinstance(measure.judgement, Uttryck):
            against = ("föregående_år", "föregående_period")
        else:
            return None
        earlier = next((self.out.previous[a] for a in against if a in self.out.previous), None)
        if earlier is None:
            return None
        prev = earlier.kpi.get((kpi_id, namnd)) if namnd else earlier.goals.get(kpi_id)
        return prev.value if prev is not None else None

    def goal(self, index: int) -> MeasureResult:
        """Financial goal `index` (only called when the plan has finansiella_mal.yaml)."""
        fin = self.rules.finance
        assert fin is not None
        g = fin.model.goals[index]
        entry = self.out.goals.get(g.id)
        where = fin.at("finansiella_mål", index, "bedömning")
        prev = self.previous_value(g, g.id, None, entry)
        j, why = self.judge(g, g.target, entry, ("finansiellt_mål", g.id), lambda: where, prev)
        return self._result(g, fin.model.malomrade, None, g.target, entry, j, why, None)

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
        prev = self.previous_value(measure, kpi.id, namnd, entry)
        j, why = self.judge(
            measure, target, entry, key, lambda: area_src.at("nyckeltal", index, "bedömning"), prev
        )
        return self._result(
            measure, area_id, namnd, target, entry, j, why, kpi.financial_goal, kpi, comment
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
        shown: Nyckeltal | None = None,
        comment: str | None = None,
    ) -> MeasureResult:
        target_text = m.target_text or ""
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
            value=entry.value if entry is not None else None,
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
        )
