"""Stage 2, validate (outcomes): the rows of a period's outcome tables as nyckeltal entries.

Each row of a table (`engine.inputs.tables`) is checked on its own (period, numbers, a
known nyckeltal and nämnd) and becomes a `NyckeltalUtfall` of the målområde its nyckeltal
belongs to in the rules. The entries are appended to that målområde's outcome file, as if
they had been written there, through a `TableSource`: a source that points the entries
from the table at their row (`utfall.csv:1204`) and names a value by its column
(`utfall`), while everything else keeps pointing into the YAML file. So the outcome checks
(duplicates across YAML and tables, a nämnd that does not report the nyckeltal, `utfall`
or `saknas`) and the evaluation need to know nothing about tables.

Decisions: rows for another period (column `period`) are not read, and one warning says how
many; a table without a `period` column belongs to the folder's period. A row cannot set a
målområde's comment, judgement or uppdrag, nor a nyckeltal's declared judgement
(`bedömning` with its motivering): those stay in the YAML files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from engine.diagnostics import Location, Report, counted
from engine.diagnostics.hints import did_you_mean
from engine.inputs.loaded import RuleSet
from engine.inputs.numbers import as_number, normalised
from engine.inputs.parse import Source, parse_model
from engine.inputs.tables import Table, TableRow, read_table, row_location, table_files
from engine.inputs.yamlfile import Document, PathKey
from engine.models import MalomradeUtfallFile, NyckeltalUtfall

AreaSource = Source[MalomradeUtfallFile]
NUMBER_COLUMNS = ("utfall", "jämförelsevärde")
_NUMBER = re.compile(r"^-?(\d{1,3}(?: \d{3})+|\d+)(?:[.,]\d+)?(?:[eE][-+]?\d+)?$")
#: The model's key for a column, where they differ.
MODEL_KEY = {"nyckeltal": "id"}
COLUMN = {v: k for k, v in MODEL_KEY.items()}


class RowDocument(Document):
    """A table row (or a whole table) standing in for a YAML document: every path in it is
    at the row, so a model error names its column and points at `fil.csv:RAD`."""

    def __init__(self, row: Location, data: Any) -> None:
        super().__init__(row.path, data)
        self.row = row

    def where(self, loc: PathKey, *, at_key: bool = False) -> Location:
        return self.row


@dataclass(frozen=True)
class TableSource(Source[MalomradeUtfallFile]):
    """A målområde's outcomes with entries appended from tables after the first `offset`."""

    base: AreaSource | None = None
    offset: int = 0
    #: The table (as shown) and the row number of each appended entry.
    table: str = ""
    lines: tuple[int, ...] = field(default_factory=tuple)

    def _row(self, path: tuple[str | int, ...]) -> Location | None:
        if len(path) >= 2 and path[0] == "nyckeltal" and isinstance(path[1], int):
            if path[1] >= self.offset:
                return row_location(self.table, self.lines[path[1] - self.offset])
        return None

    def at(self, *path: str | int, at_key: bool = False) -> Location:
        row = self._row(path)
        if row is not None:
            return row
        if self.base is not None:
            return self.base.at(*path, at_key=at_key)
        return self.doc.where(())

    def name(self, *path: str | int) -> str:
        if self._row(path) is not None:
            return COLUMN.get(str(path[2]), str(path[2])) if len(path) > 2 else ""
        return self.base.name(*path) if self.base is not None else ""


def add_tables(
    folder: Path,
    display: str,
    period: str,
    rules: RuleSet,
    areas: dict[str, AreaSource],
    unreadable: set[str],
    report: Report,
) -> None:
    """Read every outcome table in `folder` and append its rows to `areas`, in place. A
    målområde with a row in error is added to `unreadable` (its problems are reported, so
    its entries are not also called missing), as for a YAML file in error."""
    for file in table_files(folder):
        shown = f"{display}/{file.name}"
        table = read_table(file, shown, report)
        if table is None:
            continue
        by_area: dict[str, tuple[list[int], list[NyckeltalUtfall]]] = {}
        entries, other = table_entries(table, period, rules, report)
        for line, area_id, entry in entries:
            if area_id is None:
                continue
            if entry is None:
                unreadable.add(area_id)
                continue
            found = by_area.get(area_id)
            if found is None:
                found = by_area[area_id] = ([], [])
            found[0].append(line)
            found[1].append(entry)
        if other:
            report.warning(
                Location(shown, 1, 1, cell="1"),
                "tabell-period",
                f"{counted(other, 'rad', 'rader')} gäller en annan period än {period} och "
                "lästes inte",
            )
        for area_id, (lines, found_entries) in by_area.items():
            areas[area_id] = _merged(areas.get(area_id), area_id, shown, lines, found_entries)


#: A row's line, målområde (None: unknown nyckeltal) and entry (None: in error, reported).
Entry = tuple[int, str | None, NyckeltalUtfall | None]


def table_entries(
    table: Table, period: str, rules: RuleSet, report: Report
) -> tuple[list[Entry], int]:
    """The entries of `table` for `period`, in row order, and how many rows are for
    another period. The rows with nothing unusual (this period or none, a known nyckeltal
    and nämnd, numbers that parse, text where text goes) are checked by column and
    validated in one call; every other row goes through `_period` and `_entry`, which
    word its problems, exactly as the common rows would have been."""
    plain = _plain_rows(table, period, rules)
    every = [data for data in plain if data is not None]
    if len(every) == len(plain):  # every row plain: a national table
        area_of = {ident: area.id for ident, (area, _) in rules.nyckeltal.items()}
        areas = [area_of[data["id"]] for data in every]
        validated = _validated_all(table, table.lines, every, report)
        return list(zip(table.lines, areas, validated, strict=True)), 0
    out: list[Entry] = []
    common: list[tuple[int, dict[str, Any]]] = []
    other, hint = 0, _remembered_hints()
    for i, data in enumerate(plain):
        if data is not None:
            common.append((len(out), data))
            out.append((table.lines[i], None, None))
            continue
        row = table.row(i)
        in_row = _period(row, report)
        if in_row is not None and in_row != period:
            other += in_row != ""
            continue
        out.append((row.where.line, *_entry(row, rules, report, hint)))
    lines, datas = [out[at][0] for at, _ in common], [data for _, data in common]
    for (at, data), entry in zip(common, _validated_all(table, lines, datas, report), strict=True):
        out[at] = (out[at][0], rules.nyckeltal[data["id"]][0].id, entry)
    return out, other


def _plain_rows(table: Table, period: str, rules: RuleSet) -> list[dict[str, Any] | None]:
    """Per row, the data for its model when the row is plain (see `table_entries`), else None."""
    if "nyckeltal" not in table.names or "nämnd" not in table.names:
        return [None] * len(table)  # (read_table refuses such a table)
    odd: set[int] = set()
    columns: list[tuple[str, list[Any]]] = []
    for name, cells in zip(table.names, table.columns, strict=True):
        ok: Callable[[Any], bool]
        if name in NUMBER_COLUMNS:
            cells = _numbers(cells)
            ok = _is_not_text
        elif name == "period":
            ok = partial(_is_period, period)
        elif name in ("nyckeltal", "nämnd"):
            ok = partial(_is_known, rules.nyckeltal if name == "nyckeltal" else rules.namnder)
        else:
            ok = _is_text
        odd.update(_odd_rows(cells, ok))
        if name != "period":
            columns.append((MODEL_KEY.get(name, name), cells))
    keys = [k for k, _ in columns]
    return [
        None
        if i in odd
        else {k: v for k, v in zip(keys, values, strict=True) if v is not None and v != ""}
        for i, values in enumerate(zip(*(c for _, c in columns), strict=True))
    ]


def _odd_rows(cells: list[Any], ok: Callable[[Any], bool]) -> list[int]:
    """The rows whose cell is not `ok`; tested once per distinct value where it can be (the
    values a set merges, such as 1 and True, are never told apart by these tests)."""
    try:
        if all(ok(v) for v in set(cells)):
            return []
    except TypeError:  # a value that cannot be hashed (a Parquet list): row by row
        pass
    return [i for i, v in enumerate(cells) if not ok(v)]


def _is_not_text(value: Any) -> bool:
    return type(value) is not str  # a parsed number or empty, not why it is no number


def _is_period(period: str, value: Any) -> bool:
    return value is None or value == "" or value == period


def _is_known(known: Mapping[str, Any], value: Any) -> bool:
    return type(value) is str and value in known


def _is_text(value: Any) -> bool:
    return value is None or type(value) is str


def _numbers(cells: list[Any]) -> list[Any]:
    """`table_number` of each cell (None for an empty one; a text says why not)."""
    memo: dict[str, Any] = {}
    out: list[Any] = []
    for v in cells:
        if v is None or v == "":
            out.append(None)
        elif type(v) is str:
            parsed = memo.get(v)
            if parsed is None:
                parsed = memo[v] = table_number(v)
            out.append(parsed)
        else:
            out.append(table_number(v))
    return out


def _validated_all(
    table: Table, lines: list[int], common: list[dict[str, Any]], report: Report
) -> list[NyckeltalUtfall | None]:
    """The plain rows' entries (`lines[k]` is the k-th one's line), validated in one call;
    when one fails, each row on its own, so that the failing ones are worded (at their
    row) as `_entry` words them."""
    try:
        return list(_entries_adapter().validate_python(common))
    except ValidationError:
        pass
    entries: list[NyckeltalUtfall | None] = []
    for line, data in zip(lines, common, strict=True):
        try:
            entries.append(NyckeltalUtfall.model_validate(data))
        except ValidationError:
            where = row_location(table.display, line)
            entries.append(parse_model(RowDocument(where, data), NyckeltalUtfall, report))
    return entries


@cache
def _entries_adapter() -> TypeAdapter[list[NyckeltalUtfall]]:
    return TypeAdapter(list[NyckeltalUtfall])


def _period(row: TableRow, report: Report) -> str | None:
    """The row's period (None: no period given; "": not a period, reported)."""
    value = row.values.get("period")
    if value is None:
        return None
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        report.error(
            row.where, "tabell-värde", f"'{text}' är ingen period; skriv ÅÅÅÅ-MM", "period"
        )
        return ""
    return text


Hint = Callable[[str, Mapping[str, Any]], str]


def _remembered_hints() -> Hint:
    """`did_you_mean`, remembered per name for one table: 100 000 rows of one unknown id
    asked difflib 100 000 times, 20 of the 24 s the table took."""
    memo: dict[tuple[str, int], str] = {}

    def hint(word: str, known: Mapping[str, Any]) -> str:
        key = (word, id(known))  # the rules' mappings, fixed while one table is read
        if key not in memo:
            memo[key] = did_you_mean(word, known)
        return memo[key]

    return hint


def _entry(
    row: TableRow, rules: RuleSet, report: Report, hint_for: Hint = did_you_mean
) -> tuple[str | None, NyckeltalUtfall | None]:
    """The row's målområde (None: unknown nyckeltal) and entry (None: its problems are
    reported)."""
    data: dict[str, Any] = {}
    ok = True
    for column, value in row.values.items():
        if column == "period":
            continue
        if type(value) is str and column not in NUMBER_COLUMNS:
            pass
        elif column in NUMBER_COLUMNS:
            parsed = table_number(value)
            if isinstance(parsed, str):
                report.error(row.where, "tabell-värde", parsed, column)
                ok = False
                continue
            value = parsed
        elif not isinstance(value, str):
            value = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        data[MODEL_KEY.get(column, column)] = value
    ident, namnd = data.get("id"), data.get("nämnd")
    found = rules.nyckeltal.get(ident) if isinstance(ident, str) else None
    if found is None and isinstance(ident, str):
        hint = hint_for(ident, rules.nyckeltal)
        report.error(row.where, "okänt-nyckeltal", f"okänt nyckeltal '{ident}'{hint}", "nyckeltal")
        ok = False
    if isinstance(namnd, str) and namnd not in rules.namnder:
        hint = hint_for(namnd, rules.namnder)
        report.error(row.where, "okänd-nämnd", f"okänd nämnd '{namnd}'{hint}", "nämnd")
        ok = False
    try:
        entry: NyckeltalUtfall | None = NyckeltalUtfall.model_validate(data)
    except ValidationError:
        # Report it in the words of the YAML path, every key pointing at the row.
        entry = parse_model(RowDocument(row.where, data), NyckeltalUtfall, report)
    area_id = found[0].id if found is not None else None
    return area_id, entry if ok else None


def table_number(value: Any) -> float | int | str:
    """A cell's number (`57,5`, `1 920`, `−3,1`, `57.5`, or a Parquet number), or why not."""
    if type(value) is str and value.replace(".", "", 1).isdigit() and value.isascii():
        parsed = float(value)  # the common case, e.g. from Kolada: 57.5 or 1920
        return int(parsed) if parsed.is_integer() and abs(parsed) < 1e15 else parsed
    if isinstance(value, bool):
        return "ska vara ett tal, men är ett sanningsvärde"
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return as_number(value)
    if not isinstance(value, str):
        return f"ska vara ett tal, men är {type(value).__name__}"
    text = normalised(value)
    if "," in text and "." in text or not _NUMBER.match(text):
        return f"'{value}' är inget tal; skriv bara talet, t.ex. 57,5"
    return as_number(float(text.replace(" ", "").replace(",", ".")))


def _merged(
    base: AreaSource | None,
    area_id: str,
    shown: str,
    lines: list[int],
    entries: list[NyckeltalUtfall],
) -> TableSource:
    """The målområde's outcomes with `entries` (from the rows at `lines`) appended."""
    if base is None:
        model = MalomradeUtfallFile.model_validate({"målområde": area_id})
        model = model.model_copy(update={"nyckeltal": entries})
        doc = RowDocument(Location(shown, 1, 1, cell="1"), {})
        return TableSource(model, doc, table=shown, lines=tuple(lines))
    kept = list(base.model.nyckeltal)
    model = base.model.model_copy(update={"nyckeltal": kept + entries})
    return TableSource(
        model,
        base.doc,
        base.indices,
        base=base,
        offset=len(kept),
        table=shown,
        lines=tuple(lines),
    )
