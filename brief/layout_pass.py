"""One layout pass of the brief (the `run` that passes.settle calls), and the last one run ahead when it can be.

The layout rules themselves — where a block is too tall, when the cover leaves no room — belong to the
pipeline, which hands them in; this module only runs ReportLab once per call and keeps what finishing needs.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .ahead import Ahead
from .errors import BriefError, Problem
from .loading import Document
from .model import Brief
from .passes import Heading, Layout

Toc = tuple[Heading, ...] | None


@dataclass
class LayoutPasses:
    """Lays the brief out once per `run`; keeps the tagger of the last full pass for finishing.

    `cover_problem(doc, docs)` and `layout_problem(exc, doc, brief, docs)` locate what keeps the brief
    from being laid out; `page_limit` stops a runaway layout.
    """

    brief: Brief
    styles: Any
    furniture: Any
    drawings: dict[str, Any]
    docs: dict[str, Document]
    tagged: bool
    page_limit: int
    cover_problem: Callable[[Any, dict[str, Document]], Problem | None]
    layout_problem: Callable[[Exception, Any, Brief, dict[str, Document]], Problem]
    tagger: Any = None
    finished: bool = False  # the bytes of the last full pass are finished already (run ahead)
    ahead: Ahead | None = field(default=None, repr=False)

    def run(self, total: int | None, toc: Toc, draft: bool) -> tuple[Layout, bytes | None]:
        """One pass: `total` printed as the page total (None: each page's own number), `toc` shown if given."""
        if not draft and self.ahead is not None:
            done = self.ahead.result((total, toc))
            if done is not None:
                self.finished = True
                return done
        layout, data, tagger = self._lay_out(total, toc, draft)
        if not draft:
            self.tagger, self.finished = tagger, False
        return layout, data

    def run_ahead(self, hint: Layout, toc_min_pages: int) -> None:
        """Start the pass fed with `hint` — the likeliest last one — and its finishing, in a child process."""
        key = (hint.pages, hint.headings if hint.pages >= toc_min_pages else None)
        self.ahead = Ahead(key, lambda: self._finished(*key))

    def stop(self) -> None:
        if self.ahead is not None:
            self.ahead.stop()
            self.ahead = None

    def _finished(self, total: int | None, toc: Toc) -> tuple[Layout, bytes]:
        from .finish import finish

        layout, data, tagger = self._lay_out(total, toc, False)
        assert data is not None
        return layout, finish(data, tagger.root, self.furniture.meta) if tagger is not None else data

    def _lay_out(self, total: int | None, toc: Toc, draft: bool) -> tuple[Layout, bytes | None, Any]:
        from reportlab.platypus.doctemplate import LayoutError

        from .compose import Composer
        from .document import BriefDocument, TooManyPages
        from .flowables import TooTall

        buffer = io.BytesIO()
        doc = BriefDocument(buffer, self.styles, self.furniture, tagged=self.tagged)
        doc.page_total, doc.draft, doc.page_limit = total, draft, self.page_limit
        if cover := self.cover_problem(doc, self.docs):
            raise BriefError([cover])
        composer = Composer(self.brief, self.styles, self.drawings, toc=list(toc or []))
        try:
            doc.build(composer.story())
        except (TooTall, LayoutError, TooManyPages) as exc:
            raise BriefError([self.layout_problem(exc, doc, self.brief, self.docs)]) from exc
        layout = Layout(doc.pages_laid_out, tuple(doc.headings))
        return layout, None if draft else buffer.getvalue(), doc.tagger
