"""build(): content → validated brief → charts → story → PDF bytes → the output file, written atomically.

The only stage that touches the file system for output.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__, markup
from .errors import BriefError, Problem
from .loading import Document, KeyPath
from .model import Brief
from .theme import Theme
from .validate import check_project


@dataclass(frozen=True)
class BuildReport:
    """What a build produced."""

    path: Path
    pages: int
    size: int
    warnings: list[Problem]


def default_output(project: Path) -> Path:
    return project / "output" / "brief.pdf"


def build(project: Path, output: Path | None = None, style: str | None = None) -> BuildReport:
    """Build `project` into a PDF at `output`; raise BriefError (and leave any old PDF as it was) on problems."""
    checked = check_project(project, style)
    if checked.brief is None or checked.theme is None:
        raise BriefError(checked.errors)
    brief, theme = checked.brief, checked.theme
    pdf, pages = render_pdf(brief, theme, checked.docs)
    if brief.info.max_pages and pages > brief.info.max_pages:
        doc = checked.docs["brief.yaml"]
        raise BriefError(
            [
                doc.problem(
                    ("max_pages",),
                    f"the brief runs to {pages} pages; max_pages is {brief.info.max_pages}",
                    hint="shorten the text or raise max_pages",
                )
            ]
        )
    target = output or default_output(project)
    write_atomically(target, pdf)
    return BuildReport(target, pages, len(pdf), checked.warnings)


def export_chart_files(project: Path, out_dir: Path, fmt: str, dpi: int = 300, style: str | None = None) -> list[Path]:
    """Every chart of `project` as a standalone file in `out_dir`, for slides and press kits."""
    from .export import export_charts

    checked = check_project(project, style)
    if checked.brief is None or checked.theme is None:
        raise BriefError(checked.errors)
    theme = checked.theme
    try:
        return export_charts(checked.brief, theme, out_dir, fmt, dpi)  # type: ignore[arg-type]
    except OSError as exc:
        raise BriefError([Problem(str(out_dir), 0, 0, f"cannot write charts here: {exc.strerror or exc}")]) from exc


def render_pdf(brief: Brief, theme: Theme, docs: dict[str, Document], tagged: bool = True) -> tuple[bytes, int]:
    """The PDF bytes and page count: a first pass counts pages, the last prints 'Page X of Y' and the TOC."""
    from reportlab.platypus.doctemplate import LayoutError

    from .compose import Composer
    from .document import BriefDocument
    from .flowables import TooTall
    from .fonts import FontMissing
    from .styles import make_styles

    try:
        styles = make_styles(theme)
    except FontMissing as exc:
        raise BriefError(
            [
                Problem(
                    "theme",
                    0,
                    0,
                    f"font not available: {exc}",
                    hint="install its fontpkg package, e.g. pip install fontpkg-lato",
                )
            ]
        ) from exc
    problems = glyph_problems(docs, [styles.body_font.regular, styles.heading_font.bold], theme.fonts.body)
    if problems:
        raise BriefError(problems)
    drawings = chart_drawings(brief, theme)
    furniture = _furniture(brief, styles)
    pages, data = 0, b""
    toc: list[tuple[int, str, int, str]] = []
    for _ in range(4):  # page numbers and the TOC feed each other: settle in a few passes
        buffer = io.BytesIO()
        doc = BriefDocument(buffer, styles, furniture, tagged=tagged)
        doc.page_total = pages or None
        show_toc = pages >= theme.layout.toc_min_pages
        composer = Composer(brief, styles, drawings, toc=toc if show_toc else [])
        try:
            doc.build(composer.story())
        except TooTall as exc:
            raise BriefError([_too_tall(exc, brief, docs)]) from exc
        except LayoutError as exc:
            raise BriefError([Problem(str(brief.root / "content"), 0, 0, f"cannot lay out the brief: {exc}")]) from exc
        settled = doc.pages_laid_out == pages and doc.headings == toc
        pages, toc, data = doc.pages_laid_out, doc.headings, buffer.getvalue()
        if settled:
            break
    if doc.tagger is not None:
        from .finish import finish

        data = finish(data, doc.tagger.root, furniture.meta)
    return data, pages


def _too_tall(exc: Any, brief: Brief, docs: dict[str, Document]) -> Problem:
    message = f"this block is {exc}; it cannot fit on any page"
    hint = "shorten its text"
    if exc.where and exc.where[0] in docs:
        return docs[exc.where[0]].problem(exc.where[1], message, hint=hint)
    return Problem(str(brief.root / "content"), 0, 0, message, hint=hint)


def chart_drawings(brief: Brief, theme: Theme) -> dict[str, Any]:
    """One vector drawing per chart that a finding shows, drawn by matplotlib only when not cached."""
    from .chart_cache import cached_chart_svg
    from .charts import chart_drawing
    from .compose import SIDE_FIGURE, is_side_figure
    from .document import PAGE_SIZES

    margins = theme.page.margins
    full = min(theme.chart.width, PAGE_SIZES[theme.page.size][0] - margins.left - margins.right)
    shown = {finding.chart for finding in brief.findings.findings} | {brief.info.methodology_figure}
    cache = chart_cache_folder(brief.root)
    drawings = {}
    for chart in brief.charts.charts:
        if chart.id in shown and chart.type != "table":  # a table is set as text, not drawn
            table = brief.chart_data[chart.id]
            width = full * SIDE_FIGURE if is_side_figure(chart, table) else full
            drawings[chart.id] = chart_drawing(cached_chart_svg(chart, table, theme, width, cache))
    return drawings


def chart_cache_folder(project: Path) -> Path:
    """Where rendered charts are kept between builds (safe to delete)."""
    return project / ".brief-cache" / "charts"


def _furniture(brief: Brief, styles: Any) -> Any:
    from .compose import cover_flowables
    from .document import Furniture, Metadata

    info = brief.info
    authors = ", ".join(a.name for a in info.authors) or info.organisation.name
    header_left = f"{info.series.split('·')[0].strip().upper()} · {info.title}" if info.series else info.title
    year, month, day = [*info.date.split("-"), "01", "01"][:3]
    return Furniture(
        header_left=markup.plain(header_left),
        header_right=info.organisation.name,
        footer_left=info.organisation.name,
        cover_flowables=cover_flowables(brief, styles),
        meta=Metadata(
            title=markup.plain(info.title),
            author=authors,
            subject=markup.plain(info.subtitle),
            keywords=list(info.keywords),
            creator=f"brief {__version__}",
            language=info.language,
            date=f"{year}-{month}-{day}",
        ),
    )


def glyph_problems(docs: dict[str, Document], fonts: list[str], family: str) -> list[Problem]:
    """A located problem for each text that holds a character the theme's fonts cannot draw."""
    from .fonts import missing_glyphs

    problems = []
    for doc in docs.values():
        for path, text in _texts(doc.data, ()):
            missing = {ch for font in fonts for ch in missing_glyphs(text, font)}
            for ch in sorted(missing):
                line, col = doc.where(path)
                problems.append(
                    Problem(
                        doc.path,
                        line,
                        col,
                        f"font '{family}' has no glyph for '{ch}' (U+{ord(ch):04X})",
                        hint="use another character or a theme font that has it",
                    )
                )
    return problems


def _texts(data: Any, path: KeyPath) -> list[tuple[KeyPath, str]]:
    if isinstance(data, str):
        return [(path, data)]
    if isinstance(data, dict):
        return [item for key, value in data.items() for item in _texts(value, (*path, key))]
    if isinstance(data, list):
        return [item for i, value in enumerate(data) for item in _texts(value, (*path, i))]
    return []


def write_atomically(target: Path, data: bytes) -> None:
    """Write beside the target, then rename: a failed write never leaves a damaged or half-written PDF."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise BriefError([Problem(str(target), 0, 0, f"cannot write here: {exc.strerror or exc}")]) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise BriefError(
            [
                Problem(
                    str(target),
                    0,
                    0,
                    f"cannot write the PDF: {exc.strerror or exc}",
                    hint="the previous PDF, if any, is unchanged",
                )
            ]
        ) from exc
