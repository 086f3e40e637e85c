"""Stage 4, render: the presentation model of Bilaga 1, typed and fully formatted.

What the templates see: every number already in Swedish, every status with its label
and symbol. `engine.output.context` builds it from an `Evaluation`; the templates only
present it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.models import StatusKey
from engine.models.layout import SECTIONS
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
    #: The trend against an earlier period, '↑ bättre än april 2025 (52 %)' ('' without one).
    trend: str = ""


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
    #: The uppdrag's `beskrivning` as printed under it, in paragraphs (empty: none).
    description: list[str] = field(default_factory=list)
    #: Who gave the uppdrag (`ursprung`): 'fullmäktige' or 'nämnd'.
    origin: str = "fullmäktige"


@dataclass(frozen=True)
class NamndComment:
    """A nämnd's own comment on a målområde, shown under 'Nämndernas kommentarer'."""

    namnd: str
    comment: list[str]
    #: The nämnd's own judgement of the målområde (`nämnder.<id>.status`), if it gave one.
    status: Status | None = None


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
class SummaryColumn:
    """One declared column of the summary table (engine.output.layout's registry)."""

    key: str
    #: The header in HTML and DOCX ('' when the header is a status symbol).
    label: str
    #: The header in Markdown and XLSX, where there is one header row.
    short: str
    #: The header over a group of columns ('Finansiella nyckeltal'), '' for none.
    group: str = ""
    #: A colour column's status: its header is the status symbol.
    status: Status | None = None
    numeric: bool = False
    #: The colgroup class in the HTML and the width in percent in the DOCX.
    css: str = ""
    weight: int = 10


@dataclass(frozen=True)
class HeaderCell:
    """One cell of the summary's header rows (after the first, the målområde)."""

    text: str = ""
    status: Status | None = None
    colspan: int = 1
    rowspan: int = 1
    numeric: bool = False


@dataclass(frozen=True)
class SummaryCell:
    """One cell: `text` as shown (a zero colour count is blank in a body row), `number`
    for a count (XLSX, DOCX), `status` for the status column."""

    text: str = ""
    number: int | None = None
    status: Status | None = None


@dataclass(frozen=True)
class SummaryLine:
    title: str
    cells: list[SummaryCell]


@dataclass(frozen=True)
class SummaryTable:
    """The summary per målområde with the declared columns (rapport.yaml)."""

    caption: str
    first: str
    columns: list[SummaryColumn]
    #: The first header row; with `sub`, the second (only when columns are grouped).
    top: list[HeaderCell]
    sub: list[HeaderCell]
    rows: list[SummaryLine]
    total: SummaryLine


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
    #: The sections to show, in order (engine.models.layout.SECTIONS; those without data
    #: left out). The default is Bilaga 1's.
    parts: list[str] = field(default_factory=lambda: list(SECTIONS))
    #: The summary table with its declared columns (`summary`/`total` are Bilaga 1's rows,
    #: kept for templates that use them).
    summary_table: SummaryTable | None = None
    #: The layout's name, 'bilaga1' or 'nämnd'.
    layout: str = "bilaga1"


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
