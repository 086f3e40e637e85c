"""Stage 4, render (XLSX): the Bilaga 1 presentation model → an Excel workbook.

For analysts. First six sheets to filter and pivot: the summary, the financial goals, all
uppdrag, all nyckeltal (with målområde and nämnd columns), the målområden and the nämnder's
comments; then one sheet per table of the appendix, in its order. Utfall and mål are
stored as the numbers in the rules with their unit in an "Enhet" column (89 with "%") and
their direction in "Riktning"; måluppfyllelse, a ratio, is a fraction with a percent format
(0.937 shown as 93,7 %). Text is always stored as text, never as a formula. Status cells
carry their colour; every sheet prints on A4 landscape, fitted to the page width.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from engine.output.office_economy import economy_xlsx
from engine.output.presentation import Bilaga, MeasureRow, Status

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


def _summary_sheet(wb: Workbook, b: Bilaga) -> None:
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


def _goals_sheet(wb: Workbook, b: Bilaga) -> None:
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


def _uppdrag_sheet(wb: Workbook, b: Bilaga) -> None:
    """Every nämnd's report on every uppdrag, fullmäktige's and the nämnder's own."""
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
            [
                a.title,
                origin,
                u.text,
                r.namnd,
                r.status_text,
                r.status.label,
                "\n\n".join(r.comment),
            ]
            for a, origin, u, r in uppdrag
        ],
        [r.status for *_, r in uppdrag],
    )


def _trend(rows: Sequence[MeasureRow]) -> list[Column]:
    """A 'Trend' column last, only when some nyckeltal has a trend (so a report without
    earlier period folders is unchanged); `_trend_cell` fills it."""
    return [Column("Trend", 30)] if any(k.trend for k in rows) else []


def _trend_cell(k: MeasureRow, columns: list[Column]) -> list[object]:
    return [k.trend] if columns else []


def _kpi_sheet(wb: Workbook, b: Bilaga) -> None:
    """Every nyckeltal of every nämnd, with its målområde."""
    kpis = [(a, t, k) for a in b.areas for t in a.kpi_tables for k in t.rows]
    trend = _trend([k for *_, k in kpis])
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
            *trend,
        ],
        [
            [
                a.title,
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
                *_trend_cell(k, trend),
            ]
            for a, t, k in kpis
        ],
        [k.status for *_, k in kpis],
    )


def _text_sheets(wb: Workbook, b: Bilaga) -> None:
    """The målområden (status, motivering, comment) and every nämnd comment."""
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
        [[a.title, c.namnd, "\n\n".join(c.comment)] for a, c in comments],
    )


def to_xlsx(b: Bilaga) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for write in (_summary_sheet, _goals_sheet, _uppdrag_sheet, _kpi_sheet, _text_sheets):
        write(wb, b)
    _table_sheets(wb, b)
    economy_xlsx(wb, b.economy)
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
                    *_trend(t.rows),
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
                        *_trend_cell(k, _trend(t.rows)),
                    ]
                    for k in t.rows
                ],
                [k.status for k in t.rows],
                f"Kortsiktiga nyckeltal – {a.name}, {t.namnd}",
            )
