"""The budget deviation chart for Word: the forecasts by month against the straight path
to zero at year end, drawn with matplotlib as a PNG.

Word is the one format that needs a raster image, and rasterising text and anti-aliased
lines is what a plotting library is for, so Word keeps matplotlib. HTML and PDF get an
SVG written without it (engine.output.chart_svg, with the same colours, scales and
labels from engine.output.chart_geometry): importing matplotlib alone takes longer than
the whole HTML report may (issue 8). matplotlib is imported only here, and this module
only when Word draws the chart of a period that declares a budgetavvikelse.yaml
(engine.output.economy.PathChart). The output is deterministic (no dates in the
metadata) so that two runs give the same bytes.
"""

from __future__ import annotations

import io
import logging
from typing import Any

import matplotlib

matplotlib.use("Agg")
# A missing preferred font falls back to DejaVu Sans (shipped with matplotlib); say nothing.
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)

from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from engine.evaluation.economy import DeviationPath  # noqa: E402
from engine.output.chart_geometry import FORECAST_LABEL, MONTHS, PATH_LABEL  # noqa: E402
from engine.output.chart_svg import FORECAST, PATH  # noqa: E402
from engine.wording import decimal  # noqa: E402

STYLE: dict[str, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": ["Liberation Sans", "DejaVu Sans"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _figure(p: DeviationPath) -> Figure:
    fig = Figure(figsize=(6.6, 3.3), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    months = [pt.month for pt in p.points if pt.deviation is not None]
    values = [pt.deviation for pt in p.points if pt.deviation is not None]
    path = [(pt.month, pt.path) for pt in p.points if pt.path is not None]
    ax.axhline(0, color="#5a5a5a", linewidth=0.8)
    ax.plot(
        months,
        values,
        marker="o",
        color=FORECAST,
        linewidth=2,
        label=FORECAST_LABEL,
    )
    if path:
        ax.plot(
            [m for m, _ in path],
            [v for _, v in path],
            linestyle=(0, (5, 3)),
            color=PATH,
            linewidth=1.8,
            label=PATH_LABEL,
        )
    for m, v in zip(months, values, strict=True):
        ax.annotate(
            decimal(v or 0.0, 0),
            (m, v or 0.0),
            textcoords="offset points",
            xytext=(0, -13 if (v or 0) < 0 else 6),
            ha="center",
            color=FORECAST,
            fontsize=8,
            fontfamily="sans-serif",
        )
    ax.set_xlim(0.6, 12.4)
    ax.set_xticks(range(1, 13), MONTHS)
    low = min([0.0, *(v or 0.0 for v in values)])
    high = max([0.0, *(v or 0.0 for v in values)])
    margin = (high - low) * 0.18 or 1.0
    ax.set_ylim(low - margin, high + margin)
    ax.yaxis.set_major_locator(MaxNLocator(6))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: decimal(y, 0)))
    ax.set_ylabel("mkr")
    ax.grid(axis="y", color="#d0d0d0", linewidth=0.6)
    fig.legend(loc="outside lower center", ncols=2, frameon=False, fontsize=8)
    return fig


def deviation_png(p: DeviationPath) -> bytes:
    """The chart as a PNG at 200 dpi, for Word."""
    with matplotlib.rc_context(STYLE):  # type: ignore[arg-type]
        fig = _figure(p)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=200, metadata={"Software": None})
    return buf.getvalue()
