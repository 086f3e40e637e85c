"""`maluppfyllelse init`: create a project folder (rules/, fixtures/, pre-commit, CI)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from engine.cli.basics import EXIT_INVALID, EXIT_OK, shown
from engine.diagnostics import counted
from engine.output.atomic import write_atomic
from engine.tools.init import conflicts, plan

HELP = "skapa en projektmapp med regler, utfall, pre-commit och CI"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("folder", nargs="?", default=".", metavar="MAPP", help="standard: .")
    p.add_argument(
        "--exempel",
        action="store_true",
        help="kopiera Region Jämtland Härjedalens regler och utfall (augusti 2025)",
    )
    p.add_argument(
        "--nämnd",
        dest="namnd",
        action="store_true",
        help="skelett för en nämnds plan: layouten nämnd, inga finansiella mål och ingen "
        "god ekonomisk hushållning",
    )
    p.add_argument(
        "--period",
        default=None,
        metavar="ÅÅÅÅ-MM",
        help="skelettets första period (standard: det senaste tertialskiftet)",
    )


def run(args: argparse.Namespace) -> int:
    target = Path(args.folder)
    planned = plan(target, args.exempel, args.period, args.namnd)
    existing = conflicts(planned)
    if existing:
        for path in existing:
            print(
                f"{shown(path)}: fel: filen finns redan; init skriver aldrig över", file=sys.stderr
            )
        print(f"{len(existing)} fel; inga filer skrevs", file=sys.stderr)
        return EXIT_INVALID
    for item in planned:
        item.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(item.path, item.data)
    what = (
        "exemplet"
        if args.exempel
        else ("ett skelett för en nämnds plan" if args.namnd else "ett skelett")
    )
    print(
        f"skapade {counted(len(planned), 'fil', 'filer')} i {shown(target)} från {what}",
        file=sys.stderr,
    )
    where = "" if args.folder == "." else f"cd {args.folder} && "
    print(f"nästa steg: {where}maluppfyllelse validate && maluppfyllelse report", file=sys.stderr)
    return EXIT_OK
