"""Stage 4, render (DOCX): the Bilaga 1 presentation model → a Word document.

The format the appendix is finished in before it goes to the council: A4 portrait, sv-SE
on every style, Word's own heading styles (navigation pane, table of contents), column
widths in the HTML's proportions, status symbols in their colour followed by their text,
header rows that repeat and rows that do not split, a footer with organisation, title and
"Sida X av Y", and the document's own properties. The pieces are in
`engine.output.word_parts`; this module only presents the context, it computes nothing.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt

from engine.output.office_economy import economy_docx
from engine.output.presentation import (
    AreaSection,
    Bilaga,
    MeasureRow,
    SummaryCell,
    SummaryTable,
    UppdragRow,
)
from engine.output.word_parts import (
    W_GOALS,
    W_GOALS_TREND,
    W_KPI,
    W_UPPDRAG,
    Cell,
    add_table,
    apply_styles,
    cell_properties,
    column_widths,
    fill_cell,
    fixed_layout,
    header_cell,
    page_setup,
    row_properties,
    set_properties,
    status_runs,
    unit_breakable,
)

#: 'Måluppfyllelse' with a soft hyphen: a narrow column breaks it as 'Målupp-fyllelse'.
SOFT_RATIO = "Målupp\u00adfyllelse"


def _summary_table(doc: Any, b: Bilaga) -> None:
    """The declared columns; grouped columns get two header rows, as in the HTML
    ('Finansiella nyckeltal' over its three symbols)."""
    t = b.summary_table
    assert t is not None
    doc.add_paragraph(t.caption, style="Caption")
    widths = column_widths(_weights(t))
    rows = 2 if t.sub else 1
    table = doc.add_table(rows=rows, cols=len(t.columns) + 1)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    fixed_layout(table)
    for col, width in zip(table.columns, widths, strict=True):
        col.width = width
    # Merge first: w:gridSpan and w:vMerge come before w:shd in a cell's properties.
    spans, i = [], 1
    for h in t.top:
        spans.append((i, h))
        i += h.colspan
    if t.sub:
        top, second = table.rows[0].cells, table.rows[1].cells
        for i in [0] + [i for i, h in spans if h.rowspan > 1]:
            top[i].merge(second[i])
        for i, h in spans:
            if h.colspan > 1:
                top[i].merge(top[i + h.colspan - 1])
    top = table.rows[0].cells
    header_cell(top[0], t.first, widths[0])
    for i, h in spans:
        width = sum(widths[i : i + h.colspan])
        header_cell(top[i], h.status or h.text, width, right=h.numeric and h.colspan == 1)
    if t.sub:
        second = table.rows[1].cells
        grouped = [i + k for i, h in spans if h.colspan > 1 for k in range(h.colspan)]
        for i, h in zip(grouped, t.sub, strict=True):
            assert h.status is not None
            header_cell(second[i], h.status, widths[i], right=True)
    for row in table.rows:
        row_properties(row, header=True)
    for r in t.rows:
        values = [Cell([r.title]), *(_summary_cell(c) for c in r.cells)]
        _row(table, values, widths)
    total = [Cell([t.total.title], bold=True)] + [
        Cell([c.text], align_right=True, bold=True) if c.number is not None else Cell()
        for c in t.total.cells
    ]
    _row(table, total, widths, "EEF2F6")


def _weights(t: SummaryTable) -> list[int]:
    """The columns' widths in percent: the målområde takes what the others leave."""
    rest = sum(c.weight for c in t.columns)
    return [max(100 - rest, 20), *(c.weight for c in t.columns)]


def _summary_cell(c: SummaryCell) -> Cell:
    if c.status is not None:
        return Cell(status=c.status)
    if c.number is not None:  # a zero count is blank in a body row, as it always was here
        return Cell([str(c.number) if c.number else ""], align_right=True)
    return Cell([c.text] if c.text else [])


def _row(table: Any, values: list[Cell], widths: list[int], shade: str | None = None) -> None:
    row = table.add_row()
    for i, (cell, content) in enumerate(zip(row.cells, values, strict=True)):
        cell_properties(cell, widths[i], shade)
        fill_cell(cell, content)
    row_properties(row, header=False)


def _described(description: list[str]) -> list[str]:
    """The uppdrag's beskrivning under its text, as printed: 'Beskrivning: …'."""
    return [f"Beskrivning: {description[0]}", *description[1:]] if description else []


def _uppdrag_rows(items: list[UppdragRow], repeat_muted: bool) -> list[list[Cell]]:
    return [
        [
            Cell(status=r.status, status_text=r.status_text),
            Cell(
                [u.text, *(_described(u.description) if i == 0 else [])],
                muted=repeat_muted and i > 0,
            ),
            Cell(r.comment, heading=r.namnd),
        ]
        for u in items
        for i, r in enumerate(u.reports)
    ]


def _kpi_row(k: MeasureRow) -> list[Cell]:
    # The trend opens the comment cell: the Utfall column is too narrow for its words.
    comment = [k.trend, *k.comment] if k.trend else k.comment
    return [
        Cell([k.name]),
        Cell([unit_breakable(k.value)], align_right=True),
        Cell([unit_breakable(k.target)], align_right=True),
        Cell([k.ratio], align_right=True),
        Cell(status=k.status),
        Cell(comment, note=k.note),
    ]


def _intro(doc: Any, b: Bilaga) -> None:
    for p in b.intro:
        doc.add_paragraph(p)


def _evaluation(doc: Any, b: Bilaga) -> None:
    doc.add_heading("Utvärdering av god ekonomisk hushållning", level=2)
    for p in b.evaluation:
        doc.add_paragraph(p)


def _legend(doc: Any, b: Bilaga) -> None:
    """The symbol legend and the yellow band."""
    doc.add_heading("Symbolförklaring för måluppfyllelse", level=2)
    for s in b.legend:
        line = doc.add_paragraph()
        status_runs(line, s, s.colour_word)
        line.add_run(f" = {s.legend}")
    na = b.statuses["ej_bedömd"]
    line = doc.add_paragraph()
    status_runs(line, na)
    line.add_run(f" = {na.legend}")
    doc.add_paragraph(b.band_sentence)


def _goals(doc: Any, b: Bilaga) -> None:
    """The financial goals table and the goals' comments under it."""
    doc.add_heading("Finansiella mål", level=2)
    add_table(
        doc,
        f"Finansiella mål: målvärde, utfall {b.period_label} och måluppfyllelse",
        ["Finansiella mål", "Målvärde", f"Utfall {b.period_label}", SOFT_RATIO, "Status"],
        [
            [
                Cell([m.name]),
                Cell([m.target], align_right=True),
                # The trend under the value, as its own paragraph (the column is narrow).
                Cell([m.value, m.trend] if m.trend else [m.value], align_right=True),
                Cell([m.ratio], align_right=True),
                Cell(status=m.status),
            ]
            for m in b.goals
        ],
        W_GOALS_TREND if any(m.trend for m in b.goals) else W_GOALS,
        right=(1, 2, 3),
    )
    if b.goal_comments:
        doc.add_heading("Kommentarer till de finansiella målen", level=3)
        for c in b.goal_comments:
            line = doc.add_paragraph()
            line.add_run(f"{c.label}: ").bold = True
            line.add_run(" ".join(c.comment))


def _area(doc: Any, a: AreaSection) -> None:
    """One målområde: its decided status, texts, the nämnder's comments and its tables."""
    doc.add_heading(a.title, level=2)
    status_line = doc.add_paragraph("Sammanvägd status: ")
    status_runs(status_line, a.status, bold=True)
    if a.motivation_shown:
        doc.add_paragraph(a.motivation_shown)
    for text in a.comment:
        doc.add_paragraph(text)
    if a.namnd_comments:
        doc.add_heading("Nämndernas kommentarer", level=3)
        for nc in a.namnd_comments:
            name = doc.add_paragraph()
            name.add_run(nc.namnd).bold = True
            if nc.status is not None:
                name.add_run(f" (egen bedömning: {nc.status.symbol} {nc.status.label})")
            name.paragraph_format.keep_with_next = True
            name.paragraph_format.space_after = Pt(1)
            for text in nc.comment:
                doc.add_paragraph(text)
    for caption, items, muted in (
        ("Uppdrag", a.uppdrag, True),
        ("Nämndernas egna uppdrag", a.own_uppdrag, False),
    ):
        if items:
            add_table(
                doc,
                f"{caption} – {a.name}",
                ["Status", "Uppdrag", "Kommentar"],
                _uppdrag_rows(items, muted),
                W_UPPDRAG,
            )
    for t in a.kpi_tables:
        add_table(
            doc,
            f"Kortsiktiga nyckeltal – {t.namnd}",
            ["Nyckeltal", "Utfall", "Mål", SOFT_RATIO, "Status", "Kommentar"],
            [_kpi_row(k) for k in t.rows],
            W_KPI,
            right=(1, 2, 3),
        )


def _summary(doc: Any, b: Bilaga) -> None:
    doc.add_heading("Sammanställning per målområde", level=2)
    _summary_table(doc, b)


def _areas(doc: Any, b: Bilaga) -> None:
    for a in b.areas:
        _area(doc, a)


def _conclusion(doc: Any, b: Bilaga) -> None:
    doc.add_heading("Slutsatser av god ekonomisk hushållning", level=2)
    for text in b.conclusion:
        doc.add_paragraph(text)


#: Each section of engine.models.layout.SECTIONS, in Word.
PARTS: dict[str, Callable[[Any, Bilaga], None]] = {
    "inledning": _intro,
    "utvärdering": _evaluation,
    "symbolförklaring": _legend,
    "sammanställning": _summary,
    "finansiella_mål": _goals,
    "målområden": _areas,
    "ekonomi": lambda doc, b: economy_docx(doc, b.economy),
    "god_ekonomisk_hushållning": _conclusion,
}


def to_docx(b: Bilaga, now: dt.datetime | None = None) -> bytes:
    doc = Document()
    apply_styles(doc)
    page_setup(doc, b)
    set_properties(doc, b, now or dt.datetime.now(dt.UTC).replace(microsecond=0))
    doc.add_heading(b.heading, level=1)
    doc.add_paragraph(f"{b.organisation}, uppgifter per {b.date}")
    for part in b.parts:
        PARTS[part](doc, b)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
