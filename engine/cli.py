"""The command line: the only module that prints or exits.

Each command is a small function returning an exit code:
0 ok, 1 the rules or outcomes have errors, 2 bad usage, 3 internal error (a bug).
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from engine import __version__
from engine.diagnostics import Report, UserError
from engine.rules import RuleSet, load_rules

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def print_diagnostics(report: Report, strict: bool = False, out: TextIO | None = None) -> None:
    out = out or sys.stderr
    for d in report.sorted(strict):
        print(d.format(), file=out)
    print(report.summary(strict), file=out)


def existing_dir(path: str, what: str) -> Path:
    p = Path(path)
    if not p.is_dir():
        raise UserError(f"{what} '{path}' finns inte eller är ingen mapp")
    return p


def load_or_report(rules_dir: Path, report: Report) -> RuleSet | None:
    return load_rules(rules_dir, report)


def cmd_validate(args: argparse.Namespace) -> int:
    report = Report()
    rules = load_or_report(existing_dir(args.rules_dir, "regelmappen"), report)
    print_diagnostics(report, args.strict, sys.stdout)
    if rules is None or report.has_errors(args.strict):
        return EXIT_INVALID
    return EXIT_OK


class SwedishParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: fel: {message}", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = SwedishParser(
        prog="maluppfyllelse",
        description="Uppföljning av mål, uppdrag och nyckeltal: validera regler, "
        "beräkna måluppfyllelse och skapa Bilaga 1.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=SwedishParser)
    sub.required = True

    p = sub.add_parser("validate", help="kontrollera regelfilerna")
    p.add_argument("rules_dir", nargs="?", default="rules", metavar="REGELMAPP", help="standard: rules/")
    p.add_argument("--strict", action="store_true", help="behandla varningar som fel")
    p.set_defaults(func=cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except UserError as exc:
        print(f"maluppfyllelse: fel: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("maluppfyllelse: avbrutet", file=sys.stderr)
        return 130
    except Exception:  # noqa: BLE001 - the one place that turns a bug into exit code 3
        traceback.print_exc()
        print(
            "maluppfyllelse: internt fel (en bugg i verktyget, inte i dina filer); "
            "rapportera gärna meddelandet ovan.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
