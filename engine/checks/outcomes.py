"""Stage 2, validate (outcomes): a period folder → `PeriodOutcomes`, checked against the rules.

A period folder (`fixtures/2025-08/`) holds `period.yaml`, `finansiella_mal.yaml` and one
file per målområde under `malomraden/`. Each file is loaded with its model, then the
outcome checks of `engine.checks.registry` run (see `engine.checks.outcome_checks`).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from engine.checks import registry
from engine.checks.economy import load_economy
from engine.checks.outcome_checks import FINANCE_KEY
from engine.checks.tables import add_tables
from engine.diagnostics import Location, Report
from engine.inputs.files import (
    AREA_DIR,
    ECONOMY_FILES,
    PERIOD_DIR,
    baseline_period,
    earlier_period,
    period_folders,
    yaml_in,
)
from engine.inputs.loaded import EarlierPeriod, Parts, PeriodOutcomes, RuleSet
from engine.inputs.memory import collector_paused
from engine.inputs.parse import Source, load_model, parse_partial
from engine.inputs.workers import Pending, beside, spare_cores
from engine.inputs.yamlfile import load_file
from engine.models import FinansUtfallFile, MalomradeUtfallFile, PeriodFile

#: The lists in an outcome file whose entries are checked one by one: a bad value in one
#: entry never hides the problems of the others.
ENTRY_LISTS = ("nyckeltal", "uppdrag")


def load_outcomes(
    folder: Path,
    rules: RuleSet,
    report: Report,
    *,
    with_previous: bool = True,
    beside: bool = False,
    errors_only: bool = False,
) -> PeriodOutcomes | None:
    """Load and check one period folder against `rules`. None when there are errors.

    `beside`: a big earlier folder (`BESIDE_BYTES` or more) is loaded in a child process
    while this one loads the period (engine.inputs.workers); the result is the same. The
    command line asks for it; a long-running caller with threads gets one process anyway.
    `errors_only`: the checks that only warn are left out, for a folder that is used only
    if it has no errors (an earlier period); the result is the same."""
    with collector_paused():
        history = _earlier_folders(folder, rules) if with_previous else None
        pending = _start_earlier(history, rules) if history and beside else {}
        try:
            return _load_outcomes(folder, rules, report, history, pending, errors_only)
        finally:
            for left in pending.values():
                left.cancel()


def _load_outcomes(
    folder: Path,
    rules: RuleSet,
    report: Report,
    history: list[tuple[str, Path]] | None,
    pending: dict[Path, Pending[Parts | None]],
    errors_only: bool = False,
) -> PeriodOutcomes | None:
    """`load_outcomes`, with the earlier folders to load (`_earlier_folders`; None: none
    at all) and those already loading in a child process."""
    display = folder.as_posix().rstrip("/")
    period_file = folder / "period.yaml"
    if not period_file.is_file():
        report.error(
            Location(f"{display}/period.yaml"),
            "fil-saknas",
            "filen period.yaml saknas i periodmappen",
        )
        return None
    period = load_model(period_file, f"{display}/period.yaml", PeriodFile, report)
    finance = None
    unreadable: set[str] = set()
    fin_file = folder / "finansiella_mal.yaml"
    if fin_file.is_file():
        finance = load_model(
            fin_file, f"{display}/finansiella_mal.yaml", FinansUtfallFile, report, (FINANCE_KEY,)
        )
        if finance is None or finance.partial:
            unreadable.add(FINANCE_KEY)
    areas = _load_areas(folder, display, unreadable, report)
    economy = load_economy(folder, display, report)
    for extra in yaml_in(folder):
        if extra.name not in ("period.yaml", "finansiella_mal.yaml", *ECONOMY_FILES.values()):
            report.warning(
                Location(f"{display}/{extra.name}", 1, 1),
                "okänd-fil",
                f"filen {extra.name} hör inte till en periodmapp och läses inte",
            )
    if period is None:
        return None
    add_tables(folder, display, period.model.period, rules, areas, unreadable, report)
    outcomes = PeriodOutcomes(
        display,
        period,
        finance,
        areas,
        unreadable=unreadable,
        balanskrav=economy.balanskrav,
        atgarder=economy.atgarder,
        budgetavvikelse=economy.budgetavvikelse,
    )
    registry.check_outcomes(outcomes, rules, report, errors_only=errors_only)
    if history is not None:
        _load_previous(history, rules, outcomes, report, pending)
    return None if report.errors else outcomes


def _load_areas(
    folder: Path, display: str, unreadable: set[str], report: Report
) -> dict[str, Source[MalomradeUtfallFile]]:
    """The målområde files by målområde id; unreadable ones are added to `unreadable`."""
    areas: dict[str, Source[MalomradeUtfallFile]] = {}
    for file in yaml_in(folder / AREA_DIR):
        shown = f"{display}/{AREA_DIR}/{file.name}"
        doc = load_file(file, report, shown)
        src = parse_partial(doc, MalomradeUtfallFile, report, ENTRY_LISTS) if doc else None
        if doc is None or src is None or src.partial:
            # Its problems are reported; don't also call its entries missing.
            raw = doc.data.get("målområde") if doc is not None else None
            unreadable.add(raw if isinstance(raw, str) else file.stem)
        if src is None:
            continue
        model = src.model
        first = areas.get(model.malomrade)
        if first is not None:
            report.error(
                src.at("målområde"),
                "dubblett-fil",
                f"utfall för målområdet '{model.malomrade}' finns redan i {first.doc.path}",
                "målområde",
            )
            continue
        areas[model.malomrade] = src
    return areas


def _load_previous(
    history: list[tuple[str, Path]],
    rules: RuleSet,
    outcomes: PeriodOutcomes,
    report: Report,
    pending: dict[Path, Pending[Parts | None]],
) -> None:
    """The history every method and trend sees, into `outcomes.previous`: the folders of
    `history` (`_earlier_folders`), i.e. the previous period ("föregående_period", the
    newest period folder before this one) and the same period last year ("föregående_år"),
    when those folders exist, and the folder of each earlier baseline year that a
    nyckeltal declares ("baslinje_ÅÅÅÅ"). Each is loaded without its own history (so this
    stays bounded), and a folder used twice once; those in `pending` are already loading
    in a child process."""
    loaded: dict[Path, EarlierPeriod | None] = {}
    for which, earlier in history:
        if earlier not in loaded:
            task = pending.pop(earlier, None)
            if task is not None:
                parts = task.result()
                prev = EarlierPeriod.of_parts(parts) if parts is not None else None
            else:
                prev = earlier_values(earlier, rules)
            if prev is None:
                report.warning(
                    outcomes.period.at(),
                    "jämförelseperiod",
                    f"perioden {earlier.name} har fel och används inte för jämförelse; "
                    f"kör 'maluppfyllelse validate --outcomes {earlier.as_posix()}'",
                )
            loaded[earlier] = prev
        found = loaded[earlier]
        if found is not None:
            outcomes.previous[which] = found


#: An earlier folder of at least this many bytes is loaded in a child process when the
#: caller asks (`load_outcomes(beside=True)`): a national period is about 5 MB, the
#: region's 0,1 MB, for which a process costs more than it saves.
BESIDE_BYTES = 1_000_000


def _start_earlier(
    history: list[tuple[str, Path]], rules: RuleSet
) -> dict[Path, Pending[Parts | None]]:
    """The big ones of the earlier folders, as many as there are spare cores, each started
    loading in a child process (engine.inputs.workers)."""
    spare = spare_cores()
    big = sorted({p for _, p in history if _size(p) >= BESIDE_BYTES})
    return {p: beside(partial(earlier_parts, p, rules)) for p in big[:spare]}


def _size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def _earlier_folders(folder: Path, rules: RuleSet) -> list[tuple[str, Path]]:
    found = [(which, earlier_period(folder, which)) for which in _HISTORY]
    years = {kpi.baseline for _, kpi in rules.nyckeltal.values() if kpi.baseline is not None}
    found += [(f"baslinje_{year}", baseline_period(folder, year)) for year in sorted(years)]
    return [(which, path) for which, path in found if path is not None]


#: The earlier periods always loaded when their folders exist.
_HISTORY = ("föregående_period", "föregående_år")


def earlier_values(earlier: Path, rules: RuleSet) -> EarlierPeriod | None:
    """An earlier folder's values, or None when it has errors: it is checked on its own
    (its problems are not reported here), here only whether it can be used."""
    parts = earlier_parts(earlier, rules)
    return EarlierPeriod.of_parts(parts) if parts is not None else None


def earlier_parts(earlier: Path, rules: RuleSet) -> Parts | None:
    """`earlier_values` taken apart (`EarlierPeriod.parts`), as a child process sends them."""
    loaded = load_outcomes(earlier, rules, Report(), with_previous=False, errors_only=True)
    return EarlierPeriod.parts(loaded) if loaded is not None else None


def history(
    folder: Path, rules: RuleSet, count: int = 3, current: PeriodOutcomes | None = None
) -> list[PeriodOutcomes]:
    """The valid period folders up to and including `folder`, oldest first (at most `count`).
    Problems in the earlier folders are not reported here: they are checked on their own.
    `current`, when given, is `folder` already loaded (it is not read a second time)."""
    if not PERIOD_DIR.match(folder.name):
        return []
    folders = [p for p in period_folders(folder.parent) if p.name <= folder.name][-count:]
    loaded = [
        current
        if current is not None and p.name == folder.name
        else load_outcomes(p, rules, Report(), with_previous=False, errors_only=True)
        for p in folders
    ]
    return [p for p in loaded if p is not None]
