"""Brief + Theme + chart drawings → the story: one compose_<section>() per section of the brief."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether

from brief.content import markup
from brief.content.markup import escape
from brief.content.model import Brief, Chart, Stat
from brief.content.wording import names, suggested_citation
from brief.languages import Quotes
from brief.pdf.document import Heading, PageRef
from brief.pdf.figures import place_figure
from brief.pdf.flowables import Anchor, Columns, Framing, OneLine, Stack
from brief.pdf.logo import logo_flowable
from brief.pdf.placing import FloatBarrier, break_before, keep_headings_with_text
from brief.pdf.rules import MIN_TEXT_SIZE, Where
from brief.pdf.styles import Styles
from brief.pdf.tagging import StructMark, TaggedParagraph
from brief.theme.model import text_height, text_width

#: The box a logo is fitted into in the back matter, in points: at most 1.6 in wide and 0.45 in tall.
LOGO_IN_BACK_MATTER = (115.2, 32.4)
#: Places for pull quotes: after the findings, the requests, the recommendations and the methodology.
QUOTE_SLOTS = 4
#: A list's marks (numbers, bullets, stats) take this share of the frame, and at most the larger one.
MARK_SHARE, MAX_MARK_SHARE = 0.09, 0.33
#: A list no taller than this share of the frame is kept on one page (with its heading), not split across two.
SHORT_LIST = 0.3


@dataclass
class Composer:
    """Builds the story for one layout pass; keeps the running figure and citation state."""

    brief: Brief
    styles: Styles
    chart_sizes: dict[str, tuple[float, float]]  # the drawn charts' sizes; their drawings come at the end
    toc: bool = False  # show "In this brief" beside the summary
    spacing: float = 1.0  # how much of the theme's space goes between blocks: one candidate layout's choice
    breaks: frozenset[str] = frozenset()  # sections that start a new page: another candidate layout's choice
    contents: list[tuple[str, str]] = field(default_factory=list)  # the sections' titles and keys, as composed
    toc_lines: list[Flowable] = field(default_factory=list)  # the TOC panel's entries, added once all are composed
    figures: dict[str, int] = field(default_factory=dict)
    cited: set[str] = field(default_factory=set)
    headings: int = 0

    @property
    def frame_width(self) -> float:
        return text_width(self.styles.theme)

    def space(self, points: float) -> float:
        """`points` of the theme's spacing between blocks, as this layout spaces them."""
        return points * self.spacing

    @property
    def frame_height(self) -> float:
        """The height of a page's frame, between the top and bottom margins."""
        return text_height(self.styles.theme)

    # ── text helpers ──

    @property
    def quotes(self) -> Quotes:
        """The quotation marks of the brief's language, for the marks its authors typed."""
        return self.brief.locale.quotes

    def words(self, key: str, **values: object) -> str:
        """The brief's own string `key` in its language, with `values` put in."""
        return self.brief.locale.text(key, **values)

    def para(self, text: str, style_name: str = "body", role: str = "P", where: Where = None) -> TaggedParagraph:
        """A paragraph of content text (inline markup, citations as linked superscript numbers)."""
        link = self.styles.theme.colours.link
        style = getattr(self.styles, style_name)
        marked = markup.to_reportlab(text, self._citer(style.fontSize), link, self.quotes)
        paragraph = TaggedParagraph(marked, style, role=role)
        paragraph.where = where
        paragraph.spaceAfter = style.spaceAfter * min(max(self.spacing, 0.6), 1.5)
        return paragraph

    def literal(self, text: str, style_name: str, role: str = "P", where: Where = None) -> TaggedParagraph:
        """A paragraph of plain text: no markup, but typographic quotes."""
        return self.para(markup.escape_markup(text), style_name, role, where)

    def _citer(self, size: float) -> Callable[[tuple[str, ...]], str]:
        """Citations as superscript numbers in text of `size`: smaller than the text, never below the floor."""
        smaller = size - min(2.0, 0.2 * size)  # ReportLab's own superscript size
        attribute = f' size="{MIN_TEXT_SIZE}"' if smaller < MIN_TEXT_SIZE else ""

        def cite(ids: tuple[str, ...]) -> str:
            link = self.styles.theme.colours.link
            parts = []
            for sid in ids:
                anchor = "" if sid in self.cited else f'<a name="cite-{sid}"/>'
                self.cited.add(sid)
                parts.append(f'{anchor}<a href="#source-{sid}" color="{link}">{self.brief.source_number[sid]}</a>')
            return f"<super{attribute}>{','.join(parts)}</super>"

        return cite

    def heading(self, text: str, level: int = 0, key: str = "", where: Where = None) -> Heading:
        self.headings += 1
        style = self.styles.h1 if level == 0 else self.styles.h2
        shown = markup.plain(text, self.quotes)
        text = markup.to_reportlab(markup.escape_markup(text), self._citer(style.fontSize), quotes=self.quotes)
        anchor = key or f"section-{self.headings}"
        if level == 0 and anchor != "summary":
            self.contents.append((shown, anchor))
        heading = Heading(text, style, anchor=anchor, level=level, outline=shown)
        heading.keepWithNext = 0  # KeepWithText binds it to its first lines, not to the whole next block
        heading.spaceBefore = self.space(style.spaceBefore)
        heading.where = where
        heading.break_key = anchor  # a later candidate layout may start a page here
        return heading

    def panel(self, children: list[Flowable], where: Where = None, role: str = "Div", **frame: object) -> Stack:
        pad = self.styles.theme.spacing.padding
        framing = Framing(padding=pad, background=self.styles.colour("panel"), **frame)  # type: ignore[arg-type]
        return Stack(children, framing, where, role=role)

    # ── sections ──

    def story(self) -> list[Flowable]:
        """Every section in reading order."""
        sections = [
            self.compose_summary(),
            self.compose_sidebars("after-summary"),
            self.compose_findings() + self.compose_quotes(0),
            self.compose_sidebars("after-findings"),
            self.compose_requests() + self.compose_quotes(1),
            self.compose_sidebars("after-requests"),
            self.compose_recommendations() + self.compose_quotes(2),
            self.compose_sidebars("after-recommendations"),
            self.compose_methodology() + self.compose_quotes(3),
            [FloatBarrier()],  # figures are set before the back matter
            self.compose_sources(),
            self.compose_about(),
        ]
        if self.toc:  # composed first, filled last: it lists every section
            self.toc_lines.extend(self.toc_entries())
        # Each section is one Sect element of the structure tree.
        story = [item for section in sections if section for item in [StructMark("Sect"), *section, StructMark()]]
        return break_before(keep_headings_with_text(story), self.breaks)

    def compose_summary(self) -> list[Flowable]:
        story: list[Flowable] = [
            self.heading(self.words("summary_heading"), key="summary", where=("brief.yaml", ("summary",)))
        ]
        summary = [self.para(text, "lead") for text in self.brief.info.summary]
        if not self.toc:
            return story + summary
        gap = self.styles.theme.page.gutter
        return [
            *story,
            Columns(
                [Stack(summary, where=("brief.yaml", ("summary",))), self.compose_toc(self.toc_lines)],
                [0.7, 0.3],
                gap,
                space_after=gap * 0.5,
            ),
        ]

    def compose_toc(self, entries: list[Flowable]) -> Stack:
        """'In this brief': a panel for the sections' `entries`, which story() adds once it has them all."""
        return self.panel([self.literal(self.words("contents_title"), "toc_title"), Stack(entries, role="TOC")])

    def toc_entries(self) -> list[Flowable]:
        """One line per section: its title and its page, numbers aligned, both linked to it."""
        entries: list[Flowable] = []
        for text, key in self.contents:
            title = TaggedParagraph(f'<a href="#{key}">{escape(text)}</a>', self.styles.toc_entry)
            number = PageRef(key, self.styles.toc_page)
            entries.append(Columns([title, number], [0.86, 0.14], 0, role="TOCI", space_after=2))
        return entries

    def compose_findings(self) -> list[Flowable]:
        findings = self.brief.findings
        story: list[Flowable] = [
            self.heading(
                findings.heading or self.words("findings_heading"),
                key="findings",
                where=("findings.yaml", ("heading",)),
            )
        ]
        columns = self.styles.theme.layout.stat_columns
        stats: list[tuple[Stat, Where]] = [
            (number, ("brief.yaml", ("callouts", i))) for i, number in enumerate(self.brief.info.callouts)
        ]
        stats += [
            (f.stat, ("findings.yaml", ("findings", i, "stat"))) for i, f in enumerate(findings.findings) if f.stat
        ]
        gap = self.styles.theme.page.gutter * 0.6
        if len(stats) == 1:  # alone, the number sits beside its label: a page-wide box for one number gapes
            story.append(self.stat_callout(*stats[0], wide=True))
            story[-1].spaceAfter = self.space(gap)
        start = 0
        for count in balanced_rows(len(stats), columns) if len(stats) > 1 else []:  # 5 in 3 cols: 3 + 2 wider
            row: list[Flowable] = [self.stat_callout(*stat) for stat in stats[start : start + count]]
            start += count
            story.append(Columns(row, [1] * count, gap, equal_height=True, space_after=self.space(gap)))
        for i, finding in enumerate(findings.findings):
            story.append(Anchor(f"finding-{finding.id}"))
            where = ("findings.yaml", ("findings", i, "headline"))
            heading = self.heading(finding.headline, level=1, key=f"finding-h-{finding.id}", where=where)
            paragraphs = [self.para(t, where=("findings.yaml", ("findings", i, "text"))) for t in finding.text]
            text: list[Flowable] = [heading, *paragraphs]
            chart = self.chart(finding.chart) if finding.chart and finding.chart not in self.figures else None
            story += text if chart is None else place_figure(self, chart, text)
        return story

    def one_line(self, text: str, style_name: str) -> OneLine:
        """Plain text (a stat) on one line, set smaller when its slot is narrow, down to the body size."""
        style = getattr(self.styles, style_name)
        shown = markup.plain(markup.escape_markup(text), self.quotes)

        def make(size: float) -> Flowable:
            sized = ParagraphStyle(f"{style.name}-{size:.2f}", parent=style, fontSize=size, leading=size * 1.08)
            marked = markup.to_reportlab(markup.escape_markup(text), self._citer(size), quotes=self.quotes)
            paragraph = TaggedParagraph(marked, sized)
            return paragraph if size != style.fontSize else self.literal(text, style_name)

        def width_at(size: float) -> float:
            return float(stringWidth(shown, style.fontName, size))

        return OneLine(make, width_at, style.fontSize, min(style.fontSize, self.styles.theme.sizes.body))

    def stat_callout(self, stat: Stat, where: Where, wide: bool = False) -> Stack:
        """A big number over its label in a panel; `wide`, the number beside its label across the frame."""
        top = self.styles.colour("accent")
        number, label = self.one_line(stat.shown, "stat"), self.para(stat.label, "stat_label")
        if not wide:
            return self.panel([number, label], where, top_rule=top)
        row = Columns([number, label], [0.3, 0.7], self.styles.theme.page.gutter, align_middle=True)
        return self.panel([row], where, top_rule=top)

    def compose_quotes(self, slot: int) -> list[Flowable]:
        """The pull quotes set after a section: the first after the findings, one after each later section,
        and any beyond the last slot there too, so that every quote prints."""
        count = len(self.brief.info.quotes)
        indexes = range(slot, count) if slot == QUOTE_SLOTS - 1 else range(slot, min(slot + 1, count))
        return [block for index in indexes for block in self.compose_quote(index)]

    def compose_quote(self, index: int) -> list[Flowable]:
        quote = self.brief.info.quotes[index]
        who = quote.attribution + (f", {quote.role}" if quote.role else "")
        cites = f" [@{'; @'.join(quote.sources)}]" if quote.sources else ""
        parts = [
            self.para(self.brief.locale.quotes.quoted(quote.text), "quote"),
            self.para(f"— {markup.escape_markup(who)}{cites}", "attribution"),
        ]
        pad = self.styles.theme.spacing.padding
        frame = Framing(padding=pad, left_bar=self.styles.colour("accent"), bar_width=3)
        block = self.space(self.styles.theme.spacing.block)
        quote_block = Stack(parts, frame, ("brief.yaml", ("quotes", index)), role="BlockQuote")
        return [floating(quote_block, block)]

    def compose_requests(self) -> list[Flowable]:
        requests = self.brief.requests
        if not requests.requests:
            return []
        where = ("requests.yaml", ("heading",))
        heading = requests.heading or self.words("requests_heading")
        story: list[Flowable] = [self.heading(heading, key="requests", where=where)]
        story += [self.para(text, where=("requests.yaml", ("intro",))) for text in requests.intro]
        marks = [
            self.one_line(request.stat.shown, "number") if request.stat else self.literal("•", "bullet")
            for request in requests.requests
        ]
        share = self.mark_share([mark for mark in marks if isinstance(mark, OneLine)])
        items: list[Flowable] = []
        for i, (request, mark) in enumerate(zip(requests.requests, marks, strict=True)):
            body = [self.literal(request.headline, "item_title"), self.para(request.text)]
            items.append(self.side_item(mark, body, ("requests.yaml", ("requests", i)), share))
        story += [StructMark("L"), *kept_short(items, self.frame_width, self.frame_height), StructMark()]
        story += [self.para(text, where=("requests.yaml", ("outro",))) for text in requests.outro]
        return story

    def mark_share(self, marks: list[OneLine]) -> float:
        """The share of the frame a list's marks take: the usual narrow column, widened so that the widest
        stat fits on one line at its smallest size ('89% vs 71%' wraps nowhere), up to a third."""
        usable = self.frame_width - self.styles.theme.page.gutter * 0.5
        need = max((mark.width_at(mark.floor) * 1.02 for mark in marks), default=0.0)
        return min(MAX_MARK_SHARE, max(MARK_SHARE, need / usable))

    def side_item(self, mark: Flowable, body: list[Flowable], where: Where, share: float = MARK_SHARE) -> Columns:
        gap = self.styles.theme.spacing.paragraph
        return Columns(
            [Stack([mark], role="Lbl"), Stack(body, where=where, role="LBody")],
            [share, 1 - share],
            self.styles.theme.page.gutter * 0.5,
            space_after=gap,
            role="LI",
        )

    def compose_recommendations(self) -> list[Flowable]:
        recs = self.brief.recommendations
        if not recs.recommendations:
            return []
        where = ("recommendations.yaml", ("heading",))
        heading = recs.heading or self.words("recommendations_heading")
        story: list[Flowable] = [self.heading(heading, key="recommendations", where=where)]
        story += [self.para(text, where=("recommendations.yaml", ("intro",))) for text in recs.intro]
        # as the headings read: typographic quotes and dashes
        headlines = {
            f.id: markup.plain(markup.escape_markup(f.headline), self.quotes) for f in self.brief.findings.findings
        }
        story.append(StructMark("L"))
        for number, rec in enumerate(recs.recommendations, 1):
            links = "; ".join(f'<a href="#finding-{fid}">{escape(headlines[fid])}</a>' for fid in rec.findings)
            body = [
                self.literal(rec.title, "item_title"),
                self.para(rec.text),
                TaggedParagraph(self.brief.locale.markup("rests_on", escape, findings=links), self.styles.source_line),
            ]
            item: Where = ("recommendations.yaml", ("recommendations", number - 1))
            story.append(self.side_item(self.literal(str(number), "number"), body, item))
        story.append(StructMark())
        return story

    def compose_sidebars(self, place: str) -> list[Flowable]:
        story: list[Flowable] = []
        for i, box in enumerate(self.brief.info.sidebars):
            if box.place == place:
                parts: list[Flowable] = [self.literal(box.title, "box_title")]
                parts += [self.para(text) for text in box.text]
                block = self.space(self.styles.theme.spacing.block)
                story.append(floating(self.panel(parts, ("brief.yaml", ("sidebars", i))), block))
        return story

    def compose_methodology(self) -> list[Flowable]:
        if not self.brief.info.methodology:
            return []
        where = ("brief.yaml", ("methodology",))
        story: list[Flowable] = [self.heading(self.words("methodology_heading"), key="methodology", where=where)]
        story += [self.para(text, where=where) for text in self.brief.info.methodology]
        figure = self.brief.info.methodology_figure
        if figure is None or figure in self.figures:
            return story
        return place_figure(self, self.chart(figure), story)

    def compose_sources(self) -> list[Flowable]:
        heading = self.heading(self.words("sources_heading"), key="sources", where=("sources.yaml", ()))
        notes: list[Flowable] = []
        link = self.styles.theme.colours.link
        style = self.styles.endnote
        for number, source in enumerate(self.brief.sources.sources, 1):
            work = f"{number}. {markup.escape_markup(source.publisher)}, *{markup.escape_markup(source.title)}*"
            work += f" ({self.brief.locale.date(source.date)})." if source.date else "."
            text = markup.to_reportlab(work, self._citer(style.fontSize), link, self.quotes)
            if source.url:  # linked as written: never pasted into markup to be read again
                text += f" <a href={markup.quoteattr(source.url)} color={markup.quoteattr(link)}>"
                text += f"{markup.escape(source.url)}</a>."
            if source.note:
                text += " " + markup.to_reportlab(source.note, self._citer(style.fontSize), link, self.quotes)
            back = f' <a href="#cite-{source.id}" color="{link}">↑</a>' if source.id in self.cited else ""
            note = TaggedParagraph(text + back, style, role="Note", element_id=f"note-{source.id}")
            note.where = ("sources.yaml", ("sources", number - 1))
            notes += [Anchor(f"source-{source.id}"), note]
        return kept_short([heading, *notes], self.frame_width, self.frame_height)

    def compose_about(self) -> list[Flowable]:
        """The back matter, flowing after the content as one panel: about, contact, suggested citation."""
        info = self.brief.info
        where = ("brief.yaml", ("about",))
        about = self.words("about_heading", organisation=info.organisation.name)
        story: list[Flowable] = [self.heading(about, key="about", where=where)]
        logo = logo_flowable(self.brief.root, info.organisation, *LOGO_IN_BACK_MATTER, locale=self.brief.locale)
        if logo is not None:
            logo.hAlign, logo.spaceAfter = "LEFT", self.styles.theme.spacing.paragraph
            story.insert(0, logo)
        story += [self.para(text) for text in info.about]
        contact = [c for c in (info.contact.email, info.contact.url, info.contact.phone, info.contact.address) if c]
        if contact:
            story.append(self.literal(self.words("contact_line", contact=" · ".join(contact)), "body"))
        story.append(self.literal(self.words("citation_heading"), "item_title"))
        story.append(self.literal(suggested_citation(self.brief), "body"))
        panel = self.panel(story, where, top_rule=self.styles.colour("primary"))
        panel.spaceBefore = self.space(self.styles.theme.spacing.section)
        panel.break_key = "about"
        return [panel]

    # ── lookups ──

    def chart(self, chart_id: str) -> Chart:
        return next(c for c in self.brief.charts.charts if c.id == chart_id)

    def chart_where(self, chart: Chart) -> Where:
        return ("charts.yaml", ("charts", self.brief.charts.charts.index(chart)))


def floating(block: Flowable, space: float) -> Flowable:
    """An aside (a quote, a sidebar) that, like a figure, floats to the next page rather than leave a hole."""
    block.spaceBefore = block.spaceAfter = space
    block.floats = True
    return block


def balanced_rows(count: int, columns: int) -> list[int]:
    """How many callouts go in each row: as few rows as `columns` allows, their lengths differing by one at most."""
    if count == 0:
        return []
    rows = -(-count // max(columns, 1))
    return [count // rows + (1 if i < count % rows else 0) for i in range(rows)]


def kept_short(items: list[Flowable], width: float, frame_height: float) -> list[Flowable]:
    """A short list as one block that moves to the next page whole rather than split; a longer one as it is,
    to split between its items where it must."""
    height = sum(item.wrap(width, 1e6)[1] + item.getSpaceAfter() for item in items)
    if height > SHORT_LIST * frame_height:
        return items
    kept = KeepTogether(items)
    kept.break_key = getattr(items[0], "break_key", "")  # a page may start with it, as with its heading
    return [kept]


def cover_flowables(brief: Brief, styles: Styles) -> list[Flowable]:
    """The kicker, title, subtitle and byline set in the cover band."""
    info = brief.info

    def text(t: str) -> str:
        return markup.to_reportlab(markup.escape_markup(t), lambda _: "", quotes=brief.locale.quotes)

    parts: list[Flowable] = []
    if info.series:
        parts.append(TaggedParagraph(text(info.series.upper()), styles.kicker))
    parts.append(TaggedParagraph(text(info.title), styles.title, role="H1"))
    if info.subtitle:
        parts.append(TaggedParagraph(text(info.subtitle), styles.subtitle))
    people = [a.name + (f" ({a.role})" if a.role else "") for a in info.authors]
    byline = [names(people, brief.locale) or info.organisation.name]
    byline.append(brief.locale.date(info.date))
    parts.append(TaggedParagraph(text("   |   ".join(byline)), styles.meta))
    return parts
