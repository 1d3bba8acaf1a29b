"""Links in the PDF: a URL is linked whole, as written, and no link but a web or mail address is ever made."""

from __future__ import annotations

from pathlib import Path

import pikepdf
from readers import pdftotext
from reportlab.pdfgen.canvas import Canvas

from brief.building.pipeline import build
from brief.pdf.document import SafeLinkCanvas


def uris(pdf: Path) -> list[str]:
    with pikepdf.open(pdf) as document:
        return [
            str(annot.A.URI)
            for page in document.pages
            for annot in page.get("/Annots", [])
            if "/A" in annot and "/URI" in annot.A
        ]


def set_source_url(project: Path, url: str) -> None:
    """The first source gets the address `url`."""
    sources = project / "content" / "sources.yaml"
    text = sources.read_text()
    sources.write_text(text.replace('    date: "2025"\n', f"    date: \"2025\"\n    url: '{url}'\n", 1))


def test_a_source_url_that_closes_a_link_and_opens_another_links_only_to_itself(project: Path) -> None:
    url = "https://ex.org/)[x](javascript:app.alert(1)"
    set_source_url(project, url)
    pdf = build(project, force=True).path
    assert not [u for u in uris(pdf) if not u.startswith(("https://", "http://", "mailto:"))]
    assert url in uris(pdf)


def test_a_url_with_parentheses_is_linked_and_printed_whole(project: Path) -> None:
    url = "https://en.wikipedia.org/wiki/Crime_(disambiguation)"
    set_source_url(project, url)
    pdf = build(project, force=True).path
    assert url in uris(pdf)
    assert url in "".join(pdftotext(pdf).split())


def test_the_canvas_makes_no_link_of_another_scheme(tmp_path: Path) -> None:
    for maker in (SafeLinkCanvas,):
        canvas: Canvas = maker(str(tmp_path / "links.pdf"))
        canvas.linkURL("javascript:app.alert(1)", (0, 0, 10, 10))
        canvas.linkURL("file:///etc/passwd", (0, 0, 10, 10))
        canvas.linkURL("pdf:other.pdf", (0, 0, 10, 10), kind="GoToR")
        canvas.linkURL("https://example.org", (0, 0, 10, 10))
        canvas.showPage()
        canvas.save()
    assert uris(tmp_path / "links.pdf") == ["https://example.org"]
