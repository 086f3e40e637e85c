"""The economy part of Bilaga 1 in Word and Excel (engine.output.economy has the content).

Self-contained (its own small table and sheet helpers), so that the appendix's main
Word and Excel layout can change without touching this: the writers call
`economy_docx(doc, b.economy)` before the conclusions and `economy_xlsx(wb, b.economy)`
after the other sheets."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from engine.output.economy import EconomySection

DocTable = Callable[[Any, str, list[str], list[list[str]]], None]
Sheet = Callable[[Any, str, list[str], list[list[object]]], None]
NAVY = "12324F"


def _table(doc: Any, caption: str, headers: list[str], rows: list[list[str]]) -> None:
    """A captioned grid table whose header row Word repeats on every page."""
    doc.add_paragraph(caption, style="Caption")
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(header)
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


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


def economy_docx(doc: Any, e: EconomySection | None, table: DocTable = _table) -> None:
    """Headings, paragraphs, tables and the chart (PNG with its text alternative)."""
    if e is None:
        return
    if e.balanskrav is not None:
        bk = e.balanskrav
        doc.add_heading("Balanskravsresultat", level=2)
        doc.add_paragraph(bk.paragraph)
        table(
            doc,
            "Balanskravsutredning i miljoner kronor",
            ["Balanskravsutredning i miljoner kronor", *bk.years],
            [[r.label, *r.cells] for r in bk.rows],
        )
        bold = {i + 1 for i, r in enumerate(bk.rows) if r.kind == "summa"}
        _shape(doc.tables[-1], [9.4] + [2.1] * len(bk.years), bold)
        for note in bk.notes:
            doc.add_paragraph(note)
    if e.path is not None:
        pc = e.path
        doc.add_heading("Budgetavvikelse och vägen till budget i balans", level=2)
        doc.add_paragraph(pc.paragraph)
        doc.add_picture(io.BytesIO(pc.png), width=Cm(16))
        doc_pr = doc.inline_shapes[-1]._inline.docPr
        doc_pr.set("title", pc.title)
        doc_pr.set("descr", pc.alt)
        doc.add_paragraph(pc.title, style="Caption")
        table(
            doc,
            "Siffrorna i diagrammet (mkr)",
            ["Månad", "Prognos, avvikelse mot budget", "Rak väg till budget i balans"],
            [r.cells for r in pc.rows],
        )
        _shape(doc.tables[-1], [4.0, 5.0, 5.0])
    if e.actions is not None:
        _actions_docx(doc, e, table)


def _actions_docx(doc: Any, e: EconomySection, table: DocTable) -> None:
    at = e.actions
    assert at is not None
    doc.add_heading(at.title, level=2)
    doc.add_paragraph(at.paragraph)
    for s in at.by_stoplight:
        doc.add_paragraph(f"{s.symbol} {s.label} = {s.legend}")
    table(
        doc,
        "Åtgärder (mkr)",
        ["Åtgärd", "Ansvarig", "Område", "Bedömd helårseffekt", "Effekt hittills", "Stoppljus"],
        [r.cells for r in at.rows] + [["Totalt", "", "", at.total, at.so_far, ""]],
    )
    _shape(doc.tables[-1], [4.2, 2.4, 3.2, 2.4, 2.2, 2.6], {len(at.rows) + 1}, numeric=(3, 4))
    table(
        doc,
        "Bedömd helårseffekt per stoppljus (mkr)",
        ["Stoppljus", "Antal åtgärder", "Bedömd helårseffekt"],
        [[f"{s.symbol} {s.label}", str(s.count), s.effect] for s in at.by_stoplight],
    )
    _shape(doc.tables[-1], [5.0, 3.0, 4.0])
    table(
        doc,
        "Bedömd helårseffekt per område (mkr)",
        ["Område", "Bedömd helårseffekt"],
        [r.cells for r in at.by_area],
    )
    _shape(doc.tables[-1], [8.0, 4.0])


def _shape(
    table: Any, widths: list[float], bold: set[int] | None = None, numeric: tuple[int, ...] = ()
) -> None:
    """Column widths in cm, figures right-aligned (every column after the first unless
    `numeric` names them), and the rows in `bold` (the totals) in bold."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice reads
    figures = set(numeric or range(1, len(widths)))
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.width = Cm(widths[c])
            for paragraph in cell.paragraphs:
                if c in figures:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                for run in paragraph.runs:
                    run.bold = True if r == 0 or r in (bold or set()) else run.bold


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
