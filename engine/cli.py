"""The command line: the only module that prints or exits.

Each command is a small function returning an exit code:
0 ok, 1 the rules or outcomes have errors, 2 bad usage, 3 internal error (a bug).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from engine import __version__, plausibility
from engine.diagnostic_formats import FORMATS
from engine.diagnostics import Report, UserError
from engine.diff import as_markdown as diff_markdown
from engine.diff import as_text as diff_text
from engine.diff import compare
from engine.evaluate import Evaluation, evaluate
from engine.fmt import format_file, yaml_files
from engine.outcomes import PeriodOutcomes, history, load_outcomes, newest_period
from engine.publish import DEFAULT_FORMATS, parse_formats, publish, render_all, write_atomic
from engine.render import build_context, environment
from engine.rules import RuleSet, load_rules
from engine.schema import SCHEMAS, schema_text
from engine.summary import to_json, to_text

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def print_diagnostics(report: Report, strict: bool = False, out: TextIO | None = None) -> None:
    (out or sys.stderr).write(FORMATS["text"](report, strict))


def existing_dir(path: str, what: str) -> Path:
    if not path.strip():
        raise UserError(f"{what} saknas (tom sökväg)")
    p = Path(path)
    if not p.is_dir():
        raise UserError(f"{what} '{path}' finns inte eller är ingen mapp")
    return p


def load_period(args: argparse.Namespace, report: Report) -> tuple[RuleSet, PeriodOutcomes] | None:
    """Rules and a period's outcomes, or None with every problem in `report`."""
    rules = load_rules(existing_dir(args.rules, "regelmappen"), report)
    folder = Path(args.outcomes) if args.outcomes else newest_period(Path("fixtures"))
    existing_dir(str(folder), "utfallsmappen")
    if rules is None:
        return None
    outcomes = load_outcomes(folder, rules, report)
    return (rules, outcomes) if outcomes is not None else None


def evaluate_or_report(args: argparse.Namespace) -> tuple[RuleSet, Evaluation] | None:
    """Load and evaluate; print diagnostics to stderr. None when the input has errors."""
    report = Report()
    loaded = load_period(args, report)
    if loaded is None:
        print_diagnostics(report)
        return None
    evaluation = evaluate(*loaded)
    report.extend(evaluation.diagnostics)
    if report.diagnostics:
        print_diagnostics(report)
    return None if report.has_errors() else (loaded[0], evaluation)


def cmd_evaluate(args: argparse.Namespace) -> int:
    result = evaluate_or_report(args)
    if result is None:
        return EXIT_INVALID
    _, evaluation = result
    if args.format == "json":
        json.dump(to_json(evaluation), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        sys.stdout.write(to_text(evaluation, colour))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    report = Report()
    rules = load_rules(existing_dir(args.rules_dir, "regelmappen"), report)
    if rules is not None and args.outcomes:
        folder = existing_dir(args.outcomes, "utfallsmappen")
        outcomes = load_outcomes(folder, rules, report)
        if outcomes is not None:
            # Judging can find problems of its own (a declared status without motivering,
            # an expression that fails on real data): CI should see them here too.
            report.extend(evaluate(rules, outcomes).diagnostics)
            plausibility.check_history(rules, history(folder, rules), report)
    text = FORMATS[args.format](report, args.strict)
    if args.output:
        write_atomic(Path(args.output), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return EXIT_INVALID if rules is None or report.has_errors(args.strict) else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    formats = parse_formats(args.format)
    templates = Path(args.templates) if args.templates else None
    env = environment(templates)
    progress = _progress(args.quiet)
    progress("läser regler och utfall …")
    result = evaluate_or_report(args)
    if result is None:
        print("inga filer skrevs", file=sys.stderr)
        return EXIT_INVALID
    rules, evaluation = result
    rendered = render_all(build_context(rules, evaluation), env, formats, progress)
    for path in publish(rendered, Path(args.out), evaluation.period):
        print(_shown(path))
    return EXIT_OK


def _progress(quiet: bool) -> Callable[[str], None]:
    def show(message: str) -> None:
        if not quiet:
            print(f"maluppfyllelse: {message}", file=sys.stderr, flush=True)

    return show


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def cmd_schema(args: argparse.Namespace) -> int:
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        for kind in SCHEMAS:
            path = out / f"{kind}.schema.json"
            write_atomic(path, schema_text(kind).encode("utf-8"))
            print(_shown(path.resolve()))
    else:
        sys.stdout.write(schema_text(args.kind))
    return EXIT_OK


def cmd_fmt(args: argparse.Namespace) -> int:
    files = yaml_files([Path(p) for p in args.paths])
    if not files:
        raise UserError(f"hittade inga YAML-filer i {', '.join(args.paths)}")
    changed, unreadable = [], []
    for path in files:
        result = format_file(path)
        if result is None:
            unreadable.append(path)
            continue
        old, new = result
        if old != new:
            changed.append(path)
            if not args.check:
                write_atomic(path, new.encode("utf-8"))
    verb = "skulle formateras om" if args.check else "formaterades om"
    for path in changed:
        print(f"{path.as_posix()}: {verb}")
    for path in unreadable:
        print(
            f"{path.as_posix()}: kan inte läsas som YAML; kör 'maluppfyllelse validate'",
            file=sys.stderr,
        )
    print(f"{len(changed)} av {len(files)} filer {verb}")
    return EXIT_INVALID if (args.check and changed) or unreadable else EXIT_OK


def _rules_at_revision(rev: str, rules_dir: Path, tmp: Path) -> Path:
    """Extract `rules_dir` as it was at git revision `rev` into `tmp`."""
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=rules_dir,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        rel = rules_dir.resolve().relative_to(Path(top).resolve()).as_posix()
        archive = subprocess.run(
            ["git", "archive", "--format=tar", rev, "--", rel],
            cwd=top,
            capture_output=True,
            check=True,
        ).stdout
    except (subprocess.CalledProcessError, FileNotFoundError, ValueError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        text = (
            detail.decode("utf-8", "replace").strip() if isinstance(detail, bytes) else str(detail)
        )
        raise UserError(
            f"kan inte läsa '{rules_dir}' vid revisionen '{rev}': {text or exc}"
        ) from exc
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(tmp, filter="data")
    return tmp / rel


def cmd_diff(args: argparse.Namespace) -> int:
    if args.since and args.old_new:
        raise UserError("ange antingen OLD NEW eller --since REV")
    with tempfile.TemporaryDirectory(prefix="maluppfyllelse-diff-") as tmp:
        if args.since:
            new_dir = existing_dir(args.rules, "regelmappen")
            old_dir = _rules_at_revision(args.since, new_dir, Path(tmp))
            old_label, new_label = f"{args.since}", "arbetskopian"
        elif len(args.old_new) == 2:
            old_dir = existing_dir(args.old_new[0], "mappen")
            new_dir = existing_dir(args.old_new[1], "mappen")
            old_label, new_label = args.old_new
        else:
            raise UserError("ange två regelmappar (OLD NEW) eller --since REV")
        report = Report()
        old = load_rules(old_dir, report)
        new = load_rules(new_dir, report)
        if old is None or new is None:
            print_diagnostics(report)
            return EXIT_INVALID
        changes = compare(old, new)
    render = diff_markdown if args.format == "markdown" else diff_text
    sys.stdout.write(render(changes, old_label, new_label))
    return EXIT_INVALID if args.exit_code and not changes.empty else EXIT_OK


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
    p.add_argument(
        "rules_dir", nargs="?", default="rules", metavar="REGELMAPP", help="standard: rules/"
    )
    p.add_argument("--strict", action="store_true", help="behandla varningar som fel")
    p.add_argument("--format", choices=list(FORMATS), default="text", help="standard: text")
    p.add_argument(
        "--output", default=None, metavar="FIL", help="skriv till filen i stället för standard ut"
    )
    p.add_argument(
        "--outcomes", default=None, metavar="MAPP", help="kontrollera också en periods utfall"
    )
    p.set_defaults(func=cmd_validate, command_parser=p)

    p = sub.add_parser("evaluate", help="beräkna måluppfyllelse och god ekonomisk hushållning")
    add_input_options(p)
    p.add_argument("--format", choices=["text", "json"], default="text", help="standard: text")
    p.set_defaults(func=cmd_evaluate, command_parser=p)

    p = sub.add_parser("report", help="skapa Bilaga 1 (HTML, PDF, Word, Markdown, Excel)")
    add_input_options(p)
    p.add_argument(
        "--out", default="reports", metavar="MAPP", help="utdatamappen (standard: reports/)"
    )
    p.add_argument(
        "--format",
        default=",".join(DEFAULT_FORMATS),
        metavar="FORMAT",
        help=f"kommaseparerade format bland html,pdf,docx,md,xlsx eller 'alla' (standard: {','.join(DEFAULT_FORMATS)})",
    )
    p.add_argument(
        "--templates",
        default=None,
        metavar="MAPP",
        help="egna mallar; saknade mallar tas från de inbyggda",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="visa inga förloppsmeddelanden")
    p.set_defaults(func=cmd_report, command_parser=p)

    p = sub.add_parser("schema", help="JSON Schema för regel- och utfallsfilerna (för editorer)")
    p.add_argument(
        "kind",
        nargs="?",
        default="malomrade",
        choices=list(SCHEMAS),
        metavar="TYP",
        help=f"en av {', '.join(SCHEMAS)} (standard: malomrade)",
    )
    p.add_argument("--out", default=None, metavar="MAPP", help="skriv alla scheman till mappen")
    p.set_defaults(func=cmd_schema, command_parser=p)

    p = sub.add_parser("fmt", help="normalisera regelfilernas layout (behåller kommentarer)")
    p.add_argument("paths", nargs="*", default=["rules"], metavar="SÖKVÄG", help="standard: rules/")
    p.add_argument(
        "--check", action="store_true", help="ändra inget; avsluta med 1 om någon fil skulle ändras"
    )
    p.set_defaults(func=cmd_fmt, command_parser=p)

    p = sub.add_parser("diff", help="vad som ändrats mellan två versioner av reglerna")
    p.add_argument("old_new", nargs="*", metavar="MAPP", help="OLD NEW: två regelmappar")
    p.add_argument(
        "--since", default=None, metavar="REV", help="jämför --rules med git-revisionen REV"
    )
    p.add_argument(
        "--rules",
        default="rules",
        metavar="MAPP",
        help="regelmappen för --since (standard: rules/)",
    )
    p.add_argument("--format", choices=["text", "markdown"], default="text", help="standard: text")
    p.add_argument("--exit-code", action="store_true", help="avsluta med 1 om något ändrats")
    p.set_defaults(func=cmd_diff, command_parser=p)
    return parser


def add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--rules", default="rules", metavar="MAPP", help="regelmappen (standard: rules/)"
    )
    p.add_argument(
        "--outcomes",
        default=None,
        metavar="MAPP",
        help="periodmappen (standard: den senaste under fixtures/)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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
