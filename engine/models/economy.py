"""The economy beside the goals: balanskravsutredning, action plans and the budget
deviation path, as declared in a period folder (`balanskrav.yaml`, `atgarder.yaml`,
`budgetavvikelse.yaml`). Every figure is in mkr with the sign it has in the report's
table; the engine adds them up (see engine.evaluation.economy)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from engine.models import Id, Model, Number, PeriodId, StatusKey, Text, key

Year = Annotated[int, Field(strict=True, ge=1900, le=2200)]
Mkr = Number | None


def mkr(alias: str, description: str) -> Mkr:
    """An optional figure in mkr; empty in the report's table means not given."""
    result: Mkr = key(alias, description + " Miljoner kronor, med tecknet som i tabellen.", None)
    return result


# --- balanskrav.yaml ---------------------------------------------------------------------


class BalanskravYear(Model):
    year: Year = key("år", "Året som kolumnen gäller, t.ex. 2025.")
    basis: Literal["utfall", "helårsprognos"] = key(
        "underlag", "Om årets resultat är utfall (bokslut) eller helårsprognos.", "utfall"
    )
    result: Number = key("årets_resultat", "Årets resultat (mkr).")
    realisation_gains: Mkr = mkr(
        "realisationsvinster", "− Reducering av samtliga realisationsvinster (negativt tal)."
    )
    gains_exception: Mkr = mkr(
        "realisationsvinster_undantag",
        "+ Justering för realisationsvinster enl. undantagsmöjlighet.",
    )
    losses_exception: Mkr = mkr(
        "realisationsförluster_undantag",
        "+ Justering av realisationsförluster enl. undantagsmöjlighet.",
    )
    unrealised: Mkr = mkr(
        "orealiserade_värdepapper", "+/− Orealiserade vinster och förluster i värdepapper."
    )
    unrealised_reversal: Mkr = mkr(
        "återföring_orealiserade",
        "+/− Återföring av orealiserade vinster och förluster i värdepapper.",
    )
    after_adjustments: Mkr = mkr(
        "resultat_efter_justeringar",
        "Årets resultat efter balanskravsjusteringar, som det står i rapporten (kontrolleras).",
    )
    reserve_set_aside: Mkr = mkr(
        "reservering_resultatreserv", "− Reservering av medel till resultatreserv (negativt tal)."
    )
    reserve_used: Mkr = mkr(
        "användning_resultatreserv", "+ Användning av medel från resultatreserv."
    )
    result_balanskrav: Mkr = mkr(
        "balanskravsresultat", "Balanskravsresultatet som det står i rapporten (kontrolleras)."
    )
    special_not_restore: Mkr = mkr(
        "synnerliga_skäl_ej_återställa", "+ Synnerliga skäl att ej återställa (positivt tal)."
    )
    special_longer: Mkr = mkr(
        "synnerliga_skäl_längre_tid",
        "+ Synnerliga skäl att återställa på längre tid. Beloppet visas i tabellen men "
        "minskar inte det som ska återställas; det flyttar bara tidpunkten.",
    )
    restore_by: Year | None = key(
        "återställs_senast",
        "Året då årets underskott senast ska vara återställt (utan värde: tre år efter året).",
        None,
    )
    to_restore: Mkr = mkr(
        "att_återställa",
        "Årets balanskravsresultat att återställa, efter synnerliga skäl (kontrolleras).",
    )
    from_earlier: Mkr = mkr(
        "från_tidigare_år",
        "Negativt balanskravsresultat att återställa från tidigare år (kontrolleras mot "
        "föregående års ackumulerade värde när det året finns med).",
    )
    accumulated: Mkr = mkr(
        "ackumulerat_ej_återställt",
        "Ackumulerat ej återställt negativt balanskravsresultat, inklusive årets (kontrolleras).",
    )


class BalanskravFile(Model):
    unit: Literal["mkr"] = key("enhet", "Enheten för alla belopp: mkr.", "mkr")
    source: Text = key("källa", "Var tabellen kommer ifrån, t.ex. delårsrapportens sida.", "")
    years: list[BalanskravYear] = key(
        "utredning", "En kolumn per år, som i rapporten (senaste året först).", min_length=1
    )


# --- atgarder.yaml -----------------------------------------------------------------------


class Stoplight(Model):
    label: Text = key("etikett", "Stoppljusets namn i rapporten, t.ex. 'Grön'.")
    legend: Text = key("beskrivning", "Vad det betyder, t.ex. 'målet kommer nås under året'.")
    symbol: Text = key("symbol", "Textsymbol som inte bygger på färg, t.ex. '●'.")


class Atgard(Model):
    id: Id = key("id", "Åtgärdens id, t.ex. 'hyrbemanning'.")
    name: Text = key("benämning", "Åtgärdens namn, t.ex. 'Hyrbemanning'.")
    owner: Text = key("ansvarig", "Nämnd eller division som äger åtgärden, t.ex. 'HSN'.")
    area: Text = key("område", "Området åtgärden hör till, t.ex. 'Personal'.")
    effect: Mkr = mkr("helårseffekt", "Bedömd helårseffekt enligt verksamhetsplanen.")
    so_far: Mkr = mkr("utfall_hittills", "Effekt hittills under året.")
    stoplight: StatusKey = key(
        "stoppljus", "Bedömningen: grön, gul, röd eller ej_bedömd.", "ej_bedömd"
    )
    comment: Text = key("kommentar", "Kommentaren.", "")


class AtgarderFile(Model):
    title: Text = key("rubrik", "Rubriken i rapporten.", "Resultatförbättrande åtgärder")
    source: Text = key("källa", "Var uppgifterna kommer ifrån.", "")
    scale: dict[StatusKey, Stoplight] = key(
        "stoppljus", "Stoppljusens betydelse: grön, gul, röd och ej_bedömd."
    )
    actions: list[Atgard] = key("åtgärder", "Åtgärderna.", min_length=1)
    total: Mkr = mkr(
        "totalt", "Den bedömda helårseffekten totalt, som den står i källan (kontrolleras)."
    )


# --- budgetavvikelse.yaml ----------------------------------------------------------------


class Forecast(Model):
    month: PeriodId = key("månad", "Månaden då prognosen lades, ÅÅÅÅ-MM.")
    forecast: Mkr = mkr("prognos", "Helårsprognosen för resultatet.")
    deviation: Mkr = mkr(
        "avvikelse",
        "Prognostiserad avvikelse mot budget för helåret (negativt = sämre än budget); "
        "utan värde räknas den som prognos − budget.",
    )
    comment: Text = key("kommentar", "Kommentaren.", "")


class BudgetavvikelseFile(Model):
    year: Year = key("år", "Budgetåret.")
    unit: Literal["mkr"] = key("enhet", "Enheten för alla belopp: mkr.", "mkr")
    who: Text = key("avser", "Vem prognosen gäller, t.ex. 'Region Jämtland Härjedalen'.", "")
    budget: Mkr = mkr("budget", "Budgeterat resultat för helåret.")
    source: Text = key("källa", "Var uppgifterna kommer ifrån.", "")
    forecasts: list[Forecast] = key(
        "prognoser", "Prognoserna, en per månad, i tidsordning.", min_length=1
    )
