"""docs/koder.md, generated from the registry of diagnostic codes:

    python -m engine.diagnostics.docs > docs/koder.md

tests/test_codes.py fails when the committed file differs from this output.
"""

from __future__ import annotations

import sys

from engine.diagnostics.codes import ALL, GROUPS, Code


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
