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
