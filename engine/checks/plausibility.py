"""Plausibility warnings: the mistakes people make when typing targets.

Each is a warning with its own code, so `--strict` can promote it to an error; the checks
are registered, with their codes, in `engine.checks.registry`:

- `procent-över-100`: a target in percent above 100 that is not a share ("Andel …"
  outside 0–100 is already an error) and not judged as a change; usually a typo.
- `riktning-motsäger-namn`: the name says "minska"/"lägre"/"kortare" but higher is
  better, or "öka"/"högre" but lower is better (not for shares, "Andel …", whose
  words describe the cases counted, not the direction).
- `olika-mål`: the same nyckeltal (same name) for the same nämnd declared twice with
  different targets.
- `gult-omöjligt`: a judgement whose yellow can never occur: custom bands without a
  yellow band (a yellow band with no width is already an error).
- `mål-styr-inte`: the last three periods' outcomes all exceed the target by far
  (måluppfyllelse at least `FAR_ABOVE` %); the target no longer steers.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from engine.checks.rule_checks import own_measure
from engine.diagnostics import Report
from engine.evaluation.ratios import DIRECTIONS, ratio
from engine.inputs.loaded import PeriodOutcomes, Ref, RuleSet
from engine.models import DEFAULT_METHOD, Banded, Forandring, Kvot, Nyckeltal

FAR_ABOVE = 120.0
_DECREASE = re.compile(r"\b(minska\w*|lägre|kortare|färre|sänk\w*)\b", re.IGNORECASE)
_INCREASE = re.compile(r"\b(öka\w*|högre|fler|förbättra\w*)\b", re.IGNORECASE)


@dataclass(frozen=True)
class History:
    """The rules and the valid periods up to the one checked, oldest first."""

    rules: RuleSet
    periods: list[PeriodOutcomes]


def warn(report: Report, ref: Ref, sub: tuple[str | int, ...], code: str, message: str) -> None:
    report.warning(ref.at(*sub), code, message, ref.name(*sub))


def percent_above_100(ref: Ref, report: Report) -> None:
    m = own_measure(ref)
    if (
        m is not None
        and m.target is not None
        and (m.unit or "").strip() == "%"
        and m.target > 100
        and not m.name.lower().startswith("andel")
        and not isinstance(m.judgement, Forandring)
    ):
        warn(
            report,
            ref,
            ("mål",),
            "procent-över-100",
            f"målet {m.target:g} % är över 100 %; stämmer det?",
        )


def direction_matches_name(ref: Ref, report: Report) -> None:
    m = own_measure(ref)
    # "Andel … kortare än 90 dagar" is a share of good cases: its words say nothing about direction.
    if m is None or m.direction is None or m.name.lower().startswith("andel"):
        return
    higher, _ = DIRECTIONS[m.direction]
    down, up = _DECREASE.search(m.name), _INCREASE.search(m.name)
    word, better = "", ""
    if higher and down and not up:
        word, better = down.group(0), "högre"
    elif not higher and up and not down:
        word, better = up.group(0), "lägre"
    if word:
        warn(
            report,
            ref,
            ("riktning",),
            "riktning-motsäger-namn",
            f"namnet säger '{word}' men riktningen '{m.direction}' betyder att {better} är bättre",
        )


def yellow_possible(ref: Ref, report: Report) -> None:
    m = own_measure(ref)
    method = m.judgement if m is not None else None
    if isinstance(method, Banded) and not any(b.status == "gul" for b in method.bands):
        warn(
            report,
            ref,
            ("bedömning", "band"),
            "gult-omöjligt",
            "inget av intervallen ger gult; är det avsiktligt?",
        )


def same_target(rules: RuleSet, report: Report) -> None:
    """The same nyckeltal (by name) for the same nämnd has one target. Only names that
    more than one nyckeltal bears are compared (a national plan's 200 nyckeltal with 300
    nämnder each have a name of their own)."""
    by_name: dict[str, list[tuple[Ref, Nyckeltal]]] = defaultdict(list)
    for ref in rules.measures("nyckeltal"):
        assert isinstance(ref.item, Nyckeltal)
        by_name[" ".join(ref.item.name.lower().split())].append((ref, ref.item))
    seen: dict[tuple[str, str], list[tuple[Ref, float]]] = defaultdict(list)
    for name, named in by_name.items():
        if len(named) < 2:
            continue
        for ref, kpi in named:
            for namnd in kpi.namnder:
                target = kpi.target_by_namnd.get(namnd, kpi.target)
                if target is not None:
                    seen[(name, namnd)].append((ref, target))
    for (_name, namnd), entries in seen.items():
        if len({t for _, t in entries}) > 1:
            first_ref, first_t = entries[0]
            first = first_ref.at("mål")
            for ref, target in entries[1:]:
                if target != first_t:
                    report.warning(
                        ref.at("mål"),
                        "olika-mål",
                        f"samma nyckeltal för {namnd} har målet {first_t:g} på {first.path}:{first.line}, här {target:g}",
                        ref.name("mål"),
                    )


def target_steers(history: History, report: Report) -> None:
    """Warn where the last three periods' outcomes all far exceed the target."""
    rules, periods = history.rules, history.periods
    if len(periods) < 3:
        return
    last = periods[-3:]
    for ref in rules.measures("nyckeltal"):
        kpi = ref.item
        assert isinstance(kpi, Nyckeltal)
        # Not for targets over time: the target moves from period to period, so three
        # outcomes above "the" target say nothing about whether it steers.
        if (
            kpi.financial_goal is not None
            or kpi.targets_over_time
            or kpi.direction is None
            or not isinstance(kpi.judgement or DEFAULT_METHOD, Kvot)
        ):
            continue
        for namnd in kpi.namnder:
            target = kpi.target_by_namnd.get(namnd, kpi.target)
            if target is None or target <= 0:
                continue
            values = [p.kpi.get((kpi.id, namnd)) for p in last]
            ratios = [
                ratio(v.value, target, kpi.direction)
                if v is not None and v.value is not None
                else None
                for v in values
            ]
            if all(r is not None and r >= FAR_ABOVE for r in ratios):
                shown = ", ".join(
                    f"{p.period.model.period}: {v.value:g}"
                    for p, v in zip(last, values, strict=True)
                    if v and v.value is not None
                )
                report.warning(
                    ref.at("mål"),
                    "mål-styr-inte",
                    f"{namnd}: de tre senaste utfallen ({shown}) överträffar målet {target:g} med minst "
                    f"{FAR_ABOVE - 100:g} %; målet styr inte längre",
                    ref.name("mål"),
                )
