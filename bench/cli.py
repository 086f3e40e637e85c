"""The command line end to end: `validate` against yamllint, `evaluate` and `report`.

Every command is a fresh process (interpreter start and imports included), run from the
repository with `python -m …`, so `engine` is this checkout's and both tools pay the same
interpreter start. The commands are run **alternating**, one of each per round, the order
rotated every round so that no command always runs right after another; one round is run
first and not counted (disk cache, `.pyc` files). Each figure is the median of the rounds
(5 by default), of wall time (`time.perf_counter`) and of CPU time (user + system of the
child, from `resource.getrusage(RUSAGE_CHILDREN)`, median and smallest): on a shared
machine the CPU time varies less than the wall time. The ratio validate ÷ yamllint is
given as the ratio of the medians and as the median of each round's ratio (paired, so a
busy moment slows both commands of that round).

The checkout's `engine/` is compiled to `.pyc` files once (`compileall`, into
`__pycache__`) before anything is measured, with PYTHONDONTWRITEBYTECODE removed for
that one run: an installed tool has its bytecode (yamllint's site-packages do), and an
environment that forbids writing `.pyc` files would otherwise make every run of
`engine` compile its sources again. The commands themselves run with the environment
as it is.

yamllint is a bench-only tool (not a dependency of the package):
`python -m pip install yamllint`. Without it the comparison is skipped and said so.

    python bench/cli.py [--runs 5]     # only this part; prints Markdown
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
#: validate ÷ yamllint wall time, and `report --format html` wall time (issue 8).
TARGET_RATIO = 0.6
TARGET_REPORT_S = 0.5

ENGINE = [PY, "-m", "engine"]
REAL = ["--rules", "rules", "--outcomes", "fixtures/2025-08"]


def commands(out: Path) -> dict[str, list[str]]:
    """Name → command line, all run with the repository as working directory."""
    cmds = {
        "validate": [*ENGINE, "validate", "rules/"],
        "validate --bara-regler": [*ENGINE, "validate", "rules/", "--bara-regler"],
        "evaluate": [*ENGINE, "evaluate", *REAL, "--format", "json"],
        "report --format html": [
            *ENGINE,
            "report",
            *REAL,
            "--format",
            "html",
            "--out",
            str(out),
            "-q",
        ],
    }
    if importlib.util.find_spec("yamllint") is not None:
        # The same files as validate: the rules, and the one period folder beside them.
        cmds["yamllint rules/ fixtures/"] = [
            PY,
            "-m",
            "yamllint",
            "-d",
            "relaxed",
            "rules/",
            "fixtures/",
        ]
        cmds["yamllint rules/"] = [PY, "-m", "yamllint", "-d", "relaxed", "rules/"]
    return cmds


def compile_checkout() -> None:
    """Write the `.pyc` files of `engine/`, as an installed package has them."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([PY, "-m", "compileall", "-q", "engine"], cwd=REPO, env=env, check=True)


def once(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run; a failing command stops the bench."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(
            f"{' '.join(cmd)}: slutkod {proc.returncode}\n{proc.stderr.decode()[-800:]}"
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(runs: int = 5) -> dict[str, Any]:
    """Median wall and CPU time per command, alternating, and the paired ratios."""
    compile_checkout()
    out = Path(tempfile.mkdtemp(prefix="maluppfyllelse-bench-report-"))
    try:
        cmds = commands(out)
        names = list(cmds)
        rounds: list[dict[str, tuple[float, float]]] = []
        for r in range(runs + 1):
            order = names[r % len(names) :] + names[: r % len(names)]
            result = {name: once(cmds[name]) for name in order}
            if r > 0:  # round 0 warms the caches
                rounds.append(result)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    med = {
        n: {
            "wall": statistics.median(r[n][0] for r in rounds),
            "cpu": statistics.median(r[n][1] for r in rounds),
            "cpu_min": min(r[n][1] for r in rounds),
            "walls": [r[n][0] for r in rounds],
        }
        for n in names
    }
    pairs = {"validate": "yamllint rules/ fixtures/", "validate --bara-regler": "yamllint rules/"}
    ratios = {
        a: {
            "of_medians": med[a]["wall"] / med[b]["wall"],
            "paired": statistics.median(r[a][0] / r[b][0] for r in rounds),
            "cpu": med[a]["cpu"] / med[b]["cpu"],
            "cpu_min": med[a]["cpu_min"] / med[b]["cpu_min"],
            "against": b,
        }
        for a, b in pairs.items()
        if b in med
    }
    return {
        "runs": runs,
        "median": med,
        "ratios": ratios,
        "commands": {n: cmds[n][1:] for n in names},
    }


def verdict(ok: bool) -> str:
    return "**pass**" if ok else "**FAIL**"


def render(m: dict[str, Any]) -> list[str]:
    """The Markdown section for bench/results.md."""
    med, ratios = m["median"], m["ratios"]
    lines = [
        "## Command line end to end (fresh process each run)",
        "",
        f"Alternating, order rotated each round, median of {m['runs']} rounds after one "
        "uncounted warm-up round, after `engine/` was compiled to `.pyc` files once "
        "(`python -m compileall engine`, as an installed package has them). Wall time is what the targets are about; CPU time "
        "(user + system) is shown because it is less disturbed by other processes on a "
        "shared machine.",
        "",
        "| Command | Wall (median) | CPU (median) | CPU (min) | Wall, each round |",
        "|---|---:|---:|---:|---|",
    ]
    for name, v in med.items():
        each = ", ".join(f"{w:.2f}" for w in v["walls"])
        lines.append(
            f"| `{name}` | {v['wall']:.3f} s | {v['cpu']:.3f} s | {v['cpu_min']:.3f} s | {each} |"
        )
    lines += ["", "| Target | Measured | Result |", "|---|---:|---|"]
    for name, r in ratios.items():
        lines.append(
            f"| `{name}` ≤ {TARGET_RATIO}× `{r['against']}` (wall) | "
            f"{r['of_medians']:.2f}× (paired median {r['paired']:.2f}×; CPU {r['cpu']:.2f}×, "
            f"CPU min {r['cpu_min']:.2f}×) | "
            f"{verdict(r['of_medians'] <= TARGET_RATIO)} |"
        )
    if not ratios:
        lines.append(
            "| validate vs yamllint | yamllint not installed (`pip install yamllint`) | – |"
        )
    rep = med["report --format html"]["wall"]
    lines.append(
        f"| `report --format html` < {TARGET_REPORT_S} s | {rep:.3f} s | {verdict(rep < TARGET_REPORT_S)} |"
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="End-to-end command timings (see bench/README.md).")
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args(argv)
    print("\n".join(render(measure(args.runs))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
