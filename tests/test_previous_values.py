"""Earlier values reach every method (issue 9's bug): `föregående` in an expression,
`jämförelsevärde` for any method, a reason when a comparison has nothing to compare with,
and an expression's underlag holding the values it used."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, CliRun

KPI = "td-hsn-bokade-timmar-vuxna"
RULE_LINE = "    mål_text: 2 800 tim i snitt/mån (R12)\n"
OUTCOME = "  - id: td-hsn-bokade-timmar-vuxna\n    nämnd: HSN\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / "fixtures", tmp_path / "fixtures")
    return tmp_path


def _method(project: Path, method: str) -> None:
    path = project / "rules/malomraden/tandvard.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(RULE_LINE) == 1
    path.write_text(text.replace(RULE_LINE, RULE_LINE + f"    bedömning: {method}\n"), "utf-8")


def _previous(project: Path, value: float) -> None:
    path = project / "fixtures/2025-08/malomraden/tandvard.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(OUTCOME) == 1
    path.write_text(text.replace(OUTCOME, OUTCOME + f"    jämförelsevärde: {value}\n"), "utf-8")


def _kpi(cli: CliRun, project: Path) -> dict[str, object]:
    code, out, err = cli("evaluate", "--format", "json", cwd=project)
    assert code == 0, err
    data = json.loads(out)
    (kpi,) = [k for a in data["målområden"] for k in a.get("nyckeltal", []) if k["id"] == KPI] or [
        k for k in data.get("nyckeltal", []) if k["id"] == KPI
    ]
    return kpi


EXPRESSION = "{metod: uttryck, uttryck: \"'grön' if utfall > föregående else 'röd'\"}"


def test_an_expression_sees_the_earlier_value(cli: CliRun, project: Path) -> None:
    _method(project, EXPRESSION)
    _previous(project, 1800)
    kpi = _kpi(cli, project)
    assert kpi["status"] == "grön"
    assert kpi["underlag"] == {
        "utfall": 1920,
        "mål": 2800,
        "kvot": pytest.approx(68.571428571),
        "föregående": 1800,
        "gul_från": 90,
        "gul_till": 100,
        "resultat": "grön",
    }


def test_an_expression_sees_last_years_period(cli: CliRun, project: Path) -> None:
    _method(project, EXPRESSION)
    earlier = project / "fixtures/2024-08"
    shutil.copytree(project / "fixtures/2025-08", earlier)
    (earlier / "period.yaml").write_text(
        (earlier / "period.yaml").read_text(encoding="utf-8").replace("2025", "2024"), "utf-8"
    )
    area = earlier / "malomraden/tandvard.yaml"
    area.write_text(
        area.read_text(encoding="utf-8").replace("utfall: 1920", "utfall: 2000"), "utf-8"
    )
    kpi = _kpi(cli, project)
    assert (kpi["status"], kpi["underlag"]["föregående"]) == ("röd", 2000)


def test_a_comparison_without_an_earlier_value_says_why(cli: CliRun, project: Path) -> None:
    _method(project, "{metod: jämförelse, mot: föregående_år}")
    path = project / "rules/malomraden/tandvard.yaml"
    text = path.read_text(encoding="utf-8").replace("    mål: 2800\n" + RULE_LINE, RULE_LINE)
    path.write_text(text.replace(RULE_LINE, ""), "utf-8")
    kpi = _kpi(cli, project)
    assert kpi["status"] == "ej_bedömd"
    assert "utfall för föregående år saknas" in str(kpi["ej_bedömd_orsak"])
