"""Codes of the data round: reading filled workbooks (`import`)."""

from __future__ import annotations

from engine.diagnostics.codes.base import ERROR, Code

CODES: tuple[Code, ...] = (
    Code(
        "arbetsbok",
        ERROR,
        "arbetsbok",
        "Filen är ingen Excel-arbetsbok från `maluppfyllelse mall`, eller ett blad som behövs "
        "(Om, Nyckeltal, Uppdrag, Målområden) saknas. Skapa arbetsboken på nytt med "
        "`maluppfyllelse mall` och fyll i den.",
        "insamling/2025-08/utfall-2025-08-HSN.xlsx:1:1: fel: bladet 'Uppdrag' saknas [arbetsbok]",
    ),
    Code(
        "arbetsbok-för-stor",
        ERROR,
        "arbetsbok",
        "Arbetsboken är större än 20 MB, packas upp till mer än 200 MB eller har fler än "
        "10 000 rader på ett blad. En nämnds arbetsbok är normalt några hundra kilobyte.",
        "utfall-HSN.xlsx:1:1: fel: filen är 31457280 byte; högst 20000000 läses "
        "[arbetsbok-för-stor]",
    ),
    Code(
        "kolumn-saknas",
        ERROR,
        "arbetsbok",
        "En kolumn som `import` läser (t.ex. Utfall eller Kommentar) finns inte på bladet; "
        "rubrikerna på rad 1 får inte ändras eller tas bort.",
        "utfall-HSN.xlsx:Nyckeltal!A1: fel: kolumnen 'Utfall' saknas på bladet Nyckeltal "
        "[kolumn-saknas]",
    ),
    Code(
        "tal",
        ERROR,
        "arbetsbok",
        "Cellen ska innehålla ett tal. Skriv som i Excel: 57,5 eller 1 920 (mellanslag mellan "
        "tusental), gärna med %; inte '1.920,5' eller 'ca 57'.",
        "utfall-HSN.xlsx:Nyckeltal!G12: fel: 'ca 57' är inget tal; skriv bara talet, t.ex. "
        "57,5 [tal]",
    ),
    Code(
        "cell-text",
        ERROR,
        "arbetsbok",
        "En textcell går inte att läsa in: den är längre än 20 000 tecken, innehåller ett "
        "osynligt styrtecken eller är inte text.",
        "utfall-HSN.xlsx:Nyckeltal!H5: fel: texten innehåller ett otillåtet styrtecken; ta "
        "bort det [cell-text]",
    ),
    Code(
        "ersätter-värde",
        ERROR,
        "arbetsbok",
        "Värdet i arbetsboken skiljer sig från det som redan står i utfallsfilen. Inget "
        "importeras; kontrollera vilket som gäller och kör `import --ersätt` om arbetsbokens "
        "värde ska ersätta det gamla.",
        "utfall-HSN.xlsx:Nyckeltal!G3: fel: 12 skulle ersätta utfall 11 i "
        "fixtures/2025-08/malomraden/tandvard.yaml:34; ange --ersätt för att ersätta "
        "[ersätter-värde]",
    ),
    Code(
        "fel-period",
        ERROR,
        "arbetsbok",
        "Arbetsbokens period (cell B1 på bladet Om) är ogiltig, är en annan än den som "
        "angavs med --period, eller skiljer sig mellan arbetsböckerna i samma import.",
        "utfall-HSN.xlsx:Om!B1: fel: arbetsboken gäller 2025-04, inte 2025-08 [fel-period]",
    ),
    Code(
        "kolada-organisation",
        ERROR,
        "kolada",
        "Nyckeltalet har ett Kolada-id, men det går inte att veta vilken organisation i Kolada "
        "värdet ska hämtas för. Ange organisationens Kolada-id i organisation.yaml "
        '(`kolada: "0023"` under `organisation`, inom citattecken), nämndens eget id under '
        'nämnden, eller `kolada: {kpi: N00945, organisation: "0023"}` på nyckeltalet.',
        "rules/malomraden/tandvard.yaml:52:5: fel: nyckeltal[1].kolada: 'td-hsn-hse' har "
        'Kolada-id N00945 men ingen organisation i Kolada; ange t.ex. kolada: "0023" under '
        "organisation i organisation.yaml [kolada-organisation]",
    ),
)
