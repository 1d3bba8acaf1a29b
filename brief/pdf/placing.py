"""How blocks are placed on the page, beyond ReportLab's first-come order, and the record of where they went.

- A figure that does not fit the rest of the frame floats: it waits while the text after it fills the
  frame, and is set at the top of the next one (LaTeX's float, one page at most). Figures keep their order.
- A heading starts a new frame unless it fits with the first lines of its text (`KeepWithText`).
- Every block placed is recorded (`layout_rules.Placed`), so the rules can be checked on the laid-out pages.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Frame
from reportlab.platypus.flowables import CondPageBreak

from brief.pdf.rules import Placed


class FloatBarrier(Flowable):
    """A point in the story no figure floats past: any figure still waiting is set here (or on the next page)."""

    _ZEROSIZE = True

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class RecordingFrame(Frame):
    """A frame that tells its document about every block it places, with the block's box."""

    def add(self, flowable: Flowable, canv: Any, trySplit: int = 0) -> int:
        added = super().add(flowable, canv, trySplit)
        if added:
            bottom = self._y + flowable.getSpaceAfter()
            record = getattr(canv._doctemplate, "record", None)
            if record is not None:
                record(flowable, self, bottom + float(getattr(flowable, "height", 0) or 0), bottom)
        return added


class Placing:
    """The placing half of the brief's DocTemplate: floats figures and records what it places."""

    placed: list[Placed]
    running: list[Placed]  # the running header's and footer's text, apart: only the overlap rule reads it
    floats: list[Flowable]
    frame: Any
    page: int
    canv: Any

    def start_placing(self) -> None:
        self.placed = []
        self.running = []
        self.floats = []

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        first = flowables[0] if flowables else None
        frame = getattr(self, "frame", None)
        if frame is None or flowables is getattr(self, "_hanging", None):  # a page is still being begun
            super().handle_flowable(flowables)  # type: ignore[misc]
            return
        at_top = bool(frame._atTop)
        if self.floats and (at_top or isinstance(first, FloatBarrier)):
            queued, self.floats = self.floats, []
            for figure in queued:
                figure.flushed = True  # set now, or on the next page; it floats no further
            # A heading right after them was kept with its text before they came: keep it again.
            heading = _next_shown(flowables, 0)
            if heading is not None and getattr(flowables[heading], "layout_kind", "") == "heading":
                queued.append(KeepWithText(followers(flowables, heading)))
            flowables[0:0] = queued
        elif (
            first is not None
            and getattr(first, "floats", False)
            and not getattr(first, "flushed", False)
            and not at_top
            and (self.floats or not self._fits(first))
        ):
            first.mentioned = self.page  # the page of its text, for the rule on how far a figure floats
            self.floats.append(flowables.pop(0))
            return
        super().handle_flowable(flowables)  # type: ignore[misc]

    def _fits(self, flowable: Flowable) -> bool:
        frame = self.frame
        room = frame._y - frame._y1p - flowable.getSpaceBefore()
        flowable.canv = self.canv
        try:
            _, height = flowable.wrap(frame._getAvailableWidth(), room)
        finally:
            del flowable.canv
        return bool(height <= room + 1e-6)

    def record(self, flowable: Flowable, frame: Frame, top: float, bottom: float) -> None:
        """Note where `flowable` landed, if it shows anything."""
        kind = block_kind(flowable)
        if kind is None or top - bottom <= 0:
            return
        self.placed.append(
            Placed(
                page=self.page,
                frame=(frame._y1, frame._y1 + frame._height),
                top=top,
                bottom=bottom,
                kind=kind,
                where=where_of_block(flowable),
                label=str(getattr(flowable, "label", "") or getattr(flowable, "outline", "")),
                lines=len(getattr(getattr(flowable, "blPara", None), "lines", []) or []),
                part=str(getattr(flowable, "part", "")),
                smallest=smallest_text(flowable),
                continued_well=bool(getattr(flowable, "continued_well", True)),
                mentioned=int(getattr(flowable, "mentioned", 0) or 0),
                key=str(getattr(flowable, "break_key", "")),
                left=frame._x1,
                right=frame._x1 + frame._width,
            )
        )

    def record_running(self, text: str, font: str, size: float, x: float, baseline: float, right: bool = False) -> None:
        """Note a part of a running line (header or footer) drawn from `x`, or ending at `x` when `right`."""
        from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth

        if not text:
            return
        width = stringWidth(text, font, size)
        left = x - width if right else x
        ascent, descent = getAscentDescent(font, size)
        where = ("brief.yaml", ("title",))
        self.running.append(  # outside any frame: only the overlap rule reads it
            Placed(
                self.page,
                (0.0, 0.0),
                baseline + ascent,
                baseline + descent,
                "running",
                where,
                text,
                smallest=size,
                left=left,
                right=left + width,
            )
        )


def block_kind(flowable: Flowable) -> str | None:
    """What the rules see a block as; None for what shows nothing (marks, spaces, page breaks)."""
    kind = getattr(flowable, "layout_kind", None)
    if kind:
        return str(kind)
    if isinstance(flowable, CondPageBreak) or getattr(flowable, "_ZEROSIZE", False):
        return None
    if type(flowable).__name__ in ("Spacer", "Anchor", "StructMark"):
        return None
    if hasattr(flowable, "blPara") or hasattr(flowable, "frags"):
        return "text"
    return "block"


def where_of_block(flowable: Flowable) -> tuple[str, tuple[str | int, ...]] | None:
    """The content a block shows: its own, else that of the first of its parts that knows."""
    where = getattr(flowable, "where", None)
    if where:
        return where
    for part in parts_of(flowable):
        found = where_of_block(part)
        if found:
            return found
    return None


def parts_of(flowable: Flowable) -> list[Flowable]:
    """The flowables inside a block: a stack's or columns' children, a figure set beside text, table cells."""
    parts = [*getattr(flowable, "children", []), *getattr(flowable, "_content", [])]
    image = getattr(flowable, "_I", None)
    if image is not None:
        parts.insert(0, image)
    for row in getattr(flowable, "_cellvalues", []) or []:
        parts += [cell for cell in row if isinstance(cell, Flowable)]
    inner = getattr(flowable, "table", None)
    if isinstance(inner, Flowable):
        parts.append(inner)
    return parts


def smallest_text(flowable: Flowable) -> float:
    """The smallest font size of the text in a block; 0 when it has none."""
    sizes = [float(f.fontSize) for f in getattr(flowable, "frags", None) or [] if getattr(f, "text", "").strip()]
    sizes += [s for s in (smallest_text(part) for part in parts_of(flowable)) if s > 0]
    return min(sizes, default=0.0)


class KeepWithText(CondPageBreak):
    """Set before a heading: a new frame starts here unless the heading, and what must stay with it — the
    first two lines of its text, or the whole of a block that cannot split — fit in what is left."""

    def __init__(self, followers: list[Flowable]) -> None:
        super().__init__(0)
        self.followers = followers

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        frame = self._doctemplateAttr("frame")
        if frame is None or frame._atTop:
            return 0, 0
        self.height = min(room_needed(self.followers, available_width, self.canv), 0.9 * frame._height)
        return super().wrap(available_width, available_height)


def room_needed(followers: list[Flowable], width: float, canvas: Any) -> float:
    """The height of every follower but the last, and of the last as much as must not be parted from them."""
    total = 0.0
    for i, follower in enumerate(followers):
        follower.canv = canvas  # some flowables measure text on the canvas
        try:
            _, height = follower.wrap(width, 1e6)
        finally:
            del follower.canv
        if i < len(followers) - 1:
            total += height + follower.getSpaceAfter() + follower.getSpaceBefore()
        else:
            total += follower.getSpaceBefore() + _first_lines(follower, width, height)
    return total


def _first_lines(flowable: Flowable, width: float, height: float) -> float:
    """How much of a block must come onto the page with the heading above it."""
    lines = getattr(getattr(flowable, "blPara", None), "lines", None)
    if lines is not None:
        leading = float(flowable.style.leading)
        return height if len(lines) < 4 else 2 * leading  # widows and orphans are not allowed: 4 lines split 2 + 2
    rows = getattr(flowable, "_rowHeights", None)
    if rows:
        return float(sum(rows[:4]))  # the header and three rows
    image = getattr(flowable, "_I", None)
    if image is not None:  # a figure set beside text: the figure is placed whole
        return float(image.wrap(width, 1e6)[1])
    return height


def break_before(story: list[Flowable], keys: frozenset[str]) -> list[Flowable]:
    """`story` with a new page before each block whose `break_key` is in `keys` (and the marks leading into it)."""
    from reportlab.platypus import PageBreak

    placed: list[Flowable] = []
    for flowable in story:
        if getattr(flowable, "break_key", "") in keys:
            at = len(placed)
            while at and _shows_nothing(placed[at - 1]):
                at -= 1
            placed.insert(at, PageBreak())
        placed.append(flowable)
    return placed


def keep_headings_with_text(story: list[Flowable]) -> list[Flowable]:
    """Before each heading (with the marks and anchors that lead into it), a KeepWithText that keeps it, and any
    heading right after it, with the start of its text."""
    kept: list[Flowable] = []
    for i, flowable in enumerate(story):
        if _is_heading(flowable) and not (kept and _is_heading(kept[-1])):
            at = len(kept)
            while at and _shows_nothing(kept[at - 1]):
                at -= 1
            kept.insert(at, KeepWithText(followers(story, i)))
        kept.append(flowable)
    return kept


def followers(story: list[Flowable], start: int) -> list[Flowable]:
    """The heading at `start`, the headings straight after it, and the first block that shows something."""
    found = []
    for flowable in story[start:]:
        if _shows_nothing(flowable):
            continue
        found.append(flowable)
        if not _is_heading(flowable):
            break
    return found


def _next_shown(flowables: list[Flowable], start: int) -> int | None:
    return next((i for i in range(start, len(flowables)) if not _shows_nothing(flowables[i])), None)


def _is_heading(flowable: Flowable) -> bool:
    return getattr(flowable, "layout_kind", "") == "heading"


def _shows_nothing(flowable: Flowable) -> bool:
    """Marks, anchors and the layout's own directions: zero-size, never where a page breaks."""
    return isinstance(flowable, (KeepWithText, FloatBarrier)) or type(flowable).__name__ in ("Anchor", "StructMark")
