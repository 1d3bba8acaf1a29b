"""The inline text subset: **bold**, *italic*, [text](https://…) and citations [@source-id].

Everything else is literal: `<`, `>` and `&` print as themselves. Parsing is separate from rendering so
validation can check citations and links without knowing anything about ReportLab.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from brief.languages import Quotes

SAFE_SCHEMES = ("https://", "http://", "mailto:")
#: English quotation marks: what text is set with when no language is given.
ENGLISH_QUOTES = Quotes()


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


def plain(text: str, quotes: Quotes = ENGLISH_QUOTES) -> str:
    """The text a reader sees, without markup (for metadata, alt text, outlines), quoted with `quotes`."""
    return "".join(_plain(span, quotes) for span in parse(text).spans)


def plain_span(span: Span, quotes: Quotes = ENGLISH_QUOTES) -> str:
    """The text a reader sees of one parsed span."""
    return _plain(span, quotes)


def _plain(span: Span, quotes: Quotes) -> str:
    if span.kind == "text":
        return smarten(span.text, quotes)
    if span.kind == "cite":
        return ""
    return "".join(_plain(child, quotes) for child in span.children)


def to_reportlab(
    text: str, cite: Callable[[tuple[str, ...]], str], link_color: str = "", quotes: Quotes = ENGLISH_QUOTES
) -> str:
    """ReportLab paragraph markup for `text`; `cite` renders a citation (e.g. as a linked number); typed
    quotation marks become the language's `quotes`."""
    return "".join(_render(span, cite, link_color, quotes) for span in parse(text).spans)


def _render(span: Span, cite: Callable[[tuple[str, ...]], str], link_color: str, quotes: Quotes) -> str:
    inner = "".join(_render(child, cite, link_color, quotes) for child in span.children)
    if span.kind == "text":
        return escape(smarten(span.text, quotes))
    if span.kind == "bold":
        return f"<b>{inner}</b>"
    if span.kind == "italic":
        return f"<i>{inner}</i>"
    if span.kind == "link":
        colour = f" color={quoteattr(link_color)}" if link_color else ""
        return f"<a href={quoteattr(span.target)}{colour}>{inner}</a>"
    return cite(span.ids)


#: Where a typed quotation mark opens a quote: at the start, or after a space, bracket, dash or ¿ ¡.
_OPENS = r"(^|[\s(\[{—–¿¡-])"
_DOUBLE_OPEN = re.compile(_OPENS + r"\"")
_SINGLE_OPEN = re.compile(_OPENS + r"'")
_DASHES_AND_DOTS = [(re.compile(r" -- "), " — "), (re.compile(r"--"), "–"), (re.compile(r"\.\.\."), "…")]
#: A quote inside a quote, once its marks are curly: the closing mark is the first ’ not inside a word (’s).
_SINGLE_PAIR = re.compile(r"‘([^‘’]*?)’(?!\w)")
#: A space the author typed before French ; : ! ? or after « / before »: there the line must not break.
_SPACED_PUNCTUATION = re.compile(r"[ \u00a0]+([;:!?»])")


def smarten(text: str, quotes: Quotes = ENGLISH_QUOTES) -> str:
    """Typographic quotes in the language's style (`quotes`), dashes and ellipses from their typewriter forms."""
    if quotes.spaced:
        text = _alternate_double(text, quotes)
    else:
        text = _DOUBLE_OPEN.sub(r"\1" + quotes.double[0], text).replace('"', quotes.double[1])
    text = _SINGLE_OPEN.sub(r"\1‘", text).replace("'", "’")
    if quotes.single != ("‘", "’"):
        text = _SINGLE_PAIR.sub(lambda m: quotes.single[0] + m[1] + quotes.single[1], text)
    for pattern, replacement in _DASHES_AND_DOTS:
        text = pattern.sub(replacement, text)
    if quotes.spaced:
        text = _SPACED_PUNCTUATION.sub(lambda m: quotes.space + m[1], text)
    return text


def _alternate_double(text: str, quotes: Quotes) -> str:
    """Typed double quotes as « and », taken in turn: French authors often type a space inside them
    (" mot "), so a mark's place cannot say whether it opens or closes. The space inside is a narrow
    no-break one, whatever was typed."""
    parts = text.split('"')
    out = [parts[0]]
    for index, part in enumerate(parts[1:]):
        if index % 2 == 0:  # an opening mark: what follows is the quote
            out.append(quotes.double[0] + quotes.space + part.lstrip(" "))
        else:
            out[-1] = out[-1].rstrip(" ")
            out.append(quotes.space + quotes.double[1] + part)
    return "".join(out)


def escape_markup(text: str) -> str:
    """`text` with markup characters escaped, so it prints exactly as written."""
    return re.sub(r"([\\*\[\]])", r"\\\1", text)
