"""`maluppfyllelse evaluate`: every status and the GEH conclusion, as text or JSON."""

from __future__ import annotations

import argparse
import os
import sys

from engine.cli.common import EXIT_INVALID, EXIT_OK, add_input_options, evaluate_or_report
from engine.inputs.memory import outlive
from engine.output import resultat_json
from engine.output.summary import to_text

HELP = "beräkna måluppfyllelse och god ekonomisk hushållning"


def configure(p: argparse.ArgumentParser) -> None:
    add_input_options(p)
    p.add_argument("--format", choices=["text", "json"], default="text", help="standard: text")


def run(args: argparse.Namespace) -> int:
    result = evaluate_or_report(args, json_rows=args.format == "json")
    if result is None:
        return EXIT_INVALID
    outlive(result)  # a national period's million objects: left to the process's end
    if args.format == "json":
        parts = resultat_json.json_parts(result.evaluation, result.conclusion, tail=result.rows)
        binary = getattr(sys.stdout, "buffer", None)  # not when a caller captures text
        if binary is None:
            sys.stdout.write(b"".join(parts).decode())
        else:
            sys.stdout.flush()
            binary.writelines(parts)
    else:
        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        sys.stdout.write(to_text(result.evaluation, result.conclusion, colour))
    return EXIT_OK
