"""The JSON writer of `evaluate --format json` (engine.output.resultat_json._dumps): orjson
for speed, with exactly the bytes pydantic-core's `to_json(indent=2, inf_nan_mode="null")`
writes, which the contract tests compare with the validated models' own text."""

from __future__ import annotations

import math
from typing import Any

import pydantic_core
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.output.resultat_json import _dumps


def _reference(data: Any) -> bytes:
    return pydantic_core.to_json(data, indent=2, inf_nan_mode="null")


#: Text with control characters, quotes, backslashes, Swedish letters, line and paragraph
#: separators and characters beyond the basic plane (no lone surrogates: neither writer
#: can encode those).
_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from('\x00\x1f\x7f"\\/\b\f\n\r\tåäöÅÄÖ−\u00a0\u2028\u2029😀'),
    ),
    max_size=30,
)
_NUMBER = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
)
_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), _NUMBER, _TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(_TEXT, inner, max_size=5)),
    max_leaves=40,
)


@settings(max_examples=600, deadline=None)
@given(_VALUE)
def test_the_writer_writes_what_pydantic_core_writes(data: Any) -> None:
    assert _dumps(data) == _reference(data)


def test_numbers_at_the_edges_are_written_alike() -> None:
    edges = [1e16, 1e15, 1e21, 1e22, 1e-7, 5e-324, 1.7976931348623157e308, -0.0, 0.1, 1 / 3]
    data = [*edges, math.nan, math.inf, -math.inf, 2**63 - 1, -(2**63), 3462.0, 81.1]
    assert _dumps(data) == _reference(data)
    assert b"NaN" not in _dumps(data) and b"Infinity" not in _dumps(data)


def test_an_integer_beyond_64_bits_is_left_to_pydantic_core() -> None:
    """orjson refuses integers beyond 64 bits; pydantic-core writes them."""
    data = {"underlag": {"intervall": 2**70, "mål": math.nan}}
    assert _dumps(data) == _reference(data)
    assert b"1180591620717411303424" in _dumps(data)
