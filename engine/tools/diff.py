"""`maluppfyllelse diff`: what changed between two versions of the rules, in Swedish.

Nyckeltal, uppdrag and financial goals are matched by id. Reported per målområde:
targets changed (from → to), direction, yellow band or judgement method changed,
items added or removed, renamed (same id, new name or text) and nämnd responsibility
changed. Both versions must validate; the comparison works on the validated models.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from engine.evaluation.methods import DIRECTIONS
from engine.inputs.loaded import RuleSet
from engine.models import (
    DEFAULT_METHOD,
    Banded,
    Beslut,
    Forandring,
    Jamforelse,
    Kvot,
    Measure,
    Nyckeltal,
    Uppdrag,
    Uttryck,
)
from engine.wording import number, value_text

FINANCE = "Finansiella mål"


@dataclass
class Changes:
    by_area: dict[str, list[str]] = field(default_factory=dict)

    def add(self, area: str, line: str) -> None:
        self.by_area.setdefault(area, []).append(line)

    @property
    def empty(self) -> bool:
        return not self.by_area


def _target(m: Measure, target: float | None) -> str:
    return value_text(target, m.unit or "").replace("\u00a0", " ")


def _method(m: Measure) -> str:
    """The judgement method in words: 'kvot (gult 85–100 %)', 'förändring mot 2019', …"""
    j = m.judgement or DEFAULT_METHOD
    if isinstance(j, Kvot):
        return (
            f"kvot (gult {number(j.yellow_band.low)}–{number(j.yellow_band.high)} %)"
            if j.yellow_band
            else "kvot"
        )
    if isinstance(j, Banded):
        bands = ", ".join(
            f"{b.status} {number(b.low) if b.low is not None else '−∞'}–{number(b.high) if b.high is not None else '∞'}"
            for b in j.bands
        )
        return f"band över {j.basis} ({bands})"
    if isinstance(j, Forandring):
        return f"förändring mot {j.base_year}"
    if isinstance(j, Jamforelse):
        return f"jämförelse med {j.against.replace('_', ' ')}"
    if isinstance(j, Uttryck):
        return f"uttryck «{j.expression}»"
    return j.method


def _measure(changes: Changes, area: str, kind: str, old: Measure, new: Measure) -> None:
    label = f"{kind} '{new.name}' ({new.id})"
    if old.name != new.name:
        changes.add(area, f"{kind} {new.id} har bytt namn från '{old.name}' till '{new.name}'")
    if old.target != new.target:
        changes.add(
            area,
            f"{label}: mål ändrat från {_target(old, old.target)} till {_target(new, new.target)}",
        )
    if (old.target_text or "") != (new.target_text or ""):
        changes.add(
            area,
            f"{label}: måltext ändrad från '{old.target_text or ''}' till '{new.target_text or ''}'",
        )
    if old.direction != new.direction:
        changes.add(area, f"{label}: riktning ändrad från '{old.direction}' till '{new.direction}'")
        if (
            old.direction
            and new.direction
            and DIRECTIONS[old.direction][0] != DIRECTIONS[new.direction][0]
        ):
            changes.add(
                area,
                f"{label}: OBS, nu är {'högre' if DIRECTIONS[new.direction][0] else 'lägre'} bättre",
            )
    if _method(old) != _method(new):
        changes.add(area, f"{label}: bedömning ändrad från {_method(old)} till {_method(new)}")
    if (old.unit or "") != (new.unit or ""):
        changes.add(area, f"{label}: enhet ändrad från '{old.unit or ''}' till '{new.unit or ''}'")
    if old.frequency != new.frequency:
        changes.add(area, f"{label}: frekvens ändrad från {old.frequency} till {new.frequency}")


def _namnder(changes: Changes, area: str, label: str, old: list[str], new: list[str]) -> None:
    added = [n for n in new if n not in old]
    removed = [n for n in old if n not in new]
    if added:
        changes.add(area, f"{label}: nämnd tillagd: {', '.join(added)}")
    if removed:
        changes.add(area, f"{label}: nämnd borttagen: {', '.join(removed)}")


def _kpi(changes: Changes, area: str, old: Nyckeltal, new: Nyckeltal) -> None:
    _measure(changes, area, "nyckeltal", old, new)
    label = f"nyckeltal '{new.name}' ({new.id})"
    _namnder(changes, area, label, old.namnder, new.namnder)
    for namnd in sorted(set(old.target_by_namnd) | set(new.target_by_namnd)):
        a, b = old.target_by_namnd.get(namnd), new.target_by_namnd.get(namnd)
        if a != b:
            changes.add(
                area,
                f"{label}: avvikande mål för {namnd} ändrat från {_target(old, a)} till {_target(new, b)}",
            )


def _uppdrag(changes: Changes, area: str, old: Uppdrag, new: Uppdrag) -> None:
    label = f"uppdrag {new.id}"
    if old.text != new.text:
        changes.add(area, f"{label} har ny lydelse: '{new.text}' (tidigare '{old.text}')")
    if old.origin != new.origin:
        changes.add(area, f"{label}: ursprung ändrat från {old.origin} till {new.origin}")
    _namnder(changes, area, label, old.namnder, new.namnder)


T = TypeVar("T")


def _paired(old: Mapping[str, T], new: Mapping[str, T]) -> Iterator[tuple[str, Any, Any]]:
    """Every id in either version with its old and new item (None where it is missing)."""
    for ident in sorted(set(old) | set(new)):
        yield ident, old.get(ident), new.get(ident)


def compare(old: RuleSet, new: RuleSet) -> Changes:
    changes = Changes()
    area_name = {
        **{a.id: a.name for a in old.area_by_id.values()},
        **{a.id: a.name for a in new.area_by_id.values()},
    }
    for ident in sorted(
        set(old.area_by_id) | set(new.area_by_id), key=lambda i: (i not in new.area_by_id, i)
    ):
        a, b = old.area_by_id.get(ident), new.area_by_id.get(ident)
        name = area_name[ident]
        if a is None:
            changes.add(name, f"målområdet '{name}' har lagts till")
        elif b is None:
            changes.add(name, f"målområdet '{name}' har tagits bort")
        elif a.overall_goal != b.overall_goal:
            changes.add(
                name, f"övergripande mål ändrat från '{a.overall_goal}' till '{b.overall_goal}'"
            )
    for ident, o, n in _paired(old.nyckeltal, new.nyckeltal):
        if n is None:
            changes.add(o[0].name, f"nyckeltal '{o[1].name}' ({ident}) har tagits bort")
        elif o is None:
            target = f"{_target(n[1], n[1].target)} ({n[1].direction})"
            changes.add(
                n[0].name, f"nyckeltal '{n[1].name}' ({ident}) har lagts till, mål {target}"
            )
        else:
            _kpi(changes, n[0].name, o[1], n[1])
    for ident, ou, nu in _paired(old.uppdrag, new.uppdrag):
        if nu is None:
            changes.add(ou[0].name, f"uppdrag {ident} har tagits bort: '{ou[1].text}'")
        elif ou is None:
            who = ", ".join(nu[1].namnder)
            changes.add(nu[0].name, f"uppdrag {ident} har lagts till: '{nu[1].text}' ({who})")
        else:
            _uppdrag(changes, nu[0].name, ou[1], nu[1])
    for _ident, og, ng in _paired(old.goals, new.goals):
        if ng is None:
            changes.add(FINANCE, f"finansiellt mål '{og.name}' har tagits bort")
        elif og is None:
            changes.add(
                FINANCE, f"finansiellt mål '{ng.name}' har lagts till, mål {_target(ng, ng.target)}"
            )
        else:
            _measure(changes, FINANCE, "finansiellt mål", og, ng)
    _scale_and_geh(changes, old, new)
    _decisions(changes, old, new)
    return changes


def _decision(d: Beslut | None) -> str:
    return d.text() if d is not None else ""


def _decisions(changes: Changes, old: RuleSet, new: RuleSet) -> None:
    """Decisions on targets: the default, each measure's own, and what set a new target."""
    od, nd = old.organisation.model.decision, new.organisation.model.decision
    if _decision(od) != _decision(nd):
        changes.add(
            "Beslut",
            f"standardbeslutet för målen ändrat från '{_decision(od) or '–'}' till "
            f"'{_decision(nd) or '–'}'",
        )
    pairs: list[tuple[str, str, Measure, Measure]] = [
        (n[0].name, "nyckeltal", o[1], n[1])
        for _, o, n in _paired(old.nyckeltal, new.nyckeltal)
        if o is not None and n is not None
    ]
    pairs += [
        (FINANCE, "finansiellt mål", o, n)
        for _, o, n in _paired(old.goals, new.goals)
        if o is not None and n is not None
    ]
    for area, kind, a, b in pairs:
        label = f"{kind} '{b.name}' ({b.id})"
        if _decision(a.decision) != _decision(b.decision):
            changes.add(
                area,
                f"{label}: beslut ändrat från '{_decision(a.decision) or '–'}' till "
                f"'{_decision(b.decision) or '–'}'",
            )
        if isinstance(a, Nyckeltal) and isinstance(b, Nyckeltal):
            for namnd in sorted(set(a.decision_by_namnd) | set(b.decision_by_namnd)):
                was = _decision(a.decision_by_namnd.get(namnd))
                now = _decision(b.decision_by_namnd.get(namnd))
                if was != now:
                    changes.add(
                        area,
                        f"{label}: beslut för {namnd}:s avvikande mål ändrat från "
                        f"'{was or '–'}' till '{now or '–'}'",
                    )
        decided = _decision(b.decision or nd)
        if a.target != b.target and decided:
            changes.add(area, f"{label}: det nya målet är beslutat i {decided}")


def _scale_and_geh(changes: Changes, old: RuleSet, new: RuleSet) -> None:
    """Changes in skala.yaml and in the rule of hushallning.yaml."""
    ob, nb = old.scale.model.yellow_band, new.scale.model.yellow_band
    if (ob.low, ob.high) != (nb.low, nb.high):
        changes.add(
            "Skala",
            f"gult intervall ändrat från {ob.low:g}–{ob.high:g} % till {nb.low:g}–{nb.high:g} %",
        )
    if old.scale.model.uppdrag_statuses != new.scale.model.uppdrag_statuses:
        changes.add("Skala", "uppdragsstatusarnas färger har ändrats")
    if old.scale.model.aggregation != new.scale.model.aggregation:
        changes.add("Skala", f"sammanvägningen ändrad till '{new.scale.model.aggregation.rule}'")
    if old.geh.model.rule != new.geh.model.rule:
        changes.add(
            "God ekonomisk hushållning", f"regeln ändrad till '{new.geh.model.rule.achieved}'"
        )


def as_text(changes: Changes, old: str, new: str) -> str:
    if changes.empty:
        return f"Inga ändringar i reglerna mellan {old} och {new}.\n"
    lines = [f"Ändringar i reglerna från {old} till {new}:"]
    for area, items in changes.by_area.items():
        lines += ["", f"{area}:"] + [f"  - {i}" for i in items]
    return "\n".join(lines) + "\n"


def as_markdown(changes: Changes, old: str, new: str) -> str:
    if changes.empty:
        return f"**Inga ändringar** i reglerna mellan `{old}` och `{new}`.\n"
    lines = [f"### Ändringar i reglerna från `{old}` till `{new}`"]
    for area, items in changes.by_area.items():
        lines += ["", f"#### {area}", ""] + [f"- {i}" for i in items]
    return "\n".join(lines) + "\n"
