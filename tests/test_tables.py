"""Outcomes from tables (CSV and Parquet) in a period folder.

The round trip: every nyckeltal entry of the example's August 2025 period is moved out of
the målområde YAML files into one table; the evaluation must be the same as from YAML.
Then hostile and mistaken tables: every problem at its file and row, all at once.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from engine.checks.outcomes import load_outcomes
from engine.checks.rules import load_rules
from engine.diagnostics import Report
from engine.evaluation.evaluate import evaluate
from engine.inputs import tables
from engine.output.summary import to_json
from engine.output.texts import conclusion

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = [
    "nyckeltal",
    "nämnd",
    "period",
    "utfall",
    "saknas",
    "kommentar",
    "jämförelsevärde",
    "överfört_från",
]
MODEL_KEYS = {"nyckeltal": "id"}


@pytest.fixture(autouse=True)
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def project(tmp_path: Path) -> Path:
    """A copy of the example project in tmp_path (the current folder); its period."""
    for folder in ("rules", "fixtures"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return Path("fixtures") / "2025-08"


def move_kpis_out(period: Path) -> list[dict[str, Any]]:
    """Remove every nyckeltal entry from the YAML files; return them as rows. An entry
    with a declared `bedömning` stays in the YAML: like a målområde's judgement, a
    declared judgement is not a table column (engine.checks.tables)."""
    yaml = YAML(typ="rt")
    rows = []
    for file in sorted((period / "malomraden").glob("*.yaml")):
        doc = yaml.load(file)
        entries = doc.pop("nyckeltal", []) or []
        declared = [e for e in entries if "bedömning" in e]
        if declared:
            doc["nyckeltal"] = declared
        for entry in (e for e in entries if "bedömning" not in e):
            assert set(entry) <= {MODEL_KEYS.get(c, c) for c in COLUMNS}, entry
            rows.append(
                {c: entry.get(MODEL_KEYS.get(c, c)) for c in COLUMNS} | {"period": "2025-08"}
            )
        yaml.dump(doc, file)
    assert len(rows) > 40
    return rows


def swedish(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(value).replace(".", ",").replace("-", "\u2212")
    return str(value)


def write_csv(path: Path, rows: list[dict[str, Any]], delimiter: str = ";") -> None:
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter)
    w.writerow(COLUMNS)
    for r in rows:
        w.writerow([swedish(r[c]) for c in COLUMNS])
    path.write_text(out.getvalue(), encoding="utf-8")


def evaluated(period: Path) -> tuple[dict[str, Any] | None, Report]:
    report = Report()
    rules = load_rules(period.parent.parent / "rules", report)
    assert rules is not None
    outcomes = load_outcomes(period, rules, report)
    if outcomes is None:
        return None, report
    e = evaluate(rules, outcomes)
    return to_json(e, conclusion(rules, e, report)), report


def same_but_whitespace(result: dict[str, Any] | None) -> dict[str, Any]:
    """A table's cells are trimmed; a YAML block scalar keeps its final newline."""
    assert result is not None
    for k in result["nyckeltal"]:
        k["kommentar"] = (k.get("kommentar") or "").strip()
    return result


def lines(report: Report) -> list[str]:
    return [d.format() for d in report.sorted()]


def test_a_csv_gives_the_same_evaluation_as_the_yaml(tmp_path: Path) -> None:
    expected, _ = evaluated(ROOT / "fixtures" / "2025-08")
    period = project(tmp_path)
    write_csv(period / "utfall.csv", move_kpis_out(period))
    got, report = evaluated(period)
    assert not report.errors, lines(report)
    assert same_but_whitespace(got) == same_but_whitespace(expected)


def test_a_parquet_file_gives_the_same_evaluation(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    expected, _ = evaluated(ROOT / "fixtures" / "2025-08")
    period = project(tmp_path)
    rows = move_kpis_out(period)
    columns = {c: [r[c] for r in rows] for c in COLUMNS}
    for c in ("utfall", "jämförelsevärde"):
        columns[c] = [None if v is None else float(v) for v in columns[c]]
    pq.write_table(pa.table(columns), period / "utfall.parquet")
    got, report = evaluated(period)
    assert not report.errors, lines(report)
    assert same_but_whitespace(got) == same_but_whitespace(expected)


def test_every_problem_points_at_its_row_at_once(tmp_path: Path) -> None:
    period = project(tmp_path)
    (period / "utfall.csv").write_text(
        "nyckeltal;organisation;period;utfall;saknas;extra\n"
        "td-hsn-hse;HSN;2025-08;ca 4;;x\n"
        "td-hsn-hsee;HSN;2025-08;4,1;;\n"
        "td-hsn-hse;HSX;2025-08;4,1;;\n"
        "td-hsn-hse;HSN;2025-13;4,1;;\n"
        "td-hsn-hse;HSN;2024-08;4,1;;\n"
        "td-hsn-hse;HSN;2025-08;1.920,5;;\n"
        "td-hsn-hse;HSN;2025-08;4,1;;;\n",
        encoding="utf-8",
    )
    got, report = evaluated(period)
    assert got is None
    shown = [line for line in lines(report) if "utfall.csv" in line]
    where = "fixtures/2025-08/utfall.csv"
    assert (
        f"{where}:2: fel: utfall: 'ca 4' är inget tal; skriv bara talet, t.ex. 57,5 [tabell-värde]"
        in shown[1:]
    )
    assert any(
        s.startswith(
            f"{where}:3: fel: nyckeltal: okänt nyckeltal 'td-hsn-hsee' (menade du 'td-hsn-hse'?)"
        )
        for s in shown
    ), shown
    assert any(s.startswith(f"{where}:4: fel: nämnd: okänd nämnd 'HSX'") for s in shown), shown
    assert any(s.startswith(f"{where}:5: fel: period: '2025-13' är ingen period") for s in shown), (
        shown
    )
    assert any(s.startswith(f"{where}:7: fel: utfall: '1.920,5' är inget tal") for s in shown), (
        shown
    )
    assert any(s.startswith(f"{where}:8: fel: raden har 7 värden") for s in shown), shown
    assert any(s.startswith(f"{where}:1: varning: okänd kolumn 'extra'") for s in shown), shown
    assert any(s.startswith(f"{where}:1: varning: 1 rad gäller en annan period") for s in shown), (
        shown
    )
    # The YAML file already has td-hsn-hse for HSN: the table's second entry is a duplicate.
    assert any(s.startswith(f"{where}:8: fel: ") and "[dubblett]" in s for s in shown), shown


def test_a_table_without_the_required_columns_is_one_error(tmp_path: Path) -> None:
    period = project(tmp_path)
    (period / "utfall.csv").write_text("nyckeltal,utfall\ntd-hsn-hse,4.1\n", encoding="utf-8")
    _, report = evaluated(period)
    assert [s for s in lines(report) if "utfall.csv" in s] == [
        "fixtures/2025-08/utfall.csv:1: fel: kolumnen 'nämnd' saknas; rubrikraden ska ha "
        "nyckeltal, nämnd och gärna period, utfall [tabell-kolumn]"
    ]


def test_a_table_with_only_its_header_is_said_to_give_nothing(tmp_path: Path) -> None:
    """An export that got no rows is a warning of its own, not silence; the period is
    still evaluated from its YAML files."""
    period = project(tmp_path)
    (period / "utfall.csv").write_text("nyckeltal;nämnd;utfall\n\n", encoding="utf-8")
    evaluation, report = evaluated(period)
    assert evaluation is not None
    assert [s for s in lines(report) if "utfall.csv" in s] == [
        "fixtures/2025-08/utfall.csv:1: varning: tabellen har bara en rubrikrad och ger inga "
        "utfall [tabell-tom]"
    ]


def test_size_and_rows_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    period = project(tmp_path)
    body = "".join(f"td-hsn-hse;HSN;2025-08;{i};;\n" for i in range(20))
    (period / "utfall.csv").write_text("nyckeltal;nämnd;period;utfall;saknas;kommentar\n" + body)
    monkeypatch.setattr(tables, "MAX_ROWS", 10)
    _, report = evaluated(period)
    assert "fixtures/2025-08/utfall.csv:12: fel: fler än 10 rader [tabell]" in lines(report)
    monkeypatch.setattr(tables, "MAX_BYTES", 100)
    _, report = evaluated(period)
    assert any("[tabell]" in s and "byte; högst 100" in s for s in lines(report))


def test_a_broken_parquet_file_is_one_error(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    period = project(tmp_path)
    (period / "utfall.parquet").write_bytes(b"PAR1 this is not parquet")
    _, report = evaluated(period)
    found = [s for s in lines(report) if "utfall.parquet" in s]
    assert len(found) == 1 and found[0].startswith(
        "fixtures/2025-08/utfall.parquet:1: fel: kan inte läsa filen som Parquet"
    ), found


def test_a_row_in_error_is_not_also_called_missing(tmp_path: Path) -> None:
    period = project(tmp_path)
    rows = move_kpis_out(period)
    bad = next(r for r in rows if r["utfall"] is not None)
    bad["utfall"] = "ca 57"
    write_csv(period / "utfall.csv", rows)
    _, report = evaluated(period)
    errors = [s for s in lines(report) if ": fel: " in s]
    assert len(errors) == 1 and "'ca 57' är inget tal" in errors[0], errors
    assert not [s for s in lines(report) if f"'{bad['nyckeltal']}'" in s and "saknas" in s]


def test_a_file_that_is_no_text_is_said_to_be_none(tmp_path: Path) -> None:
    """A workbook renamed utfall.csv was read as Windows-1252 and its bytes reported as an
    unknown column; as an outcome table and as a CSV for import it is called no text."""
    from engine.inputs.tables import read_table
    from engine.tools.dataround.csvfile import read_csv

    fake = tmp_path / "utfall.csv"
    fake.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00nyckeltal;namnd")
    report = Report()
    assert read_table(fake, "utfall.csv", report) is None
    assert read_csv(fake, "utfall.csv", "HSN", "2025-08", report) is None
    assert sorted(d.format() for d in report.sorted()) == [
        "utfall.csv:1: fel: filen är ingen text (den innehåller nolltecken); spara tabellen "
        "som CSV [tabell]",
        "utfall.csv:1:1: fel: filen är ingen text (den innehåller nolltecken); spara tabellen "
        "som CSV [arbetsbok]",
    ]


def test_an_import_csv_names_the_columns_it_misses(tmp_path: Path) -> None:
    from engine.tools.dataround.csvfile import read_csv
    from engine.tools.dataround.layout import COLUMNS

    some = ["id", "Utfall", "Kommentar"]
    file = tmp_path / "hsn.csv"
    file.write_text(";".join(some) + "\nhs-x;1;\n", encoding="utf-8")
    report = Report()
    assert read_csv(file, "hsn.csv", "HSN", "2025-08", report) is None
    (message,) = [d.message for d in report.errors]
    missing = [c for c in COLUMNS["Nyckeltal"] if c not in some]
    assert f"för bladet Nyckeltal saknas kolumnerna {', '.join(missing)}" in message


def test_excels_unicode_text_is_read_as_utf16(tmp_path: Path) -> None:
    """Excel's "Unicode-text" is UTF-16 with a BOM: NUL bytes, but text all the same."""
    from engine.inputs.tables import read_table

    file = tmp_path / "utfall.csv"
    file.write_bytes("nyckeltal\tnämnd\tutfall\ntd-hsn-hse\tHSN\t4,1\n".encode("utf-16"))
    report = Report()
    table = read_table(file, "utfall.csv", report)
    assert report.diagnostics == [] and table is not None
    assert table.names == ["nyckeltal", "nämnd", "utfall"]
    assert table.column("utfall") == ["4,1"]


def test_a_misspelled_id_on_many_rows_is_looked_up_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each row still gets its own error with the hint; difflib is asked once per name (a
    100 000-row table of one unknown id spent 20 of its 24 s asking it again)."""
    import engine.checks.tables as checks_tables

    asked: list[str] = []
    real = checks_tables.did_you_mean

    def counting(word: str, known: Any) -> str:
        asked.append(word)
        return real(word, known)

    monkeypatch.setattr(checks_tables, "did_you_mean", counting)
    period = project(tmp_path)
    (period / "utfall.csv").write_text(
        "nyckeltal;nämnd;utfall\n" + "td-hsn-hsee;HSN;4,1\n" * 500, encoding="utf-8"
    )
    _, report = evaluated(period)
    shown = [line for line in lines(report) if "okänt nyckeltal 'td-hsn-hsee'" in line]
    assert len(shown) == 500 and all("menade du 'td-hsn-hse'" in line for line in shown)
    assert asked == ["td-hsn-hsee"]
