"""Stage 2, validate (outcomes): a period folder → `PeriodOutcomes`, checked against the rules.

A period folder (`fixtures/2025-08/`) holds `period.yaml`, `finansiella_mal.yaml` and one
file per målområde under `malomraden/`. Checks: known ids, a nämnd that actually reports
the nyckeltal or uppdrag, a status that is in the scale, exactly one of `utfall` and
`saknas`, no duplicate entries, and a warning for every nyckeltal measured this period
(per `period.yaml: mäts`) that has no entry at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

from engine.diagnostics import Location, Report
from engine.inputs.files import (
    AREA_DIR,
    PERIOD_DIR,
    earlier_period,
    period_folders,
    yaml_in,
)
from engine.inputs.loaded import PeriodOutcomes, RuleSet
from engine.inputs.parse import Source, field_name, load_model, parse_model
from engine.inputs.yamlfile import load_file
from engine.models import (
    FinansUtfallFile,
    Jamforelse,
    MalomradeUtfallFile,
    NyckeltalUtfall,
    Outcome,
    PeriodFile,
)
from engine.wording import number

FINANCE_KEY = "finansiella_mål"


def load_outcomes(
    folder: Path, rules: RuleSet, report: Report, *, with_previous: bool = True
) -> PeriodOutcomes | None:
    """Load and check one period folder against `rules`. None when there are errors."""
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
        finance = load_model(fin_file, f"{display}/finansiella_mal.yaml", FinansUtfallFile, report)
        if finance is None:
            unreadable.add(FINANCE_KEY)
    areas: dict[str, Source[MalomradeUtfallFile]] = {}
    for file in yaml_in(folder / AREA_DIR):
        shown = f"{display}/{AREA_DIR}/{file.name}"
        doc = load_file(file, report, shown)
        model = parse_model(doc, MalomradeUtfallFile, report) if doc is not None else None
        if doc is None or model is None:
            # Its problems are reported; don't also call its entries missing.
            raw = doc.data.get("målområde") if doc is not None else None
            unreadable.add(raw if isinstance(raw, str) else file.stem)
            continue
        src = Source(model, doc)
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
    for extra in yaml_in(folder):
        if extra.name not in ("period.yaml", "finansiella_mal.yaml"):
            report.warning(
                Location(f"{display}/{extra.name}", 1, 1),
                "okänd-fil",
                f"filen {extra.name} hör inte till en periodmapp och läses inte",
            )
    if period is None:
        return None
    outcomes = PeriodOutcomes(display, period, finance, areas, unreadable=unreadable)
    if folder.name != period.model.period and PERIOD_DIR.match(folder.name):
        report.warning(
            period.at("period"),
            "period",
            f"perioden '{period.model.period}' stämmer inte med mappens namn '{folder.name}'",
            "period",
        )
    check_outcomes(outcomes, rules, report)
    if with_previous:
        for against in sorted(_needed_comparisons(rules)):
            earlier = earlier_period(folder, against)
            if earlier is None:
                continue
            # The earlier folder is checked on its own; here only whether it can be used.
            prev = load_outcomes(earlier, rules, Report(), with_previous=False)
            if prev is None:
                report.warning(
                    period.at(),
                    "jämförelseperiod",
                    f"perioden {earlier.name} har fel och används inte för jämförelse; "
                    f"kör 'maluppfyllelse validate --outcomes {earlier.as_posix()}'",
                )
            else:
                outcomes.previous[against] = prev
    return None if report.errors else outcomes


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
        else load_outcomes(p, rules, Report(), with_previous=False)
        for p in folders
    ]
    return [p for p in loaded if p is not None]


def _needed_comparisons(rules: RuleSet) -> set[str]:
    return {
        kpi.judgement.against
        for _, kpi in rules.nyckeltal.values()
        if isinstance(kpi.judgement, Jamforelse)
    }


def check_outcomes(out: PeriodOutcomes, rules: RuleSet, report: Report) -> None:
    statuses = rules.scale.model.uppdrag_statuses
    measured = set(out.period.model.measured)
    for area_id, src in out.areas.items():
        if area_id not in rules.area_by_id:
            report.error(
                src.at("målområde"),
                "okänt-målområde",
                f"okänt målområde '{area_id}'; kända: {', '.join(sorted(rules.area_by_id))}",
                "målområde",
            )
            continue
        _check_kpis(src, out, rules, report)
        _check_uppdrag(src, rules, statuses, report)
        for namnd in src.model.namnder:
            if namnd not in rules.namnder:
                report.error(
                    src.at("nämnder", namnd, at_key=True),
                    "okänd-nämnd",
                    f"okänd nämnd '{namnd}'",
                    "nämnder",
                )
    _check_missing(out, rules, measured, report)
    _check_goals(out, rules, report)


def _check_value(
    src: Source[Any], path: tuple[str | int, ...], entry: Outcome, report: Report
) -> None:
    if entry.value is not None and entry.missing is not None:
        report.error(
            src.at(*path, "saknas", at_key=True),
            "utfall-och-saknas",
            "ange antingen 'utfall' eller 'saknas', inte båda",
            field_name(path),
        )
    if entry.value is None and entry.missing is None:
        report.error(
            src.at(*path),
            "utfall-saknas",
            f"'{entry.id}' har varken 'utfall' eller 'saknas' (ange skälet, t.ex. 'Utfallet rapporteras på helår.')",
            field_name(path),
        )


def _field_error(
    src: Source[MalomradeUtfallFile],
    path: tuple[str | int, ...],
    key: str,
    code: str,
    message: str,
    report: Report,
) -> None:
    report.error(src.at(*path, key), code, message, field_name((*path, key)))


def _check_once(
    src: Source[MalomradeUtfallFile],
    path: tuple[str | int, ...],
    key: tuple[str, str],
    seen: set[tuple[str, str]],
    report: Report,
) -> None:
    """One entry per (id, nämnd): a second one is an error at the second entry."""
    if key in seen:
        report.error(
            src.at(*path), "dubblett", f"'{key[0]}' för {key[1]} finns redan", field_name(path)
        )
    seen.add(key)


def _check_kpis(
    src: Source[MalomradeUtfallFile], out: PeriodOutcomes, rules: RuleSet, report: Report
) -> None:
    seen: set[tuple[str, str]] = set()
    for i, k in enumerate(src.model.nyckeltal):
        path: tuple[str | int, ...] = ("nyckeltal", i)
        found = rules.nyckeltal.get(k.id)
        if found is None:
            _field_error(src, path, "id", "okänt-nyckeltal", f"okänt nyckeltal '{k.id}'", report)
            continue
        area, kpi = found
        if area.id != src.model.malomrade:
            report.warning(
                src.at(*path, "id"),
                "fel-målområde",
                f"nyckeltalet '{k.id}' hör till målområdet '{area.id}'",
                field_name((*path, "id")),
            )
        if k.namnd not in kpi.namnder:
            report.error(
                src.at(*path, "nämnd"),
                "fel-nämnd",
                f"nämnden '{k.namnd}' rapporterar inte '{k.id}' (enligt reglerna: {', '.join(kpi.namnder)})",
                field_name((*path, "nämnd")),
            )
        _check_once(src, path, (k.id, k.namnd), seen, report)
        if kpi.financial_goal is not None:
            _check_copy(src, path, k, out.goals.get(kpi.financial_goal), kpi.financial_goal, report)
            if k.missing is not None:
                report.error(
                    src.at(*path, "saknas", at_key=True),
                    "finansiellt-mål",
                    f"utfallet hämtas från det finansiella målet '{kpi.financial_goal}'",
                    field_name(path),
                )
            continue
        _check_value(src, path, k, report)


def _check_copy(
    src: Source[MalomradeUtfallFile],
    path: tuple[str | int, ...],
    entry: NyckeltalUtfall,
    goal: Outcome | None,
    goal_id: str,
    report: Report,
) -> None:
    """A nämnd table's copy of a financial goal must not contradict the goal's own utfall."""
    if entry.value is None or goal is None or goal.value is None or entry.value == goal.value:
        return
    report.warning(
        src.at(*path, "utfall"),
        "motstridigt-utfall",
        f"utfallet {number(entry.value)} motsäger det finansiella målets '{goal_id}' utfall {number(goal.value)}; "
        "det finansiella målets utfall gäller",
        field_name((*path, "utfall")),
    )


def _check_uppdrag(
    src: Source[MalomradeUtfallFile], rules: RuleSet, statuses: Mapping[str, str], report: Report
) -> None:
    seen: set[tuple[str, str]] = set()
    for i, u in enumerate(src.model.uppdrag):
        path: tuple[str | int, ...] = ("uppdrag", i)
        found = rules.uppdrag.get(u.id)
        if found is None:
            _field_error(src, path, "id", "okänt-uppdrag", f"okänt uppdrag '{u.id}'", report)
            continue
        _, uppdrag = found
        if u.namnd not in uppdrag.namnder:
            report.error(
                src.at(*path, "nämnd"),
                "fel-nämnd",
                f"nämnden '{u.namnd}' har inte uppdraget '{u.id}' (enligt reglerna: {', '.join(uppdrag.namnder)})",
                field_name((*path, "nämnd")),
            )
        if u.status not in statuses:
            report.error(
                src.at(*path, "status"),
                "okänd-status",
                f"statusen '{u.status}' finns inte i skalan; välj en av: {', '.join(statuses)}",
                field_name((*path, "status")),
            )
        _check_once(src, path, (u.id, u.namnd), seen, report)


def _check_missing(
    out: PeriodOutcomes, rules: RuleSet, measured: AbstractSet[str], report: Report
) -> None:
    for area in rules.areas:
        if area.model.id in out.unreadable:
            continue
        src = out.areas.get(area.model.id)
        where = src.at("nyckeltal", at_key=True) if src else out.period.at()
        for kpi in area.model.nyckeltal:
            if kpi.financial_goal is not None or rules.measure_for(kpi).frequency not in measured:
                continue
            for namnd in kpi.namnder:
                if (kpi.id, namnd) not in out.kpi:
                    report.warning(
                        where,
                        "utfall-saknas",
                        f"utfall saknas för '{kpi.id}' ({namnd}), som mäts denna period; "
                        "ange 'utfall' eller 'saknas' med skäl",
                    )
        uwhere = src.at("uppdrag", at_key=True) if src else out.period.at()
        for u in area.model.uppdrag:
            for namnd in u.namnder:
                if (u.id, namnd) not in out.uppdrag:
                    report.warning(
                        uwhere,
                        "status-saknas",
                        f"status saknas för uppdraget '{u.id}' från {namnd}",
                    )
        if src is None:
            report.warning(
                out.period.at(),
                "målområde-saknas",
                f"utfallsfil saknas för målområdet '{area.model.id}'",
            )


def _check_goals(out: PeriodOutcomes, rules: RuleSet, report: Report) -> None:
    fin = out.finance
    if fin is None and FINANCE_KEY in out.unreadable:
        return
    if fin is None:
        report.warning(
            out.period.at(),
            "fil-saknas",
            "finansiella_mal.yaml saknas; de finansiella målen blir ej bedömda",
        )
        return
    seen: set[str] = set()
    for i, g in enumerate(fin.model.goals):
        path: tuple[str | int, ...] = ("finansiella_mål", i)
        if g.id not in rules.goals:
            report.error(
                fin.at(*path, "id"),
                "okänt-mål",
                f"okänt finansiellt mål '{g.id}'",
                field_name((*path, "id")),
            )
            continue
        if g.id in seen:
            report.error(fin.at(*path), "dubblett", f"'{g.id}' finns redan", field_name(path))
        seen.add(g.id)
        _check_value(fin, path, g, report)
    for goal_id in rules.goals:
        if goal_id not in seen:
            report.warning(
                fin.at("finansiella_mål", at_key=True),
                "utfall-saknas",
                f"utfall saknas för det finansiella målet '{goal_id}'",
            )
