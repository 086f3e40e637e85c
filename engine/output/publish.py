"""Stage 5, publish: render every requested format in memory, then swap the set in atomically.

A registry of renderers you can grep (`RENDERERS`). All formats are rendered before any
file is written. Paths are checked to stay inside the output folder.

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

PDF is printed from the same HTML by headless Chromium (`chromium --print-to-pdf`);
Chromium is found on PATH (chromium, chromium-browser, google-chrome) or through the
environment variable MALUPPFYLLELSE_CHROMIUM.
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
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jinja2.sandbox import SandboxedEnvironment

from engine.diagnostics import UserError
from engine.output.context import Bilaga, render_template

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
)
PDF_TIMEOUT = 120

Renderer = Callable[[Bilaga, SandboxedEnvironment, dict[str, bytes]], bytes]


def find_chromium() -> str | None:
    configured = os.environ.get("MALUPPFYLLELSE_CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium_command(chromium: str, profile: str, *args: str) -> list[str]:
    return [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]


def html_to_pdf(html: str) -> bytes:
    chromium = find_chromium()
    if chromium is None:
        raise UserError(
            "PDF kräver Chromium; installera det (Debian/Ubuntu: apt-get install chromium) "
            "eller ange sökvägen i MALUPPFYLLELSE_CHROMIUM"
        )
    with tempfile.TemporaryDirectory(prefix="maluppfyllelse-pdf-") as tmp:
        page = Path(tmp) / "bilaga1.html"
        page.write_text(html, encoding="utf-8")
        pdf = Path(tmp) / "bilaga1.pdf"
        cmd = chromium_command(
            chromium,
            str(Path(tmp) / "profile"),
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        )
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=PDF_TIMEOUT, check=False)
        except subprocess.TimeoutExpired as exc:
            raise UserError(f"Chromium skrev ingen PDF inom {PDF_TIMEOUT} s") from exc
        if not pdf.is_file() or pdf.stat().st_size == 0:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise UserError("Chromium kunde inte skriva PDF: " + " / ".join(tail))
        return pdf.read_bytes()


def _html(b: Bilaga, env: SandboxedEnvironment, done: dict[str, bytes]) -> bytes:
    return render_template(env, "bilaga1.html.j2", b).encode("utf-8")


def _md(b: Bilaga, env: SandboxedEnvironment, done: dict[str, bytes]) -> bytes:
    return render_template(env, "bilaga1.md.j2", b).encode("utf-8")


def _pdf(b: Bilaga, env: SandboxedEnvironment, done: dict[str, bytes]) -> bytes:
    html = done.get("html") or _html(b, env, done)
    return html_to_pdf(html.decode("utf-8"))


def _docx(b: Bilaga, env: SandboxedEnvironment, done: dict[str, bytes]) -> bytes:
    from engine.output.office import (
        to_docx,  # python-docx is slow to import; only load it when asked
    )

    return to_docx(b)


def _xlsx(b: Bilaga, env: SandboxedEnvironment, done: dict[str, bytes]) -> bytes:
    from engine.output.office import to_xlsx  # openpyxl is slow to import; only load it when asked

    return to_xlsx(b)


RENDERERS: dict[str, Renderer] = {
    "html": _html,
    "md": _md,
    "docx": _docx,
    "xlsx": _xlsx,
    "pdf": _pdf,
}
DEFAULT_FORMATS = ("html", "docx", "md", "xlsx")
#: The names people use for the formats: `--format word,excel` is `docx,xlsx`.
ALIASES = {"word": "docx", "excel": "xlsx", "markdown": "md", "htm": "html"}


def parse_formats(value: str) -> list[str]:
    """'html,pdf' → ['html', 'pdf']; 'alla' or 'all' → every format."""
    if value.strip() in ("alla", "all"):
        return list(RENDERERS)
    formats = [ALIASES.get(f, f) for f in (f.strip().lower() for f in value.split(",")) if f]
    unknown = [f for f in formats if f not in RENDERERS]
    if unknown or not formats:
        raise UserError(
            f"okänt format: {', '.join(unknown) or '(tomt)'}; välj bland: {', '.join(RENDERERS)} "
            f"(eller word, excel, markdown, alla)"
        )
    return list(dict.fromkeys(formats))


def render_all(
    b: Bilaga, env: SandboxedEnvironment, formats: list[str], progress: Callable[[str], None]
) -> dict[str, bytes]:
    """Render every format in memory (HTML first, since PDF is printed from it)."""
    done: dict[str, bytes] = {}
    for fmt in sorted(formats, key=lambda f: (f != "html", formats.index(f))):
        progress(f"skapar {fmt.upper()} …")
        done[fmt] = RENDERERS[fmt](b, env, done)
    return {f: done[f] for f in formats}


def target_path(out_dir: Path, period: str, fmt: str) -> Path:
    """The visible path of one format (not resolved: it is a symlink into the set)."""
    root = out_dir.resolve()
    name = f"bilaga1-{period}.{fmt}"
    path = Path(os.path.normpath(root / name))
    if path.parent != root or path.name != name:
        raise UserError(f"vägrar skriva utanför utdatamappen: {path}")
    return path


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _new_file_mode(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 minus umask
    (mkstemp alone would leave it readable by its owner only)."""
    if path.exists():
        return path.stat().st_mode & 0o777
    return 0o666 & ~_umask()


def _temporary(path: Path, data: bytes) -> Path:
    """Write `data` to a flushed temporary file beside `path`; returns its path."""
    mode = _new_file_mode(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename over `path`.

    For the single files of validate, schema and fmt; `report`'s set uses `publish`."""
    if path.exists() and not path.is_file():
        raise UserError(f"'{path}' finns redan och är ingen vanlig fil")
    if not path.parent.is_dir():
        raise UserError(f"mappen '{path.parent}' finns inte")
    tmp = _temporary(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- the set of outputs

LOCK_NAME = ".bilaga1.lock"
#: Seconds a run waits for another run into the same folder before it gives up.
LOCK_TIMEOUT = 120.0
CURRENT = "aktuell"
_FORMATS = "|".join(RENDERERS)
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
    targets = {fmt: target_path(out_dir, period, fmt) for fmt in RENDERERS}
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
