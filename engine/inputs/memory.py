"""Stage 1, inputs: pausing the cyclic garbage collector around bulk work.

Loading a national period and evaluating it create hundreds of thousands of objects that
all live on; every full collection the allocations trigger walks all of them again, which
took about half of `evaluate()`'s time and a third of loading on the synthetic set
(bench/results.md). Neither makes reference cycles that need collecting during the run
(reference counting frees what they drop), so the collector is paused for the duration and
restored after, also when it was already paused by a caller.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def keep_for_the_run() -> None:
    """Move every object alive now into the collector's permanent generation
    (`gc.freeze`), so the collections that later allocations trigger (the JSON, the
    report, an import) no longer walk the loaded rules, outcomes and results: on the
    synthetic national set each such collection walked millions of objects and took about
    a second. For a command that runs once (the data lives until it ends anyway); the
    command line's `main` undoes it with `release` when the command returns, so that a
    caller running many commands in one process (the tests, `serve`) leaks nothing."""
    gc.freeze()


def release() -> None:
    """Undo `keep_for_the_run`: the frozen objects are collected normally again."""
    gc.unfreeze()
