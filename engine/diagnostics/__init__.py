"""Diagnostics: one type and one format for every problem the user can fix.

Every stage (load, validate, evaluate) reports problems as `Diagnostic`s pointing at a
`Location`. Positions are 1-based here; ruamel.yaml's 0-based marks are converted once,
in `engine.inputs.yamlfile`. The text format is the one compilers use and editors can click:

    rules/malomraden/tandvard.yaml:14:12: fel: nyckeltal[2].mål: … [kod]

Every code is registered, with its severity and a Swedish explanation, in
`engine.diagnostics.codes`; `Report.error` and `Report.warning` refuse any other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from engine.diagnostics.codes import CODES, Severity, require

#: A diagnostic is one line of at most this many characters (a value quoted in it is
#: shortened much earlier, by `quote`).
MAX_MESSAGE = 1000
#: Line breaks, other control characters, unpaired surrogates and the non-characters
#: U+FFFE/U+FFFF: shown as escapes, so a message is one line that every format can carry.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(m: re.Match[str]) -> str:
    ch = m.group()
    return _ESCAPES.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def one_line(text: str, limit: int = MAX_MESSAGE) -> str:
    """`text` with line breaks and unprintable characters escaped, cut at `limit` characters."""
    if len(text) > limit:
        text = text[:limit] + "…"
    return _UNPRINTABLE.sub(_escape_char, text)


def quote(value: object, limit: int = 80) -> str:
    """A value as it is quoted in a message: 'text', escaped, shortened to `limit` characters."""
    text = value if isinstance(value, str) else _text(value)
    return f"'{one_line(text, limit)}'"


def _text(value: object) -> str:
    try:
        return str(value)
    except ValueError:  # an integer too long to convert to text
        return f"<{type(value).__name__}>"


__all__ = [
    "CODES", "Diagnostic", "Location", "Report", "Severity", "UserError", "one_line", "quote",
]  # fmt: skip


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """A place in a file: line and column, or for a workbook also its cell
    (`cell='Nyckeltal!F12'`, shown as `fil.xlsx:Nyckeltal!F12`; line and column then
    hold the row and column number, so sorting stays in reading order)."""

    path: str
    line: int = 1
    col: int = 1
    cell: str = ""

    def __str__(self) -> str:
        if self.cell:
            return f"{self.path}:{self.cell}"
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    severity: Severity
    code: str
    message: str
    field: str = ""

    def __post_init__(self) -> None:
        # One line each, whatever the input: the text, GitHub and JUnit formats rely on it.
        object.__setattr__(self, "message", one_line(self.message))
        object.__setattr__(self, "field", one_line(self.field, 200))

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.col, self.code, self.message)

    def format(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"{self.location}: {self.severity.value}: {where}{self.message} [{self.code}]"


def counted(n: int, one: str, many: str) -> str:
    """1 → '1 rad', 3 → '3 rader': a count with its noun in the right number (for the
    summaries and messages of every stage; the lowest layer, so that all may use it)."""
    return f"{n} {one if n == 1 else many}"


@dataclass
class Report:
    """Collects diagnostics from every stage so that all problems are listed at once."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: set[str] = field(default_factory=set)
    #: Warnings silenced by a comment in their file (engine.diagnostics.acknowledge).
    acknowledged: list[Diagnostic] = field(default_factory=list)
    #: What was not checked, and why, said after the summary's counts: not a problem of its
    #: own (no annotation on a line), but the counts would otherwise claim more.
    unchecked: list[str] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)

    def error(self, location: Location, code: str, message: str, field: str = "") -> None:
        require(code, Severity.ERROR)
        self.add(Diagnostic(location, Severity.ERROR, code, message, field))

    def warning(self, location: Location, code: str, message: str, field: str = "") -> None:
        require(code, Severity.WARNING)
        self.add(Diagnostic(location, Severity.WARNING, code, message, field))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    def has_errors(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def sorted(self, strict: bool = False) -> list[Diagnostic]:
        """Unique diagnostics in file/line/column order; with `strict`, warnings become errors."""
        seen: set[tuple[object, ...]] = set()
        out: list[Diagnostic] = []
        for d in sorted(self.diagnostics, key=Diagnostic.sort_key):
            if strict and d.severity is Severity.WARNING:
                d = Diagnostic(d.location, Severity.ERROR, d.code, d.message, d.field)
            key = (d.location, d.severity, d.code, d.message, d.field)
            if key not in seen:
                seen.add(key)
                out.append(d)
        return out

    def silenced(self) -> list[Diagnostic]:
        """Unique acknowledged warnings in file/line/column order."""
        return list(dict.fromkeys(sorted(self.acknowledged, key=Diagnostic.sort_key)))

    def summary(self, strict: bool = False) -> str:
        """`2 fel, 1 varning i 22 filer`; with acknowledged warnings
        `0 fel, 0 varningar (2 godkända) i 22 filer` (also with `strict`)."""
        items = self.sorted(strict)
        n_err = sum(1 for d in items if d.severity is Severity.ERROR)
        n_warn = len(items) - n_err
        n_ack = len(self.silenced())
        acked = f" ({counted(n_ack, 'godkänd', 'godkända')})" if n_ack else ""
        files = counted(len(self.files), "fil", "filer")
        not_checked = "".join(f"; {u}" for u in self.unchecked)
        warnings = counted(n_warn, "varning", "varningar")
        return f"{n_err} fel, {warnings}{acked} i {files}{not_checked}"


class UserError(Exception):
    """A problem the user can fix (bad usage, missing folder): exit code 2."""
