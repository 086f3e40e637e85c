"""Untrusted input and unsafe output: formula injection, template limits, user templates,
output paths, JSON without NaN/Infinity, and Unicode normalisation of keys.

Every test works on copies in tmp_path: the real rules and fixtures/2025-08 (`project`),
or tests/data/minimal_rules.
"""

from __future__ import annotations

import json
import shutil
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import replace_in

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "data" / "minimal_rules"
CliRun = Callable[..., tuple[int, str, str]]  # the `cli` fixture in conftest.py
STEM = "bilaga1-2025-08"
PERIOD = "fixtures/2025-08"


def _no_constants(name: str) -> float:
    raise AssertionError(f"JSON innehåller {name}")


# --- XLSX: text is never a formula -----------------------------------------------------

HYPERLINK = '=HYPERLINK("http://evil.example/","klicka")'


def test_xlsx_text_that_looks_like_a_formula_stays_text(cli: CliRun, project: Path) -> None:
    replace_in(
        project / PERIOD / "malomraden" / "kultur.yaml",
        "    kommentar: >-\n"
        "      I uppdraget att utveckla arbetet med kultur och hälsa, bidrar avdelningen genom att följa de\n"
        "      initiativ som pågår i olika regioner kopplat till Kultur på recept.\n",
        f"    kommentar: '{HYPERLINK}'\n",
    )
    replace_in(project / "rules" / "malomraden" / "kultur.yaml", "namn: Kultur\n", 'namn: "=1+1"\n')
    code, out, err = cli("report", "--format", "xlsx", "--out", "ut", "-q", cwd=project)
    assert code == 0, err
    wb = openpyxl.load_workbook(project / "ut" / f"{STEM}.xlsx")
    title = "=1+1 - Tillgängligt kulturutbud i hela Jämtland Härjedalen"

    found = {"hyperlink": 0, "title": 0}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value == HYPERLINK:
                    found["hyperlink"] += 1
                    assert cell.data_type == "s", (ws.title, cell.coordinate)
                elif cell.value == title:
                    found["title"] += 1
                    assert cell.data_type == "s", (ws.title, cell.coordinate)
                else:
                    assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    assert (
        found["hyperlink"] == 2
    )  # ku-u01 (RS): the Uppdrag sheet and the "Kultur – uppdrag" sheet
    assert found["title"] >= 2  # the Uppdrag and Nyckeltal sheets' Målområde column
    uppdrag = wb["Uppdrag"]
    comments = [r[7] for r in uppdrag.iter_rows(min_row=2, values_only=True)]
    assert HYPERLINK in comments


# --- templates in the rules are untrusted: limits --------------------------------------


def _minimal_with_rubrik(tmp_path: Path, rubrik: str) -> None:
    shutil.copytree(MINIMAL, tmp_path / "rules")
    replace_in(
        tmp_path / "rules" / "hushallning.yaml",
        "  rubrik: Sammanställning måluppfyllelse {{ period }}\n",
        "  rubrik: " + json.dumps(rubrik, ensure_ascii=False) + "\n",
    )


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{ ('x' * 200000000)|length }}", "resultatet blir längre än 100000 tecken"),
        # jinja's ** is left-associative: 9**9**7 is (9**9)**7, a harmless 61-digit number,
        # so the exponent bomb must be written with parentheses.
        ("{{ 9**(9**7) }}", "exponenten 4782969 är för stor (högst 1000)"),
        ("{{ 2**1000**4**4 }}", "talet blir för stort"),
        ("{{ 'x' * 90000 + 'y' * 90000 }}", "resultatet blir längre än 100000 tecken"),
        ("{{ 1/0 }}", "division med noll"),
    ],
    ids=["lång-text", "stor-exponent", "stort-tal", "lång-summa", "division-med-noll"],
)
def test_template_limits_are_pointed_errors(
    cli: CliRun, tmp_path: Path, template: str, message: str
) -> None:
    _minimal_with_rubrik(tmp_path, template)
    start = time.monotonic()
    code, out, err = cli("validate", "rules", cwd=tmp_path)
    assert time.monotonic() - start < 10
    assert err == ""
    assert out.splitlines() == [
        f"rules/hushallning.yaml:13:11: fel: texter.rubrik: mallen kunde inte fyllas i: {message} [mall]",
        "1 fel, 0 varningar i 6 filer",
    ]
    assert code == 1


def test_template_output_limit(cli: CliRun, tmp_path: Path) -> None:
    _minimal_with_rubrik(tmp_path, "{% for i in range(1000) %}{{ 'x' * 1000 }}{% endfor %}")
    code, out, err = cli("validate", "rules", cwd=tmp_path)
    assert out.splitlines() == [
        "rules/hushallning.yaml:13:11: fel: texter.rubrik: mallen ger mer än 200000 tecken [mall]",
        "1 fel, 0 varningar i 6 filer",
    ]
    assert code == 1


def test_geh_rule_that_is_not_true_or_false(cli: CliRun, project: Path) -> None:
    replace_in(
        project / "rules" / "hushallning.yaml",
        "  uppnådd: >-\n"
        "    finansiella_röd == 0 and målområden_röd == 0\n"
        "    and finansiella_ej_bedömd == 0 and målområden_ej_bedömd == 0\n",
        "  uppnådd: \"'ja'\"\n",
    )
    # Caught when the rules are validated, at the rule's own line and column.
    line = "rules/hushallning.yaml:16:12: fel: regel.uppnådd: regeln ska ge sant eller falskt, men gav 'ja' [uttryck]"
    code, out, err = cli("validate", "rules", cwd=project)
    assert code == 1
    assert line in out.splitlines()
    code, out, err = cli("evaluate", cwd=project)
    assert code == 1
    assert out == ""
    assert line in err.splitlines()
    assert "Traceback" not in err


# --- user templates (report --templates) ------------------------------------------------


def _user_template(project: Path, text: str) -> Path:
    folder = project / "mallar"
    folder.mkdir()
    (folder / "bilaga1.md.j2").write_text(text, encoding="utf-8")
    return folder


def test_user_template_runtime_error(cli: CliRun, project: Path) -> None:
    _user_template(project, "# Bilaga\n\n{{ 1/0 }}\n")
    code, out, err = cli(
        "report", "--templates", "mallar", "--format", "md", "--out", "ut", "-q", cwd=project
    )
    assert code == 1
    assert (
        "mallar/bilaga1.md.j2:3:1: fel: mallen kunde inte användas: division med noll [mallfel]"
        in err.splitlines()
    )
    assert "Traceback" not in err
    assert not (project / "ut").exists() or not any((project / "ut").iterdir())


def test_user_template_syntax_error_names_its_line(cli: CliRun, project: Path) -> None:
    _user_template(project, "# Bilaga\n\n{% if %}\n{% endif %}\n")
    code, out, err = cli(
        "report", "--templates", "mallar", "--format", "md", "--out", "ut", "-q", cwd=project
    )
    assert code == 1
    assert "mallar/bilaga1.md.j2:3:" in err
    assert "Traceback" not in err
    assert not (project / "ut").exists() or not any((project / "ut").iterdir())


# --- output paths -------------------------------------------------------------------------


def test_report_out_is_a_file(cli: CliRun, project: Path) -> None:
    (project / "ut").write_text("inte en mapp\n", encoding="utf-8")
    code, out, err = cli("report", "--format", "md", "--out", "ut", "-q", cwd=project)
    assert code == 2
    assert "är en fil, inte en mapp" in err
    assert (project / "ut").read_text(encoding="utf-8") == "inte en mapp\n"


def test_a_folder_in_the_way_writes_nothing(cli: CliRun, project: Path) -> None:
    out_dir = project / "ut"
    (out_dir / f"{STEM}.xlsx").mkdir(parents=True)
    html = out_dir / f"{STEM}.html"
    html.write_text("<p>förra versionen</p>\n", encoding="utf-8")
    before = html.stat().st_mtime_ns
    code, out, err = cli(
        "report", "--format", "html,md,docx,xlsx", "--out", "ut", "-q", cwd=project
    )
    assert code == 2
    assert "finns redan och är ingen vanlig fil" in err
    assert html.read_text(encoding="utf-8") == "<p>förra versionen</p>\n"
    assert html.stat().st_mtime_ns == before
    assert sorted(p.name for p in out_dir.iterdir()) == [f"{STEM}.html", f"{STEM}.xlsx"]
    assert not any((out_dir / f"{STEM}.xlsx").iterdir())


def test_validate_output_in_a_missing_folder(cli: CliRun, tmp_path: Path) -> None:
    shutil.copytree(MINIMAL, tmp_path / "rules")
    code, out, err = cli("validate", "rules", "--output", "/nonexistent-dir/x.txt", cwd=tmp_path)
    assert code == 2
    assert "finns inte" in err
    assert "Traceback" not in err
    assert not Path("/nonexistent-dir").exists()


def test_validate_empty_path(cli: CliRun, tmp_path: Path) -> None:
    code, out, err = cli("validate", "", cwd=tmp_path)
    assert code == 2
    assert err == "maluppfyllelse: fel: regelmappen saknas (tom sökväg)\n"


# --- JSON: never NaN or Infinity ------------------------------------------------------------


def _strict_json(text: str) -> object:
    return json.loads(text, parse_constant=_no_constants)


def test_json_of_the_real_period_is_strict(cli: CliRun, project: Path) -> None:
    code, out, err = cli("evaluate", "--format", "json", cwd=project)
    assert code == 0, err
    _strict_json(out)
    code, out, err = cli("validate", "rules", "--outcomes", PERIOD, "--format", "json", cwd=project)
    assert code == 0, out
    _strict_json(out)


def test_json_has_no_infinity_for_an_extreme_ratio(cli: CliRun, project: Path) -> None:
    """mål ÷ utfall for a 'lower is better' kvot: a tiny positive utfall (5e-324, a valid
    finite YAML float) makes the ratio overflow to infinity."""
    replace_in(
        project / PERIOD / "malomraden" / "halso-och-sjukvard.yaml",
        "  - id: hs-hsn-vantande-90-hud\n    nämnd: HSN\n    utfall: 271\n",
        "  - id: hs-hsn-vantande-90-hud\n    nämnd: HSN\n    utfall: 5e-324\n",
    )
    code, out, err = cli("evaluate", "--format", "json", cwd=project)
    assert "Traceback" not in err
    assert code in (0, 1), err
    if code == 0:
        _strict_json(out)


def test_huge_utfall_is_not_an_internal_error(cli: CliRun, project: Path) -> None:
    """A finite but huge utfall (a typo such as 1e30) must give a result or a pointed
    error, never an internal error (exit 3) from number formatting."""
    replace_in(
        project / PERIOD / "malomraden" / "halso-och-sjukvard.yaml",
        "  - id: hs-hsn-vantande-90-hud\n    nämnd: HSN\n    utfall: 271\n",
        "  - id: hs-hsn-vantande-90-hud\n    nämnd: HSN\n    utfall: 1e30\n",
    )
    code, out, err = cli("evaluate", "--format", "json", cwd=project)
    assert "Traceback" not in err
    assert code in (0, 1), err
    if code == 0:
        _strict_json(out)


# --- Unicode: NFD-normalised keys (macOS editors) ------------------------------------------


def test_nfd_keys_validate_clean(cli: CliRun, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(MINIMAL, rules)
    for f in [*rules.glob("*.yaml"), *rules.glob("malomraden/*.yaml")]:
        text = f.read_text(encoding="utf-8")
        f.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    raw = (rules / "malomraden" / "tandvard.yaml").read_text(encoding="utf-8")
    assert "o\u0308vergripande_ma\u030al:" in raw  # really decomposed
    assert "övergripande_mål" not in raw
    code, out, err = cli("validate", "rules", "--strict", cwd=tmp_path)
    assert err == ""
    assert out == "0 fel, 0 varningar i 6 filer\n"
    assert code == 0


# --- Many problems in one mapping ------------------------------------------------------


def test_thousands_of_unknown_keys_each_at_its_line(cli: CliRun, project: Path) -> None:
    """Each unknown key is reported at its own line, and only the first HINTED_KEYS of a
    file get a "menade du" (the hints and a scan per position made such a file take
    minutes; the positions now come from one index per mapping)."""
    from engine.inputs.parse import HINTED_KEYS  # noqa: PLC0415

    area = project / "rules" / "malomraden" / "kultur.yaml"
    extra = "".join(f"namnx{i}: 1\n" for i in range(3000))
    area.write_text(area.read_text(encoding="utf-8") + extra, encoding="utf-8")
    first_extra_line = area.read_text(encoding="utf-8").count("\n") - 3000 + 1
    code, out, _ = cli("validate", "rules", "--bara-regler", cwd=project)
    assert code == 1
    unknown = [line for line in out.splitlines() if "[okänd-nyckel]" in line]
    assert len(unknown) == 3000
    lines = sorted(int(line.split(":")[1]) for line in unknown)
    assert lines == list(range(first_extra_line, first_extra_line + 3000))
    hinted = [line for line in unknown if "menade du" in line]
    assert len(hinted) == HINTED_KEYS
    assert "okänd nyckel 'namnx0' (menade du 'namn'?)" in out
