"""What a judgement method is given (`Inputs`) and returns (`Judgement`), for
`engine.evaluation.methods`. Named tuples: immutable, and cheap to build, as one of each
is made for every pair of a national evaluation."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple, Protocol

from engine.inputs.loaded import Compiled
from engine.models import Band, Riktning, StatusKey

#: The underlag of a judgement that has none (shared, and read-only).
NO_DETAILS: Mapping[str, Any] = MappingProxyType({})


class Judgement(NamedTuple):
    """A status with its account. A named tuple (immutable, and cheap to build: one is made
    for every pair of a national evaluation), like the other per-pair values here."""

    status: StatusKey
    method: str
    text: str | Callable[[], str]
    ratio: float | None = None
    details: Mapping[str, Any] = NO_DETAILS
    #: Why the measure could not be judged, when the method itself found out (e.g. a
    #: ratio that overflows); shown as `ej_bedömd_orsak`.
    reason: str | None = None

    @property
    def account(self) -> str:
        """The Swedish account of how the status was reached. Built on first use: number
        formatting costs far more than judging, and a bulk evaluation may never show it."""
        return self.text if isinstance(self.text, str) else self.text()


class Inputs(NamedTuple):
    value: float
    target: float | None
    direction: Riktning | None
    band: Band
    #: The value the method compares with (`föregående` in an expression).
    previous: float | None = None
    expression: Compiled | None = None
    #: The utfall of the previous period folder and of the same period last year.
    previous_period: float | None = None
    last_year: float | None = None
    #: The value of the nyckeltal's baseline measurement (`baslinje`), and its year.
    baseline: float | None = None
    baseline_year: int | None = None

    @property
    def way(self) -> Riktning:
        """The direction, for a method that needs one (the rule checks demand it)."""
        assert self.direction is not None
        return self.direction


class Method(Protocol):
    def __call__(self, config: Any, inp: Inputs) -> Judgement: ...
