"""The optional rules file rapport.yaml: the report's layout, declared rather than built in.

A layout names the heading's prefix (`förled`), the title, the sections in order and the
summary table's columns, each from a fixed registry below. `layout:` picks the defaults
(`bilaga1`, the region's Bilaga 1 as it always looked, or `nämnd`, a nämnd's tertial
report); the other keys override them. Without rapport.yaml the report is `bilaga1`.
The names are checked by `engine.checks.layout_checks` (an unknown name is an error
with "menade du"); sections and columns whose data the plan lacks (no financial goals,
no hushallning.yaml, no economy files) are left out by `engine.output.layout`.
"""

from __future__ import annotations

from typing import Literal

from engine.models.base import Model, Text, key

LayoutName = Literal["bilaga1", "nämnd"]

#: Every section a report may have, in the order Bilaga 1 prints them.
SECTIONS: dict[str, str] = {
    "inledning": "Inledningen (hushallning.yaml:s texter.inledning eller rapport.yaml:s inledning).",
    "utvärdering": "Utvärdering av god ekonomisk hushållning (kräver hushallning.yaml).",
    "symbolförklaring": "Symbolförklaringen för måluppfyllelse och gula intervallet.",
    "sammanställning": "Sammanställningen per målområde (kolumnerna i sammanställning.kolumner).",
    "finansiella_mål": "Tabellen över de finansiella målen (kräver finansiella_mal.yaml).",
    "målområden": "Ett avsnitt per målområde med uppdrag och kortsiktiga nyckeltal.",
    "ekonomi": "Balanskravsutredning, åtgärder och budgetavvikelse (kräver periodens filer).",
    "god_ekonomisk_hushållning": "Slutsatser av god ekonomisk hushållning (kräver hushallning.yaml).",
}

#: Every column the summary table may have (the first column, the målområde, is always there).
COLUMNS: dict[str, str] = {
    "uppdrag_fullmäktige": "Antal uppdrag från fullmäktige (och i_sammanställningen: true).",
    "uppdrag_grön": "Antal uppdrag med grön status (alla målområdets uppdrag).",
    "uppdrag_gul": "Antal uppdrag med gul status.",
    "uppdrag_röd": "Antal uppdrag med röd status.",
    "nyckeltal_grön": "Antal kortsiktiga nyckeltal med grön status, räknat per nämnd.",
    "nyckeltal_gul": "Antal kortsiktiga nyckeltal med gul status, räknat per nämnd.",
    "nyckeltal_röd": "Antal kortsiktiga nyckeltal med röd status, räknat per nämnd.",
    "finansiella_mål_grön": "Antal finansiella mål med grön status (kräver finansiella mål).",
    "finansiella_mål_gul": "Antal finansiella mål med gul status.",
    "finansiella_mål_röd": "Antal finansiella mål med röd status.",
    "status": "Målområdets sammanvägda status.",
    "kommentar": "Målområdets kommentar, första stycket.",
}

#: What each layout has when rapport.yaml does not say: förled, sections, columns.
DEFAULTS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "bilaga1": (
        "Bilaga 1",
        tuple(SECTIONS),
        (
            "uppdrag_fullmäktige",
            "finansiella_mål_grön",
            "finansiella_mål_gul",
            "finansiella_mål_röd",
            "status",
        ),
    ),
    "nämnd": (
        "",
        ("inledning", "symbolförklaring", "sammanställning", "målområden", "ekonomi"),
        (
            "uppdrag_grön",
            "uppdrag_gul",
            "uppdrag_röd",
            "nyckeltal_grön",
            "nyckeltal_gul",
            "nyckeltal_röd",
            "status",
            "kommentar",
        ),
    ),
}

#: The title when neither rapport.yaml nor hushallning.yaml gives one.
DEFAULT_TITLE = "Uppföljning av mål {{ period }}"


class Sammanstallning(Model):
    columns: list[Text] | None = key(
        "kolumner",
        "Sammanställningens kolumner i ordning, efter målområdet: uppdrag_fullmäktige, "
        "uppdrag_grön/gul/röd, nyckeltal_grön/gul/röd, finansiella_mål_grön/gul/röd, "
        "status, kommentar. Utan värde: layoutens kolumner.",
        None,
        max_length=40,
    )


class RapportFile(Model):
    layout: LayoutName = key(
        "layout",
        "Rapportens layout: 'bilaga1' (regionens Bilaga 1, standard) eller 'nämnd' (en nämnds "
        "tertialrapport: uppdrag och nyckeltal per färg i sammanställningen).",
        "bilaga1",
    )
    prefix: Text | None = key(
        "förled",
        "Det som står före rubriken, t.ex. 'Bilaga 1' (blir 'Bilaga 1, …'); tom text för "
        "inget. Utan värde: 'Bilaga 1' för layouten bilaga1, inget för nämnd.",
        None,
        max_length=200,
    )
    title: Text | None = key(
        "rubrik",
        "Rubriken, en mall med {{ period }} för perioden. Utan värde: hushallning.yaml:s "
        "texter.rubrik, annars 'Uppföljning av mål {{ period }}'.",
        None,
        max_length=500,
    )
    intro: Text | None = key(
        "inledning",
        "Inledningen (en mall som rubriken). Utan värde: hushallning.yaml:s texter.inledning, "
        "annars ingen inledning.",
        None,
    )
    sections: list[Text] | None = key(
        "delar",
        "Rapportens delar i ordning: inledning, utvärdering, symbolförklaring, "
        "sammanställning, finansiella_mål, målområden, ekonomi, god_ekonomisk_hushållning. "
        "Utan värde: layoutens delar. Delar som planen saknar underlag för utelämnas.",
        None,
        max_length=40,
    )
    summary: Sammanstallning | None = key(
        "sammanställning", "Sammanställningen per målområde: dess kolumner.", None
    )
