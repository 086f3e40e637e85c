"""Reading a filled workbook, as untrusted input: its size and unpacked size are bounded
before openpyxl opens it (XML bombs are stopped by defusedxml, which openpyxl uses when
it is installed), rows and texts are bounded, and every problem names its cell as
`fil.xlsx:Nyckeltal!F12`. Numbers are read as Swedish Excel users type them: a decimal
comma, a percent sign, spaces (also non-breaking) between thousands and the minus sign
U+2212; a cell formatted as percent (Excel stores 57,5 % as 0.575) is read as 57.5.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from engine.diagnostics import Location, Report
from engine.diagnostics.hints import did_you_mean
from engine.inputs.loaded import RuleSet
from engine.inputs.numbers import as_number, normalised
from engine.models import CONTROL_FREE
from engine.tools.dataround.layout import AREAS, COLUMNS, GOALS, INFO, KPI, UPPDRAG
from engine.wording import number

MAX_FILE_BYTES = 20_000_000
MAX_UNPACKED_BYTES = 200_000_000
MAX_ROWS = 10_000
MAX_TEXT = 20_000


@dataclass(frozen=True)
class Cell:
    """One value read from a workbook, with the address it came from."""

    value: Any
    where: Location


@dataclass
class Row:
    sheet: str
    id: str
    where: Location
    values: dict[str, Cell]


@dataclass
class Filled:
    """What one workbook says: its period, its nämnd and its rows."""

    path: str
    period: str
    namnd: str
    period_at: Location
    namnd_at: Location
    rows: list[Row] = field(default_factory=list)


def cell_location(display: str, sheet: str, row: int, col: int) -> Location:
    return Location(display, row, col, cell=f"{sheet}!{get_column_letter(col)}{row}")


def _bounded(path: Path, display: str, report: Report) -> bool:
    where = Location(display, 1, 1)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        report.error(
            where, "arbetsbok-för-stor", f"filen är {size} byte; högst {MAX_FILE_BYTES} läses"
        )
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        report.error(where, "arbetsbok", "filen är ingen Excel-arbetsbok (.xlsx)")
        return False
    if unpacked > MAX_UNPACKED_BYTES:
        report.error(
            where,
            "arbetsbok-för-stor",
            f"arbetsboken packas upp till {unpacked} byte; högst {MAX_UNPACKED_BYTES} läses",
        )
        return False
    return True


def _open(path: Path, display: str, report: Report) -> Any:
    if not _bounded(path, display, report):
        return None
    try:
        return load_workbook(path, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        report.error(Location(display, 1, 1), "arbetsbok", "arbetsboken går inte att läsa")
        return None


def _text(value: Any, where: Location, report: Report) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        report.error(where, "cell-text", f"ska vara text, men är {type(value).__name__}")
        return None
    text = value if isinstance(value, str) else number(float(value))
    text = text.replace("\r\n", "\n").strip()
    if len(text) > MAX_TEXT:
        report.error(where, "cell-text", f"texten är längre än {MAX_TEXT} tecken")
        return None
    if not re.fullmatch(CONTROL_FREE, text):
        report.error(where, "cell-text", "texten innehåller ett otillåtet styrtecken; ta bort det")
        return None
    return text or None


_GROUPED = re.compile(r"^-?\d{1,3}(?: \d{3})+(?:[.,]\d+)?$")
_PLAIN = re.compile(r"^-?\d+(?:[.,]\d+)?$")


def swedish_number(value: Any, percent_format: bool) -> float | int | str:
    """A cell's number, or the Swedish reason why it is not one."""
    if isinstance(value, bool):
        return "ska vara ett tal, men är ett sanningsvärde"
    if isinstance(value, (int, float)):
        # Excel keeps 57,5 % as 0.575; rounding away the binary noise of the * 100.
        return as_number(round(float(value) * 100, 9) if percent_format else float(value))
    if not isinstance(value, str):
        return f"ska vara ett tal, men är {type(value).__name__}"
    text = normalised(value)
    if "," in text and "." in text:
        return (
            f"'{value}' är ett otydligt tal; skriv decimaler med komma och tusental med "
            "mellanslag, t.ex. 1 920,5"
        )
    if not (_GROUPED.match(text) or _PLAIN.match(text)):
        return f"'{value}' är inget tal; skriv bara talet, t.ex. 57,5"
    parsed = float(text.replace(" ", "").replace(",", "."))
    return int(parsed) if parsed.is_integer() and "," not in text and "." not in text else parsed


def _rows(ws: Worksheet, sheet: str, display: str, report: Report) -> Iterator[Row]:
    headers = {
        str(c.value).strip(): c.column
        for c in ws[1]
        if isinstance(c.value, str) and c.value.strip()
    }
    expected = COLUMNS[sheet]
    for header in expected:
        if header not in headers:
            report.error(
                cell_location(display, sheet, 1, 1),
                "kolumn-saknas",
                f"kolumnen '{header}' saknas på bladet {sheet}",
            )
            return
    if ws.max_row > MAX_ROWS:
        report.error(
            cell_location(display, sheet, MAX_ROWS, 1),
            "arbetsbok-för-stor",
            f"bladet har {ws.max_row} rader; högst {MAX_ROWS} läses",
        )
        return
    for r in range(2, ws.max_row + 1):
        id_cell = ws.cell(row=r, column=headers["id"])
        if id_cell.value is None:
            continue
        values = {}
        for header in expected[1:]:
            c = ws.cell(row=r, column=headers[header])
            values[header] = Cell(
                (c.value, "%" in (c.number_format or "")),
                cell_location(display, sheet, r, headers[header]),
            )
        yield Row(sheet, str(id_cell.value).strip(), cell_location(display, sheet, r, 1), values)


def read_workbook(path: Path, display: str, report: Report) -> Filled | None:
    """A filled workbook's period, nämnd and rows; every problem in `report`."""
    wb = _open(path, display, report)
    if wb is None:
        return None
    if INFO not in wb.sheetnames:
        report.error(
            Location(display, 1, 1),
            "arbetsbok",
            f"bladet '{INFO}' saknas; använd en arbetsbok från 'maluppfyllelse mall'",
        )
        return None
    info = wb[INFO]
    period_at = cell_location(display, INFO, 1, 2)
    namnd_at = cell_location(display, INFO, 2, 2)
    filled = Filled(
        display, str(info["B1"].value or "").strip(), str(info["B2"].value or "").strip(),
        period_at, namnd_at,
    )  # fmt: skip
    for sheet in (KPI, UPPDRAG, AREAS, GOALS):
        if sheet in wb.sheetnames:
            filled.rows.extend(_rows(wb[sheet], sheet, display, report))
        elif sheet != GOALS:
            report.error(Location(display, 1, 1), "arbetsbok", f"bladet '{sheet}' saknas")
    return filled


def status_from_label(text: str, rules: RuleSet) -> str | None:
    """'Delvis uppfyllt' (or 'gul') → 'gul'."""
    for key, status in rules.scale.model.statuses.items():
        if text.casefold() in (key.casefold(), status.label.casefold()):
            return key
    return None


def label_hint(text: str, rules: RuleSet) -> str:
    return did_you_mean(text, [s.label for s in rules.scale.model.statuses.values()])


def as_text(cell: Cell, report: Report) -> str | None:
    return _text(cell.value[0], cell.where, report)
