"""A printed target (`mål_text`) that says something else than the target (`mål`).

`mål_text` is the target as the document prints it ("Minst 4,07", "Max 1 200 patienter",
">67%"); `mål`, `riktning` and `enhet` are what the evaluation uses. If someone edits
one and not the other, the appendix prints an old target beside a new judgement. The
printed text is read back: its number (Swedish: decimal comma, spaces between
thousands, − or -), its direction word (Minst, Max, Högre än, Lägre än, Kortare än, >,
<) when it has one, and a percent sign. A warning (`mål-text`) is given when the number
differs from `mål`, when a printed direction points the other way than `riktning`
(higher versus lower is better; "Minst" and ">" are both "higher"), or when the text
says % and `enhet` is not "%". A text without a number ("Ska öka") is not compared.
"""

from __future__ import annotations

import re

from engine.checks.plausibility import warn
from engine.checks.rule_checks import own_measure
from engine.diagnostics import Report
from engine.evaluation.methods import DIRECTIONS
from engine.inputs.loaded import Ref
from engine.wording import number

_NUMBER = re.compile(r"[−-]?\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|[−-]?\d+(?:,\d+)?")
_WORDS = sorted(DIRECTIONS, key=len, reverse=True)


def read_printed(text: str) -> tuple[str | None, float | None, bool]:
    """(direction, number, says percent) of a printed target."""
    stripped = text.strip()
    direction = next((d for d in _WORDS if stripped.startswith(d)), None)
    found = _NUMBER.search(stripped)
    value = None
    if found:
        digits = found.group().replace("\u2212", "-").replace(" ", "").replace("\u00a0", "")
        value = float(digits.replace(",", "."))
    return direction, value, "%" in stripped


def printed_target_matches(ref: Ref, report: Report) -> None:
    m = own_measure(ref)
    if m is None or not m.target_text or m.target is None:
        return
    direction, value, percent = read_printed(m.target_text)
    problems = []
    if value is not None:
        decimals = len(str(value).split(".")[1].rstrip("0")) if "." in str(value) else 0
        if round(m.target, max(decimals, 0)) != value and m.target != value:
            problems.append(f"talet {number(value)} men mål är {number(m.target)}")
    if direction is not None and m.direction is not None:
        if DIRECTIONS[direction][0] != DIRECTIONS[m.direction][0]:
            problems.append(f"'{direction}' men riktning är '{m.direction}'")
    if percent and (m.unit or "").strip() != "%":
        problems.append(f"% men enhet är '{m.unit or ''}'")
    if problems:
        warn(
            report,
            ref,
            ("mål_text",),
            "mål-text",
            f"mål_text '{m.target_text}' säger {' och '.join(problems)}; rätta den ena",
        )
