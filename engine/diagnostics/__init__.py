"""Diagnostics: one type and one format for every problem the user can fix.

Every stage (load, validate, evaluate) reports problems as `Diagnostic`s pointing at a
`Location`. Positions are 1-based here; ruamel.yaml's 0-based marks are converted once,
in `engine.inputs.yamlfile`. The text format is the one compilers use and editors can click:

    rules/malomraden/tandvard.yaml:14:12: fel: nyckeltal[2].mål: … [kod]

Every code is registered, with its severity and a Swedish explanation, in
`engine.diagnostics.codes`; `Report.error` and `Report.warning` refuse any other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from engine.diagnostics.codes import CODES, Severity, require

__all__ = ["CODES", "Diagnostic", "Location", "Report", "Severity", "UserError"]


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

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.col, self.code, self.message)

    def format(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"{self.location}: {self.severity.value}: {where}{self.message} [{self.code}]"


@dataclass
class Report:
    """Collects diagnostics from every stage so that all problems are listed at once."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: set[str] = field(default_factory=set)
    #: Warnings silenced by a comment in their file (engine.diagnostics.acknowledge).
    acknowledged: list[Diagnostic] = field(default_factory=list)

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
        acked = f" ({n_ack} {'godkänd' if n_ack == 1 else 'godkända'})" if n_ack else ""
        files = len(self.files)
        return (
            f"{n_err} fel, {n_warn} {'varning' if n_warn == 1 else 'varningar'}{acked} "
            f"i {files} {'fil' if files == 1 else 'filer'}"
        )


class UserError(Exception):
    """A problem the user can fix (bad usage, missing folder): exit code 2."""
