"""What evaluation returns: one result per measure, uppdrag and målområde, and the GEH
conclusion, as plain frozen data for the output stage (built by `engine.evaluation.evaluate`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from engine.diagnostics import Diagnostic
from engine.evaluation.methods import Judgement
from engine.models import COLOURS, StatusKey

Achieved = bool | Literal["delvis"]


@dataclass(frozen=True)
class MeasureResult:
    """One nyckeltal for one nämnd, or one financial goal (namnd None)."""

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

    @property
    def account(self) -> str:
        """How the status was reached (method, bound, ratio), for auditors."""
        return self.judgement.account


@dataclass(frozen=True)
class UppdragReport:
    namnd: str
    status_text: str | None
    status: StatusKey
    comment: str


@dataclass(frozen=True)
class UppdragResult:
    id: str
    text: str
    area_id: str
    origin: str
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


@dataclass(frozen=True)
class GehResult:
    achieved: Achieved
    counts: dict[str, dict[str, int]]
    red_areas: list[str]
    rule: str
    conclusion: str
    #: What the texts in hushallning.yaml may use (counts, area names, period).
    context: dict[str, Any] = field(default_factory=dict)


@dataclass
class Evaluation:
    organisation: str
    period: str
    period_label: str
    kpis: list[MeasureResult]
    uppdrag: list[UppdragResult]
    areas: list[AreaResult]
    goals: list[MeasureResult]
    geh: GehResult
    period_end: dt.date | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def count(statuses: list[StatusKey]) -> dict[str, int]:
    c = Counter(statuses)
    out: dict[str, int] = {colour: c.get(colour, 0) for colour in COLOURS}
    out["antal"] = len(statuses)
    return out
