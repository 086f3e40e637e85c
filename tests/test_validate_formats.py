"""`maluppfyllelse validate --format text|json|github|junit`, `--output`, `--outcomes`,
and the plausibility warnings (each code, its position, and `--strict`).

The formats are checked for their exact output on one golden case,
tests/golden/formats/tva-fel-en-varning/ (two errors and one warning; see its README.md).
Every other case is a copy of tests/data/minimal_rules in `tmp_path` with one edit.
The tool runs in-process (`engine.cli.main`) with the case folder as working directory,
so the paths in the diagnostics are relative, as in CI.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
MINIMAL = TESTS / "data" / "minimal_rules"
CASE = TESTS / "golden" / "formats" / "tva-fel-en-varning"
FORMATS = {
    "text": "expected.text",
    "json": "expected.json",
    "github": "expected.github",
    "junit": "expected.junit.xml",
}

TD = "malomraden/tandvard.yaml"
LP = "malomraden/ledningsprocesser.yaml"

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(cli: Run) -> Run:
    """Run `maluppfyllelse validate …` in `cwd`; return (exit code, stdout, stderr)."""
    return lambda *args, cwd: cli("validate", *args, cwd=cwd)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: {old!r} occurs {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")


def minimal_copy(tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(MINIMAL, rules)
    return rules


def expected(fmt: str) -> str:
    return (CASE / FORMATS[fmt]).read_text(encoding="utf-8")


# --- the golden case: exact output per format -------------------------------------------


def test_golden_case_is_minimal_rules_with_three_edits() -> None:
    """The case differs from minimal_rules only in the three documented lines."""
    for file in MINIMAL.rglob("*.yaml"):
        rel = file.relative_to(MINIMAL)
        if rel.as_posix() != TD:
            assert (CASE / "rules" / rel).read_bytes() == file.read_bytes(), rel
    old = (MINIMAL / TD).read_text(encoding="utf-8").splitlines()
    new = (CASE / "rules" / TD).read_text(encoding="utf-8").splitlines()
    assert len(old) == len(new)
    changed = {i + 1: line for i, (a, line) in enumerate(zip(old, new, strict=True)) if a != line}
    assert changed == {
        16: "    mål: 120",
        21: "    nämnder: [HSN, TN]",
        41: "        - {status: röd, från: 90, till: 365}",
    }


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_format_exact_output(fmt: str, run: Run) -> None:
    code, out, err = run("rules", "--format", fmt, cwd=CASE)
    assert out == expected(fmt)
    assert err == ""
    assert code == 1


def test_text_format_lines() -> None:
    """The reviewed text output, spelled out here as well so that a diff is readable."""
    assert expected("text").splitlines() == [
        "rules/malomraden/tandvard.yaml:16:10: fel: nyckeltal[1].mål: en andel måste ligga mellan 0 och 100 %, inte 120 % [andel]",
        "rules/malomraden/tandvard.yaml:21:20: fel: nyckeltal[2].nämnder[2]: okänd nämnd 'TN'; kända nämnder: HSN, RS, RUN [okänd-nämnd]",
        "rules/malomraden/tandvard.yaml:39:9: varning: nyckeltal[3].bedömning.band: sista intervallet har gränser; "
        "utfall utanför alla intervall blir 'ej bedömd' [band-täcker-inte]",
        "2 fel, 1 varning i 6 filer",
    ]


def test_positions_point_at_the_edited_values() -> None:
    """Line and column of each diagnostic are where the broken value starts in the file."""
    lines = (CASE / "rules" / TD).read_text(encoding="utf-8").splitlines()
    assert lines[16 - 1][10 - 1 :] == "120"
    assert lines[21 - 1][20 - 1 :].startswith("TN]")
    assert lines[38 - 1].strip() == "band:"
    assert lines[39 - 1][9 - 1 :].startswith("- {status: grön")


GITHUB_LINE = re.compile(
    r"^::(?P<kind>error|warning) file=(?P<file>[^,:]+),line=(?P<line>\d+),col=(?P<col>\d+),title=(?P<title>[^,:]+)::(?P<msg>.+)$"
)


def test_github_lines_are_workflow_commands() -> None:
    *commands, summary = expected("github").splitlines()
    assert summary == "2 fel, 1 varning i 6 filer"
    parsed = [GITHUB_LINE.match(line) for line in commands]
    assert all(parsed), commands
    got = [(m["kind"], m["file"], int(m["line"]), int(m["col"]), m["title"]) for m in parsed if m]
    assert got == [
        ("error", "rules/malomraden/tandvard.yaml", 16, 10, "andel"),
        ("error", "rules/malomraden/tandvard.yaml", 21, 20, "okänd-nämnd"),
        ("warning", "rules/malomraden/tandvard.yaml", 39, 9, "band-täcker-inte"),
    ]
    # '%' is the escape character of workflow commands: it must be written as %25.
    assert (
        parsed[0]
        and parsed[0]["msg"]
        == "nyckeltal[1].mål: en andel måste ligga mellan 0 och 100 %25, inte 120 %25"
    )


def test_json_matches_text() -> None:
    data = json.loads(expected("json"))
    assert data["schema"] == 1 and data["ok"] is False
    assert (data["antal_fel"], data["antal_varningar"], data["antal_filer"]) == (2, 1, 6)
    assert [set(d) for d in data["diagnostik"]] == [
        {"fil", "rad", "kolumn", "nivå", "kod", "fält", "meddelande"}
    ] * 3
    as_text = [
        f"{d['fil']}:{d['rad']}:{d['kolumn']}: {d['nivå']}: {d['fält']}: {d['meddelande']} [{d['kod']}]"
        for d in data["diagnostik"]
    ]
    assert as_text == expected("text").splitlines()[:-1]


def test_junit_is_well_formed_with_one_case_per_file() -> None:
    suites = ET.fromstring(expected("junit").encode("utf-8"))
    suite = suites.find("testsuite")
    assert suite is not None
    assert (suites.get("tests"), suites.get("failures")) == ("6", "2")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert len(cases) == 6
    td = cases["rules/malomraden/tandvard.yaml"]
    assert [f.get("type") for f in td.findall("failure")] == ["andel", "okänd-nämnd"]
    assert [f.text for f in td.findall("failure")] == expected("text").splitlines()[:2]
    out = td.find("system-out")
    assert out is not None and out.text == expected("text").splitlines()[2]
    for name, case in cases.items():
        if name != "rules/malomraden/tandvard.yaml":
            assert list(case) == [], name


# --- exit codes are the same in every format --------------------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_exit_codes_per_format(fmt: str, run: Run, tmp_path: Path) -> None:
    # errors → 1
    assert run("rules", "--format", fmt, cwd=CASE)[0] == 1
    # only a warning → 0, and 1 with --strict
    rules = minimal_copy(tmp_path)
    edit(rules / TD, "- {status: röd}", "- {status: röd, från: 90, till: 365}")
    code, out, err = run("rules", "--format", fmt, cwd=tmp_path)
    assert (code, err) == (0, "")
    assert "band-täcker-inte" in out
    code, out, err = run("rules", "--format", fmt, "--strict", cwd=tmp_path)
    assert (code, err) == (1, "")
    assert "band-täcker-inte" in out
    # clean → 0, also with --strict
    clean = tmp_path / "clean"
    clean.mkdir()
    minimal_copy(clean)
    assert run("rules", "--format", fmt, cwd=clean)[0] == 0
    assert run("rules", "--format", fmt, "--strict", cwd=clean)[0] == 0


def test_strict_turns_the_warning_into_an_error_in_every_format(run: Run) -> None:
    _, text, _ = run("rules", "--strict", cwd=CASE)
    assert text.splitlines()[2].startswith(
        "rules/malomraden/tandvard.yaml:39:9: fel: nyckeltal[3].bedömning.band: "
    )
    assert text.splitlines()[-1] == "3 fel, 0 varningar i 6 filer"
    _, github, _ = run("rules", "--strict", "--format", "github", cwd=CASE)
    assert github.splitlines()[2].startswith(
        "::error file=rules/malomraden/tandvard.yaml,line=39,col=9,title=band-täcker-inte::"
    )
    _, js, _ = run("rules", "--strict", "--format", "json", cwd=CASE)
    data = json.loads(js)
    assert (data["antal_fel"], data["antal_varningar"]) == (3, 0)
    _, junit, _ = run("rules", "--strict", "--format", "junit", cwd=CASE)
    suites = ET.fromstring(junit.encode("utf-8"))
    assert suites.get("failures") == "3"


# --- --output ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_output_writes_the_same_content_and_nothing_to_stdout(
    fmt: str, run: Run, tmp_path: Path
) -> None:
    target = tmp_path / f"resultat.{fmt}"
    code, out, err = run("rules", "--format", fmt, "--output", str(target), cwd=CASE)
    assert (code, out, err) == (1, "", "")
    assert target.read_text(encoding="utf-8") == expected(fmt)


def test_output_overwrites_an_existing_file(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "regler.xml"
    target.write_text("gammalt innehåll som är längre än det nya " * 200, encoding="utf-8")
    code, out, _ = run("rules", "--format", "junit", "--output", str(target), cwd=CASE)
    assert (code, out) == (1, "")
    assert target.read_text(encoding="utf-8") == expected("junit")


# --- --outcomes -------------------------------------------------------------------------


def test_outcomes_real_rules_and_august_2025_are_clean(run: Run) -> None:
    code, out, err = run("rules", "--outcomes", "fixtures/2025-08", "--strict", cwd=ROOT)
    assert (code, err) == (0, "")
    assert out == "0 fel, 0 varningar i 22 filer\n"


def test_outcomes_unknown_nyckeltal_gives_a_pointed_error(run: Run, tmp_path: Path) -> None:
    period = tmp_path / "fixtures" / "2025-08"
    shutil.copytree(ROOT / "fixtures" / "2025-08", period)
    file = period / TD
    lines = file.read_text(encoding="utf-8").splitlines()
    line_no = next(i for i, line in enumerate(lines, 1) if line == "  - id: td-hsn-hse")
    col = lines[line_no - 1].index("td-hsn-hse") + 1
    edit(file, "  - id: td-hsn-hse\n", "  - id: td-hsn-hs\n")

    code, out, err = run(str(ROOT / "rules"), "--outcomes", "fixtures/2025-08", cwd=tmp_path)
    assert code == 1
    assert err == ""
    # its 1-based position in the nyckeltal list
    position = sum(
        1 for line in lines[lines.index("nyckeltal:") : line_no] if line.startswith("  - id: ")
    )
    assert (
        f"fixtures/2025-08/malomraden/tandvard.yaml:{line_no}:{col}: fel: nyckeltal[{position}].id: "
        "okänt nyckeltal 'td-hsn-hs' (menade du 'td-hsn-hse'?) [okänt-nyckeltal]"
    ) in out.splitlines()
    assert out.splitlines()[-1].startswith("1 fel, ")

    code, out, _ = run(
        str(ROOT / "rules"), "--outcomes", "fixtures/2025-08", "--format", "github", cwd=tmp_path
    )
    assert code == 1
    assert (
        f"::error file=fixtures/2025-08/malomraden/tandvard.yaml,line={line_no},col={col},title=okänt-nyckeltal::"
        f"nyckeltal[{position}].id: okänt nyckeltal 'td-hsn-hs' (menade du 'td-hsn-hse'?)"
    ) in out.splitlines()


def test_outcomes_folder_missing_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    code, out, err = run(str(MINIMAL), "--outcomes", "finns-inte", cwd=tmp_path)
    assert code == 2
    assert "utfallsmappen 'finns-inte' finns inte" in err


# --- outcomes for the minimal rules (for mål-styr-inte) ---------------------------------


def write_period(fixtures: Path, period: str, hse: float) -> Path:
    """A complete, valid period folder for tests/data/minimal_rules; HSE's outcome is `hse`."""
    folder = fixtures / period
    (folder / "malomraden").mkdir(parents=True)
    (folder / "period.yaml").write_text(
        f'period: "{period}"\nbenämning: per {period}\ntyp: delår\nmäts: [tertial, halvår]\n',
        encoding="utf-8",
    )
    (folder / "finansiella_mal.yaml").write_text(
        "finansiella_mål:\n  - id: soliditet\n    utfall: -30\n  - id: kassalikviditet\n    utfall: 70\n",
        encoding="utf-8",
    )
    (folder / TD).write_text(
        "målområde: tandvard\n"
        "uppdrag:\n"
        "  - {id: td-u01, nämnd: RS, status: Pågående enligt plan}\n"
        "  - {id: td-u01, nämnd: HSN, status: Pågående enligt plan}\n"
        "nyckeltal:\n"
        "  - {id: td-hsn-revisionsintervall, nämnd: HSN, utfall: 90}\n"
        f"  - {{id: td-hsn-hse, nämnd: HSN, utfall: {hse}}}\n"
        "  - {id: td-hsn-vantetid, nämnd: HSN, utfall: 50}\n",
        encoding="utf-8",
    )
    (folder / LP).write_text(
        "målområde: ledningsprocesser\n"
        "uppdrag:\n"
        "  - {id: lp-u01, nämnd: RS, status: Pågående enligt plan}\n"
        "  - {id: lp-u01, nämnd: HSN, status: Pågående enligt plan}\n"
        "  - {id: lp-u01, nämnd: RUN, status: Pågående enligt plan}\n",
        encoding="utf-8",
    )
    return folder


# --- plausibility warnings --------------------------------------------------------------

OLIKA_MAL = """\
  - id: lp-hsn-vantetid
    namn: Väntetid till första undersökning
    nämnder: [HSN]
    enhet: dagar
    riktning: Max
    mål: 45
"""

#: code → (file, old, new, the expected diagnostic without severity: (position, rest))
PLAUSIBILITY = {
    "procent-över-100": (
        LP,
        "mål: 6.5\n    mål_text: Max 6,5 %",
        "mål: 650\n    mål_text: Max 650 %",  # the printed target too, or mål-text warns
        "rules/malomraden/ledningsprocesser.yaml:20:10",
        "nyckeltal[2].mål: målet 650 % är över 100 %; stämmer det? [procent-över-100]",
    ),
    "riktning-motsäger-namn-minska": (
        LP,
        "riktning: Max\n    mål: 6.5\n    mål_text: Max 6,5 %",
        "riktning: Minst\n    mål: 6.5\n    mål_text: Minst 6,5 %",
        "rules/malomraden/ledningsprocesser.yaml:19:15",
        "nyckeltal[2].riktning: namnet säger 'minska' men riktningen 'Minst' betyder att högre är bättre "
        "[riktning-motsäger-namn]",
    ),
    "riktning-motsäger-namn-öka": (
        TD,
        "namn: Väntetid till första undersökning",
        "namn: Väntetid till första undersökning (öka)",
        "rules/malomraden/tandvard.yaml:32:15",
        "nyckeltal[3].riktning: namnet säger 'öka' men riktningen 'Max' betyder att lägre är bättre "
        "[riktning-motsäger-namn]",
    ),
    "olika-mål": (
        LP,
        "    frekvens: år\n",
        "    frekvens: år\n",  # plus OLIKA_MAL appended below
        "rules/malomraden/ledningsprocesser.yaml:29:10",
        "nyckeltal[3].mål: samma nyckeltal för HSN har målet 60 på rules/malomraden/tandvard.yaml:33, här 45 "
        "[olika-mål]",
    ),
    "gult-omöjligt": (
        TD,
        "- {status: gul, från: 61, till: 90}",
        "- {status: röd, från: 61, till: 90}",
        "rules/malomraden/tandvard.yaml:39:9",
        "nyckeltal[3].bedömning.band: inget av intervallen ger gult; är det avsiktligt? [gult-omöjligt]",
    ),
}


@pytest.mark.parametrize("case", list(PLAUSIBILITY))
def test_plausibility_warning_and_strict(case: str, run: Run, tmp_path: Path) -> None:
    file, old, new, where, rest = PLAUSIBILITY[case]
    rules = minimal_copy(tmp_path)
    edit(rules / file, old, new)
    if case == "olika-mål":
        with (rules / file).open("a", encoding="utf-8") as f:
            f.write(OLIKA_MAL)

    code, out, err = run("rules", cwd=tmp_path)
    assert out == f"{where}: varning: {rest}\n0 fel, 1 varning i 6 filer\n"
    assert (code, err) == (0, "")

    code, out, err = run("rules", "--strict", cwd=tmp_path)
    assert out == f"{where}: fel: {rest}\n1 fel, 0 varningar i 6 filer\n"
    assert (code, err) == (1, "")

    path, line, col = where.rsplit(":", 2)
    code, out, _ = run("rules", "--strict", "--format", "github", cwd=tmp_path)
    assert out.splitlines()[0].startswith(f"::error file={path},line={line},col={col},title=")
    assert code == 1


def test_plausibility_positions_are_on_the_named_key(tmp_path: Path) -> None:
    """The lines and columns used above are where the value of the key starts."""
    td = (MINIMAL / TD).read_text(encoding="utf-8").splitlines()
    lp = (MINIMAL / LP).read_text(encoding="utf-8").splitlines()
    assert lp[20 - 1] == "    mål: 6.5" and lp[20 - 1][10 - 1 :] == "6.5"
    assert lp[19 - 1] == "    riktning: Max" and lp[19 - 1][15 - 1 :] == "Max"
    assert td[32 - 1] == "    riktning: Max" and td[32 - 1][15 - 1 :] == "Max"
    assert td[33 - 1] == "    mål: 60"
    assert td[38 - 1] == "      band:" and td[39 - 1][9 - 1] == "-"
    assert len(lp) == 23  # the appended nyckeltal's 'mål' is line 23 + 6 = 29
    assert OLIKA_MAL.splitlines()[5] == "    mål: 45"


def test_mal_styr_inte_three_periods_far_above_target(run: Run, tmp_path: Path) -> None:
    minimal_copy(tmp_path)
    fixtures = tmp_path / "fixtures"
    # HSE: Minst 4.07; 5.0 / 4.07 = 122.9 %, 5.2 / 4.07 = 127.8 %, 5.5 / 4.07 = 135.1 %
    for period, value in (("2024-12", 5.0), ("2025-04", 5.2), ("2025-08", 5.5)):
        write_period(fixtures, period, value)
    where = "rules/malomraden/tandvard.yaml:24:10"
    rest = (
        "nyckeltal[2].mål: HSN: de tre senaste utfallen (2024-12: 5, 2025-04: 5.2, 2025-08: 5.5) "
        "överträffar målet 4.07 med minst 20 %; målet styr inte längre [mål-styr-inte]"
    )
    assert (MINIMAL / TD).read_text(encoding="utf-8").splitlines()[24 - 1] == "    mål: 4.07"

    code, out, err = run("rules", "--outcomes", "fixtures/2025-08", cwd=tmp_path)
    assert out == f"{where}: varning: {rest}\n0 fel, 1 varning i 10 filer\n"
    assert (code, err) == (0, "")

    code, out, err = run("rules", "--outcomes", "fixtures/2025-08", "--strict", cwd=tmp_path)
    assert out == f"{where}: fel: {rest}\n1 fel, 0 varningar i 10 filer\n"
    assert (code, err) == (1, "")

    code, out, _ = run(
        "rules", "--outcomes", "fixtures/2025-08", "--strict", "--format", "json", cwd=tmp_path
    )
    data = json.loads(out)
    assert [(d["fil"], d["rad"], d["kolumn"], d["nivå"], d["kod"]) for d in data["diagnostik"]] == [
        ("rules/malomraden/tandvard.yaml", 24, 10, "fel", "mål-styr-inte")
    ]
    assert code == 1


def test_mal_styr_inte_needs_three_periods_all_far_above(run: Run, tmp_path: Path) -> None:
    minimal_copy(tmp_path)
    fixtures = tmp_path / "fixtures"
    write_period(fixtures, "2025-04", 5.2)
    write_period(fixtures, "2025-08", 5.5)
    # two periods only
    code, out, _ = run("rules", "--outcomes", "fixtures/2025-08", "--strict", cwd=tmp_path)
    assert (code, out) == (0, "0 fel, 0 varningar i 10 filer\n")
    # three periods, but the oldest is within 20 % of the target (4.5 / 4.07 = 110.6 %)
    write_period(fixtures, "2024-12", 4.5)
    code, out, _ = run("rules", "--outcomes", "fixtures/2025-08", "--strict", cwd=tmp_path)
    assert (code, out) == (0, "0 fel, 0 varningar i 10 filer\n")
