"""Presentation model for the economy part of Bilaga 1: the balanskravsutredning as in the
seed's table, the action plans with their sums, and the budget deviation path. Every
figure is formatted here with the Swedish helpers (engine.wording); the templates
(`_ekonomi.html.j2`, `_ekonomi.md.j2`) and engine.output.office_economy only lay it out."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from engine.evaluation.economy import (
    ActionSums,
    Balanskrav,
    BalanskravColumn,
    DeviationPath,
    Economy,
)
from engine.models import COLOURS
from engine.models.economy import AtgarderFile
from engine.wording import decimal, join_words, month_names, number_word

MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")

#: The rows of the balanskravsutredning as the seed prints them: (key, label, kind).
#: kind: 'del' (a part), 'summa' (a total), 'rubrik' (a heading without figures).
BALANSKRAV_ROWS: tuple[tuple[str, str, str], ...] = (
    ("årets_resultat", "Årets resultat", "del"),
    ("realisationsvinster", "− Reducering av samtliga realisationsvinster", "del"),
    (
        "realisationsvinster_undantag",
        "+ Justering för realisationsvinster enl. undantagsmöjlighet",
        "del",
    ),
    (
        "realisationsförluster_undantag",
        "+ Justering av realisationsförluster enl. undantagsmöjlighet",
        "del",
    ),
    ("orealiserade_värdepapper", "+/− Orealiserade vinster och förluster i värdepapper", "del"),
    (
        "återföring_orealiserade",
        "+/− Återföring av orealiserade vinster och förluster i värdepapper",
        "del",
    ),
    ("resultat_efter_justeringar", "Årets resultat efter balanskravsjusteringar", "summa"),
    ("reservering_resultatreserv", "− Reservering av medel till resultatreserv", "del"),
    ("användning_resultatreserv", "+ Användning av medel från resultatreserv", "del"),
    ("balanskravsresultat", "Balanskravsresultat", "summa"),
    ("", "Synnerliga skäl (årets balanskravsresultat)", "rubrik"),
    ("synnerliga_skäl_ej_återställa", "+ Synnerliga skäl att ej återställa", "del"),
    ("synnerliga_skäl_längre_tid", "+ Synnerliga skäl att återställa på längre tid", "del"),
    ("att_återställa", "Årets balanskravsresultat att återställa, efter synnerliga skäl", "summa"),
    ("", "Ackumulerat negativt balanskrav att återställa", "rubrik"),
    ("från_tidigare_år", "Negativt balanskravsresultat att återställa från tidigare år", "del"),
    (
        "ackumulerat_ej_återställt",
        "Ackumulerat ej återställt negativt balanskravsresultat (från tidigare år inkl. årets "
        "negativa balanskravsresultat)",
        "summa",
    ),
)


def mkr(value: float | None) -> str:
    """−241.8 → '−241,8'; None → '' (an empty cell, as in the source)."""
    if value is None:
        return ""
    return decimal(0.0 if round(value, 1) == 0 else value, 1)


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[str]
    kind: str
    #: The unformatted figures, for Excel (None: an empty cell).
    numbers: list[float | None] = field(default_factory=list)


@dataclass(frozen=True)
class BalanskravTable:
    years: list[str]
    rows: list[Row]
    paragraph: str
    notes: list[str]


@dataclass(frozen=True)
class StoplightSum:
    key: str
    label: str
    legend: str
    symbol: str
    count: int
    effect: str
    number: float


@dataclass(frozen=True)
class ActionTable:
    title: str
    rows: list[Row]  # benämning, ansvarig, område, helårseffekt, hittills, stoppljus
    by_stoplight: list[StoplightSum]
    by_area: list[Row]
    total: str
    so_far: str
    paragraph: str


@dataclass(frozen=True)
class PathChart:
    """The chart's images are drawn when a format first asks for them: HTML and PDF
    read `svg` (written without a plotting library), Word reads `png` (drawn with
    matplotlib, about half a second with its import), Markdown and Excel neither."""

    title: str
    alt: str
    paragraph: str
    rows: list[Row]  # månad, prognos, väg
    path: DeviationPath

    @functools.cached_property
    def svg(self) -> str:
        from engine.output.chart_svg import deviation_svg  # noqa: PLC0415 - on demand

        return deviation_svg(self.path, self.title, self.alt)

    @functools.cached_property
    def png(self) -> bytes:
        from engine.output.chart import deviation_png  # noqa: PLC0415 - matplotlib on demand

        return deviation_png(self.path)


@dataclass(frozen=True)
class EconomySection:
    balanskrav: BalanskravTable | None
    actions: ActionTable | None
    path: PathChart | None


def economy_section(e: Economy) -> EconomySection | None:
    if e.empty:
        return None
    return EconomySection(
        balanskrav_table(e.balanskrav) if e.balanskrav else None,
        action_table(e.actions, e.action_sums) if e.actions and e.action_sums else None,
        path_chart(e.path) if e.path else None,
    )


# --- balanskrav --------------------------------------------------------------------------


def balanskrav_table(b: Balanskrav) -> BalanskravTable:
    rows: list[Row] = []
    for key, label, kind in BALANSKRAV_ROWS:
        if kind == "rubrik":
            rows.append(Row(label, [""] * len(b.columns), kind, [None] * len(b.columns)))
            continue
        numbers = [c.values.get(key) for c in b.columns]
        if key == "årets_resultat" and any(c.basis == "helårsprognos" for c in b.columns):
            label = "Årets resultat enligt helårsprognos"
        rows.append(Row(label, [mkr(n) for n in numbers], kind, numbers))
    # A printed sum that is not the sum of its parts is the staff's to check (the warning
    # [tryckt-summa] at its line, which they may acknowledge): the appendix shows the printed
    # figure, as the source does, and does not print the check to its readers. A figure the
    # source leaves out and the tool works out is said (`_computed_note`).
    notes = _computed_note(b.columns)
    return BalanskravTable([str(c.year) for c in b.columns], rows, balanskrav_paragraph(b), notes)


def _computed_note(columns: list[BalanskravColumn]) -> list[str]:
    shown = {"att_återställa": "att återställa", "från_tidigare_år": "från tidigare år"}
    shown |= {
        "resultat_efter_justeringar": "resultat efter balanskravsjusteringar",
        "balanskravsresultat": "balanskravsresultat",
        "ackumulerat_ej_återställt": "ackumulerat ej återställt",
    }
    parts = [
        f"{shown[k]} {c.year}"
        for c in columns
        for k in shown
        if k in c.computed and not (k == "från_tidigare_år" and c.values[k] == 0)
    ]
    if not parts:
        return []
    return [f"Beräknat här, eftersom underlaget saknar summan: {join_words(parts)}."]


def balanskrav_paragraph(b: Balanskrav) -> str:
    """How much is left to restore, from which years and by when."""
    latest = b.latest
    result = latest.values["balanskravsresultat"] or 0.0
    start = (
        "Enligt helårsprognosen blir balanskravsresultatet"
        if latest.basis == "helårsprognos"
        else "Balanskravsresultatet är"
    )
    first = f"{start} för {latest.year} {mkr(result)} miljoner kronor."
    if not b.remaining:
        return f"{first} Det finns inget negativt balanskravsresultat kvar att återställa."
    total = sum(r.amount for r in b.remaining)
    parts = [
        f"{mkr(r.amount)} miljoner kronor från {r.year}"
        + (" återställas" if i == 0 else "")
        + f" senast {r.restore_by}"
        for i, r in enumerate(b.remaining)
    ]
    return (
        f"{first} Det ackumulerade negativa balanskravsresultatet som inte är återställt uppgår "
        f"till {mkr(total)} miljoner kronor. Av det ska {join_words(parts)}."
    )


# --- action plans ------------------------------------------------------------------------


def action_table(f: AtgarderFile, sums: ActionSums) -> ActionTable:
    scale = f.scale
    rows = [
        Row(
            a.name,
            [
                a.name,
                a.owner,
                a.area,
                mkr(a.effect),
                mkr(a.so_far),
                _stoplight_text(f, a.stoplight),
            ],
            a.stoplight,
            [None, None, None, a.effect, a.so_far, None],
        )
        for a in f.actions
    ]
    by_stoplight = [
        StoplightSum(
            k,
            scale[k].label,
            scale[k].legend,
            scale[k].symbol,
            sums.count_by_stoplight[k],
            mkr(sums.by_stoplight[k]),
            sums.by_stoplight[k],
        )
        for k in COLOURS
        if k in scale
    ]
    by_area = [Row(area, [area, mkr(v)], "del", [None, v]) for area, v in sums.by_area.items()]
    so_far = mkr(sums.so_far) if any(a.so_far is not None for a in f.actions) else ""
    return ActionTable(
        f.title, rows, by_stoplight, by_area, mkr(sums.total), so_far, action_paragraph(f, sums)
    )


def _stoplight_text(f: AtgarderFile, key: str) -> str:
    s = f.scale.get(key)  # type: ignore[call-overload]
    return f"{s.symbol} {s.label}" if s is not None else key


def action_paragraph(f: AtgarderFile, sums: ActionSums) -> str:
    count = len(f.actions)
    noun = "åtgärd" if count == 1 else "åtgärder"
    text = (
        f"{number_word(count).capitalize()} {noun} har tillsammans en bedömd helårseffekt om "
        f"{mkr(sums.total)} miljoner kronor."
    )
    if any(a.so_far is not None for a in f.actions):
        text += f" Effekten hittills under året är {mkr(sums.so_far)} miljoner kronor."
    parts = [
        f"{f.scale[k].label.lower()} {mkr(sums.by_stoplight[k])}" for k in COLOURS if k in f.scale
    ]
    return (
        f"{text} Per stoppljus är helårseffekten {join_words(parts)} miljoner kronor. "
        f"Åtgärder som bedömts som röda eller ej bedömda uppgår till "
        f"{mkr(sums.red_or_unassessed)} miljoner kronor."
    )


# --- budget deviation path ---------------------------------------------------------------


def path_text(p: DeviationPath) -> tuple[str, str]:
    """The paragraph and the chart's text alternative."""
    month = f"{month_names()[p.latest_month - 1]} {p.year}"
    who = f" för {p.who}" if p.who else ""
    text = (
        f"Prognosen{who} per {month} är en avvikelse mot budget för helåret om "
        f"{mkr(p.latest)} miljoner kronor."
    )
    if p.first_month != p.latest_month:
        change = p.latest - p.first
        word = "förbättrats" if change > 0 else "försämrats" if change < 0 else "inte ändrats"
        amount = f" med {mkr(abs(change))} miljoner kronor" if change else ""
        text += (
            f" Sedan {month_names()[p.first_month - 1]} har prognosen {word}{amount} "
            f"(från {mkr(p.first)} miljoner kronor)."
        )
    if p.latest >= 0:
        return text + " Prognosen når budget vid årets slut.", text
    if p.latest_month == 12:
        return text + " Budget nås inte vid årets slut.", text
    need = (
        f" För att nå budget vid årets slut behöver avvikelsen minska med "
        f"{mkr(p.per_month)} miljoner kronor per månad till och med december."
    )
    return text + need, text + need + " Den raka vägen till noll visas som en streckad linje."


def path_chart(p: DeviationPath) -> PathChart:
    paragraph, alt = path_text(p)
    rows = [
        Row(
            MONTHS[pt.month - 1],
            [month_names()[pt.month - 1], mkr(pt.deviation), mkr(pt.path)],
            "del",
            [None, pt.deviation, pt.path],
        )
        for pt in p.points
    ]
    title = f"Prognostiserad budgetavvikelse {p.year} och vägen till budget i balans (mkr)"
    return PathChart(title, alt, paragraph, rows, p)
