"""What a registered diagnostic code is: its severities, step, explanation and example."""

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
    "arbetsbok": "Arbetsböcker (import)",
    "kolada": "Kolada (hämtning)",
    "godkännande": "Godkända varningar (kommentarer)",
}

ERROR, WARNING = (Severity.ERROR,), (Severity.WARNING,)
BOTH = (Severity.ERROR, Severity.WARNING)
