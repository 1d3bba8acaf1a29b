"""Line charts: lines over categories or over a time axis, each named at its end instead of a legend.

The value axis fits the data (a line, unlike a bar, need not start at zero) unless the chart sets `y_min` or
`y_max`. On a time axis (categories that are ISO dates) points sit at their dates, ticks fall on year,
quarter or month boundaries, and a period with no row breaks the line, as a missing value does.
"""

from __future__ import annotations

from brief.charts.kinds import _palette, _value_axis, _values, _weight
from brief.charts.layout import Dot, Row, Sketch, Stroke, Typesetter, format_value, linear, nice_ticks, rows
from brief.charts.timeaxis import time_ticks
from brief.content.model import Chart, ChartTable
from brief.content.periods import MONTHS, Period, time_axis

Point = tuple[float, float]


def value_ticks(chart: Chart, values: list[float]) -> list[float]:
    """The value axis' ticks: round numbers around the data, or from `y_min` to `y_max` where the chart sets
    them (each bound a tick of its own, the round ticks too close to it left out)."""
    lo = min(values) if chart.y_min is None else chart.y_min
    hi = max(values) if chart.y_max is None else chart.y_max
    ticks = nice_ticks(lo, hi)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    if chart.y_min is not None:
        ticks = [chart.y_min, *(t for t in ticks if t >= chart.y_min + step / 2)]
    if chart.y_max is not None:
        ticks = [*(t for t in ticks if t <= chart.y_max - step / 2), chart.y_max]
    return ticks


def layout_line(ts: Typesetter, chart: Chart, table: ChartTable, sketch: Sketch, x: float, y: float, w: float) -> float:
    """Lines on a light grid, each named at its end with its last value (as `point_labels` says)."""
    style, data, names = ts.theme.chart, rows(chart, table), [name for name, _ in table.series]
    colours = _palette(ts, len(names))
    ticks = value_ticks(chart, _values(chart, table))
    axis_w = max(ts.width(format_value(t, chart.format), ts.fs) for t in ticks) + ts.pad
    finals = [_last_known(data, j) for j in range(len(names))]
    dot = ts.fs * 0.3
    ends = [_end_text(chart, name if len(names) > 1 else "", *final) for name, final in zip(names, finals, strict=True)]
    end_w = max((ts.width(e, ts.fs, "heading", "bold") + ts.pad + dot for e in ends if e), default=0.0)
    periods = time_axis(table.categories)
    axis: _CategoryAxis | _TimeAxis = (
        _CategoryAxis(ts, chart, data, w) if periods is None else _TimeAxis(ts, periods, w - axis_w - end_w - ts.pad)
    )
    # The first and last points sit in from the edges so their labels clear the value axis and the page.
    x0 = x + axis_w + axis.first_half + ts.pad
    x1 = x + w - max(end_w, axis.last_half)
    base = y + style.height - axis.lines * ts.leading - ts.pad
    # Labels set above points need a line of room over the highest one; notes need two.
    above = 2 * ts.leading if chart.annotations else ts.leading if chart.point_labels in ("first-last", "all") else 0.0
    at = linear(ticks[0], ticks[-1], base, y + ts.cap(ts.fs) + above)
    _value_axis(ts, sketch, chart, ticks, at, x + axis_w, x1)
    sketch.items.append(Stroke(((x + axis_w, base), (x1, base)), ts.theme.colours.muted, ts.hairline))
    xs = axis.draw(sketch, x0, x1, base)
    breaks = _breaks(periods)
    for j, colour in enumerate(colours):
        points = [(xs[i], at(v)) if (v := row.values[j]) is not None else None for i, row in enumerate(data)]
        for run in _runs(points, breaks):
            # A missing value breaks the line; a value alone between two gaps is a dot, or it would not show.
            sketch.items.append(Stroke(run, colour, ts.fs * 0.22) if len(run) > 1 else Dot(*run[0], dot, colour))
        sketch.items += [
            Dot(*point, dot, colour)
            for point, row in zip(points, data, strict=True)
            if point is not None
            and (chart.markers or row.category in chart.highlight or (ends[j] and row.category == finals[j][0]))
        ]
        _point_labels(ts, chart, sketch, data, j, points, finals[j][0])
    for note in chart.annotations:
        j = names.index(note.series) if note.series in names else 0
        i = table.categories.index(note.category)
        value = data[i].values[j]
        if value is not None:
            _annotate(ts, sketch, note.text, (xs[i], at(value)), x + axis_w, x + w, y)
    labels = [(at(v or 0.0), e, c) for (_, v), e, c in zip(finals, ends, colours, strict=True) if e]
    for end_y, text, colour in _spread(labels, ts.leading, base - ts.fs * 0.3):
        sketch.items += ts.block(x1 + dot + ts.pad, end_y, [text], colour, role="heading", weight="bold")
    return style.height


def _end_text(chart: Chart, name: str, category: str, value: float | None) -> str:
    """What a line's end says: its name when there are several, and its last value unless labels are off."""
    shown = format_value(value, chart.format, category in chart.approximate) if chart.point_labels != "none" else ""
    return " ".join(part for part in (name, shown) if part)


class _CategoryAxis:
    """Categories as labels under evenly spaced points, as many as fit without touching."""

    def __init__(self, ts: Typesetter, chart: Chart, data: list[Row], w: float) -> None:
        self.ts = ts
        self.weights = [_weight(chart, r.category) for r in data]
        # Long category names (rare on a line chart) wrap to a quarter of the width rather than run off it.
        self.wrapped = [
            ts.balance(r.category, ts.fs, w / 4, weight=wt) for r, wt in zip(data, self.weights, strict=True)
        ]
        self.widths = [
            max(ts.width(line, ts.fs, weight=wt) for line in lines)
            for lines, wt in zip(self.wrapped, self.weights, strict=True)
        ]
        self.first_half, self.last_half = self.widths[0] / 2, self.widths[-1] / 2
        self.lines = max(len(lines) for lines in self.wrapped)

    def draw(self, sketch: Sketch, x0: float, x1: float, base: float) -> list[float]:
        ts, n = self.ts, len(self.widths)
        step = (x1 - x0) / max(1, n - 1)
        every = max(1, -int(-(max(self.widths) + ts.gap) // step)) if step > 0 else n
        xs = [x0 + i * step for i in range(n)] if n > 1 else [(x0 + x1) / 2]
        for i in range(n):
            # Every `every`-th label, and the last one too when it clears its labelled neighbour.
            previous = i - i % every
            clears = (i - previous) * step >= (self.widths[i] + self.widths[previous]) / 2 + ts.gap
            if i == previous or (i == n - 1 and clears):
                sketch.items += ts.stack(
                    xs[i],
                    base + ts.pad,
                    self.wrapped[i],
                    ts.theme.colours.muted,
                    anchor="middle",
                    weight=self.weights[i],
                )
        return xs


class _TimeAxis:
    """Dates along the axis: points at their dates, ticks on the period boundaries their labels leave room for."""

    def __init__(self, ts: Typesetter, periods: list[Period], room: float) -> None:
        self.ts, self.periods = ts, periods
        widest = max((ts.width(label, ts.fs) for _, label in self._ticks(room)), default=0.0)
        self.first_half = self.last_half = widest / 2
        self.lines = 1

    def _ticks(self, room: float) -> list[tuple[float, str]]:
        return time_ticks(self.periods, room, lambda text: self.ts.width(text, self.ts.fs), self.ts.gap)

    def draw(self, sketch: Sketch, x0: float, x1: float, base: float) -> list[float]:
        ts, first, last = self.ts, self.periods[0].start, self.periods[-1].start
        place = linear(first, last, x0, x1) if last > first else (lambda _: (x0 + x1) / 2)
        for month, label in self._ticks(x1 - x0):
            tick = place(month)
            sketch.items.append(
                Stroke(((tick, base), (tick, base + ts.pad * 0.6)), ts.theme.colours.muted, ts.hairline)
            )
            sketch.items += ts.stack(tick, base + ts.pad, [label], ts.theme.colours.muted, anchor="middle")
        return [place(p.start) for p in self.periods]


def _breaks(periods: list[Period] | None) -> set[int]:
    """The points a line must not be drawn to from the one before: a period between them has no row."""
    if periods is None or not MONTHS[periods[0].kind]:
        return set()
    return {i for i in range(1, len(periods)) if periods[i].index - periods[i - 1].index > 1}


def _runs(points: list[Point | None], breaks: set[int]) -> list[tuple[Point, ...]]:
    """The unbroken stretches of a line: its points between missing values and missing periods."""
    runs: list[list[Point]] = [[]]
    for i, point in enumerate(points):
        if point is None or i in breaks:
            runs.append([])
        if point is not None:
            runs[-1].append(point)
    return [tuple(run) for run in runs if run]


def _last_known(data: list[Row], j: int) -> tuple[str, float | None]:
    """The last category where series `j` has a value, and that value."""
    known = ((r.category, r.values[j]) for r in reversed(data) if r.values[j] is not None)
    return next(known, (data[-1].category, None))


def _point_labels(
    ts: Typesetter, chart: Chart, sketch: Sketch, data: list[Row], j: int, points: list[Point | None], last: str
) -> None:
    """Values at the points `point_labels` asks for, beside the end label that gives the last: above a point
    the line rises to and below one it falls to. Labels of `all` that would touch are a problem of the chart."""
    known = [i for i, point in enumerate(points) if point is not None and data[i].category != last]
    chosen = known[:1] if chart.point_labels == "first-last" else known if chart.point_labels == "all" else []
    placed: list[tuple[float, float, bool]] = []  # left, right, above
    for i in chosen:
        px, py = points[i]  # type: ignore[misc]
        value = data[i].values[j]
        text = format_value(value, chart.format, data[i].category in chart.approximate)
        around = [v for k in (i - 1, i + 1) if 0 <= k < len(data) and (v := data[k].values[j]) is not None]
        above = not around or (value or 0.0) >= sum(around) / len(around)
        width = ts.width(text, ts.fs, "heading")
        left = px - width / 2
        if placed and placed[-1][2] == above and placed[-1][1] + ts.pad / 2 > left:
            message = f"the values of 'point_labels: all' overlap: {len(points)} points are too many to label"
            if message not in sketch.problems:
                sketch.problems.append(message)
        placed.append((left, left + width, above))
        label_y = py - ts.pad * 0.8 if above else py + ts.pad * 0.8 + ts.cap(ts.fs)
        sketch.items.append(ts.label(px, label_y, text, ts.fs, ts.theme.chart.text, role="heading", anchor="middle"))


def _annotate(ts: Typesetter, sketch: Sketch, text: str, point: Point, left: float, right: float, top: float) -> None:
    """A note at `point`: a short leader up to its text, or down when there is no room above (under `top`)."""
    px, py = point
    lines = ts.balance(text, ts.fs, (right - left) / 4)
    width = max(ts.width(line, ts.fs) for line in lines)
    cx = min(max(px, left + width / 2), right - width / 2)
    height = (len(lines) - 1) * ts.leading + ts.cap(ts.fs)
    lift = ts.leading
    up = py - lift - ts.pad * 0.4 - height >= top
    end = py - lift if up else py + lift
    sketch.items.append(Stroke(((px, py), (px, end)), ts.theme.colours.muted, ts.hairline))
    first = end - ts.pad * 0.4 - (len(lines) - 1) * ts.leading if up else end + ts.pad * 0.4 + ts.cap(ts.fs)
    sketch.items += [
        ts.label(cx, first + k * ts.leading, line, ts.fs, ts.theme.chart.text, anchor="middle")
        for k, line in enumerate(lines)
    ]


def _spread(labels: list[tuple[float, str, str]], spacing: float, lowest: float) -> list[tuple[float, str, str]]:
    """End labels nudged apart vertically so none overlaps the next, and none sinks below `lowest`."""
    placed: list[tuple[float, str, str]] = []
    for cy, text, colour in sorted(labels):
        if placed and cy - placed[-1][0] < spacing:
            cy = placed[-1][0] + spacing
        placed.append((cy, text, colour))
    # Then push the stack back up from the floor (the category labels live below it).
    for i in range(len(placed) - 1, -1, -1):
        limit = lowest if i == len(placed) - 1 else placed[i + 1][0] - spacing
        if placed[i][0] > limit:
            placed[i] = (limit, placed[i][1], placed[i][2])
    return placed
