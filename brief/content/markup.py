"""The inline text subset: **bold**, *italic*, [text](https://…) and citations [@source-id].

Everything else is literal: `<`, `>` and `&` print as themselves. Parsing is separate from rendering so
validation can check citations and links without knowing anything about ReportLab.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

SAFE_SCHEMES = ("https://", "http://", "mailto:")


# escape() and quoteattr() do what xml.sax.saxutils' do: that module imports urllib.request, and with it
# http, ssl and email, which every command would pay for before it starts.


def escape(text: str) -> str:
    """`&`, `<` and `>` as entities, for text in XML or ReportLab paragraph markup."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """`text` escaped and quoted as an XML attribute value."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    return f"'{text}'" if "'" not in text else '"{}"'.format(text.replace('"', "&quot;"))


_TOKEN = re.compile(
    r"(?P<escape>\\[*\[\]\\])"
    r"|(?P<cite>\[@(?P<ids>[a-z0-9][a-z0-9-]*(?:\s*[,;]\s*@?[a-z0-9][a-z0-9-]*)*)\])"
    r"|(?P<link>\[(?P<label>[^\]\n]+)\]\((?P<url>[^)\s]+)\))"
    r"|(?P<bold>\*\*(?=\S)(?P<bold_text>.+?)(?<=\S)\*\*)"
    r"|(?P<italic>\*(?=[^\s*])(?P<italic_text>.+?)(?<=[^\s*])\*)",
    re.DOTALL,
)


@dataclass(frozen=True)
class Span:
    """A piece of inline text: plain, bold, italic, link or citation, possibly nested."""

    kind: str
    text: str = ""
    children: tuple[Span, ...] = ()
    target: str = ""  # a link's URL
    ids: tuple[str, ...] = ()  # a citation's source ids


@dataclass
class Parsed:
    spans: list[Span]
    citations: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


def parse(text: str) -> Parsed:
    """Split inline text into spans, collecting the citations and links it uses."""
    result = Parsed([])
    result.spans = _parse(text, result)
    return result


def _parse(text: str, into: Parsed) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() > pos:
            spans.append(Span("text", text[pos : match.start()]))
        pos = match.end()
        if match["escape"]:
            spans.append(Span("text", match["escape"][1]))
        elif match["cite"]:
            if spans and spans[-1].kind == "text":  # a citation hugs the word before it
                spans[-1] = Span("text", spans[-1].text.rstrip())
            ids = tuple(part.strip().lstrip("@") for part in re.split(r"[,;]", match["ids"]))
            into.citations.extend(ids)
            spans.append(Span("cite", ids=ids))
        elif match["link"]:
            into.links.append(match["url"])
            spans.append(Span("link", children=tuple(_parse(match["label"], into)), target=match["url"]))
        elif match["bold"]:
            spans.append(Span("bold", children=tuple(_parse(match["bold_text"], into))))
        else:
            spans.append(Span("italic", children=tuple(_parse(match["italic_text"], into))))
    if pos < len(text):
        spans.append(Span("text", text[pos:]))
    return spans


def is_safe_link(url: str) -> bool:
    """Only web and mail links: `javascript:`, `file:` and friends never reach the PDF."""
    return url.lower().startswith(SAFE_SCHEMES)


def plain(text: str) -> str:
    """The text a reader sees, without markup (for metadata, alt text, outlines)."""
    return "".join(_plain(span) for span in parse(text).spans)


def plain_span(span: Span) -> str:
    """The text a reader sees of one parsed span."""
    return _plain(span)


def _plain(span: Span) -> str:
    if span.kind == "text":
        return smarten(span.text)
    if span.kind == "cite":
        return ""
    return "".join(_plain(child) for child in span.children)


def to_reportlab(text: str, cite: Callable[[tuple[str, ...]], str], link_color: str = "") -> str:
    """ReportLab paragraph markup for `text`; `cite` renders a citation (e.g. as a linked number)."""
    return "".join(_render(span, cite, link_color) for span in parse(text).spans)


def _render(span: Span, cite: Callable[[tuple[str, ...]], str], link_color: str) -> str:
    inner = "".join(_render(child, cite, link_color) for child in span.children)
    if span.kind == "text":
        return escape(smarten(span.text))
    if span.kind == "bold":
        return f"<b>{inner}</b>"
    if span.kind == "italic":
        return f"<i>{inner}</i>"
    if span.kind == "link":
        colour = f" color={quoteattr(link_color)}" if link_color else ""
        return f"<a href={quoteattr(span.target)}{colour}>{inner}</a>"
    return cite(span.ids)


_QUOTES = [
    (re.compile(r"(^|[\s(\[{—–-])\""), "\\1“"),
    (re.compile(r"\""), "”"),
    (re.compile(r"(^|[\s(\[{—–-])'"), "\\1‘"),
    (re.compile(r"'"), "’"),
    (re.compile(r" -- "), " — "),
    (re.compile(r"--"), "–"),
    (re.compile(r"\.\.\."), "…"),
]


def smarten(text: str) -> str:
    """Typographic quotes, dashes and ellipses from their typewriter forms."""
    for pattern, replacement in _QUOTES:
        text = pattern.sub(replacement, text)
    return text


def escape_markup(text: str) -> str:
    """`text` with markup characters escaped, so it prints exactly as written."""
    return re.sub(r"([\\*\[\]])", r"\\\1", text)
