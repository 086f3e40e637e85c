"""Stage 1, load: the node graph of a YAML file as written, and the limits on it.

`engine.inputs.yamlcompose` builds the graph from parser events, checking the limits as
the events arrive; `Builder` turns it into plain Python data; `engine.inputs.yamlfile`
looks positions up in it. Positions are 1-based.
"""

from __future__ import annotations

from typing import Any

from engine.diagnostics import Location, Report, quote
from engine.inputs.memory import collector_paused

#: Nodes (scalars, lists, mappings, aliases) as written in one file, counted event by
#: event while parsing, so an over-large file is refused before it is built. 10⁵
#: outcome entries are about 10⁶ nodes.
MAX_NODES = 2_000_000
#: Extra nodes that aliases and merge keys may add to one file. Every alias adds the
#: size of what it refers to (known when the anchored node was parsed), so an alias
#: bomb ("billion laughs") is refused at the alias that breaks the budget, before
#: anything is expanded. The real rules use no aliases at all.
MAX_ALIAS_NODES = 100_000
#: Nesting depth (lists and mappings inside each other, also through aliases). The
#: rules nest five levels; libyaml's composer and the round-trip loader of `fmt`
#: recurse per level and crash (a C stack overflow) near 27 500.
MAX_DEPTH = 100
#: Integers must fit in a float (the models compare numbers as floats) and be printable
#: (Python refuses to convert integers of more than 4 300 digits to text).
MAX_INT = 10**300

# --- the node graph: what the file says, with 1-based positions ---------------------


class Node:
    """A node as written, with its 1-based position."""

    __slots__ = ("line", "col")
    line: int
    col: int


class Scalar(Node):
    __slots__ = ("value", "merge")

    def __init__(self, line: int, col: int, value: Any, merge: bool = False) -> None:
        self.line = line
        self.col = col
        self.value = value
        self.merge = merge


class Seq(Node):
    __slots__ = ("items",)

    def __init__(self, line: int, col: int) -> None:
        self.line = line
        self.col = col
        self.items: list[Node] = []


class Map(Node):
    __slots__ = ("pairs", "pending", "merges")

    def __init__(self, line: int, col: int) -> None:
        self.line = line
        self.col = col
        self.pairs: list[tuple[Node, Node]] = []
        self.pending: Node | None = None
        self.merges = False  # has a merge key (`<<`)


class Alias(Node):
    """`*name`: the anchored node, with the size and depth of its expanded subtree."""

    __slots__ = ("target", "cyclic", "size", "depth")

    def __init__(self, line: int, col: int, target: Node, cyclic: bool) -> None:
        self.line = line
        self.col = col
        self.target = target
        self.cyclic = cyclic  # inside what it names
        self.size = 1
        self.depth = 0


def measure(node: Node, memo: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """(nodes, depth) of the expanded subtree. An alias inside knows its own, so the walk
    never goes through an alias and is at most MAX_DEPTH deep."""
    if isinstance(node, Scalar):
        return 1, 0  # depth counts lists and mappings
    if isinstance(node, Alias):
        return node.size, node.depth
    known = memo.get(id(node))
    if known is not None:
        return known
    children = node.items if isinstance(node, Seq) else [n for p in node.pairs for n in p]  # type: ignore[attr-defined]
    size, depth = 1, 0
    for child in children:
        s, d = measure(child, memo)
        size += s
        depth = max(depth, d)
    memo[id(node)] = (size, depth + 1)
    return size, depth + 1


def deref(node: Node) -> Node:
    while isinstance(node, Alias) and not node.cyclic:
        node = node.target
    return node


def flatten(node: Map, report: Report | None = None, path: str = "") -> list[tuple[Node, Node]]:
    """The pairs of a mapping with YAML merge keys (`<<: *base`, `<<: [*a, *b]`) resolved:
    explicit keys win, then the first source that has the key."""
    if not node.merges:
        return node.pairs
    merged: list[tuple[Node, Node]] = []
    own: list[tuple[Node, Node]] = []
    for key, value in node.pairs:
        if isinstance(key, Scalar) and key.merge:
            target = deref(value)
            sources = [deref(s) for s in target.items] if isinstance(target, Seq) else [target]
            for src in sources:
                if isinstance(src, Map):
                    merged.extend(flatten(src, report, path))
                elif report is not None:
                    report.error(
                        Location(path, src.line, src.col), "merge", "'<<' kräver en mappning"
                    )
        else:
            own.append((key, value))
    seen = {key_text(k) for k, _ in own}
    kept: list[tuple[Node, Node]] = []
    for k, v in merged:
        text = key_text(k)
        if text not in seen:
            seen.add(text)
            kept.append((k, v))
    return kept + own


def key_text(key: Node) -> str | None:
    key = deref(key)
    return key_name(key.value) if isinstance(key, Scalar) else None


def key_name(value: Any) -> str:
    """A scalar key as the data's text: itself, a number or a date as written out, and no
    key at all (empty, `~` or `null`) as "", which a message calls a key without a name."""
    return value if type(value) is str else "" if value is None else str(value)


def quoted_key(key: str) -> str:
    """A key as a message names it: quoted, or said to have no name (`key_name`)."""
    return quote(key) if key else "utan namn (en tom nyckel, ~ eller null)"


class Refused(Exception):
    """The file is not read: too large, too deep or an alias bomb (reported at `where`)."""

    def __init__(self, line: int, col: int, code: str, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.code, self.message = line, col, code, message


class Builder:
    """Node graph → plain Python data (dicts, lists, scalars), reporting duplicate keys,
    keys that are not text and aliases that contain themselves. The limits were checked
    while composing, so this recursion is at most MAX_DEPTH deep."""

    def __init__(self, path: str, report: Report) -> None:
        self.path = path
        self.report = report

    def loc(self, node: Node) -> Location:
        return Location(self.path, node.line, node.col)

    def build(self, node: Node) -> Any:
        kind = type(node)
        if kind is Scalar:
            return node.value  # type: ignore[attr-defined]
        if kind is Map:
            return self.mapping(node)  # type: ignore[arg-type]
        if kind is Seq:
            build = self.build
            return [build(child) for child in node.items]  # type: ignore[attr-defined]
        assert isinstance(node, Alias)
        if node.cyclic:
            self.report.error(self.loc(node), "alias-cykel", "alias som refererar till sig själv")
            return None
        return self.build(node.target)

    def mapping(self, node: Map) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in flatten(node, self.report, self.path):
            key_node = deref(key_node)
            if not isinstance(key_node, Scalar):
                self.report.error(
                    self.loc(key_node), "nyckel-typ", "en nyckel måste vara en enkel text"
                )
                continue
            key = key_name(key_node.value)
            if key in first_seen:
                self.report.error(
                    self.loc(key_node),
                    "dubblett-nyckel",
                    f"nyckeln {quoted_key(key)} finns redan på rad {first_seen[key]}",
                )
                continue
            first_seen[key] = key_node.line
            result[key] = self.build(value_node)
        return result


#: The cyclic garbage collector off while a file is composed, built or validated (one
#: implementation for the whole package: engine.inputs.memory).
no_gc = collector_paused
