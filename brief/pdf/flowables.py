"""The brief's own flowables: stacks of content in panels, side-by-side columns, drawings that fit.

They only wrap, split and draw; every colour and size arrives from compose.py, which reads the theme.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from brief.pdf.tagging import artifact, tagger_of


@dataclass(frozen=True)
class Framing:
    """How a Stack is framed: inner padding, a background, a bar on the left, a rule on top."""

    padding: float = 0.0
    background: Color | None = None
    left_bar: Color | None = None
    bar_width: float = 3.0
    top_rule: Color | None = None


class TooTall(Exception):
    """A block that can never fit: taller than an empty frame. `where` names its content."""

    def __init__(self, where: tuple[str, tuple[str | int, ...]] | None, height: float, room: float) -> None:
        super().__init__(f"{height:.0f} pt tall; the page holds {room:.0f} pt")
        self.where, self.height, self.room = where, height, room


class Stack(Flowable):
    """Flowables one above the other, kept together, optionally framed as a panel.

    Callouts, quotes, boxes and figures never split across pages; one that is taller than the frame
    is reported as a layout problem by the build, not silently cut.
    """

    def __init__(
        self,
        children: list[Flowable],
        frame: Framing = Framing(),
        where: tuple[str, tuple[str | int, ...]] | None = None,
        width: float | None = None,
        role: str = "",
    ) -> None:
        super().__init__()
        self.role = role  # the structure element that holds the children (Div, BlockQuote, LI...), if any
        self.fixed_width = width  # a figure set beside text keeps its own width
        self.children = children
        self.frame = frame
        self.where = where  # (content file, key path) of what this block shows, for layout errors
        self.min_height = 0.0
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self.fixed_width is not None:
            available_width = min(available_width, self.fixed_width)
        pad = self.frame.padding
        inner = available_width - 2 * pad - (self.frame.bar_width if self.frame.left_bar else 0)
        self._sizes = []
        total = 0.0
        for i, child in enumerate(self.children):
            _share_canvas(self, child)
            _, h = child.wrap(inner, 1e6)
            gap = child.getSpaceAfter() if i < len(self.children) - 1 else 0
            self._sizes.append((h, gap))
            total += h + gap
        self.width = available_width
        self.height = max(total + 2 * pad, self.min_height)
        return self.width, self.height

    # ImageAndFlowables sets a stack beside text through the sizing protocol of images.
    def _restrictSize(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def _unRestrictSize(self) -> None:
        pass

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        room = page_room(self)
        if room is not None and self.height > room:
            raise TooTall(self.where, self.height, room)
        return []  # never split: the whole stack moves to the next page

    def draw(self) -> None:
        f = self.frame
        if f.background is not None or f.left_bar is not None or f.top_rule is not None:
            artifact(self.canv, self._draw_frame)
        tagger = tagger_of(self.canv)
        if tagger is not None and self.role:
            tagger.open(self.role)
        x = self.frame.padding + (self.frame.bar_width if self.frame.left_bar else 0)
        y = self.height - self.frame.padding
        for child, (h, gap) in zip(self.children, self._sizes, strict=True):
            y -= h
            child.drawOn(self.canv, x, y)
            y -= gap
        if tagger is not None and self.role:
            tagger.close()

    def _draw_frame(self) -> None:
        canvas, f = self.canv, self.frame
        if f.background is not None:
            canvas.setFillColor(f.background)
            canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        if f.left_bar is not None:
            canvas.setFillColor(f.left_bar)
            canvas.rect(0, 0, f.bar_width, self.height, stroke=0, fill=1)
        if f.top_rule is not None:
            canvas.setFillColor(f.top_rule)
            canvas.rect(0, self.height - 2.5, self.width, 2.5, stroke=0, fill=1)


def page_room(flowable: Flowable) -> float | None:
    """The height of the tallest frame of the document: a block taller than that can never be placed.

    Not the current frame's: page 1's frame sits under the cover band, so a block that misses it may still
    fit on page 2.
    """
    doc = getattr(getattr(flowable, "canv", None), "_doctemplate", None)
    return tallest_frame(doc) or getattr(getattr(flowable, "_frame", None), "_height", None)


def tallest_frame(doc: object) -> float | None:
    """The height of the tallest frame of any page template of `doc`."""
    frames = [frame for template in getattr(doc, "pageTemplates", []) for frame in template.frames]
    return float(max(frame._height for frame in frames)) if frames else None


def where_of(flowable: Flowable) -> tuple[str, tuple[str | int, ...]] | None:
    """The content a block shows: its own `where`, else that of its tallest located part (row, figure, group)."""
    where: tuple[str, tuple[str | int, ...]] | None = getattr(flowable, "where", None)
    if where:
        return where
    parts = [*getattr(flowable, "children", []), *getattr(flowable, "_content", [])]
    if getattr(flowable, "_I", None) is not None:  # ImageAndFlowables: the figure set beside the text
        parts.append(flowable._I)
    for part in sorted(parts, key=lambda f: -float(getattr(f, "height", 0) or 0)):
        found = where_of(part)
        if found:
            return found
    return None


def _share_canvas(parent: Flowable, child: Flowable) -> None:
    """Some flowables (the TOC) need the canvas while wrapping; the frame gives it only to the parent."""
    if hasattr(parent, "canv"):
        child.canv = parent.canv


class Columns(Flowable):
    """Flowables side by side; `widths` are fractions of the frame. Panels in a row share one height."""

    def __init__(
        self,
        children: list[Flowable],
        widths: list[float],
        gap: float,
        equal_height: bool = False,
        space_after: float = 0.0,
        role: str = "",
        align_middle: bool = False,
    ) -> None:
        super().__init__()
        self.role = role  # the structure element that holds the columns (LI...), if any
        self.children = children
        self.fractions = widths
        self.gap = gap
        self.equal_height = equal_height
        self.align_middle = align_middle  # shorter columns centred on the tallest, not hung from the top
        self.spaceAfter = space_after
        self._widths: list[float] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        usable = available_width - self.gap * (len(self.children) - 1)
        total = sum(self.fractions)
        self._widths = [usable * f / total for f in self.fractions]
        for child in self.children:
            _share_canvas(self, child)
        heights = [child.wrap(w, available_height)[1] for child, w in zip(self.children, self._widths, strict=True)]
        self.height = max(heights, default=0.0)
        if self.equal_height:
            for child, w in zip(self.children, self._widths, strict=True):
                if isinstance(child, Stack):
                    child.min_height = self.height
                    child.wrap(w, available_height)
        self.width = available_width
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        tagger = tagger_of(self.canv)
        if tagger is not None and self.role:
            tagger.open(self.role)
        x = 0.0
        for child, w in zip(self.children, self._widths, strict=True):
            below = (self.height - child.height) / 2 if self.align_middle else 0.0
            child.drawOn(self.canv, x, self.height - child.height - below)
            x += w + self.gap
        if tagger is not None and self.role:
            tagger.close()


class TaggedFigure(Flowable):
    """A picture (a chart, a logo) drawn by `_draw` as one Figure element named by its alt text."""

    alt = ""

    def draw(self) -> None:
        tagger = tagger_of(self.canv)
        if tagger is None:
            self._draw()
        else:
            tagger.content(self.canv, "Figure", self._draw, (self.width, self.height), alt=self.alt)

    def _draw(self) -> None:
        raise NotImplementedError


class FittedDrawing(TaggedFigure):
    """A chart's drawing scaled to the frame's width (never up), keeping its proportions.

    Placed by its size alone: the drawing is a form the document defines once the pages are laid out
    (BriefDocument.chart_form), so layout need not wait for charts still being drawn.
    """

    def __init__(self, chart_id: str, size: tuple[float, float], alt: str = "") -> None:
        super().__init__()
        self.chart_id = chart_id
        self.size = size
        self.alt = alt  # what a screen reader says instead of the chart's marks
        self._scale = 1.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        natural_width, natural_height = self.size
        self._scale = min(1.0, available_width / natural_width)
        self.width = natural_width * self._scale
        self.height = natural_height * self._scale
        return self.width, self.height

    def _draw(self) -> None:
        self.canv.saveState()
        self.canv.scale(self._scale, self._scale)
        self.canv._doctemplate.chart_form(self.canv, self.chart_id)
        self.canv.restoreState()


class AtFoot(Flowable):
    """A panel set at the foot of the page it lands on, as on a back cover: the brief's last block.

    It takes all the room left in the frame and draws the panel at its bottom. A panel that does not fit
    moves to the next page, unless that page would be one more than the brief may have (max_pages); then,
    and when it is taller than any page, it flows as its plain paragraphs (`flowing`), as other text does.
    """

    def __init__(self, panel: Stack, flowing: list[Flowable]) -> None:
        super().__init__()
        self.panel, self.flowing = panel, flowing

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        _share_canvas(self, self.panel)
        _, height = self.panel.wrap(available_width, available_height)
        self.width, self.height = available_width, max(height, available_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        doc = getattr(getattr(self, "canv", None), "_doctemplate", None)
        limit = getattr(doc, "page_limit", None)
        on_last_page = limit is not None and getattr(doc, "page", 0) >= limit
        room = page_room(self)
        if on_last_page or (room is not None and self.panel.height > room):
            return list(self.flowing)
        return []  # whole, on the next page

    def draw(self) -> None:
        self.panel.drawOn(self.canv, 0, 0)


class Anchor(Flowable):
    """A zero-size mark: a named destination and, optionally, an outline entry at this point."""

    def __init__(self, key: str, outline: str = "", level: int = 0) -> None:
        super().__init__()
        self.key = key
        self.outline = outline
        self.level = level
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, 0)


class OneLine(Flowable):
    """A short text (a stat) kept on one line: set smaller, down to `floor` points, when its slot is narrow.

    `make(size)` gives the paragraph at a font size; `width_at(size)` the width its text takes on one line.
    Only below the floor does it wrap, between words, as any paragraph does.
    """

    def __init__(
        self, make: Callable[[float], Flowable], width_at: Callable[[float], float], size: float, floor: float
    ):
        super().__init__()
        self.make, self.width_at, self.size, self.floor = make, width_at, size, floor
        self.shown: Flowable = make(size)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        size = self.size
        natural = self.width_at(size)
        if natural > available_width:
            size = max(self.floor, size * available_width / natural * 0.98)
        if size != getattr(self.shown, "size_set", self.size):
            self.shown = self.make(size)
            self.shown.size_set = size
        _share_canvas(self, self.shown)
        self.width, self.height = self.shown.wrap(available_width, available_height)
        return self.width, self.height

    def getSpaceAfter(self) -> float:
        return float(self.shown.getSpaceAfter())

    def draw(self) -> None:
        self.shown.drawOn(self.canv, 0, 0)


class Logo(TaggedFigure):
    """An image (a ReportLab ImageReader) or a vector drawing, scaled to fit a box, tagged as a Figure."""

    def __init__(self, source: Any, size: tuple[float, float], width: float, height: float, alt: str) -> None:
        super().__init__()
        self.source, self.alt = source, alt
        scale = min(width / size[0], height / size[1])
        self.scale = scale
        self.width, self.height = size[0] * scale, size[1] * scale

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def _draw(self) -> None:
        if hasattr(self.source, "drawOn"):  # a drawing from an SVG
            self.canv.saveState()
            self.canv.scale(self.scale, self.scale)
            self.source.drawOn(self.canv, 0, 0)
            self.canv.restoreState()
        else:
            self.canv.drawImage(self.source, 0, 0, self.width, self.height, mask="auto")
