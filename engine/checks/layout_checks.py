"""Stage 2, validate (rules): rapport.yaml, the declared report layout.

Its sections and summary columns must be names of the registries in
`engine.models.layout` (an unknown one gets "menade du"), each once; its title and
introduction must be templates that can be filled in, like hushallning.yaml's texts.
"""

from __future__ import annotations

from engine.diagnostics import Report
from engine.diagnostics.hints import did_you_mean
from engine.inputs.loaded import RuleSet
from engine.models.layout import COLUMNS, SECTIONS
from engine.wording import TextTemplateError, render_text, sample_text_contexts


def names(rules: RuleSet, report: Report) -> None:
    """`delar:` and `sammanställning.kolumner:` name known sections and columns, once each."""
    src = rules.layout
    if src is None:
        return
    model = src.model
    lists: list[tuple[str, tuple[str, ...], list[str] | None, dict[str, str], str, str]] = [
        ("delar", (), model.sections, SECTIONS, "okänd-del", "del")
    ]
    if model.summary is not None:
        lists.append(
            (
                "kolumner",
                ("sammanställning",),
                model.summary.columns,
                COLUMNS,
                "okänd-kolumn",
                "kolumn",
            )
        )
    for key, above, given, known, code, word in lists:
        seen: set[str] = set()
        for i, name in enumerate(given or []):
            path: tuple[str | int, ...] = (*above, key, i)
            if name not in known:
                message = f"okänd {word} '{name}'{did_you_mean(name, known)}"
            elif name in seen:
                message = f"{word}en '{name}' finns redan"
            else:
                seen.add(name)
                continue
            report.error(src.at(*path), code, message, src.name(*path))


def texts(rules: RuleSet, report: Report) -> None:
    """`rubrik:` and `inledning:` can be filled in (the names of hushallning.yaml's texts)."""
    src = rules.layout
    if src is None:
        return
    for key, text in (("rubrik", src.model.title), ("inledning", src.model.intro)):
        if text is None:
            continue
        try:
            for sample in sample_text_contexts():
                render_text(text, sample)
        except TextTemplateError as exc:
            report.error(src.at(key), "mall", str(exc), key)
