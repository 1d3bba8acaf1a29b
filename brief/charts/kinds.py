"""One layout per chart type, in the Urban Institute manner: direct labels, no boxes, no chart junk.

Each `layout_<type>` draws into a Sketch from (x, y) across width `w` and returns the height it used.
Colours, fonts and sizes come from the Theme; lengths are fractions of the chart text size or of the
theme's bar height, so a theme rescales every chart.
"""

from __future__ import annotations

from collections.abc import Callable

from brief.charts.layout import (
    Anchor,
    Box,
    Label,
    Row,
    Sketch,
    Stroke,
    Typesetter,
    Weight,
    format_value,
    is_dark,
    legend,
    legend_width,
    linear,
    nice_ticks,
    rows,
)
from brief.content.model import Chart, ChartTable

Layout = Callable[[Typesetter, Chart, ChartTable, Sketch, float, float, float], float]


def _palette(ts: Typesetter, count: int) -> list[str]:
    palette = ts.theme.chart.palette or [ts.theme.chart.base]
    return [palette[i % len(palette)] for i in range(count)]


def _weight(chart: Chart, category: str) -> Weight:
    return "bold" if category in chart.highlight else "regular"


def _label_column(
    ts: Typesetter, chart: Chart, categories: list[str], w: float, reserve: float = 0.0
) -> tuple[float, list[list[str]]]:
    """The narrowest label column in which every category fits on two lines, leaving `reserve` for the bars.

    At most half the width goes to labels; when even that is too narrow, labels take three lines or more.
    """
    weights = [_weight(chart, c) for c in categories]
    natural = max(ts.width(c, ts.fs, weight=wt) for c, wt in zip(categories, weights, strict=True))
    if natural <= 0.36 * w:
        return natural, [[c] for c in categories]
    limit = max(min(0.5 * w, w - reserve), 0.2 * w)
    column = min(0.2 * w, limit)
    while True:
        wrapped = [ts.balance(c, ts.fs, column, weight=wt) for c, wt in zip(categories, weights, strict=True)]
        if all(len(lines) <= 2 for lines in wrapped) or column >= limit:
            break
        column += ts.pad
    used = max(ts.width(line, ts.fs, weight=wt) for lines, wt in zip(wrapped, weights, strict=True) for line in lines)
    return used, wrapped


def _label_height(ts: Typesetter, wrapped: list[list[str]]) -> float:
    return max(len(lines) for lines in wrapped) * ts.leading + ts.pad


def _values(chart: Chart, table: ChartTable) -> list[float]:
    """Every value the chart draws: those the source gives."""
    return [v for _, values in table.series for v in values if v is not None]


def _span(chart: Chart, table: ChartTable) -> tuple[float, float]:
    """The value range to draw: always including zero, the baseline of every bar."""
    return min(0.0, *_values(chart, table)), max(0.0, *_values(chart, table))


def _formatted(ts: Typesetter, chart: Chart, data: list[Row]) -> tuple[list[list[str]], float]:
    """Each value as printed, and the widest of them."""
    texts = [
        [format_value(v, chart.format, r.category in chart.approximate, ts.locale) for v in r.values] for r in data
    ]
    return texts, max(ts.width(t, ts.fs, "heading", "bold") for row in texts for t in row)


def layout_bar_horizontal(
    ts: Typesetter, chart: Chart, table: ChartTable, sketch: Sketch, x: float, y: float, w: float
) -> float:
    """Ranked horizontal bars: labels left, values at the bar ends, highlighted bars in the accent colour."""
    style, data, names = ts.theme.chart, rows(chart, table), [name for name, _ in table.series]
    top = y
    if len(names) > 1:
        top += legend(ts, sketch, names, _palette(ts, len(names)), x, y, w) + ts.pad
    texts, value_w = _formatted(ts, chart, data)
    lo, hi = _span(chart, table)
    # The bars keep at least a third of the width beside their value labels.
    reserve = ts.gap + value_w * (2 if lo < 0 else 1) + ts.pad * 2 + w / 3
    column, wrapped = _label_column(ts, chart, [r.category for r in data], w, reserve)
    # Several series share one category's slot, so the slot grows with them, and with a three-line label.
    share = style.bar_height * max(1.0, 0.6 * len(names))
    slot = max(share, _label_height(ts, wrapped))
    thickness = share * (0.62 if len(names) == 1 else 0.8 / len(names))
    # A share of one whole runs on a pale track to 100%, so a short bar reads as "few of all", not "small".
    track = chart.format == "percent" and len(names) == 1 and lo >= 0
    x0 = x + column + ts.gap + (value_w + ts.pad if lo < 0 else 0)
    at = linear(lo, 100.0 if track else hi, x0, x + w - (0 if track else value_w + ts.pad))
    colours = _palette(ts, len(names))
    for i, row in enumerate(data):
        cy = top + (i + 0.5) * slot
        weight = _weight(chart, row.category)
        sketch.items += ts.block(x + column, cy, wrapped[i], style.text, anchor="end", weight=weight)
        for j, value in enumerate(row.values):
            by = cy - len(names) * thickness / 2 + j * thickness
            if track:
                sketch.items.append(Box(at(0), by, at(100) - at(0), thickness, style.empty))
            fill = (style.highlight if weight == "bold" else style.base) if len(names) == 1 else colours[j]
            if value is None:  # no bar, which would read as zero: the mark for no data where it would start
                sketch.items += ts.block(
                    at(0) + ts.pad * 0.6, by + thickness / 2, [texts[i][j]], style.text, weight=weight, role="heading"
                )
                continue
            left, right = sorted((at(0), at(value)))
            sketch.items.append(Box(left, by, right - left, thickness, fill))
            sketch.items.append(
                _bar_value(
                    ts, texts[i][j], value, left, right, by + thickness / 2, fill, weight, at(100) if track else None
                )
            )
    bottom = top + len(data) * slot
    sketch.items.append(Stroke(((at(0), top), (at(0), bottom)), ts.theme.colours.muted, ts.hairline))
    return bottom - y


def _bar_value(
    ts: Typesetter,
    text: str,
    value: float,
    left: float,
    right: float,
    cy: float,
    fill: str,
    weight: Weight,
    track_end: float | None,
) -> Label:
    """A bar's value just past its end, or inside the end when it would run off the bar's track."""
    nudge, ink = ts.pad * 0.6, ts.theme.chart.text
    anchor: Anchor = "start" if value >= 0 else "end"
    x = right + nudge if value >= 0 else left - nudge
    if track_end is not None and x + ts.width(text, ts.fs, "heading", weight) > track_end - nudge:
        anchor, x = "end", right - nudge
        ink = ts.theme.colours.page if is_dark(fill) else ink
    return ts.block(x, cy, [text], ink, weight=weight, anchor=anchor, role="heading")[0]


def layout_columns(
    ts: Typesetter, chart: Chart, table: ChartTable, sketch: Sketch, x: float, y: float, w: float
) -> float:
    """Vertical columns, one group per category; values on top of each column, or a light axis if crowded."""
    style, data, names = ts.theme.chart, rows(chart, table), [name for name, _ in table.series]
    k = len(names)
    texts, value_w = _formatted(ts, chart, data)
    lo, hi = _span(chart, table)
    slot, column, ticks, axis_w = _column_grid(ts, chart, len(data), k, w, lo, hi, value_w)
    wrapped = [ts.balance(r.category, ts.fs, slot - ts.gap, weight=_weight(chart, r.category)) for r in data]
    if any(len(lines) > 3 or max(ts.width(line, ts.fs, weight="bold") for line in lines) > slot for lines in wrapped):
        # Labels that cannot sit under their columns would collide; bars turned sideways give them room.
        return layout_bar_horizontal(ts, chart, table, sketch, x, y, w)
    top = y
    if k > 1:
        top += legend(ts, sketch, names, _palette(ts, k), x, y, w) + ts.pad
    if ticks:
        lo, hi = ticks[0], ticks[-1]
    right = x + axis_w + slot * len(data)
    base = y + style.height - max(len(lines) for lines in wrapped) * ts.leading - ts.pad
    # Values of negative columns hang below them, above the category labels.
    floor = base - (ts.leading if lo < 0 and not ticks else 0.0)
    at = linear(lo, hi, floor, top + (ts.leading if not ticks else ts.cap(ts.fs) / 2))
    if ticks:
        _value_axis(ts, sketch, chart, ticks, at, x + axis_w, right)
    colours = _palette(ts, k)
    for i, row in enumerate(data):
        cx = x + axis_w + (i + 0.5) * slot
        weight = _weight(chart, row.category)
        sketch.items += ts.stack(cx, base + ts.pad, wrapped[i], style.text, anchor="middle", weight=weight)
        for j, value in enumerate(row.values):
            left = cx - column / 2 + j * column / k
            fill = (style.highlight if weight == "bold" else style.base) if k == 1 else colours[j]
            if value is None:  # no column, and the mark for no data on the baseline even when others go unlabelled
                sketch.items.append(
                    ts.label(left + column / k / 2, at(0) - ts.pad, texts[i][j], ts.fs, style.text, anchor="middle")
                )
                continue
            high, low = sorted((at(value), at(0)))
            sketch.items.append(Box(left, high, column / k, low - high, fill))
            if not ticks:
                label_y = high - ts.pad if value >= 0 else low + ts.pad + ts.cap(ts.fs)
                sketch.items.append(
                    ts.label(
                        left + column / k / 2,
                        label_y,
                        texts[i][j],
                        ts.fs,
                        style.text,
                        role="heading",
                        weight=weight,
                        anchor="middle",
                    )
                )
    sketch.items.append(Stroke(((x + axis_w, at(0)), (right, at(0))), ts.theme.colours.muted, ts.hairline))
    return style.height


def _column_grid(
    ts: Typesetter, chart: Chart, n: int, k: int, w: float, lo: float, hi: float, value_w: float
) -> tuple[float, float, list[float], float]:
    """Slot and column widths, and the value axis (ticks, width) when the columns are too thin to label."""
    # Columns wider than a few bar heights read as blocks, and a few columns spread across a page as
    # islands, so both are capped and the group stays at the left, aligned with the text.
    widest = ts.theme.chart.bar_height * 2.4 * k
    slot = min(w / n, widest * 2.2)
    column = min(slot * (0.55 if k == 1 else 0.8), widest)
    if column / k >= value_w:
        return slot, column, [], 0.0
    ticks = nice_ticks(lo, hi)
    axis_w = max(ts.width(format_value(t, chart.format, locale=ts.locale), ts.fs) for t in ticks) + ts.pad
    slot = min((w - axis_w) / n, widest * 2.2)
    return slot, min(slot * 0.8, widest), ticks, axis_w


def _value_axis(
    ts: Typesetter,
    sketch: Sketch,
    chart: Chart,
    ticks: list[float],
    at: Callable[[float], float],
    x0: float,
    x1: float,
) -> None:
    """Light horizontal grid lines with their values at the left."""
    for tick in ticks:
        sketch.items.append(Stroke(((x0, at(tick)), (x1, at(tick))), ts.theme.chart.grid, ts.hairline))
        sketch.items += ts.block(
            x0 - ts.pad,
            at(tick),
            [format_value(tick, chart.format, locale=ts.locale)],
            ts.theme.colours.muted,
            anchor="end",
        )


def layout_stacked_100(
    ts: Typesetter, chart: Chart, table: ChartTable, sketch: Sketch, x: float, y: float, w: float
) -> float:
    """Horizontal 100% bars split into series segments, each labelled inside when it fits."""
    style, data, names = ts.theme.chart, rows(chart, table), [name for name, _ in table.series]
    colours = _palette(ts, len(names))
    column, wrapped = _label_column(ts, chart, [r.category for r in data], w, ts.gap + w / 2)
    x0, x1 = x + column + ts.gap, x + w
    # The key lines up with the bars when it fits beside the label column, else it takes the full width.
    key_x = x0 if legend_width(ts, names) <= x1 - x0 else x
    top = y + legend(ts, sketch, names, colours, key_x, y, x1 - key_x) + ts.pad
    slot = max(style.bar_height, _label_height(ts, wrapped))
    thickness = style.bar_height * 0.72
    for i, row in enumerate(data):
        cy = top + (i + 0.5) * slot
        sketch.items += ts.block(
            x + column, cy, wrapped[i], style.text, anchor="end", weight=_weight(chart, row.category)
        )
        parts = [v or 0.0 for v in row.values]  # every part is there: the checks refuse a missing one
        total = sum(parts) or 1.0
        cursor = x0
        for value, fill in zip(parts, colours, strict=True):
            width = (x1 - x0) * value / total
            sketch.items.append(Box(cursor, cy - thickness / 2, width, thickness, fill))
            text = format_value(value, chart.format, row.category in chart.approximate, ts.locale)
            if ts.width(text, ts.fs, "heading", "bold") + 2 * ts.pad <= width:
                ink = ts.theme.colours.page if is_dark(fill) else style.text
                sketch.items += ts.block(
                    cursor + width / 2, cy, [text], ink, anchor="middle", role="heading", weight="bold"
                )
            cursor += width
    return top + len(data) * slot - y


def layout_waffle(
    ts: Typesetter, chart: Chart, table: ChartTable, sketch: Sketch, x: float, y: float, w: float
) -> float:
    """A 10 × 10 grid of squares, one per percent, filled column by column, with the share set large."""
    style, row = ts.theme.chart, rows(chart, table)[0]
    value = row.values[0] or 0.0  # never missing: the checks refuse it
    shown = format_value(value, chart.format, row.category in chart.approximate, ts.locale)
    stat, size = ts.theme.sizes.stat, max(ts.theme.sizes.body, ts.fs)
    # The share and its label need a measure of their own beside the grid; a narrow frame shrinks the grid.
    text_w = max(ts.width(shown, stat, "heading", "heavy"), 10 * size)
    cell = min(style.height / 10, (w - ts.gap * 1.5 - text_w) / 10)
    fill = style.highlight if row.category in chart.highlight else style.base
    filled = round(min(100.0, max(0.0, value)))
    for i in range(100):
        # Column-major from the bottom left, so the filled share reads as one block.
        col, line = divmod(i, 10)
        colour = fill if i < filled else style.empty
        sketch.items.append(Box(x + col * cell, y + (9 - line) * cell, cell * 0.86, cell * 0.86, colour))
    tx = x + 10 * cell + ts.gap * 1.5
    lines = ts.balance(row.category, size, min(w - (tx - x), 16 * size))
    block = ts.cap(stat, "heading") + ts.gap + len(lines) * size * 1.25
    first = y + max(0.0, (10 * cell - block) / 2) + ts.cap(stat, "heading")
    sketch.items.append(ts.label(tx, first, shown, stat, fill, role="heading", weight="heavy"))
    sketch.items += ts.stack(tx, first + ts.gap, lines, style.text, size=size)
    return max(10 * cell, block)


#: The layouts of the chart types drawn here; draw.py adds the line chart's (lines.py).
LAYOUTS: dict[str, Layout] = {
    "bar-horizontal": layout_bar_horizontal,
    "bar": layout_columns,
    "grouped-bar": layout_columns,
    "stacked-100": layout_stacked_100,
    "waffle": layout_waffle,
}
