"""The example nämnd plan (examples/hsn-plan, fictitious data) end to end in every format.

It validates with --strict, evaluates, and its report has the nämnd layout: no financial
goals, no god ekonomisk hushållning, no "Bilaga 1, " in the title, and a summary with the
counts per colour of uppdrag and kortsiktiga nyckeltal. The counts are computed here from
the example's YAML (uppdrag: the status text through skala.yaml; nyckeltal: the
evaluation's status per nämnd row) and compared with what HTML, Markdown, XLSX, DOCX and
PDF show. PDF needs Chromium and pdftotext and is skipped without them.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook
from ruamel.yaml import YAML

from engine.checks.outcomes import load_outcomes
from engine.checks.rules import load_rules
from engine.cli import main
from engine.diagnostics import Report
from engine.evaluation.evaluate import Evaluation, evaluate
from engine.output.publish import find_chromium

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "hsn-plan"
RULES = EXAMPLE / "rules"
PERIOD = EXAMPLE / "fixtures" / "2026-04"
TITLE = "Hälso- och sjukvårdsnämndens uppföljning av mål per april 2026"
COLOURS = ("grön", "gul", "röd")


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def _yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def evaluation() -> Evaluation:
    report = Report()
    rules = load_rules(RULES, report)
    assert rules is not None, report.diagnostics
    outcomes = load_outcomes(PERIOD, rules, report)
    assert outcomes is not None, report.diagnostics
    return evaluate(rules, outcomes)


@pytest.fixture(scope="module")
def expected(evaluation: Evaluation) -> dict[str, dict[str, int]]:
    """Per målområde name: the counts per colour, from the example's files.

    Uppdrag: each uppdrag's status text in the fixture mapped to its colour by skala.yaml
    (one nämnd, so the combined colour is that colour). Nyckeltal: the status of every
    nämnd row, not counting ej bedömd."""
    colour_of = _yaml(RULES / "skala.yaml")["uppdragsstatusar"]
    names = {_yaml(f)["id"]: _yaml(f)["namn"] for f in (RULES / "malomraden").glob("*.yaml")}
    out: dict[str, dict[str, int]] = {}
    for f in sorted((PERIOD / "malomraden").glob("*.yaml")):
        data = _yaml(f)
        area = data["målområde"]
        uppdrag = Counter(colour_of[u["status"]] for u in data.get("uppdrag", []))
        kpis = Counter(k.status for k in evaluation.kpis if k.area_id == area)
        counts = {f"uppdrag_{c}": uppdrag[c] for c in COLOURS}
        counts |= {f"nyckeltal_{c}": kpis[c] for c in COLOURS}
        out[names[area]] = counts
    return out


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("namnd")
    code, _, err = run(
        "report", "--rules", str(RULES), "--format", "html,docx,md,xlsx", "--out", str(out), "-q"
    )
    assert code == 0, err
    return out


def _order() -> list[str]:
    files = [_yaml(f) for f in (RULES / "malomraden").glob("*.yaml")]
    return [d["namn"] for d in sorted(files, key=lambda d: d["ordning"])]


def _expected_rows(expected: dict[str, dict[str, int]]) -> list[list[int]]:
    keys = [f"uppdrag_{c}" for c in COLOURS] + [f"nyckeltal_{c}" for c in COLOURS]
    return [[expected[name][k] for k in keys] for name in _order()]


def _total(rows: list[list[int]]) -> list[int]:
    return [sum(col) for col in zip(*rows, strict=True)]


def _ints(cells: list[str]) -> list[int]:
    """A body row's count cells as numbers (a blank cell is zero, as the report shows it)."""
    return [int(c.strip("* ") or 0) for c in cells]


def test_the_example_validates_strictly() -> None:
    code, out, err = run("validate", "--strict", str(RULES))
    assert code == 0, out + err
    assert "0 fel, 0 varningar" in out + err


def test_financial_outcomes_in_a_plan_without_financial_goals_are_one_error(
    tmp_path: Path,
) -> None:
    """A finansiella_mal.yaml left in the period folder (copied from the region's) gets one
    error that says what is wrong, not one 'okänt finansiellt mål' per goal."""
    shutil.copytree(EXAMPLE, tmp_path / "plan")
    period = tmp_path / "plan" / "fixtures" / "2026-04"
    shutil.copy(ROOT / "fixtures" / "2025-08" / "finansiella_mal.yaml", period)
    code, out, err = run("validate", str(tmp_path / "plan" / "rules"))
    lines = [x for x in (out + err).splitlines() if ": fel: " in x]
    assert code == 1
    assert len(lines) == 1, lines
    assert "finansiella_mal.yaml:" in lines[0]
    assert "reglerna har inga finansiella mål" in lines[0] and "[okänt-mål]" in lines[0]


def test_the_example_counts_are_not_trivial(expected: dict[str, dict[str, int]]) -> None:
    """Every colour occurs among uppdrag and among nyckeltal, and one nyckeltal is ej bedömd
    (not counted): the comparisons below can tell the columns apart."""
    rows = _expected_rows(expected)
    assert all(n > 0 for n in _total(rows))
    assert len(set(map(tuple, rows))) == len(rows)


def test_evaluate_text_speaks_of_a_namnd(evaluation: Evaluation) -> None:
    code, out, err = run("evaluate", "--rules", str(RULES))
    assert code == 0, err
    counted = Counter(u.status for u in evaluation.uppdrag)
    assert f"Uppdrag: {counted['grön']} grön, {counted['gul']} gul, {counted['röd']} röd" in out
    assert "fullmäktige" not in out
    assert "God ekonomisk hushållning" not in out
    assert "Finansiella mål" not in out


def test_evaluate_json_has_no_geh_and_no_goals() -> None:
    code, out, err = run("evaluate", "--rules", str(RULES), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["god_ekonomisk_hushållning"] is None
    assert data["finansiella_mål"] == []


def test_markdown_summary_counts(reports: Path, expected: dict[str, dict[str, int]]) -> None:
    text = (reports / "bilaga1-2026-04.md").read_text(encoding="utf-8")
    assert text.startswith(f"# {TITLE}\n")
    assert "Bilaga 1" not in text
    assert "hushållning" not in text and "## Finansiella mål" not in text
    section = text.split("## Sammanställning per målområde", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("| ")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    # the group and each status in words, as the HTML's two header rows say them
    statuses = ["● Uppfyllt", "▲ Delvis uppfyllt", "■ Ej uppfyllt"]
    assert header[1:7] == [
        f"Uppdrag: {statuses[0]}",
        *statuses[1:],
        f"Kortsiktiga nyckeltal: {statuses[0]}",
        *statuses[1:],
    ]
    assert header[7:] == ["Sammanvägd status", "Kommentar"]
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in lines[1:]]
    body, total = rows[:-1], rows[-1]
    assert [_ints(r[1:7]) for r in body] == _expected_rows(expected)
    assert total[0] == "**Totalt**"
    assert _ints(total[1:7]) == _total(_expected_rows(expected))


def test_html_summary_counts(reports: Path, expected: dict[str, dict[str, int]]) -> None:
    from features.test_bilaga1 import Appendix  # the reader's view of the HTML, shared

    page = Appendix((reports / "bilaga1-2026-04.html").read_text(encoding="utf-8"))
    assert page.title == TITLE
    headings = [s.heading for s in page.sections]
    assert "Finansiella mål" not in headings
    assert not [h for h in headings if "hushållning" in h]
    table = page.section("Sammanställning per målområde").tables[0]
    assert table.head[0][1:3] == ["Uppdrag", "Kortsiktiga nyckeltal"]
    assert table.head[1] == ["Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt"] * 2
    assert [_ints(r[1:7]) for r in table.body] == _expected_rows(expected)
    assert _ints(table.foot[0][1:7]) == _total(_expected_rows(expected))
    comments = [r[8] for r in table.body]
    assert comments[0].startswith("Tillgängligheten i primärvården är god")
    assert "Den digitala tidsbokningen" not in comments[0]  # the first paragraph only


def test_xlsx_summary_counts(reports: Path, expected: dict[str, dict[str, int]]) -> None:
    wb = load_workbook(reports / "bilaga1-2026-04.xlsx")
    assert "Finansiella mål" not in wb.sheetnames
    ws = wb["Sammanställning"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0][1:7] == [
        f"{group}: {status}"
        for group in ("Uppdrag", "Nyckeltal")
        for status in ("Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt")
    ]
    assert [r[1:7] for r in rows[1:-1]] == _expected_rows(expected)
    assert rows[-1][0] == "Totalt"
    assert list(rows[-1][1:7]) == _total(_expected_rows(expected))


def test_docx_summary_counts(reports: Path, expected: dict[str, dict[str, int]]) -> None:
    doc = Document(str(reports / "bilaga1-2026-04.docx"))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == TITLE
    assert "Finansiella mål" not in headings
    assert not [h for h in headings if "hushållning" in h]
    table = doc.tables[0]
    cells = [[c.text.strip() for c in row.cells] for row in table.rows]
    assert cells[0][1] == "Uppdrag" and cells[0][4] == "Kortsiktiga nyckeltal"
    assert [_ints(r[1:7]) for r in cells[2:-1]] == _expected_rows(expected)
    assert _ints(cells[-1][1:7]) == _total(_expected_rows(expected))
    # The document properties describe a nämnd's report, not the region's GEH appendix.
    props = doc.core_properties
    assert props.title == TITLE
    assert props.category == "Rapport"
    assert "hushållning" not in props.keywords and "delårsrapport" not in props.keywords


def test_pdf_summary_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, expected: dict[str, dict[str, int]]
) -> None:
    chromium, pdftotext = find_chromium(), shutil.which("pdftotext")
    if not chromium or not pdftotext:
        pytest.skip("Chromium eller pdftotext saknas")
    monkeypatch.setenv("MALUPPFYLLELSE_CHROMIUM", chromium)
    code, _, err = run("report", "--rules", str(RULES), "--format", "pdf", "--out", str(tmp_path))
    assert code == 0, err
    pdf = tmp_path / "bilaga1-2026-04.pdf"
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert TITLE.split(" per ")[0] in " ".join(text.split())
    assert "Bilaga 1" not in text and "hushållning" not in text
    total = next(line for line in text.splitlines() if line.strip().startswith("Totalt"))
    assert [int(n) for n in re.findall(r"\d+", total)] == _total(_expected_rows(expected))
