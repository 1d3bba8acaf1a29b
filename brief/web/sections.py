"""The page's body in the PDF's reading order: cover, contents, summary, findings, requests, recommendations,
methodology, sources, about; asides and pull quotes where the PDF sets them."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from brief.content import markup
from brief.content.logo import logo_path
from brief.content.markup import escape
from brief.content.model import Brief, Stat
from brief.content.wording import names, suggested_citation
from brief.theme.model import Theme
from brief.web.figures import Numbered, figure_html
from brief.web.text import Citations, inline, literal, tag

#: Places for pull quotes, as in the PDF: after the findings, the requests, the recommendations, the methodology.
QUOTE_SLOTS = 4
_LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}


@dataclass
class Body:
    """Writes the page's body; keeps the citations made so far, so that endnotes link back to the first."""

    brief: Brief
    theme: Theme
    charts: dict[str, Numbered]
    cite: Citations = field(init=False)
    shown: set[str] = field(default_factory=set)
    contents: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.cite = Citations(self.brief.source_number)

    def words(self, key: str, **values: object) -> str:
        """The brief's own wording of `key`, in its language, as plain text."""
        return self.brief.locale.text(key, **values)

    def html_words(self, key: str, **html: str) -> str:
        """The wording of `key` with its words escaped and `html` put in as it is."""
        return self.brief.locale.markup(key, escape, **html)

    def html(self) -> str:
        """Skip link, cover, contents, main and the about footer."""
        info = self.brief.info
        main = [
            self.summary(),
            self.sidebars("after-summary"),
            self.findings(),
            self.sidebars("after-findings"),
            self.requests(),
            self.sidebars("after-requests"),
            self.recommendations(),
            self.sidebars("after-recommendations"),
            self.methodology(),
            self.sources(),
        ]
        about = self.about()
        skip = tag("a", escape(self.words("web_skip")), href="#main", class_="skip-link")
        main_html = tag("main", "".join(main), id="main", tabindex="-1")
        about_name = self.words("about_heading", organisation=info.organisation.name)
        footer = tag("footer", about, aria_label=about_name)
        # The contents come last: they list the sections once all are written.
        return skip + self.cover() + self.contents_html() + main_html + footer

    # ── parts ──

    def para(self, text: str, class_: str | None = None) -> str:
        return tag("p", inline(text, self.cite), class_=class_)

    def section(self, key: str, title: str, inner: str, level: int = 2) -> str:
        """A section headed by `title`, listed in the contents when it is a top-level one. Its heading's id
        ends in '_title', a character no content id has, so that it never meets another section's id."""
        heading = tag(f"h{level}", literal(title, self.cite), id=f"{key}_title")
        if level == 2:
            self.contents.append((markup.plain(markup.escape_markup(title)), key))
        return tag("section", heading + inner, id=key, aria_labelledby=f"{key}_title")

    def cover(self) -> str:
        info = self.brief.info
        parts = [self.logo("cover-logo")]
        if info.series:
            parts.append(tag("p", literal(info.series, self.cite), class_="kicker"))
        parts.append(tag("h1", literal(info.title, self.cite)))
        if info.subtitle:
            parts.append(tag("p", literal(info.subtitle, self.cite), class_="subtitle"))
        byline = names([a.name + (f" ({a.role})" if a.role else "") for a in info.authors], self.brief.locale)
        byline = byline or info.organisation.name
        date = tag("time", escape(self.brief.locale.date(info.date)), datetime=info.date)
        separator = tag("span", " | ", class_="separator", aria_hidden="true")
        parts.append(tag("p", literal(byline, self.cite) + separator + date, class_="byline"))
        return tag("header", tag("div", "".join(parts), class_="cover-inner"), class_="cover")

    def contents_html(self) -> str:
        """The sections written so far, linked."""
        items = "".join(tag("li", tag("a", escape(text), href=f"#{key}")) for text, key in self.contents)
        heading = tag("h2", escape(self.words("contents_title")), id="contents_title")
        return tag("nav", heading + tag("ol", items), class_="contents", aria_labelledby="contents_title")

    def logo(self, class_: str) -> str:
        organisation = self.brief.info.organisation
        target = logo_path(self.brief.root, organisation)
        if target is None:
            return ""
        data = base64.b64encode(target.read_bytes()).decode("ascii")
        alt = organisation.logo_alt or self.words("logo_alt", organisation=organisation.name)
        source = f"data:{_LOGO_TYPES[target.suffix.lower()]};base64,{data}"
        return f'<img class="{class_}" src="{source}" alt="{escape(alt)}">'

    def summary(self) -> str:
        paragraphs = "".join(self.para(text, "lead") for text in self.brief.info.summary)
        return self.section("summary", self.words("summary_heading"), paragraphs)

    def stat(self, stat: Stat) -> str:
        number = tag("p", literal(stat.shown, self.cite), class_="stat-number")
        return tag("li", number + self.para(stat.label, "stat-label"), class_="stat")

    def findings(self) -> str:
        findings = self.brief.findings
        stats = [*self.brief.info.callouts, *(f.stat for f in findings.findings if f.stat)]
        parts = []
        if stats:  # in rows as even as the theme's columns allow: 5 in 3 columns are 3 and 2, not 3 and 1 wide
            columns = self.theme.layout.stat_columns
            per_row = -(-len(stats) // -(-len(stats) // columns))
            items = "".join(self.stat(s) for s in stats)
            parts.append(tag("ul", items, class_="stats", style=f"--per-row:{per_row}"))
        for finding in findings.findings:
            text = "".join(self.para(t) for t in finding.text)
            figure = self.figure(finding.chart)
            side = bool(figure) and finding.chart is not None and self.charts[finding.chart].side
            if side:
                inner = tag("div", tag("div", text, class_="finding-text") + figure, class_="beside")
            else:
                inner = text + figure
            parts.append(self.section(f"finding-{finding.id}", finding.headline, inner, level=3))
        heading = findings.heading or self.words("findings_heading")
        return self.section("findings", heading, "".join(parts) + self.quotes(0))

    def figure(self, chart_id: str | None) -> str:
        """A chart's figure the first time it is shown; nothing after that, as in the PDF."""
        if chart_id is None or chart_id in self.shown or chart_id not in self.charts:
            return ""
        self.shown.add(chart_id)
        return figure_html(self.brief, self.charts[chart_id], self.cite)

    def quotes(self, slot: int) -> str:
        """The pull quotes after a section: one per slot, and every quote beyond the last slot there too."""
        count = len(self.brief.info.quotes)
        indexes = range(slot, count) if slot == QUOTE_SLOTS - 1 else range(slot, min(slot + 1, count))
        return "".join(self.quote(index) for index in indexes)

    def quote(self, index: int) -> str:
        quote = self.brief.info.quotes[index]
        works = {s.id: s for s in self.brief.sources.sources}
        url = next((works[s].url for s in quote.sources if works[s].url), None)
        words = tag("blockquote", self.para(f"“{quote.text}”"), cite=url)
        who = literal(quote.attribution, self.cite)
        role = f", {literal(quote.role, self.cite)}" if quote.role else ""
        cites = self.cite(tuple(quote.sources)) if quote.sources else ""
        caption = tag("figcaption", f"— {tag('cite', who)}{role}{cites}")
        return tag("figure", words + caption, class_="pull-quote")

    def requests(self) -> str:
        requests = self.brief.requests
        if not requests.requests:
            return ""
        items = []
        for request in requests.requests:
            if request.stat:
                mark = tag("span", literal(request.stat.shown, self.cite), class_="mark")
            else:
                mark = tag("span", "•", class_="mark bullet", aria_hidden="true")
            body = tag("p", literal(request.headline, self.cite), class_="item-title") + self.para(request.text)
            items.append(tag("li", mark + tag("div", body)))
        inner = "".join(self.para(t) for t in requests.intro)
        inner += tag("ul", "".join(items), class_="requests")
        inner += "".join(self.para(t) for t in requests.outro)
        heading = requests.heading or self.words("requests_heading")
        return self.section("requests", heading, inner + self.quotes(1))

    def recommendations(self) -> str:
        recs = self.brief.recommendations
        if not recs.recommendations:
            return ""
        headlines = {f.id: f.headline for f in self.brief.findings.findings}
        items = []
        for rec in recs.recommendations:
            links = "; ".join(
                tag("a", literal(headlines[fid], self.cite), href=f"#finding-{fid}") for fid in rec.findings
            )
            body = tag("p", literal(rec.title, self.cite), class_="item-title") + self.para(rec.text)
            items.append(tag("li", body + tag("p", self.html_words("rests_on", findings=links), class_="rests-on")))
        inner = "".join(self.para(t) for t in recs.intro) + tag("ol", "".join(items), class_="recommendations")
        heading = recs.heading or self.words("recommendations_heading")
        return self.section("recommendations", heading, inner + self.quotes(2))

    def sidebars(self, place: str) -> str:
        boxes = []
        for i, box in enumerate(self.brief.info.sidebars, 1):
            if box.place == place:
                title = tag("h2", literal(box.title, self.cite), id=f"sidebar-{i}_title")
                text = "".join(self.para(t) for t in box.text)
                boxes.append(tag("aside", title + text, class_="sidebar", aria_labelledby=f"sidebar-{i}_title"))
        return "".join(boxes)

    def methodology(self) -> str:
        info = self.brief.info
        if not info.methodology:
            return ""
        inner = "".join(self.para(t) for t in info.methodology) + self.figure(info.methodology_figure)
        return self.section("methodology", self.words("methodology_heading"), inner + self.quotes(3))

    def sources(self) -> str:
        notes = []
        for source in self.brief.sources.sources:
            work = f"{markup.escape_markup(source.publisher)}, *{markup.escape_markup(source.title)}*"
            work += f" ({self.brief.locale.date(source.date)})." if source.date else "."
            text = inline(work, self.cite)
            if source.url:  # linked as written, never read as markup
                text += " " + tag("a", escape(source.url), href=source.url, class_="url") + "."
            if source.note:
                text += " " + inline(source.note, self.cite)
            if source.id in self.cite.cited:
                number = self.brief.source_number[source.id]
                back = self.words("web_back_to_citation", number=number)
                text += " " + tag("a", "↑", href=f"#cite-{source.id}", class_="back", aria_label=back)
            notes.append(tag("li", text, id=f"source-{source.id}"))
        return self.section("sources", self.words("sources_heading"), tag("ol", "".join(notes), class_="endnotes"))

    def about(self) -> str:
        info = self.brief.info
        inner = self.logo("about-logo") + "".join(self.para(t) for t in info.about)
        contact = [c for c in (info.contact.email, info.contact.url, info.contact.phone, info.contact.address) if c]
        if contact:
            inner += tag("p", self.html_words("contact_line", contact=" · ".join(_contact(c) for c in contact)))
        inner += tag("p", escape(self.words("citation_heading")), class_="item-title")
        inner += tag("p", literal(suggested_citation(self.brief), self.cite), class_="citation")
        return self.section("about", self.words("about_heading", organisation=info.organisation.name), inner)


def _contact(text: str) -> str:
    """An email address or web address as a link; anything else as text."""
    if "@" in text and " " not in text and not text.startswith(("http://", "https://")):
        return tag("a", escape(text), href=f"mailto:{text}")
    if text.startswith(("http://", "https://")):
        return tag("a", escape(text), href=text)
    return escape(text)
