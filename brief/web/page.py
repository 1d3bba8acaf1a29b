"""render_page(): a validated brief and its theme → one self-contained HTML page, and its preview image.

Everything the page shows is in the one file: the stylesheet, the theme's fonts (subset, WOFF2), the
charts (inline SVG) and the logo. The preview image for link cards (Open Graph, Twitter) is the one file
beside it, since those services fetch it by name.
"""

from __future__ import annotations

import html
import re
import struct
from dataclasses import dataclass

from brief.charts.draw import Standalone
from brief.charts.export import source_line
from brief.charts.render import chart_jobs
from brief.content import markup
from brief.content.model import Brief
from brief.theme.model import Theme
from brief.web.figures import Numbered, drawn, shown_charts
from brief.web.fonts import font_faces, heavy_weight
from brief.web.head import json_ld, meta_tags
from brief.web.sections import Body
from brief.web.style import stylesheet


@dataclass(frozen=True)
class WebPage:
    """The page's bytes, and its preview image's (None when the brief draws no chart)."""

    html: bytes
    card: bytes | None


def render_page(brief: Brief, theme: Theme, card_name: str) -> WebPage:
    """The brief as an HTML page; `card_name` is the file name the preview image is written under, beside it."""
    charts = shown_charts(brief, chart_jobs(brief, theme))
    body = Body(brief, theme, charts).html()
    first = next((shown for shown in charts.values() if shown.job is not None), None)
    card = _card(brief, first) if first else None
    card_meta = (card_name, markup.plain(first.chart.alt), *_png_size(card)) if card and first else None
    heavy = heavy_weight(theme.fonts.heading) or 700
    fonts = font_faces(theme, _visible_text(body + markup.plain(brief.info.title)))
    page = (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(brief.info.language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        + meta_tags(brief, card_meta)
        + json_ld(brief)
        + "<style>\n"
        + fonts
        + stylesheet(theme, heavy)
        + "</style>\n</head>\n<body>\n"
        + body
        + "\n</body>\n</html>\n"
    )
    return WebPage(page.encode("utf-8"), card)


def _card(brief: Brief, shown: Numbered) -> bytes:
    """The first chart as a standalone PNG, title, source and publisher baked in, for link previews."""
    assert shown.job is not None
    theme = shown.job.theme
    frame = Standalone(brief.info.organisation.name, source_line(shown.chart, brief))
    table = brief.chart_data[shown.chart.id]
    return drawn(shown.chart, table, theme, theme.chart.width, "png", frame, locale=brief.locale)


def _png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk, right after the signature
    return int(width), int(height)


def _visible_text(body: str) -> str:
    """Every character the page may show: its text without tags, entities read, and what CSS adds."""
    text = re.sub(r"<[^>]*>", "", body)
    return html.unescape(text) + "0123456789.↑•—|"
