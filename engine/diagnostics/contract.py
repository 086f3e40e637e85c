"""The JSON of `maluppfyllelse validate --format json` as pydantic models.

`formats.as_json` builds `Diagnostik` from a `Report`; `maluppfyllelse schema diagnostik`
publishes its JSON Schema (schema/diagnostik.schema.json). Keys are Swedish, through
aliases, as documented in README.md.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from engine.diagnostics import Diagnostic, Report, Severity

#: The version of the format; raised when a key changes meaning or disappears.
SCHEMA_VERSION = 1


class Contract(BaseModel):
    """The base of every output contract (validate, evaluate, diff): Swedish keys through
    aliases, English attributes, no unknown keys. Built on first use, so a command that
    does not write JSON does not pay for it."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        validate_by_name=True,
        validate_by_alias=True,
        defer_build=True,
    )


def key(alias: str, description: str, default: Any = ..., **kw: Any) -> Any:
    """A field whose JSON key is `alias` (Swedish) with a Swedish description."""
    return Field(default, alias=alias, description=description, **kw)


class Problem(Contract):
    """Ett problem: var, hur allvarligt, vilken kod och meddelandet."""

    path: str = key("fil", "Filen, relativt den aktuella mappen.")
    line: int = key("rad", "Raden, räknad från 1.", ge=1)
    col: int = key("kolumn", "Kolumnen, räknad från 1.", ge=1)
    severity: Severity = key("nivå", "'fel' eller 'varning'.")
    code: str = key("kod", "Koden, förklarad i docs/koder.md, t.ex. 'typ'.")
    field: str = key("fält", "Fältet i filen, t.ex. 'nyckeltal[2].mål' ('' för hela filen).")
    message: str = key("meddelande", "Vad som är fel och hur det rättas, på svenska.")

    @classmethod
    def of(cls, d: Diagnostic) -> Problem:
        loc = d.location
        return cls(
            path=loc.path,
            line=loc.line,
            col=loc.col,
            severity=d.severity,
            code=d.code,
            field=d.field,
            message=d.message,
        )


class Diagnostik(Contract):
    """Vad `maluppfyllelse validate --format json` hittade."""

    version: Literal[1] = key("schema", "Formatets version.")
    ok: bool = key("ok", "true när inga fel hittades (med --strict: inga varningar heller).")
    errors: int = key("antal_fel", "Antal fel.", ge=0)
    warnings: int = key(
        "antal_varningar", "Antal varningar (med --strict räknas de som fel).", ge=0
    )
    acknowledged_count: int = key(
        "antal_godkända",
        "Antal varningar som godkänts med '# maluppfyllelse: godkänd KOD' (visas inte som varningar).",
        ge=0,
    )
    files: int = key("antal_filer", "Antal filer som kontrollerades.", ge=0)
    problems: list[Problem] = key("diagnostik", "Varje problem, sorterade efter fil och rad.")
    acknowledged: list[Problem] = key("godkända", "De godkända varningarna, med sina platser.")
    unchecked: list[str] = key(
        "ej_kontrollerat",
        "Vad som inte kontrollerades och varför, t.ex. periodmapparnas utfall när reglerna har "
        "fel (de kontrolleras mot reglerna).",
        [],
    )


def diagnostik(report: Report, strict: bool) -> Diagnostik:
    items = report.sorted(strict)
    silenced = report.silenced()
    errors = sum(1 for d in items if d.severity is Severity.ERROR)
    return Diagnostik(
        version=SCHEMA_VERSION,
        ok=errors == 0,
        errors=errors,
        warnings=sum(1 for d in items if d.severity is Severity.WARNING),
        acknowledged_count=len(silenced),
        files=len(report.files),
        problems=[Problem.of(d) for d in items],
        acknowledged=[Problem.of(d) for d in silenced],
        unchecked=list(report.unchecked),
    )
