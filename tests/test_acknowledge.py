"""Acknowledging a warning: `# maluppfyllelse: godkänd KOD` silences it on that line.

Each case is a copy of tests/data/minimal_rules in `tmp_path` with the plausibility
warning `procent-över-100` on ledningsprocesser.yaml line 20 (`mål: 650`, with
`mål_text: Max 650 %` to match), as in tests/test_validate_formats.py, and a comment that acknowledges it (or tries to).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from engine.diagnostics import Location, Report
from engine.diagnostics.acknowledge import acknowledge, directives

TESTS = Path(__file__).resolve().parent
MINIMAL = TESTS / "data" / "minimal_rules"
LP = "rules/malomraden/ledningsprocesser.yaml"
WARNING = (
    f"{LP}:20:10: varning: nyckeltal[2].mål: målet 650 % är över 100 %; stämmer det? "
    "[procent-över-100]"
)

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(cli: Run) -> Run:
    return lambda *args, cwd: cli("validate", "rules", *args, cwd=cwd)


def case(tmp_path: Path, new: str = "    mål: 650", above: str = "") -> Path:
    """minimal_rules with `mål: 6.5` replaced by `new` (and `above` inserted before it)."""
    shutil.copytree(MINIMAL, tmp_path / "rules")
    file = tmp_path / LP
    text = file.read_text(encoding="utf-8")
    assert text.count("    mål: 6.5\n    mål_text: Max 6,5 %\n") == 1
    text = text.replace("mål_text: Max 6,5 %", "mål_text: Max 650 %")  # no [mål-text]
    file.write_text(text.replace("    mål: 6.5\n", above + new + "\n"), encoding="utf-8")
    return tmp_path


ACK = "    mål: 650  # maluppfyllelse: godkänd procent-över-100"


def test_without_a_comment_the_warning_shows(run: Run, tmp_path: Path) -> None:
    code, out, _ = run(cwd=case(tmp_path))
    assert (code, out) == (0, f"{WARNING}\n0 fel, 1 varning i 6 filer\n")


def test_a_comment_on_the_line_silences_it_and_says_so(run: Run, tmp_path: Path) -> None:
    code, out, err = run(cwd=case(tmp_path, ACK))
    assert (code, out, err) == (0, "0 fel, 0 varningar (1 godkänd) i 6 filer\n", "")


def test_strict_does_not_fail_on_it_but_still_counts_it(run: Run, tmp_path: Path) -> None:
    code, out, _ = run("--strict", cwd=case(tmp_path, ACK))
    assert (code, out) == (0, "0 fel, 0 varningar (1 godkänd) i 6 filer\n")


@pytest.mark.parametrize(
    "above",
    [
        "    # maluppfyllelse: godkänd procent-över-100\n",
        "    # maluppfyllelse: godkänd procent-över-100\n    # beslutat av RF 2025-02-11\n\n",
        "    #maluppfyllelse:godkänd olika-mål, procent-över-100 – besök per 1 000, inte %\n",
    ],
    ids=["line-above", "comment-block-between", "several-codes-and-reason"],
)
def test_a_comment_alone_applies_to_the_next_line_with_content(
    above: str, run: Run, tmp_path: Path
) -> None:
    code, out, _ = run(cwd=case(tmp_path, "    mål: 650", above))
    assert (code, out) == (0, "0 fel, 0 varningar (1 godkänd) i 6 filer\n")


def test_a_reason_after_a_dash(run: Run, tmp_path: Path) -> None:
    code, out, _ = run(cwd=case(tmp_path, ACK + " - kontrollerat mot beslutet"))
    assert (code, out) == (0, "0 fel, 0 varningar (1 godkänd) i 6 filer\n")


def test_another_code_or_another_line_does_not_silence_it(run: Run, tmp_path: Path) -> None:
    other = "    mål: 650  # maluppfyllelse: godkänd olika-mål"
    assert run(cwd=case(tmp_path, other))[1] == f"{WARNING}\n0 fel, 1 varning i 6 filer\n"
    # A comment alone two lines above, with another key between, acknowledges that key.
    shutil.rmtree(tmp_path / "rules")
    file = case(tmp_path) / LP
    text = file.read_text(encoding="utf-8").replace(
        "    riktning: Max\n", "    # maluppfyllelse: godkänd procent-över-100\n    riktning: Max\n"
    )
    file.write_text(text, encoding="utf-8")
    out = run(cwd=tmp_path)[1]
    assert out == WARNING.replace(":20:10:", ":21:10:") + "\n0 fel, 1 varning i 6 filer\n"


def test_a_directive_inside_a_quoted_string_is_no_comment() -> None:
    report = Report()
    text = 'namn: "a # maluppfyllelse: godkänd procent-över-100"\n'
    assert directives("x.yaml", text, report) == {}
    assert report.diagnostics == []


def test_an_unknown_code_warns_with_a_suggestion(run: Run, tmp_path: Path) -> None:
    line = "    mål: 650  # maluppfyllelse: godkänd procent-över-10"
    code, out, _ = run(cwd=case(tmp_path, line))
    col = line.index("procent")
    assert out.splitlines() == [
        WARNING,
        f"{LP}:20:{col + 1}: varning: 'procent-över-10' är ingen kod (menade du "
        "'procent-över-100'?); kommentaren godkänner den inte [godkännande]",
        "0 fel, 2 varningar i 6 filer",
    ]
    assert code == 0
    assert run("--strict", cwd=tmp_path)[0] == 1


def test_an_error_cannot_be_acknowledged(run: Run, tmp_path: Path) -> None:
    """`andel` (a share above 100 %) is an error: the comment warns and the error stays."""
    shutil.copytree(MINIMAL, tmp_path / "rules")
    file = tmp_path / "rules/malomraden/tandvard.yaml"
    text = file.read_text(encoding="utf-8")
    line = "    mål: 120  # maluppfyllelse: godkänd andel"
    file.write_text(text.replace("    mål: 88\n", line + "\n", 1), encoding="utf-8")
    code, out, _ = run(cwd=tmp_path)
    td = "rules/malomraden/tandvard.yaml"
    assert out.splitlines() == [
        f"{td}:16:10: fel: nyckeltal[1].mål: en andel måste ligga mellan 0 och 100 %, inte "
        "120 % [andel]",
        f"{td}:16:{line.index('andel') + 1}: varning: 'andel' är en felkod; fel kan inte "
        "godkännas, bara varningar (rätta felet); kommentaren godkänner den inte [godkännande]",
        "1 fel, 1 varning i 6 filer",
    ]
    assert code == 1


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        (
            "# maluppfyllelse: ignorera procent-över-100",
            "okänd anvisning 'ignorera' efter 'maluppfyllelse:'; skriv "
            "'# maluppfyllelse: godkänd KOD' för att godkänna en varning",
        ),
        (
            "# maluppfyllelse: godkänd",
            "kommentaren namnger ingen kod; skriv t.ex. "
            "'# maluppfyllelse: godkänd procent-över-100'",
        ),
        (
            "# maluppfyllelse: godkänd godkännande",
            "'godkännande' gäller kommentarerna själva och kan inte godkännas; "
            "kommentaren godkänner den inte",
        ),
    ],
)
def test_unusable_comments_warn(comment: str, message: str) -> None:
    report = Report()
    assert directives("x.yaml", f"a: 1  {comment}\n", report) == {1: set()}
    assert [d.message for d in report.diagnostics] == [message]
    assert {d.code for d in report.diagnostics} == {"godkännande"}


def test_the_comments_own_warnings_cannot_be_silenced() -> None:
    report = Report(files={"x.yaml"})
    text = "a: 1  # maluppfyllelse: godkänd godkännande, nosuch\n"
    acknowledge(report, read=lambda path: text)
    assert [(d.code, d.location.col) for d in report.diagnostics] == [
        ("godkännande", 33),
        ("godkännande", 46),
    ]
    assert report.acknowledged == []


def test_only_warnings_on_the_named_line_and_file_are_moved() -> None:
    report = Report(files={"a.yaml", "b.yaml"})
    report.warning(Location("a.yaml", 2, 3), "procent-över-100", "w")
    report.warning(Location("a.yaml", 3, 3), "procent-över-100", "w")
    report.warning(Location("b.yaml", 2, 3), "procent-över-100", "w")
    report.error(Location("a.yaml", 2, 3), "andel", "e")
    texts = {"a.yaml": "x:\n  y: 1 # maluppfyllelse: godkänd procent-över-100\n  z: 2\n"}
    acknowledge(report, read=texts.get)
    assert [(d.location.path, d.location.line) for d in report.acknowledged] == [("a.yaml", 2)]
    assert len(report.diagnostics) == 3
    assert report.summary() == "1 fel, 2 varningar (1 godkänd) i 2 filer"


def test_every_format_counts_the_acknowledged(run: Run, tmp_path: Path) -> None:
    folder = case(tmp_path, ACK)
    _, github, _ = run("--format", "github", cwd=folder)
    assert github == "0 fel, 0 varningar (1 godkänd) i 6 filer\n"
    _, js, _ = run("--format", "json", cwd=folder)
    data = json.loads(js)
    assert (data["antal_varningar"], data["antal_godkända"], data["diagnostik"]) == (0, 1, [])
    assert [(d["fil"], d["rad"], d["kod"]) for d in data["godkända"]] == [
        (LP, 20, "procent-över-100")
    ]
    _, junit, _ = run("--format", "junit", cwd=folder)
    suite = ET.fromstring(junit).find("testsuite")
    assert suite is not None
    prop = suite.find("properties/property")
    assert prop is not None and prop.attrib == {"name": "godkända", "value": "1"}
    outs = [e.text or "" for e in suite.iter("system-out")]
    assert outs == [f"godkänd: {WARNING}"]
    assert suite.attrib["failures"] == "0"


def test_a_clean_run_keeps_the_summary_and_json_as_before(run: Run, tmp_path: Path) -> None:
    shutil.copytree(MINIMAL, tmp_path / "rules")
    assert run(cwd=tmp_path)[1] == "0 fel, 0 varningar i 6 filer\n"
    data = json.loads(run("--format", "json", cwd=tmp_path)[1])
    assert (data["antal_godkända"], data["godkända"]) == (0, [])


# --- evaluate and report read the same comments -----------------------------------------

ROOT = TESTS.parent
TD_OUT = "fixtures/2025-08/malomraden/tandvard.yaml"


def real_without_motivering(tmp_path: Path, status_line: str) -> Path:
    """The real region with tandvård's motivering removed: `motivering-saknas` at 10:11."""
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / "fixtures" / "2025-08", tmp_path / "fixtures" / "2025-08")
    file = tmp_path / TD_OUT
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [ln for ln in lines if not ln.startswith("  motivering: Även om")]
    assert lines[9].startswith("  status: röd")
    lines[9] = status_line + "\n"
    file.write_text("".join(lines), encoding="utf-8")
    return tmp_path


def test_evaluate_shows_and_silences_the_same_warning(cli: Run, tmp_path: Path) -> None:
    folder = real_without_motivering(tmp_path, "  status: röd")
    code, _, err = cli("evaluate", "--rules", "rules", "--outcomes", "fixtures/2025-08", cwd=folder)
    assert code == 0 and f"{TD_OUT}:10:11: varning:" in err and "[motivering-saknas]" in err
    line = "  status: röd  # maluppfyllelse: godkänd motivering-saknas – beslutat i RF"
    real_without_motivering(tmp_path / "b", line)
    args = ("--rules", "rules", "--outcomes", "fixtures/2025-08")
    code, _, err = cli("evaluate", *args, cwd=tmp_path / "b")
    assert (code, err) == (0, "")
    code, out, _ = cli("validate", "rules", "--strict", cwd=tmp_path / "b")
    # the motivering plus the real period's acknowledged rounding in balanskrav.yaml
    assert (code, out) == (0, "0 fel, 0 varningar (2 godkända) i 24 filer\n")
