"""`maluppfyllelse mall`: one fill-in workbook (XLSX) per nämnd for a period."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from engine.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    print_diagnostics,
    project_rules,
    shown,
)
from engine.diagnostics import Report, UserError
from engine.inputs.files import PERIOD_DIR, period_problem
from engine.output.atomic import write_atomic
from engine.tools.dataround.layout import build_workbook
from engine.tools.dataround.periodfiles import prefill, previous_folder

HELP = "skapa arbetsböcker (Excel) att fylla i, en per nämnd"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--period", required=True, metavar="ÅÅÅÅ-MM", help="perioden, t.ex. 2026-04")
    p.add_argument("--out", default=None, metavar="MAPP", help="standard: insamling/ÅÅÅÅ-MM/")
    p.add_argument(
        "--rules", default=None, metavar="MAPP", help="regelmappen (standard: rules/ här)"
    )
    p.add_argument("--nämnd", dest="namnd", action="append", metavar="ID",
                   help="bara den här nämnden (kan upprepas)")  # fmt: skip
    p.add_argument("--skriv-över", dest="overwrite", action="store_true",
                   help="ersätt befintliga arbetsböcker (ifyllda värden i dem går förlorade)")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    if not PERIOD_DIR.match(args.period):
        raise UserError(period_problem(args.period))
    report = Report()
    found, rules = project_rules(args.rules, report)
    if rules is None:
        print_diagnostics(report)
        return EXIT_INVALID
    namnder = args.namnd or list(rules.namnder)
    unknown = [n for n in namnder if n not in rules.namnder]
    if unknown:
        raise UserError(f"okänd nämnd: {', '.join(unknown)}; kända: {', '.join(rules.namnder)}")
    out = Path(args.out) if args.out else Path("insamling") / args.period
    targets = {n: out / f"utfall-{args.period}-{n}.xlsx" for n in namnder}
    existing = [p for p in targets.values() if p.exists()]
    if existing and not args.overwrite:
        for path in existing:
            print(f"{shown(path)}: fel: arbetsboken finns redan; ange --skriv-över för att "
                  "ersätta den (ifyllda värden går förlorade)", file=sys.stderr)  # fmt: skip
        print(f"{len(existing)} fel; inga arbetsböcker skrevs", file=sys.stderr)
        return EXIT_INVALID
    values = prefill(found.fixtures / args.period, previous_folder(found.fixtures, args.period))
    books = {n: build_workbook(rules, n, args.period, values) for n in namnder}
    out.mkdir(parents=True, exist_ok=True)
    for namnd, data in books.items():
        write_atomic(targets[namnd], data)
        print(shown(targets[namnd]))
    return EXIT_OK
