"""Stage 3, evaluate: a utfall against a target by the ratio, the common judgement.

`banded` (the yellow band over the ratio, `kvot` and `jämförelse`) is called once per pair of
a national plan, directly by the bulk evaluation (engine.evaluation.bulk), so it is written
out here with its account, which is built only when shown (`_ratio_account`). The other
methods are in engine.evaluation.methods, which also holds the registry `METHODS`.
"""

from __future__ import annotations

import math
from functools import lru_cache, partial

from engine.evaluation.judgement import Judgement
from engine.models import Band, Riktning, StatusKey
from engine.wording import number, percent

#: riktning → (higher is better, strict)
DIRECTIONS: dict[str, tuple[bool, bool]] = {
    "Minst": (True, False),
    "Högre än": (True, True),
    ">": (True, True),
    "Max": (False, False),
    "Lägre än": (False, True),
    "Kortare än": (False, True),
    "<": (False, True),
}
#: `tuple.__new__`, for the Judgement built once per pair of `banded` (see evaluation/bulk).
_new = tuple.__new__

OPERATOR = {(True, False): "≥", (True, True): ">", (False, False): "≤", (False, True): "<"}


def is_met(value: float, target: float, direction: Riktning) -> bool:
    higher, strict = DIRECTIONS[direction]
    if higher:
        return value > target if strict else value >= target
    return value < target if strict else value <= target


def ratio(value: float, target: float, direction: Riktning) -> float | None:
    """Måluppfyllelse in percent: utfall ÷ mål, or mål ÷ utfall when lower is better."""
    higher, _ = DIRECTIONS[direction]
    if higher:
        q = value / target * 100 if target else None
    else:
        q = target / value * 100 if value > 0 else None
    # A vanishing utfall or target gives no meaningful ratio (and infinity is not a number
    # a report or JSON can show): the status then rests on the bound alone.
    return round(q, 9) if q is not None and math.isfinite(q) else None


def banded_ratio(
    name: str, value: float, target: float, direction: Riktning, band: Band
) -> Judgement:
    """A ratio judged with the yellow band (`kvot`, and `jämförelse` with the earlier
    value as target). Its numbers are the inputs and the guarded ratio, so it needs no
    `finite` check: the evaluator calls it directly for `kvot`, the common case."""
    higher, strict = DIRECTIONS[direction]
    return banded(name, value, target, direction, higher, strict, band.low, band.high)


def banded(
    name: str,
    value: float,
    target: float,
    direction: Riktning,
    higher: bool,
    strict: bool,
    low: float,
    high: float,
) -> Judgement:
    """`banded_ratio` with the riktning and the band taken apart: the bulk evaluation
    (engine.evaluation.bulk) does that once per nyckeltal, and calls this for each pair.
    `ratio` and `is_met` are written out here for the same reason."""
    if higher:
        met = value > target if strict else value >= target
        q: float | None = value / target * 100 if target else None
    else:
        met = value < target if strict else value <= target
        q = target / value * 100 if value > 0 else None
    if q is not None:
        q = round(q, 9) if math.isfinite(q) else None
    if met:
        status: StatusKey = "grön"
    elif q is not None and high < 100 and q >= high:
        status = "grön"
    elif q is not None and q >= low:
        status = "gul"
    else:
        status = "röd"
    # A partial, not a closure: one object instead of a function and a cell per name, which
    # the garbage collector would walk for every pair.
    explain = partial(_ratio_account, name, value, target, direction, low, high, q, status, met)
    details = {"utfall": value, "mål": target, "gult_från": low, "gult_till": high}
    return _new(Judgement, (status, name, explain, q, details, None))


def _ratio_account(
    name: str,
    value: float,
    target: float,
    direction: Riktning,
    low: float,
    high: float,
    q: float | None,
    status: StatusKey,
    met: bool,
) -> str:
    """The account of `banded_ratio`: "kvot: krav utfall ≥ 60, utfall 57,5: ej uppfyllt;
    utfall ÷ mål = 95,8 %; kvoten ligger i det gula intervallet 90–100 %". `met` is
    `is_met` of these numbers, judged in `banded`: not judged again."""
    head, formula, why = _ratio_words(name, target, direction, low, high)
    shown = percent(q) if q is not None else "–"
    verdict = ": uppfyllt" if met else ": ej uppfyllt"
    return f"{head}{number(value)}{verdict}{formula}{shown}{_MET if met else why[status]}"


_MET = "; målet uppnått"


def _ratio_words(
    name: str, target: float, direction: Riktning, low: float, high: float
) -> tuple[str, str, dict[str, str]]:
    """The words of a ratio's account that are the same for every nämnd of a nyckeltal:
    the bound up to the utfall, the formula, and why each colour. Remembered (60 000
    accounts of a national period have 200 nyckeltal's words), except for a zero, which
    prints apart from −0 though the two are equal keys."""
    if target == 0 or low == 0 or high == 0:
        return _words(name, target, direction, low, high)
    return _remembered_words(name, target, direction, low, high)


def _words(
    name: str, target: float, direction: Riktning, low: float, high: float
) -> tuple[str, str, dict[str, str]]:
    higher, strict = DIRECTIONS[direction]
    head = f"{name}: krav utfall {OPERATOR[(higher, strict)]} {number(target)}, utfall "
    formula = "; utfall ÷ mål = " if higher else "; mål ÷ utfall = "
    why = {
        "grön": f"; kvoten når {number(high)} %",
        "gul": f"; kvoten ligger i det gula intervallet {number(low)}–{number(high)} %",
        "röd": f"; kvoten är under {number(low)} %",
    }
    return head, formula, why


_remembered_words = lru_cache(maxsize=4096)(_words)
