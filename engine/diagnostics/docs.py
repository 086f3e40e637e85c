"""docs/koder.md, generated from the registry of diagnostic codes:

    python -m engine.diagnostics.docs > docs/koder.md

tests/test_codes.py fails when the committed file differs from this output.
"""

from __future__ import annotations

import sys

from engine.diagnostics.codes import ALL, GROUPS, Code

#: How a checked warning is acknowledged (engine.diagnostics.acknowledge), in the header.
ACKNOWLEDGING = [
    "## Godkänna en varning",
    "",
    "En varning som man har kontrollerat (oftast en rimlighetsvarning, t.ex. ett mål över "
    "100 % som faktiskt stämmer) tystas på sin rad med en kommentar som namnger koden:",
    "",
    "```yaml",
    "mål: 880  # maluppfyllelse: godkänd procent-över-100 – besök per 1 000 invånare",
    "```",
    "",
    "- Efter `godkänd` står en eller flera koder, åtskilda med komma eller mellanslag. "
    "Efter koderna kan en motivering stå efter ett tankstreck eller bindestreck med "
    "mellanslag runt (` – `, ` - `).",
    "- En kommentar efter ett värde gäller sin egen rad. En kommentar ensam på en rad gäller "
    "nästa rad som varken är tom eller bara en kommentar (som yamllints `disable-line`).",
    "- Bara **varningar** kan godkännas, och bara den namngivna koden på den raden "
    "varningen pekar på. Ett fel kan inte godkännas: rätta det. En kommentar som namnger "
    "en felkod, en okänd kod eller ingen kod ger själv varningen "
    "[`godkännande`](#godkännande).",
    "- Godkända varningar visas inte och fäller inte `--strict`, men sammanfattningen "
    "räknar dem: `0 fel, 0 varningar (2 godkända) i 22 filer` (också med `--strict`, "
    "`--format github`); `--format json` har `antal_godkända` och listan `godkända`, "
    "`--format junit` egenskapen `godkända` och raderna `godkänd: …` i filens "
    "`system-out`.",
]


def _example_block(code: Code) -> str:
    """A printed message is shown as text, anything else as the YAML that gives it."""
    lang = "text" if code.example.endswith(f"[{code.name}]") else "yaml"
    return f"```{lang}\n{code.example}\n```"


def markdown() -> str:
    """docs/koder.md: one section per code, grouped by the step that finds it."""
    out = [
        "# Diagnostikkoder",
        "",
        "<!-- Skapad av `python -m engine.diagnostics.docs > docs/koder.md`; ändra inte för hand. -->",
        "",
        "Varje problem som `maluppfyllelse` rapporterar slutar med en kod inom hakparentes, "
        "t.ex. `[typ]`. Här förklaras varje kod: vad den betyder, hur man rättar det och ett "
        "exempel. **fel** ger slutkod 1; **varning** ger slutkod 0 om inte `--strict` anges.",
        "",
    ]
    for group, title in GROUPS.items():
        names = ", ".join(f"[`{c.name}`](#{c.name})" for c in ALL if c.group == group)
        out.append(f"- **{title}**: {names}")
    out += ["", *ACKNOWLEDGING]
    for group, title in GROUPS.items():
        out += ["", f"## {title}"]
        for c in ALL:
            if c.group != group:
                continue
            severity = " eller ".join(s.value for s in c.severities)
            out += [
                "",
                f"### `{c.name}`",
                "",
                f"**{severity}**. {c.explanation}",
                "",
                _example_block(c),
            ]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.reconfigure(encoding="utf-8", newline="\n")  # type: ignore[union-attr]
    sys.stdout.write(markdown())
