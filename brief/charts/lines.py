"""Line charts: lines over categories or over a time axis, each named at its end instead of a legend.

The value axis fits the data (a line, unlike a bar, need not start at zero) unless the chart sets `y_min` or
`y_max`. On a time axis (categories that are ISO dates) points sit at their dates, ticks fall on year,
quarter or month boundaries, and a period with no row breaks the line, as a missing value does.
"""

from __future__ import annotations

import itertools
import math

from brief.charts.kinds import _palette, _value_axis, _values, _weight
from brief.charts.layout import Anchor, Dot, Row, Sketch, Stroke, Typesetter, format_value, linear, nice_ticks, rows
from brief.charts.timeaxis import time_ticks
from brief.content.model import Chart, ChartTable
from brief.content.periods import MONTHS, Period, time_axis

Point = tuple[float, float]


def value_ticks(chart: Chart, values: list[float]) -> list[float]:
    """The value axis' ticks: round numbers around the data (whole ones for counts), or from `y_min` to `y_max`
    where the chart sets them (each bound a tick of its own, the round ticks too close to it left out)."""
    lo = min(values) if chart.y_min is None else chart.y_min
    hi = max(values) if chart.y_max is None else chart.y_max
    ticks = nice_ticks(lo, hi)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    if chart.format == "count" and step < 1:  # counts print whole: 1.5 would show as a second '2'
        ticks, step = [float(v) for v in range(math.floor(lo), math.ceil(hi) + 1)], 1.0
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
    series_points = [
        [(xs[i], at(v)) if (v := row.values[j]) is not None else None for i, row in enumerate(data)]
        for j in range(len(names))
    ]
    for j, (colour, points) in enumerate(zip(colours, series_points, strict=True)):
        for run in _runs(points, breaks):
            # A missing value breaks the line; a value alone between two gaps is a dot, or it would not show.
            sketch.items.append(Stroke(run, colour, ts.fs * 0.22) if len(run) > 1 else Dot(*run[0], dot, colour))
        sketch.items += [
            Dot(*point, dot, colour)
            for point, row in zip(points, data, strict=True)
            if point is not None
            and (chart.markers or row.category in chart.highlight or (ends[j] and row.category == finals[j][0]))
        ]
    # Labels and notes go where they cross the fewest lines, inside the plot, clear of each other.
    room = _Room(ts, [run for points in series_points for run in _runs(points, breaks)], (x + axis_w, y, x1, base))
    for j, points in enumerate(series_points):
        _point_labels(ts, chart, sketch, room, data, j, points, finals[j][0])
    for note in chart.annotations:
        # Notes name a series as written (a CSV column, an inline series); the table calls it by its label.
        shown = next((d.label for d in chart.display if d.series == note.series and d.label), note.series)
        j = names.index(shown) if shown in names else 0  # a chart of one series needs no name
        point = series_points[j][table.categories.index(note.category)]
        if point is not None:
            _annotate(ts, sketch, room, note.text, point)
    at_end = [final[0] == data[-1].category for final in finals]
    labels = [
        (at(v or 0.0), e, c) for (_, v), e, c, end in zip(finals, ends, colours, at_end, strict=True) if e and end
    ]
    for end_y, text, colour in _spread(labels, ts.leading, base - ts.fs * 0.3):
        sketch.items += ts.block(x1 + dot + ts.pad, end_y, [text], colour, role="heading", weight="bold")
    for j, end in enumerate(at_end):
        # A line that stops short (its last values missing) is named where it stops, not at the chart's edge.
        point = series_points[j][table.categories.index(finals[j][0])]
        if ends[j] and not end and point is not None:
            _early_end(ts, sketch, room, ends[j], colours[j], point, dot)
    return style.height


def _early_end(ts: Typesetter, sketch: Sketch, room: _Room, text: str, colour: str, point: Point, dot: float) -> None:
    """A line's end label beside its last point, where it covers least: to the right, else above or below."""
    px, py = point
    width, gap = ts.width(text, ts.fs, "heading", "bold"), dot + ts.pad
    spots: list[tuple[float, float, Anchor]] = [
        (px + gap, py + ts.cap(ts.fs) / 2, "start"),
        (px, py - gap, "middle"),
        (px, py + gap + ts.cap(ts.fs), "middle"),
        (px - gap, py + ts.cap(ts.fs) / 2, "end"),
    ]
    boxes = [_text_box(ts, sx, sy, width, 1, anchor) for sx, sy, anchor in spots]
    sx, sy, anchor = spots[room.best(boxes)]
    sketch.items.append(ts.label(sx, sy, text, ts.fs, colour, role="heading", weight="bold", anchor=anchor))


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
        names = self.ts.locale.period_names()
        return time_ticks(self.periods, room, lambda text: self.ts.width(text, self.ts.fs), self.ts.gap, names)

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


Box4 = tuple[float, float, float, float]  # left, top, right, bottom


class _Room:
    """The plot's free space: where a label may go without covering a line, another label or the axes."""

    def __init__(self, ts: Typesetter, runs: list[tuple[Point, ...]], plot: Box4) -> None:
        self.ts, self.plot, self.taken = ts, plot, list[Box4]()
        step = ts.fs * 0.25
        # Each line as closely spaced samples, so a label between two far-apart points still sees it.
        self.samples = [
            (ax + (bx - ax) * k / n, ay + (by - ay) * k / n)
            for run in runs
            for (ax, ay), (bx, by) in itertools.pairwise(run)
            for n in [max(1, int(math.hypot(bx - ax, by - ay) / step))]
            for k in range(n + 1)
        ] + [point for run in runs if len(run) == 1 for point in run]

    def cost(self, box: Box4) -> float:
        """How badly `box` would sit: each line sample it covers, heavily each label it touches, or the
        plot's edge it crosses."""
        margin = self.ts.pad * 0.3  # a label that only grazes a line still reads as touching it
        left, top, right, bottom = box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin
        covered = sum(1 for px, py in self.samples if left <= px <= right and top <= py <= bottom)
        pl, pt, pr, pb = self.plot
        outside = left < pl - self.ts.pad or right > pr + self.ts.pad or top < pt or bottom > pb
        touching = sum(1 for o in self.taken if left < o[2] and o[0] < right and top < o[3] and o[1] < bottom)
        return covered + 1000 * touching + 100 * outside

    def best(self, boxes: list[Box4], distance: list[float] | None = None) -> int:
        """The index of the box that costs least, with what each is `distance` from its point (the first of
        equals), which is then taken."""
        extra = distance or [0.0] * len(boxes)
        index = min(range(len(boxes)), key=lambda k: self.cost(boxes[k]) + extra[k])
        self.taken.append(boxes[index])
        return index


def _text_box(ts: Typesetter, x: float, baseline: float, width: float, lines: int, anchor: str) -> Box4:
    left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
    return left, baseline - ts.cap(ts.fs), left + width, baseline + (lines - 1) * ts.leading + ts.fs * 0.25


def _point_labels(
    ts: Typesetter,
    chart: Chart,
    sketch: Sketch,
    room: _Room,
    data: list[Row],
    j: int,
    points: list[Point | None],
    last: str,
) -> None:
    """Values at the points `point_labels` asks for (the end label gives the last): above, below or beside
    each point, wherever they cover least; with `all`, only above or below. Labels of `all` that cannot keep
    clear of each other are a problem of the chart."""
    known = [i for i, point in enumerate(points) if point is not None and data[i].category != last]
    chosen = known[:1] if chart.point_labels == "first-last" else known if chart.point_labels == "all" else []
    gap = ts.pad
    for i in chosen:
        px, py = points[i]  # type: ignore[misc]
        text = format_value(data[i].values[j], chart.format, data[i].category in chart.approximate)
        width = ts.width(text, ts.fs, "heading")
        over, under = py - gap, py + gap + ts.cap(ts.fs)
        spots: list[tuple[float, float, Anchor]] = [
            (px, over, "middle"),
            (px, under, "middle"),
            (px - gap, over, "end"),
            (px + gap, over, "start"),
            (px - gap, under, "end"),
            (px + gap, under, "start"),
        ]
        if chart.point_labels == "all":  # among many labels, one set beside its point reads as its neighbour's
            spots = spots[:2]
        boxes = [_text_box(ts, sx, sy, width, 1, anchor) for sx, sy, anchor in spots]
        index = room.best(boxes)
        if room.cost(boxes[index]) >= 1000 * 2 and chart.point_labels == "all":  # itself, and another
            message = f"the values of 'point_labels: all' overlap: {len(points)} points are too many to label"
            if message not in sketch.problems:
                sketch.problems.append(message)
        sx, sy, anchor = spots[index]
        sketch.items.append(ts.label(sx, sy, text, ts.fs, ts.theme.chart.text, role="heading", anchor=anchor))


def _annotate(ts: Typesetter, sketch: Sketch, room: _Room, text: str, point: Point) -> None:
    """A note at `point`, on a leader above or below it, or beside it: wherever it covers least, nearest first."""
    px, py = point
    left, _, right, _ = room.plot
    lines = ts.balance(text, ts.fs, (right - left) / 4)
    width = max(ts.width(line, ts.fs) for line in lines)
    height = (len(lines) - 1) * ts.leading
    nudge, middle = ts.pad * 0.4, min(max(px, left + width / 2), right - width / 2)
    # (x, first baseline, anchor, end of the leader or None)
    spots: list[tuple[float, float, Anchor, float | None]] = [
        (px + ts.pad, py + ts.cap(ts.fs) / 2 - height / 2, "start", None),
        (px - ts.pad, py + ts.cap(ts.fs) / 2 - height / 2, "end", None),
    ]
    for lift in (ts.leading * k for k in (1, 2, 3, 4)):
        beside: list[tuple[float, Anchor]] = [
            (middle, "middle"),
            (px - ts.hairline, "start"),
            (px + ts.hairline, "end"),
        ]
        for sx, anchor in beside:
            spots.append((sx, py - lift - nudge - height, anchor, py - lift))
            spots.append((sx, py + lift + nudge + ts.cap(ts.fs), anchor, py + lift))
    boxes = [_text_box(ts, sx, sy, width, len(lines), anchor) for sx, sy, anchor, _ in spots]
    sx, sy, anchor, leader = spots[room.best(boxes, [k / 6 for k in range(len(spots))])]
    if leader is not None:
        sketch.items.append(Stroke(((px, py), (px, leader)), ts.theme.colours.muted, ts.hairline))
    sketch.items += [
        ts.label(sx, sy + k * ts.leading, line, ts.fs, ts.theme.chart.text, anchor=anchor)
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
