"""Step definitions for mål_över_tid.feature: a target per period and per year of the plan,
each with the decision that set it, evaluated period by period."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from projekt import NUM, Projekt, Resultat, find_measure, run_evaluation, tal
from pytest_bdd import given, parsers, scenarios, then, when

from engine.cli import main
from engine.evaluation.evaluate import Evaluation
from engine.output.contracts import resultat as as_json

scenarios("mål_över_tid.feature")

COLOUR = {"grönt": "grön", "gult": "gul", "rött": "röd"}


@dataclass
class Perioder:
    """The outcomes per period, and what each step last produced."""

    values: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    validation: tuple[int, str] = (0, "")
    review: str = ""


@pytest.fixture
def perioder() -> Perioder:
    return Perioder()


def _decision(text: str) -> dict[str, Any]:
    """'Dokument, Organ, ÅÅÅÅ-MM-DD, § N' (as many parts as given) → a beslut mapping."""
    keys = ("dokument", "organ", "datum", "paragraf")
    return dict(zip(keys, [p.strip() for p in text.split(",")], strict=False))


@given("att varje mål måste ha ett fullständigt beslut")
def decisions_required(projekt: Projekt) -> None:
    projekt.organisation["kräv_beslut"] = True
    projekt.organisation["beslut"] = _decision(
        "Regionplan med budget 2025–2027, Regionfullmäktige, 2024-11-20, § 123"
    )


@given(
    parsers.re(
        r'^nyckeltalet "(?P<name>[^"]+)" för (?P<namnd>[A-ZÅÄÖ]+) med riktning '
        r'"(?P<direction>[^"]+)" och målen:$'
    )
)
def kpi_over_time(
    projekt: Projekt, name: str, namnd: str, direction: str, datatable: list[list[str]]
) -> None:
    header, *rows = [[c.strip() for c in row] for row in datatable]
    m = projekt.add_kpi(name, namnd, direction, None, "")
    entries = []
    for row in rows:
        cells = dict(zip(header, row, strict=True))
        which = cells["gäller"]
        entry: dict[str, Any] = {"period": which} if "-" in which else {"år": int(which)}
        entry["mål"] = tal(cells["mål"])
        if cells.get("beslut"):
            entry["beslut"] = _decision(cells["beslut"])
        entries.append(entry)
    m.rule["mål_över_tid"] = entries


@given(
    parsers.re(
        rf'^utfallet för "(?P<name>[^"]+)" är (?P<value>{NUM}) i perioden "(?P<period>\d{{4}}-\d{{2}})"$'
    )
)
def outcome_in(perioder: Perioder, name: str, value: str, period: str) -> None:
    perioder.values.setdefault(period, []).append((name, tal(value)))


@when(parsers.re(r'^perioden "(?P<period>\d{4}-\d{2})" bedöms$'))
def evaluate_period(projekt: Projekt, resultat: Resultat, perioder: Perioder, period: str) -> None:
    projekt.period = {"period": period, "benämning": f"per {period}", "typ": "delår"}
    projekt.kpi_out = {}
    for name, value in perioder.values.get(period, []):
        projekt.outcome(name, utfall=value)
    run_evaluation(projekt, resultat)


@when("reglerna valideras med --strict")
def validate_strict(
    projekt: Projekt, perioder: Perioder, capsys: pytest.CaptureFixture[str]
) -> None:
    rules, _ = projekt.write()
    capsys.readouterr()
    code = main(["validate", "--strict", "--bara-regler", str(rules)])
    out, err = capsys.readouterr()
    perioder.validation = (code, out + err)


@when("granskningsbilagan skapas")
def create_review(projekt: Projekt, perioder: Perioder, capsys: pytest.CaptureFixture[str]) -> None:
    rules, period = projekt.write()
    out = projekt.root / "rapporter"
    code = main(
        ["report", "--rules", str(rules), "--outcomes", str(period), "--format", "granskning",
         "--out", str(out), "-q"]
    )  # fmt: skip
    _, err = capsys.readouterr()
    assert code == 0, err
    perioder.review = next(Path(out).glob("granskning-*.html")).read_text(encoding="utf-8")


@then(
    parsers.re(
        rf'^bedöms "(?P<name>[^"]+)" mot målet (?P<target>{NUM}) och blir (?P<colour>grönt|gult|rött)$'
    )
)
def judged_against(resultat: Resultat, name: str, target: str, colour: str) -> None:
    m = find_measure(resultat.e, "nyckeltal", name)
    assert (m.target, m.status) == (tal(target), COLOUR[colour]), m.account


def _json_row(e: Evaluation, name: str) -> dict[str, Any]:
    data = json.loads(as_json(e, "").model_dump_json(by_alias=True))
    return next(r for r in data["nyckeltal"] if r["namn"] == name)


@then(
    parsers.re(
        r'^anger JSON-resultatet att målet för "(?P<which>[^"]+)" gällde för "(?P<name>[^"]+)"$'
    )
)
def json_names_the_target(resultat: Resultat, which: str, name: str) -> None:
    assert _json_row(resultat.e, name)["mål_gäller"] == which


@then(parsers.re(r'^misslyckas valideringen med "(?P<message>.+)"$'))
def validation_fails(perioder: Perioder, message: str) -> None:
    code, output = perioder.validation
    assert code == 1, output
    assert message in output.replace("\u00a0", " "), output
    assert re.search(r"\.yaml:\d+:\d+: fel: .*\[beslut-saknas\]", output), output


@then(parsers.re(r"^nämns inte målet för (?P<which>\d{4}) i valideringen$"))
def not_mentioned(perioder: Perioder, which: str) -> None:
    assert f"målet för {which} " not in perioder.validation[1]


@then(
    parsers.re(
        r'^är målet "(?P<target>[^"]+)" för "(?P<name>[^"]+)" beslutat i "(?P<decision>[^"]+)"$'
    )
)
def review_shows_decision(perioder: Perioder, target: str, name: str, decision: str) -> None:
    html = perioder.review.replace("\u00a0", " ")
    row = next(r for r in html.split("<tr") if f">{name}<" in r)
    cell = re.search(r"<td>(.*?)</td>", row, re.S)
    assert cell is not None, row
    text = re.sub(r"<[^>]+>", " ", cell.group(1))
    said = " ".join(text.split())
    assert said == f"{target} Beslut: {decision}", said
