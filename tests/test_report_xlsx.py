"""The Excel appendix read back with openpyxl: direction, coloured statuses, print setup,
frozen and filtered header rows, and sheet names cut only between words."""

from __future__ import annotations

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from engine.output.office import STATUS_FILL
from tests.test_report import AUGUST, RULES, STEM, report

AREAS = [
    "Hälso- och sjukvård",
    "Tandvård",
    "Regionalt utvecklingsansvar",
    "Kultur",
    "Kollektivtrafik",
    "Folkhögskolor",
    "Stödverksamhet",
    "Ledningsprocesser",
]


@pytest.fixture(scope="module")
def wb(tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    out = tmp_path_factory.mktemp("xlsx")
    code, _, err = report(out, "--format", "xlsx", rules=RULES, outcomes=AUGUST)
    assert code == 0, err
    return openpyxl.load_workbook(out / f"{STEM}.xlsx")


def header(ws: object) -> list[str]:
    return [c.value for c in ws[1]]  # type: ignore[index]


def test_direction_column_tells_max_from_minst(wb: Workbook) -> None:
    ws = wb["Nyckeltal"]
    cols = header(ws)
    riktning, mal = cols.index("Riktning"), cols.index("Mål")
    assert riktning == mal - 1  # read as 'Max | 200'
    pairs = {(r[riktning], r[mal]) for r in ws.iter_rows(min_row=2, values_only=True)}
    directions = {d for d, _ in pairs}
    assert {"Minst", "Max"} <= directions
    assert not directions & {">", "<"}  # words, not signs, in a filter list
    # the same number with two directions is two different targets, and the sheet says so
    by_target: dict[object, set[object]] = {}
    for d, m in pairs:
        by_target.setdefault(m, set()).add(d)
    assert any(len(ds) > 1 for ds in by_target.values())
    goals = {r[0]: r for r in wb["Finansiella mål"].iter_rows(min_row=2, values_only=True)}
    assert goals["Nettokostnadsutveckling"][1] == "Max"
    assert goals["Kassalikviditet exkl. pensionsplaceringar"][1] == "Större än"


def test_status_cells_are_filled_with_their_colour_and_say_it(wb: Workbook) -> None:
    seen: set[str] = set()
    for ws in wb.worksheets:
        cols = header(ws)
        label = "Status" if "Status" in cols else "Sammanvägd status"
        if "Status (kod)" in cols:
            status, key = cols.index(label), cols.index("Status (kod)")
        elif ws.title == "Sammanställning":
            status, key = cols.index("Sammanvägd status"), -1
        else:
            continue
        for row in ws.iter_rows(min_row=2):
            cell = row[status]
            if not cell.value:
                continue
            assert isinstance(cell.value, str) and cell.value[0].isupper()  # the status in words
            fill = cell.fill.fgColor.rgb[-6:]
            assert cell.fill.fill_type == "solid", (ws.title, cell.coordinate)
            if key >= 0:
                assert fill == STATUS_FILL[row[key].value][0], (ws.title, cell.coordinate)
            seen.add(fill)
    assert {STATUS_FILL[k][0] for k in ("grön", "gul", "röd")} <= seen


def test_print_setup_a4_landscape_fit_to_width_header_repeated(wb: Workbook) -> None:
    for ws in wb.worksheets:
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4), ws.title
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, ws.title
        assert ws.print_title_rows == "$1:$1", ws.title
        assert "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text


def test_frozen_header_and_filter_on_every_data_sheet(wb: Workbook) -> None:
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref == ws.dimensions, ws.title
        assert all(c.font.bold for c in ws[1]), ws.title


def test_sheet_names_short_unique_and_cut_between_words(wb: Workbook) -> None:
    names = wb.sheetnames
    assert len(names) == len(set(names))
    for name in names:
        assert len(name) <= 31, name
        assert not set(name) & set("[]:*?/\\"), name
        for sep in (" – ", ", "):
            if sep in name:
                head = name.split(sep, 1)[0]
                break
        else:
            continue
        cut = head.endswith("…")
        head = head.rstrip("…")
        area = next((a for a in AREAS if a.startswith(head)), None)
        assert area is not None, name
        # a whole-word prefix of the målområde's name, marked with … when shortened
        assert area == head or (cut and area[len(head)] == " "), name
    assert "Ledningsprocesser, egna uppdrag" in names
    assert "Regionalt… – uppdrag" in names
