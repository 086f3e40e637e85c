"""`maluppfyllelse report`: write Bilaga 1 in every requested format, atomically as a set.

The set written is the period's whole set: an older output of the period in a format this
run did not write is removed, and named on stderr (it would otherwise look current)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from jinja2.sandbox import SandboxedEnvironment

from engine.cli.common import EXIT_INVALID, EXIT_OK, add_input_options, evaluate_or_report, shown
from engine.evaluation.evaluate import Evaluation
from engine.inputs.loaded import RuleSet
from engine.output.atomic import write_atomic
from engine.output.context import build_context, environment
from engine.output.publish import (
    DEFAULT_FORMATS,
    html_to_pdf,
    parse_formats,
    publish,
    render_all,
)
from engine.output.review import build_review, render_review

HELP = "skapa Bilaga 1 (HTML, PDF, Word, Markdown, Excel)"
#: Not one of Bilaga 1's formats: a document of its own (engine.output.review).
REVIEW = "granskning"


def configure(p: argparse.ArgumentParser) -> None:
    add_input_options(p)
    p.add_argument(
        "--out", default="reports", metavar="MAPP", help="utdatamappen (standard: reports/)"
    )
    p.add_argument(
        "--format",
        default=",".join(DEFAULT_FORMATS),
        metavar="FORMAT",
        help=f"kommaseparerade format bland html,pdf,docx,md,xlsx eller 'alla' (standard: {','.join(DEFAULT_FORMATS)}); "
        "'granskning' skriver granskningsbilagan för revisorerna (granskning-ÅÅÅÅ-MM.html)",
    )
    p.add_argument(
        "--templates",
        default=None,
        metavar="MAPP",
        help="egna mallar; saknade mallar tas från de inbyggda",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="visa inga förloppsmeddelanden")


def run(args: argparse.Namespace) -> int:
    asked = [f.strip().lower() for f in args.format.split(",")]
    review = REVIEW in asked
    rest = ",".join(f for f in asked if f != REVIEW)
    formats = parse_formats(rest) if rest or not review else []
    templates = Path(args.templates) if args.templates else None
    env = environment(templates)
    progress = progress_printer(args.quiet)
    progress("läser regler och utfall …")
    result = evaluate_or_report(args)
    if result is None:
        print("inga filer skrevs", file=sys.stderr)
        return EXIT_INVALID
    rules, evaluation = result
    if review:
        progress("skapar granskningsbilagan …")
        for path in write_review(rules, evaluation, env, Path(args.out), "pdf" in formats):
            print(shown(path))
    if not formats:
        return EXIT_OK
    rendered = render_all(build_context(rules, evaluation), env, formats, progress)
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


def write_review(
    rules: RuleSet, e: Evaluation, env: SandboxedEnvironment, out: Path, pdf: bool
) -> list[Path]:
    """granskning-ÅÅÅÅ-MM.html (and .pdf when PDF is asked for too), each written
    atomically on its own: not part of Bilaga 1's set."""
    out.mkdir(parents=True, exist_ok=True)
    html = render_review(env, build_review(rules, e, out))
    files = {out / f"granskning-{e.period}.html": html}
    if pdf:
        files[out / f"granskning-{e.period}.pdf"] = html_to_pdf(html.decode("utf-8"))
    for path, data in files.items():
        write_atomic(path, data)
    return list(files)


def progress_printer(quiet: bool) -> Callable[[str], None]:
    def show(message: str) -> None:
        if not quiet:
            print(f"maluppfyllelse: {message}", file=sys.stderr, flush=True)

    return show
