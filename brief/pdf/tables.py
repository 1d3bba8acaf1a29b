"""Data tables: a chart's numbers as a real table that splits across pages, repeats its header and is tagged.

Tagging goes through ReportLab's supported hook, `TableRenderCB`: rows become TR, header cells TH with a
Scope, the others TD; rules and backgrounds are Artifacts, and a header repeated on a later page is an
Artifact too, so a screen reader hears it once.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.tables import TableRenderCB

from brief.charts.render import SIDE_FIGURE, is_side_figure
from brief.charts.values import column_cells
from brief.content.markup import escape
from brief.content.model import Brief, Chart, ChartTable
from brief.errors import Problem
from brief.languages import ENGLISH_US, Locale
from brief.loading import Document
from brief.pdf.styles import Styles
from brief.pdf.tagging import Node, Tagger, artifact, tagger_of
from brief.theme.model import MIN_TEXT_SIZE, Theme, text_width


def data_table(
    chart: Chart, table: ChartTable, styles: Styles, continued: str, width: float, locale: Locale = ENGLISH_US
) -> TaggedTable:
    """The chart's data with one header row (category label, then one column per series), `width` wide;
    cells wrap between words.

    Split across pages, each later part repeats the header row under `continued`: "Table 1. Title (continued)".
    """
    size, widths = fitted_columns(chart, table, styles, width, locale)
    cell = ParagraphStyle("cell", parent=styles.caption, fontSize=size, leading=size * 1.3)
    head = ParagraphStyle("head", parent=cell, fontName=styles.heading_font.bold)
    number = ParagraphStyle("number", parent=cell, alignment=TA_RIGHT)
    head_number = ParagraphStyle("head_number", parent=head, alignment=TA_RIGHT)
    # Plain Paragraphs: the cell callback marks their text as TH/TD content, so they must not tag themselves.
    header = [Paragraph(escape(chart.x_label), head), *(Paragraph(escape(n), head_number) for n, _ in table.series)]
    columns = [column_cells(chart, table, s, locale) for s in range(len(table.series))]
    rows = [
        [Paragraph(escape(category), cell), *(Paragraph(escape(column[i]), number) for column in columns)]
        for i, category in enumerate(table.categories)
    ]
    style = TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            # The table sets a cell font even around flowables; left at ReportLab's default it would be Helvetica.
            ("FONT", (0, 0), (-1, -1), styles.heading_font.regular, size),
            ("LINEBELOW", (0, 0), (-1, 0), 1, styles.colour("primary")),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, styles.colour("rule")),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [styles.colour("page"), styles.colour("panel")]),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
    )
    tagged = TaggedTable(
        [header, *rows], colWidths=widths, repeatRows=1, style=style, hAlign="LEFT", renderCB=_TagCells()
    )
    tagged.caption = Paragraph(escape(continued), styles.figure_title)
    return tagged


#: A cell's left and right padding together, in points (ReportLab's default of 6 each).
CELL_PADDING = 12.0


#: The least share of a table's width its category column keeps, however many number columns there are.
CATEGORY_SHARE = 0.15


def fitted_columns(
    chart: Chart, table: ChartTable, styles: Styles, width: float, locale: Locale = ENGLISH_US
) -> tuple[float, list[float]]:
    """The table's type size and its columns' widths in points, `width` in all: each number column at least
    as wide as its widest word or number, the category column the rest. The size steps down (not below the
    smallest readable) until no word must break; past that, only the widest words still break. (Headers wrap
    between words.) A table whose number columns leave the category column less than CATEGORY_SHARE even
    then is wider than `width`: `unfit_tables` reports it before layout."""
    size = styles.theme.sizes.small * 1.15
    columns = _column_texts(chart, table, styles, locale)
    shares = [float(share.rstrip("%")) / 100 * width for share in column_widths(len(table.series))]
    while True:
        needs = [_widest(cells, size) + CELL_PADDING for cells in columns]
        numbers = [max(share, need) for share, need in zip(shares[1:], needs[1:], strict=True)]
        category = width - sum(numbers)
        if category >= max(needs[0], width * CATEGORY_SHARE) or size <= MIN_TEXT_SIZE:
            return size, [max(category, width * CATEGORY_SHARE), *numbers]
        size = max(MIN_TEXT_SIZE, size * 0.92)


def unfit_tables(brief: Brief, theme: Theme, docs: dict[str, Document]) -> list[Problem]:
    """A located error for each table shown whose columns, at the smallest type size, are wider than the
    narrowest frame it may be set in (beside text, for a small table; else the page's text width)."""
    shown = {finding.chart for finding in brief.findings.findings} | {brief.info.methodology_figure}
    tables = [(i, c) for i, c in enumerate(brief.charts.charts) if c.type == "table" and c.id in shown]
    if not tables:
        return []
    from brief.pdf.styles import make_styles

    styles, problems = make_styles(theme), []
    for index, chart in tables:
        table = brief.chart_data[chart.id]
        width = text_width(theme) * (SIDE_FIGURE if is_side_figure(chart, table) else 1.0)
        _, widths = fitted_columns(chart, table, styles, width, brief.locale)
        if sum(widths) > width + 0.01:
            message = (
                f"this table's {len(table.series)} value columns need {sum(widths[1:]):.0f} pt even in "
                f"{MIN_TEXT_SIZE} pt type, but the page leaves them {width * (1 - CATEGORY_SHARE):.0f} pt"
            )
            hint = "split it into two tables, or give its columns shorter labels under display"
            problems.append(docs["charts.yaml"].problem(("charts", index), message, hint=hint))
    return problems


def _column_texts(chart: Chart, table: ChartTable, styles: Styles, locale: Locale) -> list[list[tuple[str, str]]]:
    """Each column's texts with their fonts: the header, then the cells."""
    columns = [[(chart.x_label, styles.heading_font.bold), *((c, styles.caption.fontName) for c in table.categories)]]
    for s, (name, _) in enumerate(table.series):
        cells = [(text, styles.caption.fontName) for text in column_cells(chart, table, s, locale)]
        columns.append([(name, styles.heading_font.bold), *cells])
    return columns


def _widest(cells: list[tuple[str, str]], size: float) -> float:
    return max((stringWidth(word, font, size) for text, font in cells for word in text.split()), default=0.0)


def column_widths(values: int) -> list[str]:
    """The category column and `values` number columns as shares of the width: the category column keeps at
    least a quarter, however many number columns share the rest."""
    category = max(25.0, 100.0 - (26.0 if values <= 2 else 18.0) * values)
    each = (100.0 - category) / max(values, 1)
    return [f"{category:g}%", *([f"{each:g}%"] * values)]


class TaggedTable(Table):
    """A Table whose parts, once split across pages, remain one Table element."""

    layout_kind = "table"

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.element_key = id(self)
        self.continued = False
        self.caption: Paragraph | None = None
        self.where: Any = None
        self.label = ""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # A Table keeps its size as _width and _height only; the page rules measure a block by its height.
        self.width, self.height = super().wrap(available_width, available_height)
        return self.width, self.height

    @property
    def continued_well(self) -> bool:
        """A part after the first, placed as it is, would lack its "(continued)" caption."""
        return not self.continued

    def split(self, available_width: float, available_height: float) -> list[Any]:
        parts: list[Any] = super().split(available_width, available_height)
        for index, part in enumerate(parts):
            if isinstance(part, TaggedTable):
                part.element_key, part.continued = self.element_key, self.continued or index > 0
                part.caption, part.where, part.label = self.caption, self.where, self.label
                if part.continued and part.caption is not None:
                    parts[index] = ContinuedTable(part)
        return parts


class ContinuedTable(Flowable):
    """A later part of a split table: "Table N. Title (continued)" over it, the header row repeated."""

    layout_kind = "table"

    def __init__(self, table: TaggedTable) -> None:
        super().__init__()
        assert table.caption is not None
        self.table, self.caption = table, table.caption
        self.where, self.label = table.where, table.label
        self.continued_well = table.repeatRows >= 1

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        _, caption = self.caption.wrap(available_width, available_height)
        self._caption_height = caption + self.caption.getSpaceAfter()
        _, table = self.table.wrap(available_width, available_height - self._caption_height)
        self.width, self.height = available_width, self._caption_height + table
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Any]:
        self.wrap(available_width, available_height)
        return self.table.split(available_width, available_height - self._caption_height)

    def draw(self) -> None:
        # The repeated caption, like the repeated header row, is read once: an artifact here.
        caption_top = self.height - self.caption.height
        artifact(self.canv, lambda: self.caption.drawOn(self.canv, 0, caption_top), "Pagination")
        self.table.drawOn(self.canv, 0, 0)


class _TagCells(TableRenderCB):
    """Marks each cell's text as TH or TD content of its row, and everything else as an Artifact."""

    def __init__(self) -> None:
        self.tagger: Tagger | None = None
        self.tables: dict[int, Node] = {}
        self.artifact_row = False

    def startTable(self, T: TaggedTable) -> None:
        self.tagger = tagger_of(T.canv)
        if self.tagger is not None:
            self.tagger.reopen(T.element_key, "Table")

    def endTable(self, T: TaggedTable) -> None:
        if self.tagger is not None:
            self.tagger.close()

    def startBG(self, T: TaggedTable) -> None:
        T.canv.addLiteral("/Artifact BMC")

    def endBG(self, T: TaggedTable) -> None:
        T.canv.addLiteral("EMC")

    startLines = startBG
    endLines = endBG

    def startRow(self, T: TaggedTable, row: int) -> None:
        self.artifact_row = T.continued and row < T.repeatRows
        if self.tagger is not None and not self.artifact_row:
            self.tagger.open("TR")

    def endRow(self, T: TaggedTable) -> None:
        if self.tagger is not None and not self.artifact_row:
            self.tagger.close()

    def startCell(self, T: TaggedTable, row: int, col: int, value: Any, style: Any, pos: Any, size: Any) -> None:
        if self.tagger is None or self.artifact_row:
            T.canv.addLiteral("/Artifact BMC")
            return
        role = "TH" if row < T.repeatRows or col == 0 else "TD"
        scope = "Column" if row < T.repeatRows else "Row"
        self.tagger.begin(T.canv, role, size, scope=scope if role == "TH" else "", at=pos)

    def endCell(self, T: TaggedTable) -> None:
        T.canv.addLiteral("EMC")
