"""Server-side SVG charts: values become proportional bars, empty and negative
data draw sensibly, right-to-left mirrors the x axis, and labels are escaped."""

import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from partner_portal.charts import (
    PLOT_BOTTOM,
    PLOT_HEIGHT,
    Series,
    bar_chart,
    line_chart,
)


def _rects(svg):
    return [
        {name: float(value) for name, value in re.findall(r'(\w+)="([\d.-]+)"', rect)}
        for rect in re.findall(r"<rect ([^>]*)>", svg)
    ]


def _label_xs(svg):
    return {
        text: float(x)
        for x, text in re.findall(
            r'<text x="([\d.]+)"[^>]*class="chart-label">([^<]*)</text>', svg
        )
    }


def test_bar_heights_are_proportional_to_the_values():
    chart = bar_chart(
        title="Orders",
        labels=["Jan", "Feb", "Mar"],
        series=[Series("Orders", [0, 50, 100])],
        rtl=False,
    )

    rects = _rects(chart.svg())

    assert [r["height"] for r in rects] == [0.0, PLOT_HEIGHT / 2, PLOT_HEIGHT]
    assert all(r["y"] + r["height"] == PLOT_BOTTOM for r in rects)
    assert [r["x"] for r in rects] == sorted(r["x"] for r in rects)


def test_decimal_values_draw_like_floats():
    chart = bar_chart(
        title="Spend",
        labels=["Jan", "Feb"],
        series=[Series("Spend", [Decimal("25.00"), Decimal("100.00")])],
        rtl=False,
    )

    assert [r["height"] for r in _rects(chart.svg())] == [
        PLOT_HEIGHT / 4,
        PLOT_HEIGHT,
    ]


def test_negative_values_hang_below_the_zero_line():
    chart = bar_chart(
        title="Change",
        labels=["Jan", "Feb"],
        series=[Series("Change", [10, -10])],
        rtl=False,
    )

    up, down = _rects(chart.svg())

    zero = up["y"] + up["height"]
    assert down["y"] == zero
    assert up["height"] == down["height"] > 0
    assert re.search(r'stroke="#6c757d"', chart.svg())  # the zero line is marked


def test_empty_data_says_so_and_draws_no_bars():
    chart = line_chart(title="Requests", labels=[], series=[Series("New", [])])

    svg = chart.svg()

    assert chart.is_empty
    assert "<rect" not in svg
    assert "<circle" not in svg
    assert "No figures for this period." in svg
    html = render_to_string("partner_portal/includes/chart.html", {"chart": chart})
    assert "No figures for this period." in html


def test_all_zero_values_draw_flat_bars_on_a_valid_scale():
    chart = bar_chart(
        title="Orders", labels=["Jan", "Feb"], series=[Series("Orders", [0, 0])]
    )

    assert [r["height"] for r in _rects(chart.svg())] == [0.0, 0.0]
    assert not chart.is_empty


def test_stacked_bars_sit_on_each_other():
    chart = bar_chart(
        title="Requests",
        labels=["W1"],
        series=[Series("Open", [30]), Series("Closed", [10])],
        stacked=True,
        rtl=False,
    )

    lower, upper = _rects(chart.svg())

    assert lower["y"] + lower["height"] == PLOT_BOTTOM
    assert upper["y"] + upper["height"] == lower["y"]
    assert lower["height"] == 3 * upper["height"]


def test_line_chart_puts_one_point_per_value_and_skips_gaps():
    chart = line_chart(
        title="Requests",
        labels=["W1", "W2", "W3"],
        series=[Series("New", [1, None, 3]), Series("Resolved", [2, 2, 2])],
        rtl=False,
    )

    svg = chart.svg()

    assert svg.count("<circle") == 5
    first_path = re.search(r'<path d="([^"]*)"', svg).group(1)
    assert first_path.count("M") == 2
    assert "L" not in first_path
    assert 'stroke-dasharray="6 4"' in svg  # the second line differs without colour


def test_right_to_left_mirrors_the_x_axis_and_flips_the_value_labels():
    series = [Series("Orders", [1, 2, 3])]
    labels = ["Jan", "Feb", "Mar"]

    ltr = bar_chart(title="Orders", labels=labels, series=series, rtl=False).svg()
    rtl = bar_chart(title="Orders", labels=labels, series=series, rtl=True).svg()

    ltr_x, rtl_x = _label_xs(ltr), _label_xs(rtl)
    assert ltr_x["Jan"] < ltr_x["Feb"] < ltr_x["Mar"]
    assert rtl_x["Jan"] > rtl_x["Feb"] > rtl_x["Mar"]
    assert 'text-anchor="end"' in ltr
    assert 'direction="ltr"' in ltr
    assert 'text-anchor="start"' in rtl
    assert 'direction="rtl"' in rtl
    assert 'text-anchor="end"' not in rtl


def test_the_direction_follows_the_active_language():
    with translation.override("fa"):
        persian = bar_chart(title="T", labels=["a"], series=[Series("s", [1])])
    with translation.override("de"):
        german = bar_chart(title="T", labels=["a"], series=[Series("s", [1])])

    assert persian.rtl is True
    assert german.rtl is False


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "1,234.5"), ("de", "1.234,5"), ("fa", "1234.5")]
)
def test_numbers_use_the_languages_format_with_latin_digits(language, expected):
    with translation.override(language):
        chart = bar_chart(
            title="T", labels=["a"], series=[Series("s", [Decimal("1234.5")])]
        )
        rows = chart.table_rows()

    assert rows == [("a", [expected])]


def test_labels_and_names_are_escaped():
    chart = bar_chart(
        title="<b>Spend</b>",
        labels=["<script>alert(1)</script>"],
        series=[Series('"><img src=x>', [5])],
    )

    html = render_to_string("partner_portal/includes/chart.html", {"chart": chart})

    assert "<script>" not in html
    assert "<img" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Spend&lt;/b&gt;" in html


def test_the_include_has_title_desc_legend_and_a_hidden_table():
    chart = bar_chart(
        title="Spend against budget",
        labels=["Jan", "Feb"],
        series=[Series("Spend", [1, 2]), Series("Budget", [3, 3])],
        formatter=lambda value: f"€{value}",
        id="spend",
    )

    html = render_to_string("partner_portal/includes/chart.html", {"chart": chart})

    assert '<title id="spend-title">Spend against budget</title>' in html
    assert '<desc id="spend-desc">Spend, Budget from Jan to Feb.</desc>' in html
    assert 'aria-labelledby="spend-title spend-desc"' in html
    assert html.count("chart-legend") == 1
    table = re.search(r'<table class="visually-hidden">.*</table>', html, re.S)[0]
    cells = re.findall(r"<t[dh][^>]*>([^<]*)</t[dh]>", table)
    assert cells == ["Period", "Spend", "Budget", "Jan", "€1", "€3", "Feb", "€2", "€3"]


def test_a_series_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="2 values for 3 labels"):
        bar_chart(title="T", labels=["a", "b", "c"], series=[Series("s", [1, 2])])


def test_labels_thin_out_when_they_would_overlap():
    few = bar_chart(
        title="T", labels=["Jan", "Feb", "Mar"], series=[Series("s", [1, 2, 3])]
    )
    weeks = [f"{day} Jun" for day in range(1, 27)]
    many = line_chart(title="T", labels=weeks, series=[Series("s", [1] * 26)])

    assert list(_label_xs(few.svg())) == ["Jan", "Feb", "Mar"]
    shown = list(_label_xs(many.svg()))
    assert shown == weeks[::3]
