"""Stage 1, load: parser events → the node graph of `engine.inputs.yamlgraph`, under its
limits, with the scalars typed as ruamel's safe loader types them (YAML 1.2 core schema,
or 1.1 under a `%YAML 1.1` directive)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from operator import attrgetter
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
from engine.inputs import yamlgraph
from engine.inputs.yamlgraph import (
    MAX_INT,
    Alias,
    Map,
    Node,
    Refused,
    Scalar,
    Seq,
    measure,
    no_gc,
)

#: libyaml's parser (ruamel.yaml.clib), or None when it is not installed.
CParser: Any = getattr(ruamel.yaml.main, "CParser", None)
_STR_TAG = "tag:yaml.org,2002:str"
_MAX_INT_CHARS = 1_200  # longer integer literals are refused before int() is called

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
tag_of = attrgetter("ctag" if "ctag" in getattr(ScalarEvent, "__slots__", ()) else "tag")
_INT_TAG = "tag:yaml.org,2002:int"
_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"
#: Characters that no XML document (Word, the HTML/PDF pipeline) can carry: unpaired
#: surrogates (only reachable through a "\ud800" escape) and the non-characters U+FFFE/F.
NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


class Composer:
    """Events → node graph, one event at a time, without recursion. Nodes, depth and the
    nodes aliases add are counted as the events arrive, so a file over a limit is refused
    at the place where it crosses it, before the rest is read or anything is expanded."""

    def __init__(self, path: str, report: Report) -> None:
        self.path = path
        self.report = report
        self.refused: set[tuple[int, int]] = set()
        self.resolvers = _RESOLVERS[(1, 2)]
        # The limits as they are now (tests lower them).
        self.max_nodes = yamlgraph.MAX_NODES
        self.max_depth = yamlgraph.MAX_DEPTH
        self.max_alias_nodes = yamlgraph.MAX_ALIAS_NODES
        self.nodes = 0  # as written, so far
        self.aliased = 0  # added by aliases, so far
        self.anchors: dict[str, Node] = {}
        self.measured: dict[int, tuple[int, int]] = {}
        self.stack: list[Seq | Map] = []
        self.document: Any = None  # the start mark of the (only) document

    def compose(self, next_event: Callable[[], Any]) -> Node | None:
        stack = self.stack
        root: Node | None = None
        scalar = self.scalar
        max_nodes = self.max_nodes
        while True:
            event = next_event()
            kind = type(event)
            node: Node
            if kind is ScalarEvent:
                mark = event.start_mark
                self.nodes += 1  # self.count(mark), inline: most events are scalars
                if self.nodes > max_nodes:
                    self.count(mark, 0)
                node = scalar(event, mark.line + 1, mark.column + 1)
                if event.anchor is not None:
                    self.anchors[event.anchor] = node
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                stack.append(self.open(event, kind is MappingStartEvent))
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                node = stack.pop()
            elif kind is AliasEvent:
                node = self.alias(event)
            elif kind is StreamEndEvent:
                return root
            else:  # stream start, document start and end
                if kind is DocumentStartEvent:
                    self.start_document(event)
                continue
            if not stack:
                root = node
                continue
            parent = stack[-1]
            if type(parent) is Seq:
                parent.items.append(node)
            elif parent.pending is None:  # type: ignore[union-attr]
                parent.pending = node  # type: ignore[union-attr]
                if type(node) is Scalar and node.merge:
                    parent.merges = True  # type: ignore[union-attr]
            else:
                parent.pairs.append((parent.pending, node))  # type: ignore[union-attr]
                parent.pending = None  # type: ignore[union-attr]

    def count(self, mark: Any, new: int = 1) -> None:
        self.nodes += new
        if self.nodes > self.max_nodes:
            raise Refused(
                mark.line + 1,
                mark.column + 1,
                "för-många-noder",
                f"filen har fler än {self.max_nodes} värden (listor, mappningar och texter); "
                "den läses inte",
            )

    def open(self, event: Any, mapping: bool) -> Seq | Map:
        mark = event.start_mark
        self.count(mark)
        if len(self.stack) >= self.max_depth:
            self.too_deep(mark.line + 1, mark.column + 1)
        node = (
            Map(mark.line + 1, mark.column + 1) if mapping else Seq(mark.line + 1, mark.column + 1)
        )
        if event.anchor is not None:
            self.anchors[event.anchor] = node
        return node

    def alias(self, event: Any) -> Alias:
        """`*name`: refused when what it names would take the file over the alias budget
        or the nesting limit; it is never expanded here."""
        mark = event.start_mark
        self.count(mark)
        target = self.anchors.get(event.anchor)
        if target is None:
            raise ComposerError(None, None, f"found undefined alias {event.anchor!r}", mark)
        cyclic = any(open_node is target for open_node in self.stack)
        node = Alias(mark.line + 1, mark.column + 1, target, cyclic)
        if not cyclic:
            node.size, node.depth = measure(target, self.measured)
        self.aliased += node.size
        if self.aliased > self.max_alias_nodes:
            raise Refused(
                node.line,
                node.col,
                "alias-bomb",
                f"alias och ankare expanderar här till fler än {self.max_alias_nodes} "
                "extra noder; filen läses inte",
            )
        if len(self.stack) + node.depth > self.max_depth:
            self.too_deep(node.line, node.col)
        return node

    def start_document(self, event: Any) -> None:
        if self.document is not None:
            raise ComposerError(
                "expected a single document in the stream",
                self.document,
                "but found another document",
                event.start_mark,
            )
        self.document = event.start_mark
        version = tuple(event.version) if event.version else (1, 2)
        self.resolvers = _RESOLVERS.get(version, _RESOLVERS[(1, 2)])

    def too_deep(self, line: int, col: int) -> None:
        raise Refused(
            line,
            col,
            "för-djup-nästling",
            f"listor och mappningar är nästlade i fler än {self.max_depth} nivåer här; "
            "filen läses inte",
        )

    @functools.cached_property
    def constructor(self) -> Any:
        """ruamel's constructor for the scalars typed otherwise (dates, `!!float`, 1e3):
        made only when a file has one; making it took about a seventh of composing the
        region's files, most of which have none."""
        return YAML(typ="safe", pure=True).constructor

    def scalar(self, event: Any, line: int, col: int) -> Scalar:
        value: str = event.value
        tag = tag_of(event)
        if tag is not None:
            tag = str(tag)
        if tag is None or tag == "!":
            tag = None
            if event.implicit[0]:  # plain: the type follows from the text
                if _PLAIN_INT.fullmatch(value) and len(value) < 20:  # the common numbers
                    return Scalar(line, col, int(value))
                if _PLAIN_FLOAT.fullmatch(value):
                    return Scalar(line, col, float(value))
                for candidate, regexp in self.resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        tag = candidate
                        break
        if tag is None or tag == "!" or tag == _STR_TAG:
            if not value.isascii():
                # NFC: macOS editors may write 'ö' as 'o' + combining diaeresis.
                value = unicodedata.normalize("NFC", value)
                if NOT_XML.search(value):
                    value = self.not_xml(value, line, col)
            return Scalar(line, col, value)
        if tag == _NULL_TAG:
            return Scalar(line, col, None)
        if tag == _MERGE_TAG:
            return Scalar(line, col, value, merge=True)
        if tag == _INT_TAG:
            if len(value) > _MAX_INT_CHARS:
                return self.too_big(value, line, col)
        elif tag == "tag:yaml.org,2002:bool" and value.lower() in _BOOLS:
            return Scalar(line, col, _BOOLS[value.lower()])
        node = ScalarNode(tag, value, style=event.style)
        try:
            built = self.constructor.construct_object(node, deep=True)
        except (YAMLError, ValueError, TypeError, ArithmeticError, LookupError, AttributeError):
            built = value  # e.g. `!!int ""` or `!!bool maybe`: the text as written
        if isinstance(built, int) and not isinstance(built, bool) and abs(built) >= MAX_INT:
            return self.too_big(value, line, col)
        return Scalar(line, col, built)

    def too_big(self, value: str, line: int, col: int) -> Scalar:
        self.report.error(
            Location(self.path, line, col),
            "för-stort-tal",
            f"heltalet {quote(value, 20)} har fler än 300 siffror; så stora tal går inte att räkna med",
        )
        self.refused.add((line, col))
        return Scalar(line, col, value)

    def not_xml(self, value: str, line: int, col: int) -> str:
        bad = NOT_XML.search(value)
        assert bad is not None
        self.report.error(
            Location(self.path, line, col),
            "ogiltigt-tecken",
            f"texten innehåller tecknet U+{ord(bad.group()):04X}, som inte kan skrivas i "
            "rapporterna (Word, HTML, PDF); ta bort det",
        )
        self.refused.add((line, col))
        return NOT_XML.sub("\ufffd", value)


def next_event(text: str, pure: bool) -> Callable[[], Any]:
    """The parser's next-event function: libyaml (ruamel.yaml.clib, about six times
    faster) or pure Python. Neither recurses per nesting level; the composer checks the
    depth."""
    if pure or CParser is None:
        pure_event: Callable[[], Any] = iter(YAML(typ="safe", pure=True).parse(text)).__next__
        return pure_event
    get_event: Callable[[], Any] = CParser(text).get_event
    return get_event


def compose(text: str, path: str, report: Report) -> tuple[Node | None, set[tuple[int, int]]]:
    """The node graph of `text` under the limits, and the positions of refused values.
    A syntax error raises ruamel's exception from the pure-Python parser, whose messages
    (and their Swedish translations above) are the ones users see: libyaml counts
    positions in UTF-8 bytes and words its errors differently."""
    scratch = Report()
    composer = Composer(path, scratch)
    with no_gc():
        try:
            root = composer.compose(next_event(text, pure=False))
        except (MarkedYAMLError, ReaderError):
            scratch = Report()
            composer = Composer(path, scratch)
            root = composer.compose(next_event(text, pure=True))
    report.extend(scratch.diagnostics)
    return root, composer.refused
