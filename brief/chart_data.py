"""A chart's numbers, from inline YAML or a CSV file, checked for shape and range."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

from .errors import Problem
from .loading import Document, KeyPath
from .model import Chart, ChartTable

MAX_CSV_BYTES = 2_000_000


def project_file(project: Path, relative: str) -> Path | None:
    """`relative` (written from content/) as a real path, or None if it leaves the project."""
    root = project.resolve()
    target = (project / "content" / relative).resolve()
    return target if target.is_relative_to(root) else None


def resolve_chart_data(
    chart: Chart, project: Path, doc: Document, path: KeyPath
) -> tuple[ChartTable | None, list[Problem]]:
    """The chart's table, or the problems that keep it from being drawn."""
    if (chart.data is None) == (chart.csv is None):
        word = "both" if chart.data is not None else "neither"
        return None, [
            doc.problem(path, f"chart '{chart.id}' has {word} 'data' and 'csv'", hint="give exactly one of them")
        ]
    table: ChartTable | None
    if chart.data is not None:
        series = tuple((s.name, tuple(s.values)) for s in chart.data.series)
        table = ChartTable(tuple(chart.data.categories), series)
        problems = _check_lengths(table, doc, path)
    else:
        table, problems = _read_csv(chart, project, doc, path)
    if table is None or problems:
        return None, problems
    problems = _check_shape(chart, table, doc, path)
    return (None if problems else table), problems


def _check_lengths(table: ChartTable, doc: Document, path: KeyPath) -> list[Problem]:
    problems = []
    for i, (name, values) in enumerate(table.series):
        if len(values) != len(table.categories):
            problems.append(
                doc.problem(
                    (*path, "data", "series", i, "values"),
                    f"series '{name}' has {len(values)} values but there are {len(table.categories)} categories",
                )
            )
    return problems


def _check_shape(chart: Chart, table: ChartTable, doc: Document, path: KeyPath) -> list[Problem]:
    problems = []
    where = (*path, "data") if chart.data is not None else (*path, "csv")
    if len(set(table.categories)) != len(table.categories):
        dupes = sorted({c for c in table.categories if table.categories.count(c) > 1})
        problems.append(doc.problem(where, f"category '{dupes[0]}' appears more than once"))
    if chart.type in ("grouped-bar", "stacked-100") and len(table.series) < 2:
        problems.append(doc.problem(where, f"a {chart.type} chart needs at least 2 series"))
    if chart.type == "waffle" and (len(table.categories) != 1 or len(table.series) != 1):
        problems.append(doc.problem(where, "a waffle chart shows one share: give 1 category and 1 series"))
    if chart.type == "stacked-100":
        for i, category in enumerate(table.categories):
            total = sum(values[i] for _, values in table.series)
            if abs(total - 100) > 0.5:
                problems.append(
                    doc.problem(where, f"'{category}' adds up to {total:g}, not 100, in a stacked-100 chart")
                )
    if chart.format == "percent":
        for name, values in table.series:
            for value in values:
                if not 0 <= value <= 100:
                    problems.append(
                        doc.problem(where, f"series '{name}' has {value:g}; a percentage must be between 0 and 100")
                    )
                    break
    for key in ("highlight", "approximate"):
        for i, category in enumerate(getattr(chart, key)):
            if category not in table.categories:
                problems.append(doc.problem((*path, key, i), f"'{category}' is not one of the chart's categories"))
    return problems


def _read_csv(chart: Chart, project: Path, doc: Document, path: KeyPath) -> tuple[ChartTable | None, list[Problem]]:
    assert chart.csv is not None
    spec = chart.csv
    located = (*path, "csv", "path")
    target = project_file(project, spec.path)
    if target is None:
        return None, [
            doc.problem(located, f"'{spec.path}' is outside the project", hint="keep data files under content/data/")
        ]
    if not target.is_file():
        return None, [doc.problem(located, f"CSV file '{spec.path}' not found")]
    shown = str(project / "content" / spec.path)
    try:
        raw = target.read_bytes()[: MAX_CSV_BYTES + 1]
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(shown, 1, 1, f"cannot be read as UTF-8 CSV: {exc}")]
    if len(raw) > MAX_CSV_BYTES:
        return None, [Problem(shown, 1, 1, f"larger than {MAX_CSV_BYTES:,} bytes")]
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return None, [Problem(shown, 1, 1, "the CSV file is empty; it needs a header row")]
    header = [name.strip() for name in rows[0]]
    problems = []
    for key, names in (("category", [spec.category]), ("columns", spec.columns)):
        for i, name in enumerate(names):
            if name not in header:
                at = (*path, "csv", key) if key == "category" else (*path, "csv", key, i)
                problems.append(
                    doc.problem(
                        at, f"column '{name}' is not in {spec.path}", hint="its columns are: " + ", ".join(header)
                    )
                )
    if problems:
        return None, problems
    categories, series = _columns(rows[1:], header, spec.category, spec.columns, shown, problems)
    return ChartTable(tuple(categories), tuple(series)), problems


def _columns(
    rows: list[list[str]], header: list[str], category: str, columns: list[str], shown: str, problems: list[Problem]
) -> tuple[list[str], list[tuple[str, tuple[float, ...]]]]:
    cat_index = header.index(category)
    values: dict[str, list[float]] = {name: [] for name in columns}
    categories = []
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        row = row + [""] * (len(header) - len(row))
        categories.append(row[cat_index].strip())
        for name in columns:
            col = header.index(name)
            cell = row[col].strip().rstrip("%")
            try:
                number = float(cell.replace(",", ""))
                if not math.isfinite(number):
                    raise ValueError
            except ValueError:
                problems.append(Problem(shown, line, col + 1, f"column '{name}': '{row[col]}' is not a number"))
                number = 0.0
            values[name].append(number)
    if not categories:
        problems.append(Problem(shown, 2, 1, "the CSV file has a header but no rows"))
    return categories, [(name, tuple(v)) for name, v in values.items()]
