"""The chart drawings of a build: read from the drawing cache, else rendered, in parallel when many are missing.

A drawing is matplotlib's SVG of the chart converted by svglib. Both steps are slow — matplotlib's import
alone is the slowest part of a build, and svglib's conversion is slow too — so the finished drawing is
kept, pickled under `drawings/` in the cache folder with the chart's size, keyed by everything that shapes
it (chart_cache.py). A cache may be copied from elsewhere, so pickles are read back by an unpickler that
can only build ReportLab shapes, colours and their attribute checks: a crafted file cannot run code, and
one that holds more than a chart could (shared references make a small file stand for billions of
shapes) is drawn again.

The pages need only the charts' sizes, which their layout gives without matplotlib; the drawings are asked
for once the pages are laid out. When many charts are missing (`pool_size`), they are drawn meanwhile by a
pool of processes, one per processor, each importing matplotlib side by side; a few are drawn here after
the layout, since a worker's own matplotlib import costs more than it saves. Every chart is rendered on its
own from its own inputs, and every drawing goes through the same pickle round trip, so whether it was drawn
here, by which worker, or read from the cache never shows in the bytes. Two builds that miss the same
chart at once both draw it; each entry is renamed into place whole, and both are the same.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brief.content.model import Brief, Chart, ChartTable
from brief.languages import ENGLISH_US, Locale
from brief.processes import cpu_count, fork_context
from brief.theme.model import Theme, text_width

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from brief.charts.layout import Sketch

#: Larger than any chart's drawing by far; a bigger file is damage, not a chart.
MAX_DRAWING_BYTES = 20_000_000
#: Shapes, points and characters a cached drawing may hold, each counted every time it is reached: more than
#: a file of MAX_DRAWING_BYTES holds, unless it shares references, which let a few kilobytes stand for
#: billions of shapes. A chart has a few thousand.
MAX_DRAWING_PARTS = 5_000_000
#: Groups within groups: a chart nests a handful, and ReportLab draws them by recursion.
MAX_DRAWING_DEPTH = 100


@dataclass(frozen=True)
class ChartJob:
    """One chart to draw at one width."""

    chart: Chart
    table: ChartTable
    theme: Theme
    width: float
    locale: Locale = ENGLISH_US  # how its numbers are written


#: Share of the frame a chart set beside the text takes.
SIDE_FIGURE = 0.45


def is_side_figure(chart: Chart, table: ChartTable) -> bool:
    """Small charts (a waffle, a few columns) and short, narrow tables may sit beside text; the rest run full
    width (a long table splits across pages)."""
    if chart.type == "table":
        return len(table.series) <= 2 and len(table.categories) <= 12
    return chart.type == "waffle" or (chart.type == "bar" and len(table.categories) * len(table.series) <= 3)


def chart_jobs(brief: Brief, theme: Theme) -> list[ChartJob]:
    """The charts the brief shows, each at the width it is shown at (a table is set as text, not drawn)."""
    full = min(theme.chart.width, text_width(theme))
    shown = {finding.chart for finding in brief.findings.findings} | {brief.info.methodology_figure}
    jobs = []
    for chart in brief.charts.charts:
        if chart.id in shown and chart.type != "table":
            table = brief.chart_data[chart.id]
            width = full * SIDE_FIGURE if is_side_figure(chart, table) else full
            jobs.append(ChartJob(chart, table, theme, width, brief.locale))
    return jobs


#: A chart's width and height in points, known from its layout before it is drawn.
Size = tuple[float, float]
#: A chart the cache lacks: what to draw, its drawing key, and its layout (which gave its size).
Missing = tuple[ChartJob, str, "Sketch"]


@dataclass
class PendingDrawings:
    """The charts' sizes at once, their drawings from `result()`: the page layout needs only the sizes, so it
    goes on while a pool draws what the cache lacks. What this process draws itself (`here`) is drawn only
    then."""

    sizes: dict[str, Size]
    ready: dict[str, Any]
    here: list[Missing] = field(default_factory=list)
    futures: dict[str, Future[bytes]] = field(default_factory=dict)
    pool: ProcessPoolExecutor | None = None

    def result(self) -> dict[str, Any]:
        drew = bool(self.here or self.futures)
        for job, key, sketch in self.here:
            self.ready[job.chart.id] = _drawing_of(render_drawing(job, key, sketch))
        self.here = []
        try:
            for chart_id, future in self.futures.items():
                self.ready[chart_id] = _drawing_of(future.result())
        finally:
            self.futures = {}
            self.cancel()
        if drew:
            _prune()
        return self.ready

    def cancel(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


#: A second worker pays only once it draws more charts than its own import of matplotlib costs; measured on
#: the default brief's charts (4 charts: slower in a pool; 50 charts: faster with two workers).
CHARTS_PER_WORKER = 10


def pool_size(charts: int, workers: int | None = None) -> int:
    """How many processes should draw `charts`: `workers` if the caller says; else one per CHARTS_PER_WORKER
    charts, within the processors."""
    if workers:
        return max(1, min(workers, charts))
    return max(1, min(cpu_count(), charts // CHARTS_PER_WORKER))


def import_chart_modules() -> None:
    """Import what drawing a chart needs (matplotlib, svglib) and load matplotlib's font list."""
    from brief.charts.draw import load_matplotlib

    load_matplotlib()
    importlib.import_module("svglib.svglib")


def drawings_folder() -> Path | None:
    """Where drawings are kept: `drawings/` in the cache folder; None when there is no cache folder."""
    from brief.files import cache_folder

    folder = cache_folder()
    return None if folder is None else folder / "drawings"


def has_drawings() -> bool:
    """Whether any chart drawing is kept."""
    folder = drawings_folder()
    try:
        return folder is not None and any(folder.glob("*.pickle"))
    except OSError:
        return False


def start_drawings(jobs: list[ChartJob], workers: int | None = None) -> PendingDrawings:
    """Start drawing `jobs` (in chart order), those the cache lacks: in a pool when many are missing
    (`pool_size`), else here, once the layout asks for them."""
    sizes: dict[str, Size] = {}
    drawings: dict[str, Any] = {}
    missing: list[Missing] = []
    for job in jobs:
        key = drawing_key(job)
        cached = _read_drawing(key)
        if cached is None:
            sketch = chart_sketch(job)
            missing.append((job, key, sketch))
            sizes[job.chart.id] = sketch.width, sketch.height
        else:
            sizes[job.chart.id], drawings[job.chart.id] = cached
    pending = PendingDrawings(sizes, drawings)
    workers = pool_size(len(missing), workers)
    if workers < 2:
        pending.here = missing
        return pending
    from concurrent.futures import ProcessPoolExecutor  # not imported when every chart is cached

    pending.pool = ProcessPoolExecutor(workers, mp_context=fork_context())
    try:
        for job, key, sketch in missing:
            pending.futures[job.chart.id] = pending.pool.submit(render_drawing, job, key, sketch)
    except BaseException:
        pending.cancel()
        raise
    return pending


def chart_sketch(job: ChartJob) -> Sketch:
    """The chart's layout, which gives its size: no matplotlib needed."""
    from brief.charts.draw import layout_chart

    return layout_chart(job.chart, job.table, job.theme, job.width, locale=job.locale)


def _prune() -> None:
    from brief.charts.cache import MAX_ENTRIES
    from brief.files import prune

    folder = drawings_folder()
    if folder is not None:
        prune(folder, "*.pickle", MAX_ENTRIES)


def render_drawing(job: ChartJob, key: str, sketch: Sketch | None = None) -> bytes:
    """The chart's size and drawing, pickled: rendered, and kept in the cache under `key`. `sketch` is the
    chart's layout, if made already."""
    from brief.charts.draw import chart_drawing, chart_svg
    from brief.files import write_atomic

    sketch = sketch or chart_sketch(job)
    svg = chart_svg(job.chart, job.table, job.theme, job.width, sketch=sketch, locale=job.locale)
    data = pickle.dumps(((sketch.width, sketch.height), chart_drawing(svg)), protocol=pickle.HIGHEST_PROTOCOL)
    folder = drawings_folder()
    # A cache that cannot be written (read-only folder, full disk) only costs speed, never the build.
    with contextlib.suppress(OSError):
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            write_atomic(folder / f"{key}.pickle", data)
    return data


def drawing_key(job: ChartJob) -> str:
    from brief.charts.cache import chart_key

    return chart_key(job.chart, job.table, job.theme, job.width, locale=job.locale)


#: What reading a damaged or crafted entry may raise.
_DAMAGED = (
    OSError,
    pickle.UnpicklingError,
    EOFError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    RecursionError,
)


def _read_drawing(key: str) -> tuple[Size, Any] | None:
    from brief.files import mark_used

    folder = drawings_folder()
    if folder is None:
        return None
    entry = folder / f"{key}.pickle"
    try:
        if entry.stat().st_size > MAX_DRAWING_BYTES:
            return None
        sized = _sized(load_drawing(entry.read_bytes()))
    except _DAMAGED:
        return None  # missing, damaged or made to hang the build: render it again
    mark_used(entry)
    return sized


def _drawing_of(data: bytes) -> Any:
    return _sized(load_drawing(data))[1]


def _sized(value: Any) -> tuple[Size, Any]:
    """A cache entry's (size, drawing), or ValueError for anything else."""
    from reportlab.graphics.shapes import Drawing

    match value:
        case ((float() | int() as width, float() | int() as height), Drawing() as drawing):
            _check_bounds(drawing)
            return (float(width), float(height)), drawing
    raise ValueError("not a sized chart drawing")


def _check_bounds(drawing: Any) -> None:
    """ValueError for a drawing of more than MAX_DRAWING_PARTS parts or MAX_DRAWING_DEPTH levels of groups,
    or one that holds a shape twice: a drawn chart never does, and shared groups let a few kilobytes stand
    for more shapes than any walk could visit."""
    from reportlab.graphics.shapes import Shape

    parts, stack, seen = 0, [(drawing, 0)], set()
    while stack:
        shape, depth = stack.pop()
        if not isinstance(shape, Shape) or depth > MAX_DRAWING_DEPTH or id(shape) in seen:
            raise ValueError("not a chart drawing")
        seen.add(id(shape))
        held = vars(shape).values()
        parts += 1 + sum(len(value) for value in held if isinstance(value, list | tuple | str))
        if parts > MAX_DRAWING_PARTS:
            raise ValueError("a drawing larger than any chart")
        stack += [(child, depth + 1) for child in getattr(shape, "contents", ())]


def load_drawing(data: bytes) -> Any:
    """A pickled drawing, read by an unpickler that builds nothing but ReportLab shapes and colours."""
    return _ShapesOnly(io.BytesIO(data)).load()


class _ShapesOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        allowed = _allowed().get(module)
        if allowed is None or name not in allowed:
            raise pickle.UnpicklingError(f"a chart drawing cannot hold {module}.{name}")
        return getattr(importlib.import_module(module), name)


_ALLOWED: dict[str, set[str]] = {}


def _allowed() -> dict[str, set[str]]:
    """What a drawing is made of: geometric shapes (no images, no draw callbacks), colours, attribute checks."""
    if not _ALLOWED:
        from reportlab.graphics import shapes
        from reportlab.lib import colors, validators

        _ALLOWED["reportlab.graphics.shapes"] = {
            *("Drawing", "Group", "Path", "ArcPath", "Rect", "Line", "PolyLine", "Polygon"),
            *("Circle", "Ellipse", "Wedge", "String"),
        }
        _ALLOWED["reportlab.lib.colors"] = _subclasses(colors, colors.Color)
        _ALLOWED["reportlab.lib.attrmap"] = {"AttrMap", "AttrMapValue"}
        _ALLOWED["reportlab.lib.validators"] = _subclasses(validators, validators.Validator)
        assert all(hasattr(shapes, name) for name in _ALLOWED["reportlab.graphics.shapes"])
    return _ALLOWED


def _subclasses(module: Any, base: type) -> set[str]:
    return {name for name, obj in vars(module).items() if isinstance(obj, type) and issubclass(obj, base)}
