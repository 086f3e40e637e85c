"""Stage 4, present: the texts of hushallning.yaml filled in from an evaluation's data.

Evaluation returns data only (the GEH verdict, counts and the målområden per status);
here that data becomes the names a text template may use (`engine.wording.text_context`,
the one definition of them) and the conclusion is rendered in the sandbox. A template
that cannot be filled in is a diagnostic `[mall]` pointing at its key in
hushallning.yaml, like the validator's, so the command exits 1 and says where.
"""

from __future__ import annotations

from typing import Any

from engine.diagnostics import Report
from engine.evaluation.results import Evaluation, count
from engine.inputs.loaded import RuleSet
from engine.wording import TextTemplateError, render_text, text_context


def text_names(e: Evaluation) -> dict[str, Any]:
    """What the texts in hushallning.yaml (and rapport.yaml) may use: verdict, period,
    counts, area names. Without a GEH rule (a nämnd's plan) the same names are counted
    here: every uppdrag of the plan, no financial goals, and `uppnådd` false."""
    geh = e.geh
    if geh is not None:
        return text_context(geh.achieved, e.period_label, geh.counts, geh.areas_by_status)
    counts = {
        "målområden": count([a.status for a in e.areas]),
        "uppdrag": count([u.status for u in e.uppdrag]),
        "finansiella": count([g.status for g in e.goals]),
    }
    by_status = {
        c: [a.name.lower() for a in e.areas if a.status == c] for c in ("röd", "gul", "grön")
    }
    return text_context(False, e.period_label, counts, by_status)


def conclusion(rules: RuleSet, e: Evaluation, report: Report) -> str:
    """The GEH conclusion (`texter.slutsats`); '' with an error in `report` if it fails,
    and '' for a plan without hushallning.yaml (there is no conclusion to draw)."""
    if rules.geh is None:
        return ""
    try:
        return render_text(rules.geh.model.texts.conclusion, text_names(e))
    except TextTemplateError as exc:
        report.error(rules.geh.at("texter", "slutsats"), "mall", str(exc), "texter.slutsats")
        return ""
