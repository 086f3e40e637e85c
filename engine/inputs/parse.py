"""Stage 2, validate: loaded YAML documents → typed models, with pointed diagnostics.

`parse_model` runs pydantic on one document and maps every error back to the YAML
position: a bad value points at the value, an unknown key at the key, a missing key at
its parent mapping. The Swedish message is chosen by pydantic's error *type* (never by
rewriting its English text).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from engine.diagnostics import Location, Report, quote
from engine.diagnostics.hints import did_you_mean
from engine.inputs.yamlfile import Document, PathKey, load_file
from engine.inputs.yamlgraph import no_gc, quoted_key
from engine.models import CONTROL_FREE

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Source(Generic[M]):
    """A validated model with the document it came from, for positions.

    A *partial* source (see `parse_partial`) holds only the list entries that were valid;
    `indices` maps a list's model positions back to the document's, so that positions
    stay right."""

    model: M
    doc: Document
    indices: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def partial(self) -> bool:
        return bool(self.indices)

    def at(self, *path: str | int, at_key: bool = False) -> Location:
        """The position of `path` (model positions) in the document."""
        return self.doc.where(self._in_document(path), at_key=at_key)

    def name(self, *path: str | int) -> str:
        """The field name of `path` (model positions) as the user counts in the document."""
        return field_name(self._in_document(path))

    def _in_document(self, path: tuple[str | int, ...]) -> tuple[str | int, ...]:
        if len(path) >= 2 and isinstance(path[0], str) and isinstance(path[1], int):
            kept = self.indices.get(path[0])
            if kept is not None and 0 <= path[1] < len(kept):
                return (path[0], kept[path[1]], *path[2:])
        return path


def field_name(path: PathKey) -> str:
    """('nyckeltal', 1, 'mål') → 'nyckeltal[2].mål' (list positions are 1-based, as people count)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out


def _resolve(data: Any, loc: tuple[Any, ...], keep_last: bool) -> PathKey:
    """Turn a pydantic loc into a path through the YAML data, dropping union tags etc."""
    path: list[str | int] = []
    node = data
    for i, part in enumerate(loc):
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            node = node[part]
            path.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            path.append(part)
        elif keep_last and i == len(loc) - 1 and isinstance(part, str):
            path.append(part)
    return tuple(path)


@functools.cache
def _vocabulary(model: type[BaseModel]) -> tuple[str, ...]:
    """Every key a model and its nested models know, sorted: worked out once per model (a
    table of 300 000 rows in error asked for it once per row, two thirds of the time)."""
    return tuple(sorted(_all_aliases(model) - {""}))


def _all_aliases(model: type[BaseModel], seen: set[type[BaseModel]] | None = None) -> set[str]:
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    names: set[str] = set()
    for f in model.model_fields.values():
        names.add(f.alias or "")
        for sub in _nested_models(f.annotation):
            names |= _all_aliases(sub, seen)
    return names


def _nested_models(annotation: Any) -> Iterable[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _nested_models(arg)
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and hasattr(annotation, "__metadata__"):
        yield from _nested_models(origin)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"sanningsvärdet {'true' if value else 'false'}"
    if isinstance(value, str):
        return f"texten {quote(value)}"
    if isinstance(value, (int, float)):
        text = quote(value, 1000)[1:-1]
        return f"talet {text if len(text) <= 20 else text[:17] + '…'}"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"datumet {value.isoformat()}"
    if value is None:
        return "tomt"
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, dict):
        return "en mappning"
    return type(value).__name__


def _number_hint(value: Any) -> str:
    if isinstance(value, str):
        cleaned = value.replace("%", "").replace("\u2212", "-").replace(" ", "").replace(",", ".")
        if len(cleaned) > 40:
            return ""
        try:
            float(cleaned)
        except ValueError:
            return ""
        return f"; skriv bara talet, t.ex. {cleaned}"
    return ""


#: A number's bounds (`ge`, `le` …): pydantic's error type → its context key and the words.
_BOUNDS = {
    "greater_than": ("gt", "större än"),
    "greater_than_equal": ("ge", "minst"),
    "less_than": ("lt", "mindre än"),
    "less_than_equal": ("le", "högst"),
}


def _message(err: ErrorDetails, last: str | int) -> str:
    kind = err["type"]
    value = err.get("input")
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    if kind in ("float_type", "float_parsing", "int_type", "int_parsing", "int_from_float"):
        what = "ett heltal" if kind.startswith("int") else "ett tal"
        return f"ska vara {what}, men är {_describe(value)}{_number_hint(value)}"
    if kind == "finite_number":
        return "ska vara ett ändligt tal, inte NaN eller oändligt"
    if kind == "string_type":
        return f"ska vara text, men är {_describe(value)}"
    if kind == "bool_type":
        return f"ska vara true eller false, men är {_describe(value)}"
    if kind == "list_type":
        return f"ska vara en lista, men är {_describe(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"ska vara en mappning (nyckel: värde), men är {_describe(value)}"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return f"ska vara ett datum (ÅÅÅÅ-MM-DD), men är {_describe(value)}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        hint = did_you_mean(str(value), re.findall(r"'([^']*)'", expected))
        shown = expected.replace(" or ", " eller ")
        return f"{quote(value)} är inte ett tillåtet värde{hint}; välj en av: {shown}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern.startswith("^[A-Z"):
            return f"ogiltigt nämnd-id {quote(value)}: använd versaler, t.ex. HSN"
        if pattern == CONTROL_FREE:
            return "texten innehåller ett otillåtet styrtecken; ta bort det"
        if "\\d{4}" in pattern:
            return f"ogiltig period {quote(value)}: skriv ÅÅÅÅ-MM, t.ex. '2025-08'"
        return f"ogiltigt id {quote(value)}: använd små bokstäver a–z, siffror och bindestreck"
    if kind in ("too_short", "list_too_short"):
        return "får inte vara tom"
    if kind == "string_too_long":
        return f"texten är längre än {ctx.get('max_length')} tecken"
    if kind in _BOUNDS:
        bound = ctx.get(_BOUNDS[kind][0])
        return f"ska vara {_BOUNDS[kind][1]} {bound}, men är {_describe(value)}"
    if kind == "union_tag_invalid":
        return f"okänd metod {quote(ctx.get('tag'))}; välj en av: {ctx.get('expected_tags')}"
    if kind == "value_error":
        return str(ctx.get("error", err.get("msg", "")))
    return f"ogiltigt värde ({err.get('msg', kind)})"


def parse_model(doc: Document, model: type[M], report: Report) -> M | None:
    """Validate one document against `model`; every error is reported with its position."""
    try:
        with no_gc():
            return model.model_validate(doc.data)
    except ValidationError as exc:
        _report_errors(doc, model, exc, report)
        return None


def parse_partial(
    doc: Document, model: type[M], report: Report, lists: tuple[str, ...]
) -> Source[M] | None:
    """Like `parse_model`, but when the errors lie only inside entries of the top-level
    `lists`, return the document with those entries left out (a partial source), so that
    the checks across entries (unknown ids, duplicates, a nämnd that does not report)
    still run on the others: one bad value never hides the problems of the rest. The
    caller must not use a partial source for anything but checking."""
    try:
        return Source(model.model_validate(doc.data), doc)
    except ValidationError as exc:
        _report_errors(doc, model, exc, report)
        errors = exc.errors()
    if not isinstance(doc.data, dict):
        return None
    bad: dict[str, set[int]] = {name: set() for name in lists}
    for err in errors:
        loc = err["loc"]
        if len(loc) < 2 or loc[0] not in bad or not isinstance(loc[1], int):
            return None  # an error outside the entries: nothing more can be checked
        bad[str(loc[0])].add(loc[1])
    data = dict(doc.data)
    indices: dict[str, tuple[int, ...]] = {}
    for name, dropped in bad.items():
        entries = data.get(name)
        if isinstance(entries, list):
            kept = tuple(i for i in range(len(entries)) if i not in dropped)
            data[name] = [entries[i] for i in kept]
            indices[name] = kept
    try:
        return Source(model.model_validate(data), doc, indices)
    except ValidationError:
        return None


#: Unknown keys per file that get a "menade du" hint. Each costs about 0,1 ms of difflib;
#: a hostile file of 400 000 unknown keys (5 MB) took minutes for hints nobody reads. Every
#: unknown key is still reported, at its line.
HINTED_KEYS = 200


def _report_errors(
    doc: Document, model: type[BaseModel], exc: ValidationError, report: Report
) -> None:
    vocabulary = _vocabulary(model)
    hints = HINTED_KEYS  # "menade du" for this many unknown keys of the file
    for err in exc.errors():
        loc = tuple(err["loc"])
        kind = err["type"]
        if kind == "missing":
            path = _resolve(doc.data, loc, keep_last=True)
            report.error(
                doc.where(path[:-1]),
                "saknas",
                f"nyckeln '{path[-1] if path else loc[-1]}' saknas",
                field_name(path[:-1]),
            )
        elif kind == "union_tag_not_found":
            path = _resolve(doc.data, loc, keep_last=False)
            report.error(doc.where(path), "saknas", "nyckeln 'metod' saknas", field_name(path))
        elif kind == "extra_forbidden":
            path = _resolve(doc.data, loc, keep_last=True)
            name = str(path[-1])
            if name in vocabulary:
                hint = " (nyckeln finns, men inte på den här nivån; kontrollera indraget)"
            elif hints > 0:
                hints -= 1
                hint = did_you_mean(name, vocabulary)
            else:
                hint = ""
            report.error(
                doc.where(path, at_key=True),
                "okänd-nyckel",
                f"okänd nyckel {quoted_key(name)}{hint}",
                field_name(path[:-1]),
            )
        else:
            path = _resolve(doc.data, loc, keep_last=False)
            if kind == "union_tag_invalid":
                path = _resolve(doc.data, (*path, "metod"), keep_last=False)
            at_key = "[key]" in loc
            where = doc.where(path, at_key=at_key)
            if (where.line, where.col) in doc.refused:
                continue  # the loader has said what is wrong with this value
            report.error(
                where,
                "värde" if kind == "value_error" or kind in _BOUNDS else "typ",
                _message(err, loc[-1] if loc else ""),
                field_name(path),
            )


def load_model(
    file: Path, display: str, model: type[M], report: Report, lists: tuple[str, ...] = ()
) -> Source[M] | None:
    """Load and parse one file; with `lists`, a partial source as `parse_partial` says."""
    doc = load_file(file, report, display)
    if doc is None:
        return None
    if lists:
        return parse_partial(doc, model, report, lists)
    parsed = parse_model(doc, model, report)
    return Source(parsed, doc) if parsed is not None else None
