"""Step definitions for validering.feature: the validator as a policy officer meets it."""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from engine.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_RULES = ROOT / "tests" / "data" / "minimal_rules"

scenarios("validering.feature")


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def run_box() -> dict[str, Run]:
    return {}


@given("en regelmapp med exempelreglerna")
def example_rules(workdir: Path) -> None:
    shutil.copytree(EXAMPLE_RULES, workdir / "rules")


@given(parsers.parse('att "{old}" är ändrat till "{new}" i "{file}"'))
def edit(workdir: Path, old: str, new: str, file: str) -> None:
    path = workdir / "rules" / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"'{old}' finns inte i {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@given(parsers.parse('filen "{file}" med innehållet "{content}"'))
def extra_file(workdir: Path, file: str, content: str) -> None:
    (workdir / "rules" / file).write_text(content + "\n", encoding="utf-8")


def _run(args: list[str], capsys: pytest.CaptureFixture[str], box: dict[str, Run]) -> None:
    capsys.readouterr()
    code = main(args)
    captured = capsys.readouterr()
    box["run"] = Run(code, captured.out, captured.err)


@when(parsers.parse('jag kör "maluppfyllelse {args}"'))
def run_cli(args: str, capsys: pytest.CaptureFixture[str], run_box: dict[str, Run]) -> None:
    _run(shlex.split(args), capsys, run_box)


@when("jag validerar regionens riktiga regler")
def run_real(
    capsys: pytest.CaptureFixture[str], run_box: dict[str, Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    _run(["validate", "rules"], capsys, run_box)


@then(parsers.parse("blir slutkoden {code:d}"))
def exit_code(run_box: dict[str, Run], code: int) -> None:
    run = run_box["run"]
    assert run.code == code, run.out + run.err


@then(parsers.parse('utskriften innehåller "{text}"'))
def output_contains(run_box: dict[str, Run], text: str) -> None:
    assert text in run_box["run"].out, run_box["run"].out


@then(parsers.parse('felutskriften innehåller "{text}"'))
def stderr_contains(run_box: dict[str, Run], text: str) -> None:
    assert text in run_box["run"].err, run_box["run"].err


@then(parsers.parse('sista raden är "{text}"'))
def last_line(run_box: dict[str, Run], text: str) -> None:
    assert run_box["run"].out.rstrip("\n").splitlines()[-1] == text


@then(parsers.parse("utskriften har {count:d} felrader i ordning efter fil och rad"))
def sorted_errors(run_box: dict[str, Run], count: int) -> None:
    lines = [ln for ln in run_box["run"].out.splitlines() if ": fel: " in ln]
    assert len(lines) == count, lines
    positions = []
    for ln in lines:
        m = re.match(r"^([^:]+):(\d+):(\d+):", ln)
        assert m, ln
        positions.append((m.group(1), int(m.group(2)), int(m.group(3))))
    assert positions == sorted(positions)
    assert len({p[0] for p in positions}) == count  # one error in each file, both listed
