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

from openpyxl import Workbook

from engine.output.excel_sheets import WRAP_WIDTH, Column, sheet, sheet_title
from engine.output.office_economy import economy_xlsx
from engine.output.presentation import Bilaga, MeasureRow, Status, SummaryCell, SummaryLine


def _fraction(value: float | None) -> float | None:
    return round(value / 100, 4) if value is not None else None


def _summary_sheet(wb: Workbook, b: Bilaga) -> None:
    """The declared columns, one header row: counts as numbers, statuses in their colour."""
    t = b.summary_table
    assert t is not None
    widths = {"kommentar": WRAP_WIDTH, "status": 18}

    def value(c: SummaryCell) -> object:
        if c.status is not None:
            return c.status.label
        return c.number if c.number is not None else c.text

    sheet(
        wb,
        "Sammanställning",
        [Column(t.first, 50)]
        + [
            Column(c.short, widths.get(c.key, 14 if c.status else 10), status=c.key == "status")
            for c in t.columns
        ],
        [[r.title, *(value(c) for c in r.cells)] for r in t.rows]
        + [[t.total.title, *(c.number if c.number is not None else "" for c in t.total.cells)]],
        [_row_status(r) for r in t.rows] + [None],
        "Sammanställning per målområde",
    )


def _row_status(r: SummaryLine) -> Status | None:
    return next((c.status for c in r.cells if c.status is not None), None)


def _goals_sheet(wb: Workbook, b: Bilaga) -> None:
    """The financial goals; no sheet for a plan without them (a nämnd's)."""
    if "finansiella_mål" not in b.parts:
        return
    trend = _trend(b.goals)
    sheet(
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
            *trend,
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
                *_trend_cell(m, trend),
            ]
            for m in b.goals
        ],
        [m.status for m in b.goals],
    )


def _uppdrag_sheet(wb: Workbook, b: Bilaga) -> None:
    """Every nämnd's report on every uppdrag, fullmäktige's and the nämnder's own."""
    uppdrag = [
        (a, u.origin, u, r)
        for a in b.areas
        for u in (*a.uppdrag, *a.own_uppdrag)  # the nämnd layout has all in one table
        for r in u.reports
    ]
    sheet(
        wb,
        "Uppdrag",
        [
            Column("Målområde", 22),
            Column("Ursprung", 12),
            Column("Uppdrag", 45),
            Column("Beskrivning", 45),
            Column("Nämnd", 24),
            Column("Status", 22, status=True),
            Column("Bedömning", 16),
            Column("Kommentar", WRAP_WIDTH),
        ],
        [
            [
                a.title,
                origin,
                u.text,
                "\n\n".join(u.description),
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
    """A 'Trend' column last, only when some row has a trend (so a report without
    earlier period folders is unchanged); `_trend_cell` fills it."""
    return [Column("Trend", 30)] if any(k.trend for k in rows) else []


def _trend_cell(k: MeasureRow, columns: list[Column]) -> list[object]:
    return [k.trend] if columns else []


def _kpi_sheet(wb: Workbook, b: Bilaga) -> None:
    """Every nyckeltal of every nämnd, with its målområde."""
    kpis = [(a, t, k) for a in b.areas for t in a.kpi_tables for k in t.rows]
    trend = _trend([k for *_, k in kpis])
    sheet(
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
    sheet(
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
    sheet(
        wb,
        "Nämndernas kommentarer",
        [
            Column("Målområde", 22),
            Column("Nämnd", 28),
            Column("Egen bedömning", 22),
            Column("Kommentar", 90),
        ],
        [
            [a.title, c.namnd, c.status.label if c.status else "", "\n\n".join(c.comment)]
            for a, c in comments
        ],
    )


def to_xlsx(b: Bilaga) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    _properties(wb, b)
    for write in (_summary_sheet, _goals_sheet, _uppdrag_sheet, _kpi_sheet, _text_sheets):
        write(wb, b)
    _table_sheets(wb, b)
    economy_xlsx(wb, b.economy)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _properties(wb: Workbook, b: Bilaga) -> None:
    """The workbook's properties as the Word file has them, not openpyxl's ('openpyxl' as
    its author, no title)."""
    props = wb.properties
    props.title = b.heading
    props.subject = f"Sammanställning måluppfyllelse {b.period_label}"
    props.creator = props.lastModifiedBy = b.organisation
    props.language = "sv-SE"
    props.category = "Bilaga" if b.layout == "bilaga1" else "Rapport"


def _table_sheets(wb: Workbook, b: Bilaga) -> None:
    """Besides the data sheets, one sheet per table of the appendix, in its order."""
    for a in b.areas:
        for label, caption, items in (
            ("uppdrag", "Uppdrag", a.uppdrag),
            ("egna uppdrag", "Nämndernas egna uppdrag", a.own_uppdrag),
        ):
            if items:
                reports = [(u, r) for u in items for r in u.reports]
                sheet(
                    wb,
                    sheet_title(wb, a.name, label),
                    [
                        Column("Uppdrag", 45),
                        Column("Nämnd", 24),
                        Column("Status", 22, status=True),
                        Column("Bedömning", 16),
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
            sheet(
                wb,
                sheet_title(wb, a.name, t.namnd_id or t.namnd),
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
