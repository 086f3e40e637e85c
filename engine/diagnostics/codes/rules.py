"""Codes of the rules folder's checks (engine/checks/rule_checks.py and the rules loader)."""

from __future__ import annotations

from engine.diagnostics.codes.base import BOTH, ERROR, WARNING, Code

CODES: tuple[Code, ...] = (
    # --- regler ---------------------------------------------------------------------------
    Code(
        "fil-saknas",
        BOTH,
        "regler",
        "En fil som mappen måste ha saknas. Fel när organisation.yaml, skala.yaml, "
        "målområdena eller periodens period.yaml saknas (hushallning.yaml, "
        "finansiella_mal.yaml och rapport.yaml är valfria: en nämnds plan har varken "
        "finansiella mål eller god ekonomisk hushållning); varning när planen har finansiella "
        "mål men periodmappen saknar finansiella_mal.yaml (de finansiella målen blir då ej "
        "bedömda). Lägg till filen.",
        "rules/skala.yaml:1:1: fel: filen skala.yaml saknas i regelmappen [fil-saknas]",
    ),
    Code(
        "okänd-fil",
        WARNING,
        "regler",
        "En YAML-fil i regel- eller periodmappen hör inte till formatet och läses inte. Flytta "
        "den, byt namn på den eller lägg målområden under malomraden/.",
        "rules/nyckeltal.yaml:1:1: varning: filen nyckeltal.yaml hör inte till regelspråket och "
        "läses inte [okänd-fil]",
    ),
    Code(
        "dubblett-id",
        ERROR,
        "regler",
        "Två nämnder, målområden, uppdrag eller nyckeltal har samma id (eller två målområden "
        "samma ordning). Id:n måste vara unika i hela regelmappen; byt id på det ena.",
        "rules/malomraden/ledningsprocesser.yaml:15:9: fel: nyckeltalet 'td-hsn-hse' finns redan "
        "(rules/malomraden/tandvard.yaml:19) [dubblett-id]",
    ),
    Code(
        "skala",
        ERROR,
        "regler",
        "Statusskalan i skala.yaml saknar en av statusarna grön, gul, röd och ej_bedömd. Lägg "
        "till den som saknas under `statusar`.",
        "rules/skala.yaml:3:1: fel: statusar: statusskalan saknar: ej_bedömd [skala]",
    ),
    Code(
        "band",
        ERROR,
        "regler",
        "Ett gult intervall eller ett bedömningsintervall har gränser i fel ordning eller "
        "utanför 0–100 %. Låt 'från' vara lägre än 'till' och det gula intervallet sluta vid "
        "högst 100 %.",
        "rules/skala.yaml:29:9: fel: gult_band.från: gult intervall från 100 % måste vara minst 0 "
        "och under 'till' (90 %) [band]",
    ),
    Code(
        "okänd-regel",
        ERROR,
        "regler",
        "Sammanvägningsregeln i skala.yaml finns inte. Välj en av reglerna som meddelandet "
        "räknar upp.",
        "rules/skala.yaml:47:10: fel: sammanvägning.regel: okänd sammanvägningsregel 'flest'; "
        "välj en av: sämsta, majoritet, medel [okänd-regel]",
    ),
    Code(
        "okänd-nämnd",
        ERROR,
        "regler",
        "En nämnd som inte finns i organisation.yaml nämns i reglerna eller i utfallen. Rätta "
        "id:t (versaler, t.ex. HSN) eller lägg till nämnden i organisation.yaml.",
        "rules/malomraden/tandvard.yaml:9:24: fel: uppdrag[1].nämnder[3]: okänd nämnd 'TN'; "
        "kända nämnder: HSN, RS, RUN [okänd-nämnd]",
    ),
    Code(
        "dubblett-nämnd",
        ERROR,
        "regler",
        "Samma nämnd står två gånger i `nämnder` för ett uppdrag eller nyckeltal. Ta bort den ena.",
        "rules/malomraden/tandvard.yaml:13:20: fel: nyckeltal[1].nämnder[2]: nämnden 'HSN' står "
        "två gånger [dubblett-nämnd]",
    ),
    Code(
        "avvikande-mål",
        ERROR,
        "regler",
        "`avvikande_mål` anger ett mål för en nämnd som inte rapporterar nyckeltalet. Lägg till "
        "nämnden i `nämnder` eller ta bort dess avvikande mål.",
        "nämnder: [HSN]\navvikande_mål: {RS: 90}",
    ),
    Code(
        "okänt-mål",
        ERROR,
        "regler",
        "Ett finansiellt mål som inte finns i finansiella_mal.yaml används i ett nyckeltal "
        "(`finansiellt_mål:`) eller i periodens utfall. Rätta id:t.",
        "rules/malomraden/ledningsprocesser.yaml:14:22: fel: nyckeltal[1].finansiellt_mål: okänt "
        "finansiellt mål 'kassalikviditeten'; kända: kassalikviditet, soliditet [okänt-mål]",
    ),
    Code(
        "okänt-målområde",
        ERROR,
        "regler",
        "Ett målområde som inte finns under rules/malomraden/ används (i finansiella_mal.yaml "
        "eller i en utfallsfil). Rätta id:t så att det är ett målområdes `id`.",
        "fixtures/2025-08/malomraden/tandvard.yaml:1:12: fel: målområde: okänt målområde "
        "'tandvärd'; kända: kultur, tandvard [okänt-målområde]",
    ),
    Code(
        "finansiellt-mål",
        ERROR,
        "regler",
        "Ett nyckeltal som pekar på ett finansiellt mål (`finansiellt_mål:`) hämtar mål, "
        "riktning, bedömning och utfall därifrån. Ta bort 'mål', 'riktning' och 'bedömning' i "
        "nyckeltalet, och 'saknas' i utfallsfilen.",
        "- id: ks-likviditet\n  finansiellt_mål: kassalikviditet\n  mål: 100    # ta bort",
    ),
    Code(
        "mål-över-tid",
        ERROR,
        "regler",
        "Ett mål i 'mål_över_tid' ska gälla antingen en period ('period: 2026-08') eller ett "
        "år i planen ('år: 2026'), inte båda och inte ingen av dem.",
        "mål_över_tid:\n  - {period: 2026-08, år: 2026, mål: 227}   # både period och år",
    ),
    Code(
        "mål-period",
        ERROR,
        "regler",
        "Perioden i 'mål_över_tid' är ingen månad som ÅÅÅÅ-MM (eller året inget årtal). "
        "Skriv t.ex. 'period: 2026-08'.",
        "mål_över_tid:\n  - {period: 2026-13, mål: 227}",
    ),
    Code(
        "dubblett-mål",
        ERROR,
        "regler",
        "Samma period eller år har två mål i 'mål_över_tid'; bara ett kan gälla. Ta bort det ena.",
        "mål_över_tid:\n  - {år: 2026, mål: 455}\n  - {år: 2026, mål: 460}",
    ),
    Code(
        "kvot-noll",
        ERROR,
        "regler",
        "Metoden 'kvot' delar utfallet med målet, och målet 0 (eller ett avvikande mål som inte "
        "är större än 0) ger ingen kvot. Använd metoden 'uppfyllt' eller 'band'.",
        "rules/malomraden/tandvard.yaml:24:10: fel: nyckeltal[2].mål: målet 0 ger ingen kvot; "
        "använd metoden 'uppfyllt' eller 'band' [kvot-noll]",
    ),
    Code(
        "kvot-negativ",
        ERROR,
        "regler",
        "En kvot mot ett negativt mål saknar mening (kostnadsutveckling, resultat). Använd "
        "metoden 'uppfyllt'.",
        "mål: -3.8\nbedömning: {metod: uppfyllt}   # inte kvot",
    ),
    Code(
        "andel",
        ERROR,
        "regler",
        "Ett nyckeltal vars namn börjar med 'Andel' och har enheten % måste ha ett mål mellan "
        "0 och 100. Rätta målet (procent skrivs som procenttal, 88 för 88 %).",
        "rules/malomraden/tandvard.yaml:16:10: fel: nyckeltal[1].mål: en andel måste ligga "
        "mellan 0 och 100 %, inte 120 % [andel]",
    ),
    Code(
        "band-täcker-inte",
        WARNING,
        "regler",
        "Det sista intervallet i metoden 'band' har gränser, så ett utfall utanför alla "
        "intervall blir ej bedömt. Låt det sista intervallet sakna 'från' och 'till' så att "
        "det fångar resten.",
        "band:\n  - {från: 90, status: grön}\n  - {från: 80, till: 90, status: gul}   # sista: "
        "ta bort gränserna",
    ),
    Code(
        "uttryck",
        ERROR,
        "regler",
        "Ett uttryck (`metod: uttryck` eller regeln för god ekonomisk hushållning) går inte att "
        "tolka, använder ett okänt namn, ger inte sant eller falskt, eller misslyckades på "
        "periodens utfall. Meddelandet räknar upp de tillåtna namnen.",
        "rules/malomraden/ledningsprocesser.yaml:23:42: fel: nyckeltal[2].bedömning.uttryck: okänt "
        "namn 'utfallet' i uttrycket; tillåtna namn: basvärde, föregående, föregående_period, "
        "föregående_år, gul_från, gul_till, kvot, mål, utfall [uttryck]",
    ),
    Code(
        "mall",
        ERROR,
        "regler",
        "En text i hushallning.yaml (eller rubrik/inledning i rapport.yaml) är en mall som inte "
        "kan fyllas i: okänt namn, trasig "
        "`{% if %}`/`{% endif %}` eller en otillåten konstruktion. Rätta mallen; meddelandet "
        "anger raden i texten.",
        "rules/hushallning.yaml:38:13: fel: texter.slutsats: mallen kunde inte fyllas i: okänt "
        "namn 'antal_uppdrag' [mall]",
    ),
    Code(
        "mallfel",
        ERROR,
        "regler",
        "En rapportmall (`report --templates`) kunde inte användas: syntaxfel, okänt namn, fel "
        "när den fylls i, en gräns (steg, tid, storlek) överskriden, eller en fil som inte är en "
        "vanlig fil i mallmappen (t.ex. en symbolisk länk eller en sökväg utanför mappen). "
        "Inga filer skrivs.",
        "mallar/bilaga1.html.j2:12:5: fel: mallen kunde inte användas: okänt namn 'rubrik' "
        "[mallfel]",
    ),
    Code(
        "beslut-saknas",
        WARNING,
        "rimlighet",
        "organisation.yaml har `kräv_beslut: true`, och ett mål saknar beslutet som satte det "
        "(eller beslutet saknar dokument, datum, organ eller paragraf). Ange `beslut:` på målet "
        "eller en standard under `beslut:` i organisation.yaml. En varning, så att en rapport "
        "kan skrivas innan protokollet finns; `validate --strict` gör den till ett fel.",
        "rules/malomraden/tandvard.yaml:51:5: varning: nyckeltal[1]: målet för 'td-hsn-hse': "
        "standardbeslutet i organisation.yaml saknar datum, paragraf; ange beslut: {dokument, "
        "datum, organ, paragraf} på målet eller i organisation.yaml [beslut-saknas]",
    ),
    Code(
        "okänd-del",
        ERROR,
        "regler",
        "rapport.yaml: `delar:` nämner en del som rapporten inte har, eller samma del två "
        "gånger. Delarna är inledning, utvärdering, symbolförklaring, sammanställning, "
        "finansiella_mål, målområden, ekonomi och god_ekonomisk_hushållning.",
        "rules/rapport.yaml:6:38: fel: delar[3]: okänd del 'sammanstälning' (menade du "
        "'sammanställning'?) [okänd-del]",
    ),
    Code(
        "okänd-kolumn",
        ERROR,
        "regler",
        "rapport.yaml: `sammanställning.kolumner:` nämner en kolumn som sammanställningen inte "
        "har, eller samma kolumn två gånger. Se docs/regelspråk.md för kolumnerna.",
        "rules/rapport.yaml:8:14: fel: sammanställning.kolumner[1]: okänd kolumn 'uppdrag_gron' "
        "(menade du 'uppdrag_grön'?) [okänd-kolumn]",
    ),
)
