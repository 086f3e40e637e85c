"""Stage 4, render: the presentation model of Bilaga 1, typed and fully formatted.

What the templates see: every number already in Swedish, every status with its label
and symbol. `engine.output.context` builds it from an `Evaluation`; the templates only
present it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.models import StatusKey
from engine.output.economy import EconomySection


@dataclass(frozen=True)
class Status:
    key: StatusKey
    label: str
    colour_word: str
    symbol: str
    legend: str


@dataclass(frozen=True)
class MeasureRow:
    name: str
    value: str
    target: str
    ratio: str
    status: Status
    comment: list[str]
    note: str = ""
    ratio_number: float | None = None
    value_number: float | None = None
    target_number: float | None = None
    unit: str = ""
    #: The target's direction in words, for a spreadsheet: 'Minst', 'Max', 'Mindre än' …
    direction: str = ""


@dataclass(frozen=True)
class NamndTable:
    namnd: str
    rows: list[MeasureRow]
    namnd_id: str = ""


@dataclass(frozen=True)
class UppdragReportRow:
    namnd: str
    status_text: str
    status: Status
    comment: list[str]


@dataclass(frozen=True)
class UppdragRow:
    text: str
    status: Status
    reports: list[UppdragReportRow]


@dataclass(frozen=True)
class NamndComment:
    """A nämnd's own comment on a målområde, shown under 'Nämndernas kommentarer'."""

    namnd: str
    comment: list[str]


@dataclass(frozen=True)
class GoalComment:
    """A comment on one or more financial goals (goals with the same text are named together)."""

    names: list[str]
    comment: list[str]

    @property
    def label(self) -> str:
        """'Soliditet, Kassalikviditet och Skuldsättningstak'."""
        if len(self.names) == 1:
            return self.names[0]
        return f"{', '.join(self.names[:-1])} och {self.names[-1]}"


@dataclass(frozen=True)
class AreaSection:
    id: str
    title: str
    name: str
    comment: list[str]
    status: Status
    computed: Status
    motivation: str
    uppdrag: list[UppdragRow]
    own_uppdrag: list[UppdragRow]
    kpi_tables: list[NamndTable]
    #: The nämnder's comments that the appendix does not already print (a comment that
    #: repeats the målområde's text word for word is left out, not printed twice).
    namnd_comments: list[NamndComment] = field(default_factory=list)
    #: The motivering of the decided status, when the comment does not already say it.
    motivation_shown: str = ""
    #: Every nämnd comment, also those the appendix leaves out as repeats (for the XLSX).
    all_namnd_comments: list[NamndComment] = field(default_factory=list)


@dataclass(frozen=True)
class SummaryRow:
    title: str
    uppdrag: int
    green: int
    yellow: int
    red: int
    status: Status | None


@dataclass(frozen=True)
class Bilaga:
    """Everything a Bilaga 1 template may show, already formatted."""

    organisation: str
    period: str
    period_label: str
    date: str
    heading: str
    title: str
    intro: list[str]
    evaluation: list[str]
    legend: list[Status]
    band_sentence: str
    summary: list[SummaryRow]
    total: SummaryRow
    goals: list[MeasureRow]
    areas: list[AreaSection]
    conclusion: list[str]
    achieved: str
    statuses: dict[str, Status] = field(default_factory=dict)
    #: The comments on the financial goals, under their table (same text → one entry).
    goal_comments: list[GoalComment] = field(default_factory=list)
    #: Balanskravsutredning, action plans, budget deviation path (None: no economy files).
    economy: EconomySection | None = None


#: The rules' directions as words ('>' and '<' are not words in a filter list).
DIRECTION_WORDS = {">": "Större än", "<": "Mindre än"}


def declared_note(
    statuses: dict[str, Status], status: str, computed: str | None, motivation: str | None
) -> str:
    """The note of a declared status, first in its row: 'Bedömd som delvis uppfyllt:
    <motivering> (beräknad: ej uppfyllt).' The scale's labels in lower case, so that it
    reads as the row's status column does; the computed one only when it differs."""
    label = statuses[status].label.lower()
    why = " ".join((motivation or "").split()).rstrip(".")
    text = f"Bedömd som {label}: {why}" if why else f"Bedömd som {label}"
    if computed is not None and computed != status:
        text += f" (beräknad: {statuses[computed].label.lower()})"
    return text + "."
