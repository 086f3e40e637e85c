"""Codes found while reading a file: YAML, then keys and values against the models."""

from __future__ import annotations

from engine.diagnostics.codes.base import ERROR, WARNING, Code

CODES: tuple[Code, ...] = (
    # --- läsa -----------------------------------------------------------------------------
    Code(
        "läsfel",
        ERROR,
        "läsa",
        "Filen kunde inte läsas (behörighet, trasig länk). Kontrollera att filen finns och "
        "att du har rätt att läsa den.",
        "rules/skala.yaml:1:1: fel: kan inte läsa filen: Permission denied [läsfel]",
    ),
    Code(
        "för-stor",
        ERROR,
        "läsa",
        "Filen är större än 20 MB och läses inte. En regel- eller utfallsfil är normalt några "
        "kilobyte (en utfallsfil med 100 000 poster omkring 5 MB); kontrollera att rätt fil "
        "ligger i mappen. `fmt` formaterar filer upp till 1 MB: dess formatering, som behåller "
        "kommentarerna, tar omkring 15 s per MB.",
        "rules/malomraden/tandvard.yaml:1:1: fel: filen är större än 20 MB; den läses inte "
        "[för-stor]",
    ),
    Code(
        "bom",
        WARNING,
        "läsa",
        "Filen börjar med en BOM (byte order mark), som vissa Windows-program skriver. Filen "
        "läses ändå; spara den som UTF-8 utan BOM så försvinner varningen.",
        "rules/skala.yaml:1:1: varning: filen börjar med en BOM (byte order mark); spara den "
        "som UTF-8 utan BOM [bom]",
    ),
    Code(
        "kodning",
        ERROR,
        "läsa",
        "Filen är inte sparad som UTF-8 (ofta Latin-1 från ett äldre program, så att å, ä och ö "
        "blir fel). Positionen pekar på det första felaktiga tecknet; spara filen som UTF-8.",
        "rules/organisation.yaml:1:25: fel: filen är inte UTF-8 (byte 0xf6); spara den som "
        "UTF-8 [kodning]",
    ),
    Code(
        "tom-fil",
        ERROR,
        "läsa",
        "Filen är tom eller innehåller bara kommentarer. Fyll i innehållet eller ta bort filen.",
        "rules/hushallning.yaml:1:1: fel: filen är tom [tom-fil]",
    ),
    Code(
        "tabb",
        ERROR,
        "läsa",
        "Ett tabbtecken används som indrag; YAML tillåter bara mellanslag där. Byt tabben mot "
        "mellanslag (de flesta editorer kan visa och ersätta tabbar).",
        "rules/organisation.yaml:8:1: fel: tabbtecken i indraget; YAML kräver mellanslag [tabb]",
    ),
    Code(
        "yaml-syntax",
        ERROR,
        "läsa",
        "Filen är inte giltig YAML: ett kolon, citattecken, indrag eller en parentes stämmer "
        "inte. Meddelandet säger vad som väntades och var blocket börjar.",
        "rules/organisation.yaml:12:1: fel: ogiltig YAML: filen får bara innehålla ett dokument "
        "(ta bort '---') [yaml-syntax]",
    ),
    Code(
        "styrtecken",
        ERROR,
        "läsa",
        "Filen innehåller ett osynligt styrtecken (ofta inklistrat från ett annat program). "
        "Ta bort tecknet på den angivna positionen.",
        "rules/malomraden/tandvard.yaml:3:22: fel: otillåtet tecken (U+0001, ett styrtecken) "
        "i filen; ta bort det [styrtecken]",
    ),
    Code(
        "toppnivå",
        ERROR,
        "läsa",
        "Filens översta nivå måste vara en mappning med nycklar (`id: …`, `namn: …`), inte en "
        "lista eller ett enstaka värde. Ta bort ett inledande `-` eller lägg till nycklarna.",
        "- id: kassalikviditet\n  namn: Kassalikviditet",
    ),
    Code(
        "nyckel-typ",
        ERROR,
        "läsa",
        "En nyckel är en lista eller mappning i stället för en enkel text. Skriv nyckeln som "
        "text följd av kolon.",
        "[a, b]: 1",
    ),
    Code(
        "dubblett-nyckel",
        ERROR,
        "läsa",
        "Samma nyckel står två gånger i en mappning; bara den första används. Ta bort eller "
        "byt namn på den andra.",
        "rules/malomraden/tandvard.yaml:5:1: fel: nyckeln 'namn' finns redan på rad 2 "
        "[dubblett-nyckel]",
    ),
    Code(
        "merge",
        ERROR,
        "läsa",
        "En sammanslagning `<<:` pekar på något annat än en mappning. Låt `<<: *ankare` peka "
        "på ett ankare som är en mappning.",
        "bas: &bas [1, 2]\nnyckeltal:\n  <<: *bas",
    ),
    Code(
        "alias-cykel",
        ERROR,
        "läsa",
        "Ett alias (`*namn`) refererar till sitt eget ankare (`&namn`) och skulle ge en "
        "oändlig struktur. Skriv ut värdet i stället.",
        "rules/malomraden/tandvard.yaml:5:4: fel: alias som refererar till sig själv [alias-cykel]",
    ),
    Code(
        "alias-bomb",
        ERROR,
        "läsa",
        "Filens alias och ankare skulle lägga till fler än 100 000 noder ('billion laughs'). "
        "Felet pekar på det alias där gränsen passeras; filen läses inte. Skriv ut värdena i "
        "stället för att nästla alias.",
        "rules/malomraden/tandvard.yaml:9:8: fel: alias och ankare expanderar här till fler än "
        "100000 extra noder; filen läses inte [alias-bomb]",
    ),
    Code(
        "för-djup-nästling",
        ERROR,
        "läsa",
        "Listor och mappningar är nästlade i fler än 100 nivåer (också genom alias); filen "
        "läses inte. Regelfiler behöver några få nivåer; kontrollera hakparenteser och indrag.",
        "rules/skala.yaml:3:101: fel: nästlat i fler än 100 nivåer; filen läses inte "
        "[för-djup-nästling]",
    ),
    Code(
        "för-många-noder",
        ERROR,
        "läsa",
        "Filen har fler än 2 000 000 värden som de står skrivna och läses inte. Dela upp den, "
        "eller läs stora utfallstabeller på annat sätt.",
        "fixtures/2025-08/malomraden/stor.yaml:400001:5: fel: filen har fler än 2000000 värden; "
        "den läses inte [för-många-noder]",
    ),
    Code(
        "för-stort-tal",
        ERROR,
        "läsa",
        "Ett heltal har fler än 300 siffror; så stora tal går inte att räkna med eller skriva ut. "
        "Kontrollera värdet.",
        "rules/malomraden/tandvard.yaml:16:10: fel: talet har fler än 300 siffror [för-stort-tal]",
    ),
    Code(
        "ogiltigt-tecken",
        ERROR,
        "läsa",
        "Texten innehåller ett tecken som XML inte kan bära (ett ensamt surrogattecken, U+FFFE "
        "eller U+FFFF) och som därför inte kan skrivas i Word, HTML eller PDF. Ta bort tecknet.",
        "rules/malomraden/tandvard.yaml:17:15: fel: otillåtet tecken U+FFFE i texten; ta bort "
        "det [ogiltigt-tecken]",
    ),
    # --- nycklar --------------------------------------------------------------------------
    Code(
        "saknas",
        ERROR,
        "nycklar",
        "En obligatorisk nyckel saknas. Positionen pekar på mappningen där den ska stå; lägg "
        "till nyckeln där (t.ex. `riktning`, `mål` eller `metod` under `bedömning`).",
        "rules/malomraden/tandvard.yaml:6:5: fel: uppdrag[1]: nyckeln 'ursprung' saknas [saknas]",
    ),
    Code(
        "okänd-nyckel",
        ERROR,
        "nycklar",
        "Nyckeln finns inte i regelspråket på den här nivån: ofta ett stavfel (då föreslås "
        "rätt nyckel) eller fel indrag. Rätta stavningen eller indraget.",
        "rules/malomraden/tandvard.yaml:16:5: fel: nyckeltal[2]: okänd nyckel 'måål' "
        "(menade du 'mål'?) [okänd-nyckel]",
    ),
    Code(
        "typ",
        ERROR,
        "nycklar",
        "Värdet har fel typ eller form: text där ett tal väntas, ett okänt värde i en lista av "
        "tillåtna, ett ogiltigt id eller en period som inte är ÅÅÅÅ-MM. Meddelandet säger vad "
        "som väntas.",
        "rules/malomraden/tandvard.yaml:14:12: fel: nyckeltal[2].mål: ska vara ett tal, men är "
        "texten '88 %'; skriv bara talet, t.ex. 88 [typ]",
    ),
    Code(
        "värde",
        ERROR,
        "nycklar",
        "Värdet har rätt typ men avvisas av en kontroll i regelspråket, som då förklarar "
        "varför i meddelandet. Rätta värdet som meddelandet säger.",
        "rules/skala.yaml:5:3: fel: statusar: … [värde]",
    ),
)
