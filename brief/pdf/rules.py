"""The layout rules, checked on the pages as laid out: where every block landed, not the PDF.

The document records each block it places (`Placed`); `find_defects` reads that record and names what a
reader would see as amateur — a heading stranded at the foot of a page, a page left half empty, a hole in
the middle of a page, a figure far from its text, a table continued without its header, a single line
cut off from its paragraph, text too small to read, text printed over other text (the running header's
parts, recorded beside the blocks as they are drawn). The layout pass uses the count to choose among
candidate layouts; what the best of them still has becomes a warning located at the block's content.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations, pairwise

from brief.theme.model import MIN_TEXT_SIZE

Where = tuple[str, tuple[str | int, ...]] | None  # content file and key path a block shows

#: Below this share of its frame's height, a page (the last one too) looks unfinished.
MIN_PAGE_FILL = 0.5
#: Space between blocks up to this tall (between paragraphs, above a heading) counts as part of the text.
JOIN_GAP = 36.0
#: An empty stretch taller than this share of the frame is a hole in the page.
MAX_GAP = 1 / 3
#: A heading this near the foot of its frame needs lines of its own text after it.
FOOT_ZONE = 0.15
#: Lines of its own text that must follow a heading on its page.
HEADING_LINES = 2
#: Text boxes that share less than this, across and down, only touch.
OVERLAP = 0.5


@dataclass(frozen=True)
class Placed:
    """One block as laid out: its page (from 1), the frame it sits in and its box, both as y from the page's
    foot; what kind of block it is and which content it shows."""

    page: int
    frame: tuple[float, float]  # the frame's bottom and top
    top: float
    bottom: float
    kind: str  # heading, text, figure, table, block
    where: Where = None
    label: str = ""  # how a message names it: the heading's or figure's title
    lines: int = 0  # lines of text, for a paragraph
    part: str = ""  # of a split paragraph: "first", "middle" or "last"; "" when whole
    smallest: float = 0.0  # the smallest font size in it, 0 when it holds no text
    continued_well: bool = True  # a table's later part repeats its header row and says "(continued)"
    mentioned: int = 0  # a figure: the page its text reached before the figure floated on; 0 when it did not
    key: str = ""  # a section's heading or the back matter: the key a later layout may start a page with
    left: float = 0.0  # the box's left and right edges from the page's left; both 0 when not known
    right: float = 0.0


@dataclass(frozen=True)
class Defect:
    """A broken layout rule: which, where in the content, and what the reader would see."""

    rule: str
    page: int
    where: Where
    message: str


def find_defects(placed: list[Placed], pages: int, running: Sequence[Placed] = ()) -> list[Defect]:
    """Every rule the layout breaks, in page order. `running` are the running header's and footer's text
    boxes, which only the rule on overlapping text reads."""
    defects = [
        *_overlaps([*placed, *running]),
        *_stranded_headings(placed),
        *_thin_pages(placed, pages),
        *_holes(placed, pages),
        *_far_figures(placed),
        *_tables(placed),
        *_lone_lines(placed),
        *_small_text(placed),
    ]
    return sorted(defects, key=lambda d: (d.page, d.rule, d.message))


def _stranded_headings(placed: list[Placed]) -> list[Defect]:
    """A heading whose own text starts on a later page, or with too few lines on its page."""
    defects = []
    for i, block in enumerate(placed):
        if block.kind != "heading":
            continue
        after = next((b for b in placed[i + 1 :] if b.kind != "heading" or b.page != block.page), None)
        if after is None or after.kind == "heading":
            continue  # the brief's last heading, or one followed by a heading on the next page: no text of its own
        height = block.frame[1] - block.frame[0]
        near_foot = block.bottom - block.frame[0] < FOOT_ZONE * height
        too_little = after.page != block.page or (after.kind == "text" and after.lines < HEADING_LINES and after.part)
        if too_little and (near_foot or after.page != block.page):
            defects.append(
                Defect(
                    "heading",
                    block.page,
                    block.where,
                    f"heading '{block.label}' would sit alone at the foot of page {block.page} "
                    f"(its text starts on page {after.page})"
                    if after.page != block.page
                    else f"heading '{block.label}' would sit at the foot of page {block.page} "
                    "with less than two lines of its text",
                )
            )
    return defects


def _thin_pages(placed: list[Placed], pages: int) -> list[Defect]:
    defects = []
    for page in range(1, pages + 1):
        on_page = [b for b in placed if b.page == page]
        if not on_page:
            defects.append(Defect("thin-page", page, None, f"page {page} is empty"))
            continue
        bottom, top = on_page[0].frame
        fill = covered(on_page) / (top - bottom)
        if fill < MIN_PAGE_FILL:
            first = next((b for b in on_page if b.where), on_page[0])
            which = "the last page" if page == pages else f"page {page}"
            defects.append(
                Defect(
                    "thin-page",
                    page,
                    first.where,
                    f"{which} ({page} of {pages}) would be only {fill:.0%} full; a page should be at least half full",
                )
            )
    return defects


def covered(blocks: list[Placed]) -> float:
    """The height a page's blocks cover, joined across the usual space between blocks: what a reader sees as
    filled, whether the blocks sit at the top of the page or at its foot."""
    spans = sorted(((b.top, b.bottom) for b in blocks), reverse=True)  # from the top of the page down
    total, (start, end) = 0.0, spans[0]
    for top, bottom in spans[1:]:
        if top < end - JOIN_GAP:
            total += start - end
            start, end = top, bottom
        else:
            end = min(end, bottom)
    return total + start - end


def _holes(placed: list[Placed], pages: int) -> list[Defect]:
    """An empty stretch taller than a third of the frame: between blocks, or under the last block of a page
    that is not the last (the end of the brief is not a hole). It is the block after it that did not fit."""
    defects = []
    for page in range(1, pages + 1):
        on_page = sorted((b for b in placed if b.page == page), key=lambda b: -b.top)
        if not on_page:
            continue
        bottom, top = on_page[0].frame
        limit = MAX_GAP * (top - bottom)
        for above, below in pairwise(on_page):
            if above.bottom - below.top > limit:
                defects.append(_hole(page, below, (above.bottom - below.top) / (top - bottom), "above it"))
        last = min(on_page, key=lambda b: b.bottom)
        following = next((b for b in placed if b.page > page), None)
        if following is not None and last.bottom - bottom > limit:
            where = f"at its foot: the next block, on page {following.page}, does not fit there"
            defects.append(_hole(page, following, (last.bottom - bottom) / (top - bottom), where))
    return defects


def _hole(page: int, block: Placed, share: float, where: str) -> Defect:
    what = f" ('{block.label}')" if block.label else ""
    return Defect(
        "gap", page, block.where, f"page {page} would have an empty gap of {share:.0%} of its height {where}{what}"
    )


def _far_figures(placed: list[Placed]) -> list[Defect]:
    return [
        Defect(
            "figure",
            b.page,
            b.where,
            f"figure '{b.label}' would land on page {b.page}, more than a page after its text on page {b.mentioned}",
        )
        for b in placed
        if b.kind == "figure" and b.mentioned and b.page - b.mentioned > 1
    ]


def _tables(placed: list[Placed]) -> list[Defect]:
    return [
        Defect(
            "table",
            b.page,
            b.where,
            f"table '{b.label}' would continue on page {b.page} without its header row and '(continued)'",
        )
        for b in placed
        if b.kind == "table" and not b.continued_well
    ]


def _lone_lines(placed: list[Placed]) -> list[Defect]:
    defects = []
    for b in placed:
        if b.kind == "text" and b.lines == 1 and b.part in ("first", "last"):
            what = (
                "an orphan: the first line of a paragraph alone at the foot"
                if b.part == "first"
                else ("a widow: the last line of a paragraph alone at the top")
            )
            defects.append(Defect("lone-line", b.page, b.where, f"page {b.page} would have {what}"))
    return defects


def _small_text(placed: list[Placed]) -> list[Defect]:
    """Text under the floor, once for each size: where it first appears."""
    first: dict[float, Placed] = {}
    for b in placed:
        if 0 < b.smallest < MIN_TEXT_SIZE - 0.01:
            first.setdefault(round(b.smallest, 1), b)
    return [
        Defect(
            "small-text",
            b.page,
            b.where,
            f"text set at {size:.1f} pt on page {b.page} is smaller than {MIN_TEXT_SIZE} pt",
        )
        for size, b in first.items()
    ]


def _overlaps(placed: list[Placed]) -> list[Defect]:
    """Two boxes of text that share more than a sliver of the page: one would print over the other."""
    pages: dict[int, list[Placed]] = {}
    for block in placed:
        if block.smallest > 0 and block.right > block.left:
            pages.setdefault(block.page, []).append(block)
    defects = []
    for a, b in (pair for texts in pages.values() for pair in combinations(texts, 2)):
        across = min(a.right, b.right) - max(a.left, b.left)
        down = min(a.top, b.top) - max(a.bottom, b.bottom)
        if across > OVERLAP and down > OVERLAP:
            names = f"'{a.label}' and '{b.label}'" if a.label and b.label else "two blocks of text"
            defects.append(
                Defect("overlap", a.page, a.where or b.where, f"{names} would print over each other on page {a.page}")
            )
    return defects
