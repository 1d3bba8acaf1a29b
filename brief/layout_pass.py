"""Laying the brief out: one ReportLab pass, or two for a brief too short for its table of contents.

Page numbers that depend on the layout are filled in at the end of a pass (document.py), so one pass gives
the PDF. The only choice left is the TOC: it is shown when the brief, laid out with it, runs to at least the
theme's `toc_min_pages`; a shorter brief is laid out again without it. The layout rules themselves — where a
block is too tall, when the cover leaves no room — belong to the pipeline, which hands them in.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import BriefError, Problem
from .loading import Document
from .model import Brief


@dataclass(frozen=True)
class Layout:
    """What layout decided that a later no-op build reports: the number of pages."""

    pages: int


@dataclass
class Laid:
    """One pass: its layout, the PDF bytes ReportLab wrote, and the structure tree recorded while drawing."""

    layout: Layout
    data: bytes
    tagger: Any


@dataclass
class Layouter:
    """Lays the brief out with ReportLab.

    `cover_problem(doc, docs)` and `layout_problem(exc, doc, brief, docs)` locate what keeps the brief
    from being laid out; `page_limit` stops a runaway layout.
    """

    brief: Brief
    styles: Any
    furniture: Any
    chart_sizes: dict[str, tuple[float, float]]
    drawings: Callable[[], dict[str, Any]]  # the charts' drawings, once the pages are laid out
    docs: dict[str, Document]
    tagged: bool
    page_limit: int
    cover_problem: Callable[[Any, dict[str, Document]], Problem | None]
    layout_problem: Callable[[Exception, Any, Brief, dict[str, Document]], Problem]

    def lay_out(self, toc_min_pages: int) -> Laid:
        """The brief with a TOC if it then runs to `toc_min_pages` pages or more, else without one."""
        if self.page_limit < toc_min_pages:  # a brief long enough for a TOC would be too long
            return self._pass(toc=False)
        with_toc = self._pass(toc=True)
        if with_toc.layout.pages >= toc_min_pages:
            return with_toc
        return self._pass(toc=False)

    def _pass(self, toc: bool) -> Laid:
        from reportlab.platypus.doctemplate import LayoutError

        from .compose import Composer
        from .document import BriefDocument, TooManyPages
        from .flowables import TooTall

        buffer = io.BytesIO()
        doc = BriefDocument(buffer, self.styles, self.furniture, self.drawings, tagged=self.tagged)
        doc.page_limit = self.page_limit
        if cover := self.cover_problem(doc, self.docs):
            raise BriefError([cover])
        composer = Composer(self.brief, self.styles, self.chart_sizes, toc=toc)
        try:
            doc.build(composer.story())
        except (TooTall, LayoutError, TooManyPages) as exc:
            raise BriefError([self.layout_problem(exc, doc, self.brief, self.docs)]) from exc
        return Laid(Layout(doc.pages_laid_out), buffer.getvalue(), doc.tagger)
