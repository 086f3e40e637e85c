"""Stage 4, render (office formats): the Bilaga 1 presentation model → DOCX and XLSX bytes.

DOCX (python-docx) is the format the appendix is finished in before it goes to the
council, so it is laid out for that: A4 portrait, sv-SE on every style, Word's own heading
styles, fixed column widths in the HTML's proportions, status symbols in their colour
followed by their text, header rows that repeat and rows that do not split, a footer with
organisation, title and "Sida X av Y" (PAGE/NUMPAGES fields), and the document's own
properties (not the python-docx template's).

XLSX (openpyxl) is for analysts. First six sheets to filter and pivot: the summary, the
financial goals, all uppdrag, all nyckeltal (with målområde and nämnd columns), the
målområden and the nämnder's comments; then one sheet per table of the appendix, in its
order. Utfall and mål are stored as the numbers in the rules with their unit in an "Enhet"
column (89 with "%") and their direction in "Riktning"; måluppfyllelse, a ratio, is a
fraction with a percent format (0.937 shown as 93,7 %). Text is always stored as text,
never as a formula. Status cells carry their colour; every sheet prints on A4 landscape.

Both only present the context built by `engine.output.context`; neither computes a status.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from engine.output.context import Bilaga, MeasureRow, Status, UppdragRow

# --------------------------------------------------------------------------- DOCX

LANGUAGE = "sv-SE"
FONT = "Arial"  # LibreOffice maps it to the metric-compatible Liberation Sans, as the HTML uses
NAVY = "12324F"
#: The colours of the status symbols, as in the HTML (_symbol.html.j2). Yellow is a shade
#: darker than the HTML's fill so that a yellow triangle is visible as text on white.
SYMBOL_COLOUR = {"grön": "1E7B34", "gul": "C99700", "röd": "B3261E", "ej_bedömd": "555555"}
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = Mm(18), Mm(18), Mm(20)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDE

# Column widths in percent of the text width, the same proportions as the HTML's colgroups.
W_SUMMARY = (37, 10, 11, 11, 11, 20)
W_GOALS = (44, 13, 13, 13, 17)
W_UPPDRAG = (19, 27, 54)
W_KPI = (25, 9, 12, 9, 13, 32)


@dataclass(frozen=True)
class Cell:
    """One table cell: paragraphs of text, and optionally a status shown first."""

    paragraphs: Sequence[str] = ()
    status: Status | None = None
    status_text: str | None = None
    heading: str = ""  # a bold first line (the nämnd in a comment cell)
    note: str = ""  # an italic first paragraph
    muted: bool = False  # a repeated uppdrag text, in grey
    align_right: bool = False
    bold: bool = False


def _set_lang(r_pr: Any) -> None:
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)


def _set_fonts(r_pr: Any) -> None:
    """Named fonts instead of the theme's (Calibri/Cambria, not on a Linux desktop)."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _styles(doc: Any) -> None:
    """Swedish on every style, named fonts, and the appendix's look on the styles used."""
    root = doc.styles.element
    defaults = root.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_lang(r_pr)
    _set_fonts(r_pr)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    if spacing is not None:  # the template's 10 pt after and 1.15 lines make 88 pages
        spacing.set(qn("w:after"), "80")
        spacing.set(qn("w:line"), "252")
    for style in root.findall(qn("w:style")):
        r_pr = style.get_or_add_rPr()
        _set_lang(r_pr)
        if r_pr.find(qn("w:rFonts")) is not None:
            _set_fonts(r_pr)
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANGUAGE)

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    for name, size, before in (("Heading 1", 16, 0), ("Heading 2", 13, 14), ("Heading 3", 11, 8)):
        h = doc.styles[name]
        h.font.name = FONT
        h.font.size = Pt(size)
        h.font.bold = True
        h.font.italic = False
        h.font.color.rgb = RGBColor.from_string(NAVY)
        h.paragraph_format.space_before = Pt(before)
        h.paragraph_format.space_after = Pt(4)
        h.paragraph_format.keep_with_next = True
    caption = doc.styles["Caption"]
    caption.font.name = FONT
    caption.font.size = Pt(9.5)
    caption.font.bold = True
    caption.font.italic = False
    caption.font.color.rgb = RGBColor.from_string(NAVY)
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.space_after = Pt(3)
    caption.paragraph_format.keep_with_next = True
    cell = doc.styles.add_style("Tabelltext", 1)  # 1 = paragraph style
    cell.base_style = normal
    cell.font.size = Pt(8.5)
    cell.paragraph_format.space_after = Pt(2)
    cell.paragraph_format.line_spacing = 1.0
    _set_lang(cell.element.get_or_add_rPr())


def _page(doc: Any, b: Bilaga) -> None:
    """A4 portrait, margins, and a footer: organisation, title and period, 'Sida X av Y'."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN_SIDE
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.header_distance = section.footer_distance = Mm(9)
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.paragraph_format.tab_stops.clear_all()
    footer.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    footer.add_run(f"{b.organisation} – {b.heading}\t")
    footer.add_run("Sida ")
    _field(footer, "PAGE", "1")
    footer.add_run(" av ")
    _field(footer, "NUMPAGES", "1")
    for run in footer.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor.from_string("3D3D3D")


def _field(paragraph: Any, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out."""
    for kind, text in (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("text", placeholder),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} \\* MERGEFORMAT "
        elif kind == "text":
            run.text = text
            continue
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


def _properties(doc: Any, b: Bilaga, now: dt.datetime) -> None:
    """The document properties: the appendix's own, not the python-docx template's (2013)."""
    props = doc.core_properties
    props.title = b.heading
    props.subject = f"Sammanställning måluppfyllelse {b.period_label}"
    props.author = b.organisation
    props.last_modified_by = b.organisation
    props.comments = ""
    props.keywords = "måluppfyllelse; god ekonomisk hushållning; delårsrapport"
    props.category = "Bilaga"
    props.language = LANGUAGE
    props.created = now
    props.modified = now
    props.revision = 1
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):  # the template's picture of an empty page
            package.rels.pop(rel_id)
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = part.blob.replace(b"Microsoft Macintosh Word", b"maluppfyllelse").replace(
                b"<Company/>", f"<Company>{_xml(b.organisation)}</Company>".encode()
            )


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell_properties(cell: Any, width: int, shade: str | None = None) -> None:
    cell.width = width
    if shade:
        tc_pr = cell._tc.get_or_add_tcPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), shade)
        tc_pr.append(shd)


def _status_runs(paragraph: Any, s: Status, text: str | None = None, bold: bool = False) -> None:
    """The symbol in its colour, then the status in words (colour is never the only cue)."""
    symbol = paragraph.add_run(s.symbol)
    symbol.font.color.rgb = RGBColor.from_string(SYMBOL_COLOUR.get(s.key, "555555"))
    symbol.bold = bold
    label = paragraph.add_run(f" {text or s.label}")
    label.bold = bold


def _fill(cell: Any, content: Cell) -> None:
    first = cell.paragraphs[0]
    first.style = "Tabelltext"
    paragraphs: list[Any] = []

    def para() -> Any:
        if not paragraphs:
            paragraphs.append(first)
            return first
        p = cell.add_paragraph(style="Tabelltext")
        paragraphs.append(p)
        return p

    if content.status is not None:
        _status_runs(para(), content.status, content.status_text, content.bold)
    if content.heading:
        para().add_run(content.heading).bold = True
    if content.note:
        para().add_run(content.note).italic = True
    for text in content.paragraphs:
        p = para()
        run = p.add_run(text)
        run.bold = content.bold
        if content.muted:
            run.font.color.rgb = RGBColor.from_string("595959")
    if content.align_right:
        for p in paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if not paragraphs:
        first.text = ""


def _row_properties(row: Any, header: bool) -> None:
    """Header rows repeat on every page; no row is split across two pages."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        h = OxmlElement("w:tblHeader")
        h.set(qn("w:val"), "true")
        tr_pr.append(h)


def _widths(percent: Sequence[int]) -> list[int]:
    total = sum(percent)
    return [int(TEXT_WIDTH * p / total) for p in percent]


def _header_cell(cell: Any, text: str | Status, width: int, right: bool = False) -> None:
    _cell_properties(cell, width, NAVY)
    p = cell.paragraphs[0]
    p.style = "Tabelltext"
    p.paragraph_format.keep_with_next = True
    if right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if isinstance(text, Status):  # a symbol on the navy header: on a white box, as the HTML
        run = p.add_run(text.symbol)
        run.font.color.rgb = RGBColor.from_string(SYMBOL_COLOUR.get(text.key, "555555"))
        run.font.highlight_color = WD_COLOR_INDEX.WHITE
        run.bold = True
        label = p.add_run(f" {text.label}")
        label.font.color.rgb = RGBColor.from_string("FFFFFF")
        label.bold = True
        label.font.size = Pt(7)
    else:
        run = p.add_run(text)
        run.bold = True
        run.font.color.rgb = RGBColor.from_string("FFFFFF")


def _table(
    doc: Any,
    caption: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    percent: Sequence[int],
    right: Sequence[int] = (),
    footer: Sequence[Cell] | None = None,
) -> Any:
    doc.add_paragraph(caption, style="Caption")
    widths = _widths(percent)
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fixed_layout(table)
    for col, width in zip(table.columns, widths, strict=True):
        col.width = width
    for i, (cell, text) in enumerate(zip(table.rows[0].cells, headers, strict=True)):
        _header_cell(cell, text, widths[i], i in right)
    _row_properties(table.rows[0], header=True)
    for values in [*rows, *([footer] if footer else [])]:
        row = table.add_row()
        for i, (cell, content) in enumerate(zip(row.cells, values, strict=True)):
            _cell_properties(cell, widths[i], "EEF2F6" if values is footer else None)
            _fill(cell, content)
        _row_properties(row, header=False)
    return table


def _fixed_layout(table: Any) -> None:
    """Column widths as given (table.autofit = False writes w:tblLayout fixed) on the full
    text width."""
    table.autofit = False
    width = table._tbl.tblPr.find(qn("w:tblW"))
    if width is not None:
        width.set(qn("w:w"), str(TEXT_WIDTH // 635))  # EMU → twentieths of a point
        width.set(qn("w:type"), "dxa")


def _summary_table(doc: Any, b: Bilaga) -> None:
    """Two header rows, as in the HTML: 'Finansiella nyckeltal' over its three symbols."""
    doc.add_paragraph(
        "Målområden med övergripande mål: antal uppdrag, finansiella nyckeltal per status "
        "och sammanvägd status",
        style="Caption",
    )
    widths = _widths(W_SUMMARY)
    table = doc.add_table(rows=2, cols=6)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fixed_layout(table)
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
        _header_cell(top[i], text, widths[i] if i != 2 else sum(widths[2:5]), right=i == 1)
    for i, key in zip((2, 3, 4), ("grön", "gul", "röd"), strict=True):
        _header_cell(second[i], b.statuses[key], widths[i], right=True)
    for row in table.rows:
        _row_properties(row, header=True)

    def counts(r: Any) -> list[Cell]:
        return [
            Cell([str(v) if v else ""], align_right=True)
            for v in (r.uppdrag, r.green, r.yellow, r.red)
        ]

    for r in b.summary:
        row = table.add_row()
        values = [Cell([r.title]), *counts(r), Cell(status=r.status) if r.status else Cell()]
        for i, (cell, content) in enumerate(zip(row.cells, values, strict=True)):
            _cell_properties(cell, widths[i])
            _fill(cell, content)
        _row_properties(row, header=False)
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
        _cell_properties(cell, widths[i], "EEF2F6")
        _fill(cell, content)
    _row_properties(row, header=False)


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
    return [
        Cell([k.name]),
        Cell([k.value], align_right=True),
        Cell([k.target], align_right=True),
        Cell([k.ratio], align_right=True),
        Cell(status=k.status),
        Cell(k.comment, note=k.note),
    ]


def to_docx(b: Bilaga, now: dt.datetime | None = None) -> bytes:
    doc = Document()
    _styles(doc)
    _page(doc, b)
    _properties(doc, b, now or dt.datetime.now(dt.UTC).replace(microsecond=0))
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
        _status_runs(line, s, s.colour_word)
        line.add_run(f" = {s.legend}")
    na = b.statuses["ej_bedömd"]
    line = doc.add_paragraph()
    _status_runs(line, na)
    line.add_run(f" = {na.legend}")
    doc.add_paragraph(b.band_sentence)

    doc.add_heading("Sammanställning per målområde", level=2)
    _summary_table(doc, b)
    doc.add_heading("Finansiella mål", level=2)
    _table(
        doc,
        f"Finansiella mål: målvärde, utfall {b.period_label} och måluppfyllelse",
        [
            "Finansiella mål",
            "Målvärde",
            f"Utfall {b.period_label}",
            "Målupp\u00adfyllelse",
            "Status",
        ],
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
    for a in b.areas:
        doc.add_heading(a.title, level=2)
        status_line = doc.add_paragraph("Sammanvägd status: ")
        _status_runs(status_line, a.status, bold=True)
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
                _table(
                    doc,
                    f"{caption} – {a.name}",
                    ["Status", "Uppdrag", "Kommentar"],
                    _uppdrag_rows(items, muted),
                    W_UPPDRAG,
                )
        for t in a.kpi_tables:
            _table(
                doc,
                f"Kortsiktiga nyckeltal – {t.namnd}",
                ["Nyckeltal", "Utfall", "Mål", "Målupp\u00adfyllelse", "Status", "Kommentar"],
                [_kpi_row(k) for k in t.rows],
                W_KPI,
                right=(1, 2, 3),
            )
    doc.add_heading("Slutsatser av god ekonomisk hushållning", level=2)
    for text in b.conclusion:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- XLSX


#: Status cells filled with the legend's colour (text colour chosen for contrast).
STATUS_FILL = {
    "grön": ("1E7B34", "FFFFFF"),
    "gul": ("F5C400", "1A1A1A"),
    "röd": ("B3261E", "FFFFFF"),
    "ej_bedömd": ("E0E0E0", "1A1A1A"),
}
MAX_SHEET_TITLE = 31
WRAP_WIDTH = 60  # wider columns wrap their text


@dataclass(frozen=True)
class Column:
    header: str
    width: float | None = None  # None: from the content
    percent: bool = False
    status: bool = False  # the cell holds a status label; filled with its colour


def _sheet(
    wb: Workbook,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    statuses: Sequence[Status | None] = (),
    caption: str = "",
) -> None:
    """One data sheet: a header row, frozen, filtered, repeated on every printed page; A4
    landscape fitted to the page width; status cells in their colour."""
    ws = wb.create_sheet(title)
    ws.append([c.header for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=NAVY)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        ws.append(list(row))
    # Text from the YAML is data, never a formula: '=HYPERLINK(…)' in a comment must not
    # become a live formula in an analyst's spreadsheet.
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, col in enumerate(columns, start=1):
        letter = get_column_letter(i)
        if col.percent:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = "0.0%"
        if col.status:
            for n, (cell,) in enumerate(ws.iter_rows(min_row=2, min_col=i, max_col=i)):
                status = statuses[n] if n < len(statuses) else None
                if status is not None and status.key in STATUS_FILL:
                    fill, text = STATUS_FILL[status.key]
                    cell.fill = PatternFill("solid", fgColor=fill)
                    cell.font = Font(color=text, bold=True)
        width = col.width
        if width is None:
            longest = max(
                [len(col.header)]
                + [
                    max((len(x) for x in str(r[i - 1] or "").split("\n")), default=0)
                    for r in rows[:200]
                ]
            )
            width = min(max(10, longest + 2), WRAP_WIDTH)
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    _print_setup(ws, caption or title)


def _print_setup(ws: Any, caption: str) -> None:
    """A4 landscape, all columns on one page width, header row on every page, page numbers."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddHeader.left.text = caption.replace("&", "&&")
    ws.oddFooter.right.text = "Sida &P av &N"


def _fraction(value: float | None) -> float | None:
    return round(value / 100, 4) if value is not None else None


def to_xlsx(b: Bilaga) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(
        wb,
        "Sammanställning",
        [
            Column("Målområde med övergripande mål", 50),
            Column("Uppdrag", 10),
            Column("Finansiella grön", 10),
            Column("Finansiella gul", 10),
            Column("Finansiella röd", 10),
            Column("Sammanvägd status", 18, status=True),
        ],
        [
            [r.title, r.uppdrag, r.green, r.yellow, r.red, r.status.label if r.status else ""]
            for r in b.summary
        ]
        + [[b.total.title, b.total.uppdrag, b.total.green, b.total.yellow, b.total.red, ""]],
        [r.status for r in b.summary] + [None],
        "Sammanställning per målområde",
    )
    _sheet(
        wb,
        "Finansiella mål",
        [
            Column("Finansiella mål", 45),
            Column("Riktning", 11),
            Column("Målvärde", 10),
            Column("Utfall", 10),
            Column("Måluppfyllelse", 15, percent=True),
            Column("Status", 16, status=True),
            Column("Status (kod)", 12),
            Column("Enhet", 8),
            Column("Kommentar", WRAP_WIDTH),
        ],
        [
            [
                m.name,
                m.direction,
                m.target_number,
                m.value_number,
                _fraction(m.ratio_number),
                m.status.label,
                m.status.key,
                m.unit,
                "\n\n".join(m.comment),
            ]
            for m in b.goals
        ],
        [m.status for m in b.goals],
    )
    uppdrag = [
        (a, origin, u, r)
        for a in b.areas
        for origin, items in (("fullmäktige", a.uppdrag), ("nämnd", a.own_uppdrag))
        for u in items
        for r in u.reports
    ]
    _sheet(
        wb,
        "Uppdrag",
        [
            Column("Målområde", 22),
            Column("Ursprung", 12),
            Column("Uppdrag", 45),
            Column("Nämnd", 24),
            Column("Status", 22, status=True),
            Column("Färg", 16),
            Column("Kommentar", WRAP_WIDTH),
        ],
        [
            [a.name, origin, u.text, r.namnd, r.status_text, r.status.label, "\n\n".join(r.comment)]
            for a, origin, u, r in uppdrag
        ],
        [r.status for *_, r in uppdrag],
    )
    kpis = [(a, t, k) for a in b.areas for t in a.kpi_tables for k in t.rows]
    _sheet(
        wb,
        "Nyckeltal",
        [
            Column("Målområde", 22),
            Column("Nämnd", 24),
            Column("Nyckeltal", 40),
            Column("Utfall", 10),
            Column("Riktning", 11),
            Column("Mål", 10),
            Column("Måluppfyllelse", 15, percent=True),
            Column("Status", 16, status=True),
            Column("Status (kod)", 12),
            Column("Not", 30),
            Column("Kommentar", WRAP_WIDTH),
            Column("Enhet", 8),
        ],
        [
            [
                a.name,
                t.namnd,
                k.name,
                k.value_number,
                k.direction,
                k.target_number,
                _fraction(k.ratio_number),
                k.status.label,
                k.status.key,
                k.note,
                "\n\n".join(k.comment),
                k.unit,
            ]
            for a, t, k in kpis
        ],
        [k.status for *_, k in kpis],
    )
    _sheet(
        wb,
        "Målområden",
        [
            Column("Målområde", 22),
            Column("Målområde med övergripande mål", 45),
            Column("Sammanvägd status", 18, status=True),
            Column("Status (kod)", 12),
            Column("Motivering", 45),
            Column("Kommentar", 90),
        ],
        [
            [a.name, a.title, a.status.label, a.status.key, a.motivation, "\n\n".join(a.comment)]
            for a in b.areas
        ],
        [a.status for a in b.areas],
    )
    comments = [(a, c) for a in b.areas for c in a.all_namnd_comments]
    _sheet(
        wb,
        "Nämndernas kommentarer",
        [Column("Målområde", 22), Column("Nämnd", 28), Column("Kommentar", 90)],
        [[a.name, c.namnd, "\n\n".join(c.comment)] for a, c in comments],
    )
    _table_sheets(wb, b)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _sheet_title(wb: Workbook, base: str, suffix: str) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\, unique in `wb`.

    'Ledningsprocesser – egna uppdrag' is 32 characters: first 'Ledningsprocesser, egna
    uppdrag'; failing that the målområde's name is cut after a whole word and marked with
    '…' ('Regionalt… – uppdrag'), never in the middle of a word."""
    clean = " ".join("".join(" " if ch in "[]:*?/\\" else ch for ch in base).split())
    candidates = [f"{clean} – {suffix}", f"{clean}, {suffix}"]
    words = clean.split()
    while len(words) > 1:
        words.pop()
        kept = " ".join(words).rstrip(" -–,")
        candidates.append(f"{kept}… – {suffix}")
    candidates.append(suffix)
    title = next(
        (c for c in candidates if len(c) <= MAX_SHEET_TITLE), suffix[:MAX_SHEET_TITLE].rstrip()
    )
    if title not in wb.sheetnames:
        return title
    for n in range(2, 1000):
        numbered = f"{title} {n}"
        if len(numbered) > MAX_SHEET_TITLE:
            cut = title[: MAX_SHEET_TITLE - len(f" {n}")]
            cut = cut.rsplit(" ", 1)[0] if " " in cut else cut
            numbered = f"{cut} {n}"
        if numbered not in wb.sheetnames:
            return numbered
    raise ValueError(f"no free sheet name for {title!r}")


def _table_sheets(wb: Workbook, b: Bilaga) -> None:
    """Besides the data sheets, one sheet per table of the appendix, in its order."""
    for a in b.areas:
        for label, caption, items in (
            ("uppdrag", "Uppdrag", a.uppdrag),
            ("egna uppdrag", "Nämndernas egna uppdrag", a.own_uppdrag),
        ):
            if items:
                reports = [(u, r) for u in items for r in u.reports]
                _sheet(
                    wb,
                    _sheet_title(wb, a.name, label),
                    [
                        Column("Uppdrag", 45),
                        Column("Nämnd", 24),
                        Column("Status", 22, status=True),
                        Column("Färg", 16),
                        Column("Kommentar", 90),
                    ],
                    [
                        [u.text, r.namnd, r.status_text, r.status.label, "\n\n".join(r.comment)]
                        for u, r in reports
                    ],
                    [r.status for _, r in reports],
                    f"{caption} – {a.name}",
                )
        for t in a.kpi_tables:
            _sheet(
                wb,
                _sheet_title(wb, a.name, t.namnd_id or t.namnd),
                [
                    Column("Nyckeltal", 40),
                    Column("Utfall", 10),
                    Column("Riktning", 11),
                    Column("Mål", 10),
                    Column("Måluppfyllelse", 15, percent=True),
                    Column("Status", 16, status=True),
                    Column("Kommentar", 80),
                    Column("Enhet", 8),
                ],
                [
                    [
                        k.name,
                        k.value_number,
                        k.direction,
                        k.target_number,
                        _fraction(k.ratio_number),
                        k.status.label,
                        "\n\n".join(([k.note] if k.note else []) + k.comment),
                        k.unit,
                    ]
                    for k in t.rows
                ],
                [k.status for k in t.rows],
                f"Kortsiktiga nyckeltal – {a.name}, {t.namnd}",
            )
