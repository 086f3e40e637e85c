"""Stage 3, evaluate: all nämnder of one nyckeltal at once, worked out once per nyckeltal.

For a nyckeltal everything but the nämnd's outcome is the same for every nämnd: the method
and its expression, the target in force with its decision, the yellow band, which earlier
period folders the method and the trend use. `kpi_results` works that out once (`_Plan`)
and then judges each nämnd in a short loop, `kvot` (the common case) directly by
`banded_ratio`, every other method through `METHODS` as `MeasureJudge.judge` does.

The general path, `MeasureJudge.kpi`, still judges what is not the same for every nämnd or
is rare: a nämnd with its own target (`avvikande_mål`), a nyckeltal without a target in
force for a method that needs one, in or before its baseline year, or measured by a
financial goal, and a pair whose expression fails (so that the error is reported at its
line as before). The results are the same, field by field, as `MeasureJudge.kpi` gives
for every pair: tests/test_bulk_evaluation.py compares the two on the synthetic national
set and on the region's own plan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from engine.diagnostics import Location
from engine.evaluation.expressions import ExpressionError
from engine.evaluation.judgement import Inputs, Judgement
from engine.evaluation.measures import MeasureJudge, Past, Target, same_target, with_declared
from engine.evaluation.methods import METHODS, finite
from engine.evaluation.ratios import DIRECTIONS, banded
from engine.evaluation.results import MeasureResult
from engine.evaluation.trend import Trend, compare
from engine.inputs.loaded import Compiled, Earlier, EarlierPeriod, Ref
from engine.models import (
    DEFAULT_METHOD,
    Band,
    Bedomning,
    Jamforelse,
    KpiOutcome,
    Kvot,
    NivaOchTrend,
    Nyckeltal,
    Uttryck,
    needs_target,
)


def _folder(judge: MeasureJudge, which: str) -> EarlierPeriod | None:
    return judge.out.previous.get(which)


def _value_in(folder: EarlierPeriod | None, kid: str, namnd: str) -> Earlier | None:
    """The nämnd's value in an earlier folder (as `MeasureJudge.earlier`)."""
    return folder.kpi.get((kid, namnd)) if folder is not None else None


_NONE: dict[tuple[str, str], Earlier] = {}

#: `tuple.__new__`: builds a named tuple from all its fields without the Python-level
#: `__new__` or `_make` (about a third of a microsecond each, once or more per pair). Only
#: for tuples given every field, in order; tests/test_bulk_evaluation.py compares them.
_new = tuple.__new__


def _lookup(folder: EarlierPeriod | None) -> Callable[[tuple[str, str]], Earlier | None]:
    """The lookup of an earlier folder's values (empty without it)."""
    return folder.kpi.get if folder is not None else _NONE.get


def _value(e: Earlier | None) -> float | None:
    return e.value if e is not None else None


@dataclass(slots=True)
class _Plan:
    """What is the same for every nämnd of one nyckeltal this period."""

    judge: MeasureJudge
    ref: Ref
    kpi: Nyckeltal
    method: Bedomning
    target: Target
    #: Higher is better (None without a riktning), for the trend.
    higher: bool | None
    band: Band
    before: EarlierPeriod | None
    last: EarlierPeriod | None
    baseline: EarlierPeriod | None
    #: Whether the trend may use the previous period, the same period last year.
    use_before: bool
    use_last: bool
    #: The trend tries the same period last year first (jämförelse/nivå_och_trend mot år).
    last_first: bool
    #: The folders a method's `föregående` comes from, in order (`previous_value`).
    against: tuple[str, ...]
    #: The nyckeltal's compiled `uttryck`, if it has one.
    expression: Compiled | None

    def results(self, namnder: list[str]) -> list[MeasureResult]:
        """The nämnder's results, in order. Written as one loop over local names: it runs
        once per pair of a national plan, so each lookup saved counts."""
        kpi, target, judge, ref = self.kpi, self.target, self.judge, self.ref
        kid, name, area_id, unit, direction = kpi.id, kpi.name, ref.area_id, kpi.unit or "", kpi.direction  # fmt: skip
        tv, ttext, applies, decision = target.value, target.text, target.applies, target.decision
        kvot = type(self.method) is Kvot and tv is not None and direction is not None
        higher, last_first, own = self.higher, self.last_first, kpi.target_by_namnd
        strict, low, high = direction is not None and DIRECTIONS[direction][1], self.band.low, self.band.high  # fmt: skip
        b_get, l_get = _lookup(self.before), _lookup(self.last)
        use_before, use_last = self.use_before, self.use_last
        get = judge.out.kpi.get
        out: list[MeasureResult] = []
        for n in namnder:
            key = (kid, n)
            entry = get(key)
            if own and n in own:
                out.append(judge.kpi(ref, n))
                continue
            pp, ly = b_get(key), l_get(key)
            if entry is None or (value := entry.value) is None:
                j, why = judge.judge(kpi, None, entry, ("nyckeltal", kid), _nowhere, Past())
                value = None
            elif kvot:
                j, why = banded("kvot", value, tv, direction, higher, strict, low, high), None  # type: ignore[arg-type]
            else:
                try:
                    j, why = self.judged(entry, value, n, pp, ly)
                except ExpressionError:  # reported, at the rule's line, by the general path
                    out.append(judge.kpi(ref, n))
                    continue
            # The trend rule of engine.evaluation.trend.trend, written out.
            a, b = (pp if use_before else None), (ly if use_last else None)
            against = (b or a) if last_first else (a or b)
            if value is None or higher is None or against is None:
                shown = None
            else:
                shown = _new(Trend, (compare(value, against.value, higher), against))
            result = _new(MeasureResult, (
                kid, name, area_id, n, unit, direction, tv, ttext, value, j.ratio, j.status,
                j.method, j, entry.comment if entry is not None else "", why,
                entry.carried_from if entry is not None else None, None,
                entry.source if entry is not None else None, pp, ly, shown, applies, decision,
                None, None,
            ))  # fmt: skip
            if entry is not None and entry.judgement is not None:
                result = with_declared(result, entry.judgement, why)
            out.append(result)
        return out

    def judged(
        self, entry: KpiOutcome, value: float, n: str, pp: Earlier | None, ly: Earlier | None
    ) -> tuple[Judgement, str | None]:
        """The judgement of a value by any method but plain `kvot` (which `results`
        judges itself), as `MeasureJudge.judge`; raises ExpressionError from an `uttryck`."""
        kpi, judge = self.kpi, self.judge
        previous = entry.previous
        if previous is None:  # as MeasureJudge.previous_value
            history = {"föregående_period": pp, "föregående_år": ly}
            previous = next((e.value for a in self.against if (e := history[a]) is not None), None)
        baseline = _value_in(self.baseline, kpi.id, n) if self.baseline is not None else None
        inputs = _new(Inputs, (
            value, self.target.value, kpi.direction, judge.band, previous, self.expression,
            _value(pp), _value(ly), _value(baseline), kpi.baseline,
        ))  # fmt: skip
        judgement = finite(METHODS[self.method.method](self.method, inputs))
        return judgement, judgement.reason


def _nowhere() -> Location:
    raise AssertionError("a missing value is judged without an expression")


def _plan(judge: MeasureJudge, ref: Ref, kpi: Nyckeltal) -> _Plan | None:
    """The nyckeltal's plan, or None when it goes through the general path."""
    method = kpi.judgement or DEFAULT_METHOD
    if kpi.financial_goal is not None:
        return None
    if kpi.baseline is not None and kpi.baseline >= judge.year:
        return None
    target = judge.target(kpi, kpi, None)
    if target.value is None and needs_target(method):
        return None
    before = _folder(judge, "föregående_period")
    last = _folder(judge, "föregående_år")
    compared = isinstance(method, (Jamforelse, NivaOchTrend))
    if isinstance(method, (Jamforelse, NivaOchTrend)):
        against: tuple[str, ...] = (method.against,)
    elif isinstance(method, Uttryck):
        against = ("föregående_år", "föregående_period")
    else:
        against = ()
    return _Plan(
        judge=judge,
        ref=ref,
        kpi=kpi,
        method=method,
        target=target,
        higher=DIRECTIONS[kpi.direction][0] if kpi.direction else None,
        band=(method.yellow_band if isinstance(method, Kvot) else None) or judge.band,
        before=before,
        last=last,
        baseline=None if kpi.baseline is None else _folder(judge, f"baslinje_{kpi.baseline}"),
        use_before=before is not None and _same_target(kpi, judge.period, before.period),
        use_last=last is not None and _same_target(kpi, judge.period, last.period),
        last_first=compared and against == ("föregående_år",),
        against=against,
        expression=judge.rules.expressions.get(("nyckeltal", kpi.id)),
    )


def kpi_results(judge: MeasureJudge, ref: Ref) -> list[MeasureResult]:
    """Every nämnd of the nyckeltal `ref`, in the plan's order of nämnder."""
    kpi = ref.item
    assert isinstance(kpi, Nyckeltal)
    plan = _plan(judge, ref, kpi)
    if plan is None:
        return [judge.kpi(ref, n) for n in kpi.namnder]
    return plan.results(kpi.namnder)


def _same_target(kpi: Nyckeltal, period: str, earlier_period: str) -> bool:
    return not kpi.targets_over_time or same_target(kpi, period, earlier_period)
