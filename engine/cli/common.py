"""What the commands that read a project share: input folders, loading, diagnostics on
stderr. (Exit codes and path helpers are in `engine.cli.basics`, which costs nothing to
import.)"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TextIO

from engine.checks.outcomes import load_outcomes
from engine.checks.rules import load_rules
from engine.cli.basics import (  # re-exported: the commands import them from here too
    EXIT_INTERNAL,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    existing_dir,
    shown,
)
from engine.diagnostics import Report, UserError
from engine.diagnostics.acknowledge import acknowledge
from engine.diagnostics.formats import FORMATS
from engine.evaluation.evaluate import Evaluation, evaluate
from engine.inputs.files import newest_period
from engine.inputs.loaded import PeriodOutcomes, RuleSet
from engine.inputs.memory import collector_paused, keep_for_the_run
from engine.inputs.project import EXAMPLE_NAME, Project, locate
from engine.output.texts import conclusion

if TYPE_CHECKING:
    from engine.output.resultat_json import RowsBeside

__all__ = ["EXIT_INTERNAL", "EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "existing_dir", "shown"]


def print_diagnostics(report: Report, strict: bool = False, out: TextIO | None = None) -> None:
    (out or sys.stderr).write(FORMATS["text"](report, strict))


def project(rules: str | None) -> Project:
    """The project `--rules` points at (see engine.inputs.project for the decisions); say
    so on stderr when the embedded example stands in for a missing `rules/`."""
    if rules is not None:
        existing_dir(rules, "regelmappen")
    found = locate(rules)
    if found.embedded:
        print(
            f"maluppfyllelse: ingen mapp 'rules/' här; använder det inbyggda exemplet "
            f"({EXAMPLE_NAME}). Skapa ett eget projekt med 'maluppfyllelse init'.",
            file=sys.stderr,
        )
    return found


def project_rules(rules: str | None, report: Report) -> tuple[Project, RuleSet | None]:
    """The project `--rules` points at and its rules (None with the problems in `report`)."""
    found = project(rules)
    return found, load_rules(existing_dir(str(found.rules), "regelmappen"), report)


def writable_project_rules(
    rules: str | None, report: Report, command: str
) -> tuple[Project, RuleSet | None]:
    """`project_rules` for a command that writes outcomes: never into the embedded example
    (the package's own files, which every later run without `rules/` would then read)."""
    if rules is None and locate(None).embedded:
        raise UserError(
            f"ingen mapp 'rules/' här, och '{command}' skriver inte i det inbyggda exemplet; "
            "gå till projektets mapp, ange --rules MAPP eller skapa ett projekt med "
            "'maluppfyllelse init --exempel'"
        )
    return project_rules(rules, report)


def load_period(args: argparse.Namespace, report: Report) -> tuple[RuleSet, PeriodOutcomes] | None:
    """Rules and a period's outcomes, or None with every problem in `report`."""
    found = project(args.rules)
    rules = load_rules(existing_dir(str(found.rules), "regelmappen"), report)
    folder = Path(args.outcomes) if args.outcomes else newest_period(found.fixtures)
    existing_dir(str(folder), "utfallsmappen")
    if rules is None:
        return None
    outcomes = load_outcomes(folder, rules, report, beside=True)
    return (rules, outcomes) if outcomes is not None else None


class Evaluated(NamedTuple):
    rules: RuleSet
    evaluation: Evaluation
    #: The GEH conclusion of hushallning.yaml, filled in (engine.output.texts).
    conclusion: str
    #: The last nyckeltal's JSON rows, written in a child process (`rows_beside`).
    rows: RowsBeside | None = None


def evaluate_or_report(args: argparse.Namespace, *, json_rows: bool = False) -> Evaluated | None:
    """Load, evaluate and fill in the conclusion; print diagnostics to stderr. None when
    the input has errors (a conclusion template that fails on this data included).
    `json_rows`: the JSON will be written; a national plan's last rows are then evaluated
    and written in a child process meanwhile (`Evaluated.rows`, see `rows_beside`)."""
    report = Report()
    rows: RowsBeside | None = None
    try:
        # A one-off command: what it loads and evaluates lives until it ends, so it is kept
        # out of the collector before the collector resumes (see engine.inputs.memory).
        with collector_paused():
            loaded = load_period(args, report)
            if loaded is not None and json_rows:
                # Only `evaluate --format json` writes the rows: `validate` and `report`
                # do not import the JSON writer.
                from engine.output.resultat_json import rows_beside  # noqa: PLC0415

                rows = rows_beside(*loaded)
            evaluation = evaluate(*loaded) if loaded is not None else None
            keep_for_the_run()
        done = _concluded(report, loaded, evaluation)
    except BaseException:  # an interrupt, a bug: the child's rows are not wanted
        if rows is not None:
            rows.pending.cancel()
        raise
    if done is None and rows is not None:
        rows.pending.cancel()
    return done._replace(rows=rows) if done is not None else None


def _concluded(
    report: Report, loaded: tuple[RuleSet, PeriodOutcomes] | None, evaluation: Evaluation | None
) -> Evaluated | None:
    if loaded is None or evaluation is None:
        acknowledge(report)
        print_diagnostics(report)
        return None
    report.extend(evaluation.diagnostics)
    text = conclusion(loaded[0], evaluation, report)
    acknowledge(report)
    if report.diagnostics:
        print_diagnostics(report)
    return None if report.has_errors() else Evaluated(loaded[0], evaluation, text)


def add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--rules",
        default=None,
        metavar="MAPP",
        help="regelmappen (standard: rules/ här, annars det inbyggda exemplet)",
    )
    p.add_argument(
        "--outcomes",
        default=None,
        metavar="MAPP",
        help="periodmappen (standard: den senaste under fixtures/ bredvid regelmappen)",
    )
