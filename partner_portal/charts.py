"""Charts drawn on the server as SVG: no script, no CDN, readable without
colour and in right-to-left languages.

    chart = bar_chart(
        title=_("Spend per month"),
        labels=["Jan 2026", "Feb 2026"],
        series=[Series(_("Spend"), [120, 80]), Series(_("Budget"), [100, 100])],
        formatter=currency,
    )
    {% include "partner_portal/includes/chart.html" with chart=chart %}

The include shows the SVG (with <title> and <desc>), the legend and a
visually hidden table of the same numbers for screen readers. In a
right-to-left language the x axis runs from right to left (the first label is
on the right) and the value axis stands on the right. Text inherits the page's
font through CSS; every label is escaped.
"""

import math
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

WIDTH = 640
HEIGHT = 300
PLOT_TOP = 16
PLOT_BOTTOM = HEIGHT - 44
PLOT_HEIGHT = PLOT_BOTTOM - PLOT_TOP
AXIS_MARGIN = 76  # room for the value labels beside the plot
EDGE_MARGIN = 32  # half a label beyond the outer bars
# Distinguishable for the common colour-vision deficiencies (Okabe–Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
# Fewer x labels than slots when they would overlap: one per this many px.
LABEL_SPACING = 58

Number = int | float | Decimal


def default_formatter(value: Number | None) -> str:
    """A number in the active language's format (Latin digits everywhere)."""
    if value is None:
        return "–"
    places = 0 if float(value).is_integer() else 1
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Number | None]


@dataclass
class Chart:
    kind: str  # "bar", "stacked" or "line"
    title: str
    labels: Sequence[str]
    series: Sequence[Series]
    formatter: Callable[[Number | None], str] = default_formatter
    description: str = ""
    # None: the active language's direction when the chart is built.
    rtl: bool | None = None
    id: str = field(default_factory=lambda: f"chart-{uuid.uuid4().hex[:8]}")

    def __post_init__(self):
        if self.rtl is None:
            self.rtl = get_language_bidi()
        for series in self.series:
            if len(series.values) != len(self.labels):
                raise ValueError(
                    f"series {series.name!r} has {len(series.values)} values "
                    f"for {len(self.labels)} labels"
                )

    # What the include shows besides the SVG.

    @property
    def is_empty(self) -> bool:
        return not any(v is not None for s in self.series for v in s.values)

    def legend(self) -> list[tuple[str, str]]:
        return [(s.name, _colour(i)) for i, s in enumerate(self.series)]

    def table_rows(self) -> list[tuple[str, list[str]]]:
        return [
            (label, [self.formatter(s.values[i]) for s in self.series])
            for i, label in enumerate(self.labels)
        ]

    # Geometry.

    @property
    def plot_left(self) -> int:
        return EDGE_MARGIN if self.rtl else AXIS_MARGIN

    @property
    def plot_right(self) -> int:
        return WIDTH - (AXIS_MARGIN if self.rtl else EDGE_MARGIN)

    def slot(self, index: int) -> tuple[float, float]:
        """(left x, width) of the label at `index`; mirrored in RTL."""
        width = (self.plot_right - self.plot_left) / max(len(self.labels), 1)
        position = len(self.labels) - 1 - index if self.rtl else index
        return self.plot_left + position * width, width

    def scale(self) -> "Scale":
        if self.kind == "stacked":
            ups = [
                _stack(self.series, i, positive=True) for i in range(len(self.labels))
            ]
            downs = [
                _stack(self.series, i, positive=False) for i in range(len(self.labels))
            ]
            values = ups + downs
        else:
            values = [float(v) for s in self.series for v in s.values if v is not None]
        return Scale.around(values)

    def svg(self) -> SafeString:
        parts = [self._grid()]
        if self.is_empty:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" class="chart-empty">'
                    "{}</text>",
                    WIDTH / 2,
                    PLOT_TOP + PLOT_HEIGHT / 2,
                    _("No figures for this period."),
                )
            )
        elif self.kind == "line":
            parts.append(self._lines())
        else:
            parts.append(self._bars())
        parts.append(self._x_labels())
        return format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
            'width="100%" role="img" class="chart-svg" direction="{dir}" '
            'aria-labelledby="{id}-title {id}-desc" font-size="13" '
            'fill="currentColor">'
            '<title id="{id}-title">{title}</title>'
            '<desc id="{id}-desc">{desc}</desc>{body}</svg>',
            w=WIDTH,
            h=HEIGHT,
            dir="rtl" if self.rtl else "ltr",
            id=self.id,
            title=self.title,
            desc=self.description or self.summary(),
            body=mark_safe("".join(parts)),
        )

    def summary(self) -> str:
        """A sentence for <desc>: what is plotted over which labels."""
        if not self.labels:
            return _("No figures for this period.")
        return _("%(series)s from %(first)s to %(last)s.") % {
            "series": ", ".join(s.name for s in self.series),
            "first": self.labels[0],
            "last": self.labels[-1],
        }

    def _grid(self) -> SafeString:
        scale = self.scale()
        # Numbers read left to right in both directions; the anchor flips so
        # that the labels stand outside the plot on the axis side.
        anchor = "start" if self.rtl else "end"
        x = self.plot_right + 6 if self.rtl else self.plot_left - 6
        lines = []
        for tick in scale.ticks:
            y = scale.y(tick)
            lines.append(
                format_html(
                    '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" '
                    'stroke-width="1"/>'
                    '<text x="{}" y="{}" text-anchor="{}" dominant-baseline="middle" '
                    'class="chart-tick" direction="ltr">{}</text>',
                    self.plot_left,
                    self.plot_right,
                    y,
                    y,
                    "#6c757d" if tick == 0 else "#dee2e6",
                    x,
                    y,
                    anchor,
                    self.formatter(_tick_value(tick)),
                )
            )
        return format_html('<g class="chart-grid">{}</g>', mark_safe("".join(lines)))

    def _x_labels(self) -> SafeString:
        # Every label when they fit side by side, else every second, third...
        # A character is about 0.6 em wide (the page font, 13 units).
        widest = max((len(str(label)) for label in self.labels), default=0)
        spacing = max(LABEL_SPACING, widest * 8 + 12)
        every = max(
            1,
            math.ceil(len(self.labels) * spacing / (self.plot_right - self.plot_left)),
        )
        texts = []
        for index, label in enumerate(self.labels):
            if index % every:
                continue
            left, width = self.slot(index)
            texts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" class="chart-label">'
                    "{}</text>",
                    _r(left + width / 2),
                    PLOT_BOTTOM + 18,
                    label,
                )
            )
        return format_html('<g class="chart-x">{}</g>', mark_safe("".join(texts)))

    def _bars(self) -> SafeString:
        scale = self.scale()
        rects = []
        count = len(self.series)
        for index, label in enumerate(self.labels):
            left, width = self.slot(index)
            inner = width * 0.8
            up = down = 0.0
            for number, series in enumerate(self.series):
                value = series.values[index]
                if value is None:
                    continue
                value = float(value)
                if self.kind == "stacked":
                    bar_left, bar_width = left + width * 0.1, inner
                    base = up if value >= 0 else down
                    top, bottom = base + value, base
                    if value >= 0:
                        up = top
                    else:
                        down = top
                else:
                    bar_width = inner / count
                    position = count - 1 - number if self.rtl else number
                    bar_left = left + width * 0.1 + position * bar_width
                    top, bottom = value, 0.0
                y1, y2 = sorted((scale.y(top), scale.y(bottom)))
                rects.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" '
                        'class="chart-bar"><title>{}</title></rect>',
                        _r(bar_left),
                        _r(y1),
                        _r(bar_width),
                        _r(y2 - y1),
                        _colour(number),
                        _point_title(
                            label, series.name, self.formatter(series.values[index])
                        ),
                    )
                )
        return format_html('<g class="chart-bars">{}</g>', mark_safe("".join(rects)))

    def _lines(self) -> SafeString:
        scale = self.scale()
        groups = []
        for number, series in enumerate(self.series):
            colour = _colour(number)
            path, dots, pen_down = [], [], False
            for index, value in enumerate(series.values):
                if value is None:
                    pen_down = False
                    continue
                left, width = self.slot(index)
                x, y = _r(left + width / 2), _r(scale.y(float(value)))
                path.append(f"{'L' if pen_down else 'M'}{x} {y}")
                pen_down = True
                dots.append(
                    format_html(
                        '<circle cx="{}" cy="{}" r="4" fill="{}" class="chart-point">'
                        "<title>{}</title></circle>",
                        x,
                        y,
                        colour,
                        _point_title(
                            self.labels[index], series.name, self.formatter(value)
                        ),
                    )
                )
            # The second series is dashed: the lines differ without colour too.
            groups.append(
                format_html(
                    '<g class="chart-line"><path d="{}" fill="none" stroke="{}" '
                    'stroke-width="2.5"{}/>{}</g>',
                    " ".join(path),
                    colour,
                    mark_safe(' stroke-dasharray="6 4"') if number % 2 else "",
                    mark_safe("".join(dots)),
                )
            )
        return mark_safe("".join(groups))


@dataclass(frozen=True)
class Scale:
    low: float
    high: float
    ticks: tuple[float, ...]

    @classmethod
    def around(cls, values: Sequence[float]) -> "Scale":
        """Round ticks (1, 2, 2.5, 5 × 10^n) covering the values and zero."""
        low = min([0.0, *values])
        high = max([0.0, *values])
        if low == high:
            high = 1.0
        step = _nice_step((high - low) / 4)
        low = math.floor(low / step) * step
        high = math.ceil(high / step) * step
        count = round((high - low) / step)
        ticks = tuple(_clean(low + i * step) for i in range(count + 1))
        return cls(low=low, high=high, ticks=ticks)

    def y(self, value: float) -> float:
        return PLOT_BOTTOM - (value - self.low) / (self.high - self.low) * PLOT_HEIGHT


def bar_chart(*, title, labels, series, stacked=False, **options) -> Chart:
    """Bars per label; several series side by side (or stacked)."""
    return Chart("stacked" if stacked else "bar", title, labels, series, **options)


def line_chart(*, title, labels, series, **options) -> Chart:
    return Chart("line", title, labels, series, **options)


def _stack(series, index, *, positive) -> float:
    values = [float(s.values[index] or 0) for s in series]
    return sum(v for v in values if (v >= 0) == positive)


def _nice_step(raw: float) -> float:
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude + 1e-12:
            return factor * magnitude
    return 10 * magnitude


def _clean(value: float) -> float:
    return round(value, 10) + 0.0  # no "-0.0", no 0.30000000000000004


def _tick_value(tick: float) -> Number:
    return int(tick) if float(tick).is_integer() else Decimal(str(tick))


def _colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _r(value: float) -> float:
    return round(value, 1) + 0.0


def _point_title(label, name, value) -> str:
    return _("%(label)s – %(series)s: %(value)s") % {
        "label": label,
        "series": name,
        "value": value,
    }
