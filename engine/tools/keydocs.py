"""`docs/nycklar.md`: every key of every file kind, generated from the JSON Schemas.

The reference is made from the same schemas that editors use (`engine.tools.schema`),
so a key added to the models is documented the moment it exists, and a test fails when
the committed file is older than the models. Per file kind: a table of its keys (YAML
key, what it holds, required or its default, and the Swedish description); each nested
mapping (a nyckeltal, a bedömning, …) gets its own table once. The names an expression
may use come from `engine.evaluation.expressions`.

    python -m engine.tools.keydocs > docs/nycklar.md
"""

from __future__ import annotations

import json
from typing import Any

from engine.evaluation.expressions import FUNCTIONS, GEH_NAMES, NYCKELTAL_NAMES, STATUS_NAMES
from engine.tools.schema import SCHEMAS, schema_for

HEADER = """# Nycklar i regel- och utfallsfilerna

Genererad från modellerna (`python -m engine.tools.keydocs > docs/nycklar.md`); ändra inte
för hand. Beskrivningarna är desamma som editorn visar via JSON Schema
(`maluppfyllelse schema`). Obligatoriska nycklar är markerade; övriga har sitt
standardvärde angivet. Tal skrivs med punkt (`10.5`), procent som procenttal (`84`).
"""

_TYPES = {"string": "text", "number": "tal", "integer": "heltal", "boolean": "true/false",
          "null": "tomt"}  # fmt: skip


#: Swedish headings for the models whose class names are English; others keep theirs.
TITLES = {
    "Band": "Band (från–till)",
    "BandItem": "Intervall (band)",
    "Banded": "Metod band",
    "DeclaredJudgement": "Beslutad bedömning",
    "FinansielltMal": "Finansiellt mål",
    "Forandring": "Metod förändring",
    "GehRule": "Regel för god ekonomisk hushållning",
    "GehTexts": "Texter i bilagan",
    "Jamforelse": "Metod jämförelse",
    "Kvot": "Metod kvot",
    "Namnd": "Nämnd",
    "NamndKommentar": "Nämndens kommentar och bedömning",
    "NyckeltalUtfall": "Nyckeltalets utfall",
    "Outcome": "Utfall",
    "Sammanvagning": "Sammanvägning",
    "StatusDef": "Status i skalan",
    "UppdragUtfall": "Uppdragets utfall",
    "Uppfyllt": "Metod uppfyllt",
    "Uttryck": "Metod uttryck",
}


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _title(name: str) -> str:
    return TITLES.get(name, name)


def _anchor(name: str) -> str:
    keep = "".join(c if c.isalnum() or c in " -" else "" for c in _title(name).lower())
    return keep.replace(" ", "-")


def _type(node: dict[str, Any]) -> str:
    """A short Swedish description of a schema node's type."""
    if "$ref" in node:
        name = _ref_name(node["$ref"])
        return f"[{_title(name)}](#{_anchor(name)})"
    if "const" in node:
        return f"`{json.dumps(node['const'], ensure_ascii=False)}`"
    if "enum" in node:
        return "en av " + ", ".join(f"`{v}`" for v in node["enum"])
    for union in ("anyOf", "oneOf"):
        if union in node:
            parts = [_type(n) for n in node[union] if n.get("type") != "null"]
            return " eller ".join(dict.fromkeys(parts)) or "tomt"
    kind = node.get("type")
    if kind == "array":
        return f"lista av {_type(node.get('items', {}))}"
    if kind == "object":
        patterns = node.get("patternProperties") or {}
        for pattern, values in patterns.items():
            key_text = "nämnd-id" if "A-Z" in pattern else "nyckel"
            return f"mappning {key_text} → {_type(values)}"
        values = node.get("additionalProperties")
        if isinstance(values, dict):
            return f"mappning nyckel → {_type(values)}"
        return "mappning"
    if isinstance(kind, str):
        text = _TYPES.get(kind, kind)
        if node.get("format") == "date":
            text = "datum (ÅÅÅÅ-MM-DD)"
        return text
    return "värde"


def _default(node: dict[str, Any], required: bool) -> str:
    if required:
        return "**krävs**"
    if "default" in node:
        return f"`{json.dumps(node['default'], ensure_ascii=False)}`"
    return "–"


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _table(node: dict[str, Any]) -> list[str]:
    props: dict[str, Any] = node.get("properties", {})
    required = set(node.get("required", []))
    rows = ["| Nyckel | Värde | Standard | Beskrivning |", "|---|---|---|---|"]
    for name, prop in props.items():
        rows.append(
            f"| `{name}` | {_cell(_type(prop))} | {_default(prop, name in required)} "
            f"| {_cell(prop.get('description', ''))} |"
        )
    return rows


def _section(kind: str) -> list[str]:
    schema = schema_for(kind)
    _, title = SCHEMAS[kind]
    lines = [f"## {title}", "", f"Schema: `schema/{kind}.schema.json`.", ""]
    lines += _table(schema)
    return lines


def _definitions() -> list[str]:
    """Each nested mapping once, in name order, from all the schemas."""
    seen: dict[str, dict[str, Any]] = {}
    for kind in SCHEMAS:
        for name, node in schema_for(kind).get("$defs", {}).items():
            seen.setdefault(name, node)
    lines = ["## Delar som återkommer", ""]
    for name in sorted(seen, key=_title):
        node = seen[name]
        lines += [f"### {_title(name)}", ""]
        if node.get("description"):
            lines += [_cell(node["description"]), ""]
        if "properties" in node:
            lines += _table(node)
        else:
            lines.append(f"Värde: {_cell(_type(node))}")
        lines.append("")
    return lines


def _names() -> list[str]:
    def listed(names: tuple[str, ...]) -> str:
        return ", ".join(f"`{n}`" for n in names)

    return [
        "## Namn i uttryck",
        "",
        "Uttryck (`metod: uttryck` och regeln i `hushallning.yaml`) räknas med simpleeval och "
        "får bara använda dessa namn och funktionerna " + listed(tuple(FUNCTIONS)) + ".",
        "",
        f"- I ett nyckeltals uttryck: {listed(NYCKELTAL_NAMES)}. Uttrycket ska ge en status: "
        f"{listed(STATUS_NAMES)}.",
        f"- I regeln för god ekonomisk hushållning: {listed(GEH_NAMES)}.",
        "",
    ]


def document() -> str:
    lines = [HEADER]
    for kind in SCHEMAS:
        lines += _section(kind) + [""]
    lines += _names() + _definitions()
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover - the generator's command line
    import sys

    sys.stdout.write(document())
