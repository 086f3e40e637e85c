"""`maluppfyllelse report`: write Bilaga 1 in every requested format, atomically as a set.

The set written is the period's whole set: an older output of the period in a format this
run did not write is removed, and named on stderr (it would otherwise look current)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from engine.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    add_input_options,
    evaluate_or_report,
    print_diagnostics,
    shown,
)
from engine.diagnostics import Report
from engine.output.context import build_context, environment
from engine.output.publish import DEFAULT_FORMATS, parse_formats, publish, render_all
from engine.output.templating import TemplateProblem

HELP = "skapa Bilaga 1 (HTML, PDF, Word, Markdown, Excel)"


def configure(p: argparse.ArgumentParser) -> None:
    add_input_options(p)
    p.add_argument(
        "--out", default="reports", metavar="MAPP", help="utdatamappen (standard: reports/)"
    )
    p.add_argument(
        "--format",
        default=",".join(DEFAULT_FORMATS),
        metavar="FORMAT",
        help=f"kommaseparerade format bland html,pdf,docx,md,xlsx eller 'alla' (standard: {','.join(DEFAULT_FORMATS)})",
    )
    p.add_argument(
        "--templates",
        default=None,
        metavar="MAPP",
        help="egna mallar; saknade mallar tas från de inbyggda",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="visa inga förloppsmeddelanden")


def run(args: argparse.Namespace) -> int:
    formats = parse_formats(args.format)
    templates = Path(args.templates) if args.templates else None
    env = environment(templates)
    progress = progress_printer(args.quiet)
    progress("läser regler och utfall …")
    result = evaluate_or_report(args)
    if result is None:
        print("inga filer skrevs", file=sys.stderr)
        return EXIT_INVALID
    rules, evaluation, conclusion = result
    try:
        rendered = render_all(build_context(rules, evaluation, conclusion), env, formats, progress)
    except TemplateProblem as exc:
        report = Report(files={exc.diagnostic.location.path})
        report.add(exc.diagnostic)
        print_diagnostics(report)
        print("inga filer skrevs", file=sys.stderr)
        return EXIT_INVALID
    done = publish(rendered, Path(args.out), evaluation.period, progress)
    for path in done.written:
        print(shown(path))
    for path in done.removed:
        fmt = path.suffix.lstrip(".").upper()
        print(
            f"maluppfyllelse: tog bort {shown(path)} från en tidigare körning, eftersom den här "
            f"körningen inte skapade {fmt} (ta med {fmt.lower()} i --format för att behålla den)",
            file=sys.stderr,
        )
    return EXIT_OK


def progress_printer(quiet: bool) -> Callable[[str], None]:
    def show(message: str) -> None:
        if not quiet:
            print(f"maluppfyllelse: {message}", file=sys.stderr, flush=True)

    return show
