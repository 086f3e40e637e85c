"""The registry of checks, as yamllint registers its rules: every check the validator runs,
by name, with its function and the diagnostic codes it may emit.

The loaders (`engine.checks.rules`, `engine.checks.outcomes`) and `validate` run the checks
from here, each stage's in the order listed. `run` refuses a diagnostic whose code the
check has not declared, so the declarations cannot go stale; tests/test_checks_registry.py
also compares them with the codes in each check's source. Problems found while reading a
file (YAML, keys and types, files that are missing or unknown) are not checks: they come
from `engine.inputs` and the loaders. Every code is explained in engine/diagnostics/codes/.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from engine.checks import decision_checks as dc
from engine.checks import economy as ec
from engine.checks import layout_checks as lc
from engine.checks import outcome_checks as oc
from engine.checks import plausibility as pl
from engine.checks import printed_target as printed
from engine.checks import rule_checks as rc
from engine.checks import target_checks as tc
from engine.checks.outcome_checks import Period
from engine.checks.plausibility import History
from engine.diagnostics import Report, Severity
from engine.inputs.loaded import PeriodOutcomes, Ref, RuleSet

S = TypeVar("S")


@dataclass(frozen=True)
class Check(Generic[S]):
    name: str
    run: Callable[[S, Report], None]
    codes: tuple[str, ...]
    #: Emits warnings only (`run` refuses an error from it): left out where only errors
    #: count, as for an earlier period checked for its values alone.
    warns: bool = False


class UndeclaredCode(AssertionError):
    """A check emitted a code it does not declare: a bug in the tool, found by the tests."""


#: Over the whole rules folder, once the four shared files and the målområden are read.
RULES: tuple[Check[RuleSet], ...] = (
    Check("unika-id", rc.unique_ids, ("dubblett-id",)),
    Check("skala", rc.scale, ("skala", "band", "okänd-regel")),
    Check("nämnder", rc.namnder, ("dubblett-nämnd", "okänd-nämnd")),
    Check("avvikande-mål", rc.deviating_targets, ("avvikande-mål",)),
    Check("målreferenser", rc.goal_references, ("okänt-mål", "okänt-målområde")),
    Check("hushållningsregel", rc.geh_rule, ("uttryck",)),
    Check("hushållningstexter", rc.geh_texts, ("mall",)),
    Check("rapportlayout", lc.names, ("okänd-del", "okänd-kolumn")),
    Check("rapporttexter", lc.texts, ("mall",)),
)

#: Over each nyckeltal and financial goal; also on a målområde alone when the shared
#: files have errors.
MEASURES: tuple[Check[Ref], ...] = (
    Check("kopia-av-finansiellt-mål", rc.from_goal, ("finansiellt-mål",)),
    Check("riktning-och-mål", rc.direction_and_target, ("saknas",)),
    Check(
        "mål-över-tid",
        tc.targets_over_time,
        ("mål-över-tid", "mål-period", "dubblett-mål", "kvot-noll", "andel"),
    ),
    Check("kvot", rc.ratio, ("kvot-noll", "kvot-negativ", "band")),
    Check("andel", rc.share, ("andel",)),
    Check("intervall", rc.bands, ("band", "band-täcker-inte")),
    Check("uttryck", rc.expression, ("uttryck",)),
)

#: Plausibility warnings, only when the rules have no errors.
PLAUSIBLE_MEASURES: tuple[Check[Ref], ...] = (
    Check("procent-över-100", pl.percent_above_100, ("procent-över-100",)),
    Check("riktning-och-namn", pl.direction_matches_name, ("riktning-motsäger-namn",)),
    Check("gult-möjligt", pl.yellow_possible, ("gult-omöjligt",)),
    Check("tryckt-mål", printed.printed_target_matches, ("mål-text",)),
)
PLAUSIBLE_RULES: tuple[Check[RuleSet], ...] = (
    Check("samma-mål", pl.same_target, ("olika-mål",)),
    Check("beslut", dc.decisions, ("beslut-saknas",)),
)

#: Over a period's outcomes against the rules.
OUTCOMES: tuple[Check[Period], ...] = (
    Check("periodens-namn", oc.folder_name, ("period",)),
    Check("målområden-i-utfall", oc.areas, ("okänt-målområde", "okänd-nämnd")),
    Check(
        "nyckeltal-i-utfall",
        oc.kpis,
        (
            "okänt-nyckeltal",
            "fel-målområde",
            "fel-nämnd",
            "dubblett",
            "utfall-och-saknas",
            "utfall-saknas",
        ),
    ),
    Check("kopior-av-finansiella-mål", oc.goal_copies, ("motstridigt-utfall", "finansiellt-mål")),
    Check(
        "uppdrag-i-utfall", oc.uppdrag, ("okänt-uppdrag", "fel-nämnd", "okänd-status", "dubblett")
    ),
    Check(
        "saknade-utfall",
        oc.missing,
        ("utfall-saknas", "status-saknas", "målområde-saknas"),
        warns=True,
    ),
    Check("andelar-i-utfall", oc.share_values, ("andel-utfall",), warns=True),
    Check(
        "finansiella-utfall",
        oc.goals,
        ("fil-saknas", "okänt-mål", "dubblett", "utfall-och-saknas", "utfall-saknas"),
    ),
    Check("klarmarkerade-nämnder", oc.ready_namnder, ("okänd-nämnd",)),
    Check("balanskravets-år", ec.balanskrav_years, ("dubblett", "ekonomiuppgift")),
    Check("balanskravets-summor", ec.balanskrav_sums, ("tryckt-summa",)),
    Check("åtgärder", ec.actions, ("dubblett", "okänd-status", "tryckt-summa")),
    Check("budgetavvikelse", ec.forecasts, ("ekonomiuppgift", "tryckt-summa")),
)

#: Over the last periods' outcomes (`validate --outcomes`).
HISTORY: tuple[Check[History], ...] = (Check("målet-styr", pl.target_steers, ("mål-styr-inte",)),)

#: Every check by name: the one list to grep.
_STAGES: tuple[tuple[Check[Any], ...], ...] = (
    RULES,
    MEASURES,
    PLAUSIBLE_MEASURES,
    PLAUSIBLE_RULES,
    OUTCOMES,
    HISTORY,
)
CHECKS: dict[str, Check[Any]] = {c.name: c for stage in _STAGES for c in stage}


def run(checks: Iterable[Check[S]], subject: S, report: Report) -> None:
    """Run `checks` on `subject`; a code a check has not declared is a bug and raises."""
    for check in checks:
        start = len(report.diagnostics)
        check.run(subject, report)
        for d in report.diagnostics[start:]:
            if d.code not in check.codes:
                raise UndeclaredCode(f"check '{check.name}' emitted undeclared code '{d.code}'")
            if check.warns and d.severity is Severity.ERROR:
                raise UndeclaredCode(f"check '{check.name}' warns only, but emitted an error")


def check_measures(refs: Iterable[Ref], report: Report) -> None:
    for ref in refs:
        run(MEASURES, ref, report)


def check_rules(rules: RuleSet, report: Report) -> None:
    """Every rules check; the compiled expressions are stored when there are no errors."""
    run(RULES, rules, report)
    check_measures(rules.measures("nyckeltal", "finansiellt_mål"), report)
    if not report.errors:
        rc.compile_all(rules)


def check_plausibility(rules: RuleSet, report: Report) -> None:
    for ref in rules.measures("nyckeltal", "finansiellt_mål"):
        run(PLAUSIBLE_MEASURES, ref, report)
    run(PLAUSIBLE_RULES, rules, report)


def check_outcomes(
    outcomes: PeriodOutcomes, rules: RuleSet, report: Report, *, errors_only: bool = False
) -> None:
    """The outcome checks; `errors_only`: not those that only warn."""
    checks = [c for c in OUTCOMES if not c.warns] if errors_only else OUTCOMES
    run(checks, Period(outcomes, rules), report)


def check_history(rules: RuleSet, periods: list[PeriodOutcomes], report: Report) -> None:
    run(HISTORY, History(rules, periods), report)
