"""`maluppfyllelse schema`: JSON Schema for the rules and outcome files (for editors) and
for the JSON that evaluate and validate write."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from engine.cli.common import EXIT_OK, shown
from engine.output.publish import write_atomic
from engine.tools.schema import ALL_SCHEMAS, schema_text

HELP = "JSON Schema för regel- och utfallsfilerna (för editorer) och för JSON-utdata"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "kind",
        nargs="?",
        default="malomrade",
        choices=list(ALL_SCHEMAS),
        metavar="TYP",
        help=f"en av {', '.join(ALL_SCHEMAS)} (standard: malomrade)",
    )
    p.add_argument("--out", default=None, metavar="MAPP", help="skriv alla scheman till mappen")


def run(args: argparse.Namespace) -> int:
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        for kind in ALL_SCHEMAS:
            path = out / f"{kind}.schema.json"
            write_atomic(path, schema_text(kind).encode("utf-8"))
            print(shown(path.resolve()))
    else:
        sys.stdout.write(schema_text(args.kind))
    return EXIT_OK
