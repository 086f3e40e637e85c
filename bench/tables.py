"""Benchmark: the national synthetic set with the nyckeltal outcomes in one table per period.

    python bench/tables.py                    # 1/4, 1/2 and the whole set; CSV and Parquet
    python bench/tables.py --skalor 300 --format csv

For each scale (nämnder: 75, 150, 300, i.e. 15 000, 30 000 and 60 000 pairs) and format
the set is generated (`generate.py --tabell`), then two child processes are timed:
in process, `load_rules` + `load_outcomes` (an earlier folder in a child process) and
`evaluate()` alone (median of 3, for its throughput: pairs ÷ its time), then evaluation and
JSON as the command does them (`rows_beside`: the last nyckeltal evaluated and written in a
child process meanwhile) of period 2025-08, each timed; and the command line,
`maluppfyllelse evaluate --format json` end to end (interpreter start included), with its
peak RSS. The Markdown table is printed and written into bench/results.md under its own
heading (replacing an earlier run of this script, leaving run.py's sections alone).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
HEADING = "## Utfall i tabeller (bench/tables.py)"
PERIOD = "2025-08"
#: Rounds of the command, each with and without child processes.
ROUNDS = 5


def child(data: Path) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from engine.checks.outcomes import load_outcomes
    from engine.checks.rules import load_rules
    from engine.diagnostics import Report
    from engine.evaluation.evaluate import evaluate
    from engine.output.resultat_json import json_parts, rows_beside
    from engine.output.texts import conclusion

    # As the command does it: an earlier folder in a child process
    # when there is a core to spare (engine.inputs.workers).
    report = Report()
    t0 = time.perf_counter()
    rules = load_rules(data / "rules", report)
    t1 = time.perf_counter()
    assert rules is not None
    outcomes = load_outcomes(data / "fixtures" / PERIOD, rules, report, beside=True)
    t2 = time.perf_counter()
    assert outcomes is not None and not report.errors
    runs = []
    for _ in range(3):  # the median of three: one run varies by ±30 % here
        start = time.perf_counter()
        evaluation = evaluate(rules, outcomes)
        runs.append(time.perf_counter() - start)
        del evaluation
    t3 = t2 + statistics.median(runs)
    # What `evaluate --format json` does after loading: the last nyckeltal's rows are
    # evaluated and written in a child process (rows_beside) while this one evaluates
    # the period and writes the rest; the conclusion included.
    start = time.perf_counter()
    tail = rows_beside(rules, outcomes)
    evaluation = evaluate(rules, outcomes)
    parts = json_parts(evaluation, conclusion(rules, evaluation, report), tail=tail)
    t4 = t2 + time.perf_counter() - start
    size = sum(len(p) for p in parts)
    return {
        "rules": t1 - t0,
        "outcomes": t2 - t1,
        "evaluate": t3 - t2,
        "evaluate_json": t4 - t2,
        "pairs": len(evaluation.kpis),
        "json_mb": size / 1e6,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _command(data: Path) -> list[str]:
    """`maluppfyllelse evaluate --format json` of the set's period, as this checkout runs it."""
    return [sys.executable, "-m", "engine", "evaluate", "--format", "json", "--rules",
            str(data / "rules"), "--outcomes", str(data / "fixtures" / PERIOD)]


def cli(data: Path, one_process: bool = False) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of `maluppfyllelse evaluate --format json`, run from a
    fresh parent so that RUSAGE_CHILDREN holds this one command only. Its RSS is that of
    the largest single process: the command's own, or a child it forked for an earlier
    period or the last nyckeltal's rows (engine.inputs.workers), which run beside it.
    `one_process`: with MALUPPFYLLELSE_PROCESSER=1, no children."""
    command = _command(data)
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
        "print(time.perf_counter() - t, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *command], check=True, capture_output=True, text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "MALUPPFYLLELSE_PROCESSER": "1" if one_process else ""},
    )
    took, rss = done.stdout.split()
    return float(took), float(rss)


def tree_rss(data: Path) -> float:
    """Peak of the summed RSS (MB) of `maluppfyllelse evaluate --format json` and its child
    processes, sampled every 5 ms from /proc in a separate run (the sampling would disturb
    the timed runs). Pages the children share with the parent count twice: an upper bound
    of the memory the command takes from the machine."""
    command = _command(data)
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    peak = 0
    while proc.poll() is None:
        peak = max(peak, sum(_rss_kb(pid) for pid in _tree(proc.pid)))
        time.sleep(0.005)
    return peak / 1024


def _tree(pid: int) -> list[int]:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid, *(p for c in children for p in _tree(int(c)))]


def _rss_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)


def measure(namnder: int, fmt: str, work: Path) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    import generate

    data = work / f"{fmt}-{namnder}"
    generate.generate(data, namnder, 25, 1, fmt)
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(data)],
        check=True, capture_output=True, text=True,
    )
    row: dict[str, Any] = json.loads(done.stdout)
    # Median of five each, alternating: one run on a shared machine varies by ±20 %; the
    # fastest is shown beside it, as what the machine gives when nothing else runs.
    runs = [(cli(data), cli(data, one_process=True)) for _ in range(ROUNDS)]
    row["cli"] = statistics.median(r[0][0] for r in runs)
    row["cli_min"] = min(r[0][0] for r in runs)
    row["cli_rss_mb"] = max(r[0][1] for r in runs)
    row["cli_one"] = statistics.median(r[1][0] for r in runs)
    row["cli_one_rss_mb"] = max(r[1][1] for r in runs)
    row["tree_rss_mb"] = tree_rss(data) if Path("/proc/self/status").exists() else float("nan")
    row.update(namnder=namnder, format=fmt)
    return row


def render(rows: list[dict[str, Any]]) -> str:
    out = [
        HEADING,
        "",
        f"Period {PERIOD}; nyckeltalens utfall i `utfall.csv`/`utfall.parquet`, uppdragen i YAML. "
        "Tider i sekunder; `evaluate()` i par per sekund. Mätt med `python bench/tables.py`.",
        "",
        f"Kommandot mätt {ROUNDS} gånger växelvis med och utan barnprocesser (median, och "
        "den snabbaste inom parentes; "
        "`MALUPPFYLLELSE_PROCESSER=1` ger en process), maxRSS för den största enskilda processen; "
        "RSS för processträdet är toppen av kommandots och barnprocessernas RSS tillsammans "
        "(delade sidor räknas två gånger), mätt i en egen körning.",
        "",
        "| Format | Nämnder | Par | Regler | Utfall | `evaluate()` | `evaluate()` + JSON "
        "som kommandot | I processen totalt "
        "| Par/s i `evaluate()` | maxRSS | `maluppfyllelse evaluate --format json` | maxRSS (CLI) "
        "| RSS, processträdet | Samma i en process | maxRSS (en process) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        total = r["rules"] + r["outcomes"] + r["evaluate_json"]
        out.append(
            f"| {r['format']} | {r['namnder']} | {r['pairs']} | {r['rules']:.2f} | "
            f"{r['outcomes']:.2f} | {r['evaluate']:.2f} | {r['evaluate_json']:.2f} | {total:.2f} | "
            f"{r['pairs'] / r['evaluate']:,.0f} | {r['rss_mb']:.0f} MB | {r['cli']:.2f} "
            f"({r['cli_min']:.2f}) | "
            f"{r['cli_rss_mb']:.0f} MB | {r['tree_rss_mb']:.0f} MB | {r['cli_one']:.2f} | "
            f"{r['cli_one_rss_mb']:.0f} MB |".replace(",", " ")
        )
    load = os.getloadavg()[0]
    out += ["", f"Maskinens belastning (load average, 1 min) vid mätningen: {load:.1f} på "
            f"{os.cpu_count()} kärnor.", ""]
    return "\n".join(out)


def write_results(section: str) -> None:
    path = HERE / "results.md"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if HEADING in text:
        start = text.index(HEADING)
        rest = text[start + len(HEADING):]
        end = rest.find("\n## ")
        text = text[:start] + (rest[end + 1:] if end >= 0 else "")
    path.write_text(text.rstrip("\n") + "\n\n" + section, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--skalor", type=int, nargs="+", default=[75, 150, 300])
    p.add_argument("--format", nargs="+", choices=["csv", "parquet"], default=["csv", "parquet"])
    p.add_argument("--no-write", action="store_true", help="skriv inte bench/results.md")
    args = p.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child)))
        return 0
    sys.path.insert(0, str(HERE))
    from cli import compile_checkout  # the commands run as an installed package: with .pyc

    compile_checkout()
    with tempfile.TemporaryDirectory(prefix="maluppfyllelse-tabeller-") as work:
        rows = [measure(n, f, Path(work)) for f in args.format for n in args.skalor]
    section = render(rows)
    print(section)
    if not args.no_write:
        write_results(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
