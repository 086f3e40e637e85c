"""Codes of the comments that acknowledge a warning (`# maluppfyllelse: godkänd KOD`)."""

from __future__ import annotations

from engine.diagnostics.codes.base import WARNING, Code

CODES: tuple[Code, ...] = (
    Code(
        "godkännande",
        WARNING,
        "godkännande",
        "En kommentar `# maluppfyllelse: …` som inte kan följas: den namnger en kod som inte "
        "finns, en felkod (fel kan inte godkännas, bara varningar; rätta felet), ingen kod "
        "alls, eller ett annat ord än `godkänd`. Rätta kommentaren eller ta bort den.",
        "rules/malomraden/kultur.yaml:14:39: varning: 'procent-över-10' är ingen kod "
        "(menade du 'procent-över-100'?); kommentaren godkänner den inte [godkännande]",
    ),
)
