"""The economy part of Bilaga 1 in Word and Excel (engine.output.economy has the content).

Kept apart (Word tables through engine.output.word_parts, its own small sheet helper) so
that the appendix's main Word and Excel layout can change without touching this: the
writers call
`economy_docx(doc, b.economy)` before the conclusions and `economy_xlsx(wb, b.economy)`
after the other sheets."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from docx.shared import Cm
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from engine.output.economy import EconomySection
from engine.output.word_parts import Cell, add_table

Sheet = Callable[[Any, str, list[str], list[list[object]]], None]
NAVY = "12324F"


def _grid(
    doc: Any,
    caption: str,
    headers: list[str],
    rows: list[list[str]],
    percent: tuple[int, ...],
    bold: set[int] = frozenset(),  # type: ignore[assignment]
    footer: list[str] | None = None,
) -> None:
    """A table in the appendix's own Word style (engine.output.word_parts): figures,
    every column after the first, right-aligned; the rows in `bold` (totals) in bold."""
    right = tuple(range(1, len(headers)))

    def cells(values: list[str], strong: bool) -> list[Cell]:
        return [
            Cell((v,) if v else (), align_right=i in right, bold=strong)
            for i, v in enumerate(values)
        ]

    add_table(
        doc,
        caption,
        headers,
        [cells(r, i in bold) for i, r in enumerate(rows)],
        percent,
        right=right,
        footer=cells(footer, True) if footer else None,
    )


def _sheet(wb: Any, title: str, headers: list[str], rows: list[list[object]]) -> None:
    """A sheet with a frozen, filtered header row; text is never a formula."""
    ws = wb.create_sheet(title)
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=NAVY)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        ws.append(row)
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
            elif isinstance(cell.value, float | int):
                cell.number_format = "#,##0.0"
    for i, header in enumerate(headers, start=1):
        width = max([len(header)] + [len(str(r[i - 1] or "")) for r in rows])
        ws.column_dimensions[get_column_letter(i)].width = min(max(10, width + 2), 70)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    # Printed like the appendix's other sheets (engine.output.excel): A4 landscape, one page
    # wide, the header row on every page, page numbers.
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.oddHeader.left.text = title.replace("&", "&&")
    ws.oddFooter.right.text = "Sida &P av &N"


def economy_docx(doc: Any, e: EconomySection | None) -> None:
    """Headings, paragraphs, tables and the chart (PNG with its text alternative)."""
    if e is None:
        return
    if e.balanskrav is not None:
        bk = e.balanskrav
        doc.add_heading("Balanskravsresultat", level=2)
        doc.add_paragraph(bk.paragraph)
        _grid(
            doc,
            "Balanskravsutredning i miljoner kronor",
            ["Balanskravsutredning i miljoner kronor", *bk.years],
            [[r.label, *r.cells] for r in bk.rows],
            (58, *([14] * len(bk.years))),
            {i for i, r in enumerate(bk.rows) if r.kind == "summa"},
        )
        for note in bk.notes:
            doc.add_paragraph(note)
    if e.path is not None:
        pc = e.path
        doc.add_heading("Budgetavvikelse och vägen till budget i balans", level=2)
        doc.add_paragraph(pc.paragraph).paragraph_format.keep_with_next = True
        doc.add_picture(io.BytesIO(pc.png), width=Cm(16))
        doc.paragraphs[-1].paragraph_format.keep_with_next = True  # with its caption
        doc_pr = doc.inline_shapes[-1]._inline.docPr
        doc_pr.set("title", pc.title)
        doc_pr.set("descr", pc.alt)
        doc.add_paragraph(pc.title, style="Caption")
        _grid(
            doc,
            "Siffrorna i diagrammet (mkr)",
            ["Månad", "Prognos, avvikelse mot budget", "Rak väg till budget i balans"],
            [r.cells for r in pc.rows],
            (30, 35, 35),
        )
    if e.actions is not None:
        _actions_docx(doc, e)


def _actions_docx(doc: Any, e: EconomySection) -> None:
    at = e.actions
    assert at is not None
    doc.add_heading(at.title, level=2)
    doc.add_paragraph(at.paragraph)
    for s in at.by_stoplight:
        doc.add_paragraph(f"{s.symbol} {s.label} = {s.legend}")
    add_table(
        doc,
        "Åtgärder (mkr)",
        ["Åtgärd", "Ansvarig", "Område", "Bedömd helårseffekt", "Effekt hittills", "Stoppljus"],
        [
            [
                *(Cell((c,) if c else ()) for c in r.cells[:3]),
                *(Cell((c,) if c else (), align_right=True) for c in r.cells[3:5]),
                Cell((r.cells[5],)),
            ]
            for r in at.rows
        ],
        (27, 18, 20, 12, 11, 12),
        right=(3, 4),
        footer=[
            Cell(("Totalt",), bold=True),
            Cell(),
            Cell(),
            Cell((at.total,), align_right=True, bold=True),
            Cell((at.so_far,) if at.so_far else (), align_right=True, bold=True),
            Cell(),
        ],
    )
    _grid(
        doc,
        "Bedömd helårseffekt per stoppljus (mkr)",
        ["Stoppljus", "Antal åtgärder", "Bedömd helårseffekt"],
        [[f"{s.symbol} {s.label}", str(s.count), s.effect] for s in at.by_stoplight],
        (50, 25, 25),
    )
    _grid(
        doc,
        "Bedömd helårseffekt per område (mkr)",
        ["Område", "Bedömd helårseffekt"],
        [r.cells for r in at.by_area],
        (70, 30),
    )


def economy_xlsx(wb: Any, e: EconomySection | None, sheet: Sheet = _sheet) -> None:
    """One sheet each, with the figures as numbers (mkr) to filter and add up."""
    if e is None:
        return
    if e.balanskrav is not None:
        bk = e.balanskrav
        sheet(
            wb,
            "Balanskrav",
            ["Balanskravsutredning (mkr)", *bk.years],
            [[r.label, *r.numbers] for r in bk.rows],
        )
    if e.path is not None:
        sheet(
            wb,
            "Budgetavvikelse",
            ["Månad", "Prognos, avvikelse mot budget (mkr)", "Rak väg till budget i balans (mkr)"],
            [[r.cells[0], r.numbers[1], r.numbers[2]] for r in e.path.rows],
        )
    if e.actions is not None:
        at = e.actions
        sheet(
            wb,
            "Åtgärder",
            ["Åtgärd", "Ansvarig", "Område", "Helårseffekt (mkr)", "Hittills (mkr)", "Stoppljus"],
            [[*r.cells[:3], r.numbers[3], r.numbers[4], r.cells[5]] for r in at.rows],
        )
