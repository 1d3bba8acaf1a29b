"""Tagged PDF, first half: marked content in the page streams and the structure tree in reading order.

ReportLab has no tagging of its own. While the story is drawn, each flowable wraps what it paints in
`/Role <</MCID n>> BDC … EMC` (or `/Artifact BMC … EMC` for decoration) and the Tagger records the
structure element it belongs to. Since drawing follows the story, the tree comes out in reading order.
`finish.py` turns the record into the PDF's StructTreeRoot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from brief.pdf.hyphenation import hyphenated


@dataclass
class Marked:
    """One marked-content sequence: its page (from 0), MCID, and box in page coordinates."""

    page: int
    mcid: int
    box: tuple[float, float, float, float]


@dataclass
class Node:
    """A structure element: a role (P, H2, Figure, LI...), its children, and optional attributes."""

    role: str
    kids: list[Node | Marked] = field(default_factory=list)
    alt: str = ""
    id: str = ""
    scope: str = ""  # a table header's Scope: Column or Row


class Tagger:
    """Records the structure tree while the document is drawn; one per layout pass."""

    def __init__(self) -> None:
        self.root = Node("Document")
        self._open: list[Node] = [self.root]
        self._mcids: dict[int, int] = {}
        self._continued: dict[int, Node] = {}  # a split paragraph's parts share one element

    def open(self, role: str, alt: str = "") -> Node:
        """Start an element that holds what is drawn until `close`."""
        node = Node(role, alt=alt)
        self._open[-1].kids.append(node)
        self._open.append(node)
        return node

    def close(self) -> None:
        if len(self._open) > 1:
            self._open.pop()

    def reopen(self, key: int, role: str) -> Node:
        """Open the element of `key` again (a table continued on the next page), or a new one."""
        node = self._continued.get(key)
        if node is None:
            node = self._continued[key] = self.open(role)
        else:
            self._open.append(node)
        return node

    def content(
        self,
        canvas: Canvas,
        role: str,
        draw: Callable[[], None],
        size: tuple[float, float],
        key: int | None = None,
        alt: str = "",
        id: str = "",
    ) -> None:
        """Draw real content as one marked sequence of a `role` element (continued if `key` was seen)."""
        self.begin(canvas, role, size, key=key, alt=alt, id=id)
        draw()
        canvas.addLiteral("EMC")

    def begin(
        self,
        canvas: Canvas,
        role: str,
        size: tuple[float, float],
        key: int | None = None,
        alt: str = "",
        id: str = "",
        scope: str = "",
        at: tuple[float, float] = (0, 0),
    ) -> None:
        """Start a marked sequence of a `role` element at `at`; the caller writes the closing EMC."""
        page = canvas.getPageNumber() - 1
        mcid = self._mcids.get(page, 0)
        self._mcids[page] = mcid + 1
        x, y = canvas.absolutePosition(*at)
        marked = Marked(page, mcid, (x, y, x + size[0], y + size[1]))
        node = self._continued.get(key) if key is not None else None
        if node is None:
            node = Node(role, alt=alt, id=id, scope=scope)
            self._open[-1].kids.append(node)
            if key is not None:
                self._continued[key] = node
        node.kids.append(marked)
        canvas.addLiteral(f"/{role} <</MCID {mcid}>> BDC")


def artifact(canvas: Canvas, draw: Callable[[], None], kind: str = "Layout") -> None:
    """Draw decoration or page furniture that assistive technology should skip."""
    canvas.addLiteral(f"/Artifact <</Type /{kind}>> BDC")
    draw()
    canvas.addLiteral("EMC")


def tagger_of(canvas: Canvas) -> Tagger | None:
    """The Tagger of the document being drawn, if it is tagged."""
    doc = getattr(canvas, "_doctemplate", None)
    return getattr(doc, "tagger", None)


#: Parsed markup by (text, style, ...): parsing is about a tenth of a layout, and a running `brief watch`, a
#: brief laid out twice and repeated texts meet the same paragraphs again. Each entry keeps its style, so
#: that the style's id cannot be reused by another while the entry lives; styles are made once per theme.
_PARSED: dict[tuple[Any, ...], tuple[Any, ...]] = {}
_PARSED_LIMIT = 20_000


class TaggedParagraph(Paragraph):
    """A paragraph that tags itself with `role`; both parts of a split stay one element."""

    def __init__(
        self,
        text: Any,
        style: Any,
        bulletText: Any = None,
        frags: Any = None,
        role: str = "P",
        element_id: str = "",
        **kw: Any,
    ) -> None:
        super().__init__(text, style, bulletText=bulletText, frags=frags, **kw)
        self.role = role
        self.element_id = element_id
        self.key = id(self)
        self._wrapped_at: float | None = None

    def _setup(self, text: Any, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:
        if frags is not None:  # the parts of a split paragraph: parsed already
            super()._setup(text, style, bulletText, frags, cleaner)
            return
        key = (text, id(style), repr(bulletText), self.caseSensitive)
        if key not in _PARSED:
            super()._setup(text, style, bulletText, frags, cleaner)
            if len(_PARSED) >= _PARSED_LIMIT:
                _PARSED.clear()
            _PARSED[key] = (style, self.text, self.frags, self.style, self.bulletText)
            return
        _, text, frags, style, bullet = _PARSED[key]
        self.__dict__.update(text=text, frags=frags, style=style, bulletText=bullet, debug=0)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # Panels and columns measure their paragraphs before placing them, at the same width: breaking the
        # lines again would give the same lines (the height available plays no part in them).
        if available_width == self._wrapped_at and hasattr(self, "blPara"):  # split() may drop the lines
            return self.width, self.height
        self.style = hyphenated(self.style, available_width)  # type: ignore[has-type]
        size = super().wrap(available_width, available_height)
        self._wrapped_at = available_width if hasattr(self, "blPara") and size == (self.width, self.height) else None
        return size

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = super().split(available_width, available_height)
        whole = getattr(self, "part", "")
        for index, part in enumerate(parts):
            if isinstance(part, TaggedParagraph) and part is not self:
                part.role, part.element_id, part.key = self.role, self.element_id, self.key
                part.where = getattr(self, "where", None)
                # Which piece of the paragraph it is, for the rule against single lines at a page's edge.
                first = index == 0 and whole in ("", "first")
                last = index == len(parts) - 1 and whole in ("", "last")
                part.part = "first" if first else "last" if last else "middle"
        return parts

    def draw(self) -> None:
        tagger = tagger_of(self.canv)
        if tagger is None:
            super().draw()
            return
        tagger.content(self.canv, self.role, super().draw, (self.width, self.height), self.key, id=self.element_id)


class StructMark(Flowable):
    """A zero-size mark in the story that opens (role given) or closes a structure element: L, Sect..."""

    _ZEROSIZE = True  # ReportLab's flag: placed even in a full frame, so a mark never starts a page

    def __init__(self, role: str = "") -> None:
        super().__init__()
        self.role = role
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        tagger = tagger_of(self.canv)
        if tagger is not None:
            tagger.open(self.role) if self.role else tagger.close()
