"""The budget deviation chart's geometry: where every line, point, tick and label goes.

Input: a DeviationPath (engine.evaluation.economy). Output: a `Chart` of plain numbers
and label texts, in SVG user units (points, 6.6 × 3.3 inches as the Word picture), which
engine.output.chart_svg only writes out. The scales follow what matplotlib drew before
(engine.output.chart still draws Word's PNG with it): x from 0.6 to 12.4 months, y the
values and zero with 18 % margin, y ticks chosen as matplotlib's MaxNLocator(6) chooses
them. Two polylines do not need a plotting library, and importing matplotlib costs more
than the whole HTML report may take (issue 8).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from engine.evaluation.economy import DeviationPath
from engine.wording import decimal

MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
FORECAST_LABEL = "Prognos för helåret, avvikelse mot budget"
PATH_LABEL = "Rak väg till budget i balans i december"
WIDTH, HEIGHT = 475.2, 237.6
TOP, BOTTOM, RIGHT = 3.0, 197.25, 472.2  # the plot area's edges (left depends on labels)
TICK = 3.5  # tick mark length, outward
FONT, SMALL = 9.0, 8.0
#: An average glyph of Liberation Sans in font sizes, for the legend's layout (its texts
#: are mostly lower case) and the room for the y labels (digits and the minus sign):
#: the texts are text, laid out by the browser, so their widths can only be estimated.
GLYPH, DIGIT = 0.51, 0.56
STEPS = (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)  # MaxNLocator's default


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class LegendEntry:
    x0: float  # the sample line
    x1: float
    y: float
    text: Label  # baseline
    marker: bool


@dataclass(frozen=True)
class Chart:
    """Everything the SVG shows, in user units with y growing downwards."""

    left: float
    zero_y: float
    forecast: list[tuple[float, float]]
    path: list[tuple[float, float]]
    values: list[Label]  # the forecasts' numbers beside their points
    x_ticks: list[Label]  # at the tick's x; y is the label's baseline
    y_ticks: list[Label]  # at the tick's y; x is where the right-aligned label ends
    ylabel: Label
    legend: list[LegendEntry]


def nice_ticks(low: float, high: float, bins: int = 6) -> list[float]:
    """The ticks within [low, high] that matplotlib's MaxNLocator(bins) gives."""
    span = high - low
    mean = (high + low) / 2
    offset = 0.0
    if abs(mean) / span >= 100:
        offset = math.copysign(10 ** (math.log10(abs(mean)) // 1), mean)
    scale = 10 ** (math.log10(span / bins) // 1)
    lo, hi = low - offset, high - offset
    extended = [0.1 * s for s in STEPS[:-1]] + list(STEPS) + [10 * STEPS[1]]
    steps = [s * scale for s in extended]
    raw = span / bins
    last = next(i for i, s in enumerate(steps) if s >= raw)
    ticks: list[float] = []
    for step in reversed(steps[: last + 1]):
        base = (lo // step) * step
        first = _edge(lo - base, step, upper=False)
        stop = _edge(hi - base, step, upper=True)
        ticks = [k * step + base for k in range(first, stop + 1)]
        if sum(lo <= t <= hi for t in ticks) >= 2:
            break
    eps = span * 1e-10
    return [t + offset for t in ticks if lo - eps <= t <= hi + eps]


def _edge(x: float, step: float, *, upper: bool) -> int:
    """How many steps fit in x, a remainder within rounding error counted as none."""
    d, m = divmod(x, step)
    if upper:
        return int(d) if abs(m / step) < 1e-10 else int(d) + 1
    return int(d) + 1 if abs(m / step - 1) < 1e-10 else int(d)


def geometry(p: DeviationPath) -> Chart:
    known = [(pt.month, pt.deviation) for pt in p.points if pt.deviation is not None]
    path = [(pt.month, pt.path) for pt in p.points if pt.path is not None]
    low = min([0.0, *(v for _, v in known)])
    high = max([0.0, *(v for _, v in known)])
    margin = (high - low) * 0.18 or 1.0
    y0, y1 = low - margin, high + margin
    ticks = nice_ticks(y0, y1)
    tick_texts = [decimal(t, 0) for t in ticks]
    left = 27.5 + FONT * DIGIT * max(len(t) for t in tick_texts)

    def x(month: float) -> float:
        return left + (month - 0.6) / 11.8 * (RIGHT - left)

    def y(value: float) -> float:
        return BOTTOM - (value - y0) / (y1 - y0) * (BOTTOM - TOP)

    return Chart(
        left=left,
        zero_y=y(0.0),
        forecast=[(x(m), y(v)) for m, v in known],
        path=[(x(m), y(v)) for m, v in path],
        values=[Label(x(m), y(v) + (13 if v < 0 else -6), decimal(v, 0)) for m, v in known],
        x_ticks=[Label(x(m), BOTTOM + TICK + 3.5 + FONT * 0.8, t) for m, t in _months()],
        y_ticks=[
            Label(left - TICK - 3.5, y(t), text) for t, text in zip(ticks, tick_texts, strict=True)
        ],
        ylabel=Label(9.8, (TOP + BOTTOM) / 2, "mkr"),
        legend=_legend(bool(path)),
    )


def _months() -> list[tuple[int, str]]:
    return list(enumerate(MONTHS, start=1))


def _legend(with_path: bool) -> list[LegendEntry]:
    """One row below the plot, centred, as matplotlib's legend(ncols=2) lays it out:
    a sample line of 2 em, 0.8 em to the text, 2 em between the entries."""
    entries = [(FORECAST_LABEL, True)] + ([(PATH_LABEL, False)] if with_path else [])
    widths = [2 * SMALL + 0.8 * SMALL + SMALL * GLYPH * len(t) for t, _ in entries]
    x0 = (WIDTH - sum(widths) - 2 * SMALL * (len(entries) - 1)) / 2
    out = []
    for (text, marker), width in zip(entries, widths, strict=True):
        label = Label(x0 + 2.8 * SMALL, 228.5, text)
        out.append(LegendEntry(x0, x0 + 2 * SMALL, 225.7, label, marker))
        x0 += width + 2 * SMALL
    return out
