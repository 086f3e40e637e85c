"""Stage 2, validate (outcomes): the rows of a period's outcome tables as nyckeltal entries.

Each row of a table (`engine.inputs.tables`) is checked (period, numbers, a known
nyckeltal and nämnd) and becomes an entry of the målområde its nyckeltal belongs to in the
rules: a `TableOutcome`, with the fields of `NyckeltalUtfall` validated column by column
with that model's own field types, or, for a row checked on its own, the model itself.
The entries are appended to that målområde's outcome file, as if they had been written
there, through a `TableSource` (engine.checks.table_sources): a source that points the
entries from the table at their row (`utfall.csv:1204`) and names a value by its column
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
from collections.abc import Callable, Mapping, Sequence
from functools import cache, partial
from itertools import repeat
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from engine.checks.table_sources import MODEL_KEY, AreaSource, RowDocument, merged
from engine.diagnostics import Location, Report, counted
from engine.diagnostics.hints import did_you_mean
from engine.inputs.loaded import RuleSet
from engine.inputs.numbers import as_number, normalised
from engine.inputs.parse import parse_model
from engine.inputs.tables import Table, TableRow, read_table, row_location, table_files
from engine.models import KpiOutcome, NyckeltalUtfall, TableOutcome

NUMBER_COLUMNS = ("utfall", "jämförelsevärde")
_NUMBER = re.compile(r"^-?(\d{1,3}(?: \d{3})+|\d+)(?:[.,]\d+)?(?:[eE][-+]?\d+)?$")


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
        by_area: dict[str, tuple[list[int], list[KpiOutcome]]] = {}
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
            areas[area_id] = merged(areas.get(area_id), area_id, shown, lines, found_entries)


#: A row's line, målområde (None: unknown nyckeltal) and entry (None: in error, reported).
Entry = tuple[int, str | None, KpiOutcome | None]


def table_entries(
    table: Table, period: str, rules: RuleSet, report: Report
) -> tuple[list[Entry], int]:
    """The entries of `table` for `period`, in row order, and how many rows are for
    another period. The rows with nothing unusual (this period or none, a known nyckeltal
    and nämnd, numbers that parse, text where text goes) are checked by column and
    validated column by column (`_outcomes`); every other row goes through `_period` and
    `_entry`, which word its problems, exactly as the common rows would have been."""
    columns, odd = _checked_columns(table, period, rules)
    if not odd:  # every row plain: a national table
        area_of = {ident: area.id for ident, (area, _) in rules.nyckeltal.items()}
        areas = [area_of[ident] for ident in columns["id"]]
        entries = _outcomes(table, columns, range(len(table)), report)
        return list(zip(table.lines, areas, entries, strict=True)), 0
    out: list[Entry] = []
    common: list[tuple[int, int]] = []  # (place in out, row)
    other, hint = 0, _remembered_hints()
    for i in range(len(table)):
        if i not in odd:
            common.append((len(out), i))
            out.append((table.lines[i], None, None))
            continue
        row = table.row(i)
        in_row = _period(row, report)
        if in_row is not None and in_row != period:
            other += in_row != ""
            continue
        out.append((row.where.line, *_entry(row, rules, report, hint)))
    ids = columns["id"]
    plain = _outcomes(table, columns, [i for _, i in common], report)
    for (at, i), entry in zip(common, plain, strict=True):
        out[at] = (out[at][0], rules.nyckeltal[ids[i]][0].id, entry)
    return out, other


def _checked_columns(
    table: Table, period: str, rules: RuleSet
) -> tuple[dict[str, list[Any]], set[int]]:
    """The table's columns by the model's key (numbers parsed, see `_numbers`; the period
    column left out), and the rows that are not plain (see `table_entries`)."""
    if "nyckeltal" not in table.names or "nämnd" not in table.names:
        return {}, set(range(len(table)))  # (read_table refuses such a table)
    odd: set[int] = set()
    columns: dict[str, list[Any]] = {}
    for name, cells in zip(table.names, table.columns, strict=True):
        ok: Callable[[Any], bool]
        if name in NUMBER_COLUMNS:
            cells = _numbers(cells)
            ok, kinds = _is_not_text, _NUMBER_KINDS
        elif name == "period":
            ok, kinds = partial(_is_period, period), None
        elif name in ("nyckeltal", "nämnd"):
            known = rules.nyckeltal if name == "nyckeltal" else rules.namnder
            ok, kinds = partial(_is_known, known), None
            cells = _the_rules_own(cells, known)
        else:
            ok, kinds = _is_text, _TEXT_KINDS
        odd.update(_odd_rows(cells, ok, kinds))
        if name != "period":
            columns[MODEL_KEY.get(name, name)] = cells
    return columns, odd


def _outcomes(
    table: Table, columns: dict[str, list[Any]], rows: Sequence[int], report: Report
) -> list[KpiOutcome | None]:
    """The outcomes of the plain `rows`, each column's values validated with the model's
    own type for that field (`_field_values`), as `TableOutcome`s. When a value fails its
    type, each of these rows is validated on its own as a model instead (`_validated_all`),
    which words the problem at its row."""
    if not rows:
        return []
    every = len(rows) == len(table)
    fields: dict[str, list[Any]] = {}
    for key, cells in columns.items():
        values = _field_values(_FIELD_OF[key], cells if every else [cells[i] for i in rows])
        if values is None:
            lines = [table.lines[i] for i in rows]
            return _validated_all(table, lines, _row_data(columns, rows), report)
        fields[_FIELD_OF[key]] = values
    defaults = TableOutcome._field_defaults
    parts = [fields[f] if f in fields else repeat(defaults.get(f)) for f in TableOutcome._fields]
    return [
        _new(TableOutcome, values) for values in zip(*parts, strict=False)
    ]  # repeat() is endless


#: `tuple.__new__`: a named tuple from all its fields, without its Python-level `__new__`.
_new = tuple.__new__

#: The model's field for each of its keys (`utfall` → value).
_FIELD_OF = {f.alias or n: n for n, f in NyckeltalUtfall.model_fields.items()}


def _field_values(field: str, cells: list[Any]) -> list[Any] | None:
    """The cells validated as `NyckeltalUtfall`'s `field` (an empty cell is the field's
    default, as a key left out is), or None when one is not valid."""
    adapter = _field_adapter(field)
    default = TableOutcome._field_defaults.get(field)
    try:
        if None not in cells and "" not in cells:  # the common column: every cell given
            return list(adapter.validate_python(cells))
        given = [i for i, v in enumerate(cells) if v is not None and v != ""]
        values: list[Any] = [default] * len(cells)
        for i, value in zip(given, adapter.validate_python([cells[i] for i in given]), strict=True):
            values[i] = value
        return values
    except ValidationError:
        return None


@cache
def _field_adapter(field: str) -> TypeAdapter[list[Any]]:
    """A list of values of the model's field, validated as the model validates one."""
    info = NyckeltalUtfall.model_fields[field]
    return TypeAdapter(list[info.rebuild_annotation()])  # type: ignore[misc, arg-type]


def _row_data(columns: dict[str, list[Any]], rows: Sequence[int]) -> list[dict[str, Any]]:
    """Each row's data as its model takes it: the model's keys, empty cells left out."""
    return [
        {key: cells[i] for key, cells in columns.items() if cells[i] is not None and cells[i] != ""}
        for i in rows
    ]


def _the_rules_own(cells: list[Any], known: Mapping[str, Any]) -> list[Any]:
    """The cells with each known id as the rules' own string: one object per nyckeltal and
    nämnd, not one per cell (120 000 strings in a national table), which the evaluation's
    lookups compare by identity and a child process shares without copying."""
    own = {ident: ident for ident in known}
    return [own.get(v, v) if type(v) is str else v for v in cells]


def _odd_rows(cells: list[Any], ok: Callable[[Any], bool], kinds: set[type] | None) -> list[int]:
    """The rows whose cell is not `ok`: none when every cell is of one of `kinds` (the
    types `ok` lets through, when it asks no more), else tested once per distinct value
    where it can be (the values a set merges, such as 1 and True, are never told apart by
    these tests)."""
    if kinds is not None and set(map(type, cells)) <= kinds:
        return []
    try:
        if all(ok(v) for v in set(cells)):
            return []
    except TypeError:  # a value that cannot be hashed (a Parquet list): row by row
        pass
    return [i for i, v in enumerate(cells) if not ok(v)]


#: The types of the cells that `_is_not_text` and `_is_text` pass, told by type alone.
_NUMBER_KINDS: set[type] = {int, float, type(None)}
_TEXT_KINDS: set[type] = {str, type(None)}


def _is_not_text(value: Any) -> bool:
    return type(value) is not str  # a parsed number or empty, not why it is no number


def _is_period(period: str, value: Any) -> bool:
    return value is None or value == "" or value == period


def _is_known(known: Mapping[str, Any], value: Any) -> bool:
    return type(value) is str and value in known


def _is_text(value: Any) -> bool:
    return value is None or type(value) is str


def _numbers(cells: list[Any]) -> list[Any]:
    """`table_number` of each cell (None for an empty one; a text says why not). Plain
    digits, most of a national table's cells, are read at once as `table_number` reads them."""
    memo: dict[str, Any] = {}
    out: list[Any] = []
    for v in cells:
        if v is None or v == "":
            out.append(None)
        elif type(v) is str:
            if v.isdigit() and v.isascii() and len(v) < 16:
                out.append(int(v))
                continue
            parsed = memo.get(v)
            if parsed is None:
                parsed = memo[v] = table_number(v)
            out.append(parsed)
        else:
            out.append(table_number(v))
    return out


def _validated_all(
    table: Table, lines: list[int], common: list[dict[str, Any]], report: Report
) -> list[KpiOutcome | None]:
    """The plain rows' entries (`lines[k]` is the k-th one's line), validated in one call;
    when one fails, each row on its own, so that the failing ones are worded (at their
    row) as `_entry` words them."""
    try:
        return list(_entries_adapter().validate_python(common))
    except ValidationError:
        pass
    entries: list[KpiOutcome | None] = []
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
