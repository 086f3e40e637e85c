"""`maluppfyllelse diff`: what changed between two versions of the rules."""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from engine.checks.rules import load_rules
from engine.cli.common import EXIT_INVALID, EXIT_OK, existing_dir, print_diagnostics
from engine.diagnostics import Report, UserError
from engine.tools.diff import FORMATS, compare

HELP = "vad som ändrats mellan två versioner av reglerna"


def configure(p: argparse.ArgumentParser) -> None:
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
    p.add_argument("--format", choices=list(FORMATS), default="text", help="standard: text")
    p.add_argument("--exit-code", action="store_true", help="avsluta med 1 om något ändrats")


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


def run(args: argparse.Namespace) -> int:
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
    sys.stdout.write(FORMATS[args.format](changes, old_label, new_label))
    return EXIT_INVALID if args.exit_code and changes else EXIT_OK
