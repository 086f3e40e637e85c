"""History (issue 9): the trend rule, the composite method `nivå_och_trend`, the baseline
year (`baslinje`) and the earlier values every method and the JSON see."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
from openpyxl import load_workbook

from engine.evaluation.methods import Inputs, judge_level_and_trend
from engine.evaluation.trend import compare, trend
from engine.inputs.files import baseline_period
from engine.inputs.loaded import Earlier
from engine.models import Band, NivaOchTrend
from tests.conftest import ROOT, CliRun, replace_in

# --- the trend rule ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "earlier", "higher", "word"),
    [
        (53.0, 52.0, True, "bättre"),
        (51.0, 52.0, True, "sämre"),
        (51.0, 52.0, False, "bättre"),
        (53.0, 52.0, False, "sämre"),
        (52.04, 52.0, True, "oförändrad"),  # equal at one decimal, as the report shows it
        (52.04, 52.0, False, "oförändrad"),
        (52.06, 52.0, True, "bättre"),  # 52,1 against 52,0
        (52.06, 52.0, False, "sämre"),
        (-2.4, -2.44, False, "oförändrad"),
    ],
)
def test_the_trend_follows_the_direction_at_one_decimal(
    value: float, earlier: float, higher: bool, word: str
) -> None:
    assert compare(value, earlier, higher) == word


def test_the_trend_is_against_the_previous_period_else_last_year() -> None:
    before, last_year = Earlier("2025-04", 50.0), Earlier("2024-08", 60.0)
    assert trend(55.0, True, before, last_year) == trend(55.0, True, before, None)
    assert trend(55.0, True, before, last_year).against == before  # type: ignore[union-attr]
    only_last_year = trend(55.0, True, None, last_year)
    assert only_last_year is not None
    assert (only_last_year.word, only_last_year.against.period) == ("sämre", "2024-08")


def test_no_trend_without_an_earlier_value_a_value_or_a_direction() -> None:
    before = Earlier("2025-04", 50.0)
    assert trend(55.0, True, None, None) is None
    assert trend(None, True, before, None) is None
    assert trend(55.0, None, before, None) is None


# --- nivå_och_trend: the truth table ----------------------------------------------------


def _judge(rule: str, value: float, previous: float | None, direction: str = "Minst") -> Any:
    config = NivaOchTrend.model_validate({"metod": "nivå_och_trend", "regel": rule})
    inputs = Inputs(
        value=value,
        target=75.0 if direction == "Minst" else 10.0,
        direction=direction,  # type: ignore[arg-type]
        band=Band.model_validate({"från": 90}),
        previous=previous,
    )
    return judge_level_and_trend(config, inputs)


@pytest.mark.parametrize(
    ("rule", "value", "previous", "status"),
    [
        # level met / trend better
        ("båda", 80, 70, "grön"),  # yes / yes
        ("båda", 80, 85, "gul"),  # yes / no
        ("båda", 70, 60, "gul"),  # no / yes
        ("båda", 70, 72, "röd"),  # no / no
        ("båda", 70, 70, "röd"),  # no / unchanged (not an improvement)
        ("nivå_räcker", 80, 70, "grön"),
        ("nivå_räcker", 80, 85, "grön"),
        ("nivå_räcker", 70, 60, "gul"),
        ("nivå_räcker", 70, 72, "röd"),
        ("nivå_räcker", 70, 70.04, "röd"),  # unchanged at one decimal
    ],
)
def test_level_and_trend_truth_table(rule: str, value: float, previous: float, status: str) -> None:
    j = _judge(rule, value, previous)
    assert j.status == status, j.account
    assert j.details["nivå"] == ("uppfyllt" if value >= 75 else "ej uppfyllt")
    assert j.details["föregående"] == previous
    assert "nivå krav utfall ≥ 75" in j.account and "trend mot föregående år" in j.account


@pytest.mark.parametrize(
    ("rule", "value", "previous", "status"),
    [("båda", 8, 9, "grön"), ("båda", 12, 11, "röd"), ("nivå_räcker", 12, 14, "gul")],
)
def test_level_and_trend_when_lower_is_better(
    rule: str, value: float, previous: float, status: str
) -> None:
    assert _judge(rule, value, previous, "Max").status == status


def test_without_an_earlier_value_the_level_alone_or_not_judged() -> None:
    met, missed = _judge("nivå_räcker", 80, None), _judge("nivå_räcker", 70, None)
    assert (met.status, missed.status) == ("grön", "röd")
    assert "bedömt på nivån ensam" in met.account
    both = _judge("båda", 80, None)
    assert both.status == "ej_bedömd"
    assert both.reason is not None and both.reason.startswith("utfall för föregående år saknas")


# --- the baseline folder ----------------------------------------------------------------


def test_the_baseline_folder_is_the_same_month_else_the_last_of_that_year(tmp_path: Path) -> None:
    for name in ("2024-04", "2024-08", "2024-12", "2025-08"):
        (tmp_path / name).mkdir()
    current = tmp_path / "2025-08"
    assert baseline_period(current, 2024) == tmp_path / "2024-08"
    (tmp_path / "2024-08").rmdir()
    assert baseline_period(current, 2024) == tmp_path / "2024-12"
    assert baseline_period(current, 2023) is None
    assert baseline_period(current, 2025) is None  # the baseline year itself


# --- on the real project ----------------------------------------------------------------

KPI = "td-hsn-bokade-timmar-vuxna"
RULE = "    mål: 2800\n    mål_text: 2 800 tim i snitt/mån (R12)\n"
RULES = "rules/malomraden/tandvard.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / "fixtures", tmp_path / "fixtures")
    return tmp_path


def _earlier(project: Path, period: str, value: int) -> None:
    """A copy of 2025-08 as `period`, with the nyckeltal's utfall `value`."""
    folder = project / "fixtures" / period
    shutil.copytree(project / "fixtures/2025-08", folder)
    replace_in(folder / "period.yaml", 'period: "2025-08"', f'period: "{period}"')
    replace_in(folder / "period.yaml", "datum: 2025-08-31", f"datum: {period}-28")
    replace_in(folder / "malomraden/tandvard.yaml", "utfall: 1920", f"utfall: {value}")


def _kpi(cli: CliRun, project: Path) -> dict[str, Any]:
    code, out, err = cli("evaluate", "--format", "json", cwd=project)
    assert code == 0, err
    (kpi,) = [k for k in json.loads(out)["nyckeltal"] if k["id"] == KPI]
    return kpi


def _rule(project: Path, lines: str) -> None:
    replace_in(project / RULES, RULE, lines)


def test_the_json_carries_both_earlier_values_and_the_trend(cli: CliRun, project: Path) -> None:
    _earlier(project, "2025-04", 2000)
    _earlier(project, "2024-08", 1500)
    kpi = _kpi(cli, project)
    assert kpi["föregående_period"] == {"period": "2025-04", "utfall": 2000}
    assert kpi["föregående_år"] == {"period": "2024-08", "utfall": 1500}
    assert (kpi["trend"], kpi["trend_mot"]) == ("sämre", "2025-04")
    assert kpi["status"] == "röd"  # the method (kvot) is unchanged by the history


def test_no_trend_against_a_period_with_another_target(cli: CliRun, project: Path) -> None:
    """A target per period (1 000 in April, 2 800 in August) counts something per period:
    April's value is not comparable, so the trend is against the same period last year."""
    _earlier(project, "2025-04", 2000)
    _earlier(project, "2024-08", 1500)
    over_time = "    mål_över_tid:\n      - {period: 2025-04, mål: 1000}\n"
    _rule(project, RULE + over_time)
    kpi = _kpi(cli, project)
    assert kpi["föregående_period"] == {"period": "2025-04", "utfall": 2000}  # still shown
    assert (kpi["trend"], kpi["trend_mot"]) == ("bättre", "2024-08")
    # Without last year's value there is no trend at all rather than a misleading one.
    shutil.rmtree(project / "fixtures" / "2024-08")
    kpi = _kpi(cli, project)
    assert (kpi["trend"], kpi["trend_mot"]) == (None, None)


def test_the_trend_names_the_period_in_words_in_the_report(cli: CliRun, project: Path) -> None:
    _earlier(project, "2025-04", 2000)
    code, _, err = cli("report", "--format", "markdown", "--out", "ut", cwd=project)
    assert code == 0, err
    md = (project / "ut" / "bilaga1-2025-08.md").read_text(encoding="utf-8")
    seen = md.replace("\u00a0", " ")  # as a reader sees it
    assert "↓ sämre än april 2025 (2 000 tim" in seen, seen[:3000]
    assert "2025-04" not in seen


def test_a_financial_goal_shows_its_trend_in_every_format(cli: CliRun, project: Path) -> None:
    """Soliditet −31,0 % in August against −33,0 % in April (Minst: higher is better)."""
    _earlier(project, "2025-04", 2000)
    replace_in(project / "fixtures/2025-04/finansiella_mal.yaml", "utfall: -31.0", "utfall: -33.0")
    code, _, err = cli("report", "--format", "html,md,docx,xlsx", "--out", "ut", cwd=project)
    assert code == 0, err
    want = "↑ bättre än april 2025 (−33 %)"
    out = project / "ut"

    def seen(text: str) -> str:
        return text.replace("\u00a0", " ").replace("\u2011", "-")

    html = seen((out / "bilaga1-2025-08.html").read_text(encoding="utf-8"))
    goals = html[html.index('<table class="goals">') :]
    assert want in goals[: goals.index("</table>")]
    md = seen((out / "bilaga1-2025-08.md").read_text(encoding="utf-8"))
    assert any(line.startswith("| Soliditet") and want in line for line in md.splitlines())
    doc = docx.Document(str(out / "bilaga1-2025-08.docx"))
    rows = [" ".join(c.text for c in r.cells) for t in doc.tables for r in t.rows]
    assert any(r.startswith("Soliditet") and want in seen(r) for r in rows), rows[:12]
    sheet = load_workbook(out / "bilaga1-2025-08.xlsx", read_only=True)["Finansiella mål"]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0][-1] == "Trend"
    assert any(str(r[0]).startswith("Soliditet") and seen(str(r[-1])) == want for r in values)
    # The auditors' appendix shows it beside the value too.
    code, _, err = cli("report", "--format", "granskning", "--out", "ut", cwd=project)
    assert code == 0, err
    review = seen((out / "granskning-2025-08.html").read_text(encoding="utf-8"))
    assert f"Trend:</span>{want}" in review[review.index('id="finansiellt_mål-soliditet"') :]


def test_an_expression_sees_every_earlier_value(cli: CliRun, project: Path) -> None:
    _earlier(project, "2025-04", 2000)
    _earlier(project, "2024-08", 1500)
    expression = "'grön' if föregående_år < utfall < föregående_period else 'röd'"
    _rule(project, RULE + f'    bedömning: {{metod: uttryck, uttryck: "{expression}"}}\n')
    kpi = _kpi(cli, project)
    assert kpi["status"] == "grön"
    assert kpi["underlag"]["föregående_period"] == 2000
    assert kpi["underlag"]["föregående_år"] == 1500
    assert kpi["underlag"]["föregående"] == 1500  # uttryck's föregående: last year first


def test_an_outcomes_comparison_value_feeds_level_and_trend(cli: CliRun, project: Path) -> None:
    _rule(project, RULE + "    bedömning: {metod: nivå_och_trend, regel: båda}\n")
    replace_in(
        project / "fixtures/2025-08/malomraden/tandvard.yaml",
        "    utfall: 1920 ",
        "    jämförelsevärde: 1800\n    utfall: 1920 ",
    )
    kpi = _kpi(cli, project)
    assert (kpi["status"], kpi["underlag"]["föregående"]) == ("gul", 1800)
    assert kpi["underlag"]["trend"] == "bättre" and kpi["underlag"]["nivå"] == "ej uppfyllt"


def test_a_baseline_year_is_not_judged_but_shows_its_value(cli: CliRun, project: Path) -> None:
    _rule(project, "    baslinje: 2025\n")
    code, _, err = cli("validate", cwd=project)
    assert code == 0, err  # no mål is needed with a baseline
    kpi = _kpi(cli, project)
    assert (kpi["status"], kpi["utfall"], kpi["metod"]) == ("ej_bedömd", 1920, "baslinje")
    assert kpi["ej_bedömd_orsak"] == "baslinjemätning 2025; målet sätts utifrån värdet"


def test_the_baseline_value_is_the_base_the_years_after(cli: CliRun, project: Path) -> None:
    _earlier(project, "2024-08", 1600)
    _rule(
        project,
        "    mål: 15\n    baslinje: 2024\n    bedömning: {metod: förändring, basår: 2024}\n",
    )
    kpi = _kpi(cli, project)
    assert kpi["status"] == "grön"  # (1920 − 1600) ÷ 1600 = +20 % ≥ 15 %
    assert kpi["underlag"]["förändring"] == pytest.approx(20.0)
    expression = "'grön' if utfall > basvärde else 'röd'"
    replace_in(
        project / RULES,
        "    bedömning: {metod: förändring, basår: 2024}\n",
        f'    bedömning: {{metod: uttryck, uttryck: "{expression}"}}\n',
    )
    kpi = _kpi(cli, project)
    assert (kpi["status"], kpi["underlag"]["basvärde"]) == ("grön", 1600)


def test_a_later_year_without_a_target_says_so(cli: CliRun, project: Path) -> None:
    _rule(project, "    baslinje: 2024\n")
    kpi = _kpi(cli, project)
    assert kpi["status"] == "ej_bedömd"
    # Said to the reader of the published report, not as an instruction to its author.
    assert kpi["ej_bedömd_orsak"] == "mål saknas (baslinjemätning 2024; målet är ännu inte satt)"
