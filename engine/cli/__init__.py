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
import sys
import traceback
import types
from collections.abc import Callable, Sequence
from typing import NoReturn

from engine import __version__
from engine.cli import locale
from engine.cli.basics import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from engine.diagnostics import UserError
from engine.diagnostics.hints import os_reason
from engine.inputs.memory import collector_paused, keep_for_the_run, release

#: Command name → (module, one-line help). The help is here so that `--help` can list
#: every command without importing them.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("engine.cli.validate", "kontrollera regelfilerna"),
    "evaluate": ("engine.cli.evaluate", "beräkna måluppfyllelse och god ekonomisk hushållning"),
    "report": ("engine.cli.report", "skapa Bilaga 1 (HTML, PDF, Word, Markdown, Excel)"),
    "schema": ("engine.cli.schema", "JSON Schema för regel- och utfallsfilerna (för editorer)"),
    "fmt": ("engine.cli.fmt", "normalisera regelfilernas layout (behåller kommentarer)"),
    "diff": ("engine.cli.diff", "vad som ändrats mellan två versioner av reglerna"),
    "init": ("engine.cli.init", "skapa en projektmapp med regler, utfall, pre-commit och CI"),
    "mall": ("engine.cli.mall", "skapa arbetsböcker (Excel) att fylla i, en per nämnd"),
    "import": (
        "engine.cli.import_",
        "läs in ifyllda arbetsböcker (Excel) i periodens utfallsfiler",
    ),
    "kolada": (
        "engine.cli.kolada",
        "hämta utfall för nyckeltal med Kolada-id från Kolada (Källa: Kolada)",
    ),
    "status": (
        "engine.cli.status",
        "vilka nämnder som har lämnat utfall, statusar och kommentarer",
    ),
    "serve": (
        "engine.cli.serve",
        "visa Bilaga 1 i webbläsaren och uppdatera den när en fil sparas",
    ),
}


locale.install()
_ = argparse._  # type: ignore[attr-defined]  # the catalogue's gettext, for our own messages


class SwedishParser(argparse.ArgumentParser):
    """argparse with its messages from the Swedish catalogue, and "menade du" for a
    mistyped option (Python 3.11's argparse has no suggestions of its own)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(
            EXIT_USAGE,
            _("%(prog)s: error: %(message)s\n")
            % {"prog": self.prog, "message": message + self._suggestion(message)},
        )

    def _suggestion(self, message: str) -> str:
        prefix = _("unrecognized arguments: %s").split("%s")[0]
        if not message.startswith(prefix):
            return ""
        import difflib  # noqa: PLC0415 - only a mistyped option needs it

        known = [o for action in self._actions for o in action.option_strings]
        hints = []
        for word in message[len(prefix) :].split():
            name = word.split("=", 1)[0]
            close = (
                difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                if name.startswith("-")
                else []
            )
            if close:
                hints.append(close[0])
        return f" (menade du {', '.join(hints)}?)" if hints else ""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; only `command`'s arguments are configured (all when None, none when
    it names no command)."""
    parser = SwedishParser(
        prog="maluppfyllelse",
        description="Uppföljning av mål, uppdrag och nyckeltal: validera regler, "
        "beräkna måluppfyllelse och skapa Bilaga 1.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help="visa programmets version och avsluta",
    )
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=SwedishParser)
    sub.required = True
    for name, (module_name, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        if command is None or name == command:
            module = importlib.import_module(module_name)
            module.configure(p)
            p.set_defaults(func=module.run, command_parser=p)
    return parser


#: The values of PYDANTIC_DISABLE_PLUGINS with which pydantic loads no plugin at all.
PLUGINS_OFF = ("__all__", "1", "true")
_PLUGIN_LOADER = "pydantic.plugin._loader"


def skip_plugin_discovery() -> None:
    """With plugins off, pydantic's `get_plugins` returns () without looking, but its
    module imports importlib.metadata (and email, socket, zipfile … with it) all the same:
    about 30 ms of every command, a tenth of `validate`. So, before pydantic first builds
    a validator and only when PYDANTIC_DISABLE_PLUGINS turns every plugin off, its loader
    module is a stand-in that gives the same answer without the import. Any other value
    (plugins wanted) leaves pydantic's own module in place; tests/test_startup.py checks
    that pydantic still asks the loader nothing else."""
    if (
        os.environ.get("PYDANTIC_DISABLE_PLUGINS") in PLUGINS_OFF
        and _PLUGIN_LOADER not in sys.modules
    ):
        stand_in = types.ModuleType(_PLUGIN_LOADER, "pydantic plugins are off (engine.cli)")
        stand_in.get_plugins = tuple  # type: ignore[attr-defined]  # () : no plugins
        sys.modules[_PLUGIN_LOADER] = stand_in


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # pydantic looks for plugins (instrumentation) in every installed package's metadata
    # when it builds the first validator; the engine's models are its own and use none.
    # A value the user has set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    chosen = next((a for a in argv if not a.startswith("-")), None)
    if chosen in COMMANDS:
        skip_plugin_discovery()
    # Only the chosen command is imported; with none (`--version`, `--help`, a typo) none is.
    # Importing it (pydantic, jinja2, ruamel, the models) allocates objects that all live
    # on: the collections those allocations trigger freed nothing and cost about a tenth
    # of validate's time (issue 8). So the collector waits, and what the import made is
    # then kept out of later collections (`release` below undoes that).
    with collector_paused():
        parser = build_parser(chosen if chosen in COMMANDS else "")
        keep_for_the_run()
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        # Let the command's own parser complain, so its usage (not the top level's) is shown.
        command_parser: argparse.ArgumentParser = getattr(args, "command_parser", parser)
        command_parser.error(_("unrecognized arguments: %s") % " ".join(unknown))
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
            f"maluppfyllelse: fel: kan inte läsa eller skriva{where}: {os_reason(exc)}",
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
    finally:
        release()  # what a command kept for its run (engine.inputs.memory) is freed again
