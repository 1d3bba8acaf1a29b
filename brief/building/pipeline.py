"""build(): content → validated brief → charts → story → PDF bytes → the output file, written atomically.

The only stage that touches the file system for output.
"""

from __future__ import annotations

import dataclasses
import importlib
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brief import __version__
from brief.building.budget import email_budget_problems
from brief.content import markup
from brief.content.model import Brief
from brief.content.validate import Checked, check_project
from brief.errors import BriefError, Problem, Severity
from brief.files import NoNewFile, write_atomic
from brief.loading import Document
from brief.pdf.layout import Laid, LayoutSummary
from brief.theme.model import Theme
from brief.timing import lap, stopwatch

if TYPE_CHECKING:  # imported where used, so that a no-op build or a check loads none of them
    from brief.building.stamp import BuildRequest
    from brief.charts.render import PendingDrawings
    from brief.pdf.document import BriefDocument, Furniture
    from brief.pdf.styles import Styles


@dataclass(frozen=True)
class BuildReport:
    """What a build produced."""

    path: Path
    pages: int
    size: int
    warnings: list[Problem]
    unchanged: bool = False  # nothing changed since the last build: the PDF was left as it was
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage (timing.STAGES)


def default_output(project: Path) -> Path:
    return project / "output" / "brief.pdf"


@dataclass(frozen=True)
class ReadInputs:
    """A build's inputs as read and validated, and digests of them taken around the reading: a stamp is
    recorded only if both still hold once the PDF is written (build_stamp.record)."""

    before: str  # of content/ and styles/, before reading them
    after: str  # of every input, the files the reading found elsewhere included, right after reading
    checked: Checked


def read_inputs(request: BuildRequest) -> ReadInputs:
    """Digest, read and validate the inputs of `request` (stamp.BuildRequest): the part of a build that needs
    neither ReportLab nor matplotlib, so a batch can do it for its rows on an idle processor (batch.py)."""
    from brief.building.stamp import inputs_digest, read_digest

    with lap("check"):
        before = inputs_digest(request, [], [], "")
    with lap("load+validate"):
        checked = check_project(request.project, request.style, request.paper)
    with lap("check"):
        return ReadInputs(before, read_digest(request, checked), checked)


def build(
    project: Path,
    output: Path | None = None,
    style: str | None = None,
    *,
    force: bool = False,
    chart_workers: int | None = None,
    variables: str = "",
    read: ReadInputs | None = None,
    strict: bool = False,
    paper: str | None = None,
) -> BuildReport:
    """Build `project` into a PDF at `output`; raise BriefError (and leave any old PDF as it was) on problems.

    When nothing that shapes the PDF changed since the last build of `output` (build_stamp.py), the PDF is
    left untouched, unless `force`. `chart_workers` caps the processes that render charts; `variables`
    names the values of a batch row, which change the content without changing its files. `read` is
    what `read_inputs` gave for this same request, when it was read ahead (a batch does, for its rows).
    `strict` makes every warning an error, the layout's included: then nothing is written. `paper` puts the
    theme on other paper (letter, a4, legal), as `paper:` in brief.yaml does.
    """
    from brief.building.stamp import record, up_to_date

    request = build_stamp_request(project, output, style, variables, paper)
    with stopwatch() as laps:
        with lap("check"):
            current = None if force else up_to_date(request)
        if current is not None:
            layout = current.layout
            if strict and current.warnings:
                raise BriefError([dataclasses.replace(w, severity=Severity.ERROR) for w in current.warnings])
            return BuildReport(request.target, layout.pages, current.size, current.warnings, True, laps)
        read = read or read_inputs(request)
        report, layout = _build(request, read.checked, chart_workers, strict)
        report = dataclasses.replace(report, timings=laps)
        with lap("check"):
            record(request, read, layout, report.size, report.warnings)
    return report


def build_stamp_request(
    project: Path, output: Path | None, style: str | None, variables: str = "", paper: str | None = None
) -> BuildRequest:
    """The stamp.BuildRequest of a build."""
    from brief.building.stamp import BuildRequest

    return BuildRequest(project, output or default_output(project), style, variables, paper)


def _build(
    request: BuildRequest, checked: Checked, chart_workers: int | None, strict: bool = False
) -> tuple[BuildReport, LayoutSummary]:
    brief, theme = checked.buildable()
    if unfit := unbuildable_figures(brief, theme, checked.docs):
        raise BriefError(unfit)
    # Layout itself stops at max_pages (layout_problem), so a PDF that comes back is within the budget.
    pdf, layout = render_layout(brief, theme, checked.docs, chart_workers=chart_workers)
    pages = layout.pages
    budget = email_budget_problems(request.target, len(pdf), theme.layout.email_budget)
    warnings = checked.warnings + list(layout.warnings) + budget
    if strict and warnings:  # every warning an error: nothing is written
        raise BriefError([dataclasses.replace(w, severity=Severity.ERROR) for w in warnings])
    with lap("write"):
        write_output(request.target, pdf)
    return BuildReport(request.target, pages, len(pdf), warnings), layout


def export_chart_files(
    project: Path, out_dir: Path, fmt: str, dpi: int = 300, style: str | None = None, paper: str | None = None
) -> list[Path]:
    """Every chart of `project` as a standalone file in `out_dir`, for slides and press kits."""
    from brief.charts.export import export_charts

    brief, theme = check_project(project, style, paper).buildable()
    try:
        return export_charts(brief, theme, out_dir, fmt, dpi)  # type: ignore[arg-type]
    except OSError as exc:
        raise BriefError([Problem(str(out_dir), 0, 0, f"cannot write charts here: {exc.strerror or exc}")]) from exc


def warm_up(project: Path, style: str | None = None) -> None:
    """Import and load what a build needs (ReportLab, pikepdf, the theme's fonts, Babel) without building.

    For a process that will build soon, such as `brief watch` after finding the PDF up to date; content
    that does not validate only means less is loaded.
    """
    from brief.pdf.finish import warm_up as warm_up_finishing
    from brief.pdf.styles import make_styles

    _import_layout_modules()
    warm_up_finishing()
    checked = check_project(project, style)
    brief = checked.brief
    if checked.theme is not None:
        make_styles(checked.theme, brief.locale.catalog.hyphenation if brief is not None else "")
    if brief is not None:  # Babel's code and the locale's data, which numbers and dates need
        brief.locale.date(brief.info.date)
        brief.locale.money(1.5)


def _import_layout_modules() -> None:
    for module in ("brief.pdf.compose", "brief.pdf.document", "brief.pdf.flowables"):
        importlib.import_module(module)


def check(project: Path, style: str | None = None, layout: bool = False, paper: str | None = None) -> Checked:
    """`check_project`, and when the content is sound, whatever else would stop `build`: a figure no page
    holds, found before layout, then the pages laid out (not written) for a block taller than any page or a
    brief past max_pages. With `layout`, the layout rules that no candidate layout could keep, as warnings."""
    checked = check_project(project, style, paper)
    if checked.brief is None or checked.theme is None:
        return checked
    if unfit := unbuildable_figures(checked.brief, checked.theme, checked.docs):
        checked.problems += unfit
        checked.brief = None
        return checked
    return _laid_out(checked, warnings=layout)


def unbuildable_figures(brief: Brief, theme: Theme, docs: dict[str, Document]) -> list[Problem]:
    """Figures that no page could hold: a chart taller than the frame, labels that would overlap, a table's
    columns wider than the page. Found before layout, by `check` and `build` alike, so that both say the
    same, and say it about the figure rather than about the theme's columns."""
    from brief.charts.fit import crowded_charts, oversized_charts
    from brief.pdf.tables import unfit_tables

    return oversized_charts(brief, theme, docs) + crowded_charts(brief, theme, docs) + unfit_tables(brief, theme, docs)


def _laid_out(checked: Checked, warnings: bool) -> Checked:
    assert checked.brief is not None and checked.theme is not None
    from brief.pdf.styles import make_styles

    _import_layout_modules()
    try:
        laid, _ = lay_out_brief(
            checked.brief,
            checked.theme,
            checked.docs,
            make_styles(checked.theme, checked.brief.locale.catalog.hyphenation),
            tagged=False,
            chart_workers=1,  # sizes are all the layout needs: no pool to draw charts that are not kept
        )
    except BriefError as exc:
        checked.problems += exc.problems
        checked.brief = None
        return checked
    if warnings:
        checked.problems += list(laid.layout.warnings)
    return checked


def render_pdf(brief: Brief, theme: Theme, docs: dict[str, Document], tagged: bool = True) -> tuple[bytes, int]:
    """The PDF bytes and page count."""
    data, layout = render_layout(brief, theme, docs, tagged=tagged)
    return data, layout.pages


def render_layout(
    brief: Brief,
    theme: Theme,
    docs: dict[str, Document],
    *,
    tagged: bool = True,
    chart_workers: int | None = None,
) -> tuple[bytes, LayoutSummary]:
    """The PDF bytes and final layout.

    Charts missing from the cache are drawn in a pool of up to `chart_workers` processes when there are many,
    while the pages are laid out from the charts' sizes.
    """
    with lap("imports"):
        from brief.pdf.styles import make_styles

        _import_layout_modules()  # ReportLab, timed as one stage
    with lap("fonts"):
        # Registered (and checked, at their lines, when the theme was loaded) before chart workers start,
        # so that they inherit them.
        styles = make_styles(theme, brief.locale.catalog.hyphenation)
    laid, furniture = lay_out_brief(brief, theme, docs, styles, tagged, chart_workers)
    if laid.tagger is None:
        return laid.data, laid.layout
    with lap("finishing"):
        from brief.pdf.finish import finish

        data = finish(laid.data, laid.tagger.root, furniture.meta)
    return data, laid.layout


def lay_out_brief(
    brief: Brief,
    theme: Theme,
    docs: dict[str, Document],
    styles: Styles,
    tagged: bool = True,
    chart_workers: int | None = None,
) -> tuple[Laid, Furniture]:
    """The laid-out pages (not yet finished) and their furniture."""
    from brief.pdf.layout import Layouter

    with lap("charts"):  # what the cache lacks is drawn meanwhile, by a pool when many
        pending = start_chart_drawings(brief, theme, chart_workers)
    try:
        with lap("layout"):
            furniture = page_furniture(brief, styles)
            page_limit = brief.info.max_pages or PAGE_CEILING
            sizes, drawings = pending.sizes, _timed(pending.result)
            layouter = Layouter(
                brief, styles, furniture, sizes, drawings, docs, tagged, page_limit, _cover_problem, layout_problem
            )
            return layouter.lay_out(theme.layout.toc_min_pages), furniture
    finally:
        pending.cancel()


def _timed(result: Callable[[], dict[str, Any]]) -> Callable[[], dict[str, Any]]:
    """`result`, its time (waiting for drawings, at the end of a layout pass) counted as the charts'."""

    def timed() -> dict[str, Any]:
        with lap("charts"):
            return result()

    return timed


#: The box a logo is fitted into on the cover band, in points: at most 1.8 in wide and 0.6 in tall.
LOGO_ON_COVER = (129.6, 43.2)
#: Without max_pages, layout stops here: no brief is this long, and laying out thousands of pages takes minutes.
PAGE_CEILING = 500
#: Page 1 must keep this much room under the cover band for the brief to start.
MIN_COVER_ROOM = 144.0


def layout_problem(exc: Exception, doc: BriefDocument, brief: Brief, docs: dict[str, Document]) -> Problem:
    """A block that fits on no page, or a brief that runs too long, located in the content."""
    from brief.pdf.document import TooManyPages
    from brief.pdf.flowables import TooTall, tallest_frame, where_of

    if isinstance(exc, TooManyPages):
        limit = brief.info.max_pages
        most = limit or PAGE_CEILING
        message = f"the brief runs to more than {most} page{'' if most == 1 else 's'}"
        if limit:
            hint = "shorten the text or raise max_pages"
            overflow = f": '{exc.section}' runs past page {limit}" if exc.section else ""
            return docs["brief.yaml"].problem(("max_pages",), f"{message}; max_pages is {limit}{overflow}", hint=hint)
        return docs["brief.yaml"].problem((), message, hint="shorten it, or set max_pages to allow up to 1000")
    if not isinstance(exc, TooTall):  # ReportLab's own "too large" error: find the block it was placing
        block = doc.current_flowable
        exc = TooTall(where_of(block), float(getattr(block, "height", 0) or 0), tallest_frame(doc) or 0.0)
    file, path = exc.where or ("", ())
    message = f"this block is {exc}; it cannot fit on any page"
    hint = "give it fewer categories or shorter texts" if file == "charts.yaml" else "shorten its text"
    if exc.height > 100 * exc.room:  # text wrapped into a column narrower than a letter: the theme's doing
        message, hint = "this block is too narrow for its text", "the theme's padding, gutter or columns leave no room"
    if file in docs:
        return docs[file].problem(path, message, hint=hint)
    return Problem(str(brief.root / "content"), 0, 0, message, hint="check the theme's sizes and spacing")


def _cover_problem(doc: BriefDocument, docs: dict[str, Document]) -> Problem | None:
    """A cover band that the title pushes down so far that page 1 has no room left for the brief."""
    room = doc.pagesize[1] - doc.band_height - doc.styles.theme.spacing.section - doc.bottomMargin
    if room >= MIN_COVER_ROOM:
        return None
    return docs["brief.yaml"].problem(
        ("title",),
        f"the cover band grows to {doc.band_height:.0f} pt to hold the title; page 1 has {max(room, 0):.0f} pt left",
        hint="shorten the title, subtitle or series, or use a smaller title size in the theme",
    )


def start_chart_drawings(brief: Brief, theme: Theme, workers: int | None = None) -> PendingDrawings:
    """Start drawing the charts (in a pool of up to `workers` processes when many are not cached);
    chart_render.PendingDrawings: `.sizes` at once, `.result()` waits for the drawings."""
    from brief.charts.render import chart_jobs, start_drawings

    return start_drawings(chart_jobs(brief, theme), workers)


def page_furniture(brief: Brief, styles: Styles) -> Furniture:
    """What the page templates print around the content (cover band, header, footer) and the metadata."""
    from brief.pdf.compose import cover_flowables
    from brief.pdf.document import Furniture, Metadata
    from brief.pdf.logo import logo_flowable

    info = brief.info
    authors = ", ".join(a.name for a in info.authors) or info.organisation.name
    header_left = f"{info.series.split('·')[0].strip().upper()} · {info.title}" if info.series else info.title
    year, month, day = [*info.date.split("-"), "01", "01"][:3]
    return Furniture(
        header_left=markup.plain(header_left, brief.locale.quotes),
        header_right=info.organisation.name,
        footer_left=info.organisation.name,
        cover_flowables=cover_flowables(brief, styles),
        logo=logo_flowable(brief.root, info.organisation, *LOGO_ON_COVER, locale=brief.locale),
        meta=Metadata(
            title=markup.plain(info.title, brief.locale.quotes),
            author=authors,
            subject=markup.plain(info.subtitle, brief.locale.quotes),
            keywords=list(info.keywords),
            creator=f"brief {__version__}",
            language=info.language,
            date=f"{year}-{month}-{day}",
            locale=brief.locale,
        ),
    )


def write_output(target: Path, data: bytes, what: str = "the PDF") -> None:
    """Write an edition (PDF, page, zip, PNG) whole or not at all; a failure is a located error, and the
    previous file stays as it was. `what` names the file in messages: 'the PDF', 'the page'."""
    _refuse_non_file(target, what)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data, 0o644, durable=True)
    except NoNewFile as exc:
        raise BriefError([Problem(str(target), 0, 0, f"cannot write {what} here: {_why_not(exc, target)}")]) from exc
    except OSError as exc:
        if not target.parent.is_dir():
            raise BriefError(
                [Problem(str(target), 0, 0, f"cannot write {what} here: {_why_not(exc, target)}")]
            ) from exc
        raise BriefError(
            [
                Problem(
                    str(target),
                    0,
                    0,
                    f"cannot write {what}: {exc.strerror or exc}",
                    hint=f"the previous {what.removeprefix('the ')}, if any, is unchanged",
                )
            ]
        ) from exc


#: What each file brief writes is called in messages, and an example of its name.
_KINDS = {"the PDF": ("a PDF file", "brief.pdf"), "the page": ("an HTML file", "brief.html")}


def _refuse_non_file(target: Path, what: str) -> None:
    """A folder, device or pipe at the target is never replaced: run as root, a rename would destroy it."""
    try:
        mode = target.lstat().st_mode
    except OSError:
        return  # nothing there yet (or unreadable): writing will tell
    kind, example = _KINDS.get(what, ("an image file", "brief-card.png"))
    if stat.S_ISDIR(mode):
        why, hint = f"is a folder, not {kind}", f"name a file, such as {example}"
    elif not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        why, hint = f"is a device or pipe, not {kind}", "name an ordinary file"
    else:
        return
    raise BriefError([Problem(str(target), 0, 0, f"cannot write {what} here: {why}", hint=hint)])


def _why_not(exc: OSError, target: Path) -> str:
    """Why no file can be made beside `target`, naming the file or folder in the way."""
    reason = str(exc.strerror or exc)
    for parent in target.parents:
        if parent.is_file():
            return f"'{parent}' is a file, not a folder"
    missing = next((p for p in reversed(target.parents) if not p.exists()), None)
    if missing is not None:
        return f"the folder '{missing}' cannot be made ({reason})"
    return f"the folder '{target.parent}' does not take new files ({reason})"
