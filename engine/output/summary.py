"""Stage 4, present (terminal and JSON): an `Evaluation` → text or a JSON structure.

The JSON structure is stable, documented in README.md ("JSON-format") and declared as
pydantic models in `engine.output.contracts` (schema/resultat.schema.json). Statuses are
`grön`, `gul`, `röd`, `ej_bedömd`; `måluppfyllelse` is a number in percent with one
decimal (e.g. 96.8) where a ratio applies, otherwise null.
"""

from __future__ import annotations

from typing import Any

from engine.evaluation.evaluate import Evaluation, MeasureResult, count
from engine.output import resultat_json
from engine.output.contracts import resultat
from engine.wording import number, percent

_ANSI = {"grön": "\x1b[32m", "gul": "\x1b[33m", "röd": "\x1b[31m", "ej_bedömd": "\x1b[2m"}
_SYMBOL = {"grön": "●", "gul": "▲", "röd": "■", "ej_bedömd": "○"}
_WORD = {"grön": "grön", "gul": "gul", "röd": "röd", "ej_bedömd": "ej bedömd"}
_RESET = "\x1b[0m"


def to_json(e: Evaluation, conclusion: str) -> dict[str, Any]:
    """The JSON structure, from the contract `engine.output.contracts.Resultat`."""
    return resultat(e, conclusion).model_dump(mode="json", by_alias=True)


def json_text(e: Evaluation, conclusion: str) -> str:
    """`evaluate --format json`: indented, UTF-8 as is, never NaN or Infinity (the
    contract makes them null). Written by `engine.output.resultat_json`, which gives the
    contract's own `model_dump_json` text without validating every nyckeltal row."""
    return resultat_json.json_text(e, conclusion)


def _badge(status: str, colour: bool) -> str:
    text = f"{_SYMBOL[status]} {_WORD[status]:<9}"
    return f"{_ANSI[status]}{text}{_RESET}" if colour else text


def _value(m: MeasureResult) -> str:
    if m.value is None:
        return "–"
    unit = f" {m.unit}" if m.unit and m.unit != "%" else (" %" if m.unit == "%" else "")
    return f"{number(m.value)}{unit}"


def _source(m: MeasureResult) -> str:
    """Where the value comes from, e.g. '  (Källa: Kolada)' (Kolada's attribution)."""
    return f"  (Källa: {m.source.system})" if m.source is not None else ""


def _counted(e: Evaluation) -> str:
    """'Uppdrag från fullmäktige: 26 grön, …' when the plan counts fullmäktige's uppdrag (the
    region's), otherwise every uppdrag of the plan: 'Uppdrag: 5 grön, …' (a nämnd's plan)."""
    counted = [u for u in e.uppdrag if u.in_summary]
    label = "Uppdrag från fullmäktige" if counted else "Uppdrag"
    c = count([u.status for u in counted or e.uppdrag])
    return f"{label}: " + ", ".join(
        f"{c[s]} {_WORD[s]}" for s in ("grön", "gul", "röd", "ej_bedömd")
    )


def to_text(e: Evaluation, conclusion: str, colour: bool = False) -> str:
    """The terminal summary; a part the plan does not have (financial goals, GEH) is left out."""
    lines = [f"{e.organisation}: måluppfyllelse {e.period_label}", ""]
    lines.append("Målområden")
    for a in e.areas:
        note = "" if a.status == a.computed_status else f"  (beräknad: {_WORD[a.computed_status]})"
        lines.append(f"  {_badge(a.status, colour)} {a.name}: {a.overall_goal}{note}")
    if e.goals:
        lines += ["", "Finansiella mål"]
    for g in e.goals:
        ratio = f"  {percent(g.ratio)}" if g.ratio is not None else ""
        lines.append(
            f"  {_badge(g.status, colour)} {g.name}: {_value(g)} (mål {g.target_text or number(g.target or 0)}){ratio}{_source(g)}"
        )
    lines += ["", "Nyckeltal"]
    for k in e.kpis:
        ratio = f"  {percent(k.ratio)}" if k.ratio is not None else ""
        why = f"  [{k.missing_reason}]" if k.missing_reason else ""
        if k.status != k.computed_status:  # declared in the outcome file, as for a målområde
            why += f"  (beräknad: {_WORD[k.computed_status]})"
        target = k.target_text or (number(k.target) if k.target is not None else "–")
        lines.append(
            f"  {_badge(k.status, colour)} {k.namnd}  {k.name}: {_value(k)} (mål {target}){ratio}{why}{_source(k)}"
        )
    lines += ["", _counted(e)]
    if e.geh is not None:
        lines += [
            "",
            "God ekonomisk hushållning: "
            + {True: "uppnådd", False: "inte uppnådd", "delvis": "delvis uppnådd"}[e.geh.achieved],
        ]
    if conclusion:
        lines += ["", conclusion]
    return "\n".join(lines) + "\n"
