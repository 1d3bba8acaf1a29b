"""A chart's values as a table prints them, in the PDF and on the web page alike."""

from __future__ import annotations

from brief.content.model import MISSING_MARK, Chart, ChartTable
from brief.languages import ENGLISH_US, Locale


def column_cells(chart: Chart, table: ChartTable, s: int, locale: Locale = ENGLISH_US) -> list[str]:
    """The values of series `s` as the table prints them: in the column's format (or the chart's), every one
    with as many decimals as the column's most precise value (or as `decimals` says), thousands separated;
    MISSING_MARK where the source gives no value."""
    unit, decimals = table.formats[s] if s < len(table.formats) else ("", None)
    values = table.series[s][1]
    places = decimals if decimals is not None else max((_decimals(v) for v in values if v is not None), default=0)
    return [
        MISSING_MARK
        if v is None
        else table_value(v, unit or chart.format, places, category in chart.approximate, locale)
        for v, category in zip(values, table.categories, strict=True)
    ]


def _decimals(value: float) -> int:
    """How many decimals `value` has, up to 2: 12.5 has 1, 12.25 has 2, 12 has none."""
    text = f"{value:.2f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def table_value(value: float, unit: str, places: int, approximate: bool, locale: Locale = ENGLISH_US) -> str:
    """One value in a table: thousands separated, `places` decimals, in its unit, '~' when approximate; in
    the locale's style ('1,234.5%' in English, '1 234,5 %' in French)."""
    if unit == "count":
        places = 0
    if unit == "currency":
        text = locale.money(value, places)
    elif unit == "percent":
        text = locale.percent(value, places)
    else:
        rounded = f"{abs(value):.{places}f}"
        text = locale.number(value if float(rounded) else 0.0, places)  # -0.001 is 0, not -0
    return f"~{text}" if approximate else text
