"""Stage 1, load: the fast path for a YAML file with nothing unusual in it, straight from
the parser's events to plain Python data, without the node graph of positions.

Most files (and all of a national period's) have no anchors, aliases, merge keys,
duplicate keys, keys that are not scalars, refused values or crossed limits. For those,
`plain_data` builds the data the full path (`engine.inputs.yamlcompose` and the `Builder`
of `engine.inputs.yamlgraph`) would build, typing every scalar with the same
`Composer.scalar`, and `engine.inputs.yamlfile.Document` composes the node graph only when
a check asks for a position. Anything unusual, and any error, returns None: the file then
takes the full path, which reports what it finds exactly as before.

Plain text is typed once per file and remembered (a national plan's 300 nämnd ids, N001 …,
stand 75 000 times in its rules): its type follows from the text and the file's resolvers
alone. Text that is not ASCII is kept as it is when it is NFC and holds no character the
reports cannot hold; the rest goes through `Composer.scalar`, which words the problem.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any
from unicodedata import is_normalized

from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from engine.diagnostics import Report
from engine.inputs.yamlcompose import NOT_XML, Composer, next_event, tag_of
from engine.inputs.yamlgraph import Scalar, key_name, no_gc


class _Unusual(Exception):
    """The file needs the full path."""


_NO_KEY = object()  # a mapping waiting for its next key

#: Plain text up to this long is interned (`sys.intern`): ids, nämnder, keys and
#: statuses, which then are one string wherever they stand, in the rules and in every
#: period's files, so the evaluation's lookups by (nyckeltal, nämnd) compare by identity.
_INTERNED = 64


def plain_data(text: str, path: str) -> dict[str, Any] | None:
    """The file's data when it is a mapping with nothing unusual in it, else None."""
    composer = Composer(path, Report())
    try:
        with no_gc():
            data = _build(composer, next_event(text, pure=False))
    except Exception:  # noqa: BLE001 - any problem at all: the full path words it
        return None
    if composer.refused or composer.report.diagnostics or type(data) is not dict:
        return None
    return data


def _build(composer: Composer, next_event: Callable[[], Any]) -> Any:
    """Events → data, as `Composer.compose` and `Builder.build` make it together."""
    intern = sys.intern
    stack: list[Any] = []
    keys: list[Any] = []  # per open mapping: the key waiting for its value
    root: Any = None
    nodes, max_nodes, max_depth = 0, composer.max_nodes, composer.max_depth
    scalar, resolvers = composer.scalar, composer.resolvers
    seen: dict[str, Any] = {}  # plain text → its typed value (see the module's docstring)
    while True:
        event = next_event()
        kind = type(event)
        if kind is ScalarEvent:
            nodes += 1
            if event.anchor is not None or nodes > max_nodes:
                raise _Unusual
            value = event.value
            if tag_of(event) is not None or (not value.isascii() and _composed(event, resolvers)):
                value = _typed(scalar, event)
            elif event.implicit[0]:
                if value[:1] not in resolvers:
                    value = intern(value) if len(value) <= _INTERNED else value
                elif (value := seen.get(value, _NO_KEY)) is _NO_KEY:
                    value = _remembered(seen, scalar, event)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            nodes += 1
            if event.anchor is not None or len(stack) >= max_depth or nodes > max_nodes:
                raise _Unusual
            stack.append({} if kind is MappingStartEvent else [])
            keys.append(_NO_KEY)
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            value = stack.pop()
            keys.pop()
        elif kind is StreamEndEvent:
            return root
        elif kind is AliasEvent:
            raise _Unusual
        else:  # stream start, document start and end
            if kind is DocumentStartEvent:
                resolvers = _started(composer, event, seen)
            continue
        if not stack:
            root = value
            continue
        parent = stack[-1]
        if type(parent) is list:
            parent.append(value)
            continue
        key = keys[-1]
        if key is not _NO_KEY:
            parent[key] = value
            keys[-1] = _NO_KEY
            continue
        if kind is not ScalarEvent:
            raise _Unusual  # a key that is a list or a mapping
        key = value if type(value) is str else key_name(value)
        if key in parent:
            raise _Unusual  # a duplicate key
        keys[-1] = key


def _remembered(seen: dict[str, Any], scalar: Callable[[Any, int, int], Scalar], event: Any) -> Any:
    """Plain text seen for the first time in the file, typed and remembered in `seen`;
    text is interned (see `_INTERNED`)."""
    typed = _typed(scalar, event)
    seen[event.value] = typed = sys.intern(typed) if type(typed) is str else typed
    return typed


def _started(composer: Composer, event: Any, seen: dict[str, Any]) -> Any:
    """A new document: its resolvers (its %YAML version may differ), nothing seen yet."""
    composer.start_document(event)
    seen.clear()
    return composer.resolvers


def _composed(event: Any, resolvers: Any) -> bool:
    """Whether untagged text that is not ASCII needs `Composer.scalar`: when its type may
    follow from it, when it is not NFC, or when it holds a character the reports cannot
    (the composer normalises or words those). Swedish text in NFC is kept as it is."""
    value = event.value
    return bool(
        (event.implicit[0] and value[:1] in resolvers)
        or not is_normalized("NFC", value)
        or NOT_XML.search(value)
    )


def _typed(scalar: Callable[[Any, int, int], Scalar], event: Any) -> Any:
    """A scalar's value as `Composer.scalar` types it. `_build` skips this for the text it
    would keep as it is: quoted, or plain with a first character no resolver claims (so
    not a number, bool, null, date or merge key), and ASCII (so NFC and the XML check
    change nothing)."""
    node = scalar(event, 1, 1)
    if node.merge:
        raise _Unusual
    return node.value
