"""Step definitions for beslutad_bedömning.feature: a declared status on a nyckeltal, on a
copy of the real rules and the August 2025 outcomes, through the CLI."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from projekt import ROOT
from pytest_bdd import given, parsers, scenarios, then, when

from engine.cli import main

scenarios("beslutad_bedömning.feature")

PERIOD = "fixtures/2025-08"
MOTIVATION = "Målet för andelen ekologiska livsmedel i inköpen är endast delvis uppfyllt."


@dataclass
class Kopia:
    root: Path
    code: int = 0
    stdout: str = ""
    stderr: str = ""
    markdown: str = ""

    def run(self, capsys: pytest.CaptureFixture[str], *args: str) -> None:
        capsys.readouterr()
        self.code = main(
            [args[0], "--rules", str(self.root / "rules"), "--outcomes", str(self.root / PERIOD),
             *args[1:]]
        )  # fmt: skip
        self.stdout, self.stderr = capsys.readouterr()

    def row(self, name: str) -> dict[str, Any]:
        return next(r for r in json.loads(self.stdout)["nyckeltal"] if r["namn"] == name)


@pytest.fixture
def kopia(tmp_path: Path) -> Kopia:
    return Kopia(tmp_path)


@given("en kopia av regionens regler och utfall per augusti 2025")
def real_copy(kopia: Kopia) -> None:
    shutil.copytree(ROOT / "rules", kopia.root / "rules")
    shutil.copytree(ROOT / PERIOD, kopia.root / PERIOD)


@given("att motiveringen till ekologiska livsmedel har tagits bort")
def drop_motivation(kopia: Kopia) -> None:
    path = kopia.root / PERIOD / "malomraden" / "ledningsprocesser.yaml"
    text = path.read_text(encoding="utf-8")
    line = f"      motivering: {MOTIVATION}\n"
    assert text.count(line) == 1
    path.write_text(text.replace(line, ""), encoding="utf-8")


@when("måluppfyllelsen beräknas som JSON")
def evaluate_json(kopia: Kopia, capsys: pytest.CaptureFixture[str]) -> None:
    kopia.run(capsys, "evaluate", "--format", "json")


@when("bilagan skapas i Markdown")
def report_md(kopia: Kopia, capsys: pytest.CaptureFixture[str]) -> None:
    out = kopia.root / "rapporter"
    kopia.run(capsys, "report", "--format", "md", "--out", str(out), "-q")
    assert kopia.code == 0, kopia.stderr
    kopia.markdown = next(out.glob("*.md")).read_text(encoding="utf-8")


@then(parsers.re(r'^har "(?P<name>[^"]+)" status "(?P<status>[^"]+)"$'))
def has_status(kopia: Kopia, name: str, status: str) -> None:
    assert kopia.code == 0, kopia.stderr
    row = kopia.row(name)
    assert (row["status"], row["beslutad_status"]) == (status, status)


@then(
    parsers.re(
        r'^är den beräknade statusen "(?P<status>[^"]+)" kvar, med måluppfyllelsen (?P<ratio>[\d,]+)$'
    )
)
def computed_kept(kopia: Kopia, status: str, ratio: str) -> None:
    rows = [r for r in json.loads(kopia.stdout)["nyckeltal"] if r["beslutad_status"]]
    assert len(rows) == 1, [r["id"] for r in rows]
    assert rows[0]["beräknad_status"] == status
    assert rows[0]["måluppfyllelse"] == float(ratio.replace(",", "."))


@then(parsers.re(r'^är den beslutade motiveringen "(?P<text>[^"]+)"$'))
def motivation_is(kopia: Kopia, text: str) -> None:
    rows = [r for r in json.loads(kopia.stdout)["nyckeltal"] if r["beslutad_status"]]
    assert rows[0]["beslutad_motivering"] == text


def _row(kopia: Kopia, name: str) -> str:
    rows = [line for line in kopia.markdown.splitlines() if line.startswith(f"| {name}")]
    assert len(rows) == 1, rows
    return rows[0]


@then(parsers.re(r'^står "(?P<text>[^"]+)" i raden för "(?P<name>[^"]+)"$'))
def row_says(kopia: Kopia, text: str, name: str) -> None:
    assert text in _row(kopia, name)


@then(parsers.re(r'^visar raden statusen "(?P<label>[^"]+)"$'))
def row_status(kopia: Kopia, label: str) -> None:
    cells = [c.strip() for c in _row(kopia, "Andelen ekologiska livsmedel").split("|")]
    assert cells[5].endswith(label), cells


@then(parsers.re(r'^avbryts beräkningen med ett fel i "(?P<path>[^"]+)" om "(?P<word>[^"]+)"$'))
def fails_located(kopia: Kopia, path: str, word: str) -> None:
    assert kopia.code == 1, kopia.stderr
    located = [
        line
        for line in kopia.stderr.splitlines()
        if re.search(rf"{re.escape(path)}:\d+:\d+: fel: ", line) and word in line
    ]
    assert located, kopia.stderr
    assert "Traceback" not in kopia.stderr
