"""Judgement methods: how one utfall against one target becomes a colour.

A registry you can grep (`METHODS`), keyed by the name used in the rules
(`bedömning: {metod: …}`). Every method returns a `Judgement` that carries, besides the
status, a short Swedish account of how it was reached and the numbers it used, so an
auditor can trace every colour to its inputs. Pure functions: no I/O. The ratio and its
yellow band (`banded`, the common case, which the bulk evaluation calls per pair) are in
engine.evaluation.ratios.

Decisions (where the documents are silent):
- Ratios are compared unrounded, to 9 decimals (so 81 ÷ 90 is exactly 90 %, not
  89,999… because of floating point); the report shows them with one decimal.
- Strict bounds ("Högre än", ">", "Lägre än", "Kortare än", "<"): an utfall equal to the
  target is *not* met, so with a ratio of 100 % it is gul, not grön.
- `förändring`: met is grön, a change in the right direction that falls short is gul
  ("pågående aktiviteter i rätt riktning"), no change or the wrong direction is röd.
- `jämförelse`: the earlier utfall is the target, judged as `kvot` with the band. A `mål`
  on the measure is accepted and not used (it may be printed in the report).
- `nivå_och_trend` (a level and a trend in one nyckeltal): the level is `mål` with the
  riktning (as `uppfyllt`), the trend is "bättre" against the earlier utfall by the rule
  of `engine.evaluation.trend` (so an unchanged value at one decimal is not an
  improvement). Rule `nivå_räcker`: level met → grön, else trend bättre → gul, else röd;
  without an earlier value it judges the level alone and says so. Rule `båda`: both →
  grön, one of the two → gul, neither → röd; without an earlier value 'ej bedömd'.
- A method is given only what it needs: `riktning` is None for `band` on the utfall and
  `uttryck` when the rule has none (then `kvot` is None in an expression, like `mål`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from engine.evaluation.expressions import ExpressionError
from engine.evaluation.judgement import Inputs, Judgement, Method
from engine.evaluation.ratios import DIRECTIONS, OPERATOR, banded_ratio, is_met, ratio
from engine.evaluation.trend import compare
from engine.models import (
    COLOURS,
    Banded,
    BandItem,
    Forandring,
    Jamforelse,
    Kvot,
    NivaOchTrend,
    Riktning,
    StatusKey,
    Uppfyllt,
    Uttryck,
)
from engine.wording import number


def _bound(value: float, target: float, direction: Riktning, met: bool | None = None) -> str:
    """The bound in words; `met` when the caller has already judged it (`is_met`)."""
    higher, strict = DIRECTIONS[direction]
    op = OPERATOR[(higher, strict)]
    if met is None:
        met = is_met(value, target, direction)
    verdict = "uppfyllt" if met else "ej uppfyllt"
    return f"krav utfall {op} {number(target)}, utfall {number(value)}: {verdict}"


def judge_ratio(config: Kvot, inp: Inputs) -> Judgement:
    assert inp.target is not None
    return banded_ratio("kvot", inp.value, inp.target, inp.way, config.yellow_band or inp.band)


def judge_met(config: Uppfyllt, inp: Inputs) -> Judgement:
    target = inp.target
    assert target is not None
    met = is_met(inp.value, target, inp.way)
    return Judgement(
        "grön" if met else "röd",
        "uppfyllt",
        lambda: f"uppfyllt: {_bound(inp.value, target, inp.way)}",
        None,
        {"utfall": inp.value, "mål": inp.target},
    )


def _band_account(basis: str, x: float, index: int, band: BandItem) -> Callable[[], str]:
    def explain() -> str:
        lo = number(band.low) if band.low is not None else "−∞"
        hi = number(band.high) if band.high is not None else "∞"
        return (
            f"band: {basis} {number(x)} ligger i intervall {index + 1} [{lo}, {hi}) → {band.status}"
        )

    return explain


def judge_bands(config: Banded, inp: Inputs) -> Judgement:
    if config.basis == "kvot":
        assert inp.target is not None
        x = ratio(inp.value, inp.target, inp.way)
    else:
        x = inp.value
    q = _optional_ratio(inp)
    if x is None:
        return Judgement("ej_bedömd", "band", "band: kvoten kan inte beräknas", q)
    for i, b in enumerate(config.bands):
        if (b.low is None or x >= b.low) and (b.high is None or x < b.high):
            return Judgement(
                b.status,
                "band",
                _band_account(config.basis, x, i, b),
                q,
                {config.basis: x, "intervall": i + 1},
            )
    return Judgement(
        "ej_bedömd",
        "band",
        lambda: f"band: {config.basis} {number(x)} ligger utanför alla intervall",
        q,
    )


def _optional_ratio(inp: Inputs) -> float | None:
    """The ratio where a target and a direction are given (band on the utfall and
    uttryck need neither), else None."""
    if not inp.target or inp.direction is None:
        return None
    return ratio(inp.value, inp.target, inp.direction)


def not_judged(method: str, reason: str) -> Judgement:
    """'ej bedömd' because a number the method needs cannot be formed."""
    return Judgement("ej_bedömd", method, f"{method}: ej bedömd: {reason}", reason=reason)


def finite(judgement: Judgement) -> Judgement:
    """A judgement whose ratio or underlag is not a finite number (an overflow from a
    vanishing or huge input) becomes 'ej bedömd' with the reason: infinity and NaN are
    not numbers that JSON or a report can show, nor a basis for a colour."""
    numbers = [judgement.ratio, *judgement.details.values()]
    if all(not isinstance(x, float) or math.isfinite(x) for x in numbers):
        return judgement
    return not_judged(
        judgement.method, "kvoten kan inte beräknas, talen är för stora eller för små"
    )


def judge_change(config: Forandring, inp: Inputs) -> Judgement:
    assert inp.target is not None
    base_value = config.base_value
    if base_value is None and inp.baseline_year == config.base_year:
        base_value = inp.baseline  # the baseline measurement of that year
    if base_value:
        change = (inp.value - base_value) / base_value * 100
    else:
        change = inp.value
    if not math.isfinite(change):
        return not_judged(
            "förändring", "förändringen kan inte beräknas, talen är för stora eller för små"
        )
    change = round(change, 9)
    higher, _ = DIRECTIONS[inp.way]
    met = is_met(change, inp.target, inp.way)
    right_way = change > 0 if higher else change < 0
    q = change / inp.target * 100 if inp.target else None
    if q is not None and not math.isfinite(q):
        return not_judged(
            "förändring", "kvoten kan inte beräknas, målet är för nära noll eller talen för stora"
        )
    q = round(q, 9) if q is not None else None
    status: StatusKey = "grön" if met else ("gul" if right_way else "röd")
    target = inp.target

    def explain() -> str:
        base = base_value
        if base:
            how = (
                f"förändring mot {config.base_year} = ({number(inp.value)} − {number(base)}) ÷ "
                f"{number(base)} = {number(round(change, 1))} %"
            )
        else:
            how = f"förändring mot {config.base_year}: {number(change)} %"
        why = {
            "grön": "målet uppnått",
            "gul": "förändring i rätt riktning men målet är inte nått",
            "röd": "ingen förändring i rätt riktning",
        }[status]
        return f"förändring: {how}; mål {number(target)} %; {why}"

    return Judgement(status, "förändring", explain, q, {"förändring": change, "mål": target})


def judge_previous(config: Jamforelse, inp: Inputs) -> Judgement:
    against = "föregående år" if config.against == "föregående_år" else "föregående period"
    if inp.previous is None:
        why = f"utfall för {against} saknas (ange jämförelsevärde eller lägg in den perioden)"
        return Judgement("ej_bedömd", "jämförelse", f"jämförelse: {why}", reason=why)
    j = banded_ratio("jämförelse", inp.value, inp.previous, inp.way, inp.band)
    return Judgement(
        j.status, j.method, lambda: f"{j.account} (målet är utfallet {against})", j.ratio, j.details
    )


_AGAINST = {"föregående_år": "föregående år", "föregående_period": "föregående period"}
#: `båda`: how many of the two conditions are met → the colour.
_BOTH: tuple[StatusKey, StatusKey, StatusKey] = ("röd", "gul", "grön")


def judge_level_and_trend(config: NivaOchTrend, inp: Inputs) -> Judgement:
    target = inp.target
    assert target is not None
    level = is_met(inp.value, target, inp.way)
    against = _AGAINST[config.against]
    details: dict[str, Any] = {
        "utfall": inp.value,
        "mål": target,
        "nivå": "uppfyllt" if level else "ej uppfyllt",
        "regel": config.rule,
    }
    level_text = f"nivå {_bound(inp.value, target, inp.way)}"
    if inp.previous is None:
        why = f"utfall för {against} saknas"
        if config.rule == "båda":
            why += " (ange jämförelsevärde eller lägg in den perioden)"
            text = f"nivå_och_trend: {level_text}; trend: ej bedömd: {why}"
            return Judgement("ej_bedömd", "nivå_och_trend", text, None, details, why)
        status: StatusKey = "grön" if level else "röd"
        text = f"nivå_och_trend: {level_text}; trend: {why}, bedömt på nivån ensam → {status}"
        return Judgement(status, "nivå_och_trend", text, None, details)
    previous = inp.previous
    word = compare(inp.value, previous, DIRECTIONS[inp.way][0])
    improved = word == "bättre"
    details |= {"föregående": previous, "trend": word}
    if config.rule == "båda":
        status = _BOTH[level + improved]
        rule = "båda villkoren ska vara uppfyllda"
    else:
        status = "grön" if level else ("gul" if improved else "röd")
        rule = "nivån räcker, annars gul om trenden är bättre"

    def explain() -> str:
        shown = f"trend mot {against} ({number(previous)}): {word}"
        return f"nivå_och_trend: {level_text}; {shown}; {rule} → {status}"

    return Judgement(status, "nivå_och_trend", explain, None, details)


def judge_expression(config: Uttryck, inp: Inputs) -> Judgement:
    assert inp.expression is not None
    q = _optional_ratio(inp)
    names = {
        "utfall": inp.value,
        "mål": inp.target,
        "kvot": q,
        "föregående": inp.previous,
        "föregående_period": inp.previous_period,
        "föregående_år": inp.last_year,
        "basvärde": inp.baseline,
        "gul_från": inp.band.low,
        "gul_till": inp.band.high,
    }
    result = inp.expression.evaluate(names)
    if isinstance(result, bool):
        status: StatusKey = "grön" if result else "röd"
    elif result in COLOURS:
        status = result
    else:
        raise ExpressionError(
            f"uttrycket gav {result!r}; det ska ge 'grön', 'gul', 'röd', 'ej_bedömd' eller sant/falskt"
        )
    # The underlag holds the values the expression was given, not only its result, so an
    # auditor can redo it (names without a value are left out).
    used = {name: value for name, value in names.items() if value is not None}
    return Judgement(
        status,
        "uttryck",
        f"uttryck: {inp.expression.source} → {status}",  # no number formatting: cheap
        q,
        {**used, "resultat": str(result)},
    )


METHODS: dict[str, Method] = {
    "kvot": judge_ratio,
    "uppfyllt": judge_met,
    "band": judge_bands,
    "förändring": judge_change,
    "jämförelse": judge_previous,
    "nivå_och_trend": judge_level_and_trend,
    "uttryck": judge_expression,
}
