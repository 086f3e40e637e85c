"""Step definitions for god_ekonomisk_hushållning.feature.

The scenarios build a rules folder and a period folder in `tmp_path` with `Projekt`
(from test_maluppfyllelse.py), whose hushallning.yaml is a copy of the real
rules/hushallning.yaml, and run the real engine on them; two scenarios run the real
rules/ and fixtures/2025-08/, one of them through the command line (`engine.cli.main`).
"""

from __future__ import annotations

import json
import shlex
from typing import Any

import pytest
from projekt import (
    ROOT,
    STATUS,
    Projekt,
    Resultat,
    counts_row,
    run_evaluation,
    tal,
)
from pytest_bdd import given, parsers, scenarios, then, when
from ruamel.yaml import YAML

from engine.cli import main
from engine.output.summary import to_text
from engine.wording import join_words

scenarios("god_ekonomisk_hushållning.feature")

#: The parts of the counts, as named in the step text → as named in the engine.
PARTS = {
    "målområden": "målområden",
    "uppdrag från fullmäktige": "uppdrag",
    "finansiella mål": "finansiella",
}
ACHIEVED = {"uppnådd": True, "inte uppnådd": False, "delvis uppnådd": "delvis"}


def label_to_status(projekt: Projekt, label: str) -> str:
    """'Delvis uppfyllt' → 'gul', by the labels (etikett) in skala.yaml."""
    labels = {v["etikett"].lower(): k for k, v in projekt.skala["statusar"].items()}
    key = label.strip().lower()
    if key in labels:
        return labels[key]
    return STATUS[key]


# --- Givet ------------------------------------------------------------------------------


@given(parsers.re(r'^regeln i rules/hushallning\.yaml: "(?P<rule>[^"]+)"$'))
def real_rule(projekt: Projekt, rule: str) -> None:
    assert projekt.hushallning["regel"]["uppnådd"] == rule, projekt.hushallning["regel"]


@given(
    parsers.re(
        r'^perioden är "(?P<period>\d{4}-\d{2})", "(?P<label>[^"]+)", där nyckeltal som mäts per tertial och halvår ska ha utfall$'
    )
)
def period(projekt: Projekt, period: str, label: str) -> None:
    projekt.period.update({"period": period, "benämning": label, "mäts": ["tertial", "halvår"]})


@given("de finansiella målen:")
def financial_goals(projekt: Projekt, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    for row in rows:
        cells = dict(zip(header, row, strict=False))
        name = cells["finansiellt mål"]
        projekt.add_goal(name, cells["riktning"], tal(cells["mål"]), "%")
        projekt.judge_with(name, {"metod": cells.get("bedömning", "kvot").strip() or "kvot"})
        projekt.outcome(name, utfall=tal(cells["utfall"]))


@given("målområdena har bedömts så här:")
def areas_judged(projekt: Projekt, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    for row in rows:
        cells = dict(zip(header, row, strict=False))
        motivation = cells.get("motivering", "").strip() or None
        projekt.declare(
            cells["målområde"], label_to_status(projekt, cells["bedömning"]), motivation
        )


@given(parsers.re(r'^uppdragen från fullmäktige, rapporterade som "(?P<status>[^"]+)":$'))
def fullmaktige_uppdrag(projekt: Projekt, status: str, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    for row in rows:
        cells = dict(zip(header, row, strict=False))
        area = cells["målområde"]
        for i in range(1, int(cells["antal"]) + 1):
            text = f"Uppdrag {i} inom {area.lower()}."
            projekt.add_uppdrag(text, ["RS"], "fullmäktige", area)
            projekt.report_uppdrag(text, "RS", status)


@given(
    parsers.re(
        r'^(?P<namnd>[A-ZÅÄÖ]+) har (?P<count>\d+) egna uppdrag i målområdet "(?P<area>[^"]+)", rapporterade som "(?P<status>[^"]+)"$'
    )
)
def own_uppdrag(projekt: Projekt, namnd: str, count: str, area: str, status: str) -> None:
    for i in range(1, int(count) + 1):
        text = f"{namnd}:s eget uppdrag {i} inom {area.lower()}."
        projekt.add_uppdrag(text, [namnd], "nämnd", area)
        projekt.report_uppdrag(text, namnd, status)


@given("regeln för god ekonomisk hushållning i hushallning.yaml är:")
def geh_rule(projekt: Projekt, docstring: str) -> None:
    projekt.hushallning["regel"] = YAML(typ="safe").load(docstring)


@given(parsers.re(r'^reglerna i "(?P<rules>[^"]+)" och utfallen i "(?P<outcomes>[^"]+)"$'))
def real_folders(projekt: Projekt, rules: str, outcomes: str) -> None:
    projekt.real = (ROOT / rules, ROOT / outcomes)


# --- När --------------------------------------------------------------------------------


@when("god ekonomisk hushållning utvärderas")
def evaluate_geh(projekt: Projekt, resultat: Resultat) -> None:
    run_evaluation(projekt, resultat)


@when(parsers.re(r'^kommandot "maluppfyllelse (?P<args>[^"]+)" körs i projektmappen$'))
def run_cli(
    args: str,
    resultat: Resultat,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    resultat.exit_code = main(shlex.split(args))
    captured = capsys.readouterr()
    resultat.stdout, resultat.stderr = captured.out, captured.err


@when(parsers.re(r'^regelmappen kontrolleras med "maluppfyllelse validate"$'))
def run_validate(projekt: Projekt, resultat: Resultat, capsys: pytest.CaptureFixture[str]) -> None:
    rules_dir, _ = projekt.write()
    resultat.exit_code = main(["validate", str(rules_dir)])
    captured = capsys.readouterr()
    resultat.stdout, resultat.stderr = captured.out, captured.err


# --- Så ---------------------------------------------------------------------------------


@then(
    parsers.re(r"^är god ekonomisk hushållning (?P<verdict>uppnådd|inte uppnådd|delvis uppnådd)$")
)
def verdict_is(resultat: Resultat, verdict: str) -> None:
    geh = resultat.e.geh
    assert geh.achieved == ACHIEVED[verdict], (geh.achieved, geh.counts, geh.rule)
    assert f"God ekonomisk hushållning: {verdict}\n" in to_text(resultat.e, resultat.conclusion)


@then("antalen som bedömningen vilar på är:")
def counts_are(resultat: Resultat, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    counts = resultat.e.geh.counts
    for row in rows:
        part = PARTS[row[0].strip()]
        assert counts[part] == counts_row(header[1:], row[1:]), (part, counts[part])


@then(parsers.re(r'^de ej uppfyllda målområdena är "(?P<names>[^"]+)"$'))
def red_areas(resultat: Resultat, names: str) -> None:
    assert join_words(resultat.e.geh.red_areas) == names, resultat.e.geh.red_areas


@then(parsers.re(r'^slutsatsen börjar med "(?P<text>[^"]+)"$'))
def conclusion_starts(resultat: Resultat, text: str) -> None:
    assert resultat.conclusion.startswith(text), resultat.conclusion


@then(parsers.re(r'^slutsatsen innehåller "(?P<text>[^"]+)"$'))
def conclusion_contains(resultat: Resultat, text: str) -> None:
    assert text in resultat.conclusion, resultat.conclusion


@then(parsers.re(r'^slutsatsen innehåller inte "(?P<text>[^"]+)"$'))
def conclusion_lacks(resultat: Resultat, text: str) -> None:
    assert text not in resultat.conclusion, resultat.conclusion


@then(parsers.re(r"^avslutas kommandot med kod (?P<code>\d+)$"))
def exit_code_is(resultat: Resultat, code: str) -> None:
    assert resultat.exit_code == int(code), (resultat.exit_code, resultat.stderr)


def json_path(data: Any, path: str) -> Any:
    for key in path.split("."):
        data = data[int(key)] if isinstance(data, list) else data[key]
    return data


@then(parsers.re(r'^är "(?P<path>[^"]+)" (?P<value>.+) i JSON-utdatan$'))
@then(parsers.re(r'^"(?P<path>[^"]+)" är (?P<value>.+) i JSON-utdatan$'))
def json_value(resultat: Resultat, path: str, value: str) -> None:
    data = json.loads(resultat.stdout)
    assert json_path(data, path) == json.loads(value), json_path(data, path)


@then(
    parsers.re(
        r'^målområdenas status i JSON-utdatan är (?P<gul>\d+) gula och (?P<rod>\d+) röda: "(?P<names>[^"]+)"$'
    )
)
def json_area_statuses(resultat: Resultat, gul: str, rod: str, names: str) -> None:
    areas = json.loads(resultat.stdout)["målområden"]
    statuses = [a["status"] for a in areas]
    assert (statuses.count("gul"), statuses.count("röd"), len(areas)) == (
        int(gul),
        int(rod),
        int(gul) + int(rod),
    )
    red = [a["namn"] for a in areas if a["status"] == "röd"]
    assert " och ".join(red) == names, red


@then(parsers.re(r'^felet "(?P<error>[^"]+)" skrivs ut, med regelmappens sökväg först$'))
def error_printed(projekt: Projekt, resultat: Resultat, error: str) -> None:
    lines = (resultat.stdout + resultat.stderr).splitlines()
    wanted = f"{projekt.rules_dir.as_posix()}/{error}"
    assert any(line.startswith(wanted) for line in lines), lines
