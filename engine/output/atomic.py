"""Stage 5, writing one file atomically: a temporary file beside the target, flushed to
disk, then renamed over it; and the visible path of one output, kept inside its folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from engine.diagnostics import UserError


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
