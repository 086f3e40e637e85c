"""Stage 1, inputs: outcome tables (CSV and Parquet) in a period folder, read row by row.

A period folder may hold, beside (or instead of) the målområde YAML files, tables with one
row per nyckeltal, nämnd and period, e.g. exported from a source system or from Kolada:

    nyckeltal;nämnd;period;utfall;saknas;kommentar
    td-hsn-hse;HSN;2025-08;4,12;;

Every `*.csv` and `*.parquet` file directly in the period folder is such a table. The
columns are `nyckeltal` and `nämnd` (or `organisation`), and optionally `period`,
`utfall`, `saknas`, `kommentar`, `jämförelsevärde` and `överfört_från`. This module only
reads: each row becomes a `TableRow` with its raw values and its position, which prints as
`utfall.csv:1204` (the CSV's line, the header being line 1; a Parquet file's data row,
counted from 1). Which målområde a row belongs to, and whether its values are right, is
decided against the rules in `engine.checks.tables`.

The files are untrusted input: the size, the number of rows and the length of a cell are
bounded, and every problem is reported with its row, all at once.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.diagnostics import Location, Report, counted
from engine.diagnostics.hints import did_you_mean

TABLE_SUFFIXES = (".csv", ".parquet")
REQUIRED = ("nyckeltal", "nämnd")
OPTIONAL = ("period", "utfall", "saknas", "kommentar", "jämförelsevärde", "överfört_från")
ALIASES = {"organisation": "nämnd"}
MAX_BYTES = 200_000_000
MAX_ROWS = 2_000_000
MAX_CELL = 10_000
DELIMITERS = ";,\t"


@dataclass(frozen=True, slots=True)
class TableRow:
    #: Prints as `fil.csv:RAD`.
    where: Location
    #: Column → value; empty cells are left out. CSV values are text, Parquet's typed.
    values: dict[str, Any]


@dataclass(slots=True)
class Table:
    """A table's rows by column: `columns[c][i]` is row i's cell of column `names[c]`,
    trimmed, with "" or None for an empty cell; `lines[i]` is row i's row number. Kept by
    column (not one object per row) so that a national table is checked in bulk."""

    display: str
    names: list[str]
    columns: list[list[Any]]
    lines: list[int]

    def __len__(self) -> int:
        return len(self.lines)

    def column(self, name: str) -> list[Any] | None:
        return self.columns[self.names.index(name)] if name in self.names else None

    def row(self, i: int) -> TableRow:
        """Row i as the checks of one row see it: empty cells left out."""
        values = {
            name: col[i]
            for name, col in zip(self.names, self.columns, strict=True)
            if col[i] is not None and col[i] != ""
        }
        return TableRow(row_location(self.display, self.lines[i]), values)


def row_location(display: str, row: int) -> Location:
    return Location(display, row, 1, cell=str(row))


def table_files(folder: Path) -> list[Path]:
    """The outcome tables directly in a period folder, sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in TABLE_SUFFIXES and p.is_file())


def read_table(path: Path, display: str, report: Report) -> Table | None:
    """The rows of one table, or None when the file as a whole cannot be read."""
    report.files.add(display)
    where = row_location(display, 1)
    size = path.stat().st_size
    if size > MAX_BYTES:
        report.error(where, "tabell", f"filen är {size} byte; högst {MAX_BYTES} läses")
        return None
    if path.suffix == ".parquet":
        table = _read_parquet(path, display, report)
    else:
        table = _read_csv(path.read_bytes(), display, report)
    if table is not None and not len(table):
        report.warning(where, "tabell-tom", "tabellen har bara en rubrikrad och ger inga utfall")
    return table


def decode_text(data: bytes) -> str | None:
    """A CSV file's text: UTF-16 with its BOM (Excel's "Unicode-text"), UTF-8 (with or
    without BOM), else Windows-1252, which Swedish Excel writes for "CSV
    (semikolonavgränsad)". None for a file that is no text at all
    (a NUL byte in its first 64 kB: a workbook or a picture renamed .csv)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode-text": UTF-16
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:65536]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


#: Why a file `decode_text` refuses is not read.
NOT_TEXT = "filen är ingen text (den innehåller nolltecken); spara tabellen som CSV"


def _read_csv(data: bytes, display: str, report: Report) -> Table | None:
    text = decode_text(data)
    if text is None:
        report.error(row_location(display, 1), "tabell", NOT_TEXT)
        return None
    first = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None:
            report.error(row_location(display, 1), "tabell", "filen är tom")
            return None
        columns = _columns(header, display, report)
        if columns is None:
            return None
        read = _records(reader, display, columns, report)
    except csv.Error as exc:
        report.error(row_location(display, reader.line_num), "tabell", f"trasig CSV: {exc}")
        return None
    if read is None:
        return None
    records, lines = read
    keep = [i for i, name in enumerate(columns) if name is not None]
    by_column = list(zip(*records, strict=True)) if records else [() for _ in columns]
    names = [str(columns[i]) for i in keep]
    return Table(
        display, names, _trimmed(display, names, [by_column[i] for i in keep], lines, report), lines
    )


def _records(
    reader: Any, display: str, columns: list[str | None], report: Report
) -> tuple[list[list[str]], list[int]] | None:
    """The non-empty records, each as wide as the header, and where each starts (a quoted
    cell may span lines). A record of another width is read as one row would be."""
    width = len(columns)
    records: list[list[str]] = []
    lines: list[int] = []
    start = reader.line_num
    for line in reader:
        n, start = start + 1, reader.line_num
        if not "".join(line).strip():
            continue
        if len(lines) >= MAX_ROWS:
            report.error(row_location(display, n), "tabell", f"fler än {MAX_ROWS} rader")
            return None
        if len(line) != width:
            values = _row(display, n, columns, line, report).values
            line = [values.get(name, "") if name is not None else "" for name in columns]
        records.append(line)
        lines.append(n)
    return records, lines


def _trimmed(
    display: str, names: list[str], columns: list[Any], lines: list[int], report: Report
) -> list[list[Any]]:
    """The columns with their text trimmed, and a text over MAX_CELL reported at its row
    and left out (rows in order, a row's cells in column order, as `_row` does)."""
    out: list[list[Any]] = []
    long: set[int] = set()
    for col in columns:
        try:
            cells: list[Any] = list(map(str.strip, col))
            too_long = max(map(len, cells), default=0) > MAX_CELL
        except TypeError:  # Parquet: typed values and None
            cells = [v.strip() if type(v) is str else v for v in col]
            too_long = any(type(v) is str and len(v) > MAX_CELL for v in cells)
        if too_long:
            long.update(i for i, v in enumerate(cells) if type(v) is str and len(v) > MAX_CELL)
        out.append(cells)
    for i in sorted(long):
        for name, cells in zip(names, out, strict=True):
            if type(cells[i]) is str and len(cells[i]) > MAX_CELL:
                where = row_location(display, lines[i])
                report.error(where, "tabell-värde", f"texten är längre än {MAX_CELL} tecken", name)
                cells[i] = ""
    return out


def _row(
    display: str, n: int, columns: list[str | None], line: list[Any], report: Report
) -> TableRow:
    where = row_location(display, n)
    if len(line) > len(columns):
        report.error(
            where,
            "tabell-värde",
            f"raden har {counted(len(line), 'värde', 'värden')} men rubrikraden {len(columns)}",
        )
    values: dict[str, Any] = {}
    for name, value in zip(columns, line, strict=False):
        if name is None or value is None:
            continue
        if type(value) is str:
            value = value.strip()
            if not value:
                continue
            if len(value) > MAX_CELL:
                report.error(where, "tabell-värde", f"texten är längre än {MAX_CELL} tecken", name)
                continue
        values[name] = value
    return TableRow(where, values)


def _columns(header: list[str], display: str, report: Report) -> list[str | None] | None:
    """The header's column names (None for an unknown column, which is not read)."""
    where = row_location(display, 1)
    known = (*REQUIRED, *OPTIONAL)
    names: list[str | None] = []
    for raw in header:
        name = ALIASES.get(raw.strip().lower(), raw.strip().lower())
        if name in known and name in names:
            report.error(where, "tabell-kolumn", f"kolumnen '{raw}' finns två gånger")
            return None
        if name not in known:
            hint = did_you_mean(name, known)
            report.warning(where, "tabell-kolumn", f"okänd kolumn '{raw}'{hint} läses inte")
            names.append(None)
        else:
            names.append(name)
    missing = [c for c in REQUIRED if c not in names]
    for name in missing:
        report.error(
            where,
            "tabell-kolumn",
            f"kolumnen '{name}' saknas; rubrikraden ska ha {', '.join(REQUIRED)} "
            f"och gärna {', '.join(OPTIONAL[:2])}",
        )
    return None if missing else names


def _read_parquet(path: Path, display: str, report: Report) -> Table | None:
    where = row_location(display, 1)
    try:
        import pyarrow.parquet as pq
    except ImportError:
        report.error(
            where,
            "tabell",
            "Parquet kräver pyarrow; installera med python3 -m pip install "
            "'maluppfyllelse[bulk]' (eller spara tabellen som CSV)",
        )
        return None
    try:
        file = pq.ParquetFile(path)
        count = file.metadata.num_rows
        if count > MAX_ROWS:
            report.error(where, "tabell", f"filen har {count} rader; högst {MAX_ROWS}")
            return None
        columns = _columns(list(file.schema_arrow.names), display, report)
        if columns is None:
            return None
        wanted = [n for n, c in zip(file.schema_arrow.names, columns, strict=True) if c]
        table = file.read(columns=wanted)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises many types for a bad file
        report.error(where, "tabell", f"kan inte läsa filen som Parquet: {exc}")
        return None
    data = [table.column(i).to_pylist() for i in range(table.num_columns)]
    names = [c for c in columns if c]
    lines = list(range(1, table.num_rows + 1))
    return Table(display, names, _trimmed(display, names, data, lines, report), lines)
