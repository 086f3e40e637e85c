"""A bytecode cache for the jinja2 templates: the report templates and the texts in the
rules files, compiled once and kept between runs (issue 8: compiling was a fifth of
the HTML report's time, and validate compiles the texts in hushallning.yaml).

Input: a template's source (and, for report templates, its name and file). Output:
jinja's compiled code for it, from the cache when the same source was compiled before
by the same engine. The cache lives in `$XDG_CACHE_HOME/maluppfyllelse/jinja` (or
`~/.cache/…`), a folder only the user may write in; when it cannot be made or is not
safe, templates are compiled every time as before, and nothing is said. An entry is
keyed by the template, the jinja2 and Python versions, the environment's options and
the sandbox's own source (engine/wording/sandbox.py rewrites what jinja compiles), so
that a changed sandbox never runs code compiled by an older one; the source's checksum
is checked on every load. Rendering is unchanged: the sandbox checks at run time.
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
import sys
from pathlib import Path

import jinja2
from jinja2 import Environment, Template
from jinja2.bccache import Bucket, FileSystemBytecodeCache

SANDBOX_SOURCE = Path(__file__).resolve().parent / "sandbox.py"


def cache_folder() -> Path | None:
    """The user's cache folder for compiled templates, or None when there is none safe."""
    try:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = Path(base) / "maluppfyllelse" / "jinja"
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = folder.lstat()
    except (OSError, RuntimeError):  # RuntimeError: no home folder
        return None
    own = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    if not stat.S_ISDIR(info.st_mode) or not own or info.st_mode & 0o022:
        return None  # another user could put code in it
    return folder


class TemplateCache(FileSystemBytecodeCache):
    """jinja's file cache, keyed also by `fingerprint`, and silent when the folder
    cannot be read or written (a full disk, a read-only home)."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        super().__init__(str(folder), "%s.jinja")
        self.fingerprint = fingerprint

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        key = f"{self.fingerprint}|{name}|{filename or ''}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


@functools.lru_cache(maxsize=1)
def _sandbox_digest() -> str:
    try:
        return hashlib.sha256(SANDBOX_SOURCE.read_bytes()).hexdigest()
    except OSError:
        return ""


def template_cache(**options: object) -> TemplateCache | None:
    """A cache for an environment made with `options`, or None without a safe folder."""
    folder = cache_folder()
    digest = _sandbox_digest()
    if folder is None or not digest:
        return None
    settings = sorted((k, repr(v)) for k, v in options.items() if not callable(v))
    fingerprint = f"{jinja2.__version__}|{sys.version_info[:2]}|{digest}|{settings}"
    return TemplateCache(folder, fingerprint)


def compile_text(env: Environment, source: str) -> Template:
    """`env.from_string(source)`, through the environment's bytecode cache when it has
    one (jinja itself caches only templates from a loader)."""
    cache = env.bytecode_cache
    if cache is None:
        return env.from_string(source)
    name = "text:" + hashlib.sha256(source.encode("utf-8")).hexdigest()
    bucket = cache.get_bucket(env, name, None, source)
    code = bucket.code
    if code is None:
        code = env.compile(source)
        bucket.code = code
        cache.set_bucket(bucket)
    return env.template_class.from_code(env, code, env.make_globals(None))
