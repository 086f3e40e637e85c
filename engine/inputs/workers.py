"""Stage 1, inputs: a piece of loading done in a forked child process, beside the parent's.

A national period's earlier folders (the previous period, the same period last year) are
as big as the period itself, and the evaluation needs only their values
(`engine.inputs.loaded.EarlierPeriod`). So the command line loads a big earlier folder in a
child process while it loads and checks the period itself, when the machine has a core to
spare (see engine.checks.outcomes and bench/results.md), and `evaluate --format json`
evaluates and writes a national plan's last nyckeltal in one while it evaluates the period
(engine.output.resultat_json.rows_beside).

`beside(task)` forks a child that runs `task` and leaves its result, pickled, in an
anonymous in-memory file (`os.memfd_create`) that both processes hold; `Pending.result()`
waits for the child to say (on a pipe) that it is written, and reads it. Not a pipe for
the result itself: the child writes its 30 MB of JSON at
once instead of waiting for the parent to drain 64 KB at a time (about 0,1 s), and the
parent maps the file rather than reading it in pieces. The task runs in the parent
instead, when `result()` is called, whenever a child is not safe or not possible:

- not Linux: a fork without exec is unsafe on macOS and does not exist on Windows;
- a Python without `os.memfd_create`, or a kernel that refuses it;
- a single usable core;
- other threads running: a fork copies only the calling thread (`serve` runs a server);
- `MALUPPFYLLELSE_PROCESSER=1` in the environment (one process, e.g. to profile);
- the child fails in any way (an exception, a signal, a result that cannot be pickled):
  the parent then runs the task itself, so a problem shows exactly as without a child.

The result is the same either way: the task reads files and what the parent held before
the fork, and the child's result is a copy. The child ends with `os._exit`, so it flushes
none of the parent's buffered output and runs none of its exit handlers. A pending child
that is not needed after all is ended with `cancel()`.
"""

from __future__ import annotations

import mmap
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any, Generic, NamedTuple, NoReturn, TypeVar

T = TypeVar("T")

#: `MALUPPFYLLELSE_PROCESSER=1`: everything in one process.
ENV = "MALUPPFYLLELSE_PROCESSER"


def spare_cores() -> int:
    """How many child processes may run beside this one (0: none may)."""
    if sys.platform != "linux" or os.environ.get(ENV, "").strip() == "1":
        return 0
    if threading.active_count() > 1:
        return 0
    return len(os.sched_getaffinity(0)) - 1


class Pending(Generic[T]):
    """A task's result, from a child process or, failing that, from running it here."""

    def __init__(
        self, task: Callable[[], T], pid: int | None = None, fd: int = -1, ready: int = -1
    ) -> None:
        self._task, self._pid, self._fd, self._ready = task, pid, fd, ready

    @property
    def forked(self) -> bool:
        """Whether a child process is (or was) running the task."""
        return self._pid is not None

    def result(self) -> T:
        """The task's result: the child's, or the task run here. Asked for once (a second
        call runs the task again, here). The child says on a pipe when its result is
        written; the parent reads it then, without waiting for the child to end (a
        child that has touched a national period's data takes 10–20 ms to be torn down),
        and the child is reaped later (`_reap`)."""
        if self._pid is None:
            return self._task()
        pid, self._pid = self._pid, None
        try:
            told = os.read(self._ready, 1)  # b"" when the child ended without a result
        finally:
            os.close(self._ready)
        try:
            if told == _WRITTEN:
                _exiting.append(pid)
                done: T = _read(self._fd)
                return done
            os.waitpid(pid, 0)
        except Exception:  # noqa: BLE001, S110 - a broken result: run the task here
            pass
        finally:
            os.close(self._fd)
            _reap()
        return self._task()

    def cancel(self) -> None:
        """End the child, if there is one still running; its result is not wanted."""
        if self._pid is None:
            return
        try:
            os.kill(self._pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self._pid, 0)
        os.close(self._fd)
        os.close(self._ready)
        self._pid = None


#: What a child writes on its pipe once its result is in the file.
_WRITTEN = b"1"


class WithBytes(NamedTuple):
    """A task's result whose bulk is bytes (a national period's 40 MB of JSON rows): the
    child writes `data` into the shared file as it is, beside the pickled `value`, and the
    parent gets it back as a view of that file, with no copy on either side."""

    value: Any
    data: bytes | memoryview


#: How a result is laid out in the file: its first byte says which, then for
#: `WithBytes` the pickle's length (8 bytes), the pickle of `value`, and the bytes.
_PICKLED, _BESIDE = b"P", b"B"


def _write(result: object, fd: int) -> None:
    with os.fdopen(fd, "wb") as out:  # pickled straight into the file: no 30 MB copy
        if isinstance(result, WithBytes):
            head = pickle.dumps(result.value, pickle.HIGHEST_PROTOCOL)
            out.write(_BESIDE + len(head).to_bytes(8, "little") + head)
            out.write(result.data)
        else:
            out.write(_PICKLED)
            pickle.dump(result, out, pickle.HIGHEST_PROTOCOL)


def _read(fd: int) -> Any:
    """The result a child wrote into the file `fd` (`_write`). The file stays mapped while
    a `WithBytes`' view of it is in use (the mapping outlives the descriptor)."""
    size = os.fstat(fd).st_size
    data = mmap.mmap(fd, size, access=mmap.ACCESS_READ)
    if data[:1] == _BESIDE:
        length = int.from_bytes(data[1:9], "little")
        view = memoryview(data)
        value = pickle.loads(view[9 : 9 + length])  # noqa: S301 - written by our own child
        return WithBytes(value, view[9 + length :])
    with data, memoryview(data) as view, view[1:] as pickled:
        return pickle.loads(pickled)  # noqa: S301 - written by our own child, just now


#: Children whose result has been read and that may still be ending: reaped by `_reap`.
_exiting: list[int] = []


def _reap() -> None:
    """Collect the children in `_exiting` that have ended, without waiting for the others
    (a later call collects them; a command's own end takes those left)."""
    for pid in list(_exiting):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:  # already collected
            done = pid
        if done:
            _exiting.remove(pid)


def beside(task: Callable[[], T]) -> Pending[T]:
    """`task` started in a child process when `spare_cores()` allows, else left to run
    here on `result()`."""
    _reap()
    if spare_cores() < 1:
        return Pending(task)
    make = getattr(os, "memfd_create", None)  # absent from some Linux builds of Python
    try:
        fd = make("maluppfyllelse", os.MFD_CLOEXEC) if make is not None else -1
    except OSError:  # e.g. a kernel without memfd
        fd = -1
    if fd < 0:  # run it here
        return Pending(task)
    try:
        ready, told = os.pipe()
    except OSError:
        os.close(fd)
        return Pending(task)
    try:
        pid = os.fork()
    except OSError:  # no memory or process slots for a child: run it here
        for end in (fd, ready, told):
            os.close(end)
        return Pending(task)
    if pid == 0:
        os.close(ready)
        _child(task, fd, told)
    os.close(told)
    return Pending(task, pid, fd, ready)


def _child(task: Callable[[], object], fd: int, told: int) -> NoReturn:
    code = 1
    try:
        _write(task(), fd)
        os.write(told, _WRITTEN)
        code = 0
    except BaseException:  # noqa: BLE001, S110 - any failure: the parent runs the task
        pass
    finally:
        os._exit(code)
