"""`maluppfyllelse import`: read filled workbooks into the period's outcome files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from engine.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    print_diagnostics,
    shown,
    writable_project_rules,
)
from engine.diagnostics import Location, Report, counted
from engine.diagnostics.acknowledge import acknowledge, read_source
from engine.diagnostics.hints import did_you_mean
from engine.inputs.files import PERIOD_DIR
from engine.output.atomic import write_atomic
from engine.tools.dataround import importing
from engine.tools.dataround.csvfile import read_csv
from engine.tools.dataround.periodfiles import load_period_files
from engine.tools.dataround.reading import read_workbook

HELP = "läs in ifyllda arbetsböcker (Excel) i periodens utfallsfiler"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FIL",
                   help="ifyllda arbetsböcker (.xlsx) eller CSV-filer med samma kolumner")  # fmt: skip
    p.add_argument("--nämnd", dest="namnd", default=None, metavar="ID",
                   help="nämnden som CSV-filerna gäller (arbetsböcker säger det själva)")  # fmt: skip
    p.add_argument("--period", default=None, metavar="ÅÅÅÅ-MM",
                   help="kräv att arbetsböckerna gäller den här perioden")  # fmt: skip
    p.add_argument("--rules", default=None, metavar="MAPP",
                   help="regelmappen (standard: rules/ här); utfallen skrivs i fixtures/ bredvid")  # fmt: skip
    p.add_argument("--ersätt", dest="replace", action="store_true",
                   help="ersätt värden som redan finns och skiljer sig")  # fmt: skip
    p.add_argument("--klar", action="store_true",
                   help="klarmarkera nämnden (eller nämnderna) i period.yaml")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    report = Report()
    found, rules = writable_project_rules(args.rules, report, "import")
    if rules is None:
        print_diagnostics(report)
        return EXIT_INVALID
    filled = []
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            report.error(Location(name), "fil-saknas", "filen finns inte")
            continue
        if path.suffix.lower() == ".csv":
            book = read_csv(path, name, args.namnd, args.period, report)
        else:
            book = read_workbook(path, name, report)
        if book is None:
            continue
        if not PERIOD_DIR.match(book.period):
            report.error(book.period_at, "fel-period", f"ogiltig period '{book.period}' (ÅÅÅÅ-MM)")
        elif args.period and book.period != args.period:
            report.error(book.period_at, "fel-period",
                         f"arbetsboken gäller {book.period}, inte {args.period}")  # fmt: skip
        if book.namnd not in rules.namnder:
            report.error(book.namnd_at, "okänd-nämnd",
                         f"okänd nämnd '{book.namnd}'{did_you_mean(book.namnd, rules.namnder)}")  # fmt: skip
        filled.append(book)
    periods = {b.period for b in filled}
    if len(periods) > 1:
        report.error(filled[0].period_at, "fel-period",
                     f"arbetsböckerna gäller olika perioder: {', '.join(sorted(periods))}")  # fmt: skip
    if report.errors or not filled:
        return _refuse(report)
    period = filled[0].period
    folder = found.fixtures / period
    files = load_period_files(folder, period, report)
    if files is None:
        return _refuse(report)
    changes = [c for book in filled for c in importing.changes_from(book, rules, files, report)]
    count = importing.apply(changes, args.replace, report)
    if args.klar:
        for book in filled:
            importing.mark_ready(files, book.namnd)
    if report.errors:
        return _refuse(report)
    texts = importing.render(files)
    importing.check_staged(folder, texts, rules, report)
    if report.errors:
        return _refuse(report)
    _acknowledge_staged(report, texts)
    if report.diagnostics or report.acknowledged:
        print_diagnostics(report)
    for path, data in texts.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
        print(shown(path))
    ready = " och klarmarkerade " + ", ".join(b.namnd for b in filled) if args.klar else ""
    changed = counted(count, "ändrat värde", "ändrade värden")
    print(f"importerade {changed} i {counted(len(texts), 'fil', 'filer')}{ready}", file=sys.stderr)
    return EXIT_OK


def _acknowledge_staged(report: Report, texts: dict[Path, bytes]) -> None:
    """A warning acknowledged on its line is counted, as validate does; the lines are those
    of the text about to be written (the check ran on it), not of the file on disk."""
    staged = {path.as_posix(): data for path, data in texts.items()}
    acknowledge(report, lambda p: staged[p].decode("utf-8") if p in staged else read_source(p))


def _refuse(report: Report) -> int:
    acknowledge(report)
    print_diagnostics(report)
    print("inget importerades; inga filer skrevs", file=sys.stderr)
    return EXIT_INVALID
