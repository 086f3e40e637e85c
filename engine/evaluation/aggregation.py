"""Sammanvägning: how a målområde's suggested status is combined from its parts.

A registry you can grep: the rules file names one of these (`sammanvägning.regel`).
Each rule takes the colours of the parts (never "ej_bedömd": not assessed is not a
colour) and returns a status. With no assessed parts the result is "ej_bedömd".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from engine.models import StatusKey

#: Worst first; used to break ties towards the more cautious judgement.
SEVERITY: dict[StatusKey, int] = {"röd": 0, "gul": 1, "grön": 2}


def worst(colours: Sequence[StatusKey]) -> StatusKey:
    """The worst colour of the parts: one red part makes the area red."""
    return min(colours, key=lambda c: SEVERITY[c])


def majority(colours: Sequence[StatusKey]) -> StatusKey:
    """The most common colour; a tie goes to the worse colour."""
    counts = Counter(colours)
    return min(counts, key=lambda c: (-counts[c], SEVERITY[c]))


def mean(colours: Sequence[StatusKey]) -> StatusKey:
    """Mean of grön=2, gul=1, röd=0: at least 1.5 is grön, at least 0.5 gul, else röd."""
    score = sum(SEVERITY[c] for c in colours) / len(colours)
    if score >= 1.5:
        return "grön"
    return "gul" if score >= 0.5 else "röd"


AGGREGATIONS: dict[str, Callable[[Sequence[StatusKey]], StatusKey]] = {
    "sämsta": worst,
    "majoritet": majority,
    "medel": mean,
}


def combine(rule: str, colours: Sequence[StatusKey]) -> StatusKey:
    assessed = [c for c in colours if c != "ej_bedömd"]
    if not assessed:
        return "ej_bedömd"
    return AGGREGATIONS[rule](assessed)
