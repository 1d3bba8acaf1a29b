"""The page's <head>: title, description, Open Graph and Twitter card tags, and JSON-LD for search engines."""

from __future__ import annotations

import json

from brief import __version__
from brief.content import markup
from brief.content.model import Brief
from brief.content.wording import suggested_citation
from brief.web.text import attrs

#: Search results and link previews show about this much of a description.
DESCRIPTION_LENGTH = 300


def description(brief: Brief) -> str:
    """The summary's first paragraph as plain text, cut at a word near DESCRIPTION_LENGTH characters."""
    text = " ".join(markup.plain(brief.info.summary[0]).split())
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    cut = text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def meta_tags(brief: Brief, card: tuple[str, str, int, int] | None) -> str:
    """<title> and <meta> tags; `card` is the preview image's file name, alt text, width and height, if any."""
    info = brief.info
    title = markup.plain(markup.escape_markup(info.title))
    summary = description(brief)
    authors = ", ".join(a.name for a in info.authors) or info.organisation.name
    tags = [
        ("name", "description", summary),
        ("name", "author", authors),
        ("name", "generator", f"brief {__version__}"),
        ("property", "og:type", "article"),
        ("property", "og:title", title),
        ("property", "og:description", summary),
        ("property", "og:site_name", info.organisation.name),
        ("property", "og:locale", info.language.replace("-", "_")),
        ("name", "twitter:card", "summary_large_image" if card else "summary"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", summary),
    ]
    if info.keywords:
        tags.insert(2, ("name", "keywords", ", ".join(info.keywords)))
    if card:
        image, alt, width, height = card
        tags += [
            ("property", "og:image", image),
            ("property", "og:image:type", "image/png"),
            ("property", "og:image:width", str(width)),
            ("property", "og:image:height", str(height)),
            ("property", "og:image:alt", alt),
            ("name", "twitter:image", image),
            ("name", "twitter:image:alt", alt),
        ]
    lines = [f"<title>{markup.escape(title)}</title>"]
    lines += [f"<meta{attrs(**{kind: name, 'content': value})}>" for kind, name, value in tags]
    return "\n".join(lines) + "\n"


def json_ld(brief: Brief) -> str:
    """A schema.org Report: title, authors, publisher, date, language, the works it cites and how to cite it."""
    info = brief.info
    publisher: dict[str, str] = {"@type": "Organization", "name": info.organisation.name}
    if info.organisation.url:
        publisher["url"] = info.organisation.url
    authors = [
        {"@type": "Person", "name": a.name, **({"jobTitle": a.role} if a.role else {})} for a in info.authors
    ] or [publisher]
    cited = []
    for source in brief.sources.sources:
        work: dict[str, object] = {"@type": "CreativeWork", "name": markup.plain(markup.escape_markup(source.title))}
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
        if source.date:
            work["datePublished"] = source.date
        if source.url:
            work["url"] = source.url
        cited.append(work)
    report: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Report",
        "headline": markup.plain(markup.escape_markup(info.title)),
        "name": markup.plain(markup.escape_markup(info.title)),
        "description": description(brief),
        "inLanguage": info.language,
        "datePublished": info.date,
        "author": authors,
        "publisher": publisher,
        "citation": cited,
        "creditText": suggested_citation(brief),
    }
    if info.subtitle:
        report["alternativeHeadline"] = markup.plain(markup.escape_markup(info.subtitle))
    if info.keywords:
        report["keywords"] = ", ".join(info.keywords)
    text = json.dumps(report, ensure_ascii=False, indent=1, sort_keys=False)
    # Inside <script>, '</' would end the element early: escaped as JSON allows.
    return '<script type="application/ld+json">\n' + text.replace("</", "<\\/") + "\n</script>\n"
