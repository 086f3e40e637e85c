"""Stage 4, render: the declared report layout (rapport.yaml) resolved for one evaluation,
and the summary table built from its columns.

`resolve` takes the layout's defaults (engine.models.layout.DEFAULTS), what rapport.yaml
overrides, and leaves out what the plan has no data for: without financial goals the
`finansiella_mål` section and the `finansiella_mål_*` columns, without hushallning.yaml
the `utvärdering` and `god_ekonomisk_hushållning` sections, without economy files the
`ekonomi` section, and `inledning` when there is no introduction text.
`summary_table` builds the generic header + cells rows every renderer shows.

Decisions (where the issue is silent):
- An uppdrag's colour is its combined status (the worst of its nämnder's colours); the
  `uppdrag_*` columns count every uppdrag of the målområde once, whatever its origin.
- The `nyckeltal_*` columns count per nämnd row (a nyckeltal reported by two nämnder
  counts twice, as it has two rows in the tables), excluding financial-goal copies.
- Ej bedömd is counted in no colour column. The total row sums every count column.
- A zero colour count is blank in a body row, as in the region's Bilaga 1; the total row
  shows every number. `uppdrag_fullmäktige` shows 0 too (as Bilaga 1 always did).
- `kommentar` is the first paragraph of the målområde's comment: the table stays a table;
  the whole comment is in the målområde's section.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from engine.evaluation.evaluate import AreaResult, Evaluation
from engine.inputs.loaded import RuleSet
from engine.models.layout import DEFAULT_TITLE, DEFAULTS
from engine.output.presentation import (
    HeaderCell,
    Status,
    SummaryCell,
    SummaryColumn,
    SummaryLine,
    SummaryTable,
)

FIRST = "Målområde med övergripande mål"
COLOURS3 = ("grön", "gul", "röd")
#: Column families: the group header, the Markdown/XLSX prefix, the caption's words.
FAMILIES = {
    "uppdrag": ("Uppdrag", "Uppdrag", "uppdrag per status"),
    "nyckeltal": ("Kortsiktiga nyckeltal", "Nyckeltal", "kortsiktiga nyckeltal per status"),
    "finansiella_mål": ("Finansiella nyckeltal", "Finansiella", "finansiella nyckeltal per status"),
}
#: The caption's words for the single columns.
CAPTIONS = {
    "uppdrag_fullmäktige": "antal uppdrag",
    "status": "sammanvägd status",
    "kommentar": "kommentar",
}


@dataclass(frozen=True)
class Layout:
    """rapport.yaml resolved: what to print, in which order."""

    name: str
    prefix: str
    #: The title template and where an error in it points ("rapport" or "hushållning").
    title: tuple[str, str]
    #: The introduction template and its file, or None for no introduction.
    intro: tuple[str, str] | None
    parts: list[str]
    columns: list[str]


def resolve(rules: RuleSet, e: Evaluation) -> Layout:
    """The layout of `rules` (Bilaga 1 without rapport.yaml), without what `e` lacks."""
    model = rules.layout.model if rules.layout is not None else None
    name = model.layout if model is not None else "bilaga1"
    prefix, parts, columns = DEFAULTS[name]
    texts = rules.geh.model.texts if rules.geh is not None else None
    title = (DEFAULT_TITLE, "rapport")
    intro: tuple[str, str] | None = None
    if texts is not None:
        title, intro = (texts.title, "hushållning"), (texts.intro, "hushållning")
    if model is not None:
        prefix = model.prefix if model.prefix is not None else prefix
        title = (model.title, "rapport") if model.title is not None else title
        intro = (model.intro, "rapport") if model.intro is not None else intro
        parts = tuple(model.sections) if model.sections is not None else parts
        if model.summary is not None and model.summary.columns is not None:
            columns = tuple(model.summary.columns)
    lacking = set()
    if not e.goals:
        lacking.add("finansiella_mål")
    if e.geh is None:
        lacking |= {"utvärdering", "god_ekonomisk_hushållning"}
    if e.economy.empty:
        lacking.add("ekonomi")
    if intro is None:
        lacking.add("inledning")
    return Layout(
        name=name,
        prefix=prefix,
        title=title,
        intro=intro,
        parts=[p for p in parts if p not in lacking],
        columns=[c for c in columns if not (c.startswith("finansiella_mål_") and not e.goals)],
    )


def _column(key: str, statuses: dict[str, Status]) -> SummaryColumn:
    if key == "uppdrag_fullmäktige":
        return SummaryColumn(key, "Uppdrag", "Uppdrag", numeric=True, css="w-count", weight=10)
    if key == "status":
        return SummaryColumn(
            key,
            "Sammanvägd status övergripande mål",
            "Sammanvägd status",
            css="w-astatus",
            weight=20,
        )
    if key == "kommentar":
        return SummaryColumn(key, "Kommentar", "Kommentar", css="w-scomment", weight=20)
    family, colour = key.rsplit("_", 1)
    group, short, _ = FAMILIES[family]
    css = "w-fin" if family == "finansiella_mål" else "w-ncount"
    return SummaryColumn(
        key,
        "",
        f"{short}: {statuses[colour].label}",  # 'Finansiella: Uppfyllt', as the header says
        group,
        statuses[colour],
        True,
        css,
        11 if css == "w-fin" else 6,
    )


def _narrow(columns: list[SummaryColumn]) -> list[SummaryColumn]:
    """With more than three colour counts the Word widths make room for them: the status
    column gives up width and is headed 'Sammanvägd status' (Bilaga 1's five columns keep
    their widths and headers)."""
    if sum(1 for c in columns if c.status is not None) <= 3:
        return columns
    weights = {"status": 15, "kommentar": 17}
    return [
        replace(
            c,
            weight=weights.get(c.key, 8 if c.status is not None else c.weight),
            label=c.short if c.key == "status" else c.label,  # 'Sammanvägd status'
        )
        for c in columns
    ]


def headers(columns: list[SummaryColumn]) -> tuple[list[HeaderCell], list[HeaderCell]]:
    """The header rows: a grouped run of columns gets its group over its symbols."""
    grouped = any(c.group for c in columns)
    top: list[HeaderCell] = []
    sub: list[HeaderCell] = []
    rows = 2 if grouped else 1
    i = 0
    while i < len(columns):
        c = columns[i]
        if not c.group:
            top.append(HeaderCell(c.label, c.status, 1, rows, c.numeric))
            i += 1
            continue
        run = [c]
        while i + len(run) < len(columns) and columns[i + len(run)].group == c.group:
            run.append(columns[i + len(run)])
        top.append(HeaderCell(c.group, None, len(run), 1))
        sub += [HeaderCell("", r.status, 1, 1, True) for r in run]
        i += len(run)
    return top, sub


def _joined(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} och {words[-1]}"


def _caption(keys: list[str]) -> str:
    words: list[str] = []
    for k in keys:
        word = CAPTIONS.get(k) or FAMILIES[k.rsplit("_", 1)[0]][2]
        if word not in words:
            words.append(word)
    return f"Målområden med övergripande mål: {_joined(words)}" if words else FIRST


def area_counts(e: Evaluation, a: AreaResult) -> dict[str, int]:
    """Every count column's value for one målområde (see the module's decisions)."""
    uppdrag = [u.status for u in e.uppdrag if u.area_id == a.id]
    kpis = [k.status for k in e.kpis if k.area_id == a.id and k.financial_goal is None]
    out = {"uppdrag_fullmäktige": a.uppdrag_fullmaktige}
    for colour in COLOURS3:
        out[f"uppdrag_{colour}"] = uppdrag.count(colour)  # type: ignore[arg-type]
        out[f"nyckeltal_{colour}"] = kpis.count(colour)  # type: ignore[arg-type]
        out[f"finansiella_mål_{colour}"] = a.goal_counts[colour]
    return out


def summary_table(
    layout: Layout,
    e: Evaluation,
    statuses: dict[str, Status],
    title: Callable[[AreaResult], str],
    comment: Callable[[AreaResult], str],
) -> SummaryTable:
    columns = _narrow([_column(k, statuses) for k in layout.columns])
    rows: list[SummaryLine] = []
    totals = dict.fromkeys(layout.columns, 0)
    for a in e.areas:
        counts = area_counts(e, a)
        cells = []
        for c in columns:
            if c.key == "status":
                cells.append(SummaryCell(status=statuses[a.status]))
            elif c.key == "kommentar":
                cells.append(SummaryCell(comment(a)))
            else:
                n = counts[c.key]
                totals[c.key] += n
                shown = str(n) if n or c.status is None else ""
                cells.append(SummaryCell(shown, n))
        rows.append(SummaryLine(title(a), cells))
    total = SummaryLine(
        "Totalt",
        [
            SummaryCell(str(totals[c.key]), totals[c.key]) if c.numeric else SummaryCell()
            for c in columns
        ],
    )
    top, sub = headers(columns)
    return SummaryTable(_caption(layout.columns), FIRST, columns, top, sub, rows, total)
