"""Judgement methods (`bedömning: {metod: …}`): how an utfall becomes a colour."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from engine.models.base import (
    Model,
    Number,
    StatusKey,
    Text,
    key,
)
from engine.models.settings import Band

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


class NivaOchTrend(Model):
    method: Literal["nivå_och_trend"] = key(
        "metod", "Sammansatt mål: en nivå (mål) och en trend mot ett tidigare utfall."
    )
    against: Literal["föregående_år", "föregående_period"] = key(
        "mot", "Vilket tidigare utfall trenden mäts mot.", "föregående_år"
    )
    rule: Literal["nivå_räcker", "båda"] = key(
        "regel",
        "nivå_räcker: nådd nivå är grön, annars gul om trenden är bättre, annars röd; "
        "båda: grön när båda villkoren är uppfyllda, gul när ett är det, annars röd.",
        "nivå_räcker",
    )


class Uttryck(Model):
    method: Literal["uttryck"] = key("metod", "Ett uttryck (simpleeval) som ger status.")
    expression: Text = key(
        "uttryck", "Uttrycket; ska ge 'grön', 'gul', 'röd', 'ej_bedömd' eller sant/falskt."
    )


Bedomning = Annotated[
    Kvot | Uppfyllt | Banded | Forandring | Jamforelse | NivaOchTrend | Uttryck,
    Field(discriminator="method"),
]


def method_shorthand_schema(schema: dict[str, Any]) -> None:
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


def method_shorthand(value: Any) -> Any:
    """`bedömning: kvot` is shorthand for `bedömning: {metod: kvot}`."""
    return {"metod": value} if isinstance(value, str) else value


#: The judgement method when a measure declares none.
DEFAULT_METHOD = Kvot.model_validate({"metod": "kvot"})


def needs_target(method: Any) -> bool:
    """Whether a method judges against a target (`mål`, or one in force over time):
    kvot, uppfyllt, förändring, nivå_och_trend and band on the ratio do; band on the
    utfall, jämförelse (its target is the earlier value) and uttryck (`mål` is None there
    when absent) do not."""
    if isinstance(method, Banded):
        return method.basis == "kvot"
    return isinstance(method, (Kvot, Uppfyllt, Forandring, NivaOchTrend))


def needs_direction(method: Any) -> bool:
    """Whether a method needs `riktning`: every one that needs a target, and jämförelse
    (better or worse than before); band on the utfall and uttryck do not."""
    return needs_target(method) or isinstance(method, Jamforelse)
