"""The budget deviation chart as inline SVG, for HTML and PDF, without matplotlib.

Input: the chart's geometry (engine.output.chart_geometry), its title and text
alternative. Output: one `<svg role="img">` element that only presents that geometry:
it computes nothing but the text of coordinates. Text stays text (searchable, read by
screen readers), the element scales with the page (viewBox, no width or height), and it
names no namespace or other URL (inline in HTML the namespace is implied;
tests/test_report.py wants a page free of URLs). The output depends on nothing but its
input, so two runs give the same bytes.

matplotlib drew this before; importing it alone cost more than the whole HTML report
may take (issue 8). Word still gets a PNG drawn by matplotlib (engine.output.chart),
the one format that needs a raster image.
"""

from __future__ import annotations

from engine.evaluation.economy import DeviationPath
from engine.output.chart_geometry import (
    BOTTOM,
    FONT,
    HEIGHT,
    RIGHT,
    SMALL,
    TICK,
    TOP,
    WIDTH,
    Chart,
    Label,
    geometry,
)

FORECAST = "#12324f"  # the report's dark blue
PATH = "#a34700"  # dark orange: 5.6:1 against white, apart from the blue also in greyscale
AXIS, ZERO, GRID = "#000000", "#5a5a5a", "#d0d0d0"
FAMILY = "'Liberation Sans', 'DejaVu Sans', sans-serif"
DASH = "9 5.4"  # matplotlib's (5, 3) scaled by the line width 1.8
MARKER_R = 3.5  # matplotlib's marker "o": 6 points across and a 1 point edge


def deviation_svg(p: DeviationPath, title: str, alt: str) -> str:
    """Inline SVG with role=img and the text alternative (HTML and PDF)."""
    c = geometry(p)
    label = _attr(f"{title}. {alt}")
    parts = [
        f'<svg role="img" aria-label="{label}" class="chart" '
        f'preserveAspectRatio="xMinYMin meet" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" version="1.1">',
        f'<rect width="{WIDTH:g}" height="{HEIGHT:g}" fill="#ffffff"/>',
        *_axes(c),
        *_lines(c),
        *_legend(c),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def _axes(c: Chart) -> list[str]:
    """Grid, zero line, the left and bottom spines, ticks and their labels."""
    out = ['<g id="grid">']
    out += [_line(c.left, t.y, RIGHT, t.y, GRID, 0.6) for t in c.y_ticks]
    out.append("</g>")
    out.append(_line(c.left, c.zero_y, RIGHT, c.zero_y, ZERO, 0.8))
    out.append('<g id="axes">')
    out.append(_line(c.left, TOP, c.left, BOTTOM, AXIS, 0.8))
    out.append(_line(c.left, BOTTOM, RIGHT, BOTTOM, AXIS, 0.8))
    out += [_line(t.x, BOTTOM, t.x, BOTTOM + TICK, AXIS, 0.8) for t in c.x_ticks]
    out += [_line(c.left - TICK, t.y, c.left, t.y, AXIS, 0.8) for t in c.y_ticks]
    out += [_text(t, FONT, "middle") for t in c.x_ticks]
    out += [_text(Label(t.x, t.y + FONT * 0.35, t.text), FONT, "end") for t in c.y_ticks]
    yl = c.ylabel
    out.append(_text(yl, FONT, "middle", f' transform="rotate(-90 {_n(yl.x)} {_n(yl.y)})"'))
    out.append("</g>")
    return out


def _lines(c: Chart) -> list[str]:
    """The dashed path to zero, the forecasts with their markers and numbers."""
    out = []
    if c.path:
        out.append(
            f'<polyline points="{_points(c.path)}" fill="none" stroke="{PATH}" '
            f'stroke-width="1.8" stroke-dasharray="{DASH}"/>'
        )
    out.append(
        f'<polyline points="{_points(c.forecast)}" fill="none" stroke="{FORECAST}" '
        'stroke-width="2" stroke-linejoin="round"/>'
    )
    out += [_marker(x, y) for x, y in c.forecast]
    out += [_text(v, SMALL, "middle", fill=FORECAST) for v in c.values]
    return out


def _legend(c: Chart) -> list[str]:
    out = ['<g id="legend">']
    for e in c.legend:
        if e.marker:
            out.append(_line(e.x0, e.y, e.x1, e.y, FORECAST, 2))
            out.append(_marker((e.x0 + e.x1) / 2, e.y))
        else:
            out.append(
                f'<line x1="{_n(e.x0)}" y1="{_n(e.y)}" x2="{_n(e.x1)}" y2="{_n(e.y)}" '
                f'stroke="{PATH}" stroke-width="1.8" stroke-dasharray="{DASH}"/>'
            )
        out.append(_text(e.text, SMALL, "start"))
    out.append("</g>")
    return out


def _line(x1: float, y1: float, x2: float, y2: float, colour: str, width: float) -> str:
    return (
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
        f'stroke="{colour}" stroke-width="{width:g}"/>'
    )


def _marker(x: float, y: float) -> str:
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{MARKER_R:g}" fill="{FORECAST}"/>'


def _text(t: Label, size: float, anchor: str, extra: str = "", fill: str = "") -> str:
    colour = f' fill="{fill}"' if fill else ""
    return (
        f'<text x="{_n(t.x)}" y="{_n(t.y)}" font-size="{size:g}" font-family="{FAMILY}" '
        f'text-anchor="{anchor}"{colour}{extra}>{_escape(t.text)}</text>'
    )


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def _n(v: float) -> str:
    """A coordinate: two decimals are a hundredth of a point, finer than any screen."""
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
