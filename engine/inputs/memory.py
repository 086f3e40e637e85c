"""Stage 1, inputs: pausing the cyclic garbage collector around bulk work.

Loading a national period and evaluating it create hundreds of thousands of objects that
all live on; every full collection the allocations trigger walks all of them again, which
took about half of `evaluate()`'s time and a third of loading on the synthetic set
(bench/results.md). Neither makes reference cycles that need collecting during the run
(reference counting frees what they drop), so the collector is paused for the duration and
restored after, also when it was already paused by a caller.

On the way out the objects made meanwhile are put straight into the oldest generation
(`gc.freeze()` then `gc.unfreeze()`, two list moves), where a collection would have
promoted the survivors after two young collections anyway. Otherwise the first allocation
after re-enabling walks all of them as one young generation: 375 000 objects and about
0,15 s after a national evaluation, a third of its time. Cyclic garbage is still found,
by the next full collection. Not done when a caller has frozen objects itself
(`keep_for_the_run`), as `unfreeze` would release those too; a one-off command instead
keeps its loaded and evaluated data for the run inside its own pause
(`engine.cli.common.evaluate_or_report`), so the collector resumes with nothing new.

`gc.get_freeze_count()` counts the frozen objects one by one (about 25 ms after a national
period is kept), so the pause asks it only when `keep_for_the_run` is not in force: then
the count is known not to be zero.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: Whether `keep_for_the_run` has frozen objects that `release` has not yet let go.
_kept = False


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if not _kept and gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def keep_for_the_run() -> None:
    """Move every object alive now into the collector's permanent generation
    (`gc.freeze`), so the collections that later allocations trigger (the JSON, the
    report, an import) no longer walk the loaded rules, outcomes and results: on the
    synthetic national set each such collection walked millions of objects and took about
    a second. For a command that runs once (the data lives until it ends anyway); the
    command line's `main` undoes it with `release` when the command returns, so that a
    caller running many commands in one process (the tests, `serve`) leaks nothing."""
    global _kept  # noqa: PLW0603 - the collector's state is global too
    gc.freeze()
    _kept = True


def release() -> None:
    """Undo `keep_for_the_run`: the frozen objects are collected normally again."""
    global _kept  # noqa: PLW0603
    gc.unfreeze()
    _kept = False


#: What `outlive` keeps; None unless the process ends with `os._exit` (`end_by_exit`).
_outliving: list[object] | None = None


def end_by_exit() -> None:
    """Say that this process ends with `os._exit` (the console script does, see
    engine.cli.entry), so that `outlive` may keep data to the end: the operating system
    takes it back at once, while freeing it object by object cost time."""
    global _outliving  # noqa: PLW0603
    if _outliving is None:
        _outliving = []


def outlive(data: object) -> None:
    """Keep `data` until the process ends, when it ends with `os._exit`: freeing a national
    evaluation's million objects when the command returns took about 0,08 s, for nothing.
    Otherwise (the tests, `serve`, a script calling `main`) nothing is kept."""
    if _outliving is not None:
        _outliving.append(data)
