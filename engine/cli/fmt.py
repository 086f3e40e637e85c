"""`maluppfyllelse fmt`: normalise the layout of rules files, keeping comments."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from engine.cli.basics import EXIT_INVALID, EXIT_OK
from engine.diagnostics import Report, UserError, counted
from engine.inputs.files import yaml_below
from engine.inputs.yamlfile import load_file
from engine.output.atomic import write_atomic
from engine.tools.fmt import format_file

HELP = "normalisera regelfilernas layout (behåller kommentarer)"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", default=["rules"], metavar="SÖKVÄG", help="standard: rules/")
    p.add_argument(
        "--check", action="store_true", help="ändra inget; avsluta med 1 om någon fil skulle ändras"
    )


def run(args: argparse.Namespace) -> int:
    files = yaml_below([Path(p) for p in args.paths])
    if not files:
        raise UserError(f"hittade inga YAML-filer i {', '.join(args.paths)}")
    changed, unreadable = [], []
    refused = 0
    report = Report()
    for path in files:
        before = len(report.diagnostics)
        result = format_file(path, report)
        if result is None:
            if len(report.diagnostics) == before:  # else the diagnostic says why
                unreadable.append(path)
            else:
                refused += 1
            continue
        old, new = result
        if old != new:
            changed.append(path)
            if not args.check:
                write_atomic(path, new.encode("utf-8"))
    verb = "skulle formateras om" if args.check else "formaterades om"
    for path in changed:
        print(f"{path.as_posix()}: {verb}")
    for diagnostic in report.sorted():
        print(diagnostic.format(), file=sys.stderr)
    for path in unreadable:
        # validate's reading of the file says where and why, in the same form.
        why = Report()
        load_file(path, why, path.as_posix())
        for diagnostic in why.sorted():
            print(diagnostic.format(), file=sys.stderr)
        if not why.errors:
            print(f"{path.as_posix()}: kan inte läsas som YAML", file=sys.stderr)
    print(f"{len(changed)} av {counted(len(files), 'fil', 'filer')} {verb}")
    return EXIT_INVALID if (args.check and changed) or unreadable or refused else EXIT_OK
