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
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt

from engine.output.office_economy import economy_docx
from engine.output.presentation import AreaSection, Bilaga, MeasureRow, UppdragRow
from engine.output.word_parts import (
    W_GOALS,
    W_KPI,
    W_SUMMARY,
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
)

#: 'Måluppfyllelse' with a soft hyphen: a narrow column breaks it as 'Målupp-fyllelse'.
SOFT_RATIO = "Målupp\u00adfyllelse"


def _summary_table(doc: Any, b: Bilaga) -> None:
    """Two header rows, as in the HTML: 'Finansiella nyckeltal' over its three symbols."""
    doc.add_paragraph(
        "Målområden med övergripande mål: antal uppdrag, finansiella nyckeltal per status "
        "och sammanvägd status",
        style="Caption",
    )
    widths = column_widths(W_SUMMARY)
    table = doc.add_table(rows=2, cols=6)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    fixed_layout(table)
    for col, width in zip(table.columns, widths, strict=True):
        col.width = width
    # Merge first: w:gridSpan and w:vMerge come before w:shd in a cell's properties.
    top, second = table.rows[0].cells, table.rows[1].cells
    for i in (0, 1, 5):
        top[i].merge(second[i])
    top[2].merge(top[4])
    top, second = table.rows[0].cells, table.rows[1].cells
    for i, text in (
        (0, "Målområde med övergripande mål"),
        (1, "Uppdrag"),
        (2, "Finansiella nyckeltal"),
        (5, "Sammanvägd status övergripande mål"),
    ):
        header_cell(top[i], text, widths[i] if i != 2 else sum(widths[2:5]), right=i == 1)
    for i, key in zip((2, 3, 4), ("grön", "gul", "röd"), strict=True):
        header_cell(second[i], b.statuses[key], widths[i], right=True)
    for row in table.rows:
        row_properties(row, header=True)

    def counts(r: Any) -> list[Cell]:
        return [
            Cell([str(v) if v else ""], align_right=True)
            for v in (r.uppdrag, r.green, r.yellow, r.red)
        ]

    for r in b.summary:
        row = table.add_row()
        values = [Cell([r.title]), *counts(r), Cell(status=r.status) if r.status else Cell()]
        for i, (cell, content) in enumerate(zip(row.cells, values, strict=True)):
            cell_properties(cell, widths[i])
            fill_cell(cell, content)
        row_properties(row, header=False)
    t = b.total
    row = table.add_row()
    total = (
        [Cell([t.title], bold=True)]
        + [
            Cell([str(v)], align_right=True, bold=True)
            for v in (t.uppdrag, t.green, t.yellow, t.red)
        ]
        + [Cell()]
    )
    for i, (cell, content) in enumerate(zip(row.cells, total, strict=True)):
        cell_properties(cell, widths[i], "EEF2F6")
        fill_cell(cell, content)
    row_properties(row, header=False)


def _uppdrag_rows(items: list[UppdragRow], repeat_muted: bool) -> list[list[Cell]]:
    return [
        [
            Cell(status=r.status, status_text=r.status_text),
            Cell([u.text], muted=repeat_muted and i > 0),
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
        Cell([k.value], align_right=True),
        Cell([k.target], align_right=True),
        Cell([k.ratio], align_right=True),
        Cell(status=k.status),
        Cell(comment, note=k.note),
    ]


def _front(doc: Any, b: Bilaga) -> None:
    """Title, introduction, evaluation text and the symbol legend."""
    doc.add_heading(b.heading, level=1)
    doc.add_paragraph(f"{b.organisation}, uppgifter per {b.date}")
    for p in b.intro:
        doc.add_paragraph(p)
    doc.add_heading("Utvärdering av god ekonomisk hushållning", level=2)
    for p in b.evaluation:
        doc.add_paragraph(p)
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
                Cell([m.value], align_right=True),
                Cell([m.ratio], align_right=True),
                Cell(status=m.status),
            ]
            for m in b.goals
        ],
        W_GOALS,
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


def to_docx(b: Bilaga, now: dt.datetime | None = None) -> bytes:
    doc = Document()
    apply_styles(doc)
    page_setup(doc, b)
    set_properties(doc, b, now or dt.datetime.now(dt.UTC).replace(microsecond=0))
    _front(doc, b)
    doc.add_heading("Sammanställning per målområde", level=2)
    _summary_table(doc, b)
    _goals(doc, b)
    for a in b.areas:
        _area(doc, a)
    economy_docx(doc, b.economy)
    doc.add_heading("Slutsatser av god ekonomisk hushållning", level=2)
    for text in b.conclusion:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
