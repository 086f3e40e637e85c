"""`maluppfyllelse validate`: check a rules folder (and a period's outcomes), in a format CI reads."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from engine.checks import registry
from engine.checks.outcomes import history, load_outcomes
from engine.checks.rules import load_rules
from engine.cli.common import EXIT_INVALID, EXIT_OK, existing_dir, project, shown
from engine.diagnostics import Location, Report
from engine.diagnostics.acknowledge import acknowledge
from engine.diagnostics.formats import FORMATS
from engine.evaluation.evaluate import evaluate
from engine.inputs.files import misnamed_periods, period_folders
from engine.inputs.project import Project
from engine.output.atomic import write_atomic
from engine.output.texts import conclusion

HELP = "kontrollera regelfilerna"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "rules_dir",
        nargs="?",
        default=None,
        metavar="REGELMAPP",
        help="standard: rules/ här, annars det inbyggda exemplet",
    )
    p.add_argument("--strict", action="store_true", help="behandla varningar som fel")
    p.add_argument(
        "--format",
        choices=[*FORMATS, "auto"],
        default="text",
        help="standard: text; auto ger github i GitHub Actions (GITHUB_ACTIONS satt), annars text",
    )
    p.add_argument(
        "--output", default=None, metavar="FIL", help="skriv till filen i stället för standard ut"
    )
    p.add_argument(
        "--outcomes",
        action="append",
        default=None,
        metavar="MAPP",
        help="periodmappen att kontrollera (kan upprepas; standard: alla perioder "
        "under fixtures/ bredvid regelmappen)",
    )
    p.add_argument(
        "--bara-regler",
        action="store_true",
        help="kontrollera bara reglerna, inte utfallen",
    )


def run(args: argparse.Namespace) -> int:
    report = Report()
    found = project(args.rules_dir)
    rules = load_rules(existing_dir(str(found.rules), "regelmappen"), report)
    if not args.bara_regler and not args.outcomes:
        check_folder_names(found, report)
    for folder in [] if args.bara_regler else outcome_folders(args.outcomes, found):
        if rules is None:  # outcomes are checked against the rules: say they were not
            report.unchecked.append(
                f"utfallen i {shown(folder)} kontrollerades inte, eftersom reglerna har fel"
            )
            continue
        outcomes = load_outcomes(folder, rules, report)
        if outcomes is not None:
            # Judging can find problems of its own (a declared status without motivering,
            # an expression or the conclusion's template failing on real data): CI should
            # see them here too.
            evaluation = evaluate(rules, outcomes)
            report.extend(evaluation.diagnostics)
            conclusion(rules, evaluation, report)
            registry.check_history(rules, history(folder, rules, current=outcomes), report)
    # Warnings acknowledged with `# maluppfyllelse: godkänd KOD` are counted, not shown.
    acknowledge(report)
    text = FORMATS[resolve_format(args.format)](report, args.strict)
    if args.output:
        write_atomic(Path(args.output), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return EXIT_INVALID if rules is None or report.has_errors(args.strict) else EXIT_OK


def outcome_folders(named: list[str] | None, found: Project) -> list[Path]:
    """The period folders to check: those named, else every one beside the rules.

    Decision: a rules folder with no `fixtures/` beside it is checked on its own (a plan
    before its first period), so that validating rules alone never needs a flag."""
    if named:
        return [existing_dir(n, "utfallsmappen") for n in named]
    return period_folders(found.fixtures)


def check_folder_names(found: Project, report: Report) -> None:
    """A folder under fixtures/ that looks like a period but that no command reads
    (`2025-8`, `augusti-2025`; not `arkiv`), and a fixtures/ without any period folder,
    are said: otherwise validate passes while report finds no period, or another one."""
    for folder in misnamed_periods(found.fixtures):
        report.warning(
            Location(shown(folder)),
            "periodmapp",
            "mappen läses inte: en periodmapp heter ÅÅÅÅ-MM, t.ex. 2025-08",
        )
    if found.fixtures.is_dir() and not period_folders(found.fixtures):
        report.warning(
            Location(shown(found.fixtures)),
            "periodmapp",
            "ingen periodmapp (ÅÅÅÅ-MM) här: inga utfall kontrolleras",
        )


def resolve_format(name: str) -> str:
    """`auto`: GitHub annotations (grouped per file) inside GitHub Actions, else text."""
    if name != "auto":
        return name
    return "github-grupperad" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
