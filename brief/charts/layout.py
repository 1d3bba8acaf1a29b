"""Chart layout without matplotlib: a chart spec and a Theme → boxes, strokes and labels in points.

Every position is computed here from measured text (the same TrueType metrics the PDF embeds), so
labels never clip or collide and the output does not depend on matplotlib's auto-layout. `charts.py`
only hands the finished sketch to matplotlib to be written as SVG, PNG or PDF.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from brief.content.model import MISSING_MARK, Chart, ChartTable, Unit
from brief.languages import ENGLISH_US, Locale
from brief.theme.fonts import OPTIONAL_STYLES, FontFamily, register_family
from brief.theme.model import Theme

#: The smallest chart text allowed at printed size; the theme documents the same floor.
MIN_TEXT = 7.5

Weight = Literal["regular", "bold", "heavy"]
Anchor = Literal["start", "middle", "end"]


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    colour: str


@dataclass(frozen=True)
class Stroke:
    points: tuple[tuple[float, float], ...]
    colour: str
    width: float


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    colour: str


@dataclass(frozen=True)
class Label:
    """One line of text; `y` is its baseline."""

    x: float
    y: float
    text: str
    size: float
    colour: str
    family: str
    weight: int
    anchor: Anchor = "start"


Item = Box | Stroke | Dot | Label


@dataclass
class Sketch:
    """Everything one chart draws, in points, measured from the top-left corner (y grows downwards)."""

    width: float
    height: float = 0.0
    items: list[Item] = field(default_factory=list)
    background: str | None = None
    #: What the chart's content asks for that the width cannot give (labels that would overlap): errors.
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    category: str
    values: tuple[float | None, ...]  # None: the source gives no value


def family_weights(family: str) -> dict[int, str]:
    """The CSS weights of `family` the charts use, each with its registered ReportLab font name."""
    fonts = register_family(family)
    weights = {400: fonts.regular, 700: fonts.bold}
    suffix = fonts.heavy[len(fonts.regular) :]
    weights[OPTIONAL_STYLES[suffix][0] if suffix in OPTIONAL_STYLES else 700] = fonts.heavy
    return weights


class Typesetter:
    """Measures, wraps and places text in the theme's fonts."""

    def __init__(self, theme: Theme, locale: Locale = ENGLISH_US) -> None:
        self.theme, self.locale = theme, locale  # the locale: how the chart's numbers are written
        self.fs = max(theme.sizes.chart, MIN_TEXT)
        self.pad = self.fs * 0.5
        self.gap = self.fs
        self.leading = self.fs * 1.25
        self.hairline = self.fs / 12  # rules and axes: visible in print, quieter than any bar
        self._families: dict[str, FontFamily] = {
            "body": register_family(theme.fonts.body),
            "heading": register_family(theme.fonts.heading),
        }

    def _font(self, role: str, weight: Weight) -> str:
        fonts = self._families[role]
        return {"regular": fonts.regular, "bold": fonts.bold, "heavy": fonts.heavy}[weight]

    def width(self, text: str, size: float, role: str = "body", weight: Weight = "regular") -> float:
        """The advance width of `text` in points."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return float(stringWidth(text, self._font(role, weight), size))

    def cap(self, size: float, role: str = "body") -> float:
        """The cap height at `size`, for centring a line on a bar."""
        from reportlab.pdfbase.pdfmetrics import getFont

        face = getFont(self._font(role, "regular")).face
        return float(getattr(face, "capHeight", 0.7 * face.ascent)) * size / 1000

    def wrap(self, text: str, size: float, width: float, role: str = "body", weight: Weight = "regular") -> list[str]:
        """`text` broken into lines no wider than `width`; a word wider than that is hyphenated where it must."""
        lines: list[str] = []
        for word in text.split():
            if lines and self.width(f"{lines[-1]} {word}", size, role, weight) <= width:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines += self._break(word, size, width, role, weight)
        return lines or [""]

    def _break(self, word: str, size: float, width: float, role: str, weight: Weight) -> list[str]:
        pieces: list[str] = []
        while len(word) > 1 and self.width(word, size, role, weight) > width:
            # At the language's longest hyphenation point that fits; at any letter only where none does.
            fits = (
                head
                for head, _ in self.locale.hyphenations(word)
                if self.width(head + "-", size, role, weight) <= width
            )
            cut = len(next(fits, "")) or self._longest_cut(word, size, width, role, weight)
            pieces.append(word[:cut] + "-")
            word = word[cut:]
        return [*pieces, word]

    def _longest_cut(self, word: str, size: float, width: float, role: str, weight: Weight) -> int:
        """The most characters of `word` (at least 1, fewer than all) that fit in `width` with a hyphen.

        A binary search, since a longer prefix is never narrower: trying every cut from the end measured a
        2,000-character word's prefixes millions of times, and a chart label took minutes.
        """
        lo, hi = 1, len(word) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.width(word[:mid] + "-", size, role, weight) <= width:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def label(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        colour: str,
        *,
        role: str = "body",
        weight: Weight = "regular",
        anchor: Anchor = "start",
    ) -> Label:
        """A Label in the theme family of `role` (body or heading)."""
        family = self._families[role]
        css = {"regular": 400, "bold": 700}.get(weight)
        if css is None:
            css = next(w for w, name in family_weights(family.name).items() if name == family.heavy)
        return Label(x, y, text, max(size, MIN_TEXT), colour, family.name, css, anchor)

    def balance(self, text: str, size: float, width: float, weight: Weight = "regular") -> list[str]:
        """`text` in as few lines as `wrap` needs, but with lines of even length (no lone last word)."""
        lines = self.wrap(text, size, width, weight=weight)
        if len(lines) == 1:
            return lines
        lo, hi = max(self.width(word, size, weight=weight) for word in text.split()), width
        # Narrow the measure while the line count holds; half a point is finer than the eye can tell.
        while hi - lo > 0.5:
            mid = (lo + hi) / 2
            if len(self.wrap(text, size, mid, weight=weight)) == len(lines):
                hi = mid
            else:
                lo = mid
        return self.wrap(text, size, hi, weight=weight)

    def stack(
        self,
        x: float,
        top: float,
        lines: list[str],
        colour: str,
        *,
        size: float | None = None,
        weight: Weight = "regular",
        anchor: Anchor = "start",
        role: str = "body",
    ) -> list[Label]:
        """Lines of text hanging from `top` (the cap height of the first line touches it)."""
        size = size or self.fs
        first = top + self.cap(size, role)
        return [
            self.label(x, first + i * size * 1.25, line, size, colour, role=role, weight=weight, anchor=anchor)
            for i, line in enumerate(lines)
        ]

    def block(
        self,
        x: float,
        cy: float,
        lines: list[str],
        colour: str,
        *,
        size: float | None = None,
        weight: Weight = "regular",
        anchor: Anchor = "start",
        role: str = "body",
    ) -> list[Label]:
        """Lines of text centred vertically on `cy`."""
        size = size or self.fs
        leading = size * 1.25
        first = cy - (len(lines) - 1) * leading / 2 + self.cap(size, role) / 2
        return [
            self.label(x, first + i * leading, line, size, colour, role=role, weight=weight, anchor=anchor)
            for i, line in enumerate(lines)
        ]


def format_value(value: float | None, unit: Unit, approximate: bool = False, locale: Locale = ENGLISH_US) -> str:
    """A value as printed on a chart, in the locale's style: '97%', '1,234', '$1.2M' in English, '97 %',
    '1 234', '1,2 M €' in French; with '~' when approximate; MISSING_MARK for a value the source does not
    give. At most two decimals, none that are zero."""
    if value is None:
        return MISSING_MARK
    if unit == "percent":
        text = locale.percent(value)
    elif unit == "count":
        text = locale.number(value, 0)
    elif unit == "currency":
        text = locale.money(value, compact=True)
    else:
        text = locale.number(value)
    return f"~{text}" if approximate else text


def rows(chart: Chart, table: ChartTable) -> list[Row]:
    """The table's categories with their values, in the chart's sort order (by the first series)."""
    result = [Row(c, tuple(values[i] for _, values in table.series)) for i, c in enumerate(table.categories)]
    if chart.sort != "none" and chart.type not in ("line", "waffle"):
        # sorted() is stable, so ties keep the order the author wrote; rows without a value rank last either way.
        known = [row for row in result if row.values[0] is not None]
        ranked = sorted(known, key=lambda row: row.values[0] or 0.0, reverse=chart.sort == "descending")
        result = ranked + [row for row in result if row.values[0] is None]
    return result


def linear(lo: float, hi: float, p0: float, p1: float) -> Callable[[float], float]:
    """Maps the value range lo..hi onto the position range p0..p1."""
    span = (hi - lo) or 1.0
    return lambda v: p0 + (v - lo) / span * (p1 - p0)


def nice_ticks(lo: float, hi: float, count: int = 4) -> list[float]:
    """Round tick values (steps of 1, 2, 2.5 or 5 × 10ⁿ) covering lo..hi."""
    span = (hi - lo) or abs(hi) or 1.0
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    value = start
    while value < hi + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def is_dark(colour: str) -> bool:
    """Whether `colour` (#rrggbb) needs light text on it (relative luminance below ~0.4)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear_rgb = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear_rgb[0] + 0.7152 * linear_rgb[1] + 0.0722 * linear_rgb[2]
    return luminance < 0.4


def legend_width(ts: Typesetter, names: list[str]) -> float:
    """The width of a legend set on one row."""
    return sum(ts.fs * 0.9 + ts.pad + ts.width(name, ts.fs) for name in names) + ts.gap * 1.5 * (len(names) - 1)


def legend(ts: Typesetter, sketch: Sketch, names: list[str], colours: list[str], x: float, y: float, w: float) -> float:
    """A key of coloured squares and series names flowing in rows from (x, y); returns its height."""
    swatch = ts.fs * 0.9
    cx, top, row = x, y, ts.leading
    for name, colour in zip(names, colours, strict=True):
        # A name longer than the whole width wraps beside its square instead of running off the chart.
        lines = ts.wrap(name, ts.fs, w - swatch - ts.pad)
        needed = swatch + ts.pad + max(ts.width(line, ts.fs) for line in lines)
        if cx > x and cx + needed > x + w:
            cx, top, row = x, top + row, ts.leading
        row = max(row, len(lines) * ts.leading)
        sketch.items.append(Box(cx, top + (ts.leading - swatch) / 2, swatch, swatch, colour))
        sketch.items += ts.block(cx + swatch + ts.pad, top + len(lines) * ts.leading / 2, lines, ts.theme.chart.text)
        cx += needed + ts.gap * 1.5
    return top + row - y
