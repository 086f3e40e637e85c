"""`maluppfyllelse report`: write Bilaga 1 in every requested format, atomically as a set.

The set written is the period's whole set: an older output of the period in a format this
run did not write is removed, and named on stderr (it would otherwise look current)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from jinja2.sandbox import SandboxedEnvironment

from engine.checks.outcomes import load_outcomes
from engine.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    add_input_options,
    evaluate_or_report,
    print_diagnostics,
    shown,
)
from engine.diagnostics import Report
from engine.evaluation.evaluate import Evaluation, evaluate
from engine.inputs.files import earlier_period, newest_period
from engine.inputs.loaded import RuleSet
from engine.inputs.project import locate
from engine.output.atomic import write_atomic
from engine.output.context import build_context
from engine.output.publish import (
    DEFAULT_FORMATS,
    html_to_pdf,
    parse_formats,
    publish,
    render_all,
)
from engine.output.templating import TemplateProblem, environment

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
    rules, evaluation, conclusion = result.rules, result.evaluation, result.conclusion
    if review:
        progress("skapar granskningsbilagan …")
        previous = previous_evaluation(args, rules)
        out = Path(args.out)
        review_args = (rules, evaluation, previous, conclusion, env, out, "pdf" in formats)
        for path in write_review(*review_args):
            print(shown(path))
    if not formats:
        return EXIT_OK
    try:
        rendered = render_all(build_context(rules, evaluation, conclusion), env, formats, progress)
    except TemplateProblem as exc:
        report = Report(files={exc.diagnostic.location.path})
        report.add(exc.diagnostic)
        print_diagnostics(report)
        print("inga filer skrevs", file=sys.stderr)
        return EXIT_INVALID
    return published(rendered, Path(args.out), evaluation.period, progress)


def published(
    rendered: dict[str, bytes], out: Path, period: str, progress: Callable[[str], None]
) -> int:
    """Swap the set in; name what was written and what an earlier run left that is gone."""
    done = publish(rendered, out, period, progress)
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


def previous_evaluation(args: argparse.Namespace, rules: RuleSet) -> Evaluation | None:
    """The period before the one reported, evaluated with the same rules (or None), with
    its own history: its colours are those its own report showed (a trend rule needs the
    period before it)."""
    found = locate(args.rules)
    folder = Path(args.outcomes) if args.outcomes else newest_period(found.fixtures)
    earlier = earlier_period(folder, "föregående_period")
    if earlier is None:
        return None
    outcomes = load_outcomes(earlier, rules, Report())
    return evaluate(rules, outcomes) if outcomes is not None else None


def write_review(
    rules: RuleSet,
    e: Evaluation,
    previous: Evaluation | None,
    conclusion: str,
    env: SandboxedEnvironment,
    out: Path,
    pdf: bool,
) -> list[Path]:
    """granskning-ÅÅÅÅ-MM.html (and .pdf when PDF is asked for too), each written
    atomically on its own: not part of Bilaga 1's set."""
    from engine.output.review import build_review, render_review  # noqa: PLC0415 - on demand

    out.mkdir(parents=True, exist_ok=True)
    html = render_review(env, build_review(rules, e, out, previous, conclusion))
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
