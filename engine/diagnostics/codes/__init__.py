"""The registry of diagnostic codes: every `[kod]` the tool can print, in one place.

Each code has its severity (fel, varning, or both where the same problem is an error in
one file and a warning in another), a Swedish explanation (what it means and how to fix
it) and a short example. `Report.error` and `Report.warning` refuse a code that is not
registered here with that severity, so a new diagnostic cannot ship undocumented.

The entries are kept per step in `reading`, `rules`, `outcomes`, `workbooks` and
`acknowledging`; `ALL` is their order in
`docs/koder.md`, which is generated from this registry (`engine.diagnostics.docs`) and a
test fails when they differ.
"""

from __future__ import annotations

from engine.diagnostics.codes import acknowledging, outcomes, reading, rules, tables, workbooks
from engine.diagnostics.codes.base import GROUPS, Code, Severity

__all__ = ["ALL", "CODES", "GROUPS", "Code", "Severity", "UnregisteredCode", "require"]

ALL: tuple[Code, ...] = (
    *reading.CODES,
    *rules.CODES,
    *outcomes.CODES,
    *tables.CODES,
    *workbooks.CODES,
    *acknowledging.CODES,
)
CODES: dict[str, Code] = {c.name: c for c in ALL}


class UnregisteredCode(ValueError):
    """A diagnostic with a code missing from CODES (or with a severity it is not
    registered with): a bug in the tool, found by the tests."""


def require(code: str, severity: Severity) -> None:
    entry = CODES.get(code)
    if entry is None:
        raise UnregisteredCode(f"diagnostic code '{code}' is not in engine.diagnostics.codes")
    if severity not in entry.severities:
        raise UnregisteredCode(f"diagnostic code '{code}' is not registered as '{severity}'")
