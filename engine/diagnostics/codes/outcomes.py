"""Codes of a period folder's checks, the plausibility warnings and the evaluation."""

from __future__ import annotations

from engine.diagnostics.codes.base import BOTH, ERROR, WARNING, Code

CODES: tuple[Code, ...] = (
    # --- utfall ---------------------------------------------------------------------------
    Code(
        "period",
        WARNING,
        "utfall",
        "Perioden i period.yaml stämmer inte med periodmappens namn. Byt namn på mappen eller "
        "rätta `period`.",
        "fixtures/2025-08/period.yaml:1:9: varning: period: perioden '2025-04' stämmer inte med "
        "mappens namn '2025-08' [period]",
    ),
    Code(
        "periodmapp",
        WARNING,
        "utfall",
        "En mapp under fixtures/ ser ut som en period (den har ett årtal) men heter inte "
        "ÅÅÅÅ-MM och läses inte, eller så finns ingen periodmapp alls: utfallen kontrolleras "
        "inte och kommer inte med i rapporten. Byt namn på mappen, t.ex. till 2025-08. En "
        "mapp utan årtal (arkiv, underlag) lämnas i fred.",
        "fixtures/2025-8:1:1: varning: mappen läses inte: en periodmapp heter ÅÅÅÅ-MM, "
        "t.ex. 2025-08 [periodmapp]",
    ),
    Code(
        "andel-utfall",
        WARNING,
        "utfall",
        "Ett nyckeltal vars namn börjar med 'Andel' och har enheten % har ett utfall under 0 "
        "eller över 100: oftast ett antal eller ett feltryck (1920 för 19,20). Rätta "
        "utfallet (procent skrivs som procenttal, 57,5 för 57,5 %).",
        "fixtures/2025-08/malomraden/halso-och-sjukvard.yaml:42:12: varning: "
        "nyckeltal[3].utfall: 'hs-hsn-planerade' är en andel i procent, men utfallet är "
        "1 920; en andel ligger mellan 0 och 100 [andel-utfall]",
    ),
    Code(
        "dubblett-fil",
        ERROR,
        "utfall",
        "Två utfallsfiler i periodmappen gäller samma målområde. Slå ihop dem eller rätta "
        "`målområde` i den ena.",
        "fixtures/2025-08/malomraden/tandvard2.yaml:1:12: fel: målområde: utfall för målområdet "
        "'tandvard' finns redan i fixtures/2025-08/malomraden/tandvard.yaml [dubblett-fil]",
    ),
    Code(
        "jämförelseperiod",
        WARNING,
        "utfall",
        "En tidigare period (föregående period, samma period föregående år eller ett "
        "baslinjeår) har fel och används inte; nyckeltalen som jämförs mot den blir ej "
        "bedömda och visar ingen trend. Kontrollera den perioden med "
        "`maluppfyllelse validate --outcomes`.",
        "fixtures/2025-08/period.yaml:1:1: varning: perioden 2024-08 har fel och används inte "
        "för jämförelse; kör 'maluppfyllelse validate --outcomes fixtures/2024-08' "
        "[jämförelseperiod]",
    ),
    Code(
        "okänt-nyckeltal",
        ERROR,
        "utfall",
        "Utfallsfilen anger ett nyckeltal som inte finns i reglerna. Rätta id:t.",
        "fixtures/2025-08/malomraden/tandvard.yaml:8:9: fel: nyckeltal[1].id: okänt nyckeltal "
        "'td-hsn-hsee' [okänt-nyckeltal]",
    ),
    Code(
        "okänt-uppdrag",
        ERROR,
        "utfall",
        "Utfallsfilen anger ett uppdrag som inte finns i reglerna. Rätta id:t.",
        "fixtures/2025-08/malomraden/tandvard.yaml:4:9: fel: uppdrag[1].id: okänt uppdrag "
        "'td-u1' [okänt-uppdrag]",
    ),
    Code(
        "fel-målområde",
        WARNING,
        "utfall",
        "Nyckeltalet finns, men i ett annat målområde än utfallsfilens. Flytta utfallet till "
        "rätt målområdes fil.",
        "fixtures/2025-08/malomraden/kultur.yaml:8:9: varning: nyckeltal[1].id: nyckeltalet "
        "'td-hsn-hse' hör till målområdet 'tandvard' [fel-målområde]",
    ),
    Code(
        "fel-nämnd",
        ERROR,
        "utfall",
        "Nämnden rapporterar inte nyckeltalet eller har inte uppdraget enligt reglerna. Rätta "
        "`nämnd` eller lägg till nämnden i reglernas `nämnder`.",
        "fixtures/2025-08/malomraden/tandvard.yaml:9:12: fel: nyckeltal[1].nämnd: nämnden 'RS' "
        "rapporterar inte 'td-hsn-hse' (enligt reglerna: HSN) [fel-nämnd]",
    ),
    Code(
        "dubblett",
        ERROR,
        "utfall",
        "Samma nyckeltal eller uppdrag för samma nämnd (eller samma finansiella mål) står två "
        "gånger i utfallen. Ta bort den ena posten.",
        "fixtures/2025-08/utfall.csv:2: fel: 'td-hsn-hse' för HSN finns redan "
        "(fixtures/2025-08/malomraden/tandvard.yaml:89) [dubblett]",
    ),
    Code(
        "okänd-status",
        ERROR,
        "utfall",
        "Uppdragets status finns inte i skala.yaml:s uppdragsstatusar. Välj en av dem som "
        "meddelandet räknar upp (t.ex. 'Pågående enligt plan').",
        "fixtures/2025-08/malomraden/tandvard.yaml:6:13: fel: uppdrag[1].status: statusen "
        "'Pågår' finns inte i skalan; välj en av: Pågående enligt plan, … [okänd-status]",
    ),
    Code(
        "utfall-och-saknas",
        ERROR,
        "utfall",
        "En post har både 'utfall' och 'saknas'. Ange utfallet, eller skälet till att det "
        "saknas, inte båda.",
        "utfall: 92\nsaknas: Utfallet rapporteras på helår.",
    ),
    Code(
        "utfall-saknas",
        BOTH,
        "utfall",
        "Ett utfall saknas. Fel när en post har varken 'utfall' eller 'saknas'; varning när ett "
        "nyckeltal som mäts denna period (enligt `mäts` i period.yaml) eller ett finansiellt "
        "mål inte har någon post alls. Ange 'utfall', eller 'saknas' med skälet.",
        "fixtures/2025-08/malomraden/tandvard.yaml:7:3: varning: utfall saknas för 'td-hsn-hse' "
        "(HSN), som mäts denna period; ange 'utfall' eller 'saknas' med skäl [utfall-saknas]",
    ),
    Code(
        "status-saknas",
        WARNING,
        "utfall",
        "En nämnd har inte rapporterat status för ett av sina uppdrag; uppdraget blir ej bedömt "
        "för nämnden. Lägg till posten med `status`.",
        "fixtures/2025-08/malomraden/tandvard.yaml:3:1: varning: status saknas för uppdraget "
        "'td-u01' från HSN [status-saknas]",
    ),
    Code(
        "målområde-saknas",
        WARNING,
        "utfall",
        "Periodmappen har ingen utfallsfil för ett målområde; dess uppdrag och nyckeltal blir "
        "ej bedömda. Lägg till filen under malomraden/.",
        "fixtures/2025-08/period.yaml:1:1: varning: utfallsfil saknas för målområdet 'kultur' "
        "[målområde-saknas]",
    ),
    Code(
        "motstridigt-utfall",
        WARNING,
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
        WARNING,
        "rimlighet",
        "Ett mål i procent är över 100 % fast nyckeltalet inte är en andel eller en förändring; "
        "ofta ett skrivfel. Rätta målet, eller bekräfta att det stämmer.",
        "rules/malomraden/kultur.yaml:14:10: varning: nyckeltal[1].mål: målet 880 % är över "
        "100 %; stämmer det? [procent-över-100]",
    ),
    Code(
        "riktning-motsäger-namn",
        WARNING,
        "rimlighet",
        "Namnet säger 'minska', 'lägre' eller 'kortare' men riktningen att högre är bättre, "
        "eller tvärtom. Kontrollera `riktning`.",
        "namn: Minskad sjukfrånvaro\nriktning: Minst   # menas Max?",
    ),
    Code(
        "olika-mål",
        WARNING,
        "rimlighet",
        "Samma nyckeltal (samma namn) för samma nämnd har olika mål på två ställen. Kontrollera "
        "vilket mål som gäller.",
        "rules/malomraden/kultur.yaml:20:10: varning: nyckeltal[2].mål: samma nyckeltal för RS "
        "har målet 90 på rules/malomraden/tandvard.yaml:16, här 85 [olika-mål]",
    ),
    Code(
        "mål-text",
        WARNING,
        "rimlighet",
        "Den tryckta målformuleringen (`mål_text`) säger ett annat tal, en annan riktning eller "
        "en annan enhet än `mål`, `riktning` och `enhet`, som bedömningen använder. Rätta den "
        "som är fel, så att bilagan inte trycker ett gammalt mål bredvid en ny bedömning.",
        "rules/malomraden/tandvard.yaml:81:15: varning: nyckeltal[4].mål_text: mål_text "
        "'Minst 55 %' säger talet 55 men mål är 50; rätta den ena [mål-text]",
    ),
    Code(
        "gult-omöjligt",
        WARNING,
        "rimlighet",
        "Inget av intervallen i metoden 'band' ger gult, så nyckeltalet kan bara bli grönt "
        "eller rött. Lägg till ett gult intervall om det inte är avsiktligt.",
        "bedömning:\n  metod: band\n  band:\n    - {från: 90, status: grön}\n    - {status: röd}",
    ),
    Code(
        "mål-styr-inte",
        WARNING,
        "rimlighet",
        "De tre senaste periodernas utfall överträffar målet med minst 20 %: målet styr inte "
        "längre. Överväg ett högre mål.",
        "rules/malomraden/tandvard.yaml:16:10: varning: nyckeltal[1].mål: HSN: de tre senaste "
        "utfallen (2024-08: 130, 2024-12: 128, 2025-08: 131) överträffar målet 88 med minst "
        "20 %; målet styr inte längre [mål-styr-inte]",
    ),
    # --- ekonomi (balanskrav.yaml, atgarder.yaml, budgetavvikelse.yaml) -------------------
    Code(
        "tryckt-summa",
        WARNING,
        "utfall",
        "En summa som står i filen (t.ex. balanskravsresultatet eller årets resultat efter "
        "balanskravsjusteringar) är inte summan av sina delar. Raden pekar på summan; rätta "
        "den siffra som är fel, summan eller en av delarna. Skillnader på 0,1 mkr beror ofta "
        "på avrundning i källan; behåll då siffrorna som de står tryckta.",
        "fixtures/2025-08/balanskrav.yaml:49:33: varning: utredning[3].resultat_efter_justeringar: "
        "årets resultat efter balanskravsjusteringar 2023 är −628,1 mkr, men årets resultat, "
        "realisationsvinster, orealiserade vinster och förluster och återföring av orealiserade "
        "vinster och förluster ger −628,0 mkr (skillnad −0,1 mkr; troligen avrundning i källan); rätta den siffra som är fel "
        "[tryckt-summa]",
    ),
    Code(
        "ekonomiuppgift",
        ERROR,
        "utfall",
        "En uppgift i en ekonomifil kan inte användas: en prognosmånad utanför budgetåret "
        "eller i fel ordning, en prognos utan avvikelse och utan budget att räkna den från, "
        "eller ett år för återställande som inte kommer efter underskottsåret.",
        "fixtures/2025-08/budgetavvikelse.yaml:9:12: fel: prognoser[1].månad: månaden "
        "2024-03 ligger inte i 2025 [ekonomiuppgift]",
    ),
    # --- bedömning ------------------------------------------------------------------------
    Code(
        "motivering-saknas",
        WARNING,
        "bedömning",
        "Målområdets beslutade status skiljer sig från den beräknade, men ingen motivering är "
        "angiven. Skriv en `motivering` under `bedömning` i utfallsfilen.",
        "bedömning:\n  status: röd        # beräknad: gul\n  motivering: …      # saknas",
    ),
)
