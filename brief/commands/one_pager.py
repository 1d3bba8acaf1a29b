"""The one-page summary of a press kit: the brief's cover band, its key-finding callouts, the top
recommendations and whom to call, set with the brief's own styles, flowables and page templates.

It must fit on one page. When the content is long, the page drops detail in a fixed order (see
`details`) until it fits, so the same content always gives the same page.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable, Spacer

from brief.content.model import Brief
from brief.errors import BriefError, Problem
from brief.pdf.compose import Composer, suggested_citation
from brief.pdf.flowables import Columns, Framing, Stack
from brief.pdf.styles import Styles, make_styles
from brief.pdf.tagging import StructMark
from brief.theme.model import Theme

#: Recommendations a summary shows at most.
TOP_RECOMMENDATIONS = 3


@dataclass(frozen=True)
class Detail:
    """How much a summary page shows."""

    lead: bool
    recommendation_text: bool
    callout_rows: int
    recommendations: int


#: Rows of big numbers a summary shows at most: a summary that lists everything summarises nothing.
MAX_CALLOUT_ROWS = 3


def details(findings: int, columns: int) -> list[Detail]:
    """From the fullest page to the sparest; the first that fits on one page is used.

    The big numbers matter most to a reporter, so the lead paragraph goes first, then the
    recommendations' explanations, and only then a row of numbers.
    """
    most_rows = min(MAX_CALLOUT_ROWS, -(-findings // columns))
    levels = [
        Detail(lead, text, rows, TOP_RECOMMENDATIONS)
        for rows in range(most_rows, 0, -1)
        for text in (True, False)
        for lead in (True, False)
    ]
    return [*levels, Detail(False, False, 1, 1)]


class SummaryComposer(Composer):
    """The brief's composer, for a page without endnotes: citations are left out, not linked to nothing."""

    def _citer(self, size: float) -> Callable[[tuple[str, ...]], str]:
        return lambda ids: ""

    def summary_story(self, detail: Detail) -> list[Flowable]:
        """The page's story at a level of detail."""
        story: list[Flowable] = []
        if detail.lead:
            glance = self.heading(self.words("at_a_glance"), key="summary")
            story += [glance, self.para(self.brief.info.summary[0], "lead")]
        story += [StructMark("Sect"), *self.callouts(detail.callout_rows), StructMark()]
        recommendations = self.brief.recommendations.recommendations[: detail.recommendations]
        if recommendations:
            several = len(self.brief.recommendations.recommendations) > 1
            title = self.words("top_recommendations" if several else "one_recommendation")
            story += [StructMark("Sect"), self.heading(title, key="recommendations"), StructMark("L")]
            for number, rec in enumerate(recommendations, 1):
                body: list[Flowable] = [self.literal(rec.title, "item_title")]
                if detail.recommendation_text:
                    body.append(self.para(rec.text))
                story.append(self.side_item(self.literal(str(number), "number"), body, None))
            story += [StructMark(), StructMark()]
        return [*story, Spacer(0, self.styles.theme.spacing.block), self.contact_panel()]

    def callouts(self, rows: int) -> list[Flowable]:
        """The key findings' big numbers, in rows as on the brief's page 1."""
        columns = self.styles.theme.layout.stat_columns
        stats = [f.stat for f in self.brief.findings.findings if f.stat is not None][: rows * columns]
        if not stats:
            return []
        heading = self.brief.findings.heading or self.words("findings_heading")
        story: list[Flowable] = [self.heading(heading, key="findings")]
        callouts = [self.stat_callout(stat, None) for stat in stats]
        gap = self.styles.theme.page.gutter * 0.6
        for start in range(0, len(callouts), columns):
            row: list[Flowable] = list(callouts[start : start + columns])
            row += [Spacer(0, 0) for _ in range(columns - len(row))]
            story.append(Columns(row, [1] * columns, gap, equal_height=True, space_after=gap))
        return story

    def contact_panel(self) -> Stack:
        """Whom to call, where the full brief is, and how to cite it."""
        info = self.brief.info
        contact = [c for c in (info.contact.email, info.contact.phone, info.contact.url or info.organisation.url) if c]
        title = self.words("contact_organisation", organisation=info.organisation.name)
        parts: list[Flowable] = [self.literal(title, "box_title")]
        if contact:
            parts.append(self.literal(" · ".join(contact), "body"))
        parts.append(self.literal(self.words("sourced_in_full_brief"), "source_line"))
        parts.append(Spacer(0, self.styles.theme.spacing.paragraph))
        parts.append(self.literal(self.words("citation_heading"), "item_title"))
        parts.append(self.literal(suggested_citation(self.brief), "source_line"))
        pad = self.styles.theme.spacing.padding
        frame = Framing(padding=pad, background=self.styles.colour("panel"), left_bar=self.styles.colour("accent"))
        return Stack(parts, frame, ("brief.yaml", ("contact",)), role="Div")


def render_summary(brief: Brief, theme: Theme) -> bytes:
    """A tagged one-page PDF summary of `brief`, in its theme; a BriefError if even the sparest page overflows."""
    from brief.building.pipeline import page_furniture

    styles = make_styles(theme, brief.locale.catalog.hyphenation)
    furniture = page_furniture(brief, styles)
    meta = dataclasses.replace(furniture.meta, title=brief.locale.text("summary_title", title=furniture.meta.title))
    furniture = dataclasses.replace(furniture, meta=meta)
    for detail in details(len(brief.findings.findings), theme.layout.stat_columns):
        laid_out = _one_page(brief, styles, furniture, detail)
        if laid_out is not None:
            data, tree = laid_out
            from brief.pdf.finish import finish

            return finish(data, tree, meta)
    where = brief.root / "content" / "brief.yaml"
    raise BriefError(
        [
            Problem(
                str(where),
                0,
                0,
                "the press kit's one-page summary does not fit on one page",
                hint="shorten the title, the stat labels or the first recommendation's title",
            )
        ]
    )


def _one_page(brief: Brief, styles: Styles, furniture: Any, detail: Detail) -> tuple[bytes, Any] | None:
    """The page's PDF bytes and structure tree, or None when this much detail runs past one page."""
    from reportlab.platypus.doctemplate import LayoutError

    from brief.pdf.document import BriefDocument
    from brief.pdf.flowables import TooTall

    buffer = io.BytesIO()
    doc = BriefDocument(buffer, styles, furniture, tagged=True)
    doc.page_total = 1
    try:
        doc.build(SummaryComposer(brief, styles, {}).summary_story(detail))
    except (TooTall, LayoutError):
        return None
    if doc.pages_laid_out != 1 or doc.tagger is None:
        return None
    return buffer.getvalue(), doc.tagger.root
