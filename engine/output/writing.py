"""Stage 5, writing: one file atomically (`write_atomic`), and one period's set of
outputs swapped in as a whole (`publish`). Paths are checked to stay inside the output
folder.

How one period's set of outputs is laid out in the output folder (`reports/`):

    reports/bilaga1-2025-08.html -> .bilaga1-2025-08/aktuell/bilaga1-2025-08.html
    reports/bilaga1-2025-08.md   -> .bilaga1-2025-08/aktuell/bilaga1-2025-08.md
    reports/.bilaga1-2025-08/aktuell -> v-k3j9x2ab        (one symlink selects the set)
    reports/.bilaga1-2025-08/v-k3j9x2ab/                  (a real folder: the whole set)
    reports/.bilaga1.lock                                 (serialises runs into this folder)

The user finds the files at the usual paths; each is a relative symlink through `aktuell`.
A run, holding the lock:

1. removes what a killed run left behind (staging folders that `aktuell` does not point
   at, `.….tmp` links and files, dangling links of ours) – only names of ours;
2. writes every format into a new folder `v-…` beside the current one and fsyncs the
   files and the folder;
3. adopts regular files at the visible paths (an older layout, or a file a user put
   there): each is hard-linked (or copied) into the current set and replaced by a link,
   so what a reader sees does not change;
4. creates the links a new format needs (they dangle, i.e. the file is absent, until the
   switch) and fsyncs the folder;
5. switches: a new `aktuell` symlink is renamed over the old one (`rename(2)` is atomic)
   and the folder fsynced. This one rename is the moment the old set becomes the new set;
6. removes the links of formats this run did not write (they dangle since the switch; the
   caller names each removed file on stderr), then the old set's folder.

A SIGKILL at any point therefore leaves either the complete old set or the complete new
set visible, and the next run cleans up. A second run into the same folder waits for the
lock (`fcntl.flock`) for up to `LOCK_TIMEOUT` seconds and then gives up with a message;
the lock is held only while files are written, not while rendering. POSIX only (symlinks
and flock). `MALUPPFYLLELSE_TEST_*` variables are hooks for the tests (see `_step`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import signal
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from engine.diagnostics import UserError
from engine.output.atomic import _new_file_mode, _umask, target_path

#: The formats a set can hold (the renderers in `engine.output.publish`).
OUTPUT_FORMATS = ("html", "md", "docx", "xlsx", "pdf")


# --------------------------------------------------------------------------- the set of outputs

LOCK_NAME = ".bilaga1.lock"
#: Seconds a run waits for another run into the same folder before it gives up.
LOCK_TIMEOUT = 120.0
CURRENT = "aktuell"
_FORMATS = "|".join(OUTPUT_FORMATS)
_VISIBLE = re.compile(rf"bilaga1-(?P<period>[^/]+)\.(?P<fmt>{_FORMATS})")
_TEMP = re.compile(rf"\.bilaga1-[^/]+\.(?:{_FORMATS})\.[A-Za-z0-9_]+\.tmp")
_SET = re.compile(r"\.bilaga1-(?P<period>[^/]+)")
_VERSION = re.compile(r"v-[A-Za-z0-9_]+")
_CURRENT_TEMP = re.compile(rf"\.{CURRENT}\.[0-9a-f]+\.tmp")


@dataclass
class Published:
    """What `publish` did: the files written and the older files of the period removed."""

    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


def _step(name: str) -> None:
    """A hook at every write, fsync, rename and removal of `publish`, for the tests.

    MALUPPFYLLELSE_TEST_TRACE=FILE appends each step's name to FILE;
    MALUPPFYLLELSE_TEST_KILL_AT=STEP sends SIGKILL to this process at STEP (before it);
    MALUPPFYLLELSE_TEST_PAUSE_AT=STEP=SECONDS sleeps there, and STEP=FILE waits there until
    FILE exists (at most a minute). Unset, nothing happens."""
    trace = os.environ.get("MALUPPFYLLELSE_TEST_TRACE")
    if trace:
        with open(trace, "a", encoding="utf-8") as fh:
            fh.write(name + "\n")
    if os.environ.get("MALUPPFYLLELSE_TEST_KILL_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
    at, _, until = os.environ.get("MALUPPFYLLELSE_TEST_PAUSE_AT", "").rpartition("=")
    if at == name:
        if until.replace(".", "", 1).isdigit():
            time.sleep(float(until))
        else:
            deadline = time.monotonic() + 60
            while not os.path.exists(until) and time.monotonic() < deadline:
                time.sleep(0.02)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as exc:  # some file systems cannot fsync a folder; the rename still holds
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def _temp_name(folder: Path, stem: str) -> Path:
    return folder / f".{stem}.{secrets.token_hex(4)}.tmp"


def _link_target(period: str, fmt: str) -> str:
    return f".bilaga1-{period}/{CURRENT}/bilaga1-{period}.{fmt}"


def _is_ours(path: Path, period: str, fmt: str) -> bool:
    return path.is_symlink() and os.readlink(path) == _link_target(period, fmt)


def _is_foreign_file(path: Path, period: str, fmt: str) -> bool:
    """A regular file at a visible path, or someone else's symlink to one."""
    try:
        st = path.lstat()
    except FileNotFoundError:
        return False
    if stat.S_ISREG(st.st_mode):
        return True
    return stat.S_ISLNK(st.st_mode) and not _is_ours(path, period, fmt) and path.is_file()


def _replace_with_link(path: Path, target: str, step: str) -> None:
    tmp = _temp_name(path.parent, path.name)
    os.symlink(target, tmp)
    try:
        _step(step)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _set_current(set_dir: Path, version: str, step: str) -> None:
    _replace_with_link(set_dir / CURRENT, version, f"rename:{step}")
    _step(f"fsync:{step}")
    _fsync_dir(set_dir)


def _current_version(set_dir: Path) -> Path | None:
    current = set_dir / CURRENT
    if not current.is_symlink():
        return None
    name = os.readlink(current)
    return set_dir / name if _VERSION.fullmatch(name) and (set_dir / name).is_dir() else None


def _new_version(set_dir: Path) -> Path:
    version = Path(tempfile.mkdtemp(prefix="v-", dir=set_dir))
    os.chmod(version, 0o777 & ~_umask())  # mkdtemp gives 0700; readers of reports/ need in
    return version


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _clean_leftovers(root: Path) -> None:
    """Remove what killed runs left in the output folder: only our names, under the lock."""
    for entry in os.scandir(root):
        path = Path(entry.path)
        if _TEMP.fullmatch(entry.name) and not entry.is_dir(follow_symlinks=False):
            path.unlink(missing_ok=True)
        elif _SET.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False):
            current = _current_version(path)
            for inner in os.scandir(path):
                inner_path = Path(inner.path)
                if inner.name == CURRENT:
                    if current is None:  # a link to nothing of ours
                        inner_path.unlink(missing_ok=True)
                elif current is not None and inner_path == current:
                    for staged in os.scandir(current):
                        if _TEMP.fullmatch(staged.name):
                            Path(staged.path).unlink(missing_ok=True)
                elif _VERSION.fullmatch(inner.name) or _CURRENT_TEMP.fullmatch(inner.name):
                    _remove(inner_path)
        elif (found := _VISIBLE.fullmatch(entry.name)) and entry.is_symlink():
            if _is_ours(path, found["period"], found["fmt"]) and not path.exists():
                path.unlink(missing_ok=True)  # dangling: its set was never switched in


@contextlib.contextmanager
def _locked(root: Path, shown_dir: str, progress: Callable[[str], None]) -> Iterator[None]:
    """Hold an exclusive flock on the folder's lock file; wait at most LOCK_TIMEOUT s."""
    import fcntl  # POSIX only; imported here so that validate/fmt/schema need not have it

    flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(root / LOCK_NAME, flags, 0o666)
    except OSError as exc:
        if exc.errno != errno.ELOOP:
            raise
        raise UserError(
            f"låsfilen '{root / LOCK_NAME}' är en symbolisk länk; ta bort den"
        ) from None
    try:
        deadline = time.monotonic() + LOCK_TIMEOUT
        waited = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise UserError(
                        f"en annan körning skriver redan Bilaga 1 till '{shown_dir}' och blev "
                        f"inte klar inom {LOCK_TIMEOUT:g} s (låset {LOCK_NAME}); inga filer "
                        "skrevs, försök igen"
                    ) from None
                if not waited:
                    progress(f"väntar på en annan körning som skriver till '{shown_dir}' …")
                    _step("wait:lock")
                    waited = True
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def publish(
    rendered: dict[str, bytes],
    out_dir: Path,
    period: str,
    progress: Callable[[str], None] = lambda message: None,
) -> Published:
    """Swap the rendered formats in as the period's whole set (see the module docstring).

    Returns the paths written and the paths of older outputs of the period that this run
    did not write and therefore removed."""
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(f"utdatamappen '{out_dir}' är en fil, inte en mapp")
    targets = {fmt: target_path(out_dir, period, fmt) for fmt in OUTPUT_FORMATS}
    for fmt in rendered:
        path = targets[fmt]
        if path.exists() and not path.is_file():
            raise UserError(f"'{path}' finns redan och är ingen vanlig fil; inga filer skrevs")
    out_dir.mkdir(parents=True, exist_ok=True)
    root = out_dir.resolve()
    with _locked(root, out_dir.as_posix(), progress):
        _clean_leftovers(root)
        return _swap(rendered, root, period, targets)


def _swap(
    rendered: dict[str, bytes], root: Path, period: str, targets: dict[str, Path]
) -> Published:
    set_dir = root / f".bilaga1-{period}"
    if set_dir.is_symlink() or (set_dir.exists() and not set_dir.is_dir()):
        raise UserError(f"'{set_dir}' ska vara verktygets egen mapp; ta bort det som står där")
    created = not set_dir.is_dir()
    if created:
        set_dir.mkdir()
        _step("fsync:folder")
        _fsync_dir(root)
    version = _new_version(set_dir)
    old: Path | None = None
    switched = False
    try:
        _write_version(rendered, version, targets)
        _step("fsync:new-set")
        _fsync_dir(version)
        _step("fsync:set-folder")
        _fsync_dir(set_dir)  # the new folder's entry is on disk before anything points at it
        old = _adopt(root, period, set_dir, targets)
        for fmt in rendered:
            path = targets[fmt]
            if not _is_ours(path, period, fmt):
                if old is not None:  # not visible now, and must not become visible
                    (old / path.name).unlink(missing_ok=True)
                _replace_with_link(path, _link_target(period, fmt), f"rename:link:{fmt}")
        _step("fsync:folder-links")
        _fsync_dir(root)
        _set_current(set_dir, version.name, "current")
        switched = True
    finally:
        if not switched:
            shutil.rmtree(version, ignore_errors=True)
            if created:
                with contextlib.suppress(OSError):
                    set_dir.rmdir()  # only if empty
    done = Published(written=[targets[fmt] for fmt in rendered])
    for fmt, path in targets.items():
        if fmt in rendered or not _is_ours(path, period, fmt):
            continue
        if old is not None and (old / path.name).is_file():
            done.removed.append(path)
        _step(f"unlink:{fmt}")
        path.unlink()
    if done.removed:
        _step("fsync:folder-removed")
        _fsync_dir(root)
    if old is not None:
        _step("rmtree:old-set")
        shutil.rmtree(old, ignore_errors=True)
    _step("done")
    return done


def _write_version(rendered: dict[str, bytes], version: Path, targets: dict[str, Path]) -> None:
    """Write every format into the new set's folder, each file flushed to disk."""
    for fmt, data in rendered.items():
        mode = _new_file_mode(targets[fmt])
        _step(f"write:{fmt}")
        fd = os.open(
            version / targets[fmt].name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
        )
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), mode)
            fh.write(data)
            fh.flush()
            _step(f"fsync:{fmt}")
            os.fsync(fh.fileno())


def _adopt(root: Path, period: str, set_dir: Path, targets: dict[str, Path]) -> Path | None:
    """Make the current set hold every file a reader sees, and return its folder.

    Regular files at the visible paths (written by an older version, or put there by a
    user) are hard-linked (else copied) into the current set, which is first created if
    there is none, and then replaced by links to it, one atomic rename each: what a
    reader sees does not change."""
    old = _current_version(set_dir)
    foreign = {fmt: p for fmt, p in targets.items() if _is_foreign_file(p, period, fmt)}
    if not foreign:
        return old
    if old is None:
        old = _new_version(set_dir)
        try:
            _step("fsync:snapshot-set")
            _fsync_dir(old)
            _set_current(set_dir, old.name, "snapshot")
        except BaseException:
            if _current_version(set_dir) != old:
                shutil.rmtree(old, ignore_errors=True)
            raise
    for fmt, path in foreign.items():
        tmp = _temp_name(old, path.name)
        try:
            os.link(path, tmp, follow_symlinks=True)
        except OSError:  # no hard links here, or another file system: copy
            shutil.copyfile(path, tmp)
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
        _step(f"rename:adopt:{fmt}")
        os.replace(tmp, old / path.name)
    _step("fsync:adopted")
    _fsync_dir(old)
    for fmt, path in foreign.items():
        _replace_with_link(path, _link_target(period, fmt), f"rename:link:{fmt}")
    return old
