"""Stage 4, render (DOCX): the building blocks of the Word appendix.

Styles (sv-SE everywhere, named fonts, the appendix's colours), the A4 page and its footer
with PAGE/NUMPAGES fields, the document properties, and tables with fixed column widths,
coloured status symbols, repeated header rows and rows that do not split.
`engine.output.word` puts the appendix together from these.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from engine.output.presentation import Bilaga, Status

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
#: The summary's widths come from its declared columns (SummaryColumn.weight).
W_GOALS = (44, 13, 13, 13, 17)
#: With a trend under the values the Utfall column needs room for its words.
W_GOALS_TREND = (34, 13, 23, 13, 17)
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


def apply_styles(doc: Any) -> None:
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


def page_setup(doc: Any, b: Bilaga) -> None:
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


def set_properties(doc: Any, b: Bilaga, now: dt.datetime) -> None:
    """The document properties: the appendix's own, not the python-docx template's (2013)."""
    props = doc.core_properties
    props.title = b.heading
    props.subject = f"Sammanställning måluppfyllelse {b.period_label}"
    props.author = b.organisation
    props.last_modified_by = b.organisation
    props.comments = ""
    # The region's appendix to its delårsrapport; a nämnd's report (layout 'nämnd') is a
    # report of its own and has no GEH part unless its layout shows one.
    words = ["måluppfyllelse"]
    if "god_ekonomisk_hushållning" in b.parts or "utvärdering" in b.parts:
        words.append("god ekonomisk hushållning")
    words.append("delårsrapport" if b.layout == "bilaga1" else "uppföljning")
    props.keywords = "; ".join(words)
    props.category = "Bilaga" if b.layout == "bilaga1" else "Rapport"
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


def cell_properties(cell: Any, width: int, shade: str | None = None) -> None:
    cell.width = width
    if shade:
        tc_pr = cell._tc.get_or_add_tcPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), shade)
        tc_pr.append(shd)


def status_runs(paragraph: Any, s: Status, text: str | None = None, bold: bool = False) -> None:
    """The symbol in its colour, then the status in words (colour is never the only cue)."""
    symbol = paragraph.add_run(s.symbol)
    symbol.font.color.rgb = RGBColor.from_string(SYMBOL_COLOUR.get(s.key, "555555"))
    symbol.bold = bold
    label = paragraph.add_run(f" {text or s.label}")
    label.bold = bold


def fill_cell(cell: Any, content: Cell) -> None:
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
        status_runs(para(), content.status, content.status_text, content.bold)
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


def row_properties(row: Any, header: bool) -> None:
    """Header rows repeat on every page; no row is split across two pages."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        h = OxmlElement("w:tblHeader")
        h.set(qn("w:val"), "true")
        tr_pr.append(h)


def column_widths(percent: Sequence[float]) -> list[int]:
    total = sum(percent)
    return [int(TEXT_WIDTH * p / total) for p in percent]


#: What a character of table text (Arial 8,5 pt, bold included) takes at most on average,
#: and a cell's inner margins (Table Grid: 1,9 mm a side): what `fitted` reckons with.
CHAR_WIDTH, CELL_PADDING = Mm(1.75), Mm(3.8)
#: No column is widened beyond this share for one long word (a web address, say): such a
#: word is broken wherever the column ends, as Word does.
MOST_FOR_A_WORD = 40.0
#: Where Word may break a line in table text; a no-break space (as in "1 748") is not one.
_BREAKS = re.compile(r"[ \t\n\u00ad-]+")


def fitted(
    percent: Sequence[float], headers: Sequence[str | Status], rows: Sequence[Sequence[Cell]]
) -> list[float]:
    """The column shares, each widened to its longest word where it is narrower.

    Word lays out a fixed table by the given widths and breaks a word that does not fit in
    the middle ("1 748 pa|tienter"), where the HTML widens the column. So a column gets at
    least its longest word (header and cells, measured by `CHAR_WIDTH`, at most
    `MOST_FOR_A_WORD`), and what it takes comes from the columns with room to spare, each
    in proportion to its room. Without room enough for every such column the shares stay
    as declared."""
    total = sum(percent)
    share = [p * 100 / total for p in percent]
    need = [
        min(MOST_FOR_A_WORD, _need(column))
        for column in zip(headers, *(_texts(r) for r in rows), strict=True)
    ]
    short = sum(max(0.0, n - s) for n, s in zip(need, share, strict=True))
    spare = sum(max(0.0, s - n) for n, s in zip(need, share, strict=True))
    if short == 0 or short > spare:
        return share
    # Each column with room gives in proportion to its room.
    return [n if n > s else s - (s - n) * short / spare for n, s in zip(need, share, strict=True)]


#: A no-break space before a unit word ("1 748 patienter"): the HTML widens the column for
#: the whole, Word breaks the word itself when it does not fit ("1 748 pa|tienter").
_BEFORE_UNIT = re.compile(r"\u00a0(?=[^\W\d_])")


def unit_breakable(text: str) -> str:
    """A value or target with an ordinary space before its unit word, for a narrow Word
    column: "1 748" and "51,5 %" stay together, "patienter" may go to the next line."""
    return _BEFORE_UNIT.sub(" ", text)


def _texts(row: Sequence[Cell]) -> list[str]:
    """Each cell's text as one string, as `fill_cell` writes it."""
    out = []
    for c in row:
        status = [c.status.symbol, c.status_text or c.status.label] if c.status else []
        out.append(" ".join([*status, c.heading, c.note, *c.paragraphs]))
    return out


def _need(texts: Sequence[str | Status]) -> float:
    """The share of the text width a column needs for its longest word."""
    longest = max(
        (len(w) for t in texts if isinstance(t, str) for w in _BREAKS.split(t)), default=0
    )
    return (longest * CHAR_WIDTH + CELL_PADDING) * 100 / TEXT_WIDTH


def header_cell(cell: Any, text: str | Status, width: int, right: bool = False) -> None:
    cell_properties(cell, width, NAVY)
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


def add_table(
    doc: Any,
    caption: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    percent: Sequence[float],
    right: Sequence[int] = (),
    footer: Sequence[Cell] | None = None,
) -> Any:
    doc.add_paragraph(caption, style="Caption")
    widths = column_widths(fitted(percent, headers, [*rows, *([footer] if footer else [])]))
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    fixed_layout(table)
    for col, width in zip(table.columns, widths, strict=True):
        col.width = width
    for i, (cell, text) in enumerate(zip(table.rows[0].cells, headers, strict=True)):
        header_cell(cell, text, widths[i], i in right)
    row_properties(table.rows[0], header=True)
    for values in [*rows, *([footer] if footer else [])]:
        row = table.add_row()
        for i, (cell, content) in enumerate(zip(row.cells, values, strict=True)):
            cell_properties(cell, widths[i], "EEF2F6" if values is footer else None)
            fill_cell(cell, content)
        row_properties(row, header=False)
    return table


def fixed_layout(table: Any) -> None:
    """Column widths as given (table.autofit = False writes w:tblLayout fixed) on the full
    text width."""
    table.autofit = False
    width = table._tbl.tblPr.find(qn("w:tblW"))
    if width is not None:
        width.set(qn("w:w"), str(TEXT_WIDTH // 635))  # EMU → twentieths of a point
        width.set(qn("w:type"), "dxa")
