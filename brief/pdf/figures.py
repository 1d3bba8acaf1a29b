"""Figures and tables in the story, and where each goes: beside its text, beside its own caption, or full width.

A small chart sits beside its finding's text when that text is long enough to fill the column next to it;
with less text, the chart sits beside its own title and notes instead, so no column is left empty. A
full-width figure floats (placing.py): when it does not fit under its text, the text goes on filling the
page and the figure opens the next one. A long table splits across pages, repeating its header row under
a "(continued)" caption.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, ImageAndFlowables, Spacer

from brief.charts.export import source_line
from brief.charts.render import SIDE_FIGURE, is_side_figure
from brief.content import markup
from brief.content.data import chart_notes
from brief.content.model import Chart
from brief.pdf.flowables import Anchor, Columns, FittedDrawing, Stack
from brief.pdf.placing import KeepWithText
from brief.pdf.tables import data_table

if TYPE_CHECKING:
    from brief.pdf.compose import Composer

#: Beside a small figure, the text must reach this share of the figure's height, or the column would gape.
FILLED_BESIDE = 0.75


def place_figure(composer: Composer, chart: Chart, text: list[Flowable]) -> list[Flowable]:
    """`text` and the figure of `chart`, placed as the figure's size and the text's length suit."""
    if not is_side_figure(chart, composer.brief.chart_data[chart.id]):
        return [*text, *compose_figure(composer, chart)]
    width = composer.frame_width * SIDE_FIGURE
    gutter = composer.styles.theme.page.gutter
    figure = compose_figure(composer, chart, width)[0]
    beside = composer.frame_width - width - gutter
    text_height = sum(f.wrap(beside, 1e6)[1] + f.getSpaceAfter() for f in text[1:])
    figure_height = figure.wrap(width, 1e6)[1]
    if text_height >= FILLED_BESIDE * figure_height:
        return [
            text[0],
            ImageAndFlowables(
                figure, text[1:], imageLeftPadding=gutter, imageRightPadding=0, imageBottomPadding=gutter * 0.5
            ),
        ]
    if chart.type == "table":
        return [*text, *compose_figure(composer, chart)]
    return [*text, figure_with_side_caption(composer, chart, width)]


def figure_head(composer: Composer, chart: Chart) -> tuple[str, list[Flowable], list[Flowable]]:
    """'Figure N. Title'; it and the subtitle; the caption, Source: and Notes: lines."""
    is_table = chart.type == "table"
    same_kind = [c for c in composer.figures if (composer.chart(c).type == "table") == is_table]
    number = composer.figures.setdefault(chart.id, len(same_kind) + 1)
    title = composer.words("table_title" if is_table else "figure_title", number=number, title=chart.title)
    head: list[Flowable] = [composer.literal(title, "figure_title")]
    if chart.subtitle:
        head.append(composer.literal(chart.subtitle, "caption"))
    notes: list[Flowable] = [composer.para(chart.caption, "caption")] if chart.caption else []
    source, notes_label = (markup.escape_markup(composer.words(key)) for key in ("source_label", "notes_label"))
    notes.append(
        composer.para(f"**{source}** {markup.escape_markup(source_line(chart, composer.brief))}", "source_line")
    )
    if written := chart_notes(chart, composer.brief.chart_data[chart.id], composer.brief.locale):
        notes.append(composer.para(f"**{notes_label}** {written}", "source_line"))
    return title, head, notes


def compose_figure(composer: Composer, chart: Chart, width: float | None = None) -> list[Flowable]:
    """The figure or table of `chart`: kept whole when `width` sets it beside text; else full width, a chart
    floating and a table splitting."""
    title, head, notes = figure_head(composer, chart)
    where = composer.chart_where(chart)
    gap = composer.styles.theme.spacing.paragraph
    block = composer.space(composer.styles.theme.spacing.block)
    if chart.type == "table":
        shown_at = composer.frame_width if width is None else width
        continued = composer.words("continued", title=title)
        table = data_table(
            chart, composer.brief.chart_data[chart.id], composer.styles, continued, shown_at, composer.brief.locale
        )
        table.where, table.label = where, chart.title
        if width is None:
            parts: list[Flowable] = [*head, Spacer(0, gap * 0.5), table, Spacer(0, gap * 0.5), Stack(notes)]
            keep = KeepWithText([*head, table])
            return [Spacer(0, block), keep, Anchor(f"figure-{chart.id}"), *parts, Spacer(0, block)]
        children = [Anchor(f"figure-{chart.id}"), *head, Spacer(0, gap * 0.5), table, Spacer(0, gap * 0.5), *notes]
    else:
        children = [Anchor(f"figure-{chart.id}"), *head, Spacer(0, gap), *_drawing(composer, chart), *notes]
    figure = Stack(children, where=where, width=width, role="Div")
    figure.layout_kind, figure.label = "figure", chart.title
    figure.spaceBefore = figure.spaceAfter = block
    figure.floats = width is None
    return [figure]


def figure_with_side_caption(composer: Composer, chart: Chart, width: float) -> Flowable:
    """A small chart at the right, its title, caption and notes in the column at its left; floats as a whole."""
    _, head, notes = figure_head(composer, chart)
    gutter = composer.styles.theme.page.gutter
    caption = Stack([Anchor(f"figure-{chart.id}"), *head, Spacer(0, gutter * 0.5), *notes])
    rest = 1 - SIDE_FIGURE
    row = Columns([caption, Stack(_drawing(composer, chart))], [rest, SIDE_FIGURE], gutter, role="Div")
    row.where, row.layout_kind, row.label = composer.chart_where(chart), "figure", chart.title
    row.spaceBefore = row.spaceAfter = composer.space(composer.styles.theme.spacing.block)
    row.floats = True
    return row


def _drawing(composer: Composer, chart: Chart) -> list[Flowable]:
    size = composer.chart_sizes.get(chart.id)
    return [FittedDrawing(chart.id, size, alt=markup.plain(chart.alt, composer.quotes))] if size is not None else []
