"""Stage 1, load: YAML bytes → plain Python data plus a position for every node.

Input is untrusted. We read the parser's *events* (libyaml through ruamel.yaml.clib, or
ruamel's pure-Python parser for the wording of syntax errors) and compose the node graph
and the Python values ourselves, so that:

- every mapping key, value and sequence item keeps its 1-based `Location` (looked up in
  the node graph by path, `Document.where`);
- the limits are counted event by event while parsing, and a file that breaks one is
  refused at the place where it does, before the rest is read or anything is expanded:
  the size (`MAX_BYTES`), the nesting (`MAX_DEPTH`; neither parser recurses per level, and
  nothing below recurses deeper than the limit), the nodes as written (`MAX_NODES`, scaled
  to a national outcome file) and, apart from those, the nodes aliases and merge keys add
  (`MAX_ALIAS_NODES`: each alias adds the known size of what it names, so an alias bomb,
  "billion laughs", is refused at the alias that breaks the budget);
- duplicate keys are all reported (ruamel's constructor stops at the first);
- integers beyond `MAX_INT` (Python cannot even print those above 4 300 digits) and text
  XML cannot carry are reported at the value, so every stage and output format can use
  what is loaded;
- encoding problems, a BOM, tabs used for indentation, an empty file and a top level
  that is not a mapping each get their own clear diagnostic.

`check_limits` applies the same limits for another loader (`fmt`'s round-trip loader).
This is the only module that converts ruamel's 0-based marks to 1-based positions.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

import ruamel.yaml.main
from ruamel.yaml import YAML
from ruamel.yaml.composer import ComposerError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
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
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import implicit_resolvers

from engine.diagnostics import Location, Report, quote

#: libyaml's parser (ruamel.yaml.clib), or None when it is not installed.
CParser: Any = getattr(ruamel.yaml.main, "CParser", None)

#: Largest file accepted, in bytes. An outcome file for a whole nation (10⁵ entries) is
#: about 5 MB; 20 MB leaves room and bounds the parse (~2 s) and memory (~0.5 GB).
MAX_BYTES = 20 * 1024 * 1024
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
_MAX_INT_CHARS = 1_200  # longer integer literals are refused before int() is called

PathKey = tuple[str | int, ...]
_STR_TAG = "tag:yaml.org,2002:str"

_TAB_INDENT = re.compile(r"^( *)\t")

#: ruamel.yaml states its problems in English and has no error codes, so the common
#: ones are translated here; anything else is shown as ruamel wrote it.
_PROBLEMS: tuple[tuple[str, str], ...] = (
    (r"expected ',' or '\]', but got (.*)", r"väntade ',' eller ']' men fick \1"),
    (r"expected ',' or '\}', but got (.*)", r"väntade ',' eller '}' men fick \1"),
    (
        r"mapping values are not allowed here",
        "kolon (nyckel: värde) är inte tillåtet här; sätt citattecken runt texten om den innehåller ': '",
    ),
    (r"could not find expected ':'", "hittade inte väntat ':' efter nyckeln"),
    (r"did not find expected key", "hittade ingen nyckel där en väntades; kontrollera indraget"),
    (
        r"did not find expected '-' indicator",
        "hittade inte väntat '-'; kontrollera indraget i listan",
    ),
    (r"did not find expected node content", "värde saknas"),
    (r"found undefined alias '?([^']*)'?", r"okänt alias '\1'"),
    (
        r"found unexpected end of stream",
        "filen tar slut oväntat; saknas ett avslutande citattecken eller en parentes?",
    ),
    (r"found unknown escape character '?([^']*)'?", r"okänt escape-tecken '\1' inom citattecken"),
    (r"but found another document", "filen får bara innehålla ett dokument (ta bort '---')"),
    (
        r"found character '(.*)' that cannot start any token",
        r"tecknet '\1' kan inte inleda ett värde; sätt citattecken runt texten",
    ),
    (
        r"expected <block end>, but found '(.*)'",
        r"väntade slut på blocket men fick '\1'; kontrollera indraget",
    ),
    (r"found duplicate anchor.*", "ankaret finns redan"),
)
_CONTEXTS: tuple[tuple[str, str], ...] = (
    ("flow sequence", "i listan"),
    ("flow mapping", "i mappningen"),
    ("block mapping", "i mappningen"),
    ("block collection", "i blocket"),
    ("quoted scalar", "i texten inom citattecken"),
    ("a simple key", "i nyckeln"),
    ("document", "i dokumentet"),
)


def _swedish_problem(exc: MarkedYAMLError) -> str:
    problem = (exc.problem or exc.context or "ogiltig YAML").strip()
    for pattern, replacement in _PROBLEMS:
        if re.fullmatch(pattern, problem):
            problem = re.sub(pattern, replacement, problem)
            break
    mark = exc.context_mark
    if exc.problem and exc.context and mark is not None:
        where = next((sv for en, sv in _CONTEXTS if en in exc.context), "i det")
        problem += f" ({where} som börjar på rad {mark.line + 1}, kolumn {mark.column + 1})"
    return problem


# --- the node graph: what the file says, with 1-based positions ---------------------


class _Node:
    """A node as written, with its 1-based position."""

    __slots__ = ("line", "col")
    line: int
    col: int


class _Scalar(_Node):
    __slots__ = ("value", "merge")

    def __init__(self, line: int, col: int, value: Any, merge: bool = False) -> None:
        self.line = line
        self.col = col
        self.value = value
        self.merge = merge


class _Seq(_Node):
    __slots__ = ("items",)

    def __init__(self, line: int, col: int) -> None:
        self.line = line
        self.col = col
        self.items: list[_Node] = []


class _Map(_Node):
    __slots__ = ("pairs", "pending", "merges")

    def __init__(self, line: int, col: int) -> None:
        self.line = line
        self.col = col
        self.pairs: list[tuple[_Node, _Node]] = []
        self.pending: _Node | None = None
        self.merges = False  # has a merge key (`<<`)


class _Alias(_Node):
    """`*name`: the anchored node, with the size and depth of its expanded subtree."""

    __slots__ = ("target", "cyclic", "size", "depth")

    def __init__(self, line: int, col: int, target: _Node, cyclic: bool) -> None:
        self.line = line
        self.col = col
        self.target = target
        self.cyclic = cyclic  # inside what it names
        self.size = 1
        self.depth = 0


def _measure(node: _Node, memo: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """(nodes, depth) of the expanded subtree. An alias inside knows its own, so the walk
    never goes through an alias and is at most MAX_DEPTH deep."""
    if isinstance(node, _Scalar):
        return 1, 0  # depth counts lists and mappings
    if isinstance(node, _Alias):
        return node.size, node.depth
    known = memo.get(id(node))
    if known is not None:
        return known
    children = node.items if isinstance(node, _Seq) else [n for p in node.pairs for n in p]  # type: ignore[attr-defined]
    size, depth = 1, 0
    for child in children:
        s, d = _measure(child, memo)
        size += s
        depth = max(depth, d)
    memo[id(node)] = (size, depth + 1)
    return size, depth + 1


def _deref(node: _Node) -> _Node:
    while isinstance(node, _Alias) and not node.cyclic:
        node = node.target
    return node


def _flatten(node: _Map, report: Report | None = None, path: str = "") -> list[tuple[_Node, _Node]]:
    """The pairs of a mapping with YAML merge keys (`<<: *base`, `<<: [*a, *b]`) resolved:
    explicit keys win, then the first source that has the key."""
    if not node.merges:
        return node.pairs
    merged: list[tuple[_Node, _Node]] = []
    own: list[tuple[_Node, _Node]] = []
    for key, value in node.pairs:
        if isinstance(key, _Scalar) and key.merge:
            target = _deref(value)
            sources = [_deref(s) for s in target.items] if isinstance(target, _Seq) else [target]
            for src in sources:
                if isinstance(src, _Map):
                    merged.extend(_flatten(src, report, path))
                elif report is not None:
                    report.error(
                        Location(path, src.line, src.col), "merge", "'<<' kräver en mappning"
                    )
        else:
            own.append((key, value))
    seen = {_key_text(k) for k, _ in own}
    kept: list[tuple[_Node, _Node]] = []
    for k, v in merged:
        text = _key_text(k)
        if text not in seen:
            seen.add(text)
            kept.append((k, v))
    return kept + own


def _key_text(key: _Node) -> str | None:
    key = _deref(key)
    return str(key.value) if isinstance(key, _Scalar) else None


@dataclass(frozen=True, slots=True)
class Position:
    value: Location
    key: Location | None = None


@dataclass
class Document:
    """A loaded YAML file: its data, and the node graph that gives every path a position."""

    path: str
    data: Any
    root: _Node | None = None
    #: Positions (line, col) of values the loader refused and already reported; a model
    #: check does not report them again.
    refused: set[tuple[int, int]] = field(default_factory=set)

    def _loc(self, node: _Node) -> Location:
        return Location(self.path, node.line, node.col)

    def position(self, loc: PathKey) -> Position | None:
        """The position of the node at `loc` (its value and, in a mapping, its key)."""
        node = self.root
        key: _Node | None = None
        for part in loc:
            node = _deref(node) if node is not None else None
            if isinstance(node, _Seq) and isinstance(part, int) and 0 <= part < len(node.items):
                key, node = None, node.items[part]
            elif isinstance(node, _Map) and isinstance(part, str):
                for k, v in _flatten(node):
                    if _key_text(k) == part:
                        key, node = _deref(k), v
                        break
                else:
                    return None
            else:
                return None
        if node is None:
            return None
        return Position(self._loc(node), self._loc(key) if key is not None else None)

    def where(self, loc: PathKey, *, at_key: bool = False) -> Location:
        """The best position for `loc`: the node itself, else its nearest ancestor."""
        probe = tuple(loc)
        while probe:
            pos = self.position(probe)
            if pos is not None:
                return pos.key if at_key and pos.key is not None else pos.value
            probe = probe[:-1]
        return self._loc(self.root) if self.root is not None else Location(self.path, 1, 1)


class _Refused(Exception):
    """The file is not read: too large, too deep or an alias bomb (reported at `where`)."""

    def __init__(self, line: int, col: int, code: str, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.code, self.message = line, col, code, message


# --- scalars: YAML 1.2 core schema (1.1 under a %YAML 1.1 directive), as ruamel does -


def _resolvers(version: tuple[int, int]) -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    table: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for versions, tag, regexp, first in implicit_resolvers:
        if version in versions:
            compiled = re.compile(regexp.pattern, regexp.flags)  # not ruamel's lazy wrapper
            for ch in first:
                table.setdefault(ch, []).append((tag, compiled))
    return table


_RESOLVERS = {v: _resolvers(v) for v in ((1, 2), (1, 1))}
_PLAIN_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_BOOLS = {"true": True, "false": False}
#: An event's tag as given: the slot behind ruamel's `tag` property where there is one
#: (a property call per scalar is measurable in a 10⁶-node file).
_tag_of = attrgetter("ctag" if "ctag" in getattr(ScalarEvent, "__slots__", ()) else "tag")
_INT_TAG = "tag:yaml.org,2002:int"
_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"
#: Characters that no XML document (Word, the HTML/PDF pipeline) can carry: unpaired
#: surrogates (only reachable through a "\ud800" escape) and the non-characters U+FFFE/F.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


class _Composer:
    """Events → node graph, one event at a time, without recursion. Nodes, depth and the
    nodes aliases add are counted as the events arrive, so a file over a limit is refused
    at the place where it crosses it, before the rest is read or anything is expanded."""

    def __init__(self, path: str, report: Report) -> None:
        self.path = path
        self.report = report
        self.refused: set[tuple[int, int]] = set()
        self.constructor = YAML(typ="safe", pure=True).constructor
        self.resolvers = _RESOLVERS[(1, 2)]

    def compose(self, next_event: Callable[[], Any]) -> _Node | None:
        anchors: dict[str, _Node] = {}
        measured: dict[int, tuple[int, int]] = {}
        stack: list[_Seq | _Map] = []
        root: _Node | None = None
        nodes = 0
        aliased = 0
        document_mark: Any = None
        scalar = self.scalar
        while True:
            event = next_event()
            kind = type(event)
            node: _Node
            if kind is ScalarEvent:
                mark = event.start_mark
                nodes += 1
                if nodes > MAX_NODES:
                    self._too_many(mark)
                node = scalar(event, mark.line + 1, mark.column + 1)
                if event.anchor is not None:
                    anchors[event.anchor] = node
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                mark = event.start_mark
                nodes += 1
                if nodes > MAX_NODES:
                    self._too_many(mark)
                if len(stack) >= MAX_DEPTH:
                    self._too_deep(mark.line + 1, mark.column + 1)
                coll: _Seq | _Map = (
                    _Map(mark.line + 1, mark.column + 1)
                    if kind is MappingStartEvent
                    else _Seq(mark.line + 1, mark.column + 1)
                )
                if event.anchor is not None:
                    anchors[event.anchor] = coll
                stack.append(coll)
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                node = stack.pop()
            elif kind is AliasEvent:
                mark = event.start_mark
                nodes += 1
                if nodes > MAX_NODES:
                    self._too_many(mark)
                target = anchors.get(event.anchor)
                if target is None:
                    raise ComposerError(None, None, f"found undefined alias {event.anchor!r}", mark)
                cyclic = any(open_node is target for open_node in stack)
                node = _Alias(mark.line + 1, mark.column + 1, target, cyclic)
                if not cyclic:
                    node.size, node.depth = _measure(target, measured)
                aliased += node.size
                if aliased > MAX_ALIAS_NODES:
                    raise _Refused(
                        node.line,
                        node.col,
                        "alias-bomb",
                        f"alias och ankare expanderar här till fler än {MAX_ALIAS_NODES} "
                        "extra noder; filen läses inte",
                    )
                if len(stack) + node.depth > MAX_DEPTH:
                    self._too_deep(node.line, node.col)
            elif kind is DocumentStartEvent:
                if document_mark is not None:
                    raise ComposerError(
                        "expected a single document in the stream",
                        document_mark,
                        "but found another document",
                        event.start_mark,
                    )
                document_mark = event.start_mark
                version = tuple(event.version) if event.version else (1, 2)
                self.resolvers = _RESOLVERS.get(version, _RESOLVERS[(1, 2)])
                continue
            elif kind is StreamEndEvent:
                return root
            else:  # stream start, document end
                continue
            if not stack:
                root = node
                continue
            parent = stack[-1]
            if type(parent) is _Seq:
                parent.items.append(node)
            elif parent.pending is None:  # type: ignore[union-attr]
                parent.pending = node  # type: ignore[union-attr]
                if type(node) is _Scalar and node.merge:
                    parent.merges = True  # type: ignore[union-attr]
            else:
                parent.pairs.append((parent.pending, node))  # type: ignore[union-attr]
                parent.pending = None  # type: ignore[union-attr]

    def _too_many(self, mark: Any) -> None:
        raise _Refused(
            mark.line + 1,
            mark.column + 1,
            "för-många-noder",
            f"filen har fler än {MAX_NODES} värden (listor, mappningar och texter); den läses inte",
        )

    def _too_deep(self, line: int, col: int) -> None:
        raise _Refused(
            line,
            col,
            "för-djup-nästling",
            f"listor och mappningar är nästlade i fler än {MAX_DEPTH} nivåer här; filen läses inte",
        )

    def scalar(self, event: Any, line: int, col: int) -> _Scalar:
        value: str = event.value
        tag = _tag_of(event)
        if tag is not None:
            tag = str(tag)
        if tag is None or tag == "!":
            tag = None
            if event.implicit[0]:  # plain: the type follows from the text
                if _PLAIN_INT.fullmatch(value) and len(value) < 20:  # the common numbers
                    return _Scalar(line, col, int(value))
                if _PLAIN_FLOAT.fullmatch(value):
                    return _Scalar(line, col, float(value))
                for candidate, regexp in self.resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        tag = candidate
                        break
        if tag is None or tag == "!" or tag == _STR_TAG:
            if not value.isascii():
                # NFC: macOS editors may write 'ö' as 'o' + combining diaeresis.
                value = unicodedata.normalize("NFC", value)
                if _NOT_XML.search(value):
                    value = self.not_xml(value, line, col)
            return _Scalar(line, col, value)
        if tag == _NULL_TAG:
            return _Scalar(line, col, None)
        if tag == _MERGE_TAG:
            return _Scalar(line, col, value, merge=True)
        if tag == _INT_TAG:
            if len(value) > _MAX_INT_CHARS:
                return self.too_big(value, line, col)
        elif tag == "tag:yaml.org,2002:bool" and value.lower() in _BOOLS:
            return _Scalar(line, col, _BOOLS[value.lower()])
        node = ScalarNode(tag, value, style=event.style)
        try:
            built = self.constructor.construct_object(node, deep=True)
        except (YAMLError, ValueError, TypeError, ArithmeticError, LookupError, AttributeError):
            built = value  # e.g. `!!int ""` or `!!bool maybe`: the text as written
        if isinstance(built, int) and not isinstance(built, bool) and abs(built) >= MAX_INT:
            return self.too_big(value, line, col)
        return _Scalar(line, col, built)

    def too_big(self, value: str, line: int, col: int) -> _Scalar:
        self.report.error(
            Location(self.path, line, col),
            "för-stort-tal",
            f"heltalet {quote(value, 20)} har fler än 300 siffror; så stora tal går inte att räkna med",
        )
        self.refused.add((line, col))
        return _Scalar(line, col, value)

    def not_xml(self, value: str, line: int, col: int) -> str:
        bad = _NOT_XML.search(value)
        assert bad is not None
        self.report.error(
            Location(self.path, line, col),
            "ogiltigt-tecken",
            f"texten innehåller tecknet U+{ord(bad.group()):04X}, som inte kan skrivas i "
            "rapporterna (Word, HTML, PDF); ta bort det",
        )
        self.refused.add((line, col))
        return _NOT_XML.sub("\ufffd", value)


class _Builder:
    """Node graph → plain Python data (dicts, lists, scalars), reporting duplicate keys,
    keys that are not text and aliases that contain themselves. The limits were checked
    while composing, so this recursion is at most MAX_DEPTH deep."""

    def __init__(self, path: str, report: Report) -> None:
        self.path = path
        self.report = report

    def loc(self, node: _Node) -> Location:
        return Location(self.path, node.line, node.col)

    def build(self, node: _Node) -> Any:
        kind = type(node)
        if kind is _Scalar:
            return node.value  # type: ignore[attr-defined]
        if kind is _Map:
            return self.mapping(node)  # type: ignore[arg-type]
        if kind is _Seq:
            build = self.build
            return [build(child) for child in node.items]  # type: ignore[attr-defined]
        assert isinstance(node, _Alias)
        if node.cyclic:
            self.report.error(self.loc(node), "alias-cykel", "alias som refererar till sig själv")
            return None
        return self.build(node.target)

    def mapping(self, node: _Map) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in _flatten(node, self.report, self.path):
            key_node = _deref(key_node)
            if not isinstance(key_node, _Scalar):
                self.report.error(
                    self.loc(key_node), "nyckel-typ", "en nyckel måste vara en enkel text"
                )
                continue
            key = key_node.value if type(key_node.value) is str else str(key_node.value)
            if key in first_seen:
                self.report.error(
                    self.loc(key_node),
                    "dubblett-nyckel",
                    f"nyckeln {quote(key)} finns redan på rad {first_seen[key]}",
                )
                continue
            first_seen[key] = key_node.line
            result[key] = self.build(value_node)
        return result


def decode(raw: bytes, path: str, report: Report) -> str | None:
    """UTF-8 bytes → text; a BOM is a warning, invalid UTF-8 an error at the bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        report.warning(
            Location(path, 1, 1),
            "bom",
            "filen börjar med en BOM (byte order mark); spara den som UTF-8 utan BOM",
        )
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        report.error(
            Location(path, line, col),
            "kodning",
            f"filen är inte UTF-8 (byte 0x{raw[exc.start]:02x}); spara den som UTF-8",
        )
        return None


def _tab_in_indent(text: str, near: Location) -> Location | None:
    """Where the parser stumbled on a tab used for indentation, that tab's position.
    (A tab inside a block of text, e.g. a pasted comment, is valid YAML and not reported.)"""
    lines = text.splitlines()
    for number in (near.line, near.line - 1):
        if 1 <= number <= len(lines):
            m = _TAB_INDENT.match(lines[number - 1])
            if m:
                return Location(near.path, number, len(m.group(1)) + 1)
    return None


def _next_event(text: str, pure: bool) -> Callable[[], Any]:
    """The parser's next-event function: libyaml (ruamel.yaml.clib, about six times
    faster) or pure Python. Neither recurses per nesting level; the composer checks the
    depth."""
    if pure or CParser is None:
        pure_event: Callable[[], Any] = iter(YAML(typ="safe", pure=True).parse(text)).__next__
        return pure_event
    get_event: Callable[[], Any] = CParser(text).get_event
    return get_event


def compose(text: str, path: str, report: Report) -> tuple[_Node | None, set[tuple[int, int]]]:
    """The node graph of `text` under the limits, and the positions of refused values.
    A syntax error raises ruamel's exception from the pure-Python parser, whose messages
    (and their Swedish translations above) are the ones users see: libyaml counts
    positions in UTF-8 bytes and words its errors differently."""
    scratch = Report()
    composer = _Composer(path, scratch)
    with no_gc():
        try:
            root = composer.compose(_next_event(text, pure=False))
        except (MarkedYAMLError, ReaderError):
            scratch = Report()
            composer = _Composer(path, scratch)
            root = composer.compose(_next_event(text, pure=True))
    report.extend(scratch.diagnostics)
    return root, composer.refused


@contextmanager
def no_gc() -> Iterator[None]:
    """The cyclic garbage collector off while a file is composed, built or validated:
    these make hundreds of thousands of new objects without cycles, and the collector's
    passes over them as they grow would double the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_text(text: str, path: str, report: Report) -> Document | None:
    """Parse YAML text; every problem goes to `report` and None is returned on failure."""
    report.files.add(path)
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        report.error(Location(path, 1, 1), "tom-fil", "filen är tom")
        return None
    if len(text) > MAX_BYTES:
        report.error(Location(path), "för-stor", too_large())
        return None
    try:
        node, refused = compose(text, path, report)
    except _Refused as exc:
        report.error(Location(path, exc.line, exc.col), exc.code, exc.message)
        return None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        tab = _tab_in_indent(text, where)
        if tab is not None:
            report.error(tab, "tabb", "tabbtecken i indraget; YAML kräver mellanslag")
        else:
            report.error(where, "yaml-syntax", f"ogiltig YAML: {_swedish_problem(exc)}")
        return None
    except ReaderError as exc:
        before = text[: exc.position]
        where = Location(path, before.count("\n") + 1, len(before.rsplit("\n", 1)[-1]) + 1)
        char = (
            exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
        )
        report.error(
            where,
            "styrtecken",
            f"otillåtet tecken (U+{char:04X}, ett styrtecken) i filen; ta bort det",
        )
        return None
    except YAMLError as exc:
        report.error(Location(path), "yaml-syntax", f"ogiltig YAML: {' '.join(str(exc).split())}")
        return None
    if node is None:
        report.error(Location(path, 1, 1), "tom-fil", "filen är tom")
        return None
    builder = _Builder(path, report)
    if not isinstance(_deref(node), _Map):
        report.error(
            builder.loc(node),
            "toppnivå",
            "filens toppnivå måste vara en mappning (nyckel: värde)",
        )
        return None
    with no_gc():
        data = builder.build(node)
    return Document(path, data, node, refused)


def check_limits(text: str, path: str, report: Report) -> bool:
    """Whether `text` is within the limits every reader of rules files keeps (size,
    nesting, nodes, aliases, integer size, characters XML can carry), so that another
    YAML loader (the round-trip loader of `fmt`) may read it safely. A breach is
    reported; a syntax error only returns False (`validate` words it)."""
    if len(text) > MAX_BYTES:
        report.error(Location(path), "för-stor", too_large())
        return False
    found = Report()
    try:
        compose(text, path, found)
    except _Refused as exc:
        report.error(Location(path, exc.line, exc.col), exc.code, exc.message)
        return False
    except YAMLError:
        return False
    report.extend(found.diagnostics)
    return not found.errors


def too_large() -> str:
    return f"filen är större än {MAX_BYTES // (1024 * 1024)} MB; den läses inte"


def load_file(file: Path, report: Report, display: str | None = None) -> Document | None:
    """Read and parse one YAML file. `display` is the path shown in diagnostics."""
    path = display or file.as_posix()
    report.files.add(path)
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            report.error(Location(path), "för-stor", too_large())
            return None
        raw = file.read_bytes()
    except OSError as exc:
        report.error(Location(path), "läsfel", f"kan inte läsa filen: {exc.strerror}")
        return None
    text = decode(raw, path, report)
    if text is None:
        return None
    return load_text(text, path, report)
