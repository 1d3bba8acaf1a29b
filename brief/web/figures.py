"""Figures on the web page: each chart as inline SVG (drawn by the same code as the PDF's), named for screen
readers, with its numbers as a real table in a disclosure; a `table` chart as the table itself."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from brief.charts.draw import Format, Standalone, chart_svg, render_chart
from brief.charts.export import source_line
from brief.charts.render import ChartJob, is_side_figure
from brief.charts.values import column_cells
from brief.content import markup
from brief.content.data import chart_notes
from brief.content.markup import escape
from brief.content.model import Brief, Chart, ChartTable
from brief.languages import ENGLISH_US, Locale
from brief.theme.model import Theme
from brief.web.text import inline, literal, tag

Cite = Callable[[tuple[str, ...]], str]

#: The width, in points, a full-width chart is drawn at again for narrow screens: on a phone, its labels are
#: then about as large as the text around it (a chart drawn for the page would shrink them to half).
NARROW = 260.0
#: A link card's picture is drawn at this resolution: about 1,100 pixels across, near the 1,200 services ask for.
CARD_DPI = 160

_REFERENCE = re.compile(r"url\(#([^)]+)\)|href=\"#([^\"]+)\"")
_ID = re.compile(r' id="([^"]+)"')


@dataclass(frozen=True)
class Numbered:
    """A chart as the page shows it: its label ('Figure 2', 'Table 1'), and its drawing's job (the width the
    PDF draws it at), or None for a table, which is set as text."""

    chart: Chart
    label: str
    job: ChartJob | None
    side: bool


def figure_html(brief: Brief, shown: Numbered, cite: Cite) -> str:
    """The figure of one chart: title, the chart (or the table), its data, caption, Source: and Notes: lines."""
    chart, key = shown.chart, f"figure-{shown.chart.id}"
    table = brief.chart_data[chart.id]
    title = f"{shown.label}. {chart.title}"
    head = tag("p", literal(title, cite), class_="figure-title", id=f"{key}_title")
    if chart.subtitle:
        head += tag("p", literal(chart.subtitle, cite), class_="figure-subtitle")
    if shown.job is None:
        body = data_table(chart, table, cite, f"{key}_title", brief.locale)
    else:
        theme, width = shown.job.theme, shown.job.width
        name = markup.plain(markup.escape_markup(title))
        if shown.side or width <= NARROW:
            svg = inline_svg(drawn(chart, table, theme, width, locale=brief.locale), chart.id, name, chart.alt)
        else:  # labels a phone can read: the chart drawn again, narrower, for narrow screens
            svg = inline_svg(drawn(chart, table, theme, width, locale=brief.locale), chart.id, name, chart.alt, "wide")
            svg += inline_svg(
                drawn(chart, table, theme, NARROW, locale=brief.locale), chart.id, name, chart.alt, "narrow"
            )
        label = f" ({escape(shown.label)})"
        summary = escape(brief.locale.text("web_show_data")) + tag("span", label, class_="visually-hidden")
        data = data_table(chart, table, cite, f"{key}_title", brief.locale)
        body = svg + tag("details", tag("summary", summary) + data, class_="chart-data")
    notes = tag("p", inline(chart.caption, cite), class_="caption") if chart.caption else ""
    source = markup.escape_markup(source_line(chart, brief))
    source_label, notes_label = (escape(brief.locale.text(key)) for key in ("source_label", "notes_label"))
    notes += tag("p", f"<strong>{source_label}</strong> " + inline(source, cite), class_="source-line")
    if written := chart_notes(chart, table, brief.locale):
        notes += tag("p", f"<strong>{notes_label}</strong> " + inline(written, cite), class_="source-line")
    kind = "figure table-figure" if shown.job is None else "figure side-figure" if shown.side else "figure"
    return tag("figure", head + body + tag("figcaption", notes), class_=kind, id=key, aria_labelledby=f"{key}_title")


#: Charts drawn in this process, by everything that shapes them: `brief watch` redraws only what changed.
_DRAWN: dict[str, bytes] = {}
_MOST_DRAWN = 64


def drawn(
    chart: Chart,
    table: ChartTable,
    theme: Theme,
    width: float,
    fmt: Format = "svg",
    standalone: Standalone | None = None,
    *,
    locale: Locale = ENGLISH_US,
) -> bytes:
    """The chart drawn by the same code as the PDF's (brief.charts.draw), `width` points wide, as SVG or PNG,
    its numbers written as `locale` writes them."""
    key = repr((chart, table, theme, width, fmt, standalone, locale.key()))  # frozen dataclasses: reprs name all
    if key not in _DRAWN:
        if len(_DRAWN) >= _MOST_DRAWN:
            _DRAWN.clear()
        if fmt == "svg":
            _DRAWN[key] = chart_svg(chart, table, theme, width, standalone=standalone, locale=locale)
        else:
            _DRAWN[key] = render_chart(
                chart, table, theme, width, fmt, dpi=CARD_DPI, standalone=standalone, locale=locale
            )
    return _DRAWN[key]


def data_table(chart: Chart, table: ChartTable, cite: Cite, labelled_by: str, locale: Locale = ENGLISH_US) -> str:
    """The chart's data: one row per category, one column per series, values as the PDF's table prints them;
    `labelled_by` is the id of the figure's title."""
    category = tag("span", escape(locale.text("facts_category")), class_="visually-hidden")
    first = literal(chart.x_label, cite) if chart.x_label else category
    head = tag("th", first, scope="col") + "".join(
        tag("th", literal(name, cite), scope="col", class_="number") for name, _ in table.series
    )
    columns = [column_cells(chart, table, s, locale) for s in range(len(table.series))]
    rows = [
        tag("th", literal(category, cite), scope="row")
        + "".join(tag("td", escape(column[i]), class_="number") for column in columns)
        for i, category in enumerate(table.categories)
    ]
    body = "".join(tag("tr", row) for row in rows)
    table_html = tag("table", tag("thead", tag("tr", head)) + tag("tbody", body), class_="data-table")
    # A table wider than a phone scrolls in its own box, which the keyboard can reach, and not the page.
    return tag("div", table_html, class_="table-scroll", role="region", tabindex="0", aria_labelledby=labelled_by)


def inline_svg(svg: bytes, chart_id: str, name: str, alt: str, variant: str = "") -> str:
    """matplotlib's SVG made fit to sit in the page: no XML prolog or metadata, ids unique in the page (only
    those referred to are kept, prefixed with `chart_id`), sized by CSS, named `name` and described by the
    chart's `alt` text; `variant` (wide, narrow) says which screens show it."""
    text = svg.decode("utf-8")
    text = text[text.index("<svg") :]
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, flags=re.DOTALL)
    # '_' is in no content id: no chart's ids can meet another's, whatever the two are called.
    prefix = f"chart-{chart_id}_{variant}_" if variant else f"chart-{chart_id}_"
    used = {a or b for a, b in _REFERENCE.findall(text)}
    text = _ID.sub(lambda m: f' id="{prefix}{m[1]}"' if m[1] in used else "", text)
    text = _REFERENCE.sub(
        lambda m: f"url(#{prefix}{m[1]})" if m[1] else f'href="#{prefix}{m[2]}"',
        text,
    )
    text = re.sub(r"\s*\n\s*", "\n", text)  # matplotlib indents every element and path step
    width = re.search(r'width="([\d.]+)pt"', text)
    opening = text[: text.index(">") + 1]
    size = f"max-width:{float(width[1]) * 4 / 3:.0f}px" if width else None
    named = (
        "<svg"
        + re.search(r'( viewBox="[^"]+")', opening)[1]  # type: ignore[index]
        + ' xmlns="http://www.w3.org/2000/svg"'
        + (' xmlns:xlink="http://www.w3.org/1999/xlink"' if "xlink:" in text else "")
        + f' role="img" class="{" ".join(filter(None, ("chart", variant)))}"'
        + f' aria-labelledby="{prefix}name" aria-describedby="{prefix}desc"'
        + (f' style="{size}"' if size else "")
        + ">"
        + tag("title", escape(name), id=f"{prefix}name")
        + tag("desc", escape(markup.plain(alt)), id=f"{prefix}desc")
    )
    return named + text[len(opening) :]


def shown_charts(brief: Brief, jobs: list[ChartJob]) -> dict[str, Numbered]:
    """The charts the page shows, in reading order (each finding's, then the methodology's), each numbered as
    the PDF numbers it: figures and tables counted apart."""
    drawn = {job.chart.id: job for job in jobs}
    order = [f.chart for f in brief.findings.findings if f.chart]
    if brief.info.methodology and brief.info.methodology_figure:
        order.append(brief.info.methodology_figure)
    charts = {c.id: c for c in brief.charts.charts}
    shown: dict[str, Numbered] = {}
    counts = {"figure_label": 0, "table_label": 0}
    for chart_id in dict.fromkeys(order):
        chart = charts[chart_id]
        kind = "table_label" if chart.type == "table" else "figure_label"
        counts[kind] += 1
        side = is_side_figure(chart, brief.chart_data[chart_id])
        label = brief.locale.text(kind, number=counts[kind])
        shown[chart_id] = Numbered(chart, label, drawn.get(chart_id), side)
    return shown
