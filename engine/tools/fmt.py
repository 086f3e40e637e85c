"""`maluppfyllelse fmt`: normalise rules files, keeping comments, key order and quoting.

ruamel.yaml's round-trip mode re-emits a file with its comments, key order and quote
style; what changes is layout: two-space mappings, list dashes indented two spaces
under their key, full-line comments indented like the line they precede, no trailing
whitespace, one final newline. A file without data (empty, or only comments) is left as
it is. Long lines are not
re-wrapped (policy staff's comments keep their line breaks). A file that cannot be
loaded is left alone and reported by `validate` instead; a file beyond the limits of
`engine.inputs.yamlfile` (size, nesting, nodes, aliases, integer size) is never given to
the round-trip loader, whose composer recurses per nesting level and has no budget.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter

from engine.diagnostics import Location, Report
from engine.inputs.yamlfile import MAX_BYTES, check_limits, too_large

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _InvalidDate(str):
    """A plain scalar that looks like a date but is none (`2025-13-45`): kept as written.
    `validate` reports it where a number or a date is expected."""


class _Constructor(RoundTripConstructor):
    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return _InvalidDate(node.value)


class _Representer(RoundTripRepresenter):
    pass


def _represent_invalid_date(representer: Any, data: _InvalidDate) -> ScalarNode:
    node: ScalarNode = representer.represent_scalar(_TIMESTAMP, str(data))
    return node


_Constructor.add_constructor(_TIMESTAMP, _Constructor.construct_yaml_timestamp)
_Representer.add_representer(_InvalidDate, _represent_invalid_date)


def round_trip_yaml() -> YAML:
    """ruamel.yaml in round-trip mode with the project's layout (also used by `import`)."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.allow_unicode = True
    return yaml


_BLOCK_SCALAR = re.compile(r"""(?:^|[\s:-])[|>][0-9+-]*\s*(?:#.*)?$""")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def align_comments(lines: list[str]) -> list[str]:
    """Give each full-line comment the indentation of the line it directly precedes.

    ruamel keeps a comment line at its old column when the block around it is
    re-indented; a comment belongs to what follows it, so it moves with that. Lines
    inside block scalars (`|`, `>`) are text, not comments, and are left alone."""
    out = list(lines)
    block_indent: int | None = None
    for i, line in enumerate(lines):
        stripped = line.strip()
        if block_indent is not None:
            if not stripped or _indent(line) > block_indent:
                continue
            block_indent = None
        if stripped.startswith("#"):
            # The comment block must run straight into the line it describes; one
            # followed by a blank line closes what came before and stays where it is.
            following = next((n for n in lines[i + 1 :] if not n.strip().startswith("#")), "")
            if following.strip():
                out[i] = " " * _indent(following) + stripped
        elif _BLOCK_SCALAR.search(line.split(" #")[0] if " #" in line else line):
            block_indent = _indent(line)
    return out


def format_text(text: str) -> str:
    """The normalised text; a file without data (empty or only comments) is left as it is."""
    yaml = round_trip_yaml()
    data = yaml.load(text)
    if data is None:
        return text
    out = io.StringIO()
    yaml.dump(data, out)
    lines = align_comments([line.rstrip() for line in out.getvalue().splitlines()])
    return "\n".join(lines).rstrip("\n") + "\n"


#: The largest file fmt rewrites. ruamel's round trip, which keeps the comments, is pure
#: Python and takes about 15 s per MB (a 5,5 MB file with 400 000 keys took 78 s and
#: 700 MB); the region's largest rules file is 14 kB and a national plan's 61 kB, a
#: national period's målområde 0,2 MB.
FMT_MAX_BYTES = 1_000_000


def format_file(path: Path, report: Report | None = None) -> tuple[str, str] | None:
    """(old, new) text for one file, or None when it cannot be read as YAML. A file is
    read only within the limits `validate` keeps (size, nesting, node and alias budget,
    integer size); a breach goes to `report`."""
    report = report if report is not None else Report()
    shown = path.as_posix()
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            report.error(Location(shown), "för-stor", too_large())
            return None
        if size > FMT_MAX_BYTES:
            report.error(
                Location(shown),
                "för-stor",
                f"filen är {size} byte; fmt formaterar filer upp till {FMT_MAX_BYTES} byte "
                "(ruamels formatering tar omkring 15 s per MB); validate läser den ändå",
            )
            return None
        old = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if not check_limits(old, shown, report):
        return None
    try:
        return old, format_text(old)
    except (YAMLError, ValueError, RecursionError):
        return None
