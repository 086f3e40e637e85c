"""History: a measure's earlier values and its trend (bättre / oförändrad / sämre).

Pure, like the rest of the evaluation. The trend rule (documented in README.md,
"Historik och trend"):

- The trend compares the utfall with the previous period (the newest period folder
  before the evaluated one) when it has a value there, else with the same period last
  year (same month, the year before). A method that compares with the same period last
  year (`jämförelse` or `nivå_och_trend` with `mot: föregående_år`) tries that one first,
  so the trend shown is the one its colour was judged on.
- Only periods with the same target in force are compared: a nyckeltal whose target
  differs per period (`mål_över_tid`: 455 in tertial 1, 227 in tertial 2) counts something
  per period, so the previous period is skipped and the same period last year used.
- It needs a riktning: higher is better for Minst, Högre än and >; lower is better for
  Max, Lägre än, Kortare än and <. Without a riktning, an utfall or an earlier value there
  is no trend.
- "oförändrad" when the two values are equal at the precision the report shows them
  (one decimal, rounded as the report rounds); else "bättre" or "sämre" by the direction.
  So 52,04 against 52,0 is unchanged, and a change the reader cannot see is not a trend.
- An outcome's `jämförelsevärde` is not used for the trend: it names no period, and the
  trend always says which period it is against. It does feed the methods.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from engine.inputs.loaded import Earlier
from engine.wording import decimal

TrendWord = Literal["bättre", "oförändrad", "sämre"]


class Trend(NamedTuple):
    word: TrendWord
    against: Earlier


def compare(value: float, earlier: float, higher_is_better: bool) -> TrendWord:
    """'oförändrad' when equal at one decimal as shown, else 'bättre'/'sämre'.

    Two values more than 0,2 apart never round to the same tenth (below 10¹⁵, where a
    float's printed form is within far less than 0,05 of it), so only closer ones are
    formatted to tell: formatting was most of the cost of a trend."""
    apart = abs(value - earlier) > 0.2 and abs(value) < 1e15 and abs(earlier) < 1e15
    if not apart and decimal(value, 1) == decimal(earlier, 1):
        return "oförändrad"
    improved = value > earlier if higher_is_better else value < earlier
    return "bättre" if improved else "sämre"


def trend(
    value: float | None,
    higher_is_better: bool | None,
    previous_period: Earlier | None,
    last_year: Earlier | None,
) -> Trend | None:
    """The trend against the previous period, else the same period last year."""
    against = previous_period or last_year
    if value is None or higher_is_better is None or against is None:
        return None
    return Trend(compare(value, against.value, higher_is_better), against)
