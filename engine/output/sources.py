"""How an outcome's source is shown beside the value: "Källa: Kolada" for Kolada's raw
values (Kolada asks for that attribution wherever its data is shown), with what the tool
derived from them labelled as the organisation's own calculation."""

from __future__ import annotations

import datetime as dt

from engine.models import Kalla


def _date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    day = value.date() if isinstance(value, dt.datetime) else value
    return day.isoformat()


def genitive(name: str) -> str:
    return name if name.endswith(("s", "x", "z")) else f"{name}s"


def source_note(source: Kalla | None, organisation: str, derived: bool) -> str:
    """One sentence for the comment column, or "" without a source."""
    if source is None:
        return ""
    details = []
    if source.kolada:
        details.append(source.kolada)
    if source.year is not None:
        details.append(str(source.year))
    if source.gender and source.gender != "T":
        details.append({"K": "kvinnor", "M": "män"}[source.gender])
    if source.preliminary is not None:
        details.append("preliminärt" if source.preliminary else "slutligt")
    when = _date(source.retrieved)
    if when:
        details.append(f"hämtad {when}")
    text = f"Källa: {source.system}" + (f" ({', '.join(details)})" if details else "") + "."
    if derived and source.system.casefold() == "kolada":
        text += f" Måluppfyllelse och status är {genitive(organisation)} egen beräkning."
    return text
