"""The plan: målområden with uppdrag and nyckeltal, and the financial goals."""

from __future__ import annotations

from typing import Any

from pydantic import field_validator

from engine.models.base import (
    Frekvens,
    Id,
    Model,
    NamndId,
    Number,
    Riktning,
    Text,
    Ursprung,
    key,
)
from engine.models.methods import Bedomning, method_shorthand, method_shorthand_schema
from engine.models.sources import Beslut, KoladaRef, kolada_shorthand_schema


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
    decision: Beslut | None = key(
        "beslut",
        "Beslutet som satte målet (dokument, datum, organ, paragraf); standard i organisation.yaml.",
        None,
    )
    judgement: Bedomning | None = key(
        "bedömning",
        "Bedömningsmetod; standard är kvot.",
        None,
        json_schema_extra=method_shorthand_schema,
    )

    @field_validator("judgement", mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return method_shorthand(value)


class Nyckeltal(Measure):
    namnder: list[NamndId] = key("nämnder", "Nämnderna som rapporterar nyckeltalet.", min_length=1)
    target_by_namnd: dict[NamndId, Number] = key(
        "avvikande_mål", "Mål som skiljer sig för en viss nämnd, t.ex. {HSN: 90}.", {}
    )
    decision_by_namnd: dict[NamndId, Beslut] = key(
        "avvikande_beslut",
        "Beslutet bakom en nämnds avvikande mål, t.ex. {HSN: {dokument: …}}.",
        {},
    )
    financial_goal: Id | None = key(
        "finansiellt_mål",
        "Nyckeltalet är ett finansiellt mål (id); mål och utfall hämtas därifrån.",
        None,
    )
    baseline: int | None = key(
        "baslinje",
        "Året för en baslinjemätning (ÅÅÅÅ): det året är nyckeltalet 'ej bedömd' och "
        "värdet blir basvärde för senare år; 'mål' får då saknas.",
        None,
        strict=True,
        ge=1900,
        le=2200,
    )
    kolada: KoladaRef | None = key(
        "kolada",
        "Nyckeltalet finns i Kolada: dess id (t.ex. N00945) eller {kpi, organisation, kön}; "
        "'maluppfyllelse kolada' hämtar då utfallet.",
        None,
        json_schema_extra=kolada_shorthand_schema,
    )

    @field_validator("kolada", mode="before")
    @classmethod
    def _kolada_shorthand(cls, value: Any) -> Any:
        return {"kpi": value} if isinstance(value, str) else value


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
