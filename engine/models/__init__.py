"""The rules language and the outcome files as pydantic v2 models.

YAML keys are Swedish (with å/ä/ö) and map to English attributes through aliases;
every model forbids unknown keys. These models check *shape and type* only. Checks that
need more than one node (references, unique ids, sane thresholds, expressions) live in
`engine.checks`, where the message can point at exactly the right YAML node.

The key documentation (`description`) is Swedish: it is what `maluppfyllelse schema`
shows policy staff in their editor.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

StatusKey = Literal["grön", "gul", "röd", "ej_bedömd"]
COLOURS: tuple[StatusKey, ...] = ("grön", "gul", "röd", "ej_bedömd")
Riktning = Literal["Minst", "Högre än", ">", "Max", "Lägre än", "Kortare än", "<"]
Frekvens = Literal["tertial", "halvår", "år"]
Ursprung = Literal["fullmäktige", "nämnd"]

Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
NamndId = Annotated[str, Field(pattern=r"^[A-ZÅÄÖ][A-ZÅÄÖ0-9-]*$", max_length=20)]
#: Text may hold line breaks and tabs, but no other control characters: they break Word,
#: Excel and terminals, and are never what a policy officer meant to type.
CONTROL_FREE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
Text = Annotated[str, Field(strict=True, max_length=20_000, pattern=CONTROL_FREE)]
PeriodId = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=False, frozen=True)


def key(alias: str, description: str, default: Any = ..., **kw: Any) -> Any:
    """A field whose YAML key is `alias` (Swedish) with a Swedish description."""
    return Field(default, alias=alias, description=description, **kw)


# --- organisation.yaml -------------------------------------------------------------


class Organisation(Model):
    id: Id = key("id", "Organisationens id, t.ex. 'rjh'.")
    name: Text = key("namn", "Organisationens namn, t.ex. 'Region Jämtland Härjedalen'.")


class Namnd(Model):
    id: NamndId = key("id", "Nämndens id med versaler, t.ex. 'HSN'.")
    name: Text = key("namn", "Nämndens namn, t.ex. 'Hälso- och sjukvårdsnämnden'.")


class OrganisationFile(Model):
    organisation: Organisation = key("organisation", "Regionen eller kommunen.")
    namnder: list[Namnd] = key("nämnder", "Styrelsen och nämnderna som rapporterar.", min_length=1)


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


# --- judgement methods -----------------------------------------------------------------


class Kvot(Model):
    method: Literal["kvot"] = key("metod", "Kvot mot målet med gult intervall.")
    yellow_band: Band | None = key("gult_band", "Eget gult intervall för detta nyckeltal.", None)


class Uppfyllt(Model):
    method: Literal["uppfyllt"] = key("metod", "Uppfyllt (grönt) eller inte (rött).")


class BandItem(Model):
    status: StatusKey = key("status", "Status inom intervallet.")
    low: Number | None = key("från", "Nedre gräns (inklusive).", None)
    high: Number | None = key("till", "Övre gräns (exklusive).", None)


class Banded(Model):
    method: Literal["band"] = key("metod", "Egna intervall.")
    basis: Literal["utfall", "kvot"] = key(
        "grund", "Intervallen avser utfallet eller kvoten.", "utfall"
    )
    bands: list[BandItem] = key("band", "Intervallen; det första som passar gäller.", min_length=1)


class Forandring(Model):
    method: Literal["förändring"] = key("metod", "Förändring i procent mot ett basår.")
    base_year: int = key("basår", "Basåret, t.ex. 2019.", strict=True)
    base_value: Number | None = key(
        "basvärde",
        "Basårets värde; anges det är utfallet absolut, annars förändringen i procent.",
        None,
    )


class Jamforelse(Model):
    method: Literal["jämförelse"] = key("metod", "Jämförelse med ett tidigare utfall.")
    against: Literal["föregående_år", "föregående_period"] = key("mot", "Vad utfallet jämförs med.")


class Uttryck(Model):
    method: Literal["uttryck"] = key("metod", "Ett uttryck (simpleeval) som ger status.")
    expression: Text = key(
        "uttryck", "Uttrycket; ska ge 'grön', 'gul', 'röd', 'ej_bedömd' eller sant/falskt."
    )


Bedomning = Annotated[
    Kvot | Uppfyllt | Banded | Forandring | Jamforelse | Uttryck,
    Field(discriminator="method"),
]


def _shorthand_schema(schema: dict[str, Any]) -> None:
    """Let editors accept `bedömning: kvot` as well as the mapping form."""
    options = schema.setdefault("anyOf", [])
    options.insert(
        0,
        {
            "type": "string",
            "enum": ["kvot", "uppfyllt"],
            "description": "Kort form för {metod: …}.",
        },
    )


def _method_shorthand(value: Any) -> Any:
    """`bedömning: kvot` is shorthand for `bedömning: {metod: kvot}`."""
    return {"metod": value} if isinstance(value, str) else value


#: The judgement method when a measure declares none.
DEFAULT_METHOD = Kvot.model_validate({"metod": "kvot"})


class Measure(Model):
    """What nyckeltal and finansiella mål share: a target and how it is judged."""

    id: Id = key("id", "Unikt id (a–z, 0–9, bindestreck).")
    name: Text = key("namn", "Namnet som i rapporten.")
    unit: Text | None = key("enhet", "Enhet, t.ex. '%', 'patienter', 'dagar'.", None)
    direction: Riktning | None = key(
        "riktning", "Minst, Högre än, >, Max, Lägre än, Kortare än eller <.", None
    )
    target: Number | None = key(
        "mål", "Målvärdet som tal (procent som procenttal, t.ex. 88).", None
    )
    target_text: Text | None = key(
        "mål_text", "Målet som det står i rapporten, t.ex. 'Minst 88 %'.", None
    )
    frequency: Frekvens = key("frekvens", "Hur ofta det mäts: tertial, halvår eller år.", "tertial")
    judgement: Bedomning | None = key(
        "bedömning", "Bedömningsmetod; standard är kvot.", None, json_schema_extra=_shorthand_schema
    )

    @field_validator("judgement", mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return _method_shorthand(value)


class Nyckeltal(Measure):
    namnder: list[NamndId] = key("nämnder", "Nämnderna som rapporterar nyckeltalet.", min_length=1)
    target_by_namnd: dict[NamndId, Number] = key(
        "avvikande_mål", "Mål som skiljer sig för en viss nämnd, t.ex. {HSN: 90}.", {}
    )
    financial_goal: Id | None = key(
        "finansiellt_mål",
        "Nyckeltalet är ett finansiellt mål (id); mål och utfall hämtas därifrån.",
        None,
    )


class Uppdrag(Model):
    id: Id = key("id", "Unikt id (a–z, 0–9, bindestreck).")
    text: Text = key("text", "Uppdragets lydelse som i rapporten.")
    origin: Ursprung = key("ursprung", "'fullmäktige' eller 'nämnd' (nämndens eget uppdrag).")
    namnder: list[NamndId] = key("nämnder", "Nämnderna som har uppdraget.", min_length=1)
    counted: bool | None = key(
        "i_sammanställningen",
        "Räknas uppdraget bland fullmäktiges uppdrag i sammanställningen (och i god ekonomisk "
        "hushållning)? Standard: ja om ursprung är fullmäktige, annars nej.",
        None,
        strict=True,
    )
    description: Text | None = key(
        "beskrivning", "Beskrivningen under uppdraget i rapporten, om den har en.", None
    )

    @property
    def in_summary(self) -> bool:
        return self.counted if self.counted is not None else self.origin == "fullmäktige"


class MalomradeFile(Model):
    id: Id = key("id", "Målområdets id, t.ex. 'tandvard'.")
    name: Text = key("namn", "Målområdets namn, t.ex. 'Tandvård'.")
    overall_goal: Text = key("övergripande_mål", "Det övergripande målet.")
    order: int = key("ordning", "Plats i sammanställningen (1, 2, …).", strict=True)
    uppdrag: list[Uppdrag] = key("uppdrag", "Uppdragen inom målområdet.", [])
    nyckeltal: list[Nyckeltal] = key("nyckeltal", "De kortsiktiga nyckeltalen.", [])


class FinansielltMal(Measure):
    pass


class FinansFile(Model):
    malomrade: Id = key("målområde", "Målområdet som de finansiella målen hör till.")
    goals: list[FinansielltMal] = key("finansiella_mål", "De finansiella målen.", min_length=1)


# --- outcome files (fixtures/<period>/) ----------------------------------------------


class PeriodFile(Model):
    period: PeriodId = key("period", "Perioden som ÅÅÅÅ-MM, t.ex. '2025-08'.")
    label: Text = key("benämning", "Perioden i löptext, t.ex. 'per augusti 2025'.")
    kind: Literal["månad", "tertial", "delår", "helår"] = key("typ", "Rapporttyp.")
    end_date: dt.date | None = key("datum", "Periodens sista dag.", None)
    measured: list[Frekvens] = key(
        "mäts", "Vilka frekvenser som ska ha utfall denna period.", ["tertial", "halvår"]
    )
    ready: list[NamndId] = key(
        "klara",
        "Nämnder som klarmarkerat sin del av perioden (för hand eller med 'import --klar').",
        [],
    )


class Outcome(Model):
    id: Id = key("id", "Nyckeltalets eller målets id.")
    value: Number | None = key("utfall", "Utfallet som tal.", None)
    missing: Text | None = key(
        "saknas", "Varför utfall saknas, t.ex. 'Utfallet rapporteras på helår.'", None
    )
    carried_from: PeriodId | None = key(
        "överfört_från", "Värdet är överfört från en tidigare mätning.", None
    )
    previous: Number | None = key(
        "jämförelsevärde", "Värdet att jämföra med (föregående år/period).", None
    )
    comment: Text = key("kommentar", "Kommentaren.", "")


class NyckeltalUtfall(Outcome):
    namnd: NamndId = key("nämnd", "Nämnden som rapporterar.")


class UppdragUtfall(Model):
    id: Id = key("id", "Uppdragets id.")
    namnd: NamndId = key("nämnd", "Nämnden som rapporterar.")
    status: Text = key("status", "Uppdragets status, t.ex. 'Pågående enligt plan'.")
    comment: Text = key("kommentar", "Kommentaren.", "")


class DeclaredJudgement(Model):
    status: StatusKey = key("status", "Den beslutade sammanvägda statusen.")
    motivation: Text | None = key(
        "motivering", "Varför, särskilt när den skiljer sig från den beräknade.", None
    )


class NamndKommentar(Model):
    comment: Text = key("kommentar", "Nämndens kommentar till målområdet.", "")
    status: StatusKey | None = key(
        "status", "Nämndens egen bedömning av målområdet (grön, gul, röd, ej_bedömd).", None
    )


class MalomradeUtfallFile(Model):
    malomrade: Id = key("målområde", "Målområdets id.")
    comment: Text = key("kommentar", "Målområdets kommentar i bilagan.", "")
    judgement: DeclaredJudgement | None = key(
        "bedömning", "Sammanvägd status som den beslutats.", None
    )
    namnder: dict[NamndId, NamndKommentar] = key("nämnder", "Nämndernas kommentarer.", {})
    uppdrag: list[UppdragUtfall] = key("uppdrag", "Uppdragens status per nämnd.", [])
    nyckeltal: list[NyckeltalUtfall] = key("nyckeltal", "Nyckeltalens utfall per nämnd.", [])


class FinansUtfallFile(Model):
    goals: list[Outcome] = key("finansiella_mål", "De finansiella målens utfall.", [])
