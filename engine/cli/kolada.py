"""`maluppfyllelse kolada`: fetch the nyckeltal that name a Kolada id into the period's
outcome files, and keep the raw responses beside them."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from engine.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    print_diagnostics,
    shown,
    writable_project_rules,
)
from engine.diagnostics import Report, UserError, counted
from engine.inputs.files import PERIOD_DIR, newest_period, period_problem
from engine.output.atomic import write_atomic
from engine.tools.dataround import importing
from engine.tools.dataround.periodfiles import load_period_files
from engine.tools.kolada import client, snapshot, values

HELP = "hämta utfall för nyckeltal med Kolada-id från Kolada (Källa: Kolada)"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--period", default=None, metavar="ÅÅÅÅ-MM",
                   help="perioden att skriva utfallen i (standard: den senaste under fixtures/)")  # fmt: skip
    p.add_argument("--år", dest="year", type=int, default=None, metavar="ÅÅÅÅ",
                   help="året att hämta (standard: periodens år och året före, det senaste med värde)")  # fmt: skip
    p.add_argument("--url", default=None, metavar="URL",
                   help=f"API:ets adress (standard: KOLADA_URL eller {client.DEFAULT_URL})")  # fmt: skip
    p.add_argument("--offline", action="store_true",
                   help="hämta inget; använd de senast sparade svaren i periodmappen")  # fmt: skip
    p.add_argument("--rules", default=None, metavar="MAPP",
                   help="regelmappen (standard: rules/ här); utfallen skrivs i fixtures/ bredvid")  # fmt: skip
    p.add_argument("--ersätt", dest="replace", action="store_true",
                   help="ersätt värden och källor som redan finns och skiljer sig")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    report = Report()
    found, rules = writable_project_rules(args.rules, report, "kolada")
    if rules is None:
        return _refuse(report)
    if args.period is not None and not PERIOD_DIR.match(args.period):
        raise UserError(period_problem(args.period))
    folder = found.fixtures / args.period if args.period else newest_period(found.fixtures)
    wanted = values.wanted(rules, report)
    if report.errors:
        return _refuse(report)
    if not wanted:
        print("inga nyckeltal har Kolada-id (kolada: N…); inget hämtades", file=sys.stderr)
        return EXIT_OK
    years = values.years_for(folder.name, args.year)
    base = (args.url or os.environ.get("KOLADA_URL") or client.DEFAULT_URL).rstrip("/")
    try:
        if args.offline:
            manifest, pages = snapshot.load_pages(folder)
            print(f"använder sparade svar i {shown(manifest)}", file=sys.stderr)
        else:
            urls = [
                url
                for org, kpis in sorted(values.requests(wanted).items())
                for url in client.data_urls(base, kpis, org, years)
            ]
            pages = client.fetch_all(base, urls)
    except client.KoladaError as exc:
        raise UserError(f"{exc}; inga filer skrevs") from None
    files = load_period_files(folder, folder.name, report)
    if files is None:
        return _refuse(report)
    changes, sources = values.changes(wanted, years, pages, files)
    count = importing.apply(changes, args.replace, report)
    values.set_sources(sources, args.replace, report)
    if report.errors:
        return _refuse(report)
    texts = importing.render(files)
    importing.check_staged(folder, texts, rules, report)
    if report.errors:
        return _refuse(report)
    if not args.offline:
        texts |= snapshot.snapshot_texts(folder, base, pages, pages[0].retrieved)
    _write(texts, report)
    missing = sum(1 for c in changes if c.key == "saknas")
    print(
        f"Kolada: {counted(len(changes) - missing, 'värde', 'värden')} och {missing} som "
        f"saknas för {len(wanted)} nyckeltal; {counted(count, 'ändrat', 'ändrade')}, "
        f"{len(pages)} svar "
        f"{'lästa' if args.offline else 'sparade'} i {shown(folder / snapshot.SNAPSHOT_DIR)}",
        file=sys.stderr,
    )
    return EXIT_OK


def _write(texts: dict[Path, bytes], report: Report) -> None:
    if report.diagnostics:
        print_diagnostics(report)
    for path, data in texts.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.parent.name == snapshot.SNAPSHOT_DIR and path.exists():
            continue  # a raw response is named by its hash: the same bytes are there
        write_atomic(path, data)
        print(shown(path))


def _refuse(report: Report) -> int:
    print_diagnostics(report)
    print("inga utfall skrevs från Kolada; inga filer ändrades", file=sys.stderr)
    return EXIT_INVALID
