"""`maluppfyllelse validate`: check a rules folder (and a period's outcomes), in a format CI reads."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from engine.checks import plausibility
from engine.checks.outcomes import history, load_outcomes
from engine.checks.rules import load_rules
from engine.cli.common import EXIT_INVALID, EXIT_OK, existing_dir
from engine.diagnostics import Report
from engine.diagnostics.formats import FORMATS
from engine.evaluation.evaluate import evaluate
from engine.output.publish import write_atomic

HELP = "kontrollera regelfilerna"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "rules_dir", nargs="?", default="rules", metavar="REGELMAPP", help="standard: rules/"
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
        "--outcomes", default=None, metavar="MAPP", help="kontrollera också en periods utfall"
    )


def run(args: argparse.Namespace) -> int:
    report = Report()
    rules = load_rules(existing_dir(args.rules_dir, "regelmappen"), report)
    if rules is not None and args.outcomes:
        folder = existing_dir(args.outcomes, "utfallsmappen")
        outcomes = load_outcomes(folder, rules, report)
        if outcomes is not None:
            # Judging can find problems of its own (a declared status without motivering,
            # an expression that fails on real data): CI should see them here too.
            report.extend(evaluate(rules, outcomes).diagnostics)
            plausibility.check_history(
                rules, history(folder, rules, current=outcomes), report
            )
    text = FORMATS[resolve_format(args.format)](report, args.strict)
    if args.output:
        write_atomic(Path(args.output), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return EXIT_INVALID if rules is None or report.has_errors(args.strict) else EXIT_OK


def resolve_format(name: str) -> str:
    """`auto`: GitHub annotations (grouped per file) inside GitHub Actions, else text."""
    if name != "auto":
        return name
    return "github-grupperad" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
