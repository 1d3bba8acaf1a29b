"""`brief preview`: every page of the brief as a PNG, and one contact sheet of all pages.

For a README, a review email or a chat: people look at a picture before they open a PDF. Pages are
rendered by PDFium (Chrome's PDF engine), so they show what most readers will see; the contact sheet
is drawn with Pillow in the theme's colours and heading font.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brief.building.pipeline import build, build_stamp_request, read_inputs, write_output
from brief.content import markup
from brief.errors import BriefError, Problem
from brief.languages import ENGLISH_US, Locale
from brief.progress import Progress, unreported
from brief.theme.model import Theme

SHEET_NAME = "contact-sheet.png"
_THUMB_WIDTH = 300  # pixels: four pages side by side stay legible in an email
_SHEET_COLUMNS = 4


@dataclass(frozen=True)
class PreviewReport:
    """The page images and the contact sheet written, and the build's warnings."""

    pages: list[Path]
    sheet: Path
    warnings: list[Problem]


def write_preview(
    project: Path,
    out_dir: Path,
    style: str | None = None,
    dpi: int = 100,
    progress: Progress | None = None,
    *,
    paper: str | None = None,
) -> PreviewReport:
    """Build `project` (as `brief build` does), then write `page-N.png` for each page and a contact sheet."""
    report = progress or unreported
    # Read once, for the sheet and the build; the pictures show the project's own output/brief.pdf.
    read = read_inputs(build_stamp_request(project, None, style, paper=paper))
    brief, theme = read.checked.buildable()
    built = build(project, None, style, read=read, paper=paper)
    pdf = built.path.read_bytes()
    total = built.pages + 1
    images = []
    paths = []
    width = len(str(built.pages))  # page-01.png sorts before page-10.png
    for number, image in enumerate(render_pages(pdf, dpi), 1):
        report(number - 1, total, f"page {number}")
        path = out_dir / f"page-{number:0{width}d}.png"
        write_output(path, png_bytes(image))
        images.append(image)
        paths.append(path)
    report(built.pages, total, "contact sheet")
    sheet = contact_sheet(images, theme, markup.plain(brief.info.title, brief.locale.quotes), brief.locale)
    sheet_path = out_dir / SHEET_NAME
    write_output(sheet_path, png_bytes(sheet))
    report(total, total, "done")
    return PreviewReport(paths, sheet_path, built.warnings)


def render_pages(pdf: bytes, dpi: int) -> list[Any]:
    """Each page of `pdf` as a Pillow image at `dpi`."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        images = []
        for index in range(len(document)):
            page = document[index]
            images.append(page.render(scale=dpi / 72).to_pil().convert("RGB"))
            page.close()
        return images
    finally:
        document.close()


def png_bytes(image: Any) -> bytes:
    """A PNG of `image` with no time stamp or other metadata, so the same page gives the same bytes."""
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def contact_sheet(pages: list[Any], theme: Theme, title: str, locale: Locale = ENGLISH_US) -> Any:
    """All pages as thumbnails in rows of four on the theme's panel colour, numbered, under the title."""
    from PIL import Image, ImageDraw

    if not pages:
        raise BriefError([Problem("preview", 0, 0, "the PDF has no pages to show")])
    thumbs = [_thumbnail(page) for page in pages]
    gap, margin, label = 28, 40, 22
    columns = min(_SHEET_COLUMNS, len(thumbs))
    rows = -(-len(thumbs) // columns)
    cell_h = max(t.height for t in thumbs) + label + gap
    header = 64
    size = (2 * margin + columns * _THUMB_WIDTH + (columns - 1) * gap, margin + header + rows * cell_h + margin - gap)
    sheet = Image.new("RGB", size, theme.colours.panel)
    draw = ImageDraw.Draw(sheet)
    heading = _font(theme, 26, bold=True)
    shown = _fitted(title, heading, size[0] - 2 * margin)
    draw.text((margin, margin), shown, fill=theme.colours.primary, font=heading)
    small = _font(theme, 15)
    count = locale.text("preview_one_page") if len(pages) == 1 else locale.text("preview_pages", count=len(pages))
    draw.text((margin, margin + 34), count, fill=theme.colours.muted, font=small)
    for index, thumb in enumerate(thumbs):
        x = margin + (index % columns) * (_THUMB_WIDTH + gap)
        y = margin + header + (index // columns) * cell_h
        draw.rectangle((x - 1, y - 1, x + thumb.width, y + thumb.height), outline=theme.colours.rule)
        sheet.paste(thumb, (x, y))
        draw.text(
            (x, y + thumb.height + 6), locale.text("preview_page", page=index + 1), fill=theme.colours.muted, font=small
        )
    return sheet


def _fitted(text: str, font: Any, width: float) -> str:
    """`text` shortened with an ellipsis until it fits `width` pixels: a long title must not run off the sheet."""
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _thumbnail(page: Any) -> Any:
    from PIL import Image

    size = (_THUMB_WIDTH, round(page.height * _THUMB_WIDTH / page.width))
    return page.resize(size, Image.Resampling.LANCZOS)  # sharpest text when shrinking a page


def _font(theme: Theme, size: int, bold: bool = False) -> Any:
    from PIL import ImageFont

    from brief.theme.fonts import FontMissing, font_path

    try:
        return ImageFont.truetype(str(font_path(theme.fonts.heading, 700 if bold else 400)), size)
    except (OSError, FontMissing):  # a family without that weight still gets a legible label
        return ImageFont.load_default(size)
