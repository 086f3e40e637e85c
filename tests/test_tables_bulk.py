"""The bulk path of the outcome tables (engine.checks.tables.table_entries): the plain rows
are checked by column and validated in one call, the others row by row. Both must give
exactly what the row-by-row path gives for every row: the same entries, at the same
positions, and the same diagnostics, for a table of good rows mixed with every kind of
mistake (and for CSV and Parquet alike)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from engine.checks import tables as checks_tables
from engine.checks.outcomes import _load_areas, load_outcomes
from engine.checks.rules import load_rules
from engine.diagnostics import Report
from engine.inputs import tables
from engine.models import NyckeltalUtfall, TableOutcome

ROOT = Path(__file__).resolve().parent.parent
HEADER = "nyckeltal;nämnd;period;utfall;saknas;kommentar;jämförelsevärde;överfört_från;extra\n"
GOOD = [
    "td-hsn-hse;HSN;2025-08;4,12;;Bra.;3,9;;x",
    "td-hsn-barn-tid-inom-3-manader;HSN;;;Utfallet rapporteras på helår.;;;;",
    'td-hsn-bokade-timmar-vuxna;HSN;2025-08;1 920;;"två\nrader";;2025-04;',
    "lp-hsn-sjuktal;HSN;2025-08;−3,1;;;;;",
]
MISTAKES = [
    "td-hsn-hse;HSN;2025-08;ca 4;;;;;",  # not a number
    "td-hsn-hsee;HSN;2025-08;4,1;;;;;",  # unknown nyckeltal
    "td-hsn-hse;HSX;2025-08;4,1;;;;;",  # unknown nämnd
    "td-hsn-hse;hsn;2025-08;4,1;;;;;",  # not a nämnd id (the model says so)
    "td-hsn-hse;HSN;2025-13;4,1;;;;;",  # not a period
    "td-hsn-hse;HSN;2024-08;4,1;;;;;",  # another period: not read
    "td-hsn-hse;HSN;2025-08;1.920,5;;;;;",  # not a number
    "td-hsn-hse;HSN;2025-08;4,1;;;;;;;",  # too many values
    "td-hsn-hse;HSN;2025-08",  # too few: no utfall, no saknas
    "td-hsn-hse;HSN;2025-08;4,1;;\x01;;;",  # a control character: the model says so
    "td-hsn-hse;HSN;2025-08;4,1;;;;2025-4;",  # not a period (the model says so)
    "td-hsn-hse;HSN;2025-08;4,1;Och ett skäl.;;;;",  # both utfall and saknas
    "td-hsn-hse;HSN;2025-08;4,1;;" + "x" * 10_001 + ";;;",  # a cell too long
    ";HSN;2025-08;4,1;;;;;",  # no nyckeltal
    ";;;;;;;;",  # an empty row: skipped
]


@pytest.fixture(autouse=True)
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for folder in ("rules", "fixtures"):
        shutil.copytree(ROOT / folder, tmp_path / folder)


def loaded(table: str) -> tuple[list[str], dict[str, Any]]:
    """The sorted diagnostics and, per målområde, its entries with their positions."""
    period = Path("fixtures") / "2025-08"
    (period / "utfall.csv").write_text(HEADER + table, encoding="utf-8")
    report = Report()
    rules = load_rules(Path("rules"), report)
    assert rules is not None
    found: dict[str, Any] = {}
    inner = Report()
    outcomes = load_outcomes(period, rules, inner, with_previous=False)
    areas: dict[str, Any] = outcomes.areas if outcomes is not None else {}
    if outcomes is None:  # in error: read the entries without the outcome checks
        areas = _load_areas(period, period.as_posix(), set(), Report())
        checks_tables.add_tables(
            period, period.as_posix(), "2025-08", rules, areas, set(), Report()
        )
    for area_id, src in sorted(areas.items()):
        entries = src.model.nyckeltal
        found[area_id] = [
            (fields(e), str(src.at("nyckeltal", i, "utfall")), src.name("nyckeltal", i, "id"))
            for i, e in enumerate(entries)
        ]
    return [d.format() for d in inner.sorted()], found


def fields(entry: Any) -> dict[str, Any]:
    """An entry's fields by name: a model from a row on its own, a `TableOutcome` from the
    bulk path, the same values."""
    return {name: getattr(entry, name) for name in NyckeltalUtfall.model_fields}


def row_by_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every row through `_period` and `_entry`, as before the bulk path."""
    monkeypatch.setattr(
        checks_tables, "_checked_columns", lambda t, p, r: ({"id": []}, set(range(len(t))))
    )


#: Rows whose every cell passes the checks by column, which only the model refuses: a
#: table of these and good rows takes the path of a table with every row plain.
MODEL_MISTAKES = [MISTAKES[9], MISTAKES[10]]


@pytest.mark.parametrize(
    "rows", [GOOD, GOOD + MODEL_MISTAKES, GOOD + MISTAKES, MISTAKES[::-1] + GOOD]
)
def test_the_bulk_path_gives_what_the_row_by_row_path_gives(
    rows: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    table = "\n".join(rows * 3) + "\n"
    bulk = loaded(table)
    row_by_row(monkeypatch)
    assert loaded(table) == bulk
    assert bulk[1], "the table's entries are read"
    if rows is not GOOD:
        assert any("utfall.csv:" in line and ": fel: " in line for line in bulk[0])


def test_parquet_takes_the_same_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    period = Path("fixtures") / "2025-08"
    data = {
        "nyckeltal": [
            "td-hsn-hse",
            "td-hsn-barn-tid-inom-3-manader",
            "td-hsn-hse",
            "nope",
            " lp-hsn-sjuktal ",
        ],
        "nämnd": ["HSN", "HSN", "HSX", "HSN", "HSN"],
        "utfall": [4.12, None, float("nan"), 1.0, 7.0],
        "saknas": [None, "Helår.", None, None, None],
        "kommentar": ["x" * 10_001, None, None, "", "  ok  "],
    }
    pq.write_table(pa.table(data), period / "utfall.parquet")
    report = Report()
    rules = load_rules(Path("rules"), report)
    assert rules is not None

    def read() -> tuple[list[str], list[Any]]:
        inner = Report()
        areas = _load_areas(period, "p", set(), Report())
        checks_tables.add_tables(period, "p", "2025-08", rules, areas, set(), inner)
        entries = [(a, [fields(e) for e in s.model.nyckeltal]) for a, s in sorted(areas.items())]
        assert any(e["comment"] == "ok" for _, es in entries for e in es)
        return [d.format() for d in inner.sorted()], entries

    bulk = read()
    row_by_row(monkeypatch)
    assert read() == bulk
    assert any("[tabell-värde]" in line for line in bulk[0]), bulk


def test_the_columns_of_a_table_are_its_rows() -> None:
    """`Table.row` is what the row-by-row reader gave: trimmed, empty cells left out."""
    path = Path("t.csv")
    path.write_text("nyckeltal,nämnd,okänd,utfall\n a ,HSN,z,\n\nb,,,1\n", encoding="utf-8")
    table = tables.read_table(path, "t.csv", Report())
    assert table is not None
    rows = [table.row(i) for i in range(len(table))]
    assert [(r.where.line, r.values) for r in rows] == [
        (2, {"nyckeltal": "a", "nämnd": "HSN"}),
        (4, {"nyckeltal": "b", "utfall": "1"}),
    ]


def test_a_table_alone_gives_a_malomrade_its_entries() -> None:
    """A målområde without an outcome YAML file still gets its nyckeltal from a table."""
    period = Path("fixtures") / "2025-08"
    (period / "utfall.csv").write_text(HEADER + GOOD[0] + "\n", encoding="utf-8")
    rules = load_rules(Path("rules"), Report())
    assert rules is not None
    areas: dict[str, Any] = {}
    checks_tables.add_tables(period, "p", "2025-08", rules, areas, set(), Report())
    (src,) = areas.values()
    assert [(e.id, e.value) for e in src.model.nyckeltal] == [("td-hsn-hse", 4.12)]
    assert str(src.at("nyckeltal", 0, "utfall")) == "p/utfall.csv:2"


def test_a_table_row_has_the_models_fields_and_defaults() -> None:
    """`TableOutcome` stands in for `NyckeltalUtfall`: the same fields, by the same names,
    with the same defaults; a field added to the model makes this fail."""
    model = NyckeltalUtfall.model_fields
    assert set(TableOutcome._fields) == set(model)
    for name, info in model.items():
        if info.is_required():
            assert name not in TableOutcome._field_defaults, name
        else:
            assert TableOutcome._field_defaults[name] == info.get_default(), name


def test_the_bulk_path_makes_table_rows_and_the_values_the_model_makes() -> None:
    """Every row plain: `TableOutcome`s, each value as the model validates it (a whole
    number read from the text becomes the float the model makes of it)."""
    rows = "\n".join(["td-hsn-hse;HSN;2025-08;4;;Bra.;3;;x", *GOOD[1:]]) + "\n"
    _, found = loaded(rows)
    entries = [e for es in found.values() for e, at, _ in es if "utfall.csv" in at]
    assert len(entries) == len(GOOD)
    hse = next(e for e in entries if e["id"] == "td-hsn-hse")
    assert type(hse["value"]) is float and hse["value"] == 4.0 and hse["previous"] == 3.0
    period = Path("fixtures") / "2025-08"
    report = Report()
    rules = load_rules(Path("rules"), report)
    assert rules is not None
    areas = _load_areas(period, period.as_posix(), set(), Report())
    checks_tables.add_tables(period, period.as_posix(), "2025-08", rules, areas, set(), report)
    made = [type(e) for src in areas.values() for e in src.model.nyckeltal[-len(GOOD) :]]
    assert TableOutcome in made


def test_a_table_rows_ids_are_the_rules_own_strings() -> None:
    """A national table's 120 000 id cells become the rules' own strings: one object per
    nyckeltal and nämnd, which the evaluation's lookups compare by identity."""
    period = Path("fixtures") / "2025-08"
    (period / "utfall.csv").write_text(HEADER + "\n".join(GOOD) + "\n", encoding="utf-8")
    report = Report()
    rules = load_rules(Path("rules"), report)
    assert rules is not None
    areas = _load_areas(period, period.as_posix(), set(), Report())
    checks_tables.add_tables(period, period.as_posix(), "2025-08", rules, areas, set(), report)
    own_ids = {id(k) for k in rules.nyckeltal}
    own_namnder = {id(n) for n in rules.namnder}
    made = [e for src in areas.values() for e in src.model.nyckeltal if type(e) is TableOutcome]
    assert len(made) == len(GOOD)
    assert all(id(e.id) in own_ids and id(e.namnd) in own_namnder for e in made)
