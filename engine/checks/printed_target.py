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
Each target over time (`mål_över_tid`) is compared the same way with its own `mål_text`.
"""

from __future__ import annotations

import re

from engine.checks.plausibility import warn
from engine.checks.rule_checks import own_measure
from engine.diagnostics import Report
from engine.evaluation.ratios import DIRECTIONS
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
    """The plain `mål_text` against `mål`, and each `mål_över_tid` entry's `mål_text`
    against that entry's `mål`."""
    m = own_measure(ref)
    if m is None:
        return
    targets: list[tuple[tuple[str | int, ...], str | None, float | None]] = [
        ((), m.target_text, m.target)
    ]
    targets += [
        (("mål_över_tid", i), e.target_text, e.target) for i, e in enumerate(m.targets_over_time)
    ]
    for where, text, target in targets:
        if not text or target is None:
            continue
        problems = _problems(text, target, m.direction, m.unit)
        if problems:
            warn(
                report,
                ref,
                (*where, "mål_text"),
                "mål-text",
                f"mål_text '{text}' säger {' och '.join(problems)}; rätta den ena",
            )


def _problems(text: str, target: float, riktning: str | None, unit: str | None) -> list[str]:
    direction, value, percent = read_printed(text)
    problems = []
    if value is not None:
        decimals = len(str(value).split(".")[1].rstrip("0")) if "." in str(value) else 0
        if round(target, max(decimals, 0)) != value and target != value:
            problems.append(f"talet {number(value)} men mål är {number(target)}")
    if direction is not None and riktning is not None:
        if DIRECTIONS[direction][0] != DIRECTIONS[riktning][0]:
            problems.append(f"'{direction}' men riktning är '{riktning}'")
    if percent and (unit or "").strip() != "%":
        problems.append(f"% men enhet är '{unit or ''}'")
    return problems
