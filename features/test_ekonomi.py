"""Step definitions for ekonomi.feature: a copy of the real rules and fixtures/2025-08 in
`tmp_path`, its economy files replaced by the scenario's, and the real engine run on it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from projekt import ROOT, tal
from pytest_bdd import given, parsers, scenarios, then, when
from ruamel.yaml import YAML

from engine.checks.outcomes import load_outcomes
from engine.checks.rules import load_rules
from engine.cli import main
from engine.diagnostics import Report
from engine.evaluation.evaluate import evaluate
from engine.output.context import Bilaga, build_context

scenarios("ekonomi.feature")


class Ekonomi:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.period = root / "fixtures" / "2025-08"
        self.bilaga: Bilaga | None = None
        self.code = -1
        self.out = ""

    def write(self, name: str, data: dict[str, Any]) -> None:
        yaml = YAML()
        yaml.allow_unicode = True
        with (self.period / name).open("w", encoding="utf-8") as f:
            yaml.dump(data, f)


@pytest.fixture
def ekonomi(tmp_path: Path) -> Ekonomi:
    return Ekonomi(tmp_path)


def _rows(datatable: list[list[str]]) -> list[dict[str, str]]:
    head, *rows = datatable
    return [dict(zip(head, (c.strip() for c in r), strict=True)) for r in rows]


# --- Givet ------------------------------------------------------------------------------


@given("en kopia av regionens regler och utfall per augusti 2025")
def copy(ekonomi: Ekonomi) -> None:
    shutil.copytree(ROOT / "rules", ekonomi.root / "rules")
    shutil.copytree(ROOT / "fixtures", ekonomi.root / "fixtures")


@given(parsers.parse("en balanskravsutredning för {year:d} enligt helårsprognos:"))
def balanskrav(ekonomi: Ekonomi, year: int, datatable: list[list[str]]) -> None:
    column: dict[str, Any] = {"år": year, "underlag": "helårsprognos"}
    column |= {r["rad"]: tal(r["mkr"]) for r in _rows(datatable)}
    ekonomi.write("balanskrav.yaml", {"utredning": [column]})


@given(parsers.re(r'^att "(?P<old>[^"]+)" är ändrat till "(?P<new>[^"]+)" i "(?P<name>[^"]+)"$'))
def changed(ekonomi: Ekonomi, old: str, new: str, name: str) -> None:
    path = ekonomi.period / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@given("åtgärderna:")
def actions(ekonomi: Ekonomi, datatable: list[list[str]]) -> None:
    scale = {
        "grön": {"etikett": "Grön", "beskrivning": "målet kommer nås under året", "symbol": "●"},
        "gul": {"etikett": "Gul", "beskrivning": "korrigeringar behöver göras", "symbol": "▲"},
        "röd": {"etikett": "Röd", "beskrivning": "målet kommer ej att nås", "symbol": "■"},
        "ej_bedömd": {"etikett": "Ej bedömd", "beskrivning": "inte bedömd", "symbol": "○"},
    }
    rows = [
        {
            "id": f"a{i + 1}",
            "benämning": r["åtgärd"],
            "ansvarig": r["ansvarig"],
            "område": r["område"],
            "helårseffekt": tal(r["helårseffekt"]),
            "stoppljus": r["stoppljus"],
        }
        for i, r in enumerate(_rows(datatable))
    ]
    ekonomi.write("atgarder.yaml", {"stoppljus": scale, "åtgärder": rows})


@given(parsers.re(r"^budgeten (?P<budget>\S+) mkr för (?P<year>\d{4}) och helårsprognoserna:$"))
def forecasts(ekonomi: Ekonomi, budget: str, year: str, datatable: list[list[str]]) -> None:
    rows = [{"månad": r["månad"], "prognos": tal(r["prognos"])} for r in _rows(datatable)]
    ekonomi.write(
        "budgetavvikelse.yaml", {"år": int(year), "budget": tal(budget), "prognoser": rows}
    )


# --- När --------------------------------------------------------------------------------


@when("rapporten skapas")
def report(ekonomi: Ekonomi) -> None:
    diagnostics = Report()
    rules = load_rules(ekonomi.root / "rules", diagnostics)
    assert rules is not None
    outcomes = load_outcomes(ekonomi.period, rules, diagnostics)
    assert outcomes is not None, [d.format() for d in diagnostics.sorted()]
    ekonomi.bilaga = build_context(rules, evaluate(rules, outcomes))


@when("jag validerar perioden")
def validate(
    ekonomi: Ekonomi, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ekonomi.root)
    capsys.readouterr()
    ekonomi.code = main(["validate", "rules", "--outcomes", "fixtures/2025-08"])
    ekonomi.out = capsys.readouterr().out


# --- Så ---------------------------------------------------------------------------------


def _economy(ekonomi: Ekonomi) -> Any:
    assert ekonomi.bilaga is not None and ekonomi.bilaga.economy is not None
    return ekonomi.bilaga.economy


@then("har balanskravsutredningen raderna:")
def balanskrav_rows(ekonomi: Ekonomi, datatable: list[list[str]]) -> None:
    table = _economy(ekonomi).balanskrav
    shown = {r.label: dict(zip(table.years, r.cells, strict=True)) for r in table.rows}
    for row in _rows(datatable):
        for year in table.years:
            assert shown[row["rad"]][year] == row[year], (row["rad"], shown[row["rad"]])


@then(parsers.parse('bilagan säger "{text}"'))
def says(ekonomi: Ekonomi, text: str) -> None:
    e = _economy(ekonomi)
    paragraphs = [p.paragraph for p in (e.balanskrav, e.actions, e.path) if p is not None]
    assert any(text in p for p in paragraphs), paragraphs


@then(parsers.parse("blir slutkoden {code:d}"))
def exit_code(ekonomi: Ekonomi, code: int) -> None:
    assert ekonomi.code == code, ekonomi.out


@then(
    parsers.re(
        r'^en varning \[(?P<code>[^\]]+)\] pekar på raden "(?P<line>[^"]+)" i "(?P<name>[^"]+)"$'
    )
)
def points_at(ekonomi: Ekonomi, code: str, line: str, name: str) -> None:
    text = (ekonomi.period / name).read_text(encoding="utf-8").splitlines()
    number = next(i + 1 for i, t in enumerate(text) if line in t)
    column = text[number - 1].index(":") + 3
    expected = f"fixtures/2025-08/{name}:{number}:{column}: varning: "
    hits = [o for o in ekonomi.out.splitlines() if o.startswith(expected)]
    assert hits and hits[0].endswith(f"[{code}]"), ekonomi.out


@then(
    parsers.re(
        r'^den godkända varningen \[(?P<code>[^\]]+)\] pekar på raden "(?P<line>[^"]+)" '
        r'i "(?P<name>[^"]+)"$'
    )
)
def acknowledged_at(
    ekonomi: Ekonomi, capsys: pytest.CaptureFixture[str], code: str, line: str, name: str
) -> None:
    import json

    text = (ekonomi.period / name).read_text(encoding="utf-8").splitlines()
    number = next(i + 1 for i, t in enumerate(text) if line in t)
    capsys.readouterr()
    main(["validate", "rules", "--outcomes", "fixtures/2025-08", "--format", "json"])
    found = json.loads(capsys.readouterr().out)["godkända"]
    assert [(a["fil"], a["rad"], a["kod"]) for a in found] == [
        (f"fixtures/2025-08/{name}", number, code)
    ]


@then(parsers.parse('utskriften innehåller "{text}"'))
def output_has(ekonomi: Ekonomi, text: str) -> None:
    assert text in ekonomi.out, ekonomi.out


@then("är helårseffekten per stoppljus:")
def per_stoplight(ekonomi: Ekonomi, datatable: list[list[str]]) -> None:
    sums = _economy(ekonomi).actions.by_stoplight
    shown = [{"stoppljus": s.label, "antal": str(s.count), "mkr": s.effect} for s in sums]
    assert shown == _rows(datatable)


@then("helårseffekten per område:")
def per_area(ekonomi: Ekonomi, datatable: list[list[str]]) -> None:
    rows = _economy(ekonomi).actions.by_area
    assert [{"område": r.cells[0], "mkr": r.cells[1]} for r in rows] == _rows(datatable)


@then("har diagrammets siffror raderna:")
def path_rows(ekonomi: Ekonomi, datatable: list[list[str]]) -> None:
    shown = {r.cells[0]: r.cells for r in _economy(ekonomi).path.rows}
    for row in _rows(datatable):
        assert shown[row["månad"]] == [row["månad"], row["prognos"], row["väg"]]


@then("diagrammet finns som SVG med texten som alternativ och som PNG")
def chart(ekonomi: Ekonomi) -> None:
    path = _economy(ekonomi).path
    assert path.svg.startswith('<svg role="img" aria-label="')
    assert path.alt in path.svg.replace("&quot;", '"')
    assert path.png.startswith(b"\x89PNG")
