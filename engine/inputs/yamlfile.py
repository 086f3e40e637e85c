"""Stage 1, load: YAML bytes → plain Python data plus a position for every node.

Input is untrusted. We let ruamel.yaml *compose* the node graph (which keeps marks) and
build the Python values ourselves, so that:

- every mapping key, value and sequence item keeps its 1-based `Location`;
- duplicate keys are all reported (ruamel's constructor stops at the first);
- aliases and merge keys are expanded under a node budget, so an alias bomb
  ("billion laughs") is a diagnostic instead of a memory blow-up;
- encoding problems, a BOM, tabs used for indentation, an empty file and a top level
  that is not a mapping each get their own clear diagnostic.

This is the only module that converts ruamel's 0-based marks to 1-based positions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from engine.diagnostics import Location, Report

#: Expanded nodes allowed per file. The real rules are a few thousand nodes; a file
#: whose aliases expand beyond this is refused rather than built in memory.
MAX_NODES = 200_000
#: Largest file accepted, in bytes.
MAX_BYTES = 5 * 1024 * 1024

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


@dataclass(frozen=True, slots=True)
class Position:
    value: Location
    key: Location | None = None


@dataclass
class Document:
    """A loaded YAML file: its data and the position of every node by path."""

    path: str
    data: Any
    positions: dict[PathKey, Position] = field(default_factory=dict)

    def where(self, loc: PathKey, *, at_key: bool = False) -> Location:
        """The best position for `loc`: the node itself, else its nearest ancestor."""
        probe = tuple(loc)
        while probe:
            pos = self.positions.get(probe)
            if pos is not None:
                return pos.key if at_key and pos.key is not None else pos.value
            probe = probe[:-1]
        root = self.positions.get(())
        return root.value if root else Location(self.path, 1, 1)


class _BudgetExceeded(Exception):
    pass


class _Builder:
    def __init__(self, path: str, report: Report) -> None:
        self.path = path
        self.report = report
        self.positions: dict[PathKey, Position] = {}
        self.count = 0
        self.constructor = YAML(typ="safe", pure=True).constructor

    def loc(self, node: Node) -> Location:
        mark = node.start_mark
        return Location(self.path, mark.line + 1, mark.column + 1)

    def build(self, node: Node, path: PathKey, active: frozenset[int] = frozenset()) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _BudgetExceeded
        if id(node) in active:
            self.report.error(self.loc(node), "alias-cykel", "alias som refererar till sig själv")
            return None
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        active = active | {id(node)}
        if isinstance(node, SequenceNode):
            items = []
            for i, child in enumerate(node.value):
                self.positions[path + (i,)] = Position(self.loc(child))
                items.append(self.build(child, path + (i,), active))
            return items
        if isinstance(node, MappingNode):
            return self.mapping(node, path, active)
        return None  # pragma: no cover - ruamel has no other node kinds

    def scalar(self, node: ScalarNode) -> Any:
        if node.tag == _STR_TAG:  # most scalars are text: skip the constructor
            # NFC: macOS editors may write 'ö' as 'o' + combining diaeresis.
            value: str = node.value
            return value if value.isascii() else unicodedata.normalize("NFC", value)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (YAMLError, ValueError, TypeError):
            return node.value

    def mapping(self, node: MappingNode, path: PathKey, active: frozenset[int]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Location] = {}
        for key_node, value_node in self.flatten(node):
            if not isinstance(key_node, ScalarNode):
                self.report.error(
                    self.loc(key_node), "nyckel-typ", "en nyckel måste vara en enkel text"
                )
                continue
            key = str(self.scalar(key_node))
            key_loc = self.loc(key_node)
            if key in first_seen:
                prev = first_seen[key]
                self.report.error(
                    key_loc,
                    "dubblett-nyckel",
                    f"nyckeln '{key}' finns redan på rad {prev.line}",
                )
                continue
            first_seen[key] = key_loc
            child = path + (key,)
            self.positions[child] = Position(self.loc(value_node), key_loc)
            result[key] = self.build(value_node, child, active)
        return result

    def flatten(self, node: MappingNode) -> list[tuple[Node, Node]]:
        """Resolve YAML merge keys (`<<: *base` or `<<: [*a, *b]`)."""
        merged: list[tuple[Node, Node]] = []
        own: list[tuple[Node, Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
                for src in sources:
                    if isinstance(src, MappingNode):
                        self.count += len(src.value)
                        if self.count > MAX_NODES:
                            raise _BudgetExceeded
                        merged.extend(self.flatten(src))
                    else:
                        self.report.error(self.loc(src), "merge", "'<<' kräver en mappning")
            else:
                own.append((key_node, value_node))
        # YAML merge semantics: explicit keys win, then the first source that has the key.
        seen = {k.value for k, _ in own if isinstance(k, ScalarNode)}
        kept: list[tuple[Node, Node]] = []
        for k, v in merged:
            if k.value not in seen:
                seen.add(k.value)
                kept.append((k, v))
        return kept + own


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


def _compose(text: str) -> Node | None:
    """Compose with libyaml (ruamel.yaml.clib) when it is installed: about six times
    faster. On a syntax error, compose again with the pure-Python parser, whose
    messages (and their Swedish translations above) are the ones users see."""
    try:
        return YAML(typ="safe", pure=False).compose(text)  # type: ignore[no-any-return]
    except (MarkedYAMLError, ReaderError):
        # libyaml counts positions in UTF-8 bytes; the pure parser counts characters.
        return YAML(typ="safe", pure=True).compose(text)  # type: ignore[no-any-return]


def load_text(text: str, path: str, report: Report) -> Document | None:
    """Parse YAML text; every problem goes to `report` and None is returned on failure."""
    report.files.add(path)
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        report.error(Location(path, 1, 1), "tom-fil", "filen är tom")
        return None
    try:
        node = _compose(text)
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
    if not isinstance(node, MappingNode):
        report.error(
            builder.loc(node),
            "toppnivå",
            "filens toppnivå måste vara en mappning (nyckel: värde)",
        )
        return None
    try:
        data = builder.build(node, ())
    except _BudgetExceeded:
        report.error(
            Location(path, 1, 1),
            "alias-bomb",
            f"filen expanderar till fler än {MAX_NODES} noder (alias/ankare); den läses inte",
        )
        return None
    except RecursionError:
        report.error(Location(path, 1, 1), "djup", "filen är för djupt nästlad")
        return None
    builder.positions[()] = Position(builder.loc(node))
    return Document(path, data, builder.positions)


def load_file(file: Path, report: Report, display: str | None = None) -> Document | None:
    """Read and parse one YAML file. `display` is the path shown in diagnostics."""
    path = display or file.as_posix()
    report.files.add(path)
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            report.error(Location(path), "för-stor", f"filen är större än {MAX_BYTES} byte")
            return None
        raw = file.read_bytes()
    except OSError as exc:
        report.error(Location(path), "läsfel", f"kan inte läsa filen: {exc.strerror}")
        return None
    text = decode(raw, path, report)
    if text is None:
        return None
    return load_text(text, path, report)
