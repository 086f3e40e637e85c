"""Targets over time (`mål_över_tid`), methods that demand only what they use, and
declared judgements (`bedömning:`) on nyckeltal and uppdrag."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engine.checks.outcomes import load_outcomes
from engine.checks.rules import load_rules
from engine.diagnostics import Report
from engine.evaluation.evaluate import Evaluation, MeasureResult, evaluate
from engine.inputs.loaded import RuleSet
from engine.output.contracts import resultat
from engine.output.review import build_review
from tests.conftest import CliRun, replace_in

MINIMAL = Path(__file__).resolve().parent / "data" / "minimal_rules"
TD = "malomraden/tandvard.yaml"
HOURS = "td-hsn-bokade-timmar-vuxna"  # real rules: mål 2800, utfall 1 920 in August 2025
HOURS_RULE = "    mål_text: 2 800 tim i snitt/mån (R12)\n"
DECISION = (
    "{dokument: Regionplan med budget 2025–2027, datum: 2024-11-20, "
    "organ: Regionfullmäktige, paragraf: § 123}"
)


def over_time(project: Path, entries: str, drop_target: bool = False) -> None:
    path = project / "rules" / TD
    replace_in(path, HOURS_RULE, HOURS_RULE + "    mål_över_tid:\n" + entries)
    if drop_target:
        replace_in(path, "    mål: 2800\n", "")


def run(project: Path) -> tuple[Report, Evaluation | None]:
    report = Report()
    rules = load_rules(project / "rules", report)
    if rules is None:
        return report, None
    outcomes = load_outcomes(project / "fixtures" / "2025-08", rules, report)
    assert outcomes is not None, [d.format() for d in report.sorted()]
    return report, evaluate(rules, outcomes)


def kpi(e: Evaluation, ident: str) -> MeasureResult:
    return next(k for k in e.kpis if k.id == ident)


# --- the target in force ----------------------------------------------------------------


def test_the_period_entry_wins_over_the_year_and_the_plain_target(project: Path) -> None:
    over_time(
        project,
        "      - {period: 2025-04, mål: 1000}\n"
        "      - {period: 2025-08, mål: 2000, mål_text: 2 000 tim, beslut: " + DECISION + "}\n"
        "      - {år: 2025, mål: 1900}\n",
    )
    _, e = run(project)
    assert e is not None
    k = kpi(e, HOURS)
    assert (k.target, k.target_applies, k.target_text) == (2000, "2025-08", "2 000 tim")
    assert k.status == "gul"  # 1 920 / 2 000 = 96 %
    assert k.decision is not None and k.decision.paragraph == "§ 123"
    row = next(
        r for r in resultat(e, "").model_dump(by_alias=True)["nyckeltal"] if r["id"] == HOURS
    )
    assert row["mål_gäller"] == "2025-08"
    assert row["mål_beslut"]["paragraf"] == "§ 123"


def test_a_period_entry_without_a_decision_takes_its_years(project: Path) -> None:
    """A plan decided per year names the decision once, on the year's entry; its tertial
    targets are decided by the same decision."""
    over_time(
        project,
        "      - {period: 2025-08, mål: 2000}\n"
        "      - {år: 2025, mål: 1900, beslut: " + DECISION + "}\n",
    )
    _, e = run(project)
    assert e is not None
    k = kpi(e, HOURS)
    assert (k.target, k.target_applies) == (2000, "2025-08")
    assert k.decision is not None and k.decision.paragraph == "§ 123"


def test_the_year_entry_applies_when_no_period_entry_does(project: Path) -> None:
    over_time(project, "      - {period: 2025-12, mål: 1000}\n      - {år: 2025, mål: 1900}\n")
    _, e = run(project)
    assert e is not None
    k = kpi(e, HOURS)
    assert (k.target, k.target_applies, k.status) == (1900, "2025", "grön")


def test_the_plain_target_applies_otherwise_and_json_says_null(project: Path) -> None:
    over_time(project, "      - {år: 2026, mål: 1900}\n")
    _, e = run(project)
    assert e is not None
    k = kpi(e, HOURS)
    assert (k.target, k.target_applies, k.status) == (2800, None, "röd")
    row = next(
        r for r in resultat(e, "").model_dump(by_alias=True)["nyckeltal"] if r["id"] == HOURS
    )
    assert row["mål_gäller"] is None


def test_no_target_in_force_is_not_judged_with_the_reason(project: Path) -> None:
    over_time(project, "      - {år: 2026, mål: 1900}\n", drop_target=True)
    report, e = run(project)
    assert e is not None, [d.format() for d in report.sorted()]
    assert not report.errors
    k = kpi(e, HOURS)
    assert k.status == "ej_bedömd"
    assert k.missing_reason == "inget mål för perioden 2025-08"


# --- checks on the entries -------------------------------------------------------------


@pytest.mark.parametrize(
    ("entries", "code", "said"),
    [
        ("      - {period: 2025-08, år: 2025, mål: 1}\n", "mål-över-tid", "både 'period' och 'år'"),
        ("      - {mål: 1}\n", "mål-över-tid", "varken 'period' eller 'år'"),
        ("      - {period: 2025-13, mål: 1}\n", "mål-period", "'2025-13' är inte en månad"),
        ("      - {år: 2025, mål: 1}\n      - {år: 2025, mål: 2}\n", "dubblett-mål", "2025"),
        ("      - {år: 2025, mål: 0}\n", "kvot-noll", "större än 0"),
    ],
)
def test_bad_entries_are_located_errors(project: Path, entries: str, code: str, said: str) -> None:
    over_time(project, entries)
    report, e = run(project)
    assert e is None
    errors = [d for d in report.sorted() if d.code == code]
    assert len(errors) == 1, [d.format() for d in report.sorted()]
    d = errors[0]
    assert said in d.message
    assert d.location.path.endswith(TD)
    assert d.field.startswith("nyckeltal[") and ".mål_över_tid[" in d.field


def test_each_entrys_printed_target_is_compared_with_its_target(project: Path) -> None:
    over_time(project, "      - {år: 2025, mål: 1900, mål_text: 2 000 tim}\n")
    report, _ = run(project)
    warned = [d for d in report.sorted() if d.code == "mål-text"]
    assert [d.message.replace("\xa0", " ") for d in warned] == [
        "mål_text '2 000 tim' säger talet 2 000 men mål är 1 900; rätta den ena"
    ]
    assert warned[0].field.endswith(".mål_över_tid[1].mål_text")


def _strict(cli: CliRun, tmp_path: Path, after_target: str) -> tuple[int, str]:
    """`validate --strict` of the minimal rules with `kräv_beslut: true` and `after_target`
    added under td-hsn-revisionsintervall's printed target."""
    rules = tmp_path / "rules"
    shutil.copytree(MINIMAL, rules)
    org = rules / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8") + "kräv_beslut: true\n", encoding="utf-8")
    replace_in(
        rules / TD, "    mål_text: Minst 88 %\n", "    mål_text: Minst 88 %\n" + after_target
    )
    code, out, _ = cli("validate", "--strict", "--bara-regler", str(rules), cwd=tmp_path)
    return code, out


def test_strict_requires_a_decision_for_each_entry(cli: CliRun, tmp_path: Path) -> None:
    code, out = _strict(
        cli,
        tmp_path,
        "    beslut: " + DECISION + "\n"
        "    mål_över_tid:\n      - {år: 2027, mål: 90, beslut: {dokument: Regionplan 2026}}\n",
    )
    assert code == 1
    assert "mål_över_tid[1].beslut: målet för 2027 för 'td-hsn-revisionsintervall': beslutet " \
        "saknar datum, organ, paragraf" in out  # fmt: skip


def test_strict_accepts_a_period_target_decided_by_its_years_decision(
    cli: CliRun, tmp_path: Path
) -> None:
    """The year's entry carries the decision; its period's entry needs none of its own,
    while a period of another year without a decision is still reported."""
    code, out = _strict(
        cli,
        tmp_path,
        "    mål_över_tid:\n"
        "      - {år: 2027, mål: 90, beslut: " + DECISION + "}\n"
        "      - {period: 2027-04, mål: 85}\n"
        "      - {period: 2028-04, mål: 85}\n",
    )
    said = [x for x in out.splitlines() if "[beslut-saknas]" in x and "revisionsintervall" in x]
    assert code == 1
    assert any("målet för 2028-04" in x for x in said), said
    assert not any("2027" in x for x in said), said


# --- methods demand only what they use --------------------------------------------------


def _rules_with(tmp_path: Path, old: str, new: str) -> Report:
    rules = tmp_path / "rules"
    shutil.copytree(MINIMAL, rules)
    replace_in(rules / TD, old, new)
    report = Report()
    load_rules(rules, report)
    return report


def test_jamforelse_accepts_a_target(tmp_path: Path) -> None:
    report = _rules_with(
        tmp_path,
        "    mål_text: Minst 88 %\n",
        "    mål_text: Minst 88 %\n    bedömning: {metod: jämförelse, mot: föregående_år}\n",
    )
    assert not report.errors, [d.format() for d in report.sorted()]


def test_jamforelse_still_needs_a_direction(tmp_path: Path) -> None:
    report = _rules_with(
        tmp_path,
        "    riktning: Minst\n    mål: 88\n",
        "    bedömning: {metod: jämförelse, mot: föregående_år}\n",
    )
    assert [d.message for d in report.errors] == [
        "nyckeln 'riktning' saknas; metoden 'jämförelse' behöver den "
        "(Minst, Högre än, >, Max, Lägre än, Kortare än eller <)"
    ]


@pytest.mark.parametrize(
    "method",
    [
        "{metod: band, band: [{status: röd, till: 50}, {status: grön}]}",
        "{metod: uttryck, uttryck: \"'grön' if utfall > 50 else 'röd'\"}",
    ],
)
def test_band_on_utfall_and_uttryck_need_neither(tmp_path: Path, method: str) -> None:
    report = _rules_with(
        tmp_path, "    riktning: Minst\n    mål: 88\n", f"    bedömning: {method}\n"
    )
    assert not report.errors, [d.format() for d in report.sorted()]


def test_band_on_the_ratio_needs_both(tmp_path: Path) -> None:
    report = _rules_with(
        tmp_path,
        "    riktning: Minst\n    mål: 88\n",
        "    bedömning: {metod: band, grund: kvot, band: [{status: grön}]}\n",
    )
    assert {d.message.split(";")[0] for d in report.errors} == {
        "nyckeln 'riktning' saknas",
        "nyckeln 'mål' saknas",
    }


def test_band_and_uttryck_are_judged_without_a_direction(project: Path) -> None:
    path = project / "rules" / TD
    replace_in(
        path,
        '    riktning: Minst   # mål tryckt utan ord: "2 800 tim i snitt/mån (R12)"\n'
        "    mål: 2800\n",
        "    bedömning: {metod: band, band: [{status: röd, till: 1900}, {status: gul}]}\n",
    )
    report, e = run(project)
    assert e is not None, [d.format() for d in report.sorted()]
    k = kpi(e, HOURS)
    assert (k.status, k.ratio, k.direction) == ("gul", None, None)


# --- declared judgements ----------------------------------------------------------------

ORGANIC = "lp-rs-ekologiska-livsmedel"


def test_ekologiska_livsmedel_is_declared_yellow_and_computed_red(
    august_2025: Evaluation,
) -> None:
    k = kpi(august_2025, ORGANIC)
    assert (k.status, k.computed_status, k.declared_status) == ("gul", "röd", "gul")
    assert k.declared_motivation == (
        "Målet för andelen ekologiska livsmedel i inköpen är endast delvis uppfyllt."
    )
    row = next(
        r for r in resultat(august_2025, "").model_dump(by_alias=True)["nyckeltal"]
        if r["id"] == ORGANIC
    )  # fmt: skip
    assert (row["status"], row["beräknad_status"], row["beslutad_status"]) == ("gul", "röd", "gul")
    assert row["beslutad_motivering"].startswith("Målet för andelen ekologiska")
    assert row["måluppfyllelse"] == 88.1


def test_the_declared_status_is_counted_in_the_malomrade(august_2025: Evaluation) -> None:
    area = next(a for a in august_2025.areas if a.id == "ledningsprocesser")
    counted = [k.status for k in august_2025.kpis if k.area_id == area.id and not k.financial_goal]
    assert "gul" in counted and area.parts["gul"] >= counted.count("gul")


def test_a_declared_status_needs_a_motivering(project: Path) -> None:
    path = project / "fixtures" / "2025-08" / "malomraden" / "ledningsprocesser.yaml"
    replace_in(
        path,
        "      motivering: Målet för andelen ekologiska livsmedel i inköpen är endast delvis "
        "uppfyllt.\n",
        "",
    )
    report = Report()
    rules = load_rules(project / "rules", report)
    assert rules is not None
    assert load_outcomes(project / "fixtures" / "2025-08", rules, report) is None
    missing = [d for d in report.errors if "motivering" in d.message or "motivering" in d.field]
    assert missing and missing[0].location.path.endswith("ledningsprocesser.yaml")


def test_a_declared_uppdrag_report_changes_the_uppdrag(project: Path) -> None:
    path = project / "fixtures" / "2025-08" / "malomraden" / "tandvard.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "  - id: td-u01\n    nämnd: HSN\n"
    assert text.count(marker) == 1
    path.write_text(
        text.replace(
            marker,
            marker + "    bedömning: {status: röd, motivering: Insatserna är försenade.}\n",
        ),
        encoding="utf-8",
    )
    _, e = run(project)
    assert e is not None
    u = next(u for u in e.uppdrag if u.id == "td-u01")
    hsn = next(r for r in u.reports if r.namnd == "HSN")
    assert (hsn.status, hsn.computed_status, hsn.declared_status) == ("röd", "gul", "röd")
    assert u.status == "röd"
    data = resultat(e, "").model_dump(by_alias=True)
    rep = next(
        r
        for x in data["uppdrag"]
        if x["id"] == "td-u01"
        for r in x["nämnder"]
        if r["nämnd"] == "HSN"
    )
    assert (rep["beräknad_status"], rep["beslutad_status"]) == ("gul", "röd")
    assert rep["motivering"] == "Insatserna är försenade."


def test_the_report_row_shows_the_motivering(cli: CliRun, project: Path) -> None:
    out = project / "ut"
    code, _, err = cli(
        "report", "--rules", "rules", "--outcomes", "fixtures/2025-08", "--format", "md",
        "--out", str(out), cwd=project,
    )  # fmt: skip
    assert code == 0, err
    md = next(out.glob("*.md")).read_text(encoding="utf-8")
    row = next(line for line in md.splitlines() if "Andelen ekologiska livsmedel" in line)
    assert "Bedömd som delvis uppfyllt: Målet för andelen ekologiska livsmedel i inköpen är " \
        "endast delvis uppfyllt." in row  # fmt: skip
    assert "Delvis uppfyllt |" in row
    assert "beräknad" not in row


def test_the_json_of_evaluate_names_the_computed_status(cli: CliRun, project: Path) -> None:
    code, out, err = cli(
        "evaluate", "--rules", "rules", "--outcomes", "fixtures/2025-08", "--format", "json",
        cwd=project,
    )  # fmt: skip
    assert code == 0, err
    rows = {r["id"]: r for r in json.loads(out)["nyckeltal"]}
    assert rows[ORGANIC]["beräknad_status"] == "röd"
    assert rows[HOURS]["beslutad_status"] is None
    assert rows[HOURS]["beräknad_status"] == rows[HOURS]["status"]


# --- diff -------------------------------------------------------------------------------

REV = "nyckeltal 'Andel barn och unga som undersöks inom sitt revisionsintervall' (td-hsn-revisionsintervall)"


def test_diff_names_the_period_whose_target_changed(cli: CliRun, tmp_path: Path) -> None:
    old, new = tmp_path / "gammal", tmp_path / "ny"
    shutil.copytree(MINIMAL, old)
    after = "    mål_text: Minst 88 %\n    mål_över_tid:\n"
    replace_in(
        old / TD, "    mål_text: Minst 88 %\n", after + "      - {period: 2026-08, mål: 80}\n"
        "      - {år: 2026, mål: 88}\n",
    )  # fmt: skip
    shutil.copytree(old, new)
    replace_in(
        new / TD,
        "{period: 2026-08, mål: 80}",
        "{period: 2026-08, mål: 82, beslut: " + DECISION + "}",
    )
    replace_in(new / TD, "      - {år: 2026, mål: 88}\n", "      - {år: 2027, mål: 90}\n")
    code, out, err = cli("diff", "gammal", "ny", cwd=tmp_path)
    assert (code, err) == (0, "")
    lines = [line[4:] for line in out.splitlines() if line.startswith("  - ")]
    assert lines == [
        f"{REV}: mål för 2026 borttaget (var 88 %)",
        f"{REV}: mål för 2026-08 ändrat från 80 % till 82 %",
        f"{REV}: det nya målet för 2026-08 är beslutat i Regionplan med budget 2025–2027, "
        "Regionfullmäktige 2024-11-20 § 123",
        f"{REV}: beslut för målet för 2026-08 ändrat från '–' till 'Regionplan med budget "
        "2025–2027, Regionfullmäktige 2024-11-20 § 123'",
        f"{REV}: mål för 2027 tillagt: 90 %",
    ]
    code, out, _ = cli("diff", "gammal", "ny", "--format", "json", cwd=tmp_path)
    kinds = {c["fält"]: c["ändring"] for c in json.loads(out)["ändringar"]}
    assert kinds["mål_över_tid.2026-08.mål"] == "ändrad"
    assert kinds["mål_över_tid.2027"] == "tillagd"
    assert kinds["mål_över_tid.2026"] == "borttagen"


def test_a_copy_of_a_financial_goal_takes_its_targets_over_time_from_the_goal(
    project: Path,
) -> None:
    replace_in(
        project / "rules" / "malomraden" / "ledningsprocesser.yaml",
        "    finansiellt_mål: soliditet ",
        "    mål_över_tid: [{år: 2025, mål: -30}]\n    finansiellt_mål: soliditet ",
    )
    report, e = run(project)
    assert e is None
    assert [d.code for d in report.errors] == ["finansiellt-mål"]
    assert "'mål_över_tid' hämtas från det finansiella målet" in report.errors[0].message


def test_a_financial_goal_can_have_targets_over_time(project: Path) -> None:
    path = project / "rules" / "finansiella_mal.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("  - id: soliditet\n") == 1
    path.write_text(
        text.replace(
            "  - id: soliditet\n", "  - id: soliditet\n    mål_över_tid: [{år: 2025, mål: -30}]\n"
        ),
        encoding="utf-8",
    )
    _, e = run(project)
    assert e is not None
    goal = next(g for g in e.goals if g.id == "soliditet")
    copy = kpi(e, "lp-rs-soliditet-rjh")
    assert (goal.target, goal.target_applies) == (-30, "2025")
    assert (copy.target, copy.target_applies) == (-30, "2025")


def test_the_review_appendix_shows_declared_beside_computed(
    real_rules: RuleSet, august_2025: Evaluation, tmp_path: Path
) -> None:
    review = build_review(real_rules, august_2025, tmp_path)
    line = next(k for a in review.areas for k in a.kpis if k.id == ORGANIC)
    assert line.status.key == "gul"
    assert line.declared == (
        "Bedömd som delvis uppfyllt: Målet för andelen ekologiska livsmedel i inköpen är "
        "endast delvis uppfyllt (beräknad: ej uppfyllt)."
    )
    assert "kvoten är under 90 %" in line.account
    others = [k for a in review.areas for k in a.kpis if k.id != ORGANIC]
    assert all(k.declared == "" for k in others)
