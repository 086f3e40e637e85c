"""The XLSX sheets' shared machinery: a sheet from columns and rows (text stored as text,
never a formula; status cells coloured), print setup and Excel-safe sheet names. Used by
`engine.output.excel`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from engine.output.presentation import Status

NAVY = "12324F"
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


def sheet(
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
    print_setup(ws, caption or title)


def print_setup(ws: Any, caption: str) -> None:
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


def sheet_title(wb: Workbook, base: str, suffix: str) -> str:
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
