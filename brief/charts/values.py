"""A chart's values as a table prints them, in the PDF and on the web page alike."""

from __future__ import annotations

from brief.content.model import MISSING_MARK, Chart, ChartTable


def column_cells(chart: Chart, table: ChartTable, s: int) -> list[str]:
    """The values of series `s` as the table prints them: in the column's format (or the chart's), every one
    with as many decimals as the column's most precise value (or as `decimals` says), thousands separated;
    MISSING_MARK where the source gives no value."""
    unit, decimals = table.formats[s] if s < len(table.formats) else ("", None)
    values = table.series[s][1]
    places = decimals if decimals is not None else max((_decimals(v) for v in values if v is not None), default=0)
    return [
        MISSING_MARK if v is None else table_value(v, unit or chart.format, places, category in chart.approximate)
        for v, category in zip(values, table.categories, strict=True)
    ]


def _decimals(value: float) -> int:
    """How many decimals `value` has, up to 2: 12.5 has 1, 12.25 has 2, 12 has none."""
    text = f"{value:.2f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def table_value(value: float, unit: str, places: int, approximate: bool) -> str:
    """One value in a table: thousands separated, `places` decimals, in its unit, '~' when approximate."""
    if unit == "count":
        places = 0
    number = f"{abs(value):,.{places}f}"
    sign = "-" if value < 0 and float(number.replace(",", "")) else ""
    text = f"{sign}${number}" if unit == "currency" else f"{sign}{number}%" if unit == "percent" else sign + number
    return f"~{text}" if approximate else text
