"""Stage 2, validate (rules): rapport.yaml, the declared report layout.

Its sections and summary columns must be names of the registries in
`engine.models.layout` (an unknown one gets "menade du"), each once; its title and
introduction must be templates that can be filled in, like hushallning.yaml's texts.
"""

from __future__ import annotations

from collections.abc import Iterator

from engine.diagnostics import Report
from engine.diagnostics.hints import did_you_mean
from engine.inputs.loaded import RuleSet
from engine.models.layout import COLUMNS, SECTIONS
from engine.wording import TextTemplateError, render_text, sample_text_contexts


def _problems(
    given: list[str] | None, known: dict[str, str], word: str
) -> Iterator[tuple[int, str]]:
    """(index, message) for each name in `given` that is unknown or repeated."""
    seen: set[str] = set()
    for i, name in enumerate(given or []):
        if name not in known:
            yield i, f"okänd {word} '{name}'{did_you_mean(name, known)}"
        elif name in seen:
            yield i, f"{word}en '{name}' finns redan"
        seen.add(name)


def names(rules: RuleSet, report: Report) -> None:
    """`delar:` and `sammanställning.kolumner:` name known sections and columns, once each."""
    src = rules.layout
    if src is None:
        return
    model = src.model
    for i, message in _problems(model.sections, SECTIONS, "del"):
        report.error(src.at("delar", i), "okänd-del", message, src.name("delar", i))
    columns = model.summary.columns if model.summary is not None else None
    for i, message in _problems(columns, COLUMNS, "kolumn"):
        path = ("sammanställning", "kolumner", i)
        report.error(src.at(*path), "okänd-kolumn", message, src.name(*path))


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
