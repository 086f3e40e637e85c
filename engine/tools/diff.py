"""`maluppfyllelse diff`: what changed between two versions of the rules, as structured changes.

Both versions must validate; the comparison works on the validated models, generically:
målområden, nyckeltal, uppdrag and financial goals are matched by id (the one walk,
`RuleSet.measures`), and every field of their models is compared, walking nested models
and mappings (and lists of items with an id) field by field. Targets over time
(`mål_över_tid`) are matched by their period or year ('mål_över_tid.2026-08.mål'). Each difference is a
`Change` (målområde, typ, id, fält, gammalt, nytt) with its Swedish sentence(s) from
`engine.tools.diffwords`, so a field added to the models later shows up in the diff
without new code here. The files without items (skala, hushallning, organisation, the
financial goals' file) are compared the same way.

The changes are printed as text, Markdown or JSON (`Diff`, schema/diff.schema.json).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel
from pydantic_core import to_jsonable_python

from engine.diagnostics.contract import Contract, key
from engine.inputs.loaded import Kind as MeasureKind
from engine.inputs.loaded import RuleSet
from engine.models import DEFAULT_METHOD
from engine.tools.diffwords import ORDER, WORDED, Item, added, describe, removed

FINANCE = "Finansiella mål"
SCHEMA_VERSION = 1

Typ = Literal[
    "målområde",
    "nyckeltal",
    "uppdrag",
    "finansiellt_mål",
    "finansiella_mål",
    "skala",
    "hushållning",
    "organisation",
]


class Change(Contract):
    """En ändring i reglerna."""

    area: str = key(
        "målområde",
        "Rubriken ändringen står under: målområdets namn, 'Finansiella mål', 'Skala', "
        "'God ekonomisk hushållning' eller 'Organisation'.",
    )
    kind: Typ = key("typ", "Vad som ändrats: ett målområde, nyckeltal, uppdrag, mål eller en fil.")
    id: str = key("id", "Id för det som ändrats ('' för en fil utan poster).")
    field: str = key(
        "fält",
        "Fältet som det heter i YAML-filen, t.ex. 'mål' eller 'avvikande_mål.RUN' "
        "('' när hela posten lagts till eller tagits bort).",
    )
    change: Literal["ändrad", "tillagd", "borttagen"] = key(
        "ändring",
        "Slaget av ändring: 'tillagd' när posten (eller fältet) saknades förut, 'borttagen' "
        "när den inte finns längre, annars 'ändrad'.",
    )
    old: Any = key("gammalt", "Värdet före (null om det saknades).")
    new: Any = key("nytt", "Värdet efter (null om det saknas nu).")
    lines: list[str] = key("beskrivning", "Ändringen i ord, som i text- och Markdown-utdata.")


class Diff(Contract):
    """Vad som ändrats i reglerna (maluppfyllelse diff --format json)."""

    version: Literal[1] = key("schema", "Formatets version.")
    old: str = key("gammal", "Den gamla versionen (mapp eller git-revision).")
    new: str = key("ny", "Den nya versionen (mapp eller 'arbetskopian').")
    changes: list[Change] = key("ändringar", "Ändringarna, per rubrik i utskriftens ordning.")


# --- the generic comparison -------------------------------------------------------------

#: Fields whose absence means a default: `bedömning` left out is `kvot`.
EFFECTIVE: dict[str, Any] = {"judgement": DEFAULT_METHOD}


def _plain(value: Any) -> Any:
    return to_jsonable_python(value, by_alias=True)


def _same(a: Any, b: Any) -> bool:
    return _plain(a) == _plain(b) or (a in (None, "") and b in (None, ""))


def _by_id(value: Any) -> dict[str, Any] | None:
    """A list of items with an id, as a mapping by id (so they are matched, not indexed)."""
    if isinstance(value, list) and all(
        isinstance(x, BaseModel) and isinstance(getattr(x, "id", None), str) for x in value
    ):
        return {x.id: x for x in value}
    return None


def _fields(model: BaseModel, skip: frozenset[str]) -> dict[str, Any]:
    """A model's fields by their YAML key, with defaults made explicit (EFFECTIVE)."""
    out = {}
    for name, info in type(model).model_fields.items():
        if name not in skip:
            value = getattr(model, name)
            if name == "targets_over_time":
                # matched by period or year, so a change reads as that period's target
                value = {entry.applies: entry for entry in value}
            out[info.alias or name] = EFFECTIVE.get(name) if value is None else value
    return out


def _whole(item: Item) -> frozenset[str]:
    """The fields compared as a whole: the worded ones, and each target over time's
    decision (one sentence for a decision, not one per key of it)."""
    entries = [
        e.applies for m in (item.old, item.new) for e in getattr(m, "targets_over_time", None) or []
    ]
    return frozenset(WORDED.get(item.kind, {})) | {f"mål_över_tid.{a}.beslut" for a in entries}


def _children(a: Any, b: Any) -> list[tuple[str, Any, Any]] | None:
    """(key as in YAML, old, new) one level down, or None when a and b are leaves."""
    if isinstance(a, BaseModel) and type(a) is type(b):
        fa, fb = _fields(a, frozenset()), _fields(b, frozenset())
        return [(k, fa[k], fb[k]) for k in fa]
    if isinstance(a, dict) and isinstance(b, dict):
        return [(str(k), a.get(k), b.get(k)) for k in sorted(a.keys() | b.keys(), key=str)]
    da, db = _by_id(a), _by_id(b)
    return _children(da, db) if da is not None and db is not None else None


def differences(
    path: str, a: Any, b: Any, whole: frozenset[str] = frozenset()
) -> Iterator[tuple[str, Any, Any]]:
    """(field, old, new) for every leaf that differs; `whole` fields are not walked into."""
    if _same(a, b):
        return
    below = None if path in whole else _children(a, b)
    if below is None:
        yield path, _plain(a), _plain(b)
        return
    for sub, x, y in below:
        yield from differences(f"{path}.{sub}" if path else sub, x, y, whole)


def _changed(heading: str, item: Item, skip: frozenset[str] = frozenset()) -> list[Change]:
    """Every changed field of one item (or file) present in both versions."""
    whole = _whole(item)
    fa, fb = _fields(item.old, skip), _fields(item.new, skip)
    found = [d for k in fa for d in differences(k, fa[k], fb[k], whole)]
    if item.kind in ("nyckeltal", "finansiellt_mål"):
        rank = {f: i for i, f in enumerate(ORDER)}
        found.sort(key=lambda d: rank.get(d[0].split(".", 1)[0], len(ORDER)))
    return [
        Change(
            area=heading,
            kind=item.kind,
            id=item.ident,
            field=field,
            change=_kind_of_change(old, new),
            old=old,
            new=new,
            lines=describe(item, field, old, new),
        )
        for field, old, new in found
    ]


def _kind_of_change(old: Any, new: Any) -> Literal["ändrad", "tillagd", "borttagen"]:
    """A field (or a `mål_över_tid` entry) that did not exist before is 'tillagd', one that
    no longer exists 'borttagen'; any other difference 'ändrad'."""
    if old is None:
        return "tillagd"
    return "borttagen" if new is None else "ändrad"


def item_changes(
    heading: str, item: Item, skip: frozenset[str] = frozenset({"id"})
) -> list[Change]:
    """One item matched by id (`item.old`/`item.new` None when it is missing there):
    added, removed, or changed field by field."""
    if item.old is None or item.new is None:
        gone = item.new is None
        return [
            Change(
                area=heading,
                kind=item.kind,
                id=item.ident,
                field="",
                change="borttagen" if gone else "tillagd",
                old=None
                if not gone
                else item.old.model_dump(mode="json", by_alias=True, exclude=skip),
                new=None if gone else item.new.model_dump(mode="json", by_alias=True, exclude=skip),
                lines=removed(item) if gone else added(item),
            )
        ]
    return _changed(heading, item, skip)


_AREA_SKIP = frozenset({"id", "uppdrag", "nyckeltal"})


def _areas(old: RuleSet, new: RuleSet) -> list[Change]:
    names = {
        **{a.id: a.name for a in old.area_by_id.values()},
        **{a.id: a.name for a in new.area_by_id.values()},
    }
    idents = sorted(
        names, key=lambda i: (i not in new.area_by_id, i)
    )  # those in NEW first, then the removed
    return [
        c
        for i in idents
        for c in item_changes(
            names[i],
            Item("målområde", i, old.area_by_id.get(i), new.area_by_id.get(i)),
            _AREA_SKIP,
        )
    ]


def _measures(old: RuleSet, new: RuleSet, kind: MeasureKind) -> list[Change]:
    """Nyckeltal, uppdrag or financial goals matched by id, under their målområde."""
    before = {r.item.id: r for r in old.measures(kind)}
    after = {r.item.id: r for r in new.measures(kind)}
    changes: list[Change] = []
    for ident in sorted(before.keys() | after.keys()):
        a, b = before.get(ident), after.get(ident)
        ref, rules = (b, new) if b is not None else (a, old)
        assert ref is not None
        heading = FINANCE if kind == "finansiellt_mål" else rules.area_by_id[ref.area_id].name
        item = Item(
            kind, ident, a.item if a else None, b.item if b else None,
            new.organisation.model.decision,
        )  # fmt: skip
        changes += item_changes(heading, item)
    return changes


def compare(old: RuleSet, new: RuleSet) -> list[Change]:
    """Every change from OLD to NEW, in the order they are printed."""
    changes = _areas(old, new)
    kinds: tuple[MeasureKind, ...] = ("nyckeltal", "uppdrag", "finansiellt_mål")
    for kind in kinds:
        changes += _measures(old, new, kind)
    # hushallning.yaml and finansiella_mal.yaml are optional: a file is compared only when
    # both versions have it (rapport.yaml, the layout, changes no judgement: not compared).
    pairs: list[tuple[str, str, Any, Any, frozenset[str]]] = [
        ("finansiella_mål", FINANCE, old.finance, new.finance, frozenset({"goals"})),
        ("skala", "Skala", old.scale, new.scale, frozenset()),
        ("hushållning", "God ekonomisk hushållning", old.geh, new.geh, frozenset()),
        ("organisation", "Organisation", old.organisation, new.organisation, frozenset()),
    ]
    files: list[tuple[str, str, BaseModel, BaseModel, frozenset[str]]] = [
        (kind, heading, a.model, b.model, skip)
        for kind, heading, a, b, skip in pairs
        if a is not None and b is not None
    ]
    for file_kind, heading, a, b, skip in files:
        changes += _changed(heading, Item(file_kind, "", a, b), skip)
    return changes


# --- formats ------------------------------------------------------------------------------


def by_heading(changes: list[Change]) -> dict[str, list[str]]:
    """The sentences per heading, headings in the order they first appear."""
    out: dict[str, list[str]] = {}
    for c in changes:
        out.setdefault(c.area, []).extend(c.lines)
    return out


def as_text(changes: list[Change], old: str, new: str) -> str:
    if not changes:
        return f"Inga ändringar i reglerna mellan {old} och {new}.\n"
    lines = [f"Ändringar i reglerna från {old} till {new}:"]
    for area, items in by_heading(changes).items():
        lines += ["", f"{area}:"] + [f"  - {i}" for i in items]
    return "\n".join(lines) + "\n"


def as_markdown(changes: list[Change], old: str, new: str) -> str:
    if not changes:
        return f"**Inga ändringar** i reglerna mellan `{old}` och `{new}`.\n"
    lines = [f"### Ändringar i reglerna från `{old}` till `{new}`"]
    for area, items in by_heading(changes).items():
        lines += ["", f"#### {area}", ""] + [f"- {i}" for i in items]
    return "\n".join(lines) + "\n"


def as_json(changes: list[Change], old: str, new: str) -> str:
    diff = Diff(version=SCHEMA_VERSION, old=old, new=new, changes=changes)
    data = diff.model_dump(mode="json", by_alias=True)
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


FORMATS = {"text": as_text, "markdown": as_markdown, "json": as_json}
