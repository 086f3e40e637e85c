"""CSV with the same columns as a workbook sheet, for systems that export files rather
than fill in workbooks.

Decisions: one CSV file holds one sheet's rows; which sheet is told by its header row
(the columns of Nyckeltal, Uppdrag, Målområden or Finansiella mål, as `mall` writes
them; the hidden `id` column included). A CSV has no Om sheet, so `import` needs
`--nämnd` and `--period` for it. The delimiter is `;` (what Swedish Excel writes),
`,` or a tab, found from the header; the encoding is UTF-8 (with or without BOM), else
Windows-1252, which Swedish Excel uses for "CSV (semikolonavgränsad)". Every value is
text, read by the same rules as a workbook's cells (decimal comma, thousands spaces);
problems point at `fil.csv:rad:kolumn`.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from engine.diagnostics import Location, Report
from engine.inputs.tables import NOT_TEXT, decode_text
from engine.tools.dataround.layout import COLUMNS
from engine.tools.dataround.reading import MAX_FILE_BYTES, MAX_ROWS, Cell, Filled, Row

DELIMITERS = ";,\t"


def _sheet_of(header: list[str]) -> str | None:
    names = {h.strip() for h in header}
    for sheet, columns in COLUMNS.items():
        if set(columns) <= names:
            return sheet
    return None


def _missing(header: list[str]) -> str:
    """The columns missing for the sheet the header comes closest to."""
    names = {h.strip() for h in header}
    sheet = max(COLUMNS, key=lambda s: len(names & set(COLUMNS[s])))
    missing = [c for c in COLUMNS[sheet] if c not in names]
    noun = "kolumnen" if len(missing) == 1 else "kolumnerna"
    return f"för bladet {sheet} saknas {noun} {', '.join(missing)}"


def read_csv(
    path: Path, display: str, namnd: str | None, period: str | None, report: Report
) -> Filled | None:
    where = Location(display, 1, 1)
    if path.stat().st_size > MAX_FILE_BYTES:
        report.error(where, "arbetsbok-för-stor", f"filen är större än {MAX_FILE_BYTES} byte")
        return None
    if namnd is None or period is None:
        report.error(where, "arbetsbok", "en CSV-fil har inget Om-blad; ange --nämnd och --period")
        return None
    text = decode_text(path.read_bytes())
    if text is None:
        report.error(where, "arbetsbok", NOT_TEXT)
        return None
    first = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first.count)
    lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not lines:
        report.error(where, "arbetsbok", "filen är tom")
        return None
    header = [h.strip() for h in lines[0]]
    sheet = _sheet_of(header)
    if sheet is None:
        report.error(
            where,
            "kolumn-saknas",
            f"rubrikraden passar inget blad: {_missing(header)} (samma kolumner som "
            "'maluppfyllelse mall' skriver)",
        )
        return None
    if len(lines) > MAX_ROWS:
        report.error(where, "arbetsbok-för-stor", f"filen har {len(lines)} rader; högst {MAX_ROWS}")
        return None
    col = {h: i for i, h in enumerate(header)}
    filled = Filled(display, period, namnd, where, where)
    for n, line in enumerate(lines[1:], start=2):
        cells = line + [""] * (len(header) - len(line))
        ident = cells[col["id"]].strip()
        if not ident:
            continue
        values = {
            h: Cell((cells[col[h]] or None, False), Location(display, n, col[h] + 1))
            for h in COLUMNS[sheet][1:]
        }
        filled.rows.append(Row(sheet, ident, Location(display, n, col["id"] + 1), values))
    return filled
