"""Charts: chart spec + Theme → SVG (matplotlib, object API, no pyplot state) → vector ReportLab Drawing.

Every position is computed before matplotlib starts: `chart_kinds` lays out the plot of each chart type,
`layout_chart` here frames it (title, source, publisher for standalone files). matplotlib only writes
the result out, with text kept as text (`svg.fonttype = none`) in the theme's font family, so the PDF
sets chart labels in the same embedded font as the body. matplotlib is imported lazily (`load_matplotlib`):
it is the slowest import of a build, and a cached chart never needs it.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from brief.charts.kinds import LAYOUTS as BAR_LAYOUTS
from brief.charts.kinds import Layout
from brief.charts.layout import Box, Dot, Label, Sketch, Stroke, Typesetter, family_weights, format_value
from brief.charts.lines import layout_line
from brief.content import markup
from brief.content.data import chart_notes
from brief.content.model import Chart, ChartTable
from brief.languages import ENGLISH_US, Locale
from brief.theme.fonts import FontMissing, font_path
from brief.theme.model import Theme

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from reportlab.graphics.shapes import Drawing

__all__ = ["chart_drawing", "chart_svg", "format_value", "layout_chart", "render_chart"]

Format = Literal["svg", "png", "pdf"]

LAYOUTS: dict[str, Layout] = {**BAR_LAYOUTS, "line": layout_line}

_METADATA: dict[str, dict[str, Any]] = {
    # No dates or tool versions, so the same chart is the same bytes on every machine and day.
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
    "png": {"Software": None},
}


@dataclass(frozen=True)
class Standalone:
    """What a chart file for slides and press kits carries beyond the plot: a source line and the publisher.

    Its title is baked in too; a chart inside the PDF has none of these (the PDF sets them as text).
    """

    organisation: str = ""
    source_line: str = ""
    source_label: str = "Source:"  # in the brief's language
    notes_label: str = "Notes:"


def chart_svg(
    chart: Chart,
    table: ChartTable,
    theme: Theme,
    width: float,
    *,
    standalone: Standalone | None = None,
    sketch: Sketch | None = None,
    locale: Locale = ENGLISH_US,
) -> bytes:
    """The chart as SVG bytes, `width` points wide; identical bytes for identical inputs. `sketch`, if given,
    is its layout_chart() already made."""
    return render_chart(chart, table, theme, width, "svg", standalone=standalone, sketch=sketch, locale=locale)


def render_chart(
    chart: Chart,
    table: ChartTable,
    theme: Theme,
    width: float,
    fmt: Format = "svg",
    *,
    dpi: int = 72,
    standalone: Standalone | None = None,
    sketch: Sketch | None = None,
    locale: Locale = ENGLISH_US,
) -> bytes:
    """The chart written as SVG, PNG or PDF by matplotlib; standalone adds title, source and publisher."""
    sketch = sketch or layout_chart(chart, table, theme, width, standalone=standalone, locale=locale)
    metadata = dict(_METADATA[fmt])
    if standalone and fmt == "pdf":
        metadata["Title"] = chart.title
    return _write(sketch, fmt, dpi, metadata)


# ── layout: the plot, framed ─────────────────────────────────────────────────────────────────────────


def layout_chart(
    chart: Chart,
    table: ChartTable,
    theme: Theme,
    width: float,
    *,
    standalone: Standalone | None = None,
    locale: Locale = ENGLISH_US,
) -> Sketch:
    """The chart as a Sketch `width` points wide, its numbers in `locale`'s style; standalone charts also carry
    title, source and publisher."""
    ts = Typesetter(theme, locale)
    sketch = Sketch(width)
    margin = ts.gap * 1.5 if standalone else 0.0
    x, w = margin, width - 2 * margin
    y = margin if standalone else ts.pad / 2
    if standalone:
        sketch.background = theme.colours.page
        y = _header(ts, sketch, chart, x, y, w) + ts.gap * 1.5
    y += LAYOUTS[chart.type](ts, chart, table, sketch, x, y, w)
    if standalone:
        y = _footer(ts, sketch, chart, table, standalone, x, y + ts.gap * 1.5, w) + margin
    else:
        y += ts.pad / 2
    sketch.height = y
    return sketch


def _header(ts: Typesetter, sketch: Sketch, chart: Chart, x: float, y: float, w: float) -> float:
    """Title (bold) and subtitle from `y`; returns the y below them."""
    theme = ts.theme
    for text, size, role, weight, colour in (
        (markup.smarten(chart.title, ts.locale.quotes), theme.sizes.h1, "heading", "bold", theme.colours.text),
        (markup.smarten(chart.subtitle, ts.locale.quotes), theme.sizes.body, "body", "regular", theme.colours.muted),
    ):
        if not text:
            continue
        for line in ts.wrap(text, size, w, role, weight):  # type: ignore[arg-type]
            y += size * 1.2
            sketch.items.append(ts.label(x, y, line, size, colour, role=role, weight=weight))  # type: ignore[arg-type]
        y += size * 0.35
    return y


def _footer(
    ts: Typesetter, sketch: Sketch, chart: Chart, table: ChartTable, frame: Standalone, x: float, y: float, w: float
) -> float:
    """Source and notes lines at the left, the publisher at the right of the last line; returns the bottom y."""
    theme = ts.theme
    size = max(theme.sizes.small, ts.fs * 0.92)
    sketch.items.append(Stroke(((x, y), (x + w, y)), theme.colours.rule, ts.hairline))
    y += ts.pad
    notes = markup.plain(chart_notes(chart, table, ts.locale), ts.locale.quotes)
    texts = [
        f"{frame.source_label} {frame.source_line}" if frame.source_line else "",
        f"{frame.notes_label} {notes}" if notes else "",
    ]
    lines = [line for text in texts if text for line in ts.wrap(text, size, w)] or [""]
    org_w = ts.width(frame.organisation, size, "heading", "bold")
    # The publisher sits at the right of the last line, or on a line of its own when that line is full.
    if frame.organisation and ts.width(lines[-1], size) + ts.gap + org_w > w:
        lines.append("")
    for line in lines:
        y += size * 1.3
        sketch.items.append(ts.label(x, y, line, size, theme.colours.muted))
    if frame.organisation:
        sketch.items.append(
            ts.label(
                x + w, y, frame.organisation, size, theme.colours.primary, role="heading", weight="bold", anchor="end"
            )
        )
    return y + size * 0.4


# ── matplotlib: the sketch written as SVG, PNG or PDF ────────────────────────────────────────────────


@cache
def load_matplotlib() -> None:
    """Import the matplotlib modules a chart is written with, skipping the help texts matplotlib builds.

    As each Artist class is defined, matplotlib writes its `set()` a signature and a docstring listing every
    property, inspecting every setter's docstring: a large part of its import, for text
    only `help()` shows. That hook is switched off while the modules load, and put back. `set()` itself
    works the same: every class's `set()` calls `Artist.set`. Should a matplotlib release rename the hook,
    the modules just load at full cost (a test says so).
    """
    import matplotlib.artist

    artist, name = matplotlib.artist.Artist, "_update_set_signature_and_docstring"
    hook = artist.__dict__.get(name)
    skip = isinstance(hook, classmethod) and "matplotlib.figure" not in sys.modules
    if skip:
        setattr(artist, name, classmethod(lambda cls: None))
    try:
        import matplotlib.backends.backend_svg
        import matplotlib.figure
        import matplotlib.font_manager
        import matplotlib.lines
        import matplotlib.patches
    finally:
        if skip:
            setattr(artist, name, hook)


def _write(sketch: Sketch, fmt: Format, dpi: int, metadata: dict[str, Any]) -> bytes:
    load_matplotlib()
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    _add_fonts(tuple(sorted({item.family for item in sketch.items if isinstance(item, Label)})))
    # rcParams for this figure only: rc_context leaves the process-wide defaults untouched.
    rc: dict[Any, Any] = {
        "svg.fonttype": "none",  # text stays <text>, set later in the PDF's embedded font
        "svg.hashsalt": "brief-charts",  # ids derived from a fixed salt, not from random state
        "pdf.fonttype": 42,  # standalone PDFs embed TrueType outlines, not Type 3 glyphs
        "text.usetex": False,
        "text.parse_math": False,  # '$' in a label is a dollar sign
        "path.simplify": False,
    }
    with matplotlib.rc_context(rc):
        # 72 dpi makes one figure unit one point, the unit of every length in the sketch.
        figure = Figure(figsize=(sketch.width / 72, sketch.height / 72), dpi=72)
        FigureCanvasSVG(figure)
        axes = figure.add_axes((0, 0, 1, 1))
        axes.set_axis_off()
        axes.set_xlim(0, sketch.width)
        axes.set_ylim(sketch.height, 0)  # y grows downwards, as the layout measures it
        for order, item in enumerate(sketch.items):
            # matplotlib would stack lines over patches and text over both; the sketch's order rules instead.
            _draw(axes, item).set_zorder(order)
        out = io.BytesIO()
        figure.savefig(
            out,
            format=fmt,
            dpi=dpi,
            metadata=metadata,
            facecolor=sketch.background or "none",
            transparent=sketch.background is None,
        )
    return out.getvalue()


def _draw(axes: Axes, item: Box | Stroke | Dot | Label) -> Artist:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Circle, Rectangle

    if isinstance(item, Box):
        return axes.add_patch(
            Rectangle((item.x, item.y), item.w, item.h, facecolor=item.colour, linewidth=0, clip_on=False)
        )
    if isinstance(item, Stroke):
        xs, ys = zip(*item.points, strict=True)
        return axes.add_line(
            Line2D(
                xs,
                ys,
                color=item.colour,
                linewidth=item.width,
                solid_capstyle="butt",
                solid_joinstyle="round",
                clip_on=False,
            )
        )
    if isinstance(item, Dot):
        return axes.add_patch(Circle((item.x, item.y), item.r, facecolor=item.colour, linewidth=0, clip_on=False))
    return axes.text(
        item.x,
        item.y,
        item.text,
        fontsize=item.size,
        color=item.colour,
        fontfamily=item.family,
        fontweight=item.weight,
        ha={"start": "left", "middle": "center", "end": "right"}[item.anchor],
        va="baseline",
        parse_math=False,
        clip_on=False,
    )


@cache
def _add_fonts(families: tuple[str, ...]) -> None:
    """Make the theme's TrueType files known to matplotlib (once per process)."""
    from matplotlib import font_manager

    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for family in families:
        for weight in family_weights(family):
            path = str(font_path(family, weight))
            if path not in known:
                font_manager.fontManager.addfont(path)


# ── SVG → ReportLab ──────────────────────────────────────────────────────────────────────────────────


class _ThemeFontMap:
    """svglib's font lookup, answered from the fontpkg families registered with ReportLab.

    svglib asks for (family, CSS weight, style) as written in the SVG — matplotlib writes numeric
    weights such as '700' — and would otherwise fall back to Helvetica, which is not embedded.
    """

    def find_font(self, font_name: str, weight: str = "normal", style: str = "normal") -> tuple[str, bool]:
        """The registered ReportLab font for an SVG font-family/weight/style, and whether it is exact."""
        from reportlab.lib.fonts import tt2ps
        from svglib.fonts import get_global_font_map

        try:
            weights = family_weights(font_name)
        except FontMissing:
            return get_global_font_map().find_font(font_name, weight, style)
        wanted = {"normal": 400, "bold": 700, "bolder": 700, "lighter": 400}.get(weight) or _css_weight(weight)
        nearest = min(weights, key=lambda w: (abs(w - wanted), -w))
        if style in ("italic", "oblique"):
            # The family registers italics through ReportLab's (bold, italic) mapping.
            regular = weights[400]
            return str(tt2ps(regular, int(nearest >= 600), 1)), True
        return weights[nearest], True


def _css_weight(weight: str) -> int:
    try:
        return int(weight)
    except ValueError:
        return 400


_FONT_MAP = _ThemeFontMap()


def chart_drawing(svg: bytes) -> Drawing:
    """A vector ReportLab Drawing of a chart SVG, its text in the theme's registered TrueType fonts."""
    from svglib.svglib import svg2rlg

    drawing = svg2rlg(io.BytesIO(svg), font_map=_FONT_MAP)
    if drawing is None:
        raise ValueError("the chart SVG could not be read")
    # ReportLab's renderer opens every drawing by setting its initial font, Helvetica unless the drawing
    # names one; that alone would put an unembedded Helvetica in the PDF.
    font = _first_font(drawing)
    if font:
        drawing.initialFontName = font
    return drawing


def _first_font(node: Any) -> str | None:
    from reportlab.graphics.shapes import Group, String

    if isinstance(node, String):
        return str(node.fontName)
    if isinstance(node, Group):
        for child in node.contents:
            found = _first_font(child)
            if found:
                return found
    return None
