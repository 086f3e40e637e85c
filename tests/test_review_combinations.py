"""Combinations of issue 9's and issue 13's features that were built separately: the
example nämnd plan (no finansiella_mal.yaml, no hushallning.yaml) with three period
folders, a target per period on a `nivå_och_trend` nyckeltal, a baseline year, and the
review appendix, the fill-in workbook and the report on top of them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import ROOT, CliRun, replace_in

AREA = "malomraden/tillganglig-vard.yaml"
PHONE_RULE = "    riktning: Minst\n    mål: 90\n"


def _period(project: Path, period: str, phone: int) -> None:
    """A copy of 2026-04 as `period`, with the phone nyckeltal's utfall `phone`."""
    folder = project / "fixtures" / period
    shutil.copytree(project / "fixtures/2026-04", folder)
    replace_in(folder / "period.yaml", 'period: "2026-04"', f'period: "{period}"')
    replace_in(folder / "period.yaml", "datum: 2026-04-30", f"datum: {period}-28")
    replace_in(folder / AREA, "utfall: 91", f"utfall: {phone}")


def _baseline_2026(project: Path) -> None:
    """The queue nyckeltal (mål 70) becomes a baseline measurement in 2026, the period's year."""
    replace_in(
        project / "rules" / AREA,
        "    riktning: Minst\n    mål: 70\n",
        "    riktning: Minst\n    baslinje: 2026\n",
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The example nämnd plan with 2025-04, 2025-12 and 2026-04, and the phone nyckeltal
    judged on level and trend against the previous period (both must hold)."""
    shutil.copytree(ROOT / "examples/hsn-plan", tmp_path, dirs_exist_ok=True)
    _period(tmp_path, "2025-04", 85)
    _period(tmp_path, "2025-12", 93)
    replace_in(
        tmp_path / "rules" / AREA,
        PHONE_RULE,
        PHONE_RULE
        + "    bedömning: {metod: nivå_och_trend, mot: föregående_period, regel: båda}\n",
    )
    return tmp_path


def test_the_review_appendix_judges_the_previous_period_with_its_own_history(
    cli: CliRun, project: Path
) -> None:
    # 2025-12: 93 ≥ 90 and better than 2025-04 (85) → grön, as its own report said.
    # 2026-04: 91 ≥ 90 but worse than 2025-12 (93) → gul. The change is grön → gul, not
    # 'Ej bedömd' (2025-12 evaluated without the period before it).
    code, _, err = cli("report", "--format", "granskning", "--out", "ut", cwd=project)
    assert code == 0, err
    html = (project / "ut/granskning-2026-04.html").read_text(encoding="utf-8")
    assert "status Uppfyllt → Delvis uppfyllt" in html
    assert "status Ej bedömd → Delvis uppfyllt" not in html


def test_the_review_appendix_states_the_level_and_trend_rule_and_the_baseline(
    cli: CliRun, project: Path
) -> None:
    """The auditor reads the rule behind the colour: both conditions of nivå_och_trend
    with the period they compare with, and that a baseline year is not judged."""
    _baseline_2026(project)
    code, _, err = cli("report", "--format", "granskning", "--out", "ut", cwd=project)
    assert code == 0, err
    html = (project / "ut/granskning-2026-04.html").read_text(encoding="utf-8")
    assert (
        "Nivå och trend (sammansatt mål): nivån är målet, trenden mot föregående period; "
        "grön när nivån nås och trenden är bättre, gul när ett av dem gäller, annars röd"
    ) in html
    assert "baslinjemätning 2026: det året ej bedömd, värdet blir basvärde för senare år" in html


def test_the_review_appendix_has_no_link_to_a_missing_geh_section(
    cli: CliRun, project: Path
) -> None:
    code, _, err = cli("report", "--format", "granskning", "--out", "ut", cwd=project)
    assert code == 0, err
    html = (project / "ut/granskning-2026-04.html").read_text(encoding="utf-8")
    assert 'id="geh"' not in html  # a nämnd's plan has no hushallning.yaml
    assert 'href="#geh"' not in html


def _targets_in_workbook(cli: CliRun, project: Path, period: str) -> dict[str, object]:
    code, _, err = cli("mall", "--period", period, "--out", "mallar", cwd=project)
    assert code == 0, err
    wb = load_workbook(project / f"mallar/utfall-{period}-HSN.xlsx")
    assert "Finansiella mål" not in wb.sheetnames  # the plan has no financial goals
    rows = list(wb["Nyckeltal"].iter_rows(min_row=2, values_only=True))
    return {str(r[0]): r[3] for r in rows}


def test_the_fill_in_workbook_shows_the_target_in_force_for_its_period(
    cli: CliRun, project: Path
) -> None:
    replace_in(
        project / "rules" / AREA,
        PHONE_RULE,
        PHONE_RULE + '    mål_över_tid:\n      - period: "2026-08"\n        mål: 92\n'
        "      - år: 2027\n        mål: 95\n",
    )
    assert _targets_in_workbook(cli, project, "2026-08")["tv-telefon-samma-dag"] == "Minst 92\xa0%"
    assert _targets_in_workbook(cli, project, "2027-04")["tv-telefon-samma-dag"] == "Minst 95\xa0%"
    assert _targets_in_workbook(cli, project, "2026-12")["tv-telefon-samma-dag"] == "Minst 90\xa0%"


def test_a_generated_reason_is_a_sentence_before_the_comment(cli: CliRun, project: Path) -> None:
    _baseline_2026(project)
    code, _, err = cli("report", "--format", "md", "--out", "ut", cwd=project)
    assert code == 0, err
    md = (project / "ut/bilaga1-2026-04.md").read_text(encoding="utf-8")
    assert "Baslinjemätning 2026; målet sätts utifrån värdet. Köerna är längst" in md


def test_the_guides_unknown_column_message_is_what_validate_prints(
    cli: CliRun, project: Path
) -> None:
    """docs/regelspråk.md's rapport.yaml example with a misspelt column gives the error the
    guide shows (list positions count from 1, as in every message)."""
    doc = (ROOT / "docs/regelspråk.md").read_text(encoding="utf-8")
    start = doc.index("```yaml", doc.index("<!-- exempel: rapport -->")) + len("```yaml\n")
    example = doc[start : doc.index("```", start)]
    bad = example.replace("[uppdrag_grön,", "[uppdrag_gron,", 1)
    (project / "rules/rapport.yaml").write_text(bad, encoding="utf-8")
    code, out, err = cli("validate", "rules", cwd=project)
    (line,) = [x for x in (out + err).splitlines() if "[okänd-kolumn]" in x]
    assert code != 0 and line in doc


def test_the_trend_shown_is_the_one_the_level_and_trend_colour_was_judged_on(
    cli: CliRun, project: Path
) -> None:
    """mot: föregående_år: 91 against 2025-04's 85 is better (and 91 ≥ 90: grön), so the
    report must not say 'sämre än 2025-12' (93) beside it."""
    replace_in(project / "rules" / AREA, "mot: föregående_period, regel: båda", "regel: båda")
    code, out, err = cli("evaluate", "--format", "json", cwd=project)
    assert code == 0, err
    (kpi,) = [k for k in json.loads(out)["nyckeltal"] if k["id"] == "tv-telefon-samma-dag"]
    assert kpi["underlag"]["trend"] == "bättre" and kpi["status"] == "grön"
    assert (kpi["trend"], kpi["trend_mot"]) == ("bättre", "2025-04")


def test_the_excel_uppdrag_sheet_names_the_nämnd_as_origin_in_the_namnd_layout(
    cli: CliRun, project: Path
) -> None:
    code, _, err = cli("report", "--format", "xlsx", "--out", "ut", cwd=project)
    assert code == 0, err
    ws = load_workbook(project / "ut/bilaga1-2026-04.xlsx")["Uppdrag"]
    rows = list(ws.iter_rows(values_only=True))
    origin = rows[0].index("Ursprung")
    assert {r[origin] for r in rows[1:]} == {"nämnd"}  # every example uppdrag is the nämnd's


def test_evaluate_text_shows_the_computed_colour_beside_a_declared_one(
    cli: CliRun, project: Path
) -> None:
    replace_in(
        project / "fixtures/2026-04" / AREA,
        "    utfall: 76\n",
        "    utfall: 76\n    bedömning: {status: grön, motivering: Nämnden bedömer att målet nås.}\n",
    )
    code, out, err = cli("evaluate", cwd=project)
    assert code == 0, err
    (line,) = [x for x in out.splitlines() if "inom 3 dagar" in x]
    assert "grön" in line and line.endswith("(beräknad: gul)")  # 76 of 80: 95 %


def test_the_target_column_says_what_a_comparison_compares_with(cli: CliRun, project: Path) -> None:
    """A jämförelse has no level: its Mål was '–' beside a colour; a nivå_och_trend with
    regel båda printed only the level, though the trend is part of the target."""
    replace_in(
        project / "rules" / AREA,
        "    riktning: Minst\n    mål: 65\n",
        "    riktning: Minst\n    bedömning: {metod: jämförelse, mot: föregående_period}\n",
    )
    code, _, err = cli("report", "--format", "md", "--out", "ut", cwd=project)
    assert code == 0, err
    md = (project / "ut/bilaga1-2026-04.md").read_text(encoding="utf-8")
    assert "| Minst 90\xa0% och bättre än föregående periods utfall |" in md
    assert "| Minst föregående periods utfall |" in md


def test_without_a_datum_the_report_does_not_say_per_twice(cli: CliRun, project: Path) -> None:
    replace_in(project / "fixtures/2026-04/period.yaml", "datum: 2026-04-30\n", "")
    code, _, err = cli("report", "--format", "md", "--out", "ut", cwd=project)
    assert code == 0, err
    md = (project / "ut/bilaga1-2026-04.md").read_text(encoding="utf-8")
    assert "uppgifter per april 2026" in md and "per per" not in md


@pytest.fixture
def region(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / "fixtures", tmp_path / "fixtures")
    return tmp_path


def test_the_geh_conclusion_says_bedömts_when_no_uppdrag_is_green(
    cli: CliRun, region: Path
) -> None:
    """One uppdrag declared röd: 'Av dessa har trettio som delvis uppfyllda …' lacked its
    verb (the first part only had it when some uppdrag were green)."""
    replace_in(
        region / "fixtures/2025-08/malomraden/tandvard.yaml",
        "HSN-avsnittet rad 6750–6751 samma\n",
        "HSN-avsnittet rad 6750–6751 samma\n"
        "    bedömning: {status: röd, motivering: Insatserna är försenade.}\n",
    )
    code, out, err = cli("evaluate", cwd=region)
    assert code == 0, err
    assert "Av dessa har trettio bedömts som delvis uppfyllda och ett som ej uppfyllt." in out
