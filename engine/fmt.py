"""`maluppfyllelse fmt`: normalise rules files, keeping comments, key order and quoting.

ruamel.yaml's round-trip mode re-emits a file with its comments, key order and quote
style; what changes is layout: two-space mappings, list dashes indented two spaces
under their key, no trailing whitespace, one final newline. Long lines are not
re-wrapped (policy staff's comments keep their line breaks). A file that cannot be
loaded is left alone and reported by `validate` instead.
"""

from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.allow_unicode = True
    return yaml


def format_text(text: str) -> str:
    yaml = _yaml()
    data = yaml.load(text)
    out = io.StringIO()
    yaml.dump(data, out)
    lines = [line.rstrip() for line in out.getvalue().splitlines()]
    return "\n".join(lines).rstrip("\n") + "\n"


def yaml_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files += sorted(f for f in p.rglob("*.yaml") if f.is_file())
        elif p.is_file():
            files.append(p)
    return files


def format_file(path: Path) -> tuple[str, str] | None:
    """(old, new) text for one file, or None when it cannot be read as YAML."""
    try:
        old = path.read_text(encoding="utf-8")
        return old, format_text(old)
    except (UnicodeDecodeError, YAMLError):
        return None
