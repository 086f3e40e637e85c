"""Stage 4, present: the JSON of `maluppfyllelse evaluate --format json` as pydantic models.

The models are the contract: `summary.to_json` builds them from an `Evaluation`, and
`maluppfyllelse schema resultat` publishes their JSON Schema (schema/resultat.schema.json),
so a consumer can validate what it reads. Keys are Swedish, through aliases, as in
README.md ("JSON-format"); attributes are English, as in `engine.models`.

Numbers are never NaN or infinite in the output: a value that is not finite becomes
null (`Tal`), which is also what the schema allows for every number.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import AfterValidator

from engine.diagnostics.contract import Contract, key
from engine.evaluation.results import (
    AreaResult,
    Evaluation,
    GehResult,
    MeasureResult,
    UppdragResult,
)
from engine.inputs.loaded import Earlier
from engine.models import Riktning, StatusKey, Ursprung

#: The version of the format; raised when a key changes meaning or disappears.
SCHEMA_VERSION = 1


def _finite(value: float | None) -> float | None:
    return value if value is None or math.isfinite(value) else None


#: A number in the output: finite, or null.
Tal = Annotated[float | None, AfterValidator(_finite)]


class Antal(Contract):
    """Hur många som har varje status, och hur många i allt."""

    green: int = key("grön", "Antal gröna (uppfyllda).", ge=0)
    yellow: int = key("gul", "Antal gula (delvis uppfyllda).", ge=0)
    red: int = key("röd", "Antal röda (ej uppfyllda).", ge=0)
    not_assessed: int = key("ej_bedömd", "Antal som inte kunnat bedömas.", ge=0)
    total: int = key("antal", "Antal i allt.", ge=0)


class _Ident(Contract):
    id: str = key("id", "Id som i regelfilen.")
    name: str = key("namn", "Namnet som i rapporten.")


class _Namnd(Contract):
    namnd: str = key("nämnd", "Nämnden som rapporterar, t.ex. 'HSN'.")


class Tidigare(Contract):
    """Ett utfall i en tidigare periodmapp."""

    period: str = key("period", "Perioden, ÅÅÅÅ-MM.")
    value: Tal = key("utfall", "Utfallet den perioden.")


class _Matt(Contract):
    area: str = key("målområde", "Målområdets id.")
    status: StatusKey = key("status", "grön, gul, röd eller ej_bedömd.")
    value: Tal = key("utfall", "Utfallet, eller null när det saknas.")
    target: Tal = key("mål", "Målvärdet som tal, eller null.")
    target_text: str | None = key("mål_text", "Målet som det står i källdokumentet, eller null.")
    unit: str = key("enhet", "Enheten, t.ex. '%' ('' om ingen).")
    direction: Riktning | None = key("riktning", "Riktningen, t.ex. 'Minst' eller 'Max'.")
    ratio: Tal = key("måluppfyllelse", "Procent med en decimal där en kvot finns, annars null.")
    method: str = key("metod", "Bedömningsmetoden, t.ex. 'kvot' ('saknas' utan utfall).")
    account: str = key("motivering", "Hur färgen nåddes: metod, krav och kvot, i ord.")
    details: dict[str, Tal | int | str] = key(
        "underlag", "Samma sak maskinläsbart, t.ex. {utfall, mål, gult_från, gult_till}."
    )
    comment: str = key("kommentar", "Kommentaren till utfallet.")
    missing_reason: str | None = key("ej_bedömd_orsak", "Varför det inte bedömts, eller null.")
    carried_from: str | None = key("överfört_från", "Perioden värdet är överfört från, eller null.")
    previous_period: Tidigare | None = key(
        "föregående_period",
        "Utfallet i föregående periodmapp (den senaste före denna), eller null.",
        None,
    )
    last_year: Tidigare | None = key(
        "föregående_år", "Utfallet samma period föregående år, eller null.", None
    )
    trend: Literal["bättre", "oförändrad", "sämre"] | None = key(
        "trend",
        "Trenden mot föregående period (annars samma period föregående år; med metodens "
        "mot: föregående_år i omvänd ordning), efter riktningen; null utan tidigare utfall "
        "eller riktning.",
        None,
    )
    trend_against: str | None = key(
        "trend_mot", "Perioden (ÅÅÅÅ-MM) som trenden avser, eller null.", None
    )
    source: dict[str, Any] | None = key(
        "källa",
        "Varifrån värdet kommer (system, hämtad, preliminär, kolada …), när det är angivet.",
        None,
        exclude_if=lambda v: v is None,
    )
    target_applies: str | None = key(
        "mål_gäller",
        "Vilket mål i mål_över_tid som gällde: perioden ('2026-08') eller året ('2026'); "
        "null när det vanliga målet (eller nämndens avvikande mål) gällde.",
        None,
    )
    decision: dict[str, Any] | None = key(
        "mål_beslut",
        "Beslutet bakom målet som gällde (dokument, datum, organ, paragraf), när det är angivet.",
        None,
        exclude_if=lambda v: v is None,
    )
    computed: StatusKey = key(
        "beräknad_status", "Statusen som bedömningsmetoden gav (samma som status utan beslut)."
    )
    declared: StatusKey | None = key(
        "beslutad_status", "Den beslutade statusen (bedömning i utfallsfilen), eller null."
    )
    declared_motivation: str | None = key(
        "beslutad_motivering",
        "Motiveringen till den beslutade statusen, eller null. ('motivering' är metodens "
        "redovisning av hur färgen nåddes.)",
        None,
    )


class FinansielltMalResultat(_Matt, _Ident):
    """Ett finansiellt måls bedömning."""


class NyckeltalResultat(_Matt, _Namnd, _Ident):
    """Ett nyckeltals bedömning för en nämnd."""

    financial_goal: str | None = key(
        "finansiellt_mål",
        "Det finansiella mål nyckeltalet är en kopia av (finns bara då).",
        None,
        exclude_if=lambda v: v is None,
    )


class UppdragRapport(Contract):
    """En nämnds rapport om ett uppdrag."""

    namnd: str = key("nämnd", "Nämnden som rapporterar.")
    status: StatusKey = key(
        "status", "Färgen som gäller: den beslutade, annars den nämndens uppdragsstatus ger."
    )
    status_text: str | None = key("uppdragsstatus", "Uppdragsstatus, t.ex. 'Pågående enligt plan'.")
    comment: str = key("kommentar", "Nämndens kommentar.")
    computed: StatusKey | None = key(
        "beräknad_status", "Färgen uppdragsstatusen ger, eller null utan rapport.", None
    )
    declared: StatusKey | None = key(
        "beslutad_status", "Den beslutade färgen (bedömning i utfallsfilen), eller null.", None
    )
    motivation: str | None = key(
        "motivering", "Motiveringen till den beslutade färgen, eller null.", None
    )


class UppdragResultat(Contract):
    """Ett uppdrags bedömning."""

    id: str = key("id", "Uppdragets id.")
    text: str = key("namn", "Uppdragets lydelse.")
    area: str = key("målområde", "Målområdets id.")
    origin: Ursprung = key("ursprung", "'fullmäktige' eller 'nämnd'.")
    status: StatusKey = key("status", "Den sämsta av nämndernas färger.")
    reports: list[UppdragRapport] = key("nämnder", "Varje nämnds rapport.")


class MalomradeResultat(Contract):
    """Ett målområdes sammanvägda bedömning."""

    id: str = key("id", "Målområdets id.")
    name: str = key("namn", "Målområdets namn.")
    overall_goal: str = key("övergripande_mål", "Det övergripande målet.")
    status: StatusKey = key("status", "Status som gäller: den beslutade, annars den beräknade.")
    computed: StatusKey = key("beräknad_status", "Sammanvägningens förslag.")
    declared: StatusKey | None = key("beslutad_status", "Den beslutade statusen, eller null.")
    motivation: str | None = key("motivering", "Motiveringen till den beslutade statusen.")
    parts: Antal = key("delar", "Delarna som vägts samman.")
    uppdrag_fullmaktige: int = key(
        "uppdrag_från_fullmäktige", "Antal uppdrag från fullmäktige.", ge=0
    )
    goals: Antal = key("finansiella_mål", "De finansiella mål som hör till målområdet.")
    comment: str = key("kommentar", "Målområdets kommentar i bilagan.")
    namnd_comments: dict[str, str] = key(
        "nämndernas_kommentarer", "Nämndernas egna kommentarer till målområdet, per nämnd."
    )
    namnd_statuses: dict[str, StatusKey] = key(
        "nämndernas_bedömningar",
        "Nämndernas egna bedömningar av målområdet, per nämnd (bara de som gett en).",
    )


class GehAntal(Contract):
    """Antalen som regeln för god ekonomisk hushållning räknar med."""

    areas: Antal = key("målområden", "Målområdena.")
    uppdrag: Antal = key("uppdrag", "Uppdragen från fullmäktige.")
    goals: Antal = key("finansiella", "De finansiella målen.")


class HushallningResultat(Contract):
    """Bedömningen av god ekonomisk hushållning."""

    achieved: bool | Literal["delvis"] = key("uppnådd", "true, false eller 'delvis'.")
    rule: str = key("regel", "Regeln (uttrycket) i hushallning.yaml.")
    counts: GehAntal = key("antal", "Antalen regeln räknar med.")
    red_areas: list[str] = key("ej_uppfyllda_målområden", "De röda målområdenas namn.")
    conclusion: str = key("slutsats", "Slutsatsen, ifylld från hushallning.yaml.")


class Resultat(Contract):
    """Måluppfyllelse för en period: `maluppfyllelse evaluate --format json`."""

    version: Literal[1] = key("schema", "Formatets version.")
    organisation: str = key("organisation", "Regionen eller kommunen.")
    period: str = key("period", "Perioden, ÅÅÅÅ-MM.")
    period_label: str = key("period_benämning", "Perioden i löptext, t.ex. 'per augusti 2025'.")
    kpis: list[NyckeltalResultat] = key("nyckeltal", "Varje nyckeltal per nämnd.")
    uppdrag: list[UppdragResultat] = key("uppdrag", "Varje uppdrag.")
    areas: list[MalomradeResultat] = key("målområden", "Varje målområde.")
    goals: list[FinansielltMalResultat] = key("finansiella_mål", "Varje finansiellt mål.")
    geh: HushallningResultat | None = key(
        "god_ekonomisk_hushållning",
        "Bedömningen av god ekonomisk hushållning; null för en plan utan hushallning.yaml "
        "(t.ex. en nämnds plan).",
    )


# --- from an Evaluation ------------------------------------------------------------------


def _measure(m: MeasureResult) -> dict[str, Any]:
    return {
        "id": m.id,
        "name": m.name,
        "namnd": m.namnd,
        "area": m.area_id,
        "status": m.status,
        "value": m.value,
        "target": m.target,
        "target_text": m.target_text or None,
        "unit": m.unit,
        "direction": m.direction,
        "ratio": round(m.ratio, 1) if m.ratio is not None else None,
        "method": m.method,
        "account": m.account,
        "details": m.judgement.details,
        "comment": m.comment,
        "missing_reason": m.missing_reason,
        "carried_from": m.carried_from,
        "source": m.source.model_dump(by_alias=True, mode="json", exclude_none=True)
        if m.source is not None
        else None,
        "financial_goal": m.financial_goal or None,
        "previous_period": _earlier(m.previous_period),
        "last_year": _earlier(m.last_year),
        "trend": m.trend.word if m.trend is not None else None,
        "trend_against": m.trend.against.period if m.trend is not None else None,
        "target_applies": m.target_applies,
        "decision": m.decision.model_dump(by_alias=True, mode="json", exclude_none=True)
        if m.decision is not None
        else None,
        "computed": m.computed_status,
        "declared": m.declared_status,
        "declared_motivation": m.declared_motivation,
    }


def _earlier(e: Earlier | None) -> dict[str, Any] | None:
    return {"period": e.period, "value": e.value} if e is not None else None


def _kpi(m: MeasureResult) -> NyckeltalResultat:
    return NyckeltalResultat.model_validate(_measure(m))


def _goal(m: MeasureResult) -> FinansielltMalResultat:
    fields = _measure(m)
    del fields["namnd"], fields["financial_goal"]
    return FinansielltMalResultat.model_validate(fields)


def _uppdrag(u: UppdragResult) -> UppdragResultat:
    return UppdragResultat(
        id=u.id,
        text=u.text,
        area=u.area_id,
        origin=u.origin,
        status=u.status,
        reports=[
            UppdragRapport(
                namnd=r.namnd,
                status=r.status,
                status_text=r.status_text,
                comment=r.comment,
                computed=r.computed_status,
                declared=r.declared_status,
                motivation=r.declared_motivation,
            )
            for r in u.reports
        ],
    )


def _area(a: AreaResult) -> MalomradeResultat:
    return MalomradeResultat(
        id=a.id,
        name=a.name,
        overall_goal=a.overall_goal,
        status=a.status,
        computed=a.computed_status,
        declared=a.declared_status,
        motivation=a.motivation,
        parts=Antal.model_validate(a.parts),
        uppdrag_fullmaktige=a.uppdrag_fullmaktige,
        goals=Antal.model_validate(a.goal_counts),
        comment=a.comment,
        namnd_comments=dict(a.namnd_comments),
        namnd_statuses=dict(a.namnd_statuses),
    )


def _geh(geh: GehResult | None, conclusion: str) -> HushallningResultat | None:
    if geh is None:
        return None
    return HushallningResultat(
        achieved=geh.achieved,
        rule=geh.rule,
        counts=GehAntal.model_validate(geh.counts),
        red_areas=geh.red_areas,
        conclusion=conclusion,
    )


def resultat(e: Evaluation, conclusion: str) -> Resultat:
    """The contract for an evaluation; `conclusion` is from `engine.output.texts`."""
    return Resultat(
        version=SCHEMA_VERSION,
        organisation=e.organisation,
        period=e.period,
        period_label=e.period_label,
        kpis=[_kpi(k) for k in e.kpis],
        uppdrag=[_uppdrag(u) for u in e.uppdrag],
        areas=[_area(a) for a in e.areas],
        goals=[_goal(g) for g in e.goals],
        geh=_geh(e.geh, conclusion),
    )
