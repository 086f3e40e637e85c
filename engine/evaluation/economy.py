"""Stage 3, evaluate: the arithmetic of the economy files (pure functions).

Balanskravsutredning (RKR R15/R17): every derived row is computed from the rows above it,
and every total the file gives is compared with its own sum. The next step continues from
the *printed* total when there is one, so one wrong figure gives one mismatch, not a
cascade through every row below it. Action plans: effects summed per stoplight and per
område. Budget deviation: the forecasts against the straight path to zero at year end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.models import COLOURS
from engine.models.economy import (
    AtgarderFile,
    BalanskravFile,
    BalanskravYear,
    BudgetavvikelseFile,
)

#: Figures are printed with one decimal: a sum within half a unit of it adds up.
TOLERANCE = 0.05 + 1e-9
#: The rows added to give each total, as YAML keys (the model's aliases).
ADJUSTMENTS = (
    "årets_resultat",
    "realisationsvinster",
    "realisationsvinster_undantag",
    "realisationsförluster_undantag",
    "orealiserade_värdepapper",
    "återföring_orealiserade",
)
RESERVE = ("resultat_efter_justeringar", "reservering_resultatreserv", "användning_resultatreserv")
SPECIAL = ("balanskravsresultat", "synnerliga_skäl_ej_återställa")
#: A negative result is to be restored within the next three years (KL 11 kap. 12 §).
RESTORE_YEARS = 3


@dataclass(frozen=True)
class Mismatch:
    """A printed total that is not the sum of its parts."""

    index: int  # the position of the year in the file's list
    year: int
    key: str  # the total's YAML key
    printed: float
    computed: float
    parts: tuple[str, ...]


@dataclass(frozen=True)
class BalanskravColumn:
    year: int
    basis: str
    #: Every row by YAML key: the printed figure, or the computed one for totals not given.
    values: dict[str, float | None]
    #: The totals that were computed because the file does not give them.
    computed: frozenset[str]
    restore_by: int


@dataclass(frozen=True)
class Remaining:
    """What is left to restore of one year's negative result."""

    year: int
    amount: float  # positive: mkr still to restore
    restore_by: int


@dataclass(frozen=True)
class Balanskrav:
    columns: list[BalanskravColumn]  # as in the file (newest first, as in the report)
    mismatches: list[Mismatch]
    remaining: list[Remaining]  # oldest first

    @property
    def latest(self) -> BalanskravColumn:
        return max(self.columns, key=lambda c: c.year)


def _value(y: BalanskravYear, alias: str) -> float | None:
    name = next(n for n, f in BalanskravYear.model_fields.items() if f.alias == alias)
    value = getattr(y, name)
    return None if value is None else float(value)


def _total(
    y: BalanskravYear, index: int, key: str, parts: tuple[str, ...], values: dict[str, float | None]
) -> tuple[float, Mismatch | None]:
    """The total `key`: its printed figure when given (checked), else the sum of `parts`."""
    computed = round(sum(values.get(p) or 0.0 for p in parts), 6)
    printed = _value(y, key)
    if printed is None:
        return computed, None
    if abs(printed - computed) > TOLERANCE:
        return printed, Mismatch(index, y.year, key, printed, computed, parts)
    return printed, None


def balanskrav(file: BalanskravFile) -> Balanskrav:
    """Every derived row of every year, the mismatches and what remains to restore."""
    by_year = sorted(enumerate(file.years), key=lambda p: p[1].year)
    done: dict[int, BalanskravColumn] = {}
    mismatches: list[Mismatch] = []
    for index, y in by_year:
        values: dict[str, float | None] = {k: _value(y, k) for k in ADJUSTMENTS}
        computed: set[str] = set()
        for key, parts in (
            ("resultat_efter_justeringar", ADJUSTMENTS),
            ("balanskravsresultat", RESERVE),
            ("att_återställa", SPECIAL),
        ):
            for part in parts:
                values.setdefault(part, _value(y, part))
            values[key], bad = _total(y, index, key, parts, values)
            mismatches += [bad] if bad else []
            computed |= {key} if _value(y, key) is None else set()
        values["synnerliga_skäl_längre_tid"] = _value(y, "synnerliga_skäl_längre_tid")
        _accumulate(y, index, values, done.get(y.year - 1), computed, mismatches)
        done[y.year] = BalanskravColumn(
            y.year,
            y.basis,
            values,
            frozenset(computed),
            y.restore_by or y.year + RESTORE_YEARS,
        )
    columns = [done[y.year] for y in file.years]
    return Balanskrav(columns, sorted(mismatches, key=lambda m: m.index), _remaining(by_year, done))


def _accumulate(
    y: BalanskravYear,
    index: int,
    values: dict[str, float | None],
    before: BalanskravColumn | None,
    computed: set[str],
    mismatches: list[Mismatch],
) -> None:
    """From earlier years (the year before's accumulated value) and the new accumulated value."""
    printed = _value(y, "från_tidigare_år")
    earlier = before.values["ackumulerat_ej_återställt"] if before else None
    if printed is None:
        values["från_tidigare_år"] = earlier or 0.0
        computed.add("från_tidigare_år")
    else:
        values["från_tidigare_år"] = printed
        if earlier is not None and abs(printed - earlier) > TOLERANCE:
            mismatches.append(
                Mismatch(index, y.year, "från_tidigare_år", printed, earlier, ("föregående_år",))
            )
    total = (values["från_tidigare_år"] or 0.0) + (values["att_återställa"] or 0.0)
    values["ackumulerat_ej_återställt"], bad = _total_of(y, index, min(0.0, round(total, 6)))
    mismatches += [bad] if bad else []
    if _value(y, "ackumulerat_ej_återställt") is None:
        computed.add("ackumulerat_ej_återställt")


def _total_of(y: BalanskravYear, index: int, computed: float) -> tuple[float, Mismatch | None]:
    key = "ackumulerat_ej_återställt"
    printed = _value(y, key)
    if printed is None:
        return computed, None
    if abs(printed - computed) > TOLERANCE:
        return printed, Mismatch(
            index, y.year, key, printed, computed, ("från_tidigare_år", "att_återställa")
        )
    return printed, None


def _remaining(
    by_year: list[tuple[int, BalanskravYear]], done: dict[int, BalanskravColumn]
) -> list[Remaining]:
    """What each year's negative result still has to restore: a surplus restores the
    oldest deficit first."""
    left: list[list[float | int]] = []  # [year, amount, restore_by]
    for _, y in by_year:
        column = done[y.year]
        amount = column.values["att_återställa"] or 0.0
        if amount < 0:
            left.append([y.year, -amount, column.restore_by])
            continue
        for entry in left:
            used = min(float(entry[1]), amount)
            entry[1] = float(entry[1]) - used
            amount -= used
    return [Remaining(int(a), round(float(b), 6), int(c)) for a, b, c in left if float(b) > 0]


# --- action plans ------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionSums:
    by_stoplight: dict[str, float]  # every key of COLOURS, in that order
    by_area: dict[str, float]  # in the order the areas first appear
    total: float
    red_or_unassessed: float
    so_far: float
    count_by_stoplight: dict[str, int] = field(default_factory=dict)


def action_sums(file: AtgarderFile) -> ActionSums:
    by_stoplight: dict[str, float] = dict.fromkeys(COLOURS, 0.0)
    counts: dict[str, int] = dict.fromkeys(COLOURS, 0)
    by_area: dict[str, float] = {}
    for a in file.actions:
        effect = a.effect or 0.0
        by_stoplight[a.stoplight] += effect
        counts[a.stoplight] += 1
        by_area[a.area] = by_area.get(a.area, 0.0) + effect
    return ActionSums(
        {k: round(v, 6) for k, v in by_stoplight.items()},
        {k: round(v, 6) for k, v in by_area.items()},
        round(sum(by_stoplight.values()), 6),
        round(by_stoplight["röd"] + by_stoplight["ej_bedömd"], 6),
        round(sum(a.so_far or 0.0 for a in file.actions), 6),
        counts,
    )


# --- budget deviation path ---------------------------------------------------------------


@dataclass(frozen=True)
class PathPoint:
    month: int  # 1–12
    deviation: float | None  # the forecast's deviation from budget, when one was made
    path: float | None  # the straight path to zero, from the latest forecast on


@dataclass(frozen=True)
class DeviationPath:
    year: int
    who: str
    points: list[PathPoint]  # from the first forecast's month to december
    latest_month: int
    latest: float
    per_month: float  # how much the deviation must improve each month to reach zero
    first_month: int
    first: float


def deviation(file: BudgetavvikelseFile, index: int) -> float | None:
    f = file.forecasts[index]
    if f.deviation is not None:
        return float(f.deviation)
    if f.forecast is not None and file.budget is not None:
        return round(float(f.forecast) - float(file.budget), 6)
    return None


def deviation_path(file: BudgetavvikelseFile) -> DeviationPath | None:
    """The forecasts by month and the straight line from the latest one to zero in december."""
    known = {
        int(f.month[5:]): d
        for i, f in enumerate(file.forecasts)
        if (d := deviation(file, i)) is not None and int(f.month[:4]) == file.year
    }
    if not known:
        return None
    first_month, last_month = min(known), max(known)
    latest = known[last_month]
    remaining = 12 - last_month
    per_month = latest / remaining if remaining else 0.0
    points = [
        PathPoint(
            m,
            known.get(m),
            round(latest * (12 - m) / remaining, 6) if remaining and m >= last_month else None,
        )
        for m in range(first_month, 13)
    ]
    if not remaining:
        points[-1] = PathPoint(12, latest, latest)
    return DeviationPath(
        file.year,
        file.who,
        points,
        last_month,
        latest,
        round(-per_month, 6),
        first_month,
        known[first_month],
    )


# --- the whole economy of a period -------------------------------------------------------


@dataclass(frozen=True)
class Economy:
    balanskrav: Balanskrav | None = None
    actions: AtgarderFile | None = None
    action_sums: ActionSums | None = None
    path: DeviationPath | None = None
    deviation_file: BudgetavvikelseFile | None = None

    @property
    def empty(self) -> bool:
        return self.balanskrav is None and self.actions is None and self.path is None


def economy(
    bk: BalanskravFile | None, atg: AtgarderFile | None, dev: BudgetavvikelseFile | None
) -> Economy:
    return Economy(
        balanskrav(bk) if bk is not None else None,
        atg,
        action_sums(atg) if atg is not None else None,
        deviation_path(dev) if dev is not None else None,
        dev,
    )


def geh_names(e: Economy) -> dict[str, float | bool]:
    """The names a GEH rule may use about the balanskrav (see GEH_NAMES); without a
    balanskravsutredning they are 0 and `balanskrav_redovisat` is false."""
    if e.balanskrav is None:
        return {
            "balanskravsresultat": 0.0,
            "balanskrav_ackumulerat": 0.0,
            "balanskrav_redovisat": False,
        }
    latest = e.balanskrav.latest.values
    return {
        "balanskravsresultat": latest["balanskravsresultat"] or 0.0,
        "balanskrav_ackumulerat": latest["ackumulerat_ej_återställt"] or 0.0,
        "balanskrav_redovisat": True,
    }
