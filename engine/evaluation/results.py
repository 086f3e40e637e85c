"""What evaluation returns: one result per measure, uppdrag and målområde, and the GEH
verdict with its counts, as plain frozen data for the output stage (built by
`engine.evaluation.evaluate`). Texts are not rendered here: the conclusion of
hushallning.yaml is filled in from this data by `engine.output.texts`."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from engine.diagnostics import Diagnostic
from engine.evaluation.economy import Economy
from engine.evaluation.judgement import Judgement
from engine.evaluation.trend import Trend
from engine.inputs.loaded import Earlier
from engine.models import COLOURS, Beslut, Kalla, StatusKey, Ursprung

Achieved = bool | Literal["delvis"]


class MeasureResult(NamedTuple):
    """One nyckeltal for one nämnd, or one financial goal (namnd None).

    A named tuple, not a frozen dataclass: just as immutable, and built about ten times
    faster (a frozen dataclass sets each of its 25 fields through `object.__setattr__`,
    which was the largest single cost of a national evaluation's 60 000 results). Change
    one with `_replace`."""

    id: str
    name: str
    area_id: str
    namnd: str | None
    unit: str
    direction: str | None
    target: float | None
    target_text: str
    value: float | None
    ratio: float | None
    status: StatusKey
    method: str
    judgement: Judgement
    comment: str
    missing_reason: str | None = None
    carried_from: str | None = None
    financial_goal: str | None = None
    #: Where the value comes from (`källa:` in the outcome file), if it says.
    source: Kalla | None = None
    #: The value in the previous period folder and in the same period last year, when
    #: those folders exist and have one; the trend against them (engine.evaluation.trend).
    previous_period: Earlier | None = None
    last_year: Earlier | None = None
    trend: Trend | None = None
    #: The `mål_över_tid` entry whose target was used ("2026-08" or "2026"); None when
    #: the plain `mål` (or the nämnd's `avvikande_mål`) applied.
    target_applies: str | None = None
    #: The decision that set the target in force, when one is declared.
    decision: Beslut | None = None
    #: A status declared in the outcome file (`bedömning:`), which `status` then is.
    declared_status: StatusKey | None = None
    declared_motivation: str | None = None

    @property
    def account(self) -> str:
        """How the status was reached (method, bound, ratio), for auditors."""
        return self.judgement.account

    @property
    def computed_status(self) -> StatusKey:
        """The status the method gave, whatever was declared."""
        return self.judgement.status


class UppdragReport(NamedTuple):
    """One nämnd's report on an uppdrag. A named tuple, as `MeasureResult`: a national
    period has 12 000 of them, and a frozen dataclass is built field by field."""

    namnd: str
    status_text: str | None
    status: StatusKey
    comment: str
    #: The colour of the reported status text; `status` differs when one is declared.
    computed_status: StatusKey | None = None
    declared_status: StatusKey | None = None
    declared_motivation: str | None = None


@dataclass(frozen=True)
class UppdragResult:
    id: str
    text: str
    area_id: str
    origin: Ursprung
    status: StatusKey
    reports: list[UppdragReport]
    #: Counted among fullmäktige's uppdrag in the summary and GEH (`i_sammanställningen`).
    in_summary: bool = True


@dataclass(frozen=True)
class AreaResult:
    id: str
    name: str
    overall_goal: str
    order: int
    comment: str
    status: StatusKey
    computed_status: StatusKey
    declared_status: StatusKey | None
    motivation: str | None
    parts: dict[str, int]
    uppdrag_fullmaktige: int
    goal_counts: dict[str, int]
    namnd_comments: dict[str, str]
    #: The nämnder's own judgements of the målområde, where they gave one.
    namnd_statuses: dict[str, StatusKey] = field(default_factory=dict)


@dataclass(frozen=True)
class GehResult:
    achieved: Achieved
    #: {"målområden" | "uppdrag" | "finansiella": {colour: n, "antal": n}}
    counts: dict[str, dict[str, int]]
    #: The målområden's names (lower case, in order) per status grön, gul and röd.
    areas_by_status: dict[str, list[str]]
    rule: str

    @property
    def red_areas(self) -> list[str]:
        """The målområden not met (röd), as named in the conclusion."""
        return self.areas_by_status.get("röd", [])


@dataclass
class Evaluation:
    organisation: str
    period: str
    period_label: str
    kpis: list[MeasureResult]
    uppdrag: list[UppdragResult]
    areas: list[AreaResult]
    goals: list[MeasureResult]
    #: None when the plan has no hushallning.yaml (a nämnd's plan).
    geh: GehResult | None
    period_end: dt.date | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: The balanskravsutredning, action plans and budget deviation path, when declared.
    economy: Economy = field(default_factory=Economy)


def count(statuses: list[StatusKey]) -> dict[str, int]:
    c = Counter(statuses)
    out: dict[str, int] = {colour: c.get(colour, 0) for colour in COLOURS}
    out["antal"] = len(statuses)
    return out
