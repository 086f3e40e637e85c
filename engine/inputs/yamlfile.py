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

The limits and the node graph are in `engine.inputs.yamlgraph`, the composition from
events in `engine.inputs.yamlcompose`. `check_limits` applies the same limits for another
loader (`fmt`'s round-trip loader).
This is the only module that converts ruamel's 0-based marks to 1-based positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from engine.diagnostics import Location, Report
from engine.diagnostics.hints import os_reason
from engine.inputs.yamlcompose import compose
from engine.inputs.yamlgraph import (
    Builder,
    Map,
    Node,
    Refused,
    Seq,
    deref,
    flatten,
    key_text,
    no_gc,
)
from engine.inputs.yamlplain import plain_data

#: Largest file accepted, in bytes. An outcome file for a whole nation (10⁵ entries) is
#: about 5 MB; 20 MB leaves room and bounds the parse (~2 s) and memory (~0.5 GB).
MAX_BYTES = 20 * 1024 * 1024

PathKey = tuple[str | int, ...]
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
    (
        r"expected the node content, but found '-'",
        "väntade ett värde men fick '-'; en lista inom [ ] skrivs utan '-'",
    ),
    (r"expected the node content, but found '(.*)'", r"väntade ett värde men fick '\1'"),
)
#: The parser's names of what it found, as a Swedish reader would say them.
_TOKENS = {
    "'<scalar>'": "ett värde",
    "'<block mapping start>'": "en nyckel med ett annat indrag",
    "'<block sequence start>'": "en lista",
    "'<block end>'": "slutet på blocket",
    "'<stream end>'": "filens slut",
    "'<document start>'": "'---'",
    "'<anchor>'": "ett ankare ('&')",
    "'<alias>'": "ett alias ('*')",
    "'<tag>'": "en tagg ('!')",
}
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
    for token, said in _TOKENS.items():
        problem = problem.replace(token, said)
    mark = exc.context_mark
    if exc.problem and exc.context and mark is not None:
        where = next((sv for en, sv in _CONTEXTS if en in exc.context), "i det")
        problem += f" ({where} som börjar på rad {mark.line + 1}, kolumn {mark.column + 1})"
    return problem


@dataclass(frozen=True, slots=True)
class Position:
    value: Location
    key: Location | None = None


@dataclass
class Document:
    """A loaded YAML file: its data, and the node graph that gives every path a position."""

    path: str
    data: Any
    root: Node | None = None
    #: Positions (line, col) of values the loader refused and already reported; a model
    #: check does not report them again.
    refused: set[tuple[int, int]] = field(default_factory=set)
    #: The text of a file loaded by the fast path (`engine.inputs.yamlplain`): its node
    #: graph is composed the first time a position is asked for.
    text: str | None = field(default=None, repr=False, compare=False)
    #: Per mapping looked into (by id; the graph is kept, so ids stay), its pairs by key.
    _keys: dict[int, dict[str, tuple[Node, Node]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def _loc(self, node: Node) -> Location:
        return Location(self.path, node.line, node.col)

    def _graph(self) -> Node | None:
        if self.root is None and self.text is not None:
            # The fast path found nothing to report, so this finds nothing either.
            self.root, _ = compose(self.text, self.path, Report())
            self.text = None
        return self.root

    def position(self, loc: PathKey) -> Position | None:
        """The position of the node at `loc` (its value and, in a mapping, its key)."""
        node = self._graph()
        key: Node | None = None
        for part in loc:
            node = deref(node) if node is not None else None
            if isinstance(node, Seq) and isinstance(part, int) and 0 <= part < len(node.items):
                key, node = None, node.items[part]
            elif isinstance(node, Map) and isinstance(part, str):
                pair = self._pairs(node).get(part)
                if pair is None:
                    return None
                key, node = deref(pair[0]), pair[1]
            else:
                return None
        if node is None:
            return None
        return Position(self._loc(node), self._loc(key) if key is not None else None)

    def _pairs(self, node: Map) -> dict[str, tuple[Node, Node]]:
        """The mapping's pairs by key text, the first of equal keys kept (the one a scan
        finds), made once per mapping: a scan for every position made a file with
        thousands of problems in one mapping take minutes."""
        found = self._keys.get(id(node))
        if found is None:
            found = {}
            for k, v in flatten(node):
                text = key_text(k)
                if text is not None and text not in found:
                    found[text] = (k, v)
            self._keys[id(node)] = found
        return found

    def where(self, loc: PathKey, *, at_key: bool = False) -> Location:
        """The best position for `loc`: the node itself, else its nearest ancestor."""
        probe = tuple(loc)
        while probe:
            pos = self.position(probe)
            if pos is not None:
                return pos.key if at_key and pos.key is not None else pos.value
            probe = probe[:-1]
        root = self._graph()
        return self._loc(root) if root is not None else Location(self.path, 1, 1)


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
    data = plain_data(text, path)
    if data is not None:
        return Document(path, data, text=text)
    try:
        node, refused = compose(text, path, report)
    except Refused as exc:
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
    builder = Builder(path, report)
    if not isinstance(deref(node), Map):
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
    except Refused as exc:
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
        report.error(Location(path), "läsfel", f"kan inte läsa filen: {os_reason(exc)}")
        return None
    text = decode(raw, path, report)
    if text is None:
        return None
    return load_text(text, path, report)
