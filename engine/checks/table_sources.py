"""Stage 2, validate (outcomes): where the entries read from an outcome table point.

A table's entries are appended to their målområde's outcomes (engine.checks.tables) through
a `TableSource`, which points each of them at its row (`utfall.csv:1204`) and names a value
by its column (`utfall`), while everything else keeps pointing into the YAML file; a
`RowDocument` does the same for a row that is validated on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine.diagnostics import Location
from engine.inputs.parse import Source
from engine.inputs.tables import row_location
from engine.inputs.yamlfile import Document, PathKey
from engine.models import KpiOutcome, MalomradeUtfallFile

AreaSource = Source[MalomradeUtfallFile]
#: The model's key for a column, where they differ.
MODEL_KEY = {"nyckeltal": "id"}
COLUMN = {v: k for k, v in MODEL_KEY.items()}


class RowDocument(Document):
    """A table row (or a whole table) standing in for a YAML document: every path in it is
    at the row, so a model error names its column and points at `fil.csv:RAD`."""

    def __init__(self, row: Location, data: Any) -> None:
        super().__init__(row.path, data)
        self.row = row

    def where(self, loc: PathKey, *, at_key: bool = False) -> Location:
        return self.row


@dataclass(frozen=True)
class TableSource(Source[MalomradeUtfallFile]):
    """A målområde's outcomes with entries appended from tables after the first `offset`."""

    base: AreaSource | None = None
    offset: int = 0
    #: The table (as shown) and the row number of each appended entry.
    table: str = ""
    lines: tuple[int, ...] = field(default_factory=tuple)

    def _row(self, path: tuple[str | int, ...]) -> Location | None:
        if len(path) >= 2 and path[0] == "nyckeltal" and isinstance(path[1], int):
            if path[1] >= self.offset:
                return row_location(self.table, self.lines[path[1] - self.offset])
        return None

    def at(self, *path: str | int, at_key: bool = False) -> Location:
        row = self._row(path)
        if row is not None:
            return row
        if self.base is not None:
            return self.base.at(*path, at_key=at_key)
        return self.doc.where(())

    def name(self, *path: str | int) -> str:
        if self._row(path) is not None:
            return COLUMN.get(str(path[2]), str(path[2])) if len(path) > 2 else ""
        return self.base.name(*path) if self.base is not None else ""


def merged(
    base: AreaSource | None,
    area_id: str,
    shown: str,
    lines: list[int],
    entries: list[KpiOutcome],
) -> TableSource:
    """The målområde's outcomes with `entries` (from the rows at `lines`) appended."""
    if base is None:
        model = MalomradeUtfallFile.model_validate({"målområde": area_id})
        model = model.model_copy(update={"nyckeltal": entries})
        doc = RowDocument(Location(shown, 1, 1, cell="1"), {})
        return TableSource(model, doc, table=shown, lines=tuple(lines))
    kept = list(base.model.nyckeltal)
    model = base.model.model_copy(update={"nyckeltal": kept + entries})
    return TableSource(
        model,
        base.doc,
        base.indices,
        base=base,
        offset=len(kept),
        table=shown,
        lines=tuple(lines),
    )
