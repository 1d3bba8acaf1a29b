"""Theme → ReportLab paragraph styles: the one place where type decisions become ReportLab objects."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from brief.theme.fonts import FontFamily, register_family
from brief.theme.model import Theme


@dataclass(frozen=True)
class Styles:
    """Every paragraph style the layout uses, plus the theme's colours as ReportLab colours."""

    theme: Theme
    body_font: FontFamily
    heading_font: FontFamily
    body: ParagraphStyle
    lead: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    kicker: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    meta: ParagraphStyle
    stat: ParagraphStyle
    stat_label: ParagraphStyle
    figure_title: ParagraphStyle
    caption: ParagraphStyle
    source_line: ParagraphStyle
    quote: ParagraphStyle
    attribution: ParagraphStyle
    item_title: ParagraphStyle
    number: ParagraphStyle
    bullet: ParagraphStyle
    endnote: ParagraphStyle
    box_title: ParagraphStyle
    toc_title: ParagraphStyle
    toc_entry: ParagraphStyle
    toc_page: ParagraphStyle
    page_label: ParagraphStyle  # the footer's "Page X of Y"

    def colour(self, name: str) -> Color:
        """A theme colour (`text`, `accent`, ...) as a ReportLab colour."""
        return HexColor(getattr(self.theme.colours, name))


#: Styles already made in this process, by theme: the same theme gets the same style objects, whose
#: paragraphs' parses can then be shared (tagging.TaggedParagraph) from one build to the next.
_MADE: dict[str, Styles] = {}


def make_styles(theme: Theme, hyphenation: str = "") -> Styles:
    """Paragraph styles for `theme`, with its fonts registered; words break by the pyphen dictionary
    `hyphenation` (the brief's language), where they must or, in justified text, at a line's end."""
    key = repr(theme) + hyphenation  # Theme holds lists, so it is not hashable; its repr names every value
    if key not in _MADE:
        if len(_MADE) >= 8:
            _MADE.clear()
        _MADE[key] = _make_styles(theme, hyphenation)
    return _MADE[key]


def _make_styles(theme: Theme, hyphenation: str) -> Styles:
    body_font = register_family(theme.fonts.body)
    head = register_family(theme.fonts.heading)
    s, c, sp = theme.sizes, theme.colours, theme.spacing
    text, muted, primary = HexColor(c.text), HexColor(c.muted), HexColor(c.primary)
    body = ParagraphStyle(
        "body",
        fontName=body_font.regular,
        fontSize=s.body,
        leading=s.leading,
        textColor=text,
        spaceAfter=sp.paragraph,
        allowWidows=0,
        allowOrphans=0,
        alignment=TA_LEFT,
        hyphenationLang="",
        embeddedHyphenation=0,
        words_language=hyphenation,  # read by hyphenation.hyphenated() when a paragraph is wrapped
    )
    running = {"alignment": TA_JUSTIFY} if theme.layout.justify else {}

    def derive(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=body, **kw)

    small = {"fontSize": s.small, "leading": s.small * 1.35, "textColor": muted, "spaceAfter": 0}
    return Styles(
        theme=theme,
        body_font=body_font,
        heading_font=head,
        body=derive("body-text", **running) if running else body,
        lead=derive("lead", fontSize=s.body * 1.08, leading=s.leading * 1.08, **running),
        h1=derive(
            "h1",
            fontName=head.bold,
            fontSize=s.h1,
            leading=s.h1 * 1.2,
            textColor=primary,
            spaceBefore=sp.section,
            spaceAfter=sp.paragraph * 1.5,
            keepWithNext=1,
        ),
        h2=derive(
            "h2",
            fontName=head.bold,
            fontSize=s.h2,
            leading=s.h2 * 1.25,
            textColor=primary,
            spaceBefore=sp.block,
            spaceAfter=sp.paragraph * 0.6,
            keepWithNext=1,
        ),
        kicker=derive(
            "kicker",
            fontName=head.bold,
            fontSize=s.kicker,
            leading=s.kicker * 1.3,
            textColor=HexColor(c.band_kicker),
            spaceAfter=sp.paragraph,
        ),
        title=derive(
            "title",
            fontName=head.heavy,
            fontSize=s.title,
            leading=s.title * 1.1,
            textColor=HexColor(c.band_text),
            spaceAfter=sp.paragraph,
        ),
        subtitle=derive(
            "subtitle",
            fontName=head.regular,
            fontSize=s.subtitle,
            leading=s.subtitle * 1.3,
            textColor=HexColor(c.band_text),
            spaceAfter=sp.paragraph,
        ),
        meta=derive(
            "meta",
            fontName=head.regular,
            fontSize=s.small,
            leading=s.small * 1.4,
            textColor=HexColor(c.band_text),
            spaceAfter=0,
        ),
        stat=derive(
            "stat",
            fontName=head.heavy,
            fontSize=s.stat,
            leading=s.stat * 1.08,
            textColor=primary,
            spaceAfter=sp.paragraph * 0.5,
        ),
        stat_label=derive(
            "stat_label", fontName=head.regular, fontSize=s.small * 1.12, leading=s.small * 1.12 * 1.35, spaceAfter=0
        ),
        figure_title=derive(
            "figure_title",
            fontName=head.bold,
            fontSize=s.body,
            leading=s.body * 1.3,
            textColor=text,
            spaceAfter=2,
            keepWithNext=1,
        ),
        caption=derive("caption", fontName=head.regular, **{**small, "textColor": text}),
        source_line=derive("source_line", fontName=head.regular, **small),
        quote=derive(
            "quote",
            fontName=body_font.italic,
            fontSize=s.quote,
            leading=s.quote * 1.4,
            textColor=primary,
            spaceAfter=sp.paragraph,
        ),
        attribution=derive("attribution", fontName=head.regular, **small),
        item_title=derive("item_title", fontName=head.bold, spaceAfter=1),
        number=derive(
            "number", fontName=head.heavy, fontSize=s.h1, leading=s.h1, textColor=HexColor(c.accent), alignment=TA_RIGHT
        ),
        bullet=derive("bullet", fontName=head.heavy, textColor=HexColor(c.accent), alignment=TA_RIGHT),
        endnote=derive("endnote", fontSize=s.small * 1.1, leading=s.small * 1.1 * 1.4, spaceAfter=3),
        box_title=derive("box_title", fontName=head.bold, textColor=primary, spaceAfter=3, keepWithNext=1),
        toc_title=derive("toc_title", fontName=head.bold, fontSize=s.small * 1.15, textColor=primary, spaceAfter=3),
        toc_entry=derive(
            "toc_entry", fontName=head.regular, fontSize=s.small * 1.1, leading=s.small * 1.1 * 1.3, spaceAfter=0
        ),
        toc_page=derive(
            "toc_page",
            fontName=head.bold,
            fontSize=s.small * 1.1,
            leading=s.small * 1.1 * 1.3,
            spaceAfter=0,
            textColor=HexColor(c.link),
            alignment=TA_RIGHT,
        ),
        page_label=derive(
            "page_label",
            fontName=head.regular,
            fontSize=s.small,
            leading=s.small * 1.2,
            spaceAfter=0,
            textColor=muted,
            alignment=TA_RIGHT,
        ),
    )
