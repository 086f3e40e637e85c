"""The shared rules files: organisation.yaml, skala.yaml and hushallning.yaml."""

from __future__ import annotations

from typing import Literal

from engine.models.base import (
    Id,
    Model,
    NamndId,
    Number,
    StatusKey,
    Text,
    key,
)
from engine.models.sources import Beslut, KoladaOrg

# --- organisation.yaml -------------------------------------------------------------


class Organisation(Model):
    id: Id = key("id", "Organisationens id, t.ex. 'rjh'.")
    name: Text = key("namn", "Organisationens namn, t.ex. 'Region Jämtland Härjedalen'.")
    kolada: KoladaOrg | None = key(
        "kolada",
        'Organisationens id i Kolada, inom citattecken: en kommuns kod (t.ex. "2380") eller '
        'för en region 00 och länskoden (Jämtland Härjedalen "0023").',
        None,
    )


class Namnd(Model):
    id: NamndId = key("id", "Nämndens id med versaler, t.ex. 'HSN'.")
    name: Text = key("namn", "Nämndens namn, t.ex. 'Hälso- och sjukvårdsnämnden'.")
    kolada: KoladaOrg | None = key(
        "kolada", "Ett annat Kolada-id än organisationens för nämndens nyckeltal.", None
    )


class OrganisationFile(Model):
    organisation: Organisation = key("organisation", "Regionen eller kommunen.")
    namnder: list[Namnd] = key("nämnder", "Styrelsen och nämnderna som rapporterar.", min_length=1)
    decision: Beslut | None = key(
        "beslut", "Beslutet som satte målen, när ett mål inte anger ett eget.", None
    )
    require_decision: bool = key(
        "kräv_beslut",
        "true: varje mål ska ha ett beslut med dokument, datum, organ och paragraf "
        "(annars en varning, ett fel med validate --strict).",
        False,
        strict=True,
    )


# --- skala.yaml ------------------------------------------------------------------------


class StatusDef(Model):
    label: Text = key("etikett", "Statusens namn i rapporten, t.ex. 'Delvis uppfyllt'.")
    legend: Text = key("beskrivning", "Förklaringen i symbolförklaringen, t.ex. 'delvis uppnått'.")
    colour_word: Text = key("färgord", "Färgen i symbolförklaringen, t.ex. 'Gult'.")
    symbol: Text = key("symbol", "Textsymbol som inte bygger på färg, t.ex. '▲'.")


class Band(Model):
    low: Number = key("från", "Lägsta måluppfyllelse i procent som ger gult (inklusive).")
    high: Number = key(
        "till", "Måluppfyllelse i procent där grönt börjar (exklusive för gult).", 100.0
    )


class Sammanvagning(Model):
    rule: Text = key(
        "regel", "Namnet på sammanvägningsregeln: 'majoritet', 'sämsta' eller 'medel'."
    )
    parts: list[Literal["uppdrag", "nyckeltal", "finansiella_mål"]] = key(
        "delar", "Vilka delar som vägs samman.", ["uppdrag", "nyckeltal", "finansiella_mål"]
    )


class SkalaFile(Model):
    statuses: dict[StatusKey, StatusDef] = key(
        "statusar", "Statusskalan: grön, gul, röd och ej_bedömd med etikett och beskrivning."
    )
    yellow_band: Band = key("gult_band", "Standardintervallet för gult, t.ex. från 90 till 100.")
    uppdrag_statuses: dict[str, StatusKey] = key(
        "uppdragsstatusar", "Uppdragsstatus (t.ex. 'Pågående enligt plan') → färg."
    )
    aggregation: Sammanvagning = key(
        "sammanvägning", "Hur målområdets föreslagna status räknas fram."
    )


# --- hushallning.yaml ------------------------------------------------------------------


class GehRule(Model):
    achieved: Text = key("uppnådd", "Uttryck över antalen som ger 'uppnådd' när det är sant.")
    partly: Text | None = key(
        "delvis", "Uttryck som ger 'delvis uppnådd' när det är sant (valfritt).", None
    )


class GehTexts(Model):
    title: Text = key("rubrik", "Rubriken för bilagan, med {period} för perioden.")
    intro: Text = key("inledning", "Inledningen om god ekonomisk hushållning.")
    evaluation: Text = key("utvärdering", "Texten 'Utvärdering av god ekonomisk hushållning'.")
    conclusion: Text = key(
        "slutsats", "Mall (jinja2) för slutsatsen; se dokumentationen för namnen."
    )


class HushallningFile(Model):
    rule: GehRule = key("regel", "Regeln för god ekonomisk hushållning.")
    texts: GehTexts = key("texter", "Texterna i bilagan.")
