"""Step definitions for dataomgång.feature: mall → fill in → import → status → report.

The project is made by `maluppfyllelse init --exempel` in tmp_path; the nämnd's typing
is done with openpyxl into the workbook `mall` wrote, as a person types into Excel
(decimal comma, thousands space)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytest_bdd import given, parsers, scenarios, then, when

from engine.cli import main

scenarios("dataomgång.feature")

UTFALL_COL, STATUS_COL = 7, 4


@dataclass
class Round:
    project: Path
    period: str = ""
    code: int = 0
    out: str = ""
    err: str = ""
    before: dict[Path, bytes] = field(default_factory=dict)

    def book(self, namnd: str) -> Path:
        return self.project / "insamling" / self.period / f"utfall-{self.period}-{namnd}.xlsx"


def _run(r: Round, capsys: pytest.CaptureFixture[str], *args: str) -> None:
    capsys.readouterr()
    try:
        r.code = main(list(args))
    except SystemExit as exc:
        r.code = exc.code if isinstance(exc.code, int) else 2
    r.out, r.err = capsys.readouterr()


def _row(ws: object, ident: str) -> int:
    for (cell,) in ws.iter_rows(min_col=1, max_col=1):  # type: ignore[attr-defined]
        if cell.value == ident:
            return int(cell.row)
    raise AssertionError(f"{ident} finns inte i arbetsboken")


@given('ett projekt skapat med "maluppfyllelse init --exempel"', target_fixture="omgång")
def project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Round:
    monkeypatch.chdir(tmp_path)
    r = Round(tmp_path / "regionen")
    _run(r, capsys, "init", "--exempel", str(r.project))
    assert r.code == 0, r.err
    monkeypatch.chdir(r.project)
    return r


@when(parsers.parse('jag skapar arbetsböckerna för perioden "{period}"'))
def make_books(omgång: Round, capsys: pytest.CaptureFixture[str], period: str) -> None:
    omgång.period = period
    _run(omgång, capsys, "mall", "--period", period)
    assert omgång.code == 0, omgång.err


@then(parsers.parse("finns en arbetsbok per nämnd: {namnder}"))
def one_per_namnd(omgång: Round, namnder: str) -> None:
    expected = [omgång.book(n.strip()) for n in namnder.split(",")]
    assert sorted(omgång.project.glob(f"insamling/{omgång.period}/*.xlsx")) == sorted(expected)


@when(parsers.parse('{namnd} skriver "{value}" som utfall för "{ident}"'))
def type_value(omgång: Round, namnd: str, value: str, ident: str) -> None:
    path = omgång.book(namnd)
    wb = load_workbook(path)
    ws = wb["Nyckeltal"]
    ws.cell(row=_row(ws, ident), column=UTFALL_COL).value = value
    wb.save(path)


@when(parsers.parse('{namnd} väljer statusen "{status}" för uppdraget "{ident}"'))
def choose_status(omgång: Round, namnd: str, status: str, ident: str) -> None:
    path = omgång.book(namnd)
    wb = load_workbook(path)
    ws = wb["Uppdrag"]
    ws.cell(row=_row(ws, ident), column=STATUS_COL).value = status
    wb.save(path)


def _snapshot(omgång: Round) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in (omgång.project / "fixtures").rglob("*.yaml")}


@when(parsers.re(r"jag importerar (?P<namnd>\w+):s arbetsbok(?P<rest>.*)"))
def import_book(omgång: Round, capsys: pytest.CaptureFixture[str], namnd: str, rest: str) -> None:
    extra = ["--klar"] if "klarmarkerar" in rest else []
    if '"--ersätt"' in rest:
        extra.append("--ersätt")
    omgång.before = _snapshot(omgång)
    _run(omgång, capsys, "import", str(omgång.book(namnd)), *extra)


@then(parsers.parse("blir slutkoden {code:d}"))
def exit_code(omgång: Round, code: int) -> None:
    assert omgång.code == code, omgång.out + omgång.err


@then(parsers.parse('felet pekar på cellen för utfallet av "{ident}": "{message}"'))
def error_at_cell(omgång: Round, ident: str, message: str) -> None:
    path = omgång.book("HSN")
    row = _row(load_workbook(path)["Nyckeltal"], ident)
    expected = f"{path}:Nyckeltal!G{row}: fel: {message}"
    assert expected in omgång.err.splitlines(), omgång.err


@then(parsers.parse('ingen utfallsfil för perioden "{period}" har skrivits'))
def nothing_written(omgång: Round, period: str) -> None:
    assert not (omgång.project / "fixtures" / period).exists()
    assert _snapshot(omgång) == omgång.before


@then(parsers.parse('utfallet för "{a}" är {va:g} och för "{b}" {vb:g}'))
def values(omgång: Round, a: str, va: float, b: str, vb: float) -> None:
    from engine.checks.outcomes import load_outcomes
    from engine.checks.rules import load_rules
    from engine.diagnostics import Report

    report = Report()
    rules = load_rules(omgång.project / "rules", report)
    assert rules is not None
    out = load_outcomes(omgång.project / "fixtures" / omgång.period, rules, report)
    assert out is not None, [d.format() for d in report.sorted()]
    assert out.kpi[(a, "HSN")].value == va
    assert out.kpi[(b, "HSN")].value == vb


@then(parsers.parse('status säger "{first}" och "{second}"'))
def status_says(omgång: Round, capsys: pytest.CaptureFixture[str], first: str, second: str) -> None:
    _run(omgång, capsys, "status", "--period", omgång.period)
    assert omgång.code == 0, omgång.err
    assert first in omgång.out.splitlines() and second in omgång.out.splitlines(), omgång.out


@then(parsers.parse('"maluppfyllelse status --kräv-klar" avslutas med {code:d}'))
def require_ready(omgång: Round, capsys: pytest.CaptureFixture[str], code: int) -> None:
    _run(omgång, capsys, "status", "--period", omgång.period, "--kräv-klar")
    assert omgång.code == code


@when("jag skapar Bilaga 1 i Markdown")
def report_md(omgång: Round, capsys: pytest.CaptureFixture[str]) -> None:
    _run(omgång, capsys, "report", "--format", "md", "--outcomes", f"fixtures/{omgång.period}")


@then(parsers.parse('bilagan för perioden "{period}" finns'))
def appendix_exists(omgång: Round, period: str) -> None:
    text = (omgång.project / "reports" / f"bilaga1-{period}.md").read_text(encoding="utf-8")
    assert "Sammanställning måluppfyllelse" in text
