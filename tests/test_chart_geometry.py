"""engine/output/chart_geometry.py and chart_svg.py: the budget chart drawn without
matplotlib, with the scales and ticks matplotlib chose (it still draws Word's PNG)."""

from __future__ import annotations

import re

import pytest
from matplotlib.ticker import MaxNLocator

from engine.evaluation.economy import DeviationPath, PathPoint
from engine.output.chart_geometry import BOTTOM, RIGHT, TOP, geometry, nice_ticks
from engine.output.chart_svg import FORECAST, PATH, deviation_svg


@pytest.mark.parametrize(
    ("low", "high"),
    [
        (-224.2, 34.2),
        (-1.0, 1.0),
        (-0.36, 2.36),
        (-12.6, 82.6),
        (-1234.5, 17.0),
        (0.0, 7.3),
        (-3e6, 5e5),
        (1000.0, 1001.0),  # far from zero: an offset
        (-0.004, 0.0031),
    ],
)
def test_the_y_ticks_are_matplotlibs(low: float, high: float) -> None:
    want = [t for t in MaxNLocator(6).tick_values(low, high) if low <= t <= high]
    assert nice_ticks(low, high) == pytest.approx(want, abs=(high - low) * 1e-9)


def _path(*forecasts: tuple[int, float]) -> DeviationPath:
    known = dict(forecasts)
    first, last = min(known), max(known)
    latest = known[last]
    rest = 12 - last
    points = [
        PathPoint(m, known.get(m), latest * (12 - m) / rest if rest and m >= last else None)
        for m in range(first, 13)
    ]
    per = latest / rest if rest else 0.0
    return DeviationPath(2025, "", points, last, latest, per, first, known[first])


def test_points_lie_on_the_scales() -> None:
    c = geometry(_path((3, -100.0), (8, -190.0)))
    (x3, y3), (x8, y8) = c.forecast
    assert c.left < x3 < x8 < RIGHT and TOP < c.zero_y < y3 < y8 < BOTTOM
    assert c.path[0] == (x8, y8) and c.path[-1][1] == pytest.approx(c.zero_y)
    assert [t.text for t in c.y_ticks] == ["−200", "−150", "−100", "−50", "0"]
    assert [t.text for t in c.x_ticks][::11] == ["jan", "dec"]
    assert [v.text for v in c.values] == ["−100", "−190"]
    assert all(v.y > y for v, (_, y) in zip(c.values, c.forecast, strict=True))  # below


def test_a_positive_forecast_has_its_number_above_and_a_december_one_no_path() -> None:
    c = geometry(_path((12, 25.0)))
    assert c.path == [] and len(c.legend) == 1
    assert c.values[0].y < c.forecast[0][1]


def test_the_svg_is_labelled_text_without_urls() -> None:
    svg = deviation_svg(_path((3, -100.0), (8, -190.0)), 'Titel & "mer"', "Alt <text>.")
    assert svg.startswith(
        '<svg role="img" aria-label="Titel &amp; &quot;mer&quot;. Alt &lt;text>."'
    )
    assert 'class="chart"' in svg and "viewBox=" in svg and "width=" not in svg.split(">")[0]
    assert "http" not in svg and "xmlns" not in svg
    assert ">mkr</text>" in svg and ">aug</text>" in svg and ">−190</text>" in svg
    assert f'stroke="{PATH}"' in svg and "stroke-dasharray" in svg and f'fill="{FORECAST}"' in svg
    assert len(re.findall("<polyline", svg)) == 2
