"""Swedish number formatting: `engine.wording.decimal` gives exactly babel's text.

`decimal` formats with Python's Decimal (fast) and the locale's symbols (written out in
engine.wording, checked against babel's locale data below); babel's own
pattern formatting (`babel_decimal`) is the reference, compared over arbitrary numbers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.wording import DECIMAL, GROUP, LOCALE, babel_decimal, decimal, number, percent

NUMBERS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(min_value=-1e6, max_value=1e6).map(lambda x: round(x, 3)),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.sampled_from([0.05, 0.15, 0.25, 0.35, 2.5, -2.5, 96.85, -0.04, -0.0, 1e-7]),
    # Ties and near-ties at every kept digit, where rounding the binary value and rounding
    # the shortest text part (engine.wording._rounds_alike).
    st.integers(min_value=-(10**7), max_value=10**7).map(lambda n: n / 1000),
    st.integers(min_value=-(10**7), max_value=10**7).map(lambda n: n / 200),
    st.integers(min_value=-(10**6), max_value=10**6).map(lambda n: n / 20 + 0.005),
    st.sampled_from([2.675, 1.005, 81.35, 0.125, 1e15 + 0.5, 9.995, 1e16, -1e-5, 5e-324]),
    st.floats(min_value=0, max_value=200).map(lambda x: round(x, 9)),  # ratios as judged
)


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(NUMBERS, st.integers(min_value=0, max_value=3))
def test_decimal_equals_babel(value: float, digits: int) -> None:
    assert decimal(value, digits) == babel_decimal(value, digits)


def test_swedish_separators_and_minus() -> None:
    assert decimal(1748, 0) == "1\u00a0748"
    assert decimal(-2.4) == "\u22122,4"
    assert decimal(0.35) == "0,4"  # the decimal 0,35 rounded half to even, as babel does
    assert decimal(2.675, 2) == "2,68" and format(2.675, ".2f") == "2.67"  # the text's tie
    assert decimal(0.125, 2) == "0,12" and decimal(-0.04) == "\u22120,0"
    assert number(57.25) == "57,25"
    assert percent(96.8) == "96,8\u00a0%"


def test_the_written_out_symbols_are_babels() -> None:
    from babel.numbers import get_decimal_symbol, get_group_symbol

    assert (GROUP, DECIMAL) == (get_group_symbol(LOCALE), get_decimal_symbol(LOCALE))
