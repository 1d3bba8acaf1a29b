"""The DocTemplate: cover and body page templates, running header and footer, outline, TOC, metadata.

Page numbers that depend on the finished layout — each footer's "Page X of Y" and the TOC's page numbers —
are drawn as form XObjects referenced where they appear and defined once the last page is laid out. The
space they take is fixed beforehand, so one layout pass makes the PDF.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, PageTemplate, Paragraph

from brief.content.markup import SAFE_SCHEMES, escape
from brief.languages import ENGLISH_US, Locale
from brief.pdf.placing import Placing, RecordingFrame
from brief.pdf.styles import Styles
from brief.pdf.tagging import TaggedParagraph, Tagger, artifact
from brief.theme.model import PAPER, text_width

#: The margin of the card the logo sits on, on the cover band.
LOGO_PAD = 5.0
#: The share of a running line its right-hand part may take before it is shortened.
RIGHT_SHARE = 0.45
#: The share of the left-hand part a series kicker may take before it is shortened, when the title is long.
KICKER_SHARE = 0.3


def fit_pair(left: str, right: str, font: str, size: float, width: float) -> tuple[str, str]:
    """Two parts of one running line (header or footer), shortened with an ellipsis where they would meet:
    the right part to at most RIGHT_SHARE of the line, the left to what is left, with a gap of two ems."""
    right = shorten(right, font, size, width * RIGHT_SHARE)
    room = width - stringWidth(right, font, size) - 2 * size
    kicker, dot, title = left.partition(" · ")
    if not dot or stringWidth(left, font, size) <= room:
        return shorten(left, font, size, room), right
    # A series kicker before the title: the kicker gives way first, so that the title still shows.
    kicker = shorten(kicker, font, size, room * KICKER_SHARE)
    title = shorten(title, font, size, room - stringWidth(kicker + dot, font, size))
    return kicker + dot + title, right


def shorten(text: str, font: str, size: float, room: float) -> str:
    """`text`, or as many of its words as fit `room` followed by an ellipsis."""
    if stringWidth(text, font, size) <= room:
        return text
    words = text.split(" ")
    while words and stringWidth(" ".join(words) + "…", font, size) > room:
        words.pop()
    return (" ".join(words).rstrip(" ·,;:") + "…") if words else "…"


class SafeLinkCanvas(Canvas):
    """A canvas that makes a link annotation only to a web or mail address.

    Content is checked long before, but this is where the PDF's link is made, so whatever reaches it —
    a URL cut short by markup, a scheme ReportLab reads as a file (`pdf:`) — cannot become another kind.
    """

    def linkURL(self, url: str, rect: Any, relative: int = 0, *args: Any, kind: str = "URI", **kw: Any) -> None:
        if kind == "URI" and str(url).lower().startswith(SAFE_SCHEMES):
            super().linkURL(url, rect, relative, *args, kind=kind, **kw)


class Heading(TaggedParagraph):
    """A section heading: an outline entry, a TOC entry, a link target and an H2/H3 element."""

    layout_kind = "heading"

    def __init__(
        self,
        text: Any,
        style: Any,
        bulletText: Any = None,
        frags: Any = None,
        anchor: str = "",
        level: int = 0,
        outline: str = "",
        **kw: Any,
    ) -> None:
        super().__init__(text, style, bulletText, frags, role=f"H{level + 2}", **kw)
        self.anchor, self.level, self.outline = anchor, level, outline

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = super().split(available_width, available_height)
        for part in parts[1:]:
            if isinstance(part, Heading):  # the outline and TOC point at the first part only
                part.anchor, part.level, part.outline = "", self.level, ""
        return parts

    def draw(self) -> None:
        # Registered when drawn, not in afterFlowable, so a heading nested beside a figure counts too.
        super().draw()
        if self.anchor:
            self.canv.bookmarkHorizontal(self.anchor, 0, self.height)
            self.canv._doctemplate.register_heading(self)


class PageRef(Flowable):
    """A TOC's page number for the heading `key`, right-aligned in one line of `style`, linked to the heading.

    The number is a form the document defines once the heading is placed; the line's size does not depend on it.
    """

    def __init__(self, key: str, style: Any) -> None:
        super().__init__()
        self.key, self.style = key, style

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, self.style.leading
        return self.width, self.height

    def draw(self) -> None:
        tagger = self.canv._doctemplate.tagger
        if tagger is None:
            self._draw()
        else:
            tagger.content(self.canv, "P", self._draw, (self.width, self.height))
        self.canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1)

    def _draw(self) -> None:
        self.canv.saveState()
        self.canv.translate(self.width, 0)
        self.canv._doctemplate.page_ref(self.canv, self.key, self.style)
        self.canv.restoreState()


@dataclass(frozen=True)
class Metadata:
    """The document's Info dictionary; finish.py repeats it in XMP, as PDF/A requires."""

    title: str
    author: str
    subject: str
    keywords: list[str]
    creator: str
    language: str
    date: str  # YYYY-MM-DD: the content's date, so rebuilds are identical
    locale: Locale = ENGLISH_US  # the language of the page numbers and of what a screen reader says of links

    @property
    def pdf_date(self) -> str:
        return f"D:{self.date.replace('-', '')}000000+00'00'"


@dataclass(frozen=True)
class Furniture:
    """What the page templates print around the content, and the metadata of the file."""

    header_left: str
    header_right: str
    footer_left: str
    cover_flowables: list[Flowable]
    meta: Metadata
    logo: Flowable | None = None  # at the top right of the cover band, the title set beside it


class TooManyPages(Exception):
    """Layout ran past `page_limit`: stopping there keeps a runaway brief from taking minutes to fail."""

    def __init__(self, limit: int, section: str = "") -> None:
        super().__init__(f"more than {limit} pages")
        self.limit, self.section = limit, section  # the section that was running when the budget ran out


class BriefDocument(Placing, BaseDocTemplate):
    """Page 1 carries the cover band; later pages a running header and a 'Page X of Y' footer."""

    def __init__(
        self,
        target: io.BytesIO,
        styles: Styles,
        furniture: Furniture,
        drawings: Callable[[], dict[str, Any]] = dict,
        tagged: bool = True,
    ) -> None:
        theme = styles.theme
        margins = theme.page.margins
        super().__init__(
            target,
            pagesize=PAPER[theme.page.size],
            leftMargin=margins.left,
            rightMargin=margins.right,
            topMargin=margins.top,
            bottomMargin=margins.bottom,
            title=furniture.meta.title,
            author=furniture.meta.author,
            subject=furniture.meta.subject,
            keywords=furniture.meta.keywords,
            creator=furniture.meta.creator,
            producer=furniture.meta.creator,
            invariant=1,
            displayDocTitle=1,
            lang=furniture.meta.language,
            initialFontName=styles.body_font.regular,
            initialFontSize=theme.sizes.body,
        )
        self.styles = styles
        self.furniture = furniture
        self.drawings = drawings  # the charts' drawings by id, asked for once the pages are laid out
        self.tagged = tagged
        self.tagger: Tagger | None = None
        self._pages_this_pass = 0
        self.page_refs: dict[str, Any] = {}  # heading key → the style of a TOC page number pointing at it
        self.chart_forms: set[str] = set()  # the charts placed, by id
        self.page_limit: int | None = None
        self.current_flowable: Flowable | None = None  # the block being placed, to locate layout errors
        self.headings: list[tuple[int, str, int, str]] = []  # level, text, page, key: the outline as laid out
        self.band_height = self._band_height()
        height = self.pagesize[1]
        body = RecordingFrame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        cover_top = height - self.band_height - theme.spacing.section
        cover = RecordingFrame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            cover_top - self.bottomMargin,
            id="cover",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate("cover", [cover], onPage=self._draw_cover, autoNextPageTemplate="body"),
                PageTemplate("body", [body], onPage=self._draw_running),
            ]
        )

    def _band_height(self) -> float:
        theme = self.styles.theme
        inner = self._cover_text_width()
        needed = sum(f.wrap(inner, 1e6)[1] + f.getSpaceAfter() for f in self.furniture.cover_flowables)
        logo = self.furniture.logo
        needed = max(needed, logo.height + 2 * LOGO_PAD if logo is not None else 0.0)
        return max(theme.page.cover_band, needed + 2 * theme.spacing.section)

    def _cover_text_width(self) -> float:
        """The width of the cover's text: the frame's, less the logo's and a gutter when there is one."""
        logo = self.furniture.logo
        gap = (logo.width + 2 * LOGO_PAD + self.styles.theme.page.gutter) if logo is not None else 0.0
        return text_width(self.styles.theme) - gap

    # ── one pass; the page numbers that depend on it are filled in at the end ──

    #: Set by a layout that weighs candidates: build() then only lays the pages out, and the one kept is saved.
    save_later = False

    def build(self, flowables: list[Flowable]) -> None:
        # lays out every page; _doSave keeps ReportLab from saving yet
        super().build(flowables, canvasmaker=SafeLinkCanvas)
        if not self.save_later:
            self.save_pages()

    def save_pages(self) -> None:
        """Fill in what depends on the whole layout (page numbers, the charts' drawings) and write the PDF."""
        self._define_page_labels()
        self._define_page_refs()
        self._define_chart_forms()
        self.canv.save()

    def handle_documentBegin(self) -> None:
        self._pages_this_pass = 0
        self.headings = []
        self.page_refs = {}
        self.chart_forms = set()
        self.tagger = Tagger() if self.tagged else None
        self.start_placing()
        self.canv._doc.setDateFormatter(lambda *_: self.furniture.meta.pdf_date)
        super().handle_documentBegin()

    def afterPage(self) -> None:
        self._pages_this_pass += 1
        if self.page_limit is not None and self._pages_this_pass > self.page_limit:
            sections = [text for level, text, _, _ in self.headings if level == 0]
            raise TooManyPages(self.page_limit, sections[-1] if sections else "")

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        self.current_flowable = flowables[0] if flowables else None
        super().handle_flowable(flowables)

    def register_heading(self, heading: Heading) -> None:
        """An outline entry, and the page a TOC entry pointing here will show."""
        self.canv.addOutlineEntry(heading.outline, heading.anchor, level=heading.level, closed=False)
        self.headings.append((heading.level, heading.outline, self.page, heading.anchor))

    @property
    def pages_laid_out(self) -> int:
        return self._pages_this_pass

    _doSave = False  # ReportLab's name: build() saves, once the forward-referenced forms are defined

    def page_ref(self, canvas: Canvas, key: str, style: Any) -> None:
        """Draw, right-aligned at the current origin, the page the heading `key` lands on (known at the end)."""
        self.page_refs[key] = style
        canvas.doForm(f"page-of-{key}")

    def _define_page_refs(self) -> None:
        pages = {key: str(page) for _, _, page, key in self.headings}
        for key, style in self.page_refs.items():
            self._define_form(f"page-of-{key}", pages.get(key, ""), style)  # every heading is placed; if not, no number

    def chart_form(self, canvas: Canvas, chart_id: str) -> None:
        """Draw, at the current origin, the chart `chart_id` (its drawing comes once the pages are laid out)."""
        self.chart_forms.add(chart_id)
        canvas.doForm(f"chart-{chart_id}")

    def _define_chart_forms(self) -> None:
        if not self.chart_forms:
            return
        drawings = self.drawings()
        for chart_id in sorted(self.chart_forms):
            drawing = drawings[chart_id]
            self.canv.beginForm(f"chart-{chart_id}", lowerx=0, lowery=0, upperx=drawing.width, uppery=drawing.height)
            drawing.drawOn(self.canv, 0, 0)
            self.canv.endForm()

    def _define_page_labels(self) -> None:
        """Each page's 'Page X of Y'; a one-page document needs none."""
        label = self.styles.page_label
        total = self._pages_this_pass
        for page in range(1, total + 1):
            text = self.furniture.meta.locale.text("page_of", page=page, total=total) if total > 1 else ""
            self._define_form(f"page-label-{page}", escape(text), label)

    def _define_form(self, name: str, text: str, style: Any) -> None:
        """A form XObject drawing `text` in `style`, its right edge at x 0 and its bottom at y 0."""
        width = 4 * self.width  # wide enough for any label; a right-aligned paragraph ends at its right edge
        paragraph = Paragraph(text, style)
        _, height = paragraph.wrap(width, 1e6)
        self.canv.beginForm(name, lowerx=-width, lowery=0, upperx=0, uppery=height)
        paragraph.drawOn(self.canv, -width, 0)
        self.canv.endForm()

    # ── page furniture ──

    def _draw_cover(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = self.pagesize

        def band() -> None:
            canvas.setFillColor(self.styles.colour("primary"))
            canvas.rect(0, height - self.band_height, width, self.band_height, stroke=0, fill=1)

        canvas.saveState()
        artifact(canvas, band)
        top = height - self.styles.theme.spacing.section
        y = top
        for flowable in self.furniture.cover_flowables:
            _, h = flowable.wrap(self._cover_text_width(), 1e6)
            y -= h
            flowable.drawOn(canvas, self.leftMargin, y)
            y -= flowable.getSpaceAfter()
        if (logo := self.furniture.logo) is not None:
            self._draw_logo(
                canvas, logo, width - self.rightMargin - logo.width - LOGO_PAD, top - logo.height - LOGO_PAD
            )
        canvas.restoreState()
        self._draw_footer(canvas)

    def _draw_logo(self, canvas: Canvas, logo: Flowable, x: float, y: float) -> None:
        """The logo on a card of the page's colour, so that a dark logo shows on a dark band."""

        def card() -> None:
            canvas.setFillColor(self.styles.colour("page"))
            canvas.roundRect(x - LOGO_PAD, y - LOGO_PAD, logo.width + 2 * LOGO_PAD, logo.height + 2 * LOGO_PAD, 3, 0, 1)

        artifact(canvas, card)
        logo.drawOn(canvas, x, y)

    def _draw_running(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        artifact(canvas, lambda: self._draw_header(canvas), "Pagination")
        self._draw_footer(canvas)

    def _draw_header(self, canvas: Canvas) -> None:
        s = self.styles
        c = canvas
        width, height = self.pagesize
        top = height - self.topMargin + s.theme.spacing.block
        c.saveState()
        c.setFont(s.heading_font.regular, s.theme.sizes.small)
        c.setFillColor(s.colour("muted"))
        size = s.theme.sizes.small
        left, right = fit_pair(
            self.furniture.header_left, self.furniture.header_right, s.heading_font.regular, size, self.width
        )
        c.drawString(self.leftMargin, top, left)
        c.drawRightString(width - self.rightMargin, top, right)
        self.record_running(left, s.heading_font.regular, size, self.leftMargin, top)
        self.record_running(right, s.heading_font.regular, size, width - self.rightMargin, top, right=True)
        c.setStrokeColor(s.colour("rule"))
        c.setLineWidth(0.5)
        c.line(self.leftMargin, top - 5, width - self.rightMargin, top - 5)
        c.restoreState()

    def _draw_footer(self, canvas: Canvas) -> None:
        artifact(canvas, lambda: self._draw_footer_text(canvas), "Pagination")

    def _draw_footer_text(self, canvas: Canvas) -> None:
        s = self.styles
        c = canvas
        width, _ = self.pagesize
        y = self.bottomMargin - s.theme.spacing.section
        c.saveState()
        c.setStrokeColor(s.colour("rule"))
        c.setLineWidth(0.5)
        c.line(self.leftMargin, y + s.theme.sizes.small + 4, width - self.rightMargin, y + s.theme.sizes.small + 4)
        c.setFont(s.heading_font.regular, s.theme.sizes.small)
        c.setFillColor(s.colour("muted"))
        # The page label is filled in later; the widest it can be ("Page 999 of 999") is kept free for it.
        widest = 10 ** len(str(self.page_limit or 999)) - 1
        label = self.furniture.meta.locale.text("page_of", page=widest, total=widest)
        left, _ = fit_pair(self.furniture.footer_left, label, s.heading_font.regular, s.theme.sizes.small, self.width)
        c.drawString(self.leftMargin, y, left)
        self.record_running(left, s.heading_font.regular, s.theme.sizes.small, self.leftMargin, y)
        self.record_running(label, s.heading_font.regular, s.theme.sizes.small, width - self.rightMargin, y, right=True)
        c.translate(width - self.rightMargin, y - s.page_label.leading + s.page_label.fontSize)
        c.doForm(f"page-label-{self.page}")
        c.restoreState()
