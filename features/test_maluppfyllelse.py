"""Step definitions for måluppfyllelse.feature.

Every scenario builds a small rules folder and period folder in `tmp_path` from the step
text (`Projekt`), then runs the real engine on them: `load_rules`, `load_outcomes` and
`evaluate`, as the command line does. The base files (organisation, status scale, GEH
rule and texts) are copies of the real ones in rules/; the målområden take their id,
name, overall goal and order from the real rules/malomraden/ files.

The scenario builder (`Projekt`) lives in projekt.py, shared with the other step modules.
"""

from __future__ import annotations

import re
from typing import Any

from projekt import (
    NUM,
    STATUS,
    STATUS_RE,
    Projekt,
    Resultat,
    counts_row,
    find_area,
    find_measure,
    find_uppdrag,
    run_evaluation,
    tal,
)
from pytest_bdd import given, parsers, scenarios, then, when

from engine.output.summary import to_json, to_text

scenarios("måluppfyllelse.feature")


# --- Givet ------------------------------------------------------------------------------


@given(
    parsers.re(
        r"^statusskalan i rules/skala\.yaml, där (?P<fran>\d+)–(?P<till>\d+) % av målet är gult$"
    )
)
def scale_from_rules(projekt: Projekt, fran: str, till: str) -> None:
    band = projekt.skala["gult_band"]
    # "90–99 %" in the report means from 90 up to (not including) 100.
    assert band["från"] == int(fran), band
    assert int(till) < band["till"] <= int(till) + 1, band


@given(
    parsers.re(
        r'^perioden är "(?P<period>\d{4}-\d{2})", "(?P<label>[^"]+)", där nyckeltal som mäts per tertial och halvår ska ha utfall$'
    )
)
def period(projekt: Projekt, period: str, label: str) -> None:
    projekt.period.update({"period": period, "benämning": label, "mäts": ["tertial", "halvår"]})


@given(parsers.re(r'^målområdet "(?P<name>[^"]+)"$'))
def area(projekt: Projekt, name: str) -> None:
    projekt.area(name)


@given(
    parsers.re(
        rf'^nyckeltalet "(?P<name>[^"]+)" för (?P<namnd>[A-ZÅÄÖ]+) med riktning "(?P<direction>[^"]+)" och mål (?P<target>{NUM})(?: (?P<unit>\S.*))?$'
    )
)
def kpi(
    projekt: Projekt, name: str, namnd: str, direction: str, target: str, unit: str | None
) -> None:
    projekt.add_kpi(name, namnd, direction, tal(target), unit or "")


@given(
    parsers.re(
        r'^nyckeltalet "(?P<name>[^"]+)" för (?P<namnd>[A-ZÅÄÖ]+) med riktning "(?P<direction>[^"]+)", jämfört med (?P<against>föregående år|föregående period)$'
    )
)
def kpi_compared(projekt: Projekt, name: str, namnd: str, direction: str, against: str) -> None:
    m = projekt.add_kpi(name, namnd, direction, None, "")
    m.rule["bedömning"] = {"metod": "jämförelse", "mot": against.replace(" ", "_")}


@given(
    parsers.re(
        rf'^det finansiella målet "(?P<name>[^"]+)" med riktning "(?P<direction>[^"]+)" och mål (?P<target>{NUM})(?: (?P<unit>\S.*))?$'
    )
)
def goal(projekt: Projekt, name: str, direction: str, target: str, unit: str | None) -> None:
    projekt.add_goal(name, direction, tal(target), unit or "")


@given(parsers.re(r'^"(?P<name>[^"]+)" bedöms med metoden "(?P<method>[^"]+)"$'))
def judged_by(projekt: Projekt, name: str, method: str) -> None:
    projekt.judge_with(name, {"metod": method})


@given(parsers.re(rf'^"(?P<name>[^"]+)" har ett eget gult intervall från (?P<low>{NUM}) %$'))
def own_band(projekt: Projekt, name: str, low: str) -> None:
    projekt.judge_with(name, {"metod": "kvot", "gult_band": {"från": tal(low)}})


@given(
    parsers.re(r'^"(?P<name>[^"]+)" bedöms med egna intervall över (?P<basis>utfallet|kvoten):$')
)
def own_bands(projekt: Projekt, name: str, basis: str, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    bands = []
    for row in rows:
        cells = dict(zip(header, row, strict=False))
        band: dict[str, Any] = {"status": STATUS[cells["status"].strip()]}
        for key in ("från", "till"):
            if cells.get(key, "").strip():
                band[key] = tal(cells[key])
        bands.append(band)
    projekt.judge_with(
        name, {"metod": "band", "grund": "utfall" if basis == "utfallet" else "kvot", "band": bands}
    )


@given(
    parsers.re(
        rf'^"(?P<name>[^"]+)" bedöms som förändring mot basåret (?P<year>\d{{4}})(?:, då värdet var (?P<base>{NUM}))?$'
    )
)
def change(projekt: Projekt, name: str, year: str, base: str | None) -> None:
    bedomning: dict[str, Any] = {"metod": "förändring", "basår": int(year)}
    if base is not None:
        bedomning["basvärde"] = tal(base)
    projekt.judge_with(name, bedomning)


@given(parsers.re(r'^"(?P<name>[^"]+)" bedöms med uttrycket:$'))
def expression(projekt: Projekt, name: str, docstring: str) -> None:
    projekt.judge_with(name, {"metod": "uttryck", "uttryck": docstring.strip()})


@given(parsers.re(r'^"(?P<name>[^"]+)" mäts bara på helår$'))
def yearly(projekt: Projekt, name: str) -> None:
    projekt.measure(name).rule["frekvens"] = "år"


@given(
    parsers.re(
        rf'^utfallet för "(?P<name>[^"]+)" är (?P<value>{NUM})(?: [^\s\d][^\s]*)?(?: med jämförelsevärdet (?P<previous>{NUM}))?$'
    )
)
def outcome(projekt: Projekt, name: str, value: str, previous: str | None) -> None:
    values: dict[str, Any] = {"utfall": tal(value)}
    if previous is not None:
        values["jämförelsevärde"] = tal(previous)
    projekt.outcome(name, **values)


@given(parsers.re(r'^utfallet för "(?P<name>[^"]+)" saknas: "(?P<reason>[^"]+)"$'))
def outcome_missing(projekt: Projekt, name: str, reason: str) -> None:
    projekt.outcome(name, saknas=reason)


@given(parsers.re(r'^inget utfall har rapporterats för "(?P<name>[^"]+)"$'))
def no_outcome(projekt: Projekt, name: str) -> None:
    assert not projekt.has_outcome(name)


@given(
    parsers.re(
        rf'^i perioden "(?P<period>\d{{4}}-\d{{2}})" var utfallet för "(?P<name>[^"]+)" (?P<value>{NUM})(?: [^\s\d][^\s]*)?$'
    )
)
def earlier_outcome(projekt: Projekt, period: str, name: str, value: str) -> None:
    projekt.earlier_outcome(period, name, tal(value))


@given(
    parsers.re(
        r'^uppdraget "(?P<text>[^"]+)" från fullmäktige till (?P<namnder>[A-ZÅÄÖ]+(?:(?:, | och )[A-ZÅÄÖ]+)*)$'
    )
)
def uppdrag(projekt: Projekt, text: str, namnder: str) -> None:
    projekt.add_uppdrag(text, re.split(r", | och ", namnder))


@given(
    parsers.re(
        r'^(?P<namnd>[A-ZÅÄÖ]+) rapporterar uppdraget "(?P<text>[^"]+)" som "(?P<status>[^"]+)"$'
    )
)
def uppdrag_reported(projekt: Projekt, namnd: str, text: str, status: str) -> None:
    projekt.report_uppdrag(text, namnd, status)


@given(
    parsers.re(
        r'^skala\.yaml översätter uppdragsstatusen "(?P<status>[^"]+)" till (?P<colour>grön|gul|röd)$'
    )
)
def status_mapping(projekt: Projekt, status: str, colour: str) -> None:
    projekt.skala["uppdragsstatusar"][status] = colour


@given(parsers.re(r'^sammanvägningsregeln i skala\.yaml är "(?P<rule>[^"]+)"$'))
def aggregation_rule(projekt: Projekt, rule: str) -> None:
    projekt.skala["sammanvägning"]["regel"] = rule


@given(parsers.re(r'^målområdet "(?P<name>[^"]+)" med uppdragen från fullmäktige:$'))
def area_with_uppdrag(projekt: Projekt, name: str, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    for row in rows:
        cells = dict(zip(header, row, strict=False))
        projekt.add_uppdrag(cells["uppdrag"], [cells["nämnd"]], area_name=name)
        projekt.report_uppdrag(cells["uppdrag"], cells["nämnd"], cells["status"])


@given(
    parsers.re(
        rf'^målområdet "(?P<name>[^"]+)" har beslutats som (?P<status>{STATUS_RE}) med motiveringen "(?P<motivation>[^"]+)"$'
    )
)
def declared_with_motivation(projekt: Projekt, name: str, status: str, motivation: str) -> None:
    projekt.declare(name, STATUS[status], motivation)


@given(
    parsers.re(
        rf'^målområdet "(?P<name>[^"]+)" har beslutats som (?P<status>{STATUS_RE}) utan motivering$'
    )
)
def declared_without_motivation(projekt: Projekt, name: str, status: str) -> None:
    projekt.declare(name, STATUS[status], None)


# --- När --------------------------------------------------------------------------------


@when("måluppfyllelsen beräknas")
def calculate(projekt: Projekt, resultat: Resultat) -> None:
    run_evaluation(projekt, resultat)


# --- Så ---------------------------------------------------------------------------------

SUBJECT = r'(?P<kind>nyckeltalet|det finansiella målet|uppdraget|målområdet) "(?P<name>[^"]+)"'


@then(parsers.re(rf"^blir {SUBJECT} (?P<status>{STATUS_RE})$"))
@then(parsers.re(rf"^{SUBJECT} blir (?P<status>{STATUS_RE})$"))
def status_is(resultat: Resultat, kind: str, name: str, status: str) -> None:
    e = resultat.e
    if kind == "uppdraget":
        actual, account = find_uppdrag(e, name).status, ""
    elif kind == "målområdet":
        actual, account = find_area(e, name).status, ""
    else:
        m = find_measure(e, "finansiellt" if kind == "det finansiella målet" else "nyckeltal", name)
        actual, account = m.status, m.account
    assert actual == STATUS[status], (
        f"{kind} '{name}': {actual}, väntat {STATUS[status]}. {account}"
    )


@then(parsers.re(rf'^är måluppfyllelsen för "(?P<name>[^"]+)" (?P<ratio>{NUM}) %$'))
@then(parsers.re(rf'^måluppfyllelsen för "(?P<name>[^"]+)" är (?P<ratio>{NUM}) %$'))
def ratio_is(resultat: Resultat, name: str, ratio: str) -> None:
    m = find_measure(
        resultat.e,
        "finansiellt" if any(g.name == name for g in resultat.e.goals) else "nyckeltal",
        name,
    )
    assert m.ratio is not None, m.account
    assert round(m.ratio, 1) == tal(ratio), m.account
    shown = to_json(resultat.e, resultat.conclusion)
    pool = shown["finansiella_mål"] if m.namnd is None else shown["nyckeltal"]
    assert [x["måluppfyllelse"] for x in pool if x["namn"] == name] == [tal(ratio)]


@then(parsers.re(r'^ingen måluppfyllelse i procent anges för "(?P<name>[^"]+)"$'))
def no_ratio(resultat: Resultat, name: str) -> None:
    kind = "finansiellt" if any(g.name == name for g in resultat.e.goals) else "nyckeltal"
    m = find_measure(resultat.e, kind, name)
    assert m.ratio is None, m.account


@then(parsers.re(r'^skälet som visas för "(?P<name>[^"]+)" är "(?P<reason>[^"]+)"$'))
def reason_shown(resultat: Resultat, name: str, reason: str) -> None:
    m = find_measure(resultat.e, "nyckeltal", name)
    assert m.missing_reason == reason, m.missing_reason
    line = next(
        ln for ln in to_text(resultat.e, resultat.conclusion).splitlines() if f"{name}:" in ln
    )
    assert f"[{reason}]" in line, line


@then("inga varningar ges")
def no_warnings(resultat: Resultat) -> None:
    assert resultat.warnings() == [], [d.format() for d in resultat.warnings()]


@then(parsers.re(r'^ingen varning "(?P<code>[^"]+)" ges$'))
def no_warning_code(resultat: Resultat, code: str) -> None:
    hits = [d.format() for d in resultat.diagnostics() if d.code == code]
    assert hits == [], hits


@then(parsers.re(r'^ges varningen "(?P<code>[^"]+)" om "(?P<name>[^"]+)"$'))
def warning_about(projekt: Projekt, resultat: Resultat, code: str, name: str) -> None:
    ident = projekt.measure(name).rule["id"]
    hits = [d for d in resultat.warnings() if d.code == code and f"'{ident}'" in d.message]
    assert hits, [d.format() for d in resultat.diagnostics()]


@then(parsers.re(r'^ges varningen "(?P<code>[^"]+)" på rad (?P<line>\d+) i "(?P<file>[^"]+)"$'))
@then(parsers.re(r'^varningen "(?P<code>[^"]+)" ges på rad (?P<line>\d+) i "(?P<file>[^"]+)"$'))
def warning_at(projekt: Projekt, resultat: Resultat, code: str, line: str, file: str) -> None:
    path = f"{projekt.period_dir.as_posix()}/{file}"
    hits = [d for d in resultat.warnings() if d.code == code]
    assert hits, [d.format() for d in resultat.diagnostics()]
    formatted = [d.format() for d in hits]
    assert any(f.startswith(f"{path}:{line}:") and ": varning: " in f for f in formatted), formatted


@then(parsers.re(r'^delarna i målområdet "(?P<name>[^"]+)" räknas så här:$'))
def parts_are(resultat: Resultat, name: str, datatable: list[list[str]]) -> None:
    header, row = datatable
    a = find_area(resultat.e, name)
    assert a.parts == counts_row(header, row), a.parts


@then(parsers.re(rf'^föreslås målområdet "(?P<name>[^"]+)" som (?P<status>{STATUS_RE})$'))
@then(parsers.re(rf'^målområdet "(?P<name>[^"]+)" föreslås som (?P<status>{STATUS_RE})$'))
def computed_is(resultat: Resultat, name: str, status: str) -> None:
    a = find_area(resultat.e, name)
    assert a.computed_status == STATUS[status], (a.computed_status, a.parts)


@then(
    parsers.re(
        rf'^den beräknade statusen (?P<computed>{STATUS_RE}) visas bredvid den beslutade (?P<declared>{STATUS_RE}) för målområdet "(?P<name>[^"]+)"$'
    )
)
def computed_shown(resultat: Resultat, computed: str, declared: str, name: str) -> None:
    shown = next(
        x for x in to_json(resultat.e, resultat.conclusion)["målområden"] if x["namn"] == name
    )
    assert (shown["status"], shown["beslutad_status"], shown["beräknad_status"]) == (
        STATUS[declared],
        STATUS[declared],
        STATUS[computed],
    ), shown
    word = {"grön": "grön", "gul": "gul", "röd": "röd", "ej_bedömd": "ej bedömd"}[STATUS[computed]]
    lines = [
        ln for ln in to_text(resultat.e, resultat.conclusion).splitlines() if f" {name}: " in ln
    ]
    assert lines and f"(beräknad: {word})" in lines[0], lines
