"""Brief + Theme + chart drawings → the story: one compose_<section>() per section of the brief."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Flowable, ImageAndFlowables, Spacer

from . import markup
from .data_table import data_table
from .document import Heading, PageRef
from .export import source_line
from .flowables import Anchor, AtFoot, Columns, FittedDrawing, Frame, Stack
from .markup import escape
from .model import Brief, Chart, ChartTable, Stat
from .styles import Styles
from .tagging import StructMark, TaggedParagraph

Where = tuple[str, tuple[str | int, ...]] | None  # content file and key path a block shows


@dataclass
class Composer:
    """Builds the story for one layout pass; keeps the running figure and citation state."""

    brief: Brief
    styles: Styles
    chart_sizes: dict[str, tuple[float, float]]  # the drawn charts' sizes; their drawings come at the end
    toc: bool = False  # show "In this brief" beside the summary
    contents: list[tuple[str, str]] = field(default_factory=list)  # the sections' titles and keys, as composed
    toc_lines: list[Flowable] = field(default_factory=list)  # the TOC panel's entries, added once all are composed
    figures: dict[str, int] = field(default_factory=dict)
    cited: set[str] = field(default_factory=set)
    headings: int = 0

    @property
    def frame_width(self) -> float:
        from .document import text_width

        return text_width(self.styles.theme)

    # ── text helpers ──

    def para(self, text: str, style_name: str = "body", role: str = "P") -> TaggedParagraph:
        """A paragraph of content text (inline markup, citations as linked superscript numbers)."""
        link = self.styles.theme.colours.link
        return TaggedParagraph(markup.to_reportlab(text, self._cite, link), getattr(self.styles, style_name), role=role)

    def literal(self, text: str, style_name: str, role: str = "P", keep_with_next: bool = False) -> TaggedParagraph:
        """A paragraph of plain text: no markup, but typographic quotes."""
        paragraph = self.para(markup.escape_markup(text), style_name, role)
        paragraph.keepWithNext = keep_with_next
        return paragraph

    def _cite(self, ids: tuple[str, ...]) -> str:
        link = self.styles.theme.colours.link
        parts = []
        for sid in ids:
            anchor = "" if sid in self.cited else f'<a name="cite-{sid}"/>'
            self.cited.add(sid)
            parts.append(f'{anchor}<a href="#source-{sid}" color="{link}">{self.brief.source_number[sid]}</a>')
        return f"<super>{','.join(parts)}</super>"

    def heading(self, text: str, level: int = 0, key: str = "") -> Heading:
        self.headings += 1
        style = self.styles.h1 if level == 0 else self.styles.h2
        shown = markup.plain(text)
        text = markup.to_reportlab(markup.escape_markup(text), self._cite)
        anchor = key or f"section-{self.headings}"
        if level == 0 and anchor != "summary":
            self.contents.append((shown, anchor))
        return Heading(text, style, anchor=anchor, level=level, outline=shown)

    def panel(self, children: list[Flowable], where: Where = None, role: str = "Div", **frame: object) -> Stack:
        pad = self.styles.theme.spacing.padding
        framing = Frame(padding=pad, background=self.styles.colour("panel"), **frame)  # type: ignore[arg-type]
        return Stack(children, framing, where, role=role)

    # ── sections ──

    def story(self) -> list[Flowable]:
        """Every section in reading order."""
        sections = [
            self.compose_summary(),
            self.compose_sidebars("after-summary"),
            self.compose_findings() + self.compose_quote(0),
            self.compose_sidebars("after-findings"),
            self.compose_requests(),
            self.compose_sidebars("after-requests"),
            self.compose_recommendations(),
            self.compose_sidebars("after-recommendations"),
            self.compose_methodology(),
            self.compose_sources(),
            self.compose_about(),
        ]
        if self.toc:  # composed first, filled last: it lists every section
            self.toc_lines.extend(self.toc_entries())
        # Each section is one Sect element of the structure tree.
        return [item for section in sections if section for item in [StructMark("Sect"), *section, StructMark()]]

    def compose_summary(self) -> list[Flowable]:
        story: list[Flowable] = [self.heading("Executive summary", key="summary")]
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
        return self.panel([self.literal("In this brief", "toc_title"), Stack(entries, role="TOC")])

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
        story: list[Flowable] = [self.heading(findings.heading, key="findings")]
        columns = self.styles.theme.layout.stat_columns
        callouts = [
            self.stat_callout(f.stat, ("findings.yaml", ("findings", i, "stat")))
            for i, f in enumerate(findings.findings)
        ]
        gap = self.styles.theme.page.gutter * 0.6
        for start in range(0, len(callouts), columns):
            row = callouts[start : start + columns]
            row += [Spacer(0, 0) for _ in range(columns - len(row))]
            story.append(Columns(row, [1] * columns, gap, equal_height=True, space_after=gap))
        for finding in findings.findings:
            story.append(Anchor(f"finding-{finding.id}"))
            heading = self.heading(finding.headline, level=1, key=f"finding-h-{finding.id}")
            text: list[Flowable] = [heading, *(self.para(t) for t in finding.text)]
            chart = self._chart(finding.chart) if finding.chart and finding.chart not in self.figures else None
            if chart is None:
                story += text
            elif is_side_figure(chart, self.brief.chart_data[chart.id]):
                story.append(self.figure_beside(chart, text))
            else:
                story += text + self.compose_figure(chart)
        return story

    def stat_callout(self, stat: Stat, where: Where) -> Stack:
        top = self.styles.colour("accent")
        return self.panel([self.literal(stat.shown, "stat"), self.para(stat.label, "stat_label")], where, top_rule=top)

    def compose_figure(self, chart: Chart, width: float | None = None) -> list[Flowable]:
        """Figure N, its title and subtitle, the chart (kept whole) or table (split with its header), notes."""
        label = "Table" if chart.type == "table" else "Figure"
        numbered = [c for c in self.figures if (self._chart(c).type == "table") == (label == "Table")]
        number = self.figures.setdefault(chart.id, len(numbered) + 1)
        head: list[Flowable] = [self.literal(f"{label} {number}. {chart.title}", "figure_title")]
        if chart.subtitle:
            head.append(self.literal(chart.subtitle, "caption", keep_with_next=True))
        head.append(Spacer(0, self.styles.theme.spacing.paragraph))
        notes: list[Flowable] = [self.para(chart.caption, "caption")] if chart.caption else []
        notes.append(self.para(f"**Source:** {markup.escape_markup(source_line(chart, self.brief))}", "source_line"))
        if chart.notes:
            notes.append(self.para(f"**Notes:** {chart.notes}", "source_line"))
        block = self.styles.theme.spacing.block
        where = ("charts.yaml", ("charts", self.brief.charts.charts.index(chart)))
        gap = Spacer(0, self.styles.theme.spacing.paragraph * 0.5)
        if chart.type == "table":
            table = data_table(chart, self.brief.chart_data[chart.id], self.styles)
            if width is not None:  # set beside text: kept whole
                figure = Stack([*head, table, gap, *notes], where=where, width=width, role="Div")
                return [Spacer(0, block), Anchor(f"figure-{chart.id}"), figure, Spacer(0, block)]
            return [Spacer(0, block), Anchor(f"figure-{chart.id}"), *head, table, gap, Stack(notes), Spacer(0, block)]
        size = self.chart_sizes.get(chart.id)
        drawing = [FittedDrawing(chart.id, size, alt=markup.plain(chart.alt))] if size is not None else []
        figure = Stack([*head, *drawing, *notes], where=where, width=width, role="Div")
        return [Spacer(0, block), Anchor(f"figure-{chart.id}"), figure, Spacer(0, block)]

    def figure_beside(self, chart: Chart, text: list[Flowable]) -> Flowable:
        """A small figure on the right with the finding's text flowing beside and below it."""
        width = self.frame_width * SIDE_FIGURE
        figure = self.compose_figure(chart, width)[2]
        gutter = self.styles.theme.page.gutter
        return ImageAndFlowables(
            figure, text, imageLeftPadding=gutter, imageRightPadding=0, imageBottomPadding=gutter * 0.5
        )

    def compose_quote(self, index: int) -> list[Flowable]:
        if len(self.brief.info.quotes) <= index:
            return []
        quote = self.brief.info.quotes[index]
        who = quote.attribution + (f", {quote.role}" if quote.role else "")
        cites = f" [@{'; @'.join(quote.sources)}]" if quote.sources else ""
        parts = [
            self.para(f"“{quote.text}”", "quote"),
            self.para(f"— {markup.escape_markup(who)}{cites}", "attribution"),
        ]
        pad = self.styles.theme.spacing.padding
        frame = Frame(padding=pad, left_bar=self.styles.colour("accent"), bar_width=3)
        block = self.styles.theme.spacing.block
        quote_block = Stack(parts, frame, ("brief.yaml", ("quotes", index)), role="BlockQuote")
        return [Spacer(0, block), quote_block, Spacer(0, block)]

    def compose_requests(self) -> list[Flowable]:
        requests = self.brief.requests
        if not requests.requests:
            return []
        story: list[Flowable] = [self.heading(requests.heading, key="requests")]
        story += [self.para(text) for text in requests.intro]
        story.append(StructMark("L"))
        for i, request in enumerate(requests.requests):
            mark = self.literal(request.stat.shown, "number") if request.stat else self.literal("•", "bullet")
            body = [self.literal(request.headline, "item_title"), self.para(request.text)]
            story.append(self.side_item(mark, body, ("requests.yaml", ("requests", i))))
        story.append(StructMark())
        story += [self.para(text) for text in requests.outro]
        return story

    def side_item(self, mark: Flowable, body: list[Flowable], where: Where) -> Columns:
        gap = self.styles.theme.spacing.paragraph
        return Columns(
            [Stack([mark], role="Lbl"), Stack(body, where=where, role="LBody")],
            [0.09, 0.91],
            self.styles.theme.page.gutter * 0.5,
            space_after=gap,
            role="LI",
        )

    def compose_recommendations(self) -> list[Flowable]:
        recs = self.brief.recommendations
        if not recs.recommendations:
            return []
        story: list[Flowable] = [self.heading(recs.heading, key="recommendations")]
        story += [self.para(text) for text in recs.intro]
        # as the headings read: typographic quotes and dashes
        headlines = {f.id: markup.plain(markup.escape_markup(f.headline)) for f in self.brief.findings.findings}
        story.append(StructMark("L"))
        for number, rec in enumerate(recs.recommendations, 1):
            links = "; ".join(f'<a href="#finding-{fid}">{escape(headlines[fid])}</a>' for fid in rec.findings)
            body = [
                self.literal(rec.title, "item_title"),
                self.para(rec.text),
                TaggedParagraph(f"Rests on: {links}", self.styles.source_line),
            ]
            where = ("recommendations.yaml", ("recommendations", number - 1))
            story.append(self.side_item(self.literal(str(number), "number"), body, where))
        story.append(StructMark())
        return story

    def compose_sidebars(self, place: str) -> list[Flowable]:
        story: list[Flowable] = []
        for i, box in enumerate(self.brief.info.sidebars):
            if box.place == place:
                parts: list[Flowable] = [self.literal(box.title, "box_title")]
                parts += [self.para(text) for text in box.text]
                block = self.styles.theme.spacing.block
                story += [Spacer(0, block), self.panel(parts, ("brief.yaml", ("sidebars", i))), Spacer(0, block)]
        return story

    def compose_methodology(self) -> list[Flowable]:
        if not self.brief.info.methodology:
            return []
        story: list[Flowable] = [self.heading("About the data", key="methodology")]
        story += [self.para(text) for text in self.brief.info.methodology]
        figure = self.brief.info.methodology_figure
        if figure is None or figure in self.figures:
            return story
        chart = self._chart(figure)
        if is_side_figure(chart, self.brief.chart_data[chart.id]):
            return [story[0], self.figure_beside(chart, story[1:])]
        return story + self.compose_figure(chart)

    def compose_sources(self) -> list[Flowable]:
        story: list[Flowable] = [self.heading("Sources", key="sources")]
        for number, source in enumerate(self.brief.sources.sources, 1):
            parts = [f"{number}. {markup.escape_markup(source.publisher)}, *{markup.escape_markup(source.title)}*"]
            parts[0] += f" ({source.date})." if source.date else "."
            if source.url:
                parts.append(f"[{markup.escape_markup(source.url)}]({source.url}).")
            if source.note:
                parts.append(source.note)
            text = markup.to_reportlab(" ".join(parts), self._cite, self.styles.theme.colours.link)
            back = (
                f' <a href="#cite-{source.id}" color="{self.styles.theme.colours.link}">↑</a>'
                if source.id in self.cited
                else ""
            )
            story.append(Anchor(f"source-{source.id}"))
            story.append(TaggedParagraph(text + back, self.styles.endnote, role="Note", element_id=f"note-{source.id}"))
        return story

    def compose_about(self) -> list[Flowable]:
        info = self.brief.info
        story: list[Flowable] = [self.heading(f"About {info.organisation.name}", key="about")]
        story += [self.para(text) for text in info.about]
        contact = [c for c in (info.contact.email, info.contact.url, info.contact.phone, info.contact.address) if c]
        if contact:
            story.append(self.literal("Contact: " + " · ".join(contact), "body"))
        story.append(self.literal("Suggested citation", "item_title"))
        story.append(self.literal(suggested_citation(self.brief), "body"))
        panel = self.panel(story, ("brief.yaml", ("about",)), top_rule=self.styles.colour("primary"))
        return [AtFoot(panel, story)]

    # ── lookups ──

    def _chart(self, chart_id: str) -> Chart:
        return next(c for c in self.brief.charts.charts if c.id == chart_id)


#: Share of the frame a chart set beside the text takes.
SIDE_FIGURE = 0.45


def is_side_figure(chart: Chart, table: ChartTable) -> bool:
    """Small charts (a waffle, a few columns) sit beside their finding's text; the rest run full width."""
    if chart.type == "table":  # a short, narrow table; a long one runs full width and splits across pages
        return len(table.series) <= 2 and len(table.categories) <= 12
    return chart.type == "waffle" or (chart.type == "bar" and len(table.categories) * len(table.series) <= 3)


def suggested_citation(brief: Brief) -> str:
    """The content's own citation, or one built from organisation, date, title and series."""
    info = brief.info
    if info.citation:
        return info.citation
    who = ", ".join(a.name for a in info.authors) or info.organisation.name
    series = f" {info.series}." if info.series else ""
    return f"{who} ({info.date[:4]}). {info.title}.{series} {info.organisation.name}."


def cover_flowables(brief: Brief, styles: Styles) -> list[Flowable]:
    """The kicker, title, subtitle and byline set in the cover band."""
    info = brief.info

    def text(t: str) -> str:
        return markup.to_reportlab(markup.escape_markup(t), lambda _: "")

    parts: list[Flowable] = []
    if info.series:
        parts.append(TaggedParagraph(text(info.series.upper()), styles.kicker))
    parts.append(TaggedParagraph(text(info.title), styles.title, role="H1"))
    if info.subtitle:
        parts.append(TaggedParagraph(text(info.subtitle), styles.subtitle))
    byline = [", ".join(a.name + (f", {a.role}" if a.role else "") for a in info.authors) or info.organisation.name]
    byline.append(display_date(info.date))
    parts.append(TaggedParagraph(text("   |   ".join(byline)), styles.meta))
    return parts


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def display_date(date: str) -> str:
    """`2025-06-03` → `June 3, 2025`; `2025-06` → `June 2025`; `2025` → `2025`."""
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {int(parts[2])}, {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"
