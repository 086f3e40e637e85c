"""Checks on a period's outcome files (`validate --outcomes`): exact, pointed diagnostics.

Each test copies tests/data/minimal_rules to tmp_path/rules, writes a small, valid period
folder (tmp_path/utfall/2025-08, see PERIOD) with one change, and runs
`maluppfyllelse validate rules --outcomes utfall/2025-08` in tmp_path. The asserted lines
are the full diagnostic: path:line:column, severity, field, message and code.

Minimal rules, for reference: målområden tandvard (nyckeltal td-hsn-revisionsintervall
[tertial], td-hsn-hse [halvår], td-hsn-vantetid [tertial], all HSN; uppdrag td-u01 for
RS and HSN) and ledningsprocesser (lp-rs-kassalikviditet, a copy of the financial goal
kassalikviditet, for RS; lp-rs-sjukfranvaro [år]; uppdrag lp-u01 for RS, HSN and RUN);
financial goals soliditet and kassalikviditet.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CliRun = Callable[..., tuple[int, str, str]]  # the `cli` fixture in conftest.py
MINIMAL = ROOT / "tests" / "data" / "minimal_rules"
P = "utfall/2025-08"
TD = f"{P}/malomraden/tandvard.yaml"
LP = f"{P}/malomraden/ledningsprocesser.yaml"

PERIOD_YAML = """\
period: "2025-08"
benämning: per augusti 2025
typ: delår
mäts: [tertial, halvår]
"""

FINANCE_YAML = """\
finansiella_mål:
  - id: soliditet
    utfall: -31.0
  - id: kassalikviditet
    utfall: 70.8
"""

# Line numbers are referred to by the tests: keep them stable.
TANDVARD_YAML = """\
målområde: tandvard
uppdrag:
  - id: td-u01
    nämnd: RS
    status: Pågående enligt plan
  - id: td-u01
    nämnd: HSN
    status: Pågående enligt plan
nyckeltal:
  - id: td-hsn-revisionsintervall
    nämnd: HSN
    utfall: 90
  - id: td-hsn-hse
    nämnd: HSN
    utfall: 4.1
  - id: td-hsn-vantetid
    nämnd: HSN
    utfall: 45
"""

LEDNING_YAML = """\
målområde: ledningsprocesser
uppdrag:
  - id: lp-u01
    nämnd: RS
    status: Avslutad/klar
  - id: lp-u01
    nämnd: HSN
    status: Pågående enligt plan
  - id: lp-u01
    nämnd: RUN
    status: Pågående enligt plan
nyckeltal:
  - id: lp-rs-kassalikviditet
    nämnd: RS
    utfall: 70.8
"""

PERIOD = {
    "period.yaml": PERIOD_YAML,
    "finansiella_mal.yaml": FINANCE_YAML,
    "malomraden/tandvard.yaml": TANDVARD_YAML,
    "malomraden/ledningsprocesser.yaml": LEDNING_YAML,
}


def make(tmp_path: Path, drop: tuple[str, ...] = ()) -> Path:
    """Minimal rules plus the valid period, without the files in `drop`."""
    shutil.copytree(MINIMAL, tmp_path / "rules")
    folder = tmp_path / P
    (folder / "malomraden").mkdir(parents=True)
    for name, text in PERIOD.items():
        if name not in drop:
            (folder / name).write_text(text, encoding="utf-8")
    return folder


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def validate(cli: CliRun, tmp_path: Path) -> tuple[int, list[str]]:
    code, out, err = cli("validate", "rules", "--outcomes", P, cwd=tmp_path)
    assert err == ""
    return code, out.splitlines()


def test_the_base_period_is_clean(cli: CliRun, tmp_path: Path) -> None:
    make(tmp_path)
    code, lines = validate(cli, tmp_path)
    assert lines == ["0 fel, 0 varningar i 10 filer"]
    assert code == 0


def test_unknown_nyckeltal(cli: CliRun, tmp_path: Path) -> None:
    _with(
        tmp_path,
        "malomraden/tandvard.yaml",
        edit(TANDVARD_YAML, "  - id: td-hsn-hse\n", "  - id: td-hsn-hsx\n"),
    )
    code, lines = validate(cli, tmp_path)
    assert (
        f"{TD}:13:9: fel: nyckeltal[2].id: okänt nyckeltal 'td-hsn-hsx' (menade du 'td-hsn-hse'?) [okänt-nyckeltal]"
        in lines
    )
    assert code == 1


def _with(tmp_path: Path, rel: str, text: str) -> None:
    make(tmp_path)
    (tmp_path / P / rel).write_text(text, encoding="utf-8")


def test_unknown_uppdrag(cli: CliRun, tmp_path: Path) -> None:
    _with(
        tmp_path,
        "malomraden/tandvard.yaml",
        edit(TANDVARD_YAML, "  - id: td-u01\n    nämnd: RS\n", "  - id: td-u99\n    nämnd: RS\n"),
    )
    code, lines = validate(cli, tmp_path)
    assert (
        f"{TD}:3:9: fel: uppdrag[1].id: okänt uppdrag 'td-u99' (menade du 'td-u01'?) [okänt-uppdrag]"
        in lines
    )
    assert code == 1


def test_namnd_that_does_not_report_the_nyckeltal(cli: CliRun, tmp_path: Path) -> None:
    text = edit(
        TANDVARD_YAML, "revisionsintervall\n    nämnd: HSN\n", "revisionsintervall\n    nämnd: RS\n"
    )
    _with(tmp_path, "malomraden/tandvard.yaml", text)
    code, lines = validate(cli, tmp_path)
    assert (
        f"{TD}:11:12: fel: nyckeltal[1].nämnd: nämnden 'RS' rapporterar inte "
        "'td-hsn-revisionsintervall' (enligt reglerna: HSN) [fel-nämnd]" in lines
    )
    assert code == 1


def test_namnd_that_does_not_have_the_uppdrag(cli: CliRun, tmp_path: Path) -> None:
    text = edit(
        TANDVARD_YAML, "  - id: td-u01\n    nämnd: RS\n", "  - id: td-u01\n    nämnd: RUN\n"
    )
    _with(tmp_path, "malomraden/tandvard.yaml", text)
    code, lines = validate(cli, tmp_path)
    assert (
        f"{TD}:4:12: fel: uppdrag[1].nämnd: nämnden 'RUN' har inte uppdraget 'td-u01' "
        "(enligt reglerna: RS, HSN) [fel-nämnd]" in lines
    )
    assert code == 1


def test_status_not_in_the_scale(cli: CliRun, tmp_path: Path) -> None:
    text = edit(
        TANDVARD_YAML,
        "    nämnd: RS\n    status: Pågående enligt plan\n",
        "    nämnd: RS\n    status: Pågår\n",
    )
    _with(tmp_path, "malomraden/tandvard.yaml", text)
    code, lines = validate(cli, tmp_path)
    assert (
        f"{TD}:5:13: fel: uppdrag[1].status: statusen 'Pågår' finns inte i skalan; välj en av: "
        "Pågående enligt plan, Avslutad/klar, Pågående med avvikelse, Ej påbörjad, Avbruten "
        "[okänd-status]" in lines
    )
    assert code == 1


def test_both_utfall_and_saknas(cli: CliRun, tmp_path: Path) -> None:
    text = edit(TANDVARD_YAML, "    utfall: 4.1\n", "    utfall: 4.1\n    saknas: Mäts på helår.\n")
    _with(tmp_path, "malomraden/tandvard.yaml", text)
    code, lines = validate(cli, tmp_path)
    assert (
        f"{TD}:16:5: fel: nyckeltal[2]: ange antingen 'utfall' eller 'saknas', inte båda "
        "[utfall-och-saknas]" in lines
    )
    assert code == 1


def test_neither_utfall_nor_saknas_is_an_error(cli: CliRun, tmp_path: Path) -> None:
    text = edit(TANDVARD_YAML, "    nämnd: HSN\n    utfall: 90\n", "    nämnd: HSN\n")
    _with(tmp_path, "malomraden/tandvard.yaml", text)
    code, lines = validate(cli, tmp_path)
    assert lines == [
        f"{TD}:10:5: fel: nyckeltal[1]: 'td-hsn-revisionsintervall' har varken 'utfall' eller "
        "'saknas' (ange skälet, t.ex. 'Utfallet rapporteras på helår.') [utfall-saknas]",
        "1 fel, 0 varningar i 10 filer",
    ]
    assert code == 1


def test_tertial_nyckeltal_without_an_entry_is_a_warning(cli: CliRun, tmp_path: Path) -> None:
    text = edit(TANDVARD_YAML, "  - id: td-hsn-vantetid\n    nämnd: HSN\n    utfall: 45\n", "")
    _with(tmp_path, "malomraden/tandvard.yaml", text)
    code, lines = validate(cli, tmp_path)
    assert lines == [
        f"{TD}:9:1: varning: utfall saknas för 'td-hsn-vantetid' (HSN), som mäts denna period; "
        "ange 'utfall' eller 'saknas' med skäl [utfall-saknas]",
        "0 fel, 1 varning i 10 filer",
    ]
    assert code == 0


def test_duplicate_entry(cli: CliRun, tmp_path: Path) -> None:
    text = TANDVARD_YAML + "  - id: td-hsn-vantetid\n    nämnd: HSN\n    utfall: 50\n"
    _with(tmp_path, "malomraden/tandvard.yaml", text)
    code, lines = validate(cli, tmp_path)
    assert (
        f"{TD}:19:5: fel: nyckeltal[4]: 'td-hsn-vantetid' för HSN finns redan ({TD}:16) [dubblett]"
        in lines
    )
    assert code == 1


def test_duplicate_uppdrag_entry(cli: CliRun, tmp_path: Path) -> None:
    text = edit(
        TANDVARD_YAML,
        "nyckeltal:\n",
        "  - id: td-u01\n    nämnd: HSN\n    status: Avslutad/klar\nnyckeltal:\n",
    )
    _with(tmp_path, "malomraden/tandvard.yaml", text)
    code, lines = validate(cli, tmp_path)
    assert f"{TD}:9:5: fel: uppdrag[3]: 'td-u01' för HSN finns redan ({TD}:6) [dubblett]" in lines
    assert code == 1


def test_copy_of_a_financial_goal_that_contradicts_it(cli: CliRun, tmp_path: Path) -> None:
    _with(
        tmp_path,
        "malomraden/ledningsprocesser.yaml",
        edit(LEDNING_YAML, "utfall: 70.8", "utfall: 220"),
    )
    code, lines = validate(cli, tmp_path)
    assert lines == [
        f"{LP}:15:13: varning: nyckeltal[1].utfall: utfallet 220 motsäger det finansiella målets "
        "'kassalikviditet' utfall 70,8; det finansiella målets utfall gäller [motstridigt-utfall]",
        "0 fel, 1 varning i 10 filer",
    ]
    assert code == 0


def test_missing_area_file_is_a_warning(cli: CliRun, tmp_path: Path) -> None:
    make(tmp_path, drop=("malomraden/ledningsprocesser.yaml",))
    code, lines = validate(cli, tmp_path)
    assert (
        f"{P}/period.yaml:1:1: varning: utfallsfil saknas för målområdet 'ledningsprocesser' "
        "[målområde-saknas]" in lines
    )
    assert all(": fel: " not in ln for ln in lines), lines
    assert code == 0


def test_two_files_for_the_same_area(cli: CliRun, tmp_path: Path) -> None:
    # The first file (by name) lacks td-hsn-vantetid; the second is complete but has a
    # nämnd error. The first file's data is used, the second is not read further.
    first = edit(TANDVARD_YAML, "  - id: td-hsn-vantetid\n    nämnd: HSN\n    utfall: 45\n", "")
    second = edit(
        TANDVARD_YAML, "revisionsintervall\n    nämnd: HSN\n", "revisionsintervall\n    nämnd: RS\n"
    )
    _with(tmp_path, "malomraden/tandvard.yaml", first)
    (tmp_path / P / "malomraden" / "tandvard2.yaml").write_text(second, encoding="utf-8")
    code, lines = validate(cli, tmp_path)
    assert lines == [
        f"{TD}:9:1: varning: utfall saknas för 'td-hsn-vantetid' (HSN), som mäts denna period; "
        "ange 'utfall' eller 'saknas' med skäl [utfall-saknas]",
        f"{P}/malomraden/tandvard2.yaml:1:12: fel: målområde: utfall för målområdet 'tandvard' "
        f"finns redan i {TD} [dubblett-fil]",
        "1 fel, 1 varning i 11 filer",
    ]
    assert code == 1


def test_two_files_for_the_same_area_first_wins_when_loaded(tmp_path: Path) -> None:
    from engine.checks.outcomes import load_outcomes
    from engine.checks.rules import load_rules
    from engine.diagnostics import Report

    second = edit(TANDVARD_YAML, "    utfall: 45\n", "    utfall: 99\n")
    _with(tmp_path, "malomraden/tandvard.yaml", TANDVARD_YAML)
    (tmp_path / P / "malomraden" / "tandvard2.yaml").write_text(second, encoding="utf-8")
    report = Report()
    rules = load_rules(tmp_path / "rules", report)
    assert rules is not None
    # load_outcomes refuses the period (an error); its checks ran on the first file only.
    assert load_outcomes(tmp_path / P, rules, report) is None
    assert [d.code for d in report.sorted()] == ["dubblett-fil"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    utfall: 90\n",
            '    utfall: "nittio"\n',
            f"{TD}:12:13: fel: nyckeltal[1].utfall: ska vara ett tal, men är texten 'nittio' [typ]",
        ),
        (
            "    utfall: 90\n",
            "    utfall: [90\n",
            None,  # a YAML syntax error: its own pointed error, checked below
        ),
    ],
    ids=["typfel", "syntaxfel"],
)
def test_broken_area_file_is_not_also_called_missing(
    cli: CliRun, tmp_path: Path, old: str, new: str, expected: str | None
) -> None:
    _with(tmp_path, "malomraden/tandvard.yaml", edit(TANDVARD_YAML, old, new))
    code, lines = validate(cli, tmp_path)
    errors = [ln for ln in lines if ": fel: " in ln]
    assert len(errors) == 1, lines
    if expected is not None:
        assert errors == [expected]
    else:
        assert errors[0].startswith(f"{TD}:")
        assert errors[0].endswith("[yaml-syntax]")
    assert [ln for ln in lines if ": varning: " in ln] == [], lines
    assert not any("utfallsfil saknas" in ln or "utfall saknas" in ln for ln in lines)
    assert code == 1


def test_yml_outcome_file_is_read(cli: CliRun, tmp_path: Path) -> None:
    make(tmp_path)
    (tmp_path / TD).rename(tmp_path / P / "malomraden" / "tandvard.yml")
    code, lines = validate(cli, tmp_path)
    assert lines == ["0 fel, 0 varningar i 10 filer"]
    assert code == 0


def test_yml_outcome_file_is_checked(cli: CliRun, tmp_path: Path) -> None:
    make(tmp_path)
    text = edit(TANDVARD_YAML, "  - id: td-hsn-hse\n", "  - id: td-hsn-hsx\n")
    (tmp_path / TD).unlink()
    (tmp_path / P / "malomraden" / "tandvard.yml").write_text(text, encoding="utf-8")
    code, lines = validate(cli, tmp_path)
    assert (
        f"{P}/malomraden/tandvard.yml:13:9: fel: nyckeltal[2].id: okänt nyckeltal 'td-hsn-hsx' "
        "(menade du 'td-hsn-hse'?) [okänt-nyckeltal]" in lines
    )
    assert code == 1


def test_unknown_file_in_the_period_folder(cli: CliRun, tmp_path: Path) -> None:
    make(tmp_path)
    (tmp_path / P / "anteckningar.yaml").write_text("a: 1\n", encoding="utf-8")
    code, lines = validate(cli, tmp_path)
    assert lines == [
        f"{P}/anteckningar.yaml:1:1: varning: filen anteckningar.yaml hör inte till en "
        "periodmapp och läses inte [okänd-fil]",
        "0 fel, 1 varning i 10 filer",
    ]
    assert code == 0


def test_declared_status_without_motivering(cli: CliRun, tmp_path: Path) -> None:
    # Computed: uppdrag td-u01 gul, nyckeltal 90/88 grön, 4,1/4,07 grön, 45 dagar grön:
    # majority grön. Declared röd without a motivering.
    text = edit(TANDVARD_YAML, "uppdrag:\n", "bedömning:\n  status: röd\nuppdrag:\n")
    _with(tmp_path, "malomraden/tandvard.yaml", text)
    code, lines = validate(cli, tmp_path)
    assert lines == [
        f"{TD}:3:11: varning: bedömning.status: beslutad status 'röd' skiljer sig från den "
        "beräknade 'grön' men saknar motivering [motivering-saknas]",
        "0 fel, 1 varning i 10 filer",
    ]
    assert code == 0
    code, lines = cli("validate", "rules", "--outcomes", P, "--strict", cwd=tmp_path)[:2]
    assert code == 1


def test_declared_status_with_motivering_is_clean(cli: CliRun, tmp_path: Path) -> None:
    text = edit(
        TANDVARD_YAML,
        "uppdrag:\n",
        "bedömning:\n  status: röd\n  motivering: Läget är svårt.\nuppdrag:\n",
    )
    _with(tmp_path, "malomraden/tandvard.yaml", text)
    code, lines = validate(cli, tmp_path)
    assert lines == ["0 fel, 0 varningar i 10 filer"]
    assert code == 0


def test_empty_period_does_not_achieve_geh(cli: CliRun, tmp_path: Path) -> None:
    """Nothing reported at all (only period.yaml) is not good economic management."""
    folder = tmp_path / "fixtures" / "2025-08"
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "fixtures" / "2025-08" / "period.yaml", folder / "period.yaml")
    code, out, err = cli(
        "evaluate",
        "--rules",
        str(ROOT / "rules"),
        "--outcomes",
        "fixtures/2025-08",
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert code == 0, err
    geh = json.loads(out)["god_ekonomisk_hushållning"]
    assert geh["uppnådd"] is False
    assert geh["antal"]["målområden"]["röd"] == 0  # none red: only "ej bedömd"
    assert "utfallsfil saknas" in err


# --- One run lists every problem: a bad value never hides the others -------------------


def test_a_bad_value_does_not_hide_the_other_entries_problems(cli: CliRun, tmp_path: Path) -> None:
    folder = make(tmp_path)
    text = TANDVARD_YAML
    text = edit(text, "    utfall: 90\n", "    utfall: 57,5\n")  # decimal comma (line 12)
    text = edit(text, "  - id: td-u01\n    nämnd: HSN\n    status: Pågående enligt plan\n",
                "  - id: td-u01\n    nämnd: HSN\n    status: Pågånde enligt plan\n")  # fmt: skip
    text = edit(text, "  - id: td-hsn-hse\n", "  - id: td-hsn-hsx\n")
    text = edit(text, "    nämnd: HSN\n    utfall: 45\n", "    nämnd: RS\n    utfall: 45\n")
    (folder / "malomraden/tandvard.yaml").write_text(text, encoding="utf-8")
    code, lines = validate(cli, tmp_path)
    assert code == 1
    assert lines == [
        f"{TD}:8:13: fel: uppdrag[2].status: statusen 'Pågånde enligt plan' finns inte i "
        "skalan (menade du 'Pågående enligt plan'?); välj en av: Pågående enligt plan, "
        "Avslutad/klar, Pågående med avvikelse, Ej påbörjad, Avbruten [okänd-status]",
        f"{TD}:12:13: fel: nyckeltal[1].utfall: ska vara ett tal, men är texten '57,5'; "
        "skriv bara talet, t.ex. 57.5 [typ]",
        f"{TD}:13:9: fel: nyckeltal[2].id: okänt nyckeltal 'td-hsn-hsx' "
        "(menade du 'td-hsn-hse'?) [okänt-nyckeltal]",
        f"{TD}:17:12: fel: nyckeltal[3].nämnd: nämnden 'RS' rapporterar inte "
        "'td-hsn-vantetid' (enligt reglerna: HSN) [fel-nämnd]",
        "4 fel, 0 varningar i 10 filer",
    ]


def test_unknown_nämnd_gets_a_suggestion(cli: CliRun, tmp_path: Path) -> None:
    folder = make(tmp_path)
    text = LEDNING_YAML + "nämnder:\n  HNS:\n    kommentar: x\n"
    (folder / "malomraden/ledningsprocesser.yaml").write_text(text, encoding="utf-8")
    _, lines = validate(cli, tmp_path)
    assert lines == [
        f"{LP}:17:3: fel: nämnder: okänd nämnd 'HNS' (menade du 'HSN'?) [okänd-nämnd]",
        "1 fel, 0 varningar i 10 filer",
    ]


def test_rules_a_bad_value_does_not_hide_duplicates_and_unknown_nämnder(
    cli: CliRun, tmp_path: Path
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(MINIMAL, rules)
    area = rules / "malomraden/tandvard.yaml"
    lines = area.read_text(encoding="utf-8").split("\n")
    assert lines[14] == "    riktning: Minst" and lines[3] == "ordning: 1"
    lines[14] = "    riktning: minst"
    lines[3] = "ordning: 2"
    lines[27] = lines[27].replace("td-hsn-vantetid", "td-hsn-hse")
    lines[29] = lines[29].replace("[HSN]", "[HSX]")
    area.write_text("\n".join(lines), encoding="utf-8")
    code, out, _ = cli("validate", "rules", cwd=tmp_path)
    assert code == 1
    t = "rules/malomraden/tandvard.yaml"
    assert out.splitlines() == [
        f"{t}:4:10: fel: ordningen '2' finns redan (rules/malomraden/ledningsprocesser.yaml:4) "
        "[dubblett-id]",
        f"{t}:15:15: fel: nyckeltal[1].riktning: 'minst' är inte ett tillåtet värde "
        "(menade du 'Minst'?); välj en av: 'Minst', 'Högre än', '>', 'Max', 'Lägre än', "
        "'Kortare än' eller '<' [typ]",
        f"{t}:28:9: fel: nyckeltalet 'td-hsn-hse' finns redan ({t}:19) [dubblett-id]",
        f"{t}:30:15: fel: nyckeltal[3].nämnder[1]: okänd nämnd 'HSX' (menade du 'HSN'?); "
        "kända nämnder: HSN, RS, RUN [okänd-nämnd]",
        "4 fel, 0 varningar i 6 filer",
    ]


def test_entries_of_one_nyckeltal_in_a_row_are_each_checked(cli: CliRun, tmp_path: Path) -> None:
    """The check keeps one nyckeltal's lookups while its entries follow each other: an
    unknown id between two runs of the same id, a second entry for the same nämnd right
    after the first and again later, and a nämnd that does not report it are all found,
    each at its own entry."""
    extra = (
        "  - id: td-hsn-hse\n    nämnd: HSN\n    utfall: 4.2\n"  # line 19
        "  - id: td-hsn-hsx\n    nämnd: HSN\n    utfall: 1\n"  # line 22
        "  - id: td-hsn-hse\n    nämnd: RS\n    utfall: 4.3\n"  # line 25
        "  - id: td-hsn-vantetid\n    nämnd: HSN\n    saknas: Mäts inte.\n"  # line 28
        "  - id: td-hsn-hse\n    nämnd: HSN\n    utfall: 4.4\n"  # line 31
    )
    _with(tmp_path, "malomraden/tandvard.yaml", TANDVARD_YAML + extra)
    code, lines = validate(cli, tmp_path)
    found = [line.split(": fel: ", 1)[1] for line in lines if ": fel: " in line]
    assert [line.split(": fel: ", 1)[0] for line in lines if ": fel: " in line] == [
        f"{TD}:19:5",
        f"{TD}:22:9",
        f"{TD}:26:12",
        f"{TD}:28:5",
        f"{TD}:31:5",
    ], lines
    assert [f.rsplit("[", 1)[1] for f in found] == [
        "dubblett]",
        "okänt-nyckeltal]",
        "fel-nämnd]",
        "dubblett]",
        "dubblett]",
    ], found
    assert code == 1
