"""The budget deviation chart: the forecasts by month against the straight path to zero
at year end, drawn with matplotlib (SVG for HTML and PDF, PNG for Word).

matplotlib is imported only here, and this module only when a format draws the chart
of a period that declares a budgetavvikelse.yaml (engine.output.economy.PathChart), so
other reports and formats pay nothing for it. The output is
deterministic (no dates in the metadata, fixed ids) so that two runs give the same bytes.
"""

from __future__ import annotations

import io
import logging
import re
from typing import Any

import matplotlib

matplotlib.use("Agg")
# A missing preferred font falls back to DejaVu Sans (shipped with matplotlib); say nothing.
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)

from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from engine.evaluation.economy import DeviationPath  # noqa: E402
from engine.wording import decimal  # noqa: E402

MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
FORECAST = "#12324f"  # the report's dark blue
PATH = "#a34700"  # dark orange: 5.6:1 against white, apart from the blue also in greyscale
STYLE: dict[str, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": ["Liberation Sans", "DejaVu Sans"],
    "font.size": 9,
    "svg.fonttype": "none",  # text stays text: searchable, and read by screen readers
    "svg.hashsalt": "maluppfyllelse",
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
        label="Prognos för helåret, avvikelse mot budget",
    )
    if path:
        ax.plot(
            [m for m, _ in path],
            [v for _, v in path],
            linestyle=(0, (5, 3)),
            color=PATH,
            linewidth=1.8,
            label="Rak väg till budget i balans i december",
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


def deviation_svg(p: DeviationPath, title: str, alt: str) -> str:
    """Inline SVG with role=img and the text alternative (HTML and PDF)."""
    return deviation_chart(p, title, alt, png=False)[0]


def deviation_chart(
    p: DeviationPath, title: str, alt: str, *, png: bool = True
) -> tuple[str, bytes]:
    """(inline SVG with role=img and the text alternative, PNG at 200 dpi, or b"" when
    `png` is false: rasterising costs about 0.1 s and only Word needs it).

    The PNG is always drawn after the SVG on the same figure, as the SVG's draw settles
    the layout: drawn first, a few anti-aliased pixels come out differently."""
    with matplotlib.rc_context(STYLE):  # type: ignore[arg-type]
        fig = _figure(p)
        svg_buf, png_buf = io.StringIO(), io.BytesIO()
        fig.savefig(svg_buf, format="svg", metadata={"Date": None, "Creator": None})
        if png:
            fig.savefig(png_buf, format="png", dpi=200, metadata={"Software": None})
    return _inline(svg_buf.getvalue(), title, alt), png_buf.getvalue()


def _inline(svg: str, title: str, alt: str) -> str:
    """The SVG element alone, labelled for assistive technology, scaling with the page."""
    start = svg.index("<svg")
    body = svg[start:]
    # Inline in HTML the namespaces are implied; the RDF metadata only names the format.
    # Leaving them out keeps the page free of any URL (tests/test_report.py).
    body = re.sub(r"<metadata>.*?</metadata>\s*", "", body, count=1, flags=re.S)
    body = re.sub(r'\s+xmlns(:xlink)?="[^"]*"', "", body)
    body = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", body, count=1)
    label = _attr(f"{title}. {alt}")
    body = body.replace(
        "<svg",
        f'<svg role="img" aria-label="{label}" class="chart" preserveAspectRatio="xMinYMin meet"',
        1,
    )
    return body


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
