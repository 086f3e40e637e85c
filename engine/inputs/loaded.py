"""Stage 1, inputs: a loaded rules folder and a loaded period folder, indexed by id.

`RuleSet` and `PeriodOutcomes` bind each validated model to the YAML document it came
from, so every later stage can point at a file, line and column. `measures()` is the one
walk over the measures of a plan: every nyckeltal, financial goal and uppdrag with a
typed reference (file, path in the file, målområde, the item). Checks, evaluation, diff
and the report use it, and compiled expressions are keyed by the reference's `key`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, Protocol

from engine.diagnostics import Location
from engine.inputs.parse import Source
from engine.models import (
    FinansFile,
    FinansielltMal,
    FinansUtfallFile,
    HushallningFile,
    KpiOutcome,
    MalomradeFile,
    MalomradeUtfallFile,
    Measure,
    Namnd,
    Nyckeltal,
    OrganisationFile,
    Outcome,
    PeriodFile,
    RapportFile,
    SkalaFile,
    Uppdrag,
    UppdragUtfall,
)
from engine.models.economy import AtgarderFile, BalanskravFile, BudgetavvikelseFile

Kind = Literal["nyckeltal", "finansiellt_mål", "uppdrag"]


class Compiled(Protocol):
    """A parsed expression (see engine.evaluation.expressions)."""

    @property
    def source(self) -> str: ...

    def evaluate(self, names: Mapping[str, Any]) -> Any: ...


@dataclass(frozen=True, slots=True)
class Ref:
    """Where one measure or uppdrag is declared, and what it is."""

    kind: Kind
    src: Source[Any]
    path: tuple[str | int, ...]
    area_id: str
    item: Nyckeltal | FinansielltMal | Uppdrag

    @property
    def key(self) -> tuple[Kind, str]:
        return (self.kind, self.item.id)

    def at(self, *sub: str | int, at_key: bool = False) -> Location:
        return self.src.at(*self.path, *sub, at_key=at_key)

    def name(self, *sub: str | int) -> str:
        """The field name of `sub` as the user counts it (`nyckeltal[2].mål`)."""
        return self.src.name(*self.path, *sub)


@dataclass
class RuleSet:
    """The validated rules folder, with indices by id."""

    root: str
    organisation: Source[OrganisationFile]
    scale: Source[SkalaFile]
    #: hushallning.yaml and finansiella_mal.yaml are optional: a nämnd's plan has neither.
    geh: Source[HushallningFile] | None
    finance: Source[FinansFile] | None
    areas: list[Source[MalomradeFile]]
    #: rapport.yaml, the report's layout (optional; None: the region's Bilaga 1).
    layout: Source[RapportFile] | None = None
    #: Compiled expressions by `Ref.key`, and the GEH rules by ("geh", "uppnådd"/"delvis").
    expressions: dict[tuple[str, str], Compiled] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.areas.sort(key=lambda a: (a.model.order, a.model.id))
        self.namnder: dict[str, Namnd] = {n.id: n for n in self.organisation.model.namnder}
        self.uppdrag: dict[str, tuple[MalomradeFile, Uppdrag]] = {}
        self.nyckeltal: dict[str, tuple[MalomradeFile, Nyckeltal]] = {}
        for area in self.areas:
            for u in area.model.uppdrag:
                self.uppdrag.setdefault(u.id, (area.model, u))
            for k in area.model.nyckeltal:
                self.nyckeltal.setdefault(k.id, (area.model, k))
        #: The nämnder of each nyckeltal and uppdrag (by `Ref.key`) as a set: a national
        #: plan has hundreds, and every outcome entry asks whether its nämnd is one.
        self.reporters: dict[tuple[str, str], frozenset[str]] = {
            ("nyckeltal", k.id): frozenset(k.namnder) for _, k in self.nyckeltal.values()
        } | {("uppdrag", u.id): frozenset(u.namnder) for _, u in self.uppdrag.values()}
        goals = self.finance.model.goals if self.finance is not None else []
        self.goals: dict[str, FinansielltMal] = {g.id: g for g in goals}
        self.area_by_id: dict[str, MalomradeFile] = {a.model.id: a.model for a in self.areas}

    def measure_for(self, kpi: Nyckeltal) -> Measure:
        """The measure that holds a nyckeltal's target: itself, or its financial goal."""
        if kpi.financial_goal is not None:
            return self.goals[kpi.financial_goal]
        return kpi

    def measures(self, *kinds: Kind) -> Iterator[Ref]:
        """Every nyckeltal, financial goal and uppdrag (or those of `kinds`), in plan order."""
        return walk(self.areas, self.finance, kinds)


def walk(
    areas: list[Source[MalomradeFile]],
    finance: Source[FinansFile] | None,
    kinds: tuple[Kind, ...] = (),
) -> Iterator[Ref]:
    """The one walk over a plan's measures; usable before a full RuleSet exists."""
    wanted = set(kinds) or {"nyckeltal", "finansiellt_mål", "uppdrag"}
    for area in areas:
        area_id = area.model.id
        if "uppdrag" in wanted:
            for i, u in enumerate(area.model.uppdrag):
                yield Ref("uppdrag", area, ("uppdrag", i), area_id, u)
        if "nyckeltal" in wanted:
            for i, k in enumerate(area.model.nyckeltal):
                yield Ref("nyckeltal", area, ("nyckeltal", i), area_id, k)
    if finance is not None and "finansiellt_mål" in wanted:
        for i, g in enumerate(finance.model.goals):
            yield Ref(
                "finansiellt_mål", finance, ("finansiella_mål", i), finance.model.malomrade, g
            )


@dataclass
class PeriodOutcomes:
    root: str
    period: Source[PeriodFile]
    finance: Source[FinansUtfallFile] | None
    areas: dict[str, Source[MalomradeUtfallFile]]
    #: Earlier period folders, loaded without their own history: "föregående_period",
    #: "föregående_år" and "baslinje_ÅÅÅÅ" (see engine.checks.outcomes._load_previous).
    previous: dict[str, EarlierPeriod] = field(default_factory=dict)
    #: Målområden (and "finansiella_mål") whose outcome file has errors: not "missing".
    unreadable: set[str] = field(default_factory=set)
    #: The optional economy files (balanskrav.yaml, atgarder.yaml, budgetavvikelse.yaml).
    balanskrav: Source[BalanskravFile] | None = None
    atgarder: Source[AtgarderFile] | None = None
    budgetavvikelse: Source[BudgetavvikelseFile] | None = None

    def __post_init__(self) -> None:
        #: From YAML a model, from a table a `TableOutcome` (engine.checks.tables).
        self.kpi: dict[tuple[str, str], KpiOutcome] = {}
        self.uppdrag: dict[tuple[str, str], UppdragUtfall] = {}
        for src in self.areas.values():
            for k in src.model.nyckeltal:
                self.kpi.setdefault((k.id, k.namnd), k)
            for u in src.model.uppdrag:
                self.uppdrag.setdefault((u.id, u.namnd), u)
        self.goals: dict[str, Outcome] = {}
        if self.finance is not None:
            for g in self.finance.model.goals:
                self.goals.setdefault(g.id, g)


class Earlier(NamedTuple):
    """A measure's value in an earlier period folder."""

    period: str
    value: float


@dataclass(frozen=True, slots=True)
class EarlierPeriod:
    """An earlier period folder as the evaluation sees it: its period code and its values
    (`Earlier`, made once here and shared by every result that shows them), of the
    nyckeltal by (id, nämnd) and of the financial goals by id. An outcome without a value
    is not in it. Only checked folders become one (`of`): the methods and the trends
    compare with these values and nothing else of the folder."""

    period: str
    kpi: dict[tuple[str, str], Earlier]
    goals: dict[str, Earlier]

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled as its `Parts`: about a tenth of the bytes, and each Earlier made again
        only once, by `of_parts`."""
        return EarlierPeriod.of_parts, (
            Parts(
                self.period,
                list(self.kpi),
                [e.value for e in self.kpi.values()],
                list(self.goals),
                [e.value for e in self.goals.values()],
            ),
        )

    @classmethod
    def of(cls, outcomes: PeriodOutcomes) -> EarlierPeriod:
        return cls.of_parts(cls.parts(outcomes))

    @staticmethod
    def parts(outcomes: PeriodOutcomes) -> Parts:
        """A checked folder's values, bare: what a child process that loads a big folder
        sends (engine.checks.outcomes), without making the `Earlier`s it would only
        take apart again to send them."""
        kpi = [(key, e.value) for key, e in outcomes.kpi.items() if e.value is not None]
        goals = [(key, g.value) for key, g in outcomes.goals.items() if g.value is not None]
        return Parts(
            outcomes.period.model.period,
            [k for k, _ in kpi],
            [v for _, v in kpi],
            [k for k, _ in goals],
            [v for _, v in goals],
        )

    @classmethod
    def of_parts(cls, parts: Parts) -> EarlierPeriod:
        period = parts.period
        return cls(
            period,
            _earlier(period, zip(parts.kpi_keys, parts.kpi_values, strict=True)),
            _earlier(period, zip(parts.goal_keys, parts.goal_values, strict=True)),
        )


class Parts(NamedTuple):
    """An `EarlierPeriod` taken apart: the period, the keys and their bare values. Its
    nyckeltal and nämnder from a table are the rules' own strings (engine.checks.tables),
    so each is pickled once."""

    period: str
    kpi_keys: list[tuple[str, str]]
    kpi_values: list[float]
    goal_keys: list[str]
    goal_values: list[float]


def _earlier(period: str, values: Iterable[tuple[Any, float]]) -> dict[Any, Earlier]:
    """Each key with its value in `period`, as the one `Earlier` the results share (made
    by `tuple.__new__`, without the named tuple's Python-level `__new__`: 50 000 of them
    when a national period arrives from its child process)."""
    new = tuple.__new__
    return {key: new(Earlier, (period, value)) for key, value in values}
