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

from brief.content.model import Brief
from brief.errors import BriefError, Problem, Severity
from brief.loading import Document
from brief.pdf.rules import Defect, find_defects

#: The spacings tried, as shares of the theme's, in order: the theme's own, tighter, then looser.
SPACINGS = (1.0, 0.8, 0.6, 1.25, 1.5, 1.75)
LOOSER = tuple(s for s in SPACINGS if s > 1)


@dataclass(frozen=True)
class LayoutSummary:
    """What layout decided that a later no-op build reports: the number of pages, and the layout rules that
    no candidate layout could keep (warnings)."""

    pages: int
    warnings: tuple[Problem, ...] = ()


@dataclass
class Laid:
    """One pass: its layout and the rules it breaks; once kept, the PDF bytes ReportLab writes for it and the
    structure tree recorded while drawing. A candidate that is not kept is never saved: its charts are not
    even drawn."""

    layout: LayoutSummary
    doc: Any  # the BriefDocument, its pages laid out but not yet saved
    buffer: io.BytesIO
    defects: list[Defect]
    toc: bool = False
    spacing: float = 1.0
    breaks: frozenset[str] = frozenset()  # the sections set on a new page

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
        """The best candidate layout; with a TOC if the brief then runs to `toc_min_pages` pages or more.

        Spacings are tried in order until one breaks no rule. If the best still ends on a thin page, the
        sections that start low on the page before it are tried on a page of their own, to share the end
        between the two pages."""
        best: Laid | None = None
        too_long: TooLong | None = None
        toc: bool | None = None
        for spacing in SPACINGS:
            try:
                candidate = self._candidate(spacing, frozenset(), toc, toc_min_pages)
            except TooLong as exc:
                if not self.brief.info.max_pages:  # past the ceiling for runaway briefs: no spacing helps
                    raise BriefError([exc.problem]) from exc
                too_long = too_long or exc  # the theme's own spacing says best where it overflows
                continue
            toc = candidate.toc
            best = candidate if best is None or candidate.score < best.score else best
            if not best.defects:
                break
        if best is None:
            assert too_long is not None
            raise BriefError([too_long.problem]) from too_long
        for key in _sections_to_move(best):
            for spacing in dict.fromkeys((best.spacing, *LOOSER)):  # moved, the end may need more air to fill
                if not best.defects:
                    break
                try:
                    candidate = self._candidate(spacing, best.breaks | {key}, best.toc, toc_min_pages)
                except TooLong:
                    continue
                best = candidate if candidate.score < best.score else best
        best.layout = LayoutSummary(best.layout.pages, tuple(self.warnings(best)))
        return best

    def _candidate(self, spacing: float, breaks: frozenset[str], toc: bool | None, toc_min_pages: int) -> Laid:
        """One candidate; the first decides the TOC: shown if the brief laid out with it is long enough."""
        if toc is not None:
            return self._pass(toc, spacing, breaks)
        if self.page_limit < toc_min_pages:  # a brief long enough for a TOC would be too long
            return self._pass(False, spacing, breaks)
        with_toc = self._pass(True, spacing, breaks)
        if with_toc.layout.pages >= toc_min_pages:
            return with_toc
        return self._pass(False, spacing, breaks)

    def warnings(self, laid: Laid) -> list[Problem]:
        """What the kept layout still breaks, each a warning located at the block's content."""
        return [defect_problem(defect, self.docs, self.brief) for defect in laid.defects]

    def _pass(self, toc: bool, spacing: float = 1.0, breaks: frozenset[str] = frozenset()) -> Laid:
        from reportlab.platypus.doctemplate import LayoutError

        from brief.pdf.compose import Composer
        from brief.pdf.document import BriefDocument, TooManyPages
        from brief.pdf.flowables import TooTall

        buffer = io.BytesIO()
        doc = BriefDocument(buffer, self.styles, self.furniture, self.drawings, tagged=self.tagged)
        doc.page_limit = self.page_limit
        doc.save_later = True
        if cover := self.cover_problem(doc, self.docs):
            raise BriefError([cover])
        composer = Composer(self.brief, self.styles, self.chart_sizes, toc=toc, spacing=spacing, breaks=breaks)
        try:
            doc.build(composer.story())
        except TooManyPages as exc:
            raise TooLong(self.layout_problem(exc, doc, self.brief, self.docs)) from exc
        except (TooTall, LayoutError) as exc:
            raise BriefError([self.layout_problem(exc, doc, self.brief, self.docs)]) from exc
        defects = find_defects(doc.placed, doc.pages_laid_out, doc.running)
        return Laid(LayoutSummary(doc.pages_laid_out), doc, buffer, defects, toc, spacing, breaks)


#: How many sections, from the foot of the page before a thin last page up, are tried on a page of their own.
SECTIONS_TO_MOVE = 3


def _sections_to_move(laid: Laid) -> list[str]:
    """When the last page is thin: the sections (and back matter) that start in the lower half of the page
    before it, lowest first; moving one to the last page may leave both pages at least half full."""
    pages = laid.layout.pages
    if pages < 2 or not any(d.rule == "thin-page" and d.page == pages for d in laid.defects):
        return []
    before = [b for b in laid.doc.placed if b.page == pages - 1 and b.key]
    low = [b.key for b in sorted(before, key=lambda b: b.top) if b.top < (b.frame[0] + b.frame[1]) / 2]
    return low[:SECTIONS_TO_MOVE]


class TooLong(Exception):
    """A candidate that runs past max_pages (or the page ceiling): another spacing may fit, so it is not yet
    the user's problem; it becomes one when no candidate fits."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


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
    "overlap": "shorten the title, series or organisation name",
}
