"""The data round: `mall` workbooks, `import` back with pointed errors, `status`.

Workbooks are filled with openpyxl the way a person types into Excel (decimal commas,
thousands spaces, a percent-formatted cell)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from engine.checks.outcomes import load_outcomes
from engine.checks.rules import load_rules
from engine.diagnostics import Report
from engine.inputs.loaded import PeriodOutcomes
from engine.tools.dataround.reading import swedish_number
from tests.conftest import ROOT, CliRun

BOOKS = Path("insamling/2025-08")


def _project(cli: CliRun, tmp_path: Path) -> Path:
    code, _, err = cli("init", "--exempel", "p", cwd=tmp_path)
    assert code == 0, err
    return tmp_path / "p"


def _values(folder: Path) -> dict[str, object]:
    report = Report()
    rules = load_rules(ROOT / "rules", report)
    assert rules is not None
    out = load_outcomes(folder, rules, report, with_previous=False)
    assert out is not None, [d.format() for d in report.sorted()]
    return _flatten(out)


def _flatten(out: PeriodOutcomes) -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, k in out.kpi.items():
        flat[f"kpi:{key}"] = (k.value, k.missing, " ".join(k.comment.split()))
    for key, u in out.uppdrag.items():
        flat[f"uppdrag:{key}"] = (u.status, " ".join(u.comment.split()))
    for key, g in out.goals.items():
        flat[f"mål:{key}"] = (g.value, g.missing, " ".join(g.comment.split()))
    for area_id, src in out.areas.items():
        for namnd, j in src.model.namnder.items():
            flat[f"nämnd:{area_id}:{namnd}"] = (j.status, " ".join(j.comment.split()))
    return flat


def _row(ws: object, ident: str) -> int:
    for (cell,) in ws.iter_rows(min_col=1, max_col=1):  # type: ignore[attr-defined]
        if cell.value == ident:
            return int(cell.row)
    raise AssertionError(ident)


def test_swedish_numbers_as_excel_users_type_them() -> None:
    assert swedish_number("57,5", False) == 57.5
    assert swedish_number("1 920", False) == 1920
    assert swedish_number("1\u00a0920,5", False) == 1920.5
    assert swedish_number("\u22123,1", False) == -3.1
    assert swedish_number("88 %", False) == 88
    assert swedish_number(0.575, True) == 57.5
    assert swedish_number(12, False) == 12
    assert "otydligt" in str(swedish_number("1.920,5", False))
    assert "inget tal" in str(swedish_number("ca 57", False))
    assert "inget tal" in str(swedish_number("12 34", False))


def test_round_trip_of_august_2025_reproduces_the_values(cli: CliRun, tmp_path: Path) -> None:
    project = _project(cli, tmp_path)
    code, out, err = cli("mall", "--period", "2025-08", cwd=project)
    assert code == 0, err
    assert len(out.split()) == 5  # RS, HSN, RUN, KTN, PN
    before = {p: p.read_bytes() for p in (project / "fixtures").rglob("*.yaml")}
    books = sorted(str(p) for p in (project / BOOKS).glob("*.xlsx"))
    # Into the existing files: nothing changes, byte for byte.
    code, out, err = cli("import", *books, cwd=project)
    assert code == 0, err
    assert "importerade 0 ändrade värden i 0 filer" in err
    # balanskrav.yaml's rounding in 2023 is acknowledged on its line: counted, not shown
    assert "[tryckt-summa]" not in err and "0 fel, 0 varningar (1 godkänd)" in err
    assert {p: p.read_bytes() for p in before} == before
    # Into an empty fixtures/: every value the workbooks carry comes back exactly.
    original = _values(project / "fixtures/2025-08")
    (project / "fixtures").rename(project / "original")
    (project / "fixtures").mkdir()
    code, out, err = cli("import", *books, cwd=project)
    assert code == 0, err
    assert _values(project / "fixtures/2025-08") == original


def _fill_badly(path: Path) -> None:
    wb = load_workbook(path)
    kpi, up = wb["Nyckeltal"], wb["Uppdrag"]
    r = _row(kpi, "td-hsn-hse")
    kpi.cell(row=r, column=7).value = "4,2"  # fine: a decimal comma
    r = _row(kpi, "td-hsn-bokade-timmar-vuxna")
    kpi.cell(row=r, column=7).value = "ca 2000"  # not a number
    r = _row(up, "td-u01")
    up.cell(row=r, column=4).value = "Pågånde enligt plan"  # a typo
    up.cell(row=2, column=1).value = "td-u99"  # an id that does not exist
    wb.save(path)


def test_import_points_at_every_bad_cell_at_once_and_writes_nothing(
    cli: CliRun, tmp_path: Path
) -> None:
    project = _project(cli, tmp_path)
    cli("mall", "--period", "2025-08", "--nämnd", "HSN", cwd=project)
    book = project / BOOKS / "utfall-2025-08-HSN.xlsx"
    _fill_badly(book)
    before = {p: p.read_bytes() for p in (project / "fixtures").rglob("*.yaml")}
    code, out, err = cli("import", str(book), cwd=project)
    assert code == 1
    lines = err.splitlines()
    hours = _row(load_workbook(book)["Nyckeltal"], "td-hsn-bokade-timmar-vuxna")
    status_row = _row(load_workbook(book)["Uppdrag"], "td-u01")
    assert (
        f"{book}:Nyckeltal!G{hours}: fel: 'ca 2000' är inget tal; skriv bara talet, t.ex. 57,5 [tal]"
        in lines
    )
    assert any(
        line.startswith(f"{book}:Uppdrag!D{status_row}: fel: statusen 'Pågånde enligt plan'")
        and "(menade du 'Pågående enligt plan'?)" in line
        for line in lines
    ), lines
    assert any(line.startswith(f"{book}:Uppdrag!A2: fel: okänt uppdrag 'td-u99'") for line in lines)
    # 4,2 would replace 4.1 in the YAML: listed, needs --ersätt.
    hse = _row(load_workbook(book)["Nyckeltal"], "td-hsn-hse")
    assert any(
        line.startswith(f"{book}:Nyckeltal!G{hse}: fel: 4,2 skulle ersätta utfall 4,1 i "
                        "fixtures/2025-08/malomraden/tandvard.yaml:")
        and line.endswith("[ersätter-värde]")
        for line in lines
    ), lines  # fmt: skip
    assert lines[-1] == "inget importerades; inga filer skrevs"
    assert {p: p.read_bytes() for p in before} == before


def test_fix_the_cells_then_import_with_ersätt_keeps_comments(cli: CliRun, tmp_path: Path) -> None:
    project = _project(cli, tmp_path)
    cli("mall", "--period", "2025-08", "--nämnd", "HSN", cwd=project)
    book = project / BOOKS / "utfall-2025-08-HSN.xlsx"
    wb = load_workbook(book)
    kpi = wb["Nyckeltal"]
    kpi.cell(row=_row(kpi, "td-hsn-hse"), column=7).value = "4,2"
    wb.save(book)
    code, _, err = cli("import", str(book), "--ersätt", "--klar", cwd=project)
    assert code == 0, err
    text = (project / "fixtures/2025-08/malomraden/tandvard.yaml").read_text()
    assert "utfall: 4.2   # rad 6282" in text  # the transcriber's comment is kept
    assert "klara:\n  - HSN" in (project / "fixtures/2025-08/period.yaml").read_text()
    code, out, _ = cli("status", cwd=project)
    assert code == 0
    assert "HSN Hälso- och sjukvårdsnämnden: klar" in out
    assert "1 av 5 nämnder klarmarkerade" in out
    code, _, err = cli("status", "--kräv-klar", cwd=project)
    assert code == 1
    assert "inte klarmarkerade: RS, RUN, KTN, PN" in err


def test_status_lists_what_is_missing(cli: CliRun, tmp_path: Path) -> None:
    code, _, _ = cli("init", "p", "--period", "2026-04", cwd=tmp_path)
    project = tmp_path / "p"
    area = project / "fixtures/2026-04/malomraden/ledningsprocesser.yaml"
    text = area.read_text().replace("    kommentar: Skriv nyckeltalets kommentar här.\n", "")
    text = text[: text.index("uppdrag:")] + text[text.index("nyckeltal:") :]
    area.write_text(text)
    code, out, err = cli("status", "--format", "json", cwd=project)
    assert code == 0, err
    import json

    (rs,) = json.loads(out)["nämnder"]
    assert rs["nyckeltal"] == {
        "antal": 1, "med_utfall": 1, "saknas_med_skäl": 0, "saknas": [],
        "utan_kommentar": ["lp-sjukfranvaro"],
    }  # fmt: skip
    assert rs["uppdrag"] == {"antal": 1, "utan_status": ["lp-u01"]}
    assert rs["klar"] is False


def test_text_that_looks_like_a_formula_stays_text(cli: CliRun, tmp_path: Path) -> None:
    code, _, _ = cli("init", "p", "--period", "2026-04", cwd=tmp_path)
    project = tmp_path / "p"
    area = project / "rules/malomraden/ledningsprocesser.yaml"
    area.write_text(area.read_text().replace(
        "Ta fram en plan för ekonomi i balans.", "'=HYPERLINK(\"http://x\",\"klicka\")'"))  # fmt: skip
    code, _, err = cli("mall", "--period", "2026-04", cwd=project)
    assert code == 0, err
    ws = load_workbook(project / "insamling/2026-04/utfall-2026-04-RS.xlsx")["Uppdrag"]
    assert ws["C2"].data_type == "s"
    assert ws["C2"].value.startswith("=HYPERLINK")


def test_mall_never_overwrites_a_workbook(cli: CliRun, tmp_path: Path) -> None:
    project = _project(cli, tmp_path)
    cli("mall", "--period", "2025-08", "--nämnd", "PN", cwd=project)
    book = project / BOOKS / "utfall-2025-08-PN.xlsx"
    book.write_bytes(b"filled in by PN")
    code, _, err = cli("mall", "--period", "2025-08", "--nämnd", "PN", cwd=project)
    assert code == 1
    assert "arbetsboken finns redan" in err
    assert book.read_bytes() == b"filled in by PN"


@pytest.mark.parametrize("kind", ["inte-zip", "zip-bomb"])
def test_hostile_files_are_refused_with_a_message(cli: CliRun, tmp_path: Path, kind: str) -> None:
    project = _project(cli, tmp_path)
    bad = project / "ond.xlsx"
    if kind == "inte-zip":
        bad.write_bytes(b"<html>not a workbook</html>")
        expected = "ond.xlsx:1:1: fel: filen är ingen Excel-arbetsbok (.xlsx) [arbetsbok]"
    else:
        with zipfile.ZipFile(bad, "w", compression=zipfile.ZIP_DEFLATED) as z:
            z.writestr("xl/worksheets/sheet1.xml", b"0" * 210_000_000)
        expected = "ond.xlsx:1:1: fel: arbetsboken packas upp till 210000000 byte"
    code, _, err = cli("import", "ond.xlsx", cwd=project)
    assert code == 1
    assert err.splitlines()[0].startswith(expected), err
    assert "Traceback" not in err


def test_csv_with_the_same_columns_as_swedish_excel_saves_it(cli: CliRun, tmp_path: Path) -> None:
    project = _project(cli, tmp_path)
    header = (
        "id;Målområde;Nyckeltal;Mål;Mäts;Föregående utfall;Utfall;Kommentar;Skäl när utfall saknas"
    )
    rows = [
        header,
        "td-hsn-hse;Tandvård;HSE;Minst 4,07;halvår;;4,2;Ny mätning i år;",
        "td-hsn-bokade-timmar-vuxna;Tandvård;Bokade timmar;;tertial;;ca 2000;;",
    ]
    csv_file = project / "hsn.csv"
    csv_file.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252"))
    code, _, err = cli("import", "hsn.csv", "--nämnd", "HSN", "--period", "2025-08",
                       "--ersätt", cwd=project)  # fmt: skip
    assert code == 1
    assert "hsn.csv:3:7: fel: 'ca 2000' är inget tal; skriv bara talet, t.ex. 57,5 [tal]" in err
    csv_file.write_bytes(("\r\n".join(rows[:2]) + "\r\n").encode("cp1252"))
    code, _, err = cli("import", "hsn.csv", "--nämnd", "HSN", "--period", "2025-08",
                       "--ersätt", cwd=project)  # fmt: skip
    assert code == 0, err
    values = _values(project / "fixtures/2025-08")
    assert values["kpi:('td-hsn-hse', 'HSN')"] == (4.2, None, "Ny mätning i år")


def test_csv_needs_nämnd_and_period(cli: CliRun, tmp_path: Path) -> None:
    project = _project(cli, tmp_path)
    (project / "x.csv").write_text("id;Målområde\n", encoding="utf-8")
    code, _, err = cli("import", "x.csv", cwd=project)
    assert code == 1
    assert (
        "x.csv:1:1: fel: en CSV-fil har inget Om-blad; ange --nämnd och --period [arbetsbok]" in err
    )
