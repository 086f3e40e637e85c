"""Stage 3, evaluate: rules × a period's outcomes → every status and the GEH verdict.

Pure and deterministic: no I/O, no clock; the same inputs give the same `Evaluation`.
It returns data only (statuses, counts, names); the texts of hushallning.yaml are
filled in from that data on the output side (`engine.output.texts`).
Problems found while evaluating (an expression that fails on real data, a declared
judgement that differs from the computed one without a motivering) are returned as
diagnostics with their YAML positions, for the CLI to print.

Decisions (where the documents are silent):
- A missing outcome, or a nyckeltal not measured this period, is "ej_bedömd": never red,
  and not counted among the colours.
- An uppdrag reported by several nämnder gets the worst of their colours (a nämnd that
  deviates is not hidden by one that is on plan). A colour declared in a nämnd's report
  (`bedömning:` with its motivering) is that report's colour; the worst is taken over
  those, and the colour of the status text is kept beside it.
- God ekonomisk hushållning and the summary count the uppdrag given by fullmäktige (the
  31 of the published summary) and those declared `i_sammanställningen: true`; the
  nämnder's other uppdrag appear in their tables only.
- A målområde's parts are its uppdrag (all), its nyckeltal (per nämnd) and, for the
  målområde the financial goals belong to, the financial goals.
- A plan without finansiella_mal.yaml (a nämnd's plan) has no goals; a plan without
  hushallning.yaml has no GEH verdict (`Evaluation.geh` is None, JSON null).
"""

from __future__ import annotations

from typing import Any

from engine.diagnostics import Report, Severity
from engine.evaluation.aggregation import combine, worst
from engine.evaluation.bulk import kpi_results
from engine.evaluation.economy import economy, geh_names
from engine.evaluation.expressions import ExpressionError
from engine.evaluation.measures import MeasureJudge
from engine.evaluation.results import (
    Achieved,
    AreaResult,
    Evaluation,
    GehResult,
    MeasureResult,
    UppdragReport,
    UppdragResult,
    count,
)
from engine.inputs.loaded import PeriodOutcomes, RuleSet
from engine.inputs.memory import collector_paused
from engine.inputs.parse import Source
from engine.models import Nyckeltal, StatusKey, Uppdrag


class _Evaluator:
    def __init__(self, rules: RuleSet, outcomes: PeriodOutcomes) -> None:
        self.rules = rules
        self.out = outcomes
        self.economy = economy(
            outcomes.balanskrav.model if outcomes.balanskrav else None,
            outcomes.atgarder.model if outcomes.atgarder else None,
            outcomes.budgetavvikelse.model if outcomes.budgetavvikelse else None,
        )
        self.report = Report()
        self.measures = MeasureJudge(rules, outcomes, self.report)

    # --- uppdrag and målområden ------------------------------------------------------

    def uppdrag(self, area_id: str, u: Uppdrag) -> UppdragResult:
        """One uppdrag: each nämnd's report as it gave it, the worst colour overall."""
        statuses = self.rules.scale.model.uppdrag_statuses
        reports = []
        for namnd in u.namnder:
            entry = self.out.uppdrag.get((u.id, namnd))
            if entry is None:
                reports.append(UppdragReport(namnd, None, "ej_bedömd", ""))
            else:
                computed = statuses.get(entry.status, "ej_bedömd")
                declared = entry.judgement
                reports.append(
                    UppdragReport(
                        namnd,
                        entry.status,
                        declared.status if declared else computed,
                        entry.comment,
                        computed,
                        declared.status if declared else None,
                        declared.motivation if declared else None,
                    )
                )
        assessed = [r.status for r in reports if r.status != "ej_bedömd"]
        status: StatusKey = worst(assessed) if assessed else "ej_bedömd"
        return UppdragResult(u.id, u.text, area_id, u.origin, status, reports, u.in_summary)

    def area(
        self,
        src: Source[Any],
        uppdrag: list[UppdragResult],
        kpis: list[MeasureResult],
        goals: list[MeasureResult],
    ) -> AreaResult:
        model = self.rules.area_by_id[src.model.id]
        wanted = set(self.rules.scale.model.aggregation.parts)
        parts: list[StatusKey] = []
        if "uppdrag" in wanted:
            parts += [u.status for u in uppdrag]
        if "nyckeltal" in wanted:
            parts += [k.status for k in kpis if k.financial_goal is None]
        own_goals = [g for g in goals if g.area_id == model.id]
        if "finansiella_mål" in wanted:
            parts += [g.status for g in own_goals]
        computed = combine(self.rules.scale.model.aggregation.rule, parts)
        out_src = self.out.areas.get(model.id)
        declared = out_src.model.judgement if out_src else None
        status = declared.status if declared else computed
        if declared and declared.status != computed and not (declared.motivation or "").strip():
            self.report.warning(
                out_src.at("bedömning", "status") if out_src else self.out.period.at(),
                "motivering-saknas",
                f"beslutad status '{declared.status}' skiljer sig från den beräknade '{computed}' "
                "men saknar motivering",
                "bedömning.status",
            )
        return AreaResult(
            id=model.id,
            name=model.name,
            overall_goal=model.overall_goal,
            order=model.order,
            comment=out_src.model.comment if out_src else "",
            status=status,
            computed_status=computed,
            declared_status=declared.status if declared else None,
            motivation=declared.motivation if declared else None,
            parts=count(parts),
            uppdrag_fullmaktige=sum(1 for u in uppdrag if u.in_summary),
            goal_counts=count([g.status for g in own_goals]),
            namnd_comments={n: c.comment for n, c in out_src.model.namnder.items()}
            if out_src
            else {},
            namnd_statuses={n: c.status for n, c in out_src.model.namnder.items() if c.status}
            if out_src
            else {},
        )

    # --- god ekonomisk hushållning ---------------------------------------------------

    def _rule(self, key: str, names: dict[str, Any]) -> bool:
        """A GEH rule must say yes or no; anything else is the rule's error, not 'yes'."""
        result = self.rules.expressions[("geh", key)].evaluate(names)
        if not isinstance(result, bool):
            raise ExpressionError(f"regeln '{key}' ska ge sant eller falskt, men gav {result!r}")
        return result

    def geh(
        self, areas: list[AreaResult], uppdrag: list[UppdragResult], goals: list[MeasureResult]
    ) -> GehResult | None:
        geh = self.rules.geh
        if geh is None:
            return None
        counts = {
            "målområden": count([a.status for a in areas]),
            "uppdrag": count([u.status for u in uppdrag if u.in_summary]),
            "finansiella": count([g.status for g in goals]),
        }
        names: dict[str, Any] = {
            f"{part}_{colour}": n for part, c in counts.items() for colour, n in c.items()
        }
        names.update(geh_names(self.economy))
        achieved: Achieved = False
        key = "uppnådd"
        try:
            if self._rule(key, names):
                achieved = True
            elif ("geh", "delvis") in self.rules.expressions:
                key = "delvis"
                if self._rule(key, names):
                    achieved = "delvis"
        except ExpressionError as exc:
            self.report.error(geh.at("regel", key), "uttryck", str(exc), f"regel.{key}")
        by_status = {
            c: [a.name.lower() for a in areas if a.status == c] for c in ("röd", "gul", "grön")
        }
        return GehResult(achieved, counts, by_status, geh.model.rule.achieved)

    def run(self) -> Evaluation:
        rules = self.rules
        goals = [self.measures.goal(ref) for ref in rules.measures("finansiellt_mål")]
        kpis: dict[str, list[MeasureResult]] = {a.model.id: [] for a in rules.areas}
        by_area: dict[str, list[UppdragResult]] = {a.model.id: [] for a in rules.areas}
        for ref in rules.measures("nyckeltal", "uppdrag"):  # the one walk, in plan order
            if isinstance(ref.item, Uppdrag):
                by_area[ref.area_id].append(self.uppdrag(ref.area_id, ref.item))
            elif isinstance(ref.item, Nyckeltal):
                kpis[ref.area_id] += kpi_results(self.measures, ref)
        areas = [self.area(a, by_area[a.model.id], kpis[a.model.id], goals) for a in rules.areas]
        uppdrag = [u for a in rules.areas for u in by_area[a.model.id]]
        all_kpis = [k for a in rules.areas for k in kpis[a.model.id]]
        geh = self.geh(areas, uppdrag, goals)
        period = self.out.period.model
        return Evaluation(
            organisation=self.rules.organisation.model.organisation.name,
            period=period.period,
            period_label=period.label,
            kpis=all_kpis,
            uppdrag=uppdrag,
            areas=areas,
            goals=goals,
            geh=geh,
            period_end=period.end_date,
            diagnostics=self.report.sorted(),
            economy=self.economy,
        )


def evaluate(rules: RuleSet, outcomes: PeriodOutcomes) -> Evaluation:
    """Evaluate a period. Pure: reads only its arguments. The cyclic garbage collector is
    paused while it runs (see engine.inputs.memory): the results are the same."""
    with collector_paused():
        return _Evaluator(rules, outcomes).run()


def kpi_results_from(rules: RuleSet, outcomes: PeriodOutcomes, first: int) -> list[MeasureResult]:
    """`evaluate(rules, outcomes).kpis` from the plan's `first`-th nyckeltal on (0: all),
    without the rest of the evaluation: each nyckeltal's results depend on its own rules
    and outcomes only, so they are the same (tests/test_rows_beside.py compares them). For
    a writer that evaluates the last nyckeltal in a child process while this one evaluates
    the whole period (engine.output.resultat_json.rows_beside). Pure, as `evaluate`."""
    with collector_paused():
        judge = _Evaluator(rules, outcomes).measures
        refs = list(rules.measures("nyckeltal"))[first:]
        return [m for ref in refs for m in kpi_results(judge, ref)]


__all__ = [
    "AreaResult",
    "Evaluation",
    "GehResult",
    "MeasureResult",
    "Severity",
    "UppdragReport",
    "UppdragResult",
    "count",
    "evaluate",
    "kpi_results_from",
]
