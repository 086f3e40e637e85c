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
from engine.evaluation.results import Evaluation
from engine.inputs.loaded import RuleSet
from engine.wording import TextTemplateError, render_text, text_context


def text_names(e: Evaluation) -> dict[str, Any]:
    """What the texts in hushallning.yaml may use: verdict, period, counts, area names."""
    geh = e.geh
    return text_context(geh.achieved, e.period_label, geh.counts, geh.areas_by_status)


def conclusion(rules: RuleSet, e: Evaluation, report: Report) -> str:
    """The GEH conclusion (`texter.slutsats`); '' with an error in `report` if it fails."""
    try:
        return render_text(rules.geh.model.texts.conclusion, text_names(e))
    except TextTemplateError as exc:
        report.error(rules.geh.at("texter", "slutsats"), "mall", str(exc), "texter.slutsats")
        return ""
