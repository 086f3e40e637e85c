"""The registry of diagnostic codes: every `[kod]` the tool can print, in one place.

Each code has its severity (fel, varning, or both where the same problem is an error in
one file and a warning in another), a Swedish explanation (what it means and how to fix
it) and a short example. `Report.error` and `Report.warning` refuse a code that is not
registered here with that severity, so a new diagnostic cannot ship undocumented.

`docs/koder.md` is generated from this registry (`engine.diagnostics.docs`) and a test
fails when they differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "fel"
    WARNING = "varning"


@dataclass(frozen=True, slots=True)
class Code:
    name: str
    severities: tuple[Severity, ...]
    #: Which step finds it; a key of GROUPS.
    group: str
    #: What it means and how to fix it (Swedish).
    explanation: str
    #: A message as the tool prints it, or a YAML snippet that gives it.
    example: str


#: The steps that find problems, in the order the documentation lists them.
GROUPS: dict[str, str] = {
    "läsa": "Läsa filen (YAML)",
    "nycklar": "Nycklar och värden",
    "regler": "Regelmappen",
    "utfall": "Periodmappen (utfall)",
    "rimlighet": "Rimlighet (varningar)",
    "bedömning": "Bedömningen",
}

_E, _W = (Severity.ERROR,), (Severity.WARNING,)
_BOTH = (Severity.ERROR, Severity.WARNING)

ALL: tuple[Code, ...] = (
    # --- läsa -----------------------------------------------------------------------------
    Code(
        "läsfel",
        _E,
        "läsa",
        "Filen kunde inte läsas (behörighet, trasig länk). Kontrollera att filen finns och "
        "att du har rätt att läsa den.",
        "rules/skala.yaml:1:1: fel: kan inte läsa filen: Permission denied [läsfel]",
    ),
    Code(
        "för-stor",
        _E,
        "läsa",
        "Filen är större än 5 MB och läses inte. En regel- eller utfallsfil är normalt några "
        "kilobyte; kontrollera att rätt fil ligger i mappen.",
        "rules/malomraden/tandvard.yaml:1:1: fel: filen är större än 5242880 byte [för-stor]",
    ),
    Code(
        "bom",
        _W,
        "läsa",
        "Filen börjar med en BOM (byte order mark), som vissa Windows-program skriver. Filen "
        "läses ändå; spara den som UTF-8 utan BOM så försvinner varningen.",
        "rules/skala.yaml:1:1: varning: filen börjar med en BOM (byte order mark); spara den "
        "som UTF-8 utan BOM [bom]",
    ),
    Code(
        "kodning",
        _E,
        "läsa",
        "Filen är inte sparad som UTF-8 (ofta Latin-1 från ett äldre program, så att å, ä och ö "
        "blir fel). Positionen pekar på det första felaktiga tecknet; spara filen som UTF-8.",
        "rules/organisation.yaml:1:25: fel: filen är inte UTF-8 (byte 0xf6); spara den som "
        "UTF-8 [kodning]",
    ),
    Code(
        "tom-fil",
        _E,
        "läsa",
        "Filen är tom eller innehåller bara kommentarer. Fyll i innehållet eller ta bort filen.",
        "rules/hushallning.yaml:1:1: fel: filen är tom [tom-fil]",
    ),
    Code(
        "tabb",
        _E,
        "läsa",
        "Ett tabbtecken används som indrag; YAML tillåter bara mellanslag där. Byt tabben mot "
        "mellanslag (de flesta editorer kan visa och ersätta tabbar).",
        "rules/organisation.yaml:8:1: fel: tabbtecken i indraget; YAML kräver mellanslag [tabb]",
    ),
    Code(
        "yaml-syntax",
        _E,
        "läsa",
        "Filen är inte giltig YAML: ett kolon, citattecken, indrag eller en parentes stämmer "
        "inte. Meddelandet säger vad som väntades och var blocket börjar.",
        "rules/organisation.yaml:12:1: fel: ogiltig YAML: filen får bara innehålla ett dokument "
        "(ta bort '---') [yaml-syntax]",
    ),
    Code(
        "styrtecken",
        _E,
        "läsa",
        "Filen innehåller ett osynligt styrtecken (ofta inklistrat från ett annat program). "
        "Ta bort tecknet på den angivna positionen.",
        "rules/malomraden/tandvard.yaml:3:22: fel: otillåtet tecken (U+0001, ett styrtecken) "
        "i filen; ta bort det [styrtecken]",
    ),
    Code(
        "toppnivå",
        _E,
        "läsa",
        "Filens översta nivå måste vara en mappning med nycklar (`id: …`, `namn: …`), inte en "
        "lista eller ett enstaka värde. Ta bort ett inledande `-` eller lägg till nycklarna.",
        "- id: kassalikviditet\n  namn: Kassalikviditet",
    ),
    Code(
        "nyckel-typ",
        _E,
        "läsa",
        "En nyckel är en lista eller mappning i stället för en enkel text. Skriv nyckeln som "
        "text följd av kolon.",
        "[a, b]: 1",
    ),
    Code(
        "dubblett-nyckel",
        _E,
        "läsa",
        "Samma nyckel står två gånger i en mappning; bara den första används. Ta bort eller "
        "byt namn på den andra.",
        "rules/malomraden/tandvard.yaml:5:1: fel: nyckeln 'namn' finns redan på rad 2 "
        "[dubblett-nyckel]",
    ),
    Code(
        "merge",
        _E,
        "läsa",
        "En sammanslagning `<<:` pekar på något annat än en mappning. Låt `<<: *ankare` peka "
        "på ett ankare som är en mappning.",
        "bas: &bas [1, 2]\nnyckeltal:\n  <<: *bas",
    ),
    Code(
        "alias-cykel",
        _E,
        "läsa",
        "Ett alias (`*namn`) refererar till sitt eget ankare (`&namn`) och skulle ge en "
        "oändlig struktur. Skriv ut värdet i stället.",
        "rules/malomraden/tandvard.yaml:5:4: fel: alias som refererar till sig själv [alias-cykel]",
    ),
    Code(
        "alias-bomb",
        _E,
        "läsa",
        "Filens alias och ankare expanderar till fler än 200 000 noder ('billion laughs'). "
        "Filen läses inte; skriv ut värdena i stället för att nästla alias.",
        "rules/malomraden/tandvard.yaml:1:1: fel: filen expanderar till fler än 200000 noder "
        "(alias/ankare); den läses inte [alias-bomb]",
    ),
    Code(
        "djup",
        _E,
        "läsa",
        "Filen är nästlad i så många nivåer att den inte kan läsas. Regelfiler behöver några "
        "få nivåer; kontrollera indraget.",
        "rules/skala.yaml:1:1: fel: filen är för djupt nästlad [djup]",
    ),
    # --- nycklar --------------------------------------------------------------------------
    Code(
        "saknas",
        _E,
        "nycklar",
        "En obligatorisk nyckel saknas. Positionen pekar på mappningen där den ska stå; lägg "
        "till nyckeln där (t.ex. `riktning`, `mål` eller `metod` under `bedömning`).",
        "rules/malomraden/tandvard.yaml:6:5: fel: uppdrag[1]: nyckeln 'ursprung' saknas [saknas]",
    ),
    Code(
        "okänd-nyckel",
        _E,
        "nycklar",
        "Nyckeln finns inte i regelspråket på den här nivån: ofta ett stavfel (då föreslås "
        "rätt nyckel) eller fel indrag. Rätta stavningen eller indraget.",
        "rules/malomraden/tandvard.yaml:16:5: fel: nyckeltal[2]: okänd nyckel 'måål' "
        "(menade du 'mål'?) [okänd-nyckel]",
    ),
    Code(
        "typ",
        _E,
        "nycklar",
        "Värdet har fel typ eller form: text där ett tal väntas, ett okänt värde i en lista av "
        "tillåtna, ett ogiltigt id eller en period som inte är ÅÅÅÅ-MM. Meddelandet säger vad "
        "som väntas.",
        "rules/malomraden/tandvard.yaml:14:12: fel: nyckeltal[2].mål: ska vara ett tal, men är "
        "texten '88 %'; skriv bara talet, t.ex. 88 [typ]",
    ),
    Code(
        "värde",
        _E,
        "nycklar",
        "Värdet har rätt typ men avvisas av en kontroll i regelspråket, som då förklarar "
        "varför i meddelandet. Rätta värdet som meddelandet säger.",
        "rules/skala.yaml:5:3: fel: statusar: … [värde]",
    ),
    # --- regler ---------------------------------------------------------------------------
    Code(
        "fil-saknas",
        _BOTH,
        "regler",
        "En fil som mappen måste ha saknas. Fel när en av regelfilerna (organisation.yaml, "
        "skala.yaml, hushallning.yaml, finansiella_mal.yaml), målområdena eller periodens "
        "period.yaml saknas; varning när periodmappen saknar finansiella_mal.yaml (de "
        "finansiella målen blir då ej bedömda). Lägg till filen.",
        "rules/skala.yaml:1:1: fel: filen skala.yaml saknas i regelmappen [fil-saknas]",
    ),
    Code(
        "okänd-fil",
        _W,
        "regler",
        "En YAML-fil i regel- eller periodmappen hör inte till formatet och läses inte. Flytta "
        "den, byt namn på den eller lägg målområden under malomraden/.",
        "rules/nyckeltal.yaml:1:1: varning: filen nyckeltal.yaml hör inte till regelspråket och "
        "läses inte [okänd-fil]",
    ),
    Code(
        "dubblett-id",
        _E,
        "regler",
        "Två nämnder, målområden, uppdrag eller nyckeltal har samma id (eller två målområden "
        "samma ordning). Id:n måste vara unika i hela regelmappen; byt id på det ena.",
        "rules/malomraden/ledningsprocesser.yaml:15:9: fel: nyckeltalet 'td-hsn-hse' finns redan "
        "(rules/malomraden/tandvard.yaml:19) [dubblett-id]",
    ),
    Code(
        "skala",
        _E,
        "regler",
        "Statusskalan i skala.yaml saknar en av statusarna grön, gul, röd och ej_bedömd. Lägg "
        "till den som saknas under `statusar`.",
        "rules/skala.yaml:3:1: fel: statusar: statusskalan saknar: ej_bedömd [skala]",
    ),
    Code(
        "band",
        _E,
        "regler",
        "Ett gult intervall eller ett bedömningsintervall har gränser i fel ordning eller "
        "utanför 0–100 %. Låt 'från' vara lägre än 'till' och det gula intervallet sluta vid "
        "högst 100 %.",
        "rules/skala.yaml:29:9: fel: gult_band.från: gult intervall från 100 % måste vara minst 0 "
        "och under 'till' (90 %) [band]",
    ),
    Code(
        "okänd-regel",
        _E,
        "regler",
        "Sammanvägningsregeln i skala.yaml finns inte. Välj en av reglerna som meddelandet "
        "räknar upp.",
        "rules/skala.yaml:47:10: fel: sammanvägning.regel: okänd sammanvägningsregel 'flest'; "
        "välj en av: sämsta, majoritet, medel [okänd-regel]",
    ),
    Code(
        "okänd-nämnd",
        _E,
        "regler",
        "En nämnd som inte finns i organisation.yaml nämns i reglerna eller i utfallen. Rätta "
        "id:t (versaler, t.ex. HSN) eller lägg till nämnden i organisation.yaml.",
        "rules/malomraden/tandvard.yaml:9:24: fel: uppdrag[1].nämnder[3]: okänd nämnd 'TN'; "
        "kända nämnder: HSN, RS, RUN [okänd-nämnd]",
    ),
    Code(
        "dubblett-nämnd",
        _E,
        "regler",
        "Samma nämnd står två gånger i `nämnder` för ett uppdrag eller nyckeltal. Ta bort den ena.",
        "rules/malomraden/tandvard.yaml:13:20: fel: nyckeltal[1].nämnder[2]: nämnden 'HSN' står "
        "två gånger [dubblett-nämnd]",
    ),
    Code(
        "avvikande-mål",
        _E,
        "regler",
        "`avvikande_mål` anger ett mål för en nämnd som inte rapporterar nyckeltalet. Lägg till "
        "nämnden i `nämnder` eller ta bort dess avvikande mål.",
        "nämnder: [HSN]\navvikande_mål: {RS: 90}",
    ),
    Code(
        "okänt-mål",
        _E,
        "regler",
        "Ett finansiellt mål som inte finns i finansiella_mal.yaml används i ett nyckeltal "
        "(`finansiellt_mål:`) eller i periodens utfall. Rätta id:t.",
        "rules/malomraden/ledningsprocesser.yaml:14:22: fel: nyckeltal[1].finansiellt_mål: okänt "
        "finansiellt mål 'kassalikviditeten'; kända: kassalikviditet, soliditet [okänt-mål]",
    ),
    Code(
        "okänt-målområde",
        _E,
        "regler",
        "Ett målområde som inte finns under rules/malomraden/ används (i finansiella_mal.yaml "
        "eller i en utfallsfil). Rätta id:t så att det är ett målområdes `id`.",
        "fixtures/2025-08/malomraden/tandvard.yaml:1:12: fel: målområde: okänt målområde "
        "'tandvärd'; kända: kultur, tandvard [okänt-målområde]",
    ),
    Code(
        "finansiellt-mål",
        _E,
        "regler",
        "Ett nyckeltal som pekar på ett finansiellt mål (`finansiellt_mål:`) hämtar mål, "
        "riktning, bedömning och utfall därifrån. Ta bort 'mål', 'riktning' och 'bedömning' i "
        "nyckeltalet, och 'saknas' i utfallsfilen.",
        "- id: ks-likviditet\n  finansiellt_mål: kassalikviditet\n  mål: 100    # ta bort",
    ),
    Code(
        "mål-jämförelse",
        _E,
        "regler",
        "Metoden 'jämförelse' jämför med ett tidigare utfall och har inget eget mål. Ta bort "
        "'mål' eller välj en annan metod.",
        "mål: 10\nbedömning: {metod: jämförelse, mot: föregående_år}",
    ),
    Code(
        "kvot-noll",
        _E,
        "regler",
        "Metoden 'kvot' delar utfallet med målet, och målet 0 (eller ett avvikande mål som inte "
        "är större än 0) ger ingen kvot. Använd metoden 'uppfyllt' eller 'band'.",
        "rules/malomraden/tandvard.yaml:24:10: fel: nyckeltal[2].mål: målet 0 ger ingen kvot; "
        "använd metoden 'uppfyllt' eller 'band' [kvot-noll]",
    ),
    Code(
        "kvot-negativ",
        _E,
        "regler",
        "En kvot mot ett negativt mål saknar mening (kostnadsutveckling, resultat). Använd "
        "metoden 'uppfyllt'.",
        "mål: -3.8\nbedömning: {metod: uppfyllt}   # inte kvot",
    ),
    Code(
        "andel",
        _E,
        "regler",
        "Ett nyckeltal vars namn börjar med 'Andel' och har enheten % måste ha ett mål mellan "
        "0 och 100. Rätta målet (procent skrivs som procenttal, 88 för 88 %).",
        "rules/malomraden/tandvard.yaml:16:10: fel: nyckeltal[1].mål: en andel måste ligga "
        "mellan 0 och 100 %, inte 120 % [andel]",
    ),
    Code(
        "band-täcker-inte",
        _W,
        "regler",
        "Det sista intervallet i metoden 'band' har gränser, så ett utfall utanför alla "
        "intervall blir ej bedömt. Låt det sista intervallet sakna 'från' och 'till' så att "
        "det fångar resten.",
        "band:\n  - {från: 90, status: grön}\n  - {från: 80, till: 90, status: gul}   # sista: "
        "ta bort gränserna",
    ),
    Code(
        "uttryck",
        _E,
        "regler",
        "Ett uttryck (`metod: uttryck` eller regeln för god ekonomisk hushållning) går inte att "
        "tolka, använder ett okänt namn, ger inte sant eller falskt, eller misslyckades på "
        "periodens utfall. Meddelandet räknar upp de tillåtna namnen.",
        "rules/malomraden/ledningsprocesser.yaml:23:42: fel: nyckeltal[2].bedömning.uttryck: okänt "
        "namn 'utfallet' i uttrycket; tillåtna namn: basvärde, föregående, gul_från, gul_till, "
        "kvot, mål, utfall [uttryck]",
    ),
    Code(
        "mall",
        _E,
        "regler",
        "En text i hushallning.yaml är en mall som inte kan fyllas i: okänt namn, trasig "
        "`{% if %}`/`{% endif %}` eller en otillåten konstruktion. Rätta mallen; meddelandet "
        "anger raden i texten.",
        "rules/hushallning.yaml:38:13: fel: texter.slutsats: mallen kunde inte fyllas i: okänt "
        "namn 'antal_uppdrag' [mall]",
    ),
    # --- utfall ---------------------------------------------------------------------------
    Code(
        "period",
        _W,
        "utfall",
        "Perioden i period.yaml stämmer inte med periodmappens namn. Byt namn på mappen eller "
        "rätta `period`.",
        "fixtures/2025-08/period.yaml:1:9: varning: period: perioden '2025-04' stämmer inte med "
        "mappens namn '2025-08' [period]",
    ),
    Code(
        "dubblett-fil",
        _E,
        "utfall",
        "Två utfallsfiler i periodmappen gäller samma målområde. Slå ihop dem eller rätta "
        "`målområde` i den ena.",
        "fixtures/2025-08/malomraden/tandvard2.yaml:1:12: fel: målområde: utfall för målområdet "
        "'tandvard' finns redan i fixtures/2025-08/malomraden/tandvard.yaml [dubblett-fil]",
    ),
    Code(
        "jämförelseperiod",
        _W,
        "utfall",
        "Den tidigare period som metoden 'jämförelse' behöver har fel och används inte; "
        "nyckeltalen som jämförs mot den blir ej bedömda. Kontrollera den perioden med "
        "`maluppfyllelse validate --outcomes`.",
        "fixtures/2025-08/period.yaml:1:1: varning: perioden 2024-08 har fel och används inte "
        "för jämförelse; kör 'maluppfyllelse validate --outcomes fixtures/2024-08' "
        "[jämförelseperiod]",
    ),
    Code(
        "okänt-nyckeltal",
        _E,
        "utfall",
        "Utfallsfilen anger ett nyckeltal som inte finns i reglerna. Rätta id:t.",
        "fixtures/2025-08/malomraden/tandvard.yaml:8:9: fel: nyckeltal[1].id: okänt nyckeltal "
        "'td-hsn-hsee' [okänt-nyckeltal]",
    ),
    Code(
        "okänt-uppdrag",
        _E,
        "utfall",
        "Utfallsfilen anger ett uppdrag som inte finns i reglerna. Rätta id:t.",
        "fixtures/2025-08/malomraden/tandvard.yaml:4:9: fel: uppdrag[1].id: okänt uppdrag "
        "'td-u1' [okänt-uppdrag]",
    ),
    Code(
        "fel-målområde",
        _W,
        "utfall",
        "Nyckeltalet finns, men i ett annat målområde än utfallsfilens. Flytta utfallet till "
        "rätt målområdes fil.",
        "fixtures/2025-08/malomraden/kultur.yaml:8:9: varning: nyckeltal[1].id: nyckeltalet "
        "'td-hsn-hse' hör till målområdet 'tandvard' [fel-målområde]",
    ),
    Code(
        "fel-nämnd",
        _E,
        "utfall",
        "Nämnden rapporterar inte nyckeltalet eller har inte uppdraget enligt reglerna. Rätta "
        "`nämnd` eller lägg till nämnden i reglernas `nämnder`.",
        "fixtures/2025-08/malomraden/tandvard.yaml:9:12: fel: nyckeltal[1].nämnd: nämnden 'RS' "
        "rapporterar inte 'td-hsn-hse' (enligt reglerna: HSN) [fel-nämnd]",
    ),
    Code(
        "dubblett",
        _E,
        "utfall",
        "Samma nyckeltal eller uppdrag för samma nämnd (eller samma finansiella mål) står två "
        "gånger i utfallen. Ta bort den ena posten.",
        "fixtures/2025-08/malomraden/tandvard.yaml:12:5: fel: nyckeltal[2]: 'td-hsn-hse' för HSN "
        "finns redan [dubblett]",
    ),
    Code(
        "okänd-status",
        _E,
        "utfall",
        "Uppdragets status finns inte i skala.yaml:s uppdragsstatusar. Välj en av dem som "
        "meddelandet räknar upp (t.ex. 'Pågående enligt plan').",
        "fixtures/2025-08/malomraden/tandvard.yaml:6:13: fel: uppdrag[1].status: statusen "
        "'Pågår' finns inte i skalan; välj en av: Pågående enligt plan, … [okänd-status]",
    ),
    Code(
        "utfall-och-saknas",
        _E,
        "utfall",
        "En post har både 'utfall' och 'saknas'. Ange utfallet, eller skälet till att det "
        "saknas, inte båda.",
        "utfall: 92\nsaknas: Utfallet rapporteras på helår.",
    ),
    Code(
        "utfall-saknas",
        _BOTH,
        "utfall",
        "Ett utfall saknas. Fel när en post har varken 'utfall' eller 'saknas'; varning när ett "
        "nyckeltal som mäts denna period (enligt `mäts` i period.yaml) eller ett finansiellt "
        "mål inte har någon post alls. Ange 'utfall', eller 'saknas' med skälet.",
        "fixtures/2025-08/malomraden/tandvard.yaml:7:3: varning: utfall saknas för 'td-hsn-hse' "
        "(HSN), som mäts denna period; ange 'utfall' eller 'saknas' med skäl [utfall-saknas]",
    ),
    Code(
        "status-saknas",
        _W,
        "utfall",
        "En nämnd har inte rapporterat status för ett av sina uppdrag; uppdraget blir ej bedömt "
        "för nämnden. Lägg till posten med `status`.",
        "fixtures/2025-08/malomraden/tandvard.yaml:3:1: varning: status saknas för uppdraget "
        "'td-u01' från HSN [status-saknas]",
    ),
    Code(
        "målområde-saknas",
        _W,
        "utfall",
        "Periodmappen har ingen utfallsfil för ett målområde; dess uppdrag och nyckeltal blir "
        "ej bedömda. Lägg till filen under malomraden/.",
        "fixtures/2025-08/period.yaml:1:1: varning: utfallsfil saknas för målområdet 'kultur' "
        "[målområde-saknas]",
    ),
    Code(
        "motstridigt-utfall",
        _W,
        "utfall",
        "En nämnds kopia av ett finansiellt mål har ett annat utfall än målet självt; det "
        "finansiella målets utfall gäller. Ta bort utfallet i kopian eller rätta det.",
        "fixtures/2025-08/malomraden/ledningsprocesser.yaml:20:14: varning: nyckeltal[3].utfall: "
        "utfallet 220 motsäger det finansiella målets 'kassalikviditet' utfall 70,8; det "
        "finansiella målets utfall gäller [motstridigt-utfall]",
    ),
    # --- rimlighet ------------------------------------------------------------------------
    Code(
        "procent-över-100",
        _W,
        "rimlighet",
        "Ett mål i procent är över 100 % fast nyckeltalet inte är en andel eller en förändring; "
        "ofta ett skrivfel. Rätta målet, eller bekräfta att det stämmer.",
        "rules/malomraden/kultur.yaml:14:10: varning: nyckeltal[1].mål: målet 880 % är över "
        "100 %; stämmer det? [procent-över-100]",
    ),
    Code(
        "riktning-motsäger-namn",
        _W,
        "rimlighet",
        "Namnet säger 'minska', 'lägre' eller 'kortare' men riktningen att högre är bättre, "
        "eller tvärtom. Kontrollera `riktning`.",
        "namn: Minskad sjukfrånvaro\nriktning: Minst   # menas Max?",
    ),
    Code(
        "olika-mål",
        _W,
        "rimlighet",
        "Samma nyckeltal (samma namn) för samma nämnd har olika mål på två ställen. Kontrollera "
        "vilket mål som gäller.",
        "rules/malomraden/kultur.yaml:20:10: varning: nyckeltal[2].mål: samma nyckeltal för RS "
        "har målet 90 på rules/malomraden/tandvard.yaml:16, här 85 [olika-mål]",
    ),
    Code(
        "gult-omöjligt",
        _W,
        "rimlighet",
        "Inget av intervallen i metoden 'band' ger gult, så nyckeltalet kan bara bli grönt "
        "eller rött. Lägg till ett gult intervall om det inte är avsiktligt.",
        "bedömning:\n  metod: band\n  band:\n    - {från: 90, status: grön}\n    - {status: röd}",
    ),
    Code(
        "mål-styr-inte",
        _W,
        "rimlighet",
        "De tre senaste periodernas utfall överträffar målet med minst 20 %: målet styr inte "
        "längre. Överväg ett högre mål.",
        "rules/malomraden/tandvard.yaml:16:10: varning: nyckeltal[1].mål: HSN: de tre senaste "
        "utfallen (2024-08: 130, 2024-12: 128, 2025-08: 131) överträffar målet 88 med minst "
        "20 %; målet styr inte längre [mål-styr-inte]",
    ),
    # --- bedömning ------------------------------------------------------------------------
    Code(
        "motivering-saknas",
        _W,
        "bedömning",
        "Målområdets beslutade status skiljer sig från den beräknade, men ingen motivering är "
        "angiven. Skriv en `motivering` under `bedömning` i utfallsfilen.",
        "bedömning:\n  status: röd        # beräknad: gul\n  motivering: …      # saknas",
    ),
)

CODES: dict[str, Code] = {c.name: c for c in ALL}


class UnregisteredCode(ValueError):
    """A diagnostic with a code missing from CODES (or with a severity it is not
    registered with): a bug in the tool, found by the tests."""


def require(code: str, severity: Severity) -> None:
    entry = CODES.get(code)
    if entry is None:
        raise UnregisteredCode(f"diagnostic code '{code}' is not in engine.diagnostics.codes")
    if severity not in entry.severities:
        raise UnregisteredCode(f"diagnostic code '{code}' is not registered as '{severity}'")
