"""Performance benchmark: python bench/run.py [--data DIR] [--keep] [--period 2025-08]

Measures (see bench/README.md) and prints a Markdown report, also written to
bench/results.md:

1. throughput: `engine.evaluation.methods.judge_ratio` called directly over many inputs, and the
   whole `evaluate()` over the synthetic set (300 nämnder × 200 nyckeltal), per second;
2. `load_rules` (validate) and `load_outcomes` time on the synthetic set;
3. validate + evaluate of the real region (rules/ + fixtures/2025-08), median of 5, and the
   command line end to end (bench/cli.py): `validate rules/` against `yamllint -d relaxed`
   on the same files, `evaluate` and `report --format html`, alternating, median of 5;
4. peak memory (tracemalloc peak, ru_maxrss) for validate and evaluate of the synthetic set.

The synthetic measurements run in fresh child processes (this script with --child), so
that ru_maxrss is per phase and tracemalloc does not slow the timed runs. Only one
synthetic period is loaded and evaluated (loading one takes ~30 s); the other two are
generated and can be evaluated with `maluppfyllelse evaluate --rules DIR/rules
--outcomes DIR/fixtures/<period>`.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
# This checkout's engine, not whatever an editable install on the path points at.
sys.path.insert(0, str(REPO))

from engine.checks.outcomes import load_outcomes  # noqa: E402
from engine.checks.rules import load_rules  # noqa: E402
from engine.diagnostics import Report  # noqa: E402
from engine.evaluation.evaluate import evaluate  # noqa: E402
from engine.evaluation.methods import Inputs, judge_ratio  # noqa: E402
from engine.evaluation.ratios import DIRECTIONS  # noqa: E402
from engine.models import Band, Kvot  # noqa: E402

TARGET_RATIO_PER_S = 100_000
TARGET_REAL_S = 0.5
TARGET_BULK_S = 10  # issue 15: 10⁵ valid outcomes over 8 files validate in under 10 s …
TARGET_BULK_MB = 1024  # … with peak memory under 1 GB
TARGET_EVALUATE_PER_S = 200_000  # issue 12: evaluate() of the synthetic national set
EVALUATE_RUNS = 5
REAL_RULES = REPO / "rules"
REAL_PERIOD = REPO / "fixtures" / "2025-08"


def maxrss_mb() -> float:
    """Peak resident set size of this process in MB (ru_maxrss is KB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def top_functions(profile: cProfile.Profile, n: int = 6, n_cum: int = 8) -> list[str]:
    """The functions with the most own time, then those with the most cumulative time
    (the call chain down to the hot spot), as 'function (file:line) own/cum s (share)'."""
    stats = pstats.Stats(profile, stream=io.StringIO())
    rows = []
    for (file, line, func), (_cc, _nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if func == "<method 'disable' of '_lsprof.Profiler' objects>":
            continue
        short = "/".join(Path(file).parts[-2:]) if file != "~" else "builtin"
        rows.append((tt, ct, f"`{func}` ({short}:{line})"))
    total = max((r[1] for r in rows), default=0.0) or 1.0
    by_own = sorted(rows, reverse=True)[:n]
    by_cum = sorted(rows, key=lambda r: r[1], reverse=True)[:n_cum]
    out = [f"own: {name}: {tt:.3f} s own, {ct:.3f} s cum ({ct / total:.0%})" for tt, ct, name in by_own]
    out += [f"cum: {name}: {ct:.3f} s cum ({ct / total:.0%})" for tt, ct, name in by_cum]
    return out


def check(report: Report, what: str) -> None:
    if report.has_errors():
        for d in report.sorted()[:20]:
            print(d.format(), file=sys.stderr)
        raise SystemExit(f"{what}: {len(report.errors)} fel; benchmarken avbryts")


# --- children: one phase per fresh process ---------------------------------------------


def child_validate(data: Path) -> dict[str, Any]:
    gc.collect()
    report = Report()
    t0 = time.perf_counter()
    rules = load_rules(data / "rules", report)
    t_rules = time.perf_counter() - t0
    check(report, "load_rules (syntetisk)")
    assert rules is not None
    rss = maxrss_mb()
    del rules
    gc.collect()
    tracemalloc.start()
    rules = load_rules(data / "rules", Report())  # noqa: F841 - alive, so "retained" counts it
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"t_rules": t_rules, "rss_mb": rss, "tm_peak_mb": peak / 2**20, "tm_current_mb": current / 2**20,
            "warnings": len(report.warnings)}


def child_evaluate(data: Path, period: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    report = Report()
    rules = load_rules(data / "rules", report)
    check(report, "load_rules (syntetisk)")
    assert rules is not None
    out["rss_after_rules_mb"] = maxrss_mb()
    t0 = time.perf_counter()
    outcomes = load_outcomes(data / "fixtures" / period, rules, report)
    out["t_outcomes"] = time.perf_counter() - t0
    check(report, f"load_outcomes {period}")
    assert outcomes is not None
    out["outcome_warnings"] = len(report.warnings)
    out["rss_after_outcomes_mb"] = maxrss_mb()
    # evaluate() five times, the median counted: one run on a shared machine varies by ±30 %.
    times = []
    for _ in range(EVALUATE_RUNS):
        gc.collect()
        t0 = time.perf_counter()
        ev = evaluate(rules, outcomes)
        times.append(time.perf_counter() - t0)
    out["t_evaluate"] = statistics.median(times)
    out["t_evaluate_runs"] = times
    out["rss_after_evaluate_mb"] = maxrss_mb()
    out["kpis"] = len(ev.kpis)
    out["judged"] = sum(1 for k in ev.kpis if k.method != "saknas")
    out["by_method"] = {m: sum(1 for k in ev.kpis if k.method == m) for m in sorted({k.method for k in ev.kpis})}
    out["uppdrag_reports"] = sum(len(u.reports) for u in ev.uppdrag)
    out["eval_errors"] = sum(1 for d in ev.diagnostics if d.severity.value == "fel")
    out["eval_warnings"] = len(ev.diagnostics) - out["eval_errors"]
    del ev
    gc.collect()
    # evaluate() again, traced: the memory evaluate itself allocates (inputs already loaded).
    tracemalloc.start()
    ev = evaluate(rules, outcomes)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    out["tm_evaluate_peak_mb"] = peak / 2**20
    del ev
    gc.collect()
    # evaluate() under cProfile, for the profile hint.
    prof = cProfile.Profile()
    prof.enable()
    evaluate(rules, outcomes)
    prof.disable()
    out["profile_evaluate"] = top_functions(prof)
    # Loading one outcome file (1/8 of the period), traced; a whole period traced takes minutes.
    from engine.inputs.parse import load_model
    from engine.models import MalomradeUtfallFile

    files = sorted((data / "fixtures" / period / "malomraden").glob("*.yaml"))
    one = files[0]
    gc.collect()
    tracemalloc.start()
    src = load_model(one, one.as_posix(), MalomradeUtfallFile, Report())
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    out["tm_one_file"] = {"file": one.name, "bytes": one.stat().st_size, "files": len(files),
                          "peak_mb": peak / 2**20, "retained_mb": current / 2**20}
    del src
    return out


def child_bulk(data: Path, period: str) -> dict[str, Any]:
    """`maluppfyllelse validate rules --outcomes <period>` in this fresh process (its output
    discarded); the caller times the whole process, interpreter start and imports included."""
    import contextlib
    import io

    from engine.cli import main as cli_main

    t0 = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()) as out:
        code = cli_main(["validate", str(data / "rules"), "--outcomes", str(data / "fixtures" / period)])
    return {"t_validate": time.perf_counter() - t0, "rss_mb": maxrss_mb(), "code": code,
            "summary": out.getvalue().strip().splitlines()[-1]}


def bench_bulk(namnder: int, period: str) -> dict[str, Any]:
    """Validate 10⁵ outcomes (`namnder` × 200 nyckeltal, 8 files) from the command line:
    the rules and one period folder only, so no other period is read for comparisons."""
    import generate  # bench/generate.py

    with tempfile.TemporaryDirectory(prefix="maluppfyllelse-bulk-") as tmp:
        full, one = Path(tmp) / "full", Path(tmp) / "one"
        gen = generate.generate(full, namnder)
        shutil.copytree(full / "rules", one / "rules")
        shutil.copytree(full / "fixtures" / period, one / "fixtures" / period)
        files = sorted((one / "fixtures" / period / "malomraden").glob("*.yaml"))
        t0 = time.perf_counter()
        result = run_child("bulk", one, period)
        result["t_process"] = time.perf_counter() - t0
        result["pairs"] = gen["pairs_per_period"]
        result["files"] = len(files)
        result["mb"] = sum(f.stat().st_size for f in files) / 1e6
    return result


def run_child(kind: str, data: Path, period: str) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--data", str(data), "--period", period]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"barnprocessen '{kind}' misslyckades (kod {proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- in-process measurements -----------------------------------------------------------


def ratio_inputs(n: int, seed: int = 7) -> list[tuple[Kvot, Inputs]]:
    """A realistic mix: every riktning, values around the target, some with their own band."""
    rng = random.Random(seed)
    band = Band.model_validate({"från": 90, "till": 100})
    plain = Kvot.model_validate({"metod": "kvot"})
    own = Kvot.model_validate({"metod": "kvot", "gult_band": {"från": 85}})
    directions = list(DIRECTIONS)
    items = []
    for _ in range(n):
        target = round(rng.uniform(5, 5000), rng.choice((0, 1, 2)))
        value = round(target * rng.uniform(0.75, 1.25), 1) or 0.1
        items.append((own if rng.random() < 0.15 else plain,
                      Inputs(value=value, target=target, direction=rng.choice(directions), band=band)))
    return items


def bench_ratio(n: int, repeats: int = 3) -> tuple[float, list[str]]:
    items = ratio_inputs(n)
    rates = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for cfg, inp in items:
            judge_ratio(cfg, inp)
        rates.append(n / (time.perf_counter() - t0))
    rate = statistics.median(rates)
    profile: list[str] = []
    if rate < TARGET_RATIO_PER_S:
        prof = cProfile.Profile()
        prof.enable()
        for cfg, inp in items[:5000]:
            judge_ratio(cfg, inp)
        prof.disable()
        profile = top_functions(prof)
    return rate, profile


def real_once() -> tuple[float, float, float]:
    report = Report()
    t0 = time.perf_counter()
    rules = load_rules(REAL_RULES, report)
    t1 = time.perf_counter()
    check(report, "load_rules (rules/)")
    assert rules is not None
    outcomes = load_outcomes(REAL_PERIOD, rules, report)
    t2 = time.perf_counter()
    check(report, "load_outcomes (fixtures/2025-08)")
    assert outcomes is not None
    evaluate(rules, outcomes)
    t3 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2


def bench_real(runs: int = 5) -> dict[str, Any]:
    times = [real_once() for _ in range(runs)]
    total = [sum(t) for t in times]
    out: dict[str, Any] = {
        "total": statistics.median(total),
        "rules": statistics.median(t[0] for t in times),
        "outcomes": statistics.median(t[1] for t in times),
        "evaluate": statistics.median(t[2] for t in times),
        "profile": [],
    }
    if out["total"] >= TARGET_REAL_S:
        prof = cProfile.Profile()
        prof.enable()
        real_once()
        prof.disable()
        out["profile"] = top_functions(prof)
    # The command line, end to end (interpreter start and imports included): `evaluate`
    # validates the rules and the outcomes, then evaluates.
    # `python -m engine` from the repository: this checkout's engine, whatever the
    # `maluppfyllelse` on PATH was installed from.
    cmd = [sys.executable, "-m", "engine"]
    cmd += ["evaluate", "--rules", str(REAL_RULES), "--outcomes", str(REAL_PERIOD), "--format", "json"]
    cli = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, cwd=REPO, check=False)
        cli.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} gav kod {proc.returncode}: {proc.stderr.decode()[-500:]}")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import engine.cli"], check=True)
    out["import"] = time.perf_counter() - t0
    out["cli"] = statistics.median(cli)
    return out


# --- report ----------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "**pass**" if ok else "**FAIL**"


def render(gen: dict[str, Any], ratio: tuple[float, list[str]], real: dict[str, Any],
           val: dict[str, Any], ev: dict[str, Any], period: str, elapsed: float,
           bulk: dict[str, Any] | None = None) -> str:
    rate, ratio_prof = ratio
    pairs = ev["kpis"]
    eval_rate = pairs / ev["t_evaluate"]
    judged_rate = ev["judged"] / ev["t_evaluate"]
    one = ev["tm_one_file"]
    lines = [
        "# Benchmark results",
        "",
        f"{time.strftime('%Y-%m-%d %H:%M')}; Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} CPU; total run time {elapsed:.0f} s.",
        "",
        f"Synthetic set: {gen['namnder']} nämnder × {gen['nyckeltal']} nyckeltal = {gen['pairs_per_period']:,} "
        f"nyckeltal evaluations and {gen['uppdrag_pairs_per_period']:,} uppdrag statuses per period, 3 periods, "
        f"{gen['files']} files, {gen['bytes'] / 1e6:.1f} MB (largest file {gen['largest_bytes'] / 1e6:.2f} MB; "
        f"generated in {gen['t']:.1f} s). Period measured: {period} "
        f"({ev['judged']:,} judged, by method: "
        + ", ".join(f"{m} {n:,}" for m, n in ev["by_method"].items())
        + ").",
        "",
        "## Time",
        "",
        "| Measure | Value | Target | Result |",
        "|---|---:|---:|---|",
        f"| `judge_ratio` direct (kvot) | {rate:,.0f} /s | ≥ {TARGET_RATIO_PER_S:,} /s | {verdict(rate >= TARGET_RATIO_PER_S)} |",
        f"| `evaluate()` synthetic, all {pairs:,} pairs, every method, results and aggregation "
        f"(median of {EVALUATE_RUNS}: " + ", ".join(f"{t:.2f}" for t in ev["t_evaluate_runs"])
        + f" s) | {eval_rate:,.0f} /s ({ev['t_evaluate']:.2f} s) | ≥ {TARGET_EVALUATE_PER_S:,} /s | "
        f"{verdict(eval_rate >= TARGET_EVALUATE_PER_S)} |",
        f"| `evaluate()` synthetic, judged pairs only | {judged_rate:,.0f} /s | | |",
        f"| `load_rules` synthetic (validate) | {val['t_rules']:.2f} s | | |",
        f"| `load_outcomes` synthetic, one period | {ev['t_outcomes']:.2f} s | | |",
        f"| Real region validate + evaluate, in process (median of 5) | {real['total']:.3f} s | "
        f"< {TARGET_REAL_S} s | {verdict(real['total'] < TARGET_REAL_S)} |",
        f"| &nbsp;&nbsp;of which `load_rules` / `load_outcomes` / `evaluate` | "
        f"{real['rules']:.3f} / {real['outcomes']:.3f} / {real['evaluate']:.3f} s | | |",
        f"| Real region, CLI `maluppfyllelse evaluate` end to end (median of 5) | {real['cli']:.3f} s | "
        f"< {TARGET_REAL_S} s | {verdict(real['cli'] < TARGET_REAL_S)} |",
        f"| &nbsp;&nbsp;of which interpreter start + `import engine.cli` | {real['import']:.3f} s | | |",
        *([] if bulk is None else [
            f"| Bulk: CLI `maluppfyllelse validate rules --outcomes` of {bulk['pairs']:,} outcomes "
            f"({bulk['files']} files, {bulk['mb']:.1f} MB), whole process | {bulk['t_process']:.1f} s "
            f"(validate {bulk['t_validate']:.1f} s; {bulk['summary']}) | < {TARGET_BULK_S} s | "
            f"{verdict(bulk['t_process'] < TARGET_BULK_S and bulk['code'] == 0)} |",
            f"| Bulk: the same, peak memory (ru_maxrss) | {bulk['rss_mb']:.0f} MB | < {TARGET_BULK_MB} MB | "
            f"{verdict(bulk['rss_mb'] < TARGET_BULK_MB)} |",
        ]),
        "",
        "## Memory (synthetic set, each phase in a fresh process)",
        "",
        "| Phase | tracemalloc peak | ru_maxrss |",
        "|---|---:|---:|",
        f"| validate (`load_rules`) | {val['tm_peak_mb']:.0f} MB (retained {val['tm_current_mb']:.0f} MB) | {val['rss_mb']:.0f} MB |",
        f"| `load_outcomes` one period | one file ({one['file']}, {one['bytes'] / 1e6:.2f} MB): peak "
        f"{one['peak_mb']:.0f} MB, retained {one['retained_mb']:.0f} MB (× {one['files']} files) | "
        f"{ev['rss_after_outcomes_mb']:.0f} MB (rules alone: {ev['rss_after_rules_mb']:.0f} MB) |",
        f"| `evaluate()` (inputs already loaded) | {ev['tm_evaluate_peak_mb']:.0f} MB | "
        f"{ev['rss_after_evaluate_mb']:.0f} MB (whole process) |",
        "",
        "Diagnostics on the synthetic set: "
        f"validate {val['warnings']} warnings, outcomes {ev['outcome_warnings']} warnings, "
        f"evaluate {ev['eval_errors']} errors / {ev['eval_warnings']} warnings.",
    ]

    def section(title: str, rows: list[str]) -> None:
        if rows:
            lines.extend(["", f"## Profile: {title}", "", *[f"- {r}" for r in rows]])

    section("`judge_ratio` (target missed; 5 000 calls)", ratio_prof)
    section("real region validate + evaluate (target missed)", real["profile"])
    section(f"synthetic `evaluate()` ({pairs:,} pairs)", ev["profile_evaluate"])
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Benchmark of maluppfyllelse (see bench/README.md).")
    p.add_argument("--data", type=Path, default=None,
                   help="use/generate the synthetic set here (default: a temp folder, removed afterwards)")
    p.add_argument("--keep", action="store_true", help="keep the generated temp folder")
    p.add_argument("--period", default="2025-08", help="synthetic period to load and evaluate")
    p.add_argument("--ratio-n", type=int, default=40_000, help="inputs per judge_ratio run (3 runs)")
    p.add_argument("--namnder", type=int, default=300, help="nämnder in the synthetic set (smaller: a quick check)")
    p.add_argument("--bulk-namnder", type=int, default=500,
                   help="nämnder in the bulk validate case (500 × 200 = 10⁵ outcomes; 0 skips it)")
    p.add_argument("--runs", type=int, default=5, help="rounds of the end-to-end commands (median)")
    p.add_argument("--bara-cli", action="store_true",
                   help="only the end-to-end commands (validate vs yamllint, evaluate, report); ~1 min")
    p.add_argument("--child", choices=["validate", "evaluate", "bulk"], help=argparse.SUPPRESS)
    args = p.parse_args(argv)

    if args.child:
        children = {"validate": lambda: child_validate(args.data),
                    "evaluate": lambda: child_evaluate(args.data, args.period),
                    "bulk": lambda: child_bulk(args.data, args.period)}
        result = children[args.child]()
        print(json.dumps(result))
        return 0

    import cli  # bench/cli.py
    import generate  # bench/generate.py

    if args.bara_cli:
        sys.stdout.write("\n".join(cli.render(cli.measure(args.runs))) + "\n")
        return 0

    start = time.perf_counter()
    temp = args.data is None
    data = args.data or Path(tempfile.mkdtemp(prefix="maluppfyllelse-bench-"))
    try:
        def step(msg: str) -> None:
            print(f"[{time.perf_counter() - start:5.0f} s] {msg}", file=sys.stderr, flush=True)

        step(f"genererar syntetiska data i {data}")
        t0 = time.perf_counter()
        gen = generate.generate(data, args.namnder)
        gen["t"] = time.perf_counter() - t0
        step("judge_ratio")
        ratio = bench_ratio(args.ratio_n)
        step("verklig region (5 + 5 körningar)")
        real = bench_real()
        step("validate, syntetisk (barnprocess)")
        val = run_child("validate", data, args.period)
        step(f"load_outcomes + evaluate {args.period}, syntetisk (barnprocess, ~1–2 min)")
        ev = run_child("evaluate", data, args.period)
        bulk = None
        if args.bulk_namnder:
            step(f"validate 10⁵ utfall ({args.bulk_namnder} nämnder), kommandoraden (barnprocess)")
            bulk = bench_bulk(args.bulk_namnder, args.period)
        step(f"kommandoraden: validate mot yamllint, evaluate, report ({args.runs + 1} omgångar)")
        commands = cli.render(cli.measure(args.runs))
        text = render(gen, ratio, real, val, ev, args.period, time.perf_counter() - start, bulk)
        text = text.replace("\n## Memory", "\n" + "\n".join(commands) + "\n\n## Memory", 1)
    finally:
        if temp and not args.keep:
            shutil.rmtree(data, ignore_errors=True)
        elif temp:
            print(f"syntetiska data kvar i {data}", file=sys.stderr)
    sys.stdout.write(text)
    (HERE / "results.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
