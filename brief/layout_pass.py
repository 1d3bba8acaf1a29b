"""Laying the brief out: candidate layouts, each one ReportLab pass, and the best of them kept.

Page numbers that depend on the layout are filled in at the end of a pass (document.py), so one pass gives
the PDF. Within a pass, figures float and headings keep with their text (placing.py). Across passes, two
choices are left: the TOC, shown when the brief laid out with it runs to at least the theme's
`toc_min_pages`; and how much of the theme's space goes between blocks. The first candidate is the theme's
own spacing; when its pages break a layout rule (layout_rules.py), tighter and then looser spacings are
tried, and the candidate with the fewest broken rules, then the fewest pages, is kept. What it still breaks
is reported as warnings located at the content. What keeps a brief from being laid out at all — a block too
tall, a cover with no room — belongs to the pipeline, which hands those rules in.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import BriefError, Problem, Severity
from .layout_rules import Defect, find_defects
from .loading import Document
from .model import Brief

#: The spacings tried, as shares of the theme's, in order: the theme's own, tighter, then looser.
SPACINGS = (1.0, 0.8, 0.6, 1.25, 1.5)


@dataclass(frozen=True)
class Layout:
    """What layout decided that a later no-op build reports: the number of pages, and the layout rules that
    no candidate layout could keep (warnings)."""

    pages: int
    warnings: tuple[Problem, ...] = ()


@dataclass
class Laid:
    """One pass: its layout and the rules it breaks; once kept, the PDF bytes ReportLab writes for it and the
    structure tree recorded while drawing. A candidate that is not kept is never saved: its charts are not
    even drawn."""

    layout: Layout
    doc: Any  # the BriefDocument, its pages laid out but not yet saved
    buffer: io.BytesIO
    defects: list[Defect]
    toc: bool = False

    @property
    def score(self) -> tuple[int, int]:
        """Lower is better: broken layout rules first, then pages."""
        return len(self.defects), self.layout.pages

    @property
    def tagger(self) -> Any:
        return self.doc.tagger

    @property
    def data(self) -> bytes:
        if not self.buffer.getvalue():
            self.doc.save_pages()
        return self.buffer.getvalue()


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
        """The best candidate layout; with a TOC if the brief then runs to `toc_min_pages` pages or more."""
        first = self._first(toc_min_pages)
        best = first
        for spacing in SPACINGS[1:]:
            if not best.defects:
                break
            candidate = self._pass(toc=first.toc, spacing=spacing)
            if candidate.score < best.score:
                best = candidate
        best.layout = Layout(best.layout.pages, tuple(self.warnings(best)))
        return best

    def _first(self, toc_min_pages: int) -> Laid:
        spacing = SPACINGS[0]
        if self.page_limit < toc_min_pages:  # a brief long enough for a TOC would be too long
            return self._pass(toc=False, spacing=spacing)
        with_toc = self._pass(toc=True, spacing=spacing)
        if with_toc.layout.pages >= toc_min_pages:
            return with_toc
        return self._pass(toc=False, spacing=spacing)

    def warnings(self, laid: Laid) -> list[Problem]:
        """What the kept layout still breaks, each a warning located at the block's content."""
        return [defect_problem(defect, self.docs, self.brief) for defect in laid.defects]

    def _pass(self, toc: bool, spacing: float = 1.0) -> Laid:
        from reportlab.platypus.doctemplate import LayoutError

        from .compose import Composer
        from .document import BriefDocument, TooManyPages
        from .flowables import TooTall

        buffer = io.BytesIO()
        doc = BriefDocument(buffer, self.styles, self.furniture, self.drawings, tagged=self.tagged)
        doc.page_limit = self.page_limit
        doc.save_later = True
        if cover := self.cover_problem(doc, self.docs):
            raise BriefError([cover])
        composer = Composer(self.brief, self.styles, self.chart_sizes, toc=toc, spacing=spacing)
        try:
            doc.build(composer.story())
        except (TooTall, LayoutError, TooManyPages) as exc:
            raise BriefError([self.layout_problem(exc, doc, self.brief, self.docs)]) from exc
        defects = find_defects(doc.placed, doc.pages_laid_out)
        return Laid(Layout(doc.pages_laid_out), doc, buffer, defects, toc)


def defect_problem(defect: Defect, docs: dict[str, Document], brief: Brief) -> Problem:
    """A broken layout rule as a warning at the content line of the block it concerns."""
    import dataclasses

    file, path = defect.where or ("brief.yaml", ())
    hint = HINTS.get(defect.rule, "")
    if file in docs:
        problem = docs[file].problem(path, defect.message, hint=hint)
    else:
        problem = Problem(str(brief.root / "content" / file), 0, 0, defect.message, hint=hint)
    return dataclasses.replace(problem, severity=Severity.WARNING)


#: What an author can do about each broken rule that no candidate layout fixed.
HINTS = {
    "heading": "shorten the text before it, or add to its own",
    "thin-page": "add or cut a little text, or set max_pages lower",
    "gap": "split the block after the gap, or shorten it",
    "figure": "give the figure fewer categories, or its text more room",
    "table": "",
    "lone-line": "add or cut a few words in the paragraph",
    "small-text": "use a larger size in the theme",
}
