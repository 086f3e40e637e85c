""" "Menade du …?": the closest known name to a mistyped one, for every kind of name.

One helper for unknown keys, ids, nämnder and statuses, so that a typo gets the same
kind of hint wherever it is made. Matching ignores case, so `minst` finds `Minst`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

CUTOFF = 0.6


def closest(word: str, options: Iterable[str]) -> str | None:
    """The option most like `word`, or None when none is close enough."""
    choices = [o for o in options if isinstance(o, str)]
    by_fold = {o.casefold(): o for o in choices}
    match = difflib.get_close_matches(word.casefold(), list(by_fold), n=1, cutoff=CUTOFF)
    return by_fold[match[0]] if match else None


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """' (menade du 'X'?)' or '' — ready to append to a message."""
    found = closest(word, options)
    return f" (menade du '{found}'?)" if found is not None and found != word else ""
