"""Where values come from: Kolada references on nyckeltal and the source (`källa`) of an
outcome, so that an auditor can follow a value back to the system it was taken from."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Field

from engine.models.base import Model, Number, Text, key

#: A Kolada KPI id (N = kommun/region, U = organisationsenhet), e.g. 'N00945'.
KoladaKpi = Annotated[str, Field(strict=True, pattern=r"^[A-Z]\d{5}$")]
#: A Kolada organisation id: a kommun's four-digit code, or '00' + a region's county code.
KoladaOrg = Annotated[str, Field(strict=True, pattern=r"^\d{4}$")]
Kon = Literal["T", "K", "M"]


class KoladaRef(Model):
    """Nyckeltalet i Kolada: id, och vid behov en annan organisation eller ett kön."""

    kpi: KoladaKpi = key("kpi", "Nyckeltalets id i Kolada, t.ex. 'N00945'.")
    organisation: KoladaOrg | None = key(
        "organisation", "Ett annat Kolada-id än nämndens eller organisationens.", None
    )
    gender: Kon = key("kön", "Vilket värde som används: T (totalt, standard), K eller M.", "T")


def kolada_shorthand_schema(schema: dict[str, Any]) -> None:
    """Let editors accept `kolada: N00945` as well as the mapping form."""
    schema.setdefault("anyOf", []).insert(
        0, {"type": "string", "pattern": r"^[A-Z]\d{5}$", "description": "Kort form för {kpi: …}."}
    )


class Kalla(Model):
    """Var utfallet kommer från, så att en granskare kan kontrollera det."""

    system: Text = key(
        "system", "System eller rapport, t.ex. 'Kolada', 'Stratsys' eller 'Ekonomisystemet'."
    )
    retrieved: dt.datetime | dt.date | None = key(
        "hämtad", "När värdet hämtades, datum (2025-09-05) eller tidpunkt.", None
    )
    preliminary: bool | None = key(
        "preliminär", "true om värdet är preliminärt, false om det är slutligt.", None
    )
    kolada: KoladaKpi | None = key("kolada", "Kolada-nyckeltalets id, t.ex. 'N00945'.", None)
    organisation: KoladaOrg | None = key(
        "organisation", "Kolada-id för organisationen som värdet gäller.", None
    )
    year: int | None = key("år", "Året som värdet gäller (Kolada redovisar per år).", None)
    gender: Kon | None = key("kön", "Vilket av värdena som är utfallet: T, K eller M.", None)
    split: dict[Kon, Number | None] = key(
        "uppdelning", "Värdena per kön som källan gav dem: T (totalt), K, M.", {}
    )
    raw: Text | None = key(
        "rådata", "Det sparade svaret i periodmappen, t.ex. 'kolada/3f2a….json'.", None
    )
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = key(
        "sha256", "SHA-256 av det sparade svaret.", None
    )
    note: Text | None = key("anmärkning", "Annat om källan, t.ex. en rapports sidnummer.", None)


class Beslut(Model):
    """Beslutet som satte målet, så att en granskare hittar det i protokollet."""

    document: Text | None = key(
        "dokument", "Dokumentet med målet, t.ex. 'Regionplan med budget 2025–2027'.", None
    )
    date: dt.date | None = key("datum", "Beslutsdatum, t.ex. 2024-11-20.", None)
    body: Text | None = key(
        "organ", "Vem som beslutade, t.ex. 'Regionfullmäktige' eller 'RF'.", None
    )
    paragraph: Text | None = key("paragraf", "Paragrafen i protokollet, t.ex. '§ 123'.", None)
    reference: Text | None = key("diarienummer", "Diarienumret, t.ex. 'RS/61/2024'.", None)

    def text(self) -> str:
        """'Regionplan med budget 2025–2027, Regionfullmäktige 2024-11-20 § 123 (RS/61/2024)'."""
        decided = " ".join(
            p
            for p in (self.body, self.date.isoformat() if self.date else None, self.paragraph)
            if p
        )
        out = ", ".join(p for p in (self.document, decided) if p)
        return f"{out} ({self.reference})" if self.reference else out

    def missing(self) -> list[str]:
        """The keys an auditor needs that are not given."""
        given = {"dokument": self.document, "datum": self.date, "organ": self.body,
                 "paragraf": self.paragraph}  # fmt: skip
        return [k for k, v in given.items() if v is None]
