"""Content text as HTML: the inline markup subset, citations as linked numbers both ways, literal text escaped."""

from __future__ import annotations

from collections.abc import Callable

from brief.content import markup
from brief.content.markup import Span, escape, quoteattr


def attrs(**values: str | None) -> str:
    """` name="value"` for each value given (None leaves the attribute out); `class_` is written `class`,
    `aria_label` is written `aria-label`."""
    parts = []
    for name, value in values.items():
        if value is not None:
            parts.append(f" {name.rstrip('_').replace('_', '-')}={quoteattr(value)}")
    return "".join(parts)


def tag(name: str, inner: str, **values: str | None) -> str:
    """`<name ...>inner</name>`."""
    return f"<{name}{attrs(**values)}>{inner}</{name}>"


class Citations:
    """Citations as superscript numbers linked to their endnote; the first citation of each source is the
    target of the endnote's link back."""

    def __init__(self, numbers: dict[str, int]) -> None:
        self.numbers = numbers
        self.cited: list[str] = []

    def __call__(self, ids: tuple[str, ...]) -> str:
        links = []
        for sid in ids:
            first = None if sid in self.cited else f"cite-{sid}"
            if first:
                self.cited.append(sid)
            number = str(self.numbers[sid])
            links.append(tag("a", number, href=f"#source-{sid}", id=first, aria_label=f"Source {number}"))
        return tag("sup", ",".join(links), class_="cite")


def inline(text: str, cite: Callable[[tuple[str, ...]], str]) -> str:
    """HTML for text in the inline markup subset: bold, italic, links, citations."""
    return "".join(_span(span, cite) for span in markup.parse(text).spans)


def literal(text: str, cite: Callable[[tuple[str, ...]], str]) -> str:
    """HTML for text that prints as written (typographic quotes only), as the PDF sets titles and headlines."""
    return inline(markup.escape_markup(text), cite)


def _span(span: Span, cite: Callable[[tuple[str, ...]], str]) -> str:
    inner = "".join(_span(child, cite) for child in span.children)
    if span.kind == "text":
        return escape(markup.smarten(span.text))
    if span.kind == "bold":
        return f"<strong>{inner}</strong>"
    if span.kind == "italic":
        return f"<em>{inner}</em>"
    if span.kind == "link":
        return tag("a", inner, href=span.target) if markup.is_safe_link(span.target) else inner
    return cite(span.ids)
