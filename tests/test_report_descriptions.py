"""The document's texts that are not statuses reach every format: the `beskrivning`
under an uppdrag (printed as 'Beskrivning' in Bilaga 1) and a nämnd's own judgement of a
målområde (HSN: 'Den samlade bedömningen är röd' for ledningsprocesser)."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl
import pytest

from tests.test_report import RULES, STEM, report, run

LP_U04 = "Mallar för planering och uppföljning ska innehålla tabell för redovisning av åtgärder"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("descriptions")
    code, _, err = report(folder, "--format", "html,md,docx,xlsx")
    assert code == 0, err
    return folder


def test_the_beskrivning_is_under_its_uppdrag_in_every_format(out: Path) -> None:
    html = (out / f"{STEM}.html").read_text(encoding="utf-8")
    cell = html.split("Upprätta åtgärdsplaner", 1)[1].split("</td>", 1)[0]
    assert '<p class="label">Beskrivning</p>' in cell and LP_U04 in cell
    md = (out / f"{STEM}.md").read_text(encoding="utf-8")
    row = next(line for line in md.splitlines() if "Upprätta åtgärdsplaner" in line)
    assert f"Beskrivning: {LP_U04}" in row
    cells = [
        c.text
        for t in docx.Document(str(out / f"{STEM}.docx")).tables
        for r in t.rows
        for c in r.cells
    ]
    assert any("Upprätta åtgärdsplaner" in c and f"Beskrivning: {LP_U04}" in c for c in cells)
    sheet = openpyxl.load_workbook(out / f"{STEM}.xlsx")["Uppdrag"]
    header = [c.value for c in sheet[1]]
    rows = [
        dict(zip(header, (c.value for c in r), strict=True)) for r in sheet.iter_rows(min_row=2)
    ]
    lp = [r for r in rows if str(r["Uppdrag"]).startswith("Upprätta åtgärdsplaner")]
    assert lp and all(str(r["Beskrivning"]).startswith(LP_U04) for r in lp)
    # An uppdrag without a beskrivning has an empty cell, not a made-up text.
    assert not any(
        r["Beskrivning"] for r in rows if str(r["Uppdrag"]).startswith("Säkerställ en god")
    )


def test_the_nämnd_own_judgement_is_shown_and_in_the_json(out: Path) -> None:
    md = (out / f"{STEM}.md").read_text(encoding="utf-8")
    assert "**Hälso- och sjukvårdsnämnden** (egen bedömning: ■ Ej uppfyllt)" in md
    html = (out / f"{STEM}.html").read_text(encoding="utf-8")
    assert "egen bedömning:" in html
    code, stdout, _ = run("evaluate", "--rules", str(RULES), "--format", "json")
    assert code == 0
    areas = {a["id"]: a for a in json.loads(stdout)["målområden"]}
    assert areas["ledningsprocesser"]["nämndernas_bedömningar"] == {"HSN": "röd"}
    assert areas["halso-och-sjukvard"]["nämndernas_bedömningar"] == {"HSN": "gul"}
    assert areas["tandvard"]["nämndernas_bedömningar"] == {}
