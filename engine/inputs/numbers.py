"""Stage 1, inputs: a number as Swedish users type it into Excel or a CSV file.

One normalisation for every tabular input (workbooks, CSV, Parquet): the minus sign
U+2212 and the en dash become '-', non-breaking and thin spaces become spaces, and a
trailing percent sign goes. What then counts as a number (a decimal comma, spaces
between thousands, an exponent) is each reader's own rule, as are its messages.
"""

from __future__ import annotations

import math
import re

_SPACES = ("\u00a0", "\u202f", "\u2009")


def normalised(text: str) -> str:
    """'−1 920,5 %' (with U+2212 and a no-break space) → '-1 920,5'."""
    text = text.strip().replace("\u2212", "-").replace("\u2013", "-")
    for space in _SPACES:
        text = text.replace(space, " ")
    return re.sub(r"\s*%$", "", text)


def as_number(parsed: float) -> float | int | str:
    """A parsed float as the YAML would hold it (an integer when whole), or why not."""
    if not math.isfinite(parsed):
        return "ska vara ett ändligt tal"
    return int(parsed) if parsed.is_integer() and abs(parsed) < 1e15 else parsed
