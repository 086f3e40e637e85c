"""Stage 4, render (office formats): the Bilaga 1 presentation model → DOCX and XLSX bytes.

DOCX (python-docx) is for finishing the appendix in Word before it goes to the council:
real headings and real Word tables (header rows repeat across pages), editable.

XLSX (openpyxl) is for analysts. First four sheets to filter and pivot: the summary, the
financial goals, all uppdrag and all nyckeltal (with målområde and nämnd columns); then
one sheet per table of the appendix, in its order. Utfall and mål are stored as the
numbers in the rules with their unit in an "Enhet" column (89 with "%"); måluppfyllelse,
a ratio, is a fraction with a percent format (0.937 shown as 93,7 %). Text is always
stored as text, never as a formula.

Both only present the context built by `engine.output.context`; neither computes a status.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from engine.output.context import Bilaga, Status
from engine.output.office_economy import economy_docx, economy_xlsx


def _status(s: Status, text: str | None = None) -> str:
    return f"{s.symbol} {text or s.label}"


def _repeat_header(table: Table) -> None:
    """Mark the first row as a header row that Word repeats on every page."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    for row in table.rows:
        cant = OxmlElement("w:cantSplit")
        row._tr.get_or_add_trPr().append(cant)


def _table(doc: object, caption: str, headers: list[str], rows: list[list[str]]) -> None:
    doc.add_paragraph(caption, style="Caption")  # type: ignore[attr-defined]
    table = doc.add_table(rows=1, cols=len(headers))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    _repeat_header(table)


def to_docx(b: Bilaga) -> bytes:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10)
    doc.core_properties.title = b.heading
    doc.core_properties.language = "sv-SE"
    doc.core_properties.author = b.organisation
    doc.add_heading(b.heading, level=1)
    doc.add_paragraph(f"{b.organisation}, uppgifter per {b.date}")
    for p in b.intro:
        doc.add_paragraph(p)
    doc.add_heading("Utvärdering av god ekonomisk hushållning", level=2)
    for p in b.evaluation:
        doc.add_paragraph(p)
    doc.add_heading("Symbolförklaring för måluppfyllelse", level=2)
    for s in b.legend:
        doc.add_paragraph(f"{s.symbol} {s.colour_word} = {s.legend}", style="List Bullet")
    na = b.statuses["ej_bedömd"]
    doc.add_paragraph(f"{na.symbol} {na.label} = {na.legend}", style="List Bullet")
    doc.add_paragraph(b.band_sentence)

    doc.add_heading("Sammanställning per målområde", level=2)
    rows = [
        [
            r.title,
            str(r.uppdrag),
            str(r.green or ""),
            str(r.yellow or ""),
            str(r.red or ""),
            _status(r.status) if r.status else "",
        ]
        for r in b.summary
    ]
    rows.append(
        [
            b.total.title,
            str(b.total.uppdrag),
            str(b.total.green),
            str(b.total.yellow),
            str(b.total.red),
            "",
        ]
    )
    g, y, r_ = (b.statuses[k].symbol for k in ("grön", "gul", "röd"))
    _table(
        doc,
        "Målområden med övergripande mål: antal uppdrag, finansiella nyckeltal per status och sammanvägd status",
        [
            "Målområde med övergripande mål",
            "Uppdrag",
            f"Finansiella {g}",
            f"Finansiella {y}",
            f"Finansiella {r_}",
            "Sammanvägd status",
        ],
        rows,
    )
    doc.add_heading("Finansiella mål", level=2)
    _table(
        doc,
        f"Finansiella mål: målvärde, utfall {b.period_label} och måluppfyllelse",
        ["Finansiella mål", "Målvärde", f"Utfall {b.period_label}", "Måluppfyllelse", "Status"],
        [[m.name, m.target, m.value, m.ratio, _status(m.status)] for m in b.goals],
    )
    for a in b.areas:
        doc.add_heading(a.title, level=2)
        status_line = doc.add_paragraph("Sammanvägd status: ")
        status_line.add_run(_status(a.status)).bold = True
        if a.status.key != a.computed.key:
            status_line.add_run(f" (beräknat förslag: {a.computed.label.lower()})")
        for text in a.comment:
            doc.add_paragraph(text)
        for caption, items in (
            ("Uppdrag från regionfullmäktige", a.uppdrag),
            ("Nämndernas egna uppdrag", a.own_uppdrag),
        ):
            if items:
                _table(
                    doc,
                    f"{caption} – {a.title}",
                    ["Status", "Uppdrag", "Nämnd", "Kommentar"],
                    [
                        [_status(r.status, r.status_text), u.text, r.namnd, "\n\n".join(r.comment)]
                        for u in items
                        for r in u.reports
                    ],
                )
        for t in a.kpi_tables:
            _table(
                doc,
                f"Kortsiktiga nyckeltal – {t.namnd}",
                ["Nyckeltal", "Utfall", "Mål", "Måluppfyllelse", "Status", "Kommentar"],
                [
                    [
                        k.name,
                        k.value,
                        k.target,
                        k.ratio,
                        _status(k.status),
                        "\n\n".join(([k.note] if k.note else []) + k.comment),
                    ]
                    for k in t.rows
                ],
            )
    economy_docx(doc, b.economy)
    doc.add_heading("Slutsatser av god ekonomisk hushållning", level=2)
    for text in b.conclusion:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _sheet(
    wb: Workbook,
    title: str,
    headers: list[str],
    rows: list[list[object]],
    percent_cols: tuple[int, ...] = (),
) -> None:
    ws = wb.create_sheet(title)
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="12324F")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        ws.append(row)
    # Text from the YAML is data, never a formula: '=HYPERLINK(…)' in a comment must not
    # become a live formula in an analyst's spreadsheet.
    for cells in ws.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    for col in percent_cols:
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.number_format = "0.0%"
    for i, header in enumerate(headers, start=1):
        width = max([len(str(header))] + [len(str(r[i - 1] or "")) for r in rows[:200]])
        ws.column_dimensions[get_column_letter(i)].width = min(max(10, width + 2), 60)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def _fraction(value: float | None) -> float | None:
    return round(value / 100, 4) if value is not None else None


def to_xlsx(b: Bilaga) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(
        wb,
        "Sammanställning",
        [
            "Målområde med övergripande mål",
            "Uppdrag",
            "Finansiella grön",
            "Finansiella gul",
            "Finansiella röd",
            "Sammanvägd status",
        ],
        [
            [r.title, r.uppdrag, r.green, r.yellow, r.red, r.status.label if r.status else ""]
            for r in b.summary
        ]
        + [[b.total.title, b.total.uppdrag, b.total.green, b.total.yellow, b.total.red, ""]],
    )
    _sheet(
        wb,
        "Finansiella mål",
        [
            "Finansiella mål",
            "Målvärde",
            "Utfall",
            "Måluppfyllelse",
            "Status",
            "Status (kod)",
            "Enhet",
        ],
        [
            [
                m.name,
                m.target_number,
                m.value_number,
                _fraction(m.ratio_number),
                m.status.label,
                m.status.key,
                m.unit,
            ]
            for m in b.goals
        ],
        percent_cols=(4,),
    )
    _sheet(
        wb,
        "Uppdrag",
        ["Målområde", "Ursprung", "Uppdrag", "Nämnd", "Status", "Färg", "Kommentar"],
        [
            [
                a.title,
                origin,
                u.text,
                r.namnd,
                r.status_text,
                r.status.label,
                "\n\n".join(r.comment),
            ]
            for a in b.areas
            for origin, items in (("fullmäktige", a.uppdrag), ("nämnd", a.own_uppdrag))
            for u in items
            for r in u.reports
        ],
    )
    _sheet(
        wb,
        "Nyckeltal",
        [
            "Målområde",
            "Nämnd",
            "Nyckeltal",
            "Utfall",
            "Mål",
            "Måluppfyllelse",
            "Status",
            "Status (kod)",
            "Not",
            "Kommentar",
            "Enhet",
        ],
        [
            [
                a.title,
                t.namnd,
                k.name,
                k.value_number,
                k.target_number,
                _fraction(k.ratio_number),
                k.status.label,
                k.status.key,
                k.note,
                "\n\n".join(k.comment),
                k.unit,
            ]
            for a in b.areas
            for t in a.kpi_tables
            for k in t.rows
        ],
        percent_cols=(6,),
    )
    _table_sheets(wb, b)
    economy_xlsx(wb, b.economy)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _sheet_title(wb: Workbook, base: str, suffix: str) -> str:
    """An Excel sheet name (at most 31 characters, none of []:*?/\\), unique in `wb`."""
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in base)
    title = f"{clean[: 31 - len(suffix) - 3].rstrip()} – {suffix}"
    n = 2
    while title in wb.sheetnames:
        title = f"{title[:28]} {n}"
        n += 1
    return title


def _table_sheets(wb: Workbook, b: Bilaga) -> None:
    """Besides the four filterable sheets, one sheet per table of the appendix, in its order."""
    for a in b.areas:
        for label, items in (("uppdrag", a.uppdrag), ("egna uppdrag", a.own_uppdrag)):
            if items:
                _sheet(
                    wb,
                    _sheet_title(wb, a.name, label),
                    ["Uppdrag", "Nämnd", "Status", "Färg", "Kommentar"],
                    [
                        [u.text, r.namnd, r.status_text, r.status.label, "\n\n".join(r.comment)]
                        for u in items
                        for r in u.reports
                    ],
                )
        for t in a.kpi_tables:
            _sheet(
                wb,
                _sheet_title(wb, a.name, t.namnd_id or t.namnd),
                ["Nyckeltal", "Utfall", "Mål", "Måluppfyllelse", "Status", "Kommentar", "Enhet"],
                [
                    [
                        k.name,
                        k.value_number,
                        k.target_number,
                        _fraction(k.ratio_number),
                        k.status.label,
                        "\n\n".join(([k.note] if k.note else []) + k.comment),
                        k.unit,
                    ]
                    for k in t.rows
                ],
                percent_cols=(4,),
            )
