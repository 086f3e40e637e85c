"""Step definitions for historik.feature: earlier periods, the trend in the JSON and in
every format of Bilaga 1, the composite method `nivå_och_trend` and `baslinje`.

The scenarios build a small project with `Projekt` (projekt.py); earlier periods are
period folders next to the evaluated one. "När bilagan för perioden tas fram" runs the
real command line (`maluppfyllelse evaluate --format json` and `maluppfyllelse report`)
on the written project.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from openpyxl import load_workbook
from projekt import NUM, STATUS, STATUS_RE, Projekt, Resultat, find_measure, run_evaluation, tal
from pytest_bdd import given, parsers, scenarios, then, when

from engine.cli import main

scenarios("historik.feature")


# --- Givet ------------------------------------------------------------------------------


@given(parsers.re(r'^målområdet "(?P<name>[^"]+)"$'))
def area(projekt: Projekt, name: str) -> None:
    projekt.area(name)


@given(
    parsers.re(
        rf'^nyckeltalet "(?P<name>[^"]+)" för (?P<namnd>[A-ZÅÄÖ]+) med riktning "(?P<direction>[^"]+)" och mål (?P<target>{NUM}) (?P<unit>[^,]+?)(?:, med baslinjemätning (?P<year>\d{{4}}))?$'
    )
)
def kpi(
    projekt: Projekt,
    name: str,
    namnd: str,
    direction: str,
    target: str,
    unit: str,
    year: str | None,
) -> None:
    m = projekt.add_kpi(name, namnd, direction, tal(target), unit)
    if year is not None:
        m.rule["baslinje"] = int(year)


@given(
    parsers.re(
        r'^nyckeltalet "(?P<name>[^"]+)" för (?P<namnd>[A-ZÅÄÖ]+) med riktning "(?P<direction>[^"]+)" utan mål och med baslinjemätning (?P<year>\d{4})$'
    )
)
def kpi_baseline(projekt: Projekt, name: str, namnd: str, direction: str, year: str) -> None:
    m = projekt.add_kpi(name, namnd, direction, None, "%")
    m.rule["baslinje"] = int(year)


@given(
    parsers.re(
        r'^"(?P<name>[^"]+)" bedöms med nivå och trend mot (?P<against>föregående år|föregående period) enligt regeln "(?P<rule>[^"]+)"$'
    )
)
def level_and_trend(projekt: Projekt, name: str, against: str, rule: str) -> None:
    method = {"metod": "nivå_och_trend", "mot": against.replace(" ", "_"), "regel": rule}
    projekt.judge_with(name, method)


@given(parsers.re(r'^"(?P<name>[^"]+)" bedöms som förändring mot basåret (?P<year>\d{4})$'))
def change(projekt: Projekt, name: str, year: str) -> None:
    projekt.judge_with(name, {"metod": "förändring", "basår": int(year)})


@given(parsers.re(r'^perioden är "(?P<period>\d{4}-\d{2})", "(?P<label>[^"]+)"$'))
def period(projekt: Projekt, period: str, label: str) -> None:
    kind = "helår" if period.endswith("-12") else "delår"
    projekt.period.update({"period": period, "benämning": label, "typ": kind})


@given(parsers.re(rf'^utfallet för "(?P<name>[^"]+)" är (?P<value>{NUM})(?: \S+)?$'))
def outcome(projekt: Projekt, name: str, value: str) -> None:
    projekt.outcome(name, utfall=tal(value))


@given(
    parsers.re(
        rf'^i perioden "(?P<period>\d{{4}}-\d{{2}})" var utfallet för "(?P<name>[^"]+)" (?P<value>{NUM})(?: \S+)?$'
    )
)
def earlier_outcome(projekt: Projekt, period: str, name: str, value: str) -> None:
    projekt.earlier_outcome(period, name, tal(value))


# --- När --------------------------------------------------------------------------------


@when("måluppfyllelsen beräknas")
def calculate(projekt: Projekt, resultat: Resultat) -> None:
    run_evaluation(projekt, resultat)


@pytest.fixture
def bilaga() -> dict[str, Any]:
    """What 'När bilagan för perioden tas fram' produced: the JSON and every format."""
    return {}


def _cli(*args: str) -> str:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    assert code == 0, err.getvalue()
    return out.getvalue()


@when("bilagan för perioden tas fram")
def make_report(projekt: Projekt, bilaga: dict[str, Any]) -> None:
    rules, period = projekt.write()
    where = ["--rules", str(rules), "--outcomes", str(period)]
    data = json.loads(_cli("evaluate", "--format", "json", *where))
    bilaga["json"] = {k["namn"]: k for k in data["nyckeltal"]}
    out = projekt.root / "ut"
    _cli("report", *where, "--out", str(out), "--format", "html,md,docx,xlsx", "-q")
    bilaga["out"] = out


# --- Så ---------------------------------------------------------------------------------

SUBJECT = r'"(?P<name>[^"]+)"'


@then(parsers.re(rf"^blir {SUBJECT} (?P<status>{STATUS_RE})$"))
def status_is(resultat: Resultat, name: str, status: str) -> None:
    m = find_measure(resultat.e, "nyckeltal", name)
    assert m.status == STATUS[status], m.account


@then(parsers.re(rf'^blir {SUBJECT} (?P<status>{STATUS_RE}) med orsaken "(?P<reason>[^"]+)"$'))
def status_with_reason(resultat: Resultat, name: str, status: str, reason: str) -> None:
    m = find_measure(resultat.e, "nyckeltal", name)
    assert m.status == STATUS[status], m.account
    assert m.missing_reason is not None and m.missing_reason.startswith(reason), m.missing_reason


@then(parsers.re(rf'^motiveringen för {SUBJECT} nämner "(?P<text>[^"]+)"$'))
def account_says(resultat: Resultat, name: str, text: str) -> None:
    account = find_measure(resultat.e, "nyckeltal", name).account.replace("\u00a0", " ")
    assert text in account, account


@then(parsers.re(rf"^har {SUBJECT} utfallet (?P<value>{NUM})$"))
def value_is(resultat: Resultat, name: str, value: str) -> None:
    assert find_measure(resultat.e, "nyckeltal", name).value == tal(value)


@then(
    parsers.re(
        rf'^har {SUBJECT} i JSON föregående period "(?P<period>[^"]+)" med utfallet (?P<value>{NUM})$'
    )
)
def json_previous(bilaga: dict[str, Any], name: str, period: str, value: str) -> None:
    kpi = bilaga["json"][name]
    assert kpi["föregående_period"] == {"period": period, "utfall": tal(value)}


@then(parsers.re(rf"^har {SUBJECT} i JSON inget utfall samma period föregående år$"))
def json_no_last_year(bilaga: dict[str, Any], name: str) -> None:
    assert bilaga["json"][name]["föregående_år"] is None


@then(parsers.re(rf'^är trenden för {SUBJECT} i JSON "(?P<word>[^"]+)" mot "(?P<period>[^"]+)"$'))
def json_trend(bilaga: dict[str, Any], name: str, word: str, period: str) -> None:
    kpi = bilaga["json"][name]
    assert (kpi["trend"], kpi["trend_mot"]) == (word, period)


def _html_row(path: Path, name: str) -> str:
    text = path.read_text(encoding="utf-8")
    row = re.search(rf"<tr>\s*<th scope=\"row\">{re.escape(name)}</th>(.*?)</tr>", text, re.S)
    assert row, f"ingen rad för {name} i {path.name}"
    return html.unescape(re.sub(r"<[^>]+>", " ", row.group(1)))


def _rows(out: Path, name: str) -> dict[str, str]:
    """The text of the nyckeltal's row in each format."""
    (html_file,) = out.glob("*.html")
    (md_file,) = out.glob("*.md")
    (docx_file,) = out.glob("*.docx")
    (xlsx_file,) = out.glob("*.xlsx")
    md = [
        line for line in md_file.read_text(encoding="utf-8").splitlines() if f"| {name} |" in line
    ]
    word = [
        " ".join(c.text for c in row.cells)
        for table in docx.Document(str(docx_file)).tables
        for row in table.rows
        if row.cells[0].text == name
    ]
    workbook = load_workbook(xlsx_file, read_only=True)
    cells = [
        " ".join(str(c) for c in row if c is not None)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        if name in row
    ]
    return {
        "HTML": _html_row(html_file, name),
        "Markdown": " ".join(md),
        "Word": " ".join(word),
        "Excel": " ".join(cells),
    }


@then(
    parsers.re(
        rf'^visar bilagan "(?P<text>[^"]+)" på raden för {SUBJECT} i HTML, Markdown, Word och Excel$'
    )
)
def shown_everywhere(bilaga: dict[str, Any], text: str, name: str) -> None:
    for fmt, row in _rows(bilaga["out"], name).items():
        # As a reader sees it: the HTML keeps the period on one line (a non-breaking hyphen).
        seen = row.replace("\u00a0", " ").replace("\u2011", "-")
        assert text in seen, f"{fmt}: {row!r}"
