"""The checks on a period folder against the rules, each a small function over a `Period`;
`engine.checks.registry` lists them with the codes each may emit.

Checks: known ids, a nämnd that actually reports the nyckeltal or uppdrag, a status that
is in the scale, exactly one of `utfall` and `saknas`, no duplicate entries, and a warning
for every nyckeltal measured this period (per `period.yaml: mäts`) that has no entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from engine.checks.rule_checks import is_share
from engine.diagnostics import Report
from engine.diagnostics.hints import did_you_mean
from engine.inputs.files import PERIOD_DIR
from engine.inputs.loaded import PeriodOutcomes, RuleSet
from engine.inputs.parse import Source
from engine.models import MalomradeUtfallFile, NyckeltalUtfall, Outcome
from engine.wording import number

FINANCE_KEY = "finansiella_mål"
Path = tuple[str | int, ...]
AreaSource = Source[MalomradeUtfallFile]


@dataclass(frozen=True)
class Period:
    """One period's outcomes with the rules they are checked against."""

    outcomes: PeriodOutcomes
    rules: RuleSet

    def known_areas(self) -> Iterator[AreaSource]:
        """The outcome files whose målområde is in the rules (the others are one error each)."""
        return (s for a, s in self.outcomes.areas.items() if a in self.rules.area_by_id)


def folder_name(p: Period, report: Report) -> None:
    """The period in period.yaml is the folder's name (when the folder is named ÅÅÅÅ-MM)."""
    period = p.outcomes.period
    folder = PurePosixPath(p.outcomes.root).name
    if folder != period.model.period and PERIOD_DIR.match(folder):
        report.warning(
            period.at("period"),
            "period",
            f"perioden '{period.model.period}' stämmer inte med mappens namn '{folder}'",
            "period",
        )


def areas(p: Period, report: Report) -> None:
    """Each outcome file names a målområde of the rules, and only nämnder that exist."""
    known = p.rules.area_by_id
    for area_id, src in p.outcomes.areas.items():
        if area_id not in known:
            report.error(
                src.at("målområde"),
                "okänt-målområde",
                f"okänt målområde '{area_id}'{did_you_mean(area_id, known)}; "
                f"kända: {', '.join(sorted(known))}",
                "målområde",
            )
            continue
        for namnd in src.model.namnder:
            if namnd not in p.rules.namnder:
                report.error(
                    src.at("nämnder", namnd, at_key=True),
                    "okänd-nämnd",
                    f"okänd nämnd '{namnd}'{did_you_mean(namnd, p.rules.namnder)}",
                    "nämnder",
                )


def value_or_reason(src: Source[Any], path: Path, entry: Outcome, report: Report) -> None:
    if entry.value is not None and entry.missing is not None:
        report.error(
            src.at(*path, "saknas", at_key=True),
            "utfall-och-saknas",
            "ange antingen 'utfall' eller 'saknas', inte båda",
            src.name(*path),
        )
    if entry.value is None and entry.missing is None:
        report.error(
            src.at(*path),
            "utfall-saknas",
            f"'{entry.id}' har varken 'utfall' eller 'saknas' (ange skälet, t.ex. 'Utfallet rapporteras på helår.')",
            src.name(*path),
        )


def field_error(
    src: AreaSource, path: Path, key: str, code: str, message: str, report: Report
) -> None:
    report.error(src.at(*path, key), code, message, src.name(*path, key))


def once(
    src: AreaSource,
    path: Path,
    key: tuple[str, str],
    seen: dict[tuple[str, str], Path],
    report: Report,
) -> None:
    """One entry per (id, nämnd): a second one is an error at the second entry, which says
    where the first is (a table row may repeat a YAML entry, or the other way round)."""
    first = seen.get(key)
    if first is None:
        seen[key] = path
    else:
        there = src.at(*first)
        report.error(
            src.at(*path),
            "dubblett",
            f"'{key[0]}' för {key[1]} finns redan ({there.path}:{there.line})",
            src.name(*path),
        )


def kpis(p: Period, report: Report) -> None:
    """Each nyckeltal entry: a known id in its målområde, a nämnd that reports it, once,
    and a value or the reason it is missing. Written with the lookups of one id kept
    while its entries follow each other (a national table's 300 nämnder per nyckeltal)."""
    known, reporters = p.rules.nyckeltal, p.rules.reporters
    for src in p.known_areas():
        seen: dict[tuple[str, str], Path] = {}
        here = src.model.malomrade
        last: str | None = None
        for i, k in enumerate(src.model.nyckeltal):
            if k.id != last:
                last, found = k.id, known.get(k.id)
                if found is not None:
                    area, kpi = found
                    reporting, copy = reporters[("nyckeltal", k.id)], kpi.financial_goal
            path: Path = ("nyckeltal", i)
            if found is None:
                hint = did_you_mean(k.id, known)
                field_error(
                    src, path, "id", "okänt-nyckeltal", f"okänt nyckeltal '{k.id}'{hint}", report
                )
                continue
            if area.id != here:
                report.warning(
                    src.at(*path, "id"),
                    "fel-målområde",
                    f"nyckeltalet '{k.id}' hör till målområdet '{area.id}'",
                    src.name(*path, "id"),
                )
            if k.namnd not in reporting:
                field_error(
                    src,
                    path,
                    "nämnd",
                    "fel-nämnd",
                    f"nämnden '{k.namnd}' rapporterar inte '{k.id}'{did_you_mean(k.namnd, kpi.namnder)} "
                    f"(enligt reglerna: {', '.join(kpi.namnder)})",
                    report,
                )
            key = (k.id, k.namnd)
            if key in seen:
                once(src, path, key, seen, report)
            else:
                seen[key] = path
            # Exactly one of utfall and saknas: the common case needs no call.
            if copy is None and (k.value is None) == (k.missing is None):
                value_or_reason(src, path, k, report)


def goal_copies(p: Period, report: Report) -> None:
    """A nämnd table's copy of a financial goal takes its outcome from the goal: no
    `saknas` of its own, and an `utfall` that does not contradict the goal's."""
    copies = {
        ident: kpi.financial_goal
        for ident, (_, kpi) in p.rules.nyckeltal.items()
        if kpi.financial_goal is not None
    }
    if not copies:
        return
    for src in p.known_areas():
        for i, k in enumerate(src.model.nyckeltal):
            goal_id = copies.get(k.id)
            if goal_id is None:
                continue
            path: Path = ("nyckeltal", i)
            _contradicts(src, path, k, p.outcomes.goals.get(goal_id), goal_id, report)
            if k.missing is not None:
                report.error(
                    src.at(*path, "saknas", at_key=True),
                    "finansiellt-mål",
                    f"utfallet hämtas från det finansiella målet '{goal_id}'",
                    src.name(*path),
                )


def _contradicts(
    src: AreaSource,
    path: Path,
    entry: NyckeltalUtfall,
    goal: Outcome | None,
    goal_id: str,
    report: Report,
) -> None:
    if entry.value is None or goal is None or goal.value is None or entry.value == goal.value:
        return
    report.warning(
        src.at(*path, "utfall"),
        "motstridigt-utfall",
        f"utfallet {number(entry.value)} motsäger det finansiella målets '{goal_id}' utfall {number(goal.value)}; "
        "det finansiella målets utfall gäller",
        src.name(*path, "utfall"),
    )


def uppdrag(p: Period, report: Report) -> None:
    """Each uppdrag entry: a known id, a nämnd that has it, a status of the scale, once."""
    statuses = p.rules.scale.model.uppdrag_statuses
    for src in p.known_areas():
        seen: dict[tuple[str, str], Path] = {}
        for i, u in enumerate(src.model.uppdrag):
            path: Path = ("uppdrag", i)
            found = p.rules.uppdrag.get(u.id)
            if found is None:
                hint = did_you_mean(u.id, p.rules.uppdrag)
                field_error(
                    src, path, "id", "okänt-uppdrag", f"okänt uppdrag '{u.id}'{hint}", report
                )
                continue
            namnder = found[1].namnder
            if u.namnd not in p.rules.reporters[("uppdrag", u.id)]:
                field_error(
                    src,
                    path,
                    "nämnd",
                    "fel-nämnd",
                    f"nämnden '{u.namnd}' har inte uppdraget '{u.id}'{did_you_mean(u.namnd, namnder)} "
                    f"(enligt reglerna: {', '.join(namnder)})",
                    report,
                )
            if u.status not in statuses:
                field_error(
                    src,
                    path,
                    "status",
                    "okänd-status",
                    f"statusen '{u.status}' finns inte i skalan{did_you_mean(u.status, statuses)}; "
                    f"välj en av: {', '.join(statuses)}",
                    report,
                )
            once(src, path, (u.id, u.namnd), seen, report)


def share_values(p: Period, report: Report) -> None:
    """A share ("Andel …" in %, as the rule check `andel` knows it) whose utfall lies
    outside 0–100: a count or a typo (1920 for 19,20), which the ratio would otherwise
    judge as far above its target. A warning: `--strict` makes it an error."""
    shares = {i for i, (_, kpi) in p.rules.nyckeltal.items() if is_share(kpi)}
    if not shares:
        return
    for src in p.known_areas():
        for i, k in enumerate(src.model.nyckeltal):
            if k.id in shares and k.value is not None and not 0 <= k.value <= 100:
                report.warning(
                    src.at("nyckeltal", i, "utfall"),
                    "andel-utfall",
                    f"'{k.id}' är en andel i procent, men utfallet är {number(k.value)}; "
                    "en andel ligger mellan 0 och 100",
                    src.name("nyckeltal", i, "utfall"),
                )


def missing(p: Period, report: Report) -> None:
    """A warning for each nyckeltal measured this period, uppdrag and målområde without an
    entry (not for a målområde whose outcome file has errors: those are reported)."""
    out, measured = p.outcomes, set(p.outcomes.period.model.measured)
    for area in p.rules.areas:
        if area.model.id in out.unreadable:
            continue
        src = out.areas.get(area.model.id)
        for kpi in area.model.nyckeltal:
            if kpi.financial_goal is not None or p.rules.measure_for(kpi).frequency not in measured:
                continue
            for namnd in kpi.namnder:
                if (kpi.id, namnd) not in out.kpi:
                    report.warning(
                        src.at("nyckeltal", at_key=True) if src else out.period.at(),
                        "utfall-saknas",
                        f"utfall saknas för '{kpi.id}' ({namnd}), som mäts denna period; "
                        "ange 'utfall' eller 'saknas' med skäl",
                    )
        for u in area.model.uppdrag:
            for namnd in u.namnder:
                if (u.id, namnd) not in out.uppdrag:
                    report.warning(
                        src.at("uppdrag", at_key=True) if src else out.period.at(),
                        "status-saknas",
                        f"status saknas för uppdraget '{u.id}' från {namnd}",
                    )
        if src is None:
            report.warning(
                out.period.at(),
                "målområde-saknas",
                f"utfallsfil saknas för målområdet '{area.model.id}'",
            )


def goals(p: Period, report: Report) -> None:
    """finansiella_mal.yaml: present, known ids, each once with a value or a reason, and
    every financial goal of the rules reported."""
    fin, rules = p.outcomes.finance, p.rules
    if fin is None:
        # A plan without financial goals (a nämnd's) needs no finansiella_mal.yaml.
        if FINANCE_KEY not in p.outcomes.unreadable and rules.goals:
            report.warning(
                p.outcomes.period.at(),
                "fil-saknas",
                "finansiella_mal.yaml saknas; de finansiella målen blir ej bedömda",
            )
        return
    if not rules.goals and fin.model.goals:
        # One error for the file, not one "okänt finansiellt mål" per goal.
        report.error(
            fin.at("finansiella_mål", at_key=True),
            "okänt-mål",
            "utfall för finansiella mål, men reglerna har inga finansiella mål (ingen "
            "finansiella_mal.yaml bland reglerna); ta bort filen ur periodmappen eller "
            "lägg till målen i reglerna",
        )
        return
    seen: set[str] = set()
    for i, g in enumerate(fin.model.goals):
        path: Path = ("finansiella_mål", i)
        if g.id not in rules.goals:
            report.error(
                fin.at(*path, "id"),
                "okänt-mål",
                f"okänt finansiellt mål '{g.id}'{did_you_mean(g.id, rules.goals)}",
                fin.name(*path, "id"),
            )
            continue
        if g.id in seen:
            report.error(fin.at(*path), "dubblett", f"'{g.id}' finns redan", fin.name(*path))
        seen.add(g.id)
        value_or_reason(fin, path, g, report)
    for goal_id in rules.goals:
        if goal_id not in seen and FINANCE_KEY not in p.outcomes.unreadable:
            report.warning(
                fin.at("finansiella_mål", at_key=True),
                "utfall-saknas",
                f"utfall saknas för det finansiella målet '{goal_id}'",
            )


def ready_namnder(p: Period, report: Report) -> None:
    """`klara` in period.yaml names only nämnder of the rules."""
    period = p.outcomes.period
    for i, namnd in enumerate(period.model.ready):
        if namnd not in p.rules.namnder:
            report.error(
                period.at("klara", i),
                "okänd-nämnd",
                f"okänd nämnd '{namnd}'{did_you_mean(namnd, p.rules.namnder)}",
                period.name("klara", i),
            )
