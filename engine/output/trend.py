"""The trend of a nyckeltal as printed in every format of Bilaga 1: a symbol and words,
never colour alone ("↑ bättre än april 2025 (52 %)", "→ oförändrad mot april 2025 (52 %)",
"↓ sämre än april 2025 (52 %)"); the period is named as the report names it, not by
its code. Empty where there is no earlier value, so a report without earlier period
folders looks as before. The rule itself is `engine.evaluation.trend`."""

from __future__ import annotations

from engine.evaluation.results import MeasureResult
from engine.wording import period_words, value_text

SYMBOLS = {"bättre": "↑", "oförändrad": "→", "sämre": "↓"}
_LINK = {"bättre": "än", "oförändrad": "mot", "sämre": "än"}


def trend_text(m: MeasureResult) -> str:
    """'↑ bättre än april 2025 (52 %)', or '' without a trend."""
    t = m.trend
    if t is None:
        return ""
    earlier = value_text(t.against.value, m.unit)
    # The symbol stays with its word (a non-breaking space) in a narrow cell.
    return f"{SYMBOLS[t.word]}\u00a0{t.word} {_LINK[t.word]} {period_words(t.against.period)} ({earlier})"
