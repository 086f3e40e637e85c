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


class MalOverTid(Model):
    """Ett mål för en viss period eller ett visst år i planen (`mål_över_tid`)."""

    period: Text | None = key(
        "period", "Perioden målet gäller, ÅÅÅÅ-MM, t.ex. '2026-08' (eller ange 'år').", None
    )
    year: int | None = key(
        "år", "Året i planen målet gäller, t.ex. 2026 (eller ange 'period').", None, strict=True
    )
    target: Number = key("mål", "Målvärdet för perioden eller året, som tal.")
    target_text: Text | None = key(
        "mål_text", "Målet som det står i rapporten för perioden eller året.", None
    )
    decision: Beslut | None = key(
        "beslut", "Beslutet som satte detta mål (dokument, datum, organ, paragraf).", None
    )

    @property
    def applies(self) -> str:
        """'2026-08' or '2026': what the entry is the target for."""
        return self.period if self.period is not None else str(self.year)


class Measure(Model):
    """What nyckeltal and finansiella mål share: a target and how it is judged.

    A target over time (`mål_över_tid`) is chosen by the evaluated period: the entry for
    that very period, else the one for its year, else the plain `mål` (`in_force`).
    """

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
    targets_over_time: list[MalOverTid] = key(
        "mål_över_tid",
        "Mål som skiljer sig per period eller år i planen: [{period: '2026-08', mål: 227}, "
        "{år: 2027, mål: 460}]. Periodens mål går före årets, årets före 'mål'.",
        [],
    )
    frequency: Frekvens = key("frekvens", "Hur ofta det mäts: tertial, halvår eller år.", "tertial")
    decimals: int | None = key(
        "decimaler",
        "Decimaler när utfall och mål visas i bilagan, t.ex. 1 för '−31,0 %' som i källan; "
        "standard: så många som talet har (högst 2).",
        None,
        ge=0,
        le=3,
        strict=True,
    )
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

    def in_force(self, period: str) -> MalOverTid | None:
        """The `mål_över_tid` entry in force for `period` (ÅÅÅÅ-MM): the one for that
        period, else the one for its year; None when neither (the plain `mål` applies)."""
        by_period = next((e for e in self.targets_over_time if e.period == period), None)
        if by_period is not None:
            return by_period
        return self._year_entry(period[:4])

    def _year_entry(self, year: str) -> MalOverTid | None:
        return next((e for e in self.targets_over_time if str(e.year) == year), None)

    def entry_decision(self, entry: MalOverTid) -> Beslut | None:
        """An entry's own `beslut`, else for a period's entry that of the same year's entry
        (a plan decided per year names its decision once, on the year's target)."""
        if entry.decision is not None or entry.period is None:
            return entry.decision
        found = self._year_entry(entry.period[:4])
        return found.decision if found is not None else None


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
