"""The command line: the only package that prints or exits.

Each command is one module in this package with `HELP`, `configure(parser)` and
`run(args) -> int`, listed in `COMMANDS` below (a registry you can grep). Only the
module of the command being run is imported, so `validate` never loads python-docx,
openpyxl or jinja2's HTML templates. Exit codes:
0 ok, 1 the rules or outcomes have errors, 2 bad usage, 3 internal error (a bug).
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import NoReturn

from engine import __version__
from engine.cli.common import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from engine.diagnostics import UserError

#: Command name → (module, one-line help). The help is here so that `--help` can list
#: every command without importing them.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("engine.cli.validate", "kontrollera regelfilerna"),
    "evaluate": ("engine.cli.evaluate", "beräkna måluppfyllelse och god ekonomisk hushållning"),
    "report": ("engine.cli.report", "skapa Bilaga 1 (HTML, PDF, Word, Markdown, Excel)"),
    "schema": ("engine.cli.schema", "JSON Schema för regel- och utfallsfilerna (för editorer)"),
    "fmt": ("engine.cli.fmt", "normalisera regelfilernas layout (behåller kommentarer)"),
    "diff": ("engine.cli.diff", "vad som ändrats mellan två versioner av reglerna"),
}


#: argparse writes its usage errors in English; the common ones are translated.
_USAGE_ERRORS: tuple[tuple[str, str], ...] = (
    (r"unrecognized arguments: (.*)", r"okända argument: \1"),
    (r"the following arguments are required: (.*)", r"följande argument krävs: \1"),
    (
        r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
        r"argument \1: ogiltigt val \2 (välj bland \3)",
    ),
    (r"argument (\S+): expected one argument", r"argument \1: ett värde krävs"),
)


class SwedishParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        for pattern, replacement in _USAGE_ERRORS:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, replacement, message)
                break
        self.print_usage(sys.stderr)
        print(f"{self.prog}: fel: {message}", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; only `command`'s arguments are configured (all when None)."""
    parser = SwedishParser(
        prog="maluppfyllelse",
        description="Uppföljning av mål, uppdrag och nyckeltal: validera regler, "
        "beräkna måluppfyllelse och skapa Bilaga 1.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=SwedishParser)
    sub.required = True
    for name, (module_name, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        if command is None or name == command:
            module = importlib.import_module(module_name)
            module.configure(p)
            p.set_defaults(func=module.run, command_parser=p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    chosen = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(chosen if chosen in COMMANDS else None)
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        # Let the command's own parser complain, so its usage (not the top level's) is shown.
        command_parser: argparse.ArgumentParser = getattr(args, "command_parser", parser)
        command_parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except UserError as exc:
        print(f"maluppfyllelse: fel: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early; the work is done, the rest is unread.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        where = f" '{exc.filename}'" if exc.filename else ""
        print(
            f"maluppfyllelse: fel: kan inte läsa eller skriva{where}: {exc.strerror or exc}",
            file=sys.stderr,
        )
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
