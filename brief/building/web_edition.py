"""build_web(): the brief as a web page, `brief.html` beside the PDF, with its link-preview image.

Read and validated as a PDF build reads its content, then written atomically; the page's bytes depend
only on the content, the theme and brief's version, as the PDF's do.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from brief.building.pipeline import ReadInputs, default_output, write_output
from brief.content.validate import check_project
from brief.errors import BriefError, Problem, Severity

#: The editions `brief build --format` writes.
FORMATS = ("pdf", "html")


@dataclass(frozen=True)
class WebReport:
    """What a web build wrote: the page, its size, the preview image (if the brief has a chart) and warnings."""

    path: Path
    size: int
    card: Path | None
    warnings: list[Problem]


def web_target(output: Path) -> Path:
    """The page's path for a PDF path (or an HTML one): `output/brief.pdf` → `output/brief.html`."""
    return output.with_suffix(".html")


def card_target(page: Path) -> Path:
    """The preview image beside the page: `brief.html` → `brief-card.png`."""
    return page.with_name(f"{page.stem}-card.png")


def build_web(
    project: Path,
    output: Path | None = None,
    style: str | None = None,
    *,
    strict: bool = False,
    paper: str | None = None,
    read: ReadInputs | None = None,
) -> WebReport:
    """Build `project` into `brief.html` beside the PDF path `output` (or PROJECT/output/brief.pdf); raise
    BriefError, writing nothing, on problems (on warnings too, with `strict`)."""
    from brief.web.page import render_page

    target = web_target(output or default_output(project))
    checked = read.checked if read is not None else check_project(project, style, paper)
    if checked.brief is None or checked.theme is None:
        raise BriefError(checked.errors)
    if strict and checked.warnings:
        raise BriefError([dataclasses.replace(w, severity=Severity.ERROR) for w in checked.warnings])
    card = card_target(target)
    page = render_page(checked.brief, checked.theme, card.name)
    if page.card is not None:
        write_output(card, page.card, "the preview image")
    write_output(target, page.html, "the page")
    return WebReport(target, len(page.html), card if page.card is not None else None, list(checked.warnings))
