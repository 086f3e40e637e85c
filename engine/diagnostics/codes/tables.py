"""Codes of outcome tables (CSV and Parquet) in a period folder."""

from __future__ import annotations

from engine.diagnostics.codes.base import BOTH, ERROR, WARNING, Code

CODES: tuple[Code, ...] = (
    Code(
        "tabell",
        ERROR,
        "utfall",
        "En utfallstabell (CSV eller Parquet i periodmappen) kan inte läsas som helhet: den "
        "är tom, trasig, större än 200 MB eller har fler än 2 000 000 rader, eller så saknas "
        "pyarrow för Parquet (`pip install 'maluppfyllelse[bulk]'`).",
        "fixtures/2025-08/utfall.csv:1: fel: filen är tom [tabell]",
    ),
    Code(
        "tabell-tom",
        WARNING,
        "utfall",
        "Utfallstabellen har en rubrikrad men inga rader, så den ger inga utfall. Oftast en "
        "export som inte fick med några värden: exportera igen, eller ta bort filen.",
        "fixtures/2025-08/utfall.csv:1: varning: tabellen har bara en rubrikrad och ger "
        "inga utfall [tabell-tom]",
    ),
    Code(
        "tabell-kolumn",
        BOTH,
        "utfall",
        "Rubrikraden i en utfallstabell saknar en kolumn som krävs (`nyckeltal`, `nämnd`) eller "
        "har en kolumn två gånger (fel), eller har en kolumn som verktyget inte känner till "
        "och därför inte läser (varning). Kolumnerna står i README under *Utfall i tabeller*.",
        "fixtures/2025-08/utfall.csv:1: fel: kolumnen 'nämnd' saknas; rubrikraden ska ha "
        "nyckeltal, nämnd och gärna period, utfall [tabell-kolumn]",
    ),
    Code(
        "tabell-värde",
        ERROR,
        "utfall",
        "Ett värde på en rad i en utfallstabell går inte att läsa: ett utfall som inte är ett "
        "tal, en period som inte är ÅÅÅÅ-MM, fler värden än rubrikraden har kolumner eller en "
        "för lång text. Rätta raden; felet pekar på filen och raden.",
        "fixtures/2025-08/utfall.csv:1204: fel: utfall: 'ca 57' är inget tal; skriv bara "
        "talet, t.ex. 57,5 [tabell-värde]",
    ),
    Code(
        "tabell-period",
        WARNING,
        "utfall",
        "Utfallstabellen har rader för andra perioder (kolumnen `period`); de läses inte när "
        "den här perioden kontrolleras. Det är väntat för en export som täcker flera år; lägg "
        "annars tabellen i rätt periodmapp.",
        "fixtures/2025-08/kolada.csv:1: varning: 1200 rader gäller en annan period än "
        "2025-08 och lästes inte [tabell-period]",
    ),
)
