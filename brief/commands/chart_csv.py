"""Each chart's data as a CSV file for the press kit, safe to open in a spreadsheet.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel, LibreOffice
and Google Sheets: a category label such as `=HYPERLINK(...)` would run when a reporter opens the file.
Such text cells get a leading apostrophe, which spreadsheets read as "this is text" and do not show. The
values are numbers written by brief itself, exactly as the content gives them, and are left as numbers; a
missing value is an empty cell, as spreadsheets leave one.
"""

from __future__ import annotations

import csv
import io

from brief.content.convert import exact
from brief.content.model import Chart, ChartTable

#: The first characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """`cell`, with a leading apostrophe when a spreadsheet would read it as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def chart_csv(chart: Chart, table: ChartTable) -> str:
    """The chart's data: a header row, then one row per category with each series' value (and, when some
    values are approximate, a column saying which)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as spreadsheets write CSV
    header = [chart.csv.category if chart.csv else "category", *(name for name, _ in table.series)]
    marked = bool(chart.approximate)
    writer.writerow([spreadsheet_safe(cell) for cell in [*header, *(["approximate"] if marked else [])]])
    for i, category in enumerate(table.categories):
        values = ["" if (value := values[i]) is None else exact(value) for _, values in table.series]
        flag = ["yes" if category in chart.approximate else "no"] if marked else []
        writer.writerow([spreadsheet_safe(category), *values, *flag])
    return out.getvalue()
