"""What changed since the previous period, for the review appendix: values, colours and
targets of every nyckeltal and financial goal, the målområden's status and the god
ekonomisk hushållning conclusion. Targets are compared as each evaluation used them
(the rules are one folder, so a target differs only per nämnd or when the rules did);
`maluppfyllelse diff --since` shows the rules' own history."""

from __future__ import annotations

from engine.evaluation.evaluate import Evaluation, MeasureResult
from engine.output.presentation import Status
from engine.wording import target_text, value_text

ACHIEVED = {True: "uppnådd", False: "inte uppnådd", "delvis": "delvis uppnådd"}


def _key(m: MeasureResult) -> tuple[str, str, str]:
    return ("nyckeltal" if m.namnd else "finansiellt mål", m.id, m.namnd or "")


def _value(m: MeasureResult) -> str:
    return value_text(m.value, m.unit) if m.value is not None else "saknas"


def _measure(old: MeasureResult, new: MeasureResult, statuses: dict[str, Status]) -> list[str]:
    parts = []
    if old.value != new.value:
        parts.append(f"utfall {_value(old)} → {_value(new)}")
    if old.target != new.target:
        was = target_text(old.direction, old.target, old.unit)
        parts.append(f"mål {was} → {target_text(new.direction, new.target, new.unit)}")
    if old.status != new.status:
        parts.append(f"status {statuses[old.status].label} → {statuses[new.status].label}")
    if not parts:
        return []
    who = f" ({new.namnd})" if new.namnd else ""
    return [f"{_key(new)[0].capitalize()} {new.name}{who}: {', '.join(parts)}."]


def changes_since(old: Evaluation, new: Evaluation, statuses: dict[str, Status]) -> list[str]:
    """One sentence per change, in the plan's order; [] when nothing changed."""
    out: list[str] = []
    before = {_key(m): m for m in old.kpis + old.goals}
    for m in new.kpis + new.goals:
        earlier = before.get(_key(m))
        if earlier is None:
            out.append(f"Nytt sedan {old.period}: {m.name} ({m.namnd or 'finansiellt mål'}).")
        else:
            out += _measure(earlier, m, statuses)
    areas = {a.id: a for a in old.areas}
    for a in new.areas:
        prev = areas.get(a.id)
        if prev is not None and prev.status != a.status:
            out.append(
                f"Målområdet {a.name}: {statuses[prev.status].label} → {statuses[a.status].label}."
            )
    if old.geh is not None and new.geh is not None and old.geh.achieved != new.geh.achieved:
        out.append(
            f"God ekonomisk hushållning: {ACHIEVED[old.geh.achieved]} → "
            f"{ACHIEVED[new.geh.achieved]}."
        )
    return out
