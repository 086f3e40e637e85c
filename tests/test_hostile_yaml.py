"""Hostile YAML (issue 15, the input layer): deep nesting, node and alias budgets, file
size, huge integers, text that XML cannot carry, and diagnostics that stay one line.

Each test builds its small input here, on copies of the real rules and outcomes
(`project`) or of tests/data/minimal_rules. Inputs that once crashed the interpreter
(a C stack overflow) run in a child process, so a crash fails the test instead of
ending the test run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from engine.diagnostics import Diagnostic, Location, Report, Severity, one_line, quote
from engine.inputs import yamlfile, yamlgraph
from engine.inputs.yamlfile import load_file, load_text
from tests.conftest import replace_in

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "data" / "minimal_rules"
CliRun = Callable[..., tuple[int, str, str]]  # the `cli` fixture in conftest.py
PERIOD = "fixtures/2025-08"
TD = "rules/malomraden/tandvard.yaml"
HUGE_HEX = "0x" + "f" * 3600  # about 4 300 decimal digits


def run_child(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "engine", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def assert_one_error(out: str, expected: str, count: int = 1) -> None:
    lines = out.splitlines()
    assert expected in lines, out[:2000]
    assert lines[-1].startswith(f"{count} fel"), out[:2000]


# --- nesting: refused before any parser recurses ------------------------------------


@pytest.mark.parametrize(
    ("value", "col"),
    [
        ("[" * 27_500 + "]" * 27_500, 103),  # segfaulted the C composer (exit 139)
        ("[" * 10_000 + "]" * 10_000, 103),  # RecursionError in fmt
        ("{a: " * 5_000 + "1" + "}" * 5_000, 400),
    ],
    ids=["27500-hakparenteser", "10000-hakparenteser", "flödesmappningar"],
)
def test_deep_flow_nesting_is_refused_at_the_level_that_breaks_the_limit(
    project: Path, value: str, col: int
) -> None:
    replace_in(project / TD, "ordning: 2\n", f"ordning: 2\nx: {value}\n")
    for args in (("validate", "rules"), ("fmt", "--check", "rules")):
        result = run_child(project, *args)
        assert result.returncode == 1, (args, result.returncode, result.stderr[-2000:])
        assert "Traceback" not in result.stderr
        expected = (
            f"{TD}:10:{col}: fel: listor och mappningar är nästlade i fler än 100 nivåer här; "
            "filen läses inte [för-djup-nästling]"
        )
        assert expected in (result.stdout + result.stderr).splitlines()


def test_deep_block_nesting_is_refused(project: Path) -> None:
    replace_in(project / TD, "ordning: 2\n", "ordning: 2\nx:\n" + "- " * 30_000 + "a\n")
    result = run_child(project, "validate", "rules")
    assert result.returncode == 1, result.stderr[-2000:]
    assert f"{TD}:11:199: fel:" in result.stdout
    assert "[för-djup-nästling]" in result.stdout


def test_nesting_through_aliases_counts_too(tmp_path: Path) -> None:
    text = "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 150))
    report = Report()
    assert load_text(text, "djup.yaml", report) is None
    [d] = report.sorted()
    assert d.code == "för-djup-nästling"
    assert d.location.line == 100  # the first alias whose expansion is 101 levels deep


def test_a_hundred_levels_are_fine() -> None:
    report = Report()
    doc = load_text("x: " + "[" * 99 + "1" + "]" * 99 + "\n", "ok.yaml", report)
    assert doc is not None and report.sorted() == []


# --- the node budget: counted while parsing, aliases apart from plain size --------------


def test_an_outcome_file_with_100000_plain_entries_loads() -> None:
    """Refused as an 'alias-bomb' above about 28 000 entries before; 10⁵ is about 4.5 MB."""
    lines = ["målområde: x", "nyckeltal:"]
    for i in range(100_000):
        lines += [f"  - id: k{i % 200}", f"    nämnd: N{i // 200:03d}", f"    utfall: {i % 97}.5"]
    text = "\n".join(lines) + "\n"
    assert len(text) > 4_000_000
    report = Report()
    doc = load_text(text, "stor.yaml", report)
    assert report.sorted() == []
    assert doc is not None and len(doc.data["nyckeltal"]) == 100_000
    assert doc.where(("nyckeltal", 99_999, "utfall")) == Location("stor.yaml", 300_002, 13)


def test_too_many_nodes_are_refused_where_the_budget_runs_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(yamlgraph, "MAX_NODES", 1_000)
    report = Report()
    assert load_text("x:\n" + "  - 1\n" * 5_000, "platt.yaml", report) is None
    [d] = report.sorted()
    # node 1 001: the mapping, the key 'x', the list, then the 998th item (line 999)
    assert (d.code, d.location.line, d.location.col) == ("för-många-noder", 999, 5)
    assert d.message == (
        "filen har fler än 1000 värden (listor, mappningar och texter); den läses inte"
    )


BILLION_LAUGHS = (
    'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n"
        for p, n in zip("abcdefghijklmno", "bcdefghijklmnop", strict=True)
    )
)


def test_an_alias_bomb_is_refused_at_the_alias_before_it_is_expanded() -> None:
    start = time.monotonic()
    report = Report()
    assert load_text(BILLION_LAUGHS, "bomb.yaml", report) is None
    assert time.monotonic() - start < 2
    assert [d.format() for d in report.sorted()] == [
        "bomb.yaml:6:8: fel: alias och ankare expanderar här till fler än 100000 extra noder; "
        "filen läses inte [alias-bomb]"
    ]


def test_a_merge_key_bomb_is_refused() -> None:
    text = "a: &a {" + ", ".join(f"k{i}: {i}" for i in range(100)) + "}\n"
    text += "c: [" + ", ".join(["{<<: *a}"] * 500) + "]\n"  # 500 × 201 nodes through '<<'
    report = Report()
    assert load_text(text, "merge.yaml", report) is None
    [d] = report.sorted()
    assert d.code == "alias-bomb"
    assert (d.location.line, d.location.col) == (2, 5 + 10 * 497 + 5)  # the 498th '*a'


def test_aliases_within_the_budget_are_expanded() -> None:
    text = "bas: &bas {enhet: '%', riktning: Minst}\nk1: {<<: *bas, mål: 1}\nk2: *bas\n"
    report = Report()
    doc = load_text(text, "alias.yaml", report)
    assert report.sorted() == [] and doc is not None
    assert doc.data["k1"] == {"enhet": "%", "riktning": "Minst", "mål": 1}
    assert doc.data["k2"] == {"enhet": "%", "riktning": "Minst"}
    assert doc.where(("k1", "riktning")) == Location("alias.yaml", 1, 34)  # in the anchor
    assert doc.where(("k1", "mål"), at_key=True) == Location("alias.yaml", 2, 16)


def test_the_size_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert yamlfile.MAX_BYTES == 20 * 1024 * 1024
    monkeypatch.setattr(yamlfile, "MAX_BYTES", 1024 * 1024)
    big = tmp_path / "stor.yaml"
    big.write_text("x: '" + "a" * (1024 * 1024) + "'\n", encoding="utf-8")
    report = Report()
    assert load_file(big, report, "stor.yaml") is None
    assert [d.format() for d in report.sorted()] == [
        "stor.yaml:1:1: fel: filen är större än 1 MB; den läses inte [för-stor]"
    ]


def test_fmt_keeps_the_same_limits(
    cli: CliRun, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bomb.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    (rules / "tal.yaml").write_text("ordning: " + "9" * 5_000 + "\n", encoding="utf-8")
    monkeypatch.setattr(yamlgraph, "MAX_NODES", 100)
    (rules / "platt.yaml").write_text("x: [" + "1, " * 200 + "1]\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in rules.iterdir()}
    code, out, err = cli("fmt", "rules", cwd=tmp_path)
    assert code == 1
    assert "Traceback" not in err
    assert err.splitlines() == [
        "rules/bomb.yaml:6:8: fel: alias och ankare expanderar här till fler än 100000 extra "
        "noder; filen läses inte [alias-bomb]",
        "rules/platt.yaml:1:296: fel: filen har fler än 100 värden (listor, mappningar och "
        "texter); den läses inte [för-många-noder]",
        "rules/tal.yaml:1:10: fel: heltalet '99999999999999999999…' har fler än 300 siffror; "
        "så stora tal går inte att räkna med [för-stort-tal]",
    ]
    assert out == "0 av 3 filer formaterades om\n"
    assert {p.name: p.read_bytes() for p in rules.iterdir()} == before


def test_fmt_refuses_a_file_over_the_size_limit_without_reading_it(
    cli: CliRun, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import engine.tools.fmt

    monkeypatch.setattr(yamlfile, "MAX_BYTES", 1024 * 1024)
    monkeypatch.setattr(engine.tools.fmt, "MAX_BYTES", 1024 * 1024)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "stor.yaml").write_text("x:\n" + "  - a   \n" * 200_000, encoding="utf-8")
    code, out, err = cli("fmt", "rules", cwd=tmp_path)
    assert code == 1
    assert err == "rules/stor.yaml:1:1: fel: filen är större än 1 MB; den läses inte [för-stor]\n"


def test_fmt_keeps_an_impossible_date_as_written(cli: CliRun, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "datum.yaml").write_text("id: x\nordning:   2025-13-45\n", encoding="utf-8")
    code, out, err = cli("fmt", "rules", cwd=tmp_path)
    assert (code, err) == (0, "")
    assert (rules / "datum.yaml").read_text(encoding="utf-8") == "id: x\nordning: 2025-13-45\n"


# --- integers too large to print or to compare --------------------------------------


@pytest.mark.parametrize(
    ("rel", "old", "new", "where", "args"),
    [
        (TD, "ordning: 2\n", f"ordning: {HUGE_HEX}\n", f"{TD}:9:10", ("validate", "rules")),
        (
            TD,
            "    mål: 4.07\n",
            f"    mål: {HUGE_HEX}\n",
            f"{TD}:56:10",
            ("validate", "rules"),
        ),
        (
            "rules/malomraden/ledningsprocesser.yaml",
            "basår: 2019}",
            f"basår: {HUGE_HEX}}}",
            "rules/malomraden/ledningsprocesser.yaml:185:43",
            ("evaluate", "--format", "json"),
        ),
        (
            f"{PERIOD}/malomraden/tandvard.yaml",
            "    utfall: 4.1 ",
            f"    utfall: {HUGE_HEX} ",
            f"{PERIOD}/malomraden/tandvard.yaml:91:13",
            ("validate", "rules", "--outcomes", PERIOD),
        ),
        (
            f"{PERIOD}/malomraden/tandvard.yaml",
            "    utfall: 4.1 ",
            "    utfall: " + "9" * 5_000 + " ",
            f"{PERIOD}/malomraden/tandvard.yaml:91:13",
            ("evaluate", "--format", "json"),
        ),
    ],
    ids=["ordning", "mål", "basår-evaluate-json", "utfall", "utfall-decimalt-evaluate-json"],
)
def test_a_huge_integer_is_a_pointed_error(
    cli: CliRun,
    project: Path,
    rel: str,
    old: str,
    new: str,
    where: str,
    args: tuple[str, ...],
) -> None:
    replace_in(project / rel, old, new)
    code, out, err = cli(*args, cwd=project)
    assert code == 1, err
    assert "Traceback" not in err
    digits = new.split(": ", 1)[1][:20]
    line = (
        f"{where}: fel: heltalet '{digits}…' har fler än 300 siffror; "
        "så stora tal går inte att räkna med [för-stort-tal]"
    )
    # The other entries of the file are still read (partial loading), so the målområde of
    # the financial goals stays known: one error, not two.
    assert_one_error(out if args[0] == "validate" else err, line, 1)


def test_integers_up_to_the_limit_still_load() -> None:
    report = Report()
    doc = load_text(f"a: {10**299}\nb: -{10**299}\nc: 0x{'f' * 240}\n", "tal.yaml", report)
    assert report.sorted() == [] and doc is not None
    assert doc.data["a"] == 10**299 and doc.data["c"] == 16**240 - 1


#: What validate adds to its summary when the rules fail (the outcomes are checked
#: against them).
NOT_CHECKED = "; utfallen i fixtures/2025-08 kontrollerades inte, eftersom reglerna har fel"


# --- text that XML cannot carry -------------------------------------------------------


def test_a_lone_surrogate_is_an_error_that_can_be_printed(project: Path) -> None:
    replace_in(project / TD, "    mål: 4.07\n", '    mål: "\\ud800"\n')
    for fmt in ("text", "json", "github", "junit"):
        result = run_child(project, "validate", "rules", "--format", fmt)
        assert result.returncode == 1, (fmt, result.stderr[-2000:])
        assert result.stderr == ""
        assert "U+D800" in result.stdout
    result = run_child(project, "validate", "rules")
    assert result.stdout.splitlines() == [
        f"{TD}:56:10: fel: texten innehåller tecknet U+D800, som inte kan skrivas i "
        "rapporterna (Word, HTML, PDF); ta bort det [ogiltigt-tecken]",
        "1 fel, 0 varningar i 12 filer" + NOT_CHECKED,
    ]


@pytest.mark.parametrize("char", ["\\uFFFE", "\\uFFFF", "\\udfff"])
def test_text_xml_cannot_carry_stops_before_the_report(
    cli: CliRun, project: Path, char: str
) -> None:
    replace_in(project / TD, "namn: Tandvård\n", f'namn: "Tand{char}vård"\n')
    line = (
        f"{TD}:7:7: fel: texten innehåller tecknet U+{char[2:].upper()}, som inte kan skrivas "
        "i rapporterna (Word, HTML, PDF); ta bort det [ogiltigt-tecken]"
    )
    code, out, err = cli("validate", "rules", cwd=project)
    assert code == 1
    assert_one_error(out, line)
    code, out, err = cli("report", "--format", "docx", "--out", "ut", "-q", cwd=project)
    assert code == 1
    assert "Traceback" not in err
    assert line in err.splitlines()
    assert not (project / "ut").exists() or not any((project / "ut").iterdir())


# --- diagnostics are one line, with values escaped and shortened ------------------------


def test_a_value_with_a_newline_is_shown_escaped(cli: CliRun, project: Path) -> None:
    replace_in(project / TD, "    mål: 4.07\n", '    mål: "88\\nx"\n')
    code, out, err = cli("validate", "rules", cwd=project)
    assert code == 1
    assert out.splitlines() == [
        f"{TD}:56:10: fel: nyckeltal[1].mål: ska vara ett tal, men är texten '88\\nx' [typ]",
        "1 fel, 0 varningar i 12 filer" + NOT_CHECKED,
    ]


def test_a_huge_value_is_shortened(cli: CliRun, project: Path) -> None:
    replace_in(project / TD, "    mål: 4.07\n", '    mål: "' + "1" * 4_900_000 + '"\n')
    code, out, err = cli("validate", "rules", cwd=project)
    assert code == 1
    first, summary = out.splitlines()
    assert first == (
        f"{TD}:56:10: fel: nyckeltal[1].mål: ska vara ett tal, men är texten '{'1' * 80}…' [typ]"
    )
    assert summary == "1 fel, 0 varningar i 12 filer" + NOT_CHECKED
    code, out, err = cli("validate", "rules", "--format", "json", cwd=project)
    [entry] = json.loads(out)["diagnostik"]
    assert len(entry["meddelande"]) < 200


def test_a_key_with_a_line_break_stays_on_one_line(cli: CliRun, tmp_path: Path) -> None:
    shutil.copytree(MINIMAL, tmp_path / "rules")
    replace_in(tmp_path / TD, "ordning: 1\n", 'ordning: 1\n"a\\nb\\u2028c": 1\n')
    code, out, err = cli("validate", "rules", "--format", "github", cwd=tmp_path)
    assert code == 1
    assert out.splitlines() == [
        f"::error file={TD},line=5,col=1,title=okänd-nyckel::okänd nyckel 'a\\nb\\u2028c'",
        "1 fel, 0 varningar i 6 filer",
    ]


def test_every_diagnostic_is_one_printable_line() -> None:
    d = Diagnostic(
        Location("f.yaml", 1, 1), Severity.ERROR, "x", "a\nb\r\tc\x00\ud800" + "y" * 5000
    )
    text = d.format()
    assert "\n" not in text and "\r" not in text
    text.encode("utf-8")  # no unpaired surrogate left
    assert len(text) < 1100
    assert one_line("ett\ntvå") == "ett\\ntvå"
    assert quote("x" * 100, 5) == "'xxxxx…'"
    assert quote(10**5000) == "'<int>'"


def test_an_explicit_tag_that_cannot_be_built_is_the_text_as_written() -> None:
    report = Report()
    text = 'a: !!int ""\nb: !!bool kanske\nc: !!float x\nd: !!timestamp 2025-13-45\n'
    doc = load_text(text, "taggar.yaml", report)
    assert report.sorted() == [] and doc is not None
    assert doc.data == {"a": "", "b": "kanske", "c": "x", "d": "2025-13-45"}


@pytest.mark.parametrize("key", ["~", "null", ""])
def test_a_key_without_a_name_is_called_so(
    key: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A key that is empty, ~ or null is not 'None' in the message, on the fast path and
    (with a duplicate, which takes the full path) the full one alike."""
    from engine.cli import main

    rules = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parent.parent / "rules", rules)
    skala = rules / "skala.yaml"
    skala.write_text(skala.read_text(encoding="utf-8") + f"\n{key}: 1\n", encoding="utf-8")
    assert main(["validate", str(rules), "--bara-regler"]) != 0
    out = capsys.readouterr()
    text = out.out + out.err
    assert "okänd nyckel utan namn (en tom nyckel, ~ eller null) [okänd-nyckel]" in text, text
    assert "'None'" not in text
    skala.write_text(skala.read_text(encoding="utf-8") + f"{key}: 2\n", encoding="utf-8")
    main(["validate", str(rules), "--bara-regler"])
    out = capsys.readouterr()
    assert "nyckeln utan namn (en tom nyckel, ~ eller null) finns redan" in out.out + out.err
