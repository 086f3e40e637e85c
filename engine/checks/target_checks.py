"""Targets over time (`mål_över_tid`): a target per period or per year of the plan.

Each entry names exactly one of `period` (ÅÅÅÅ-MM, a real month) or `år`, and each
period or year once; with `kvot` its target is above 0, and a share's lies between 0 and
100 %, as for the plain `mål` (`engine.checks.rule_checks`). Which entry is in force is
decided in `Measure.in_force`.
"""

from __future__ import annotations

import re

from engine.checks.rule_checks import err, is_share, own_measure
from engine.diagnostics import Report
from engine.inputs.loaded import Ref
from engine.models import DEFAULT_METHOD, Kvot, MalOverTid

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def targets_over_time(ref: Ref, report: Report) -> None:
    m = own_measure(ref)
    if m is None:
        return
    seen: dict[str, int] = {}
    for i, entry in enumerate(m.targets_over_time):
        where = ("mål_över_tid", i)
        if not _shape(ref, where, entry, report):
            continue
        applies = entry.applies
        if applies in seen:
            what = "perioden" if entry.period is not None else "året"
            err(
                report,
                ref,
                where,
                "dubblett-mål",
                f"{what} {applies} har redan ett mål (mål_över_tid[{seen[applies] + 1}]); "
                "ta bort det ena",
            )
            continue
        seen[applies] = i
        _value(ref, where, entry, isinstance(m.judgement or DEFAULT_METHOD, Kvot), report)
        if is_share(m) and not 0 <= entry.target <= 100:
            err(
                report,
                ref,
                (*where, "mål"),
                "andel",
                f"en andel måste ligga mellan 0 och 100 %, inte {entry.target:g} %",
            )


def _shape(ref: Ref, where: tuple[str, int], entry: MalOverTid, report: Report) -> bool:
    """Exactly one of period and år, and a period that is a month; False if not."""
    if (entry.period is None) == (entry.year is None):
        said = (
            "både 'period' och 'år'" if entry.period is not None else "varken 'period' eller 'år'"
        )
        err(
            report,
            ref,
            where,
            "mål-över-tid",
            f"ett mål över tid anger {said}; ange en av dem, t.ex. period: 2026-08 eller år: 2026",
        )
        return False
    if entry.period is not None and not _MONTH.match(entry.period):
        err(
            report,
            ref,
            (*where, "period"),
            "mål-period",
            f"perioden '{entry.period}' är inte en månad som ÅÅÅÅ-MM, t.ex. '2026-08'",
        )
        return False
    if entry.year is not None and not 1900 <= entry.year <= 2200:
        err(report, ref, (*where, "år"), "mål-period", f"året {entry.year} är inte ett årtal")
        return False
    return True


def _value(
    ref: Ref, where: tuple[str, int], entry: MalOverTid, ratio: bool, report: Report
) -> None:
    if ratio and entry.target <= 0:
        err(
            report,
            ref,
            (*where, "mål"),
            "kvot-noll",
            f"målet för {entry.applies} är {entry.target:g}; en kvot kräver ett mål större än 0",
        )
