"""`maluppfyllelse status`: per nämnd, what it has delivered for the period."""

from __future__ import annotations

import argparse
import json
import sys

from engine.checks.outcomes import load_outcomes
from engine.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    existing_dir,
    print_diagnostics,
    project_rules,
)
from engine.diagnostics import Report, counted
from engine.inputs.files import newest_period
from engine.tools.dataround.status import NamndStatus, round_status

HELP = "vilka nämnder som har lämnat utfall, statusar och kommentarer"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--period", default=None, metavar="ÅÅÅÅ-MM",
                   help="standard: den senaste perioden under fixtures/")  # fmt: skip
    p.add_argument("--rules", default=None, metavar="MAPP", help="regelmappen (standard: rules/)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="standard: text")
    p.add_argument("--kräv-klar", dest="require_ready", action="store_true",
                   help="avsluta med 1 tills varje nämnd har klarmarkerat sin del")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    report = Report()
    found, rules = project_rules(args.rules, report)
    folder = found.fixtures / args.period if args.period else newest_period(found.fixtures)
    existing_dir(str(folder), "periodmappen")
    outcomes = load_outcomes(folder, rules, report) if rules is not None else None
    if rules is None or outcomes is None:
        print_diagnostics(report)
        print("rätta felen först ('maluppfyllelse validate')", file=sys.stderr)
        return EXIT_INVALID
    statuses = round_status(rules, outcomes)
    if args.format == "json":
        data = {"period": outcomes.period.model.period, "nämnder": [s.as_json() for s in statuses]}
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(to_text(outcomes.period.model.label, statuses))
    not_ready = [s.id for s in statuses if not s.ready]
    if args.require_ready and not_ready:
        print(f"inte klarmarkerade: {', '.join(not_ready)}", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def to_text(label: str, statuses: list[NamndStatus]) -> str:
    lines = [f"Insamling {label}", ""]
    for s in statuses:
        mark = "klar" if s.ready else "inte klar"
        lines.append(f"{s.id} {s.name}: {mark}")
        lines.append(
            f"  nyckeltal: {s.kpi_with_value} av {s.kpi_expected} har utfall"
            + (f", {s.kpi_with_reason} saknas med skäl" if s.kpi_with_reason else "")
        )
        if s.kpi_missing:
            lines.append(f"  saknar utfall eller skäl: {', '.join(s.kpi_missing)}")
        if s.kpi_without_comment:
            lines.append(f"  saknar kommentar: {', '.join(s.kpi_without_comment)}")
        done = s.uppdrag_expected - len(s.uppdrag_missing)
        lines.append(f"  uppdrag: {done} av {s.uppdrag_expected} har status")
        if s.uppdrag_missing:
            lines.append(f"  saknar status: {', '.join(s.uppdrag_missing)}")
    ready = sum(s.ready for s in statuses)
    lines += ["", f"{ready} av {counted(len(statuses), 'nämnd', 'nämnder')} klarmarkerade"]
    return "\n".join(lines) + "\n"
