"""Stage 4, present (terminal and JSON): an `Evaluation` → text or a JSON structure.

The JSON structure is stable and documented in README.md ("JSON-format"). Statuses are
`grön`, `gul`, `röd`, `ej_bedömd`; `måluppfyllelse` is a number in percent with one
decimal (e.g. 96.8) where a ratio applies, otherwise null.
"""

from __future__ import annotations

from typing import Any

from engine.evaluation.evaluate import AreaResult, Evaluation, MeasureResult, UppdragResult
from engine.wording import number, percent

SCHEMA_VERSION = 1

_ANSI = {"grön": "\x1b[32m", "gul": "\x1b[33m", "röd": "\x1b[31m", "ej_bedömd": "\x1b[2m"}
_SYMBOL = {"grön": "●", "gul": "▲", "röd": "■", "ej_bedömd": "○"}
_WORD = {"grön": "grön", "gul": "gul", "röd": "röd", "ej_bedömd": "ej bedömd"}
_RESET = "\x1b[0m"


def _ratio(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None


def _measure(m: MeasureResult) -> dict[str, Any]:
    item: dict[str, Any] = {"id": m.id, "namn": m.name}
    if m.namnd is not None:
        item["nämnd"] = m.namnd
    item.update(
        {
            "målområde": m.area_id,
            "status": m.status,
            "utfall": m.value,
            "mål": m.target,
            "mål_text": m.target_text or None,
            "enhet": m.unit,
            "riktning": m.direction,
            "måluppfyllelse": _ratio(m.ratio),
            "metod": m.method,
            "motivering": m.account,
            "underlag": m.judgement.details,
            "kommentar": m.comment,
            "ej_bedömd_orsak": m.missing_reason,
            "överfört_från": m.carried_from,
        }
    )
    if m.financial_goal:
        item["finansiellt_mål"] = m.financial_goal
    return item


def _uppdrag(u: UppdragResult) -> dict[str, Any]:
    return {
        "id": u.id,
        "namn": u.text,
        "målområde": u.area_id,
        "ursprung": u.origin,
        "status": u.status,
        "nämnder": [
            {
                "nämnd": r.namnd,
                "status": r.status,
                "uppdragsstatus": r.status_text,
                "kommentar": r.comment,
            }
            for r in u.reports
        ],
    }


def _area(a: AreaResult) -> dict[str, Any]:
    return {
        "id": a.id,
        "namn": a.name,
        "övergripande_mål": a.overall_goal,
        "status": a.status,
        "beräknad_status": a.computed_status,
        "beslutad_status": a.declared_status,
        "motivering": a.motivation,
        "delar": a.parts,
        "uppdrag_från_fullmäktige": a.uppdrag_fullmaktige,
        "finansiella_mål": a.goal_counts,
        "kommentar": a.comment,
        "nämndernas_kommentarer": dict(a.namnd_comments),
    }


def to_json(e: Evaluation) -> dict[str, Any]:
    geh = e.geh
    return {
        "schema": SCHEMA_VERSION,
        "organisation": e.organisation,
        "period": e.period,
        "period_benämning": e.period_label,
        "nyckeltal": [_measure(k) for k in e.kpis],
        "uppdrag": [_uppdrag(u) for u in e.uppdrag],
        "målområden": [_area(a) for a in e.areas],
        "finansiella_mål": [_measure(g) for g in e.goals],
        "god_ekonomisk_hushållning": {
            "uppnådd": geh.achieved,
            "regel": geh.rule,
            "antal": geh.counts,
            "ej_uppfyllda_målområden": geh.red_areas,
            "slutsats": geh.conclusion,
        },
    }


def _badge(status: str, colour: bool) -> str:
    text = f"{_SYMBOL[status]} {_WORD[status]:<9}"
    return f"{_ANSI[status]}{text}{_RESET}" if colour else text


def _value(m: MeasureResult) -> str:
    if m.value is None:
        return "–"
    unit = f" {m.unit}" if m.unit and m.unit != "%" else (" %" if m.unit == "%" else "")
    return f"{number(m.value)}{unit}"


def to_text(e: Evaluation, colour: bool = False) -> str:
    lines = [f"{e.organisation}: måluppfyllelse {e.period_label}", ""]
    lines.append("Målområden")
    for a in e.areas:
        note = "" if a.status == a.computed_status else f"  (beräknad: {_WORD[a.computed_status]})"
        lines.append(f"  {_badge(a.status, colour)} {a.name}: {a.overall_goal}{note}")
    lines += ["", "Finansiella mål"]
    for g in e.goals:
        ratio = f"  {percent(g.ratio)}" if g.ratio is not None else ""
        lines.append(
            f"  {_badge(g.status, colour)} {g.name}: {_value(g)} (mål {g.target_text or number(g.target or 0)}){ratio}"
        )
    lines += ["", "Nyckeltal"]
    for k in e.kpis:
        ratio = f"  {percent(k.ratio)}" if k.ratio is not None else ""
        why = f"  [{k.missing_reason}]" if k.missing_reason else ""
        target = k.target_text or (number(k.target) if k.target is not None else "–")
        lines.append(
            f"  {_badge(k.status, colour)} {k.namnd}  {k.name}: {_value(k)} (mål {target}){ratio}{why}"
        )
    c = e.geh.counts
    lines += [
        "",
        "Uppdrag från fullmäktige: "
        + ", ".join(f"{c['uppdrag'][s]} {_WORD[s]}" for s in ("grön", "gul", "röd", "ej_bedömd")),
        "",
        "God ekonomisk hushållning: "
        + {True: "uppnådd", False: "inte uppnådd", "delvis": "delvis uppnådd"}[e.geh.achieved],
        "",
        e.geh.conclusion,
    ]
    return "\n".join(lines) + "\n"
