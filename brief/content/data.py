"""A chart's numbers, from inline YAML or a CSV file, checked for shape and range."""

from __future__ import annotations

import csv
import difflib
import errno
import io
import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from brief.content.convert import MAX_NUMBER, exact
from brief.content.model import MISSING_MARK, MISSING_WORDS, Chart, ChartTable
from brief.errors import Problem
from brief.languages import ENGLISH_US, Locale
from brief.loading import FILL, Document, KeyPath
from brief.reading import TooLarge, Unreadable, read_limited

MAX_CSV_BYTES = 2_000_000


def project_file(project: Path, relative: str) -> Path | None:
    """`relative` (written from content/) as a real path, or None if it leaves the project."""
    try:
        root = project.resolve()
        target = (project / "content" / relative).resolve()
    except (OSError, RuntimeError, ValueError):  # a NUL character, a loop of links: no usable file either way
        return None
    return target if target.is_relative_to(root) else None


def resolve_chart_data(
    chart: Chart, project: Path, doc: Document, path: KeyPath
) -> tuple[ChartTable | None, list[Problem], Document | None]:
    """The chart's table, or the problems that keep it from being drawn; and, for a CSV, its text cells
    (categories and column names) with their places, for the checks that text in YAML gets (glyphs)."""
    if (chart.data is None) == (chart.csv is None):
        words = "both 'data' and" if chart.data is not None else "neither 'data' nor"
        problem = doc.problem(path, f"chart '{chart.id}' has {words} 'csv'", hint="give exactly one of them")
        return None, [problem], None
    table: ChartTable | None
    texts: Document | None = None
    if chart.data is not None:
        series = tuple((s.name, tuple(s.values)) for s in chart.data.series)
        table = ChartTable(tuple(chart.data.categories), series)
        problems = _check_lengths(table, doc, path)
    else:
        table, problems, texts = _read_csv(chart, project, doc, path)
    if table is None or problems:
        return None, problems, texts
    problems = _check_shape(chart, table, doc, path)
    return (None if problems else table), problems, texts


def _check_lengths(table: ChartTable, doc: Document, path: KeyPath) -> list[Problem]:
    problems = []
    for i, (name, values) in enumerate(table.series):
        if len(values) != len(table.categories):
            problems.append(
                doc.problem(
                    (*path, "data", "series", i, "values"),
                    f"series '{name}' has {_count(len(values), 'value')} but there "
                    f"{'is' if len(table.categories) == 1 else 'are'} {_count(len(table.categories), 'category')}",
                )
            )
    return problems


def _count(n: int, word: str) -> str:
    plural = word.removesuffix("y") + "ies" if word.endswith("y") else word + "s"
    return f"{n} {word if n == 1 else plural}"


def _check_shape(chart: Chart, table: ChartTable, doc: Document, path: KeyPath) -> list[Problem]:
    problems = []
    inline = chart.data is not None
    where = (*path, "data") if inline else (*path, "csv")

    def at(*inside: str | int) -> KeyPath:
        """The inline value `inside` data/, or the chart's csv key (a CSV table keeps no positions)."""
        return (*path, "data", *inside) if inline else where

    for i, category in enumerate(table.categories):
        if category in table.categories[:i]:
            problems.append(doc.problem(at("categories", i), f"category '{category}' appears more than once"))
            break
    if chart.type in ("grouped-bar", "stacked-100") and len(table.series) < 2:
        problems.append(doc.problem(where, f"a {chart.type} chart needs at least 2 series"))
    if chart.type == "waffle" and (len(table.categories) != 1 or len(table.series) != 1):
        problems.append(doc.problem(where, "a waffle chart shows one share: give 1 category and 1 series"))
    for s, (name, values) in enumerate(table.series):
        if all(v is None for v in values):
            message = f"series '{name}' has no values: every one is missing"
            problems.append(doc.problem(at("series", s, "values"), message, hint="give at least one number"))
    if chart.type in ("stacked-100", "waffle") and table.has_missing:
        # A share of a whole cannot be drawn without every part of the whole.
        for s, (name, values) in enumerate(table.series):
            for j, value in enumerate(values):
                if value is None:
                    category = table.categories[j]
                    message = f"series '{name}' has no value for '{category}'; a {chart.type} chart needs every value"
                    problems.append(doc.problem(at("series", s, "values", j), message))
                    break
    if chart.type == "stacked-100" and not table.has_missing:
        for i, category in enumerate(table.categories):
            total = sum(values[i] or 0.0 for _, values in table.series)  # none is missing here
            if abs(total - 100) > 0.5:
                problems.append(
                    doc.problem(
                        at("categories", i), f"'{category}' adds up to {exact(total)}, not 100, in a stacked-100 chart"
                    )
                )
    if chart.format == "percent":
        for s, (name, values) in enumerate(table.series):
            for j, value in enumerate(values):
                if value is not None and not 0 <= value <= 100:
                    problems.append(
                        doc.problem(
                            at("series", s, "values", j),
                            f"series '{name}' has {exact(value)}; a percentage must be between 0 and 100",
                        )
                    )
                    break
    problems += _check_line(chart, table, doc, path)
    for key in ("highlight", "approximate"):
        for i, category in enumerate(getattr(chart, key)):
            if category not in table.categories:
                message = f"'{category}' is not one of the chart's categories"
                problems.append(doc.problem((*path, key, i), message, hint=suggestion(category, table.categories)))
    if chart.wording and len(chart.wording) != len(chart.approximate):
        # Paired by order: one more or fewer would give every later figure another's words.
        message = f"'wording' has {_count(len(chart.wording), 'item')} but 'approximate' has {len(chart.approximate)}"
        hint = "give the source's words for each approximate category, in the same order"
        problems.append(doc.problem((*path, "wording"), message, hint=hint))
    return problems


#: The chart keys only a line chart reads, each with its value when left out.
LINE_ONLY: dict[str, object] = {
    "y_min": None,
    "y_max": None,
    "markers": False,
    "point_labels": "last",
    "annotations": [],
}


def _check_line(chart: Chart, table: ChartTable, doc: Document, path: KeyPath) -> list[Problem]:
    """The line chart's own keys: an axis that holds every value, annotations at points that exist."""
    if chart.type != "line":
        return [
            doc.problem((*path, key), f"'{key}' is for line charts; this chart is a {chart.type} chart")
            for key, default in LINE_ONLY.items()
            if getattr(chart, key) != default
        ]
    problems = []
    if chart.y_min is not None and chart.y_max is not None and chart.y_min >= chart.y_max:
        message = f"y_max is {exact(chart.y_max)}, not above y_min ({exact(chart.y_min)})"
        problems.append(doc.problem((*path, "y_max"), message))
        return problems
    # A line that runs off its axis would misstate its values: every value must be in the axis' range.
    for key, outside, word in (("y_min", lambda v, b: v < b, "below"), ("y_max", lambda v, b: v > b, "above")):
        bound = getattr(chart, key)
        found = [
            (name, table.categories[j], v)
            for name, values in table.series
            for j, v in enumerate(values)
            if bound is not None and v is not None and outside(v, bound)
        ]
        if found:
            name, category, value = found[0]
            message = f"series '{name}' has {exact(value)} at '{category}', {word} {key} ({exact(bound)})"
            hint = f"leave {key} out, or set it to {exact(value)}" + (" or beyond" if len(found) > 1 else "")
            problems.append(doc.problem((*path, key), message, hint=hint))
    names = [name for name, _ in table.series]
    for i, note in enumerate(chart.annotations):
        at = (*path, "annotations", i)
        if note.category not in table.categories:
            message = f"'{note.category}' is not one of the chart's categories"
            problems.append(doc.problem((*at, "category"), message, hint=suggestion(note.category, table.categories)))
            continue
        if not note.series and len(names) > 1:
            hint = "add series: with one of " + ", ".join(f"'{n}'" for n in names)
            problems.append(doc.problem(at, "the chart has several series: say which one the note is on", hint=hint))
            continue
        series = note.series or names[0]
        if series not in names:
            message = f"'{series}' is not one of the chart's series"
            problems.append(doc.problem((*at, "series"), message, hint=suggestion(series, names)))
            continue
        if dict(table.series)[series][table.categories.index(note.category)] is None:
            message = f"series '{series}' has no value at '{note.category}' to annotate"
            problems.append(doc.problem((*at, "category"), message))
    return problems


def _read_csv(
    chart: Chart, project: Path, doc: Document, path: KeyPath
) -> tuple[ChartTable | None, list[Problem], Document | None]:
    assert chart.csv is not None
    spec = chart.csv
    text, problems = _csv_text(spec.path, project, doc, (*path, "csv", "path"))
    if text is None:
        return None, problems, None
    shown = str(project / "content" / spec.path)
    if (fill := FILL.get()) is not None:
        text = fill.csv_text(project / "content" / spec.path, text)
    lines = text.split("\n")
    sep, problem = _separator(lines[0] if lines else "", spec.separator, shown)
    if problem is not None:
        return None, [problem], None
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    try:
        rows = _rows(reader)
    except csv.Error as exc:  # e.g. a cell longer than the csv module allows: an unclosed quote, usually
        hint = "is a closing quote missing?" if "field limit" in str(exc) else ""
        return None, [Problem(shown, reader.line_num or 1, 1, f"not a readable CSV file: {exc}", hint=hint)], None
    if not rows:
        return None, [Problem(shown, 1, 1, "the CSV file is empty; it needs a header row")], None
    header = [name.strip() for name in rows[0][1]]
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
        return None, problems, None
    cells = _Cells(lines, sep)
    problems = _listed_twice(spec.columns, doc, path)
    problems += _named_twice([spec.category, *spec.columns], header, rows[0][0], cells, shown)
    if problems:
        return None, problems, None
    categories, series = _columns(rows[1:], cells, header, spec.category, spec.columns, shown, problems, spec.decimal)
    texts = _text_cells(rows, cells, header, [spec.category, *spec.columns], shown)
    return ChartTable(tuple(categories), tuple(series)), problems, texts


def _csv_text(written: str, project: Path, doc: Document, located: KeyPath) -> tuple[str | None, list[Problem]]:
    """The text of the CSV file at `written` (from content/), or the problems that keep it from being read."""
    if "\x00" in written:
        return None, [doc.problem(located, "the CSV path contains a NUL character")]
    target = project_file(project, written)
    # Before Python 3.13 a loop of links fails to resolve (None); from 3.13 it resolves to a path that is no file.
    if (target is None or not target.is_file()) and _is_link_loop(project / "content" / written):
        hint = "point the link at a CSV file under content/data/"
        return None, [doc.problem(located, f"'{written}' is a link that leads back to itself", hint=hint)]
    if target is None:
        hint = "keep data files under content/data/"
        return None, [doc.problem(located, f"'{written}' is outside the project", hint=hint)]
    shown = str(project / "content" / written)
    try:
        return read_limited(target, MAX_CSV_BYTES).decode("utf-8-sig"), []
    except TooLarge:
        return None, [Problem(shown, 1, 1, f"larger than {MAX_CSV_BYTES:,} bytes")]
    except Unreadable as exc:
        if exc.missing:
            hint = "the path is written from the content/ folder"
            files = sorted(str(p.relative_to(project / "content")) for p in (project / "content").rglob("*.csv"))
            hint = suggestion(written, files) if files else hint
            return None, [doc.problem(located, f"CSV file '{written}' not found", hint=hint)]
        return None, [doc.problem(located, f"'{written}' {exc.reason}", hint=exc.hint)]
    except UnicodeDecodeError as exc:
        return None, [Problem(shown, 1, 1, f"cannot be read as UTF-8 CSV: {exc}")]


#: Up to this many choices are listed when none is close to what was written.
FEW_CHOICES = 8


def suggestion(written: str, choices: Sequence[str]) -> str:
    """'did you mean ...?' for the closest of `choices`, else the choices themselves when they are few."""
    choices = list(dict.fromkeys(choices))
    close = difflib.get_close_matches(written, choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "the choices are: " + ", ".join(f"'{c}'" for c in choices) if 0 < len(choices) <= FEW_CHOICES else ""


def _is_link_loop(path: Path) -> bool:
    try:
        path.resolve(strict=True)
    except RuntimeError:  # Python before 3.13 reports a loop of links this way
        return True
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _rows(reader: Any) -> list[tuple[int, list[str]]]:
    """The CSV's rows, each with the line it starts on (a quoted cell may span lines)."""
    rows, start = [], 1
    for row in reader:
        rows.append((start, row))
        start = reader.line_num + 1
    return rows


SEPARATORS = (",", ";", "\t")


def _separator(header: str, declared: str, shown: str) -> tuple[str, Problem | None]:
    """The file's separator: the one declared, else the one its header row holds most of (a comma if none).
    A declared separator the header lacks, while it holds another, is an error that names the other."""
    counts = {sep: header.count(sep) for sep in SEPARATORS}
    found = max(SEPARATORS, key=lambda sep: counts[sep]) if any(counts.values()) else ","
    if not declared:
        return found, None
    if counts[declared] == 0 and counts[found] > 0:
        name, written = _name(found), "\\t" if found == "\t" else found
        message = f"the header has no {_name(declared)} between its cells, but {name}"
        message += f" (the file's cells are separated by {name})"
        hint = f"write separator: '{written}' under the chart's csv, or leave separator out to have it found"
        return declared, Problem(shown, 1, 1, message, hint=hint)
    return declared, None


def _name(sep: str) -> str:
    return "a tab" if sep == "\t" else f"'{sep}'"


def _listed_twice(columns: list[str], doc: Document, path: KeyPath) -> list[Problem]:
    """A column plotted twice: its series, kept by name, would get two values per category."""
    return [
        doc.problem((*path, "csv", "columns", i), f"column '{name}' is listed twice", hint="plot each column once")
        for i, name in enumerate(columns)
        if name in columns[:i]
    ]


def _named_twice(used: list[str], header: list[str], line: int, cells: _Cells, shown: str) -> list[Problem]:
    """A used column whose name the header gives more than once: which column is meant would be a guess."""
    problems = []
    for name in dict.fromkeys(used):
        places = [i for i, written in enumerate(header) if written == name]
        if len(places) > 1:
            message = f"column '{name}' appears {len(places)} times in the header, so which one is meant is unclear"
            where = cells.column(line, places[1])
            problems.append(Problem(shown, line, where, message, hint="give each column its own name"))
    return problems


class _Cells:
    """Where each cell of the CSV's lines starts, for messages that point at one."""

    def __init__(self, lines: list[str], sep: str) -> None:
        self.lines, self.sep = lines, sep

    def column(self, line: int, index: int) -> int:
        """The character column (from 1) where field `index` of `line` (from 1) starts."""
        if line > len(self.lines):
            return 1
        field, quoted, text = 0, False, self.lines[line - 1]
        for col, char in enumerate(text, start=1):
            if field == index:
                return col
            if char == '"':
                quoted = not quoted
            elif char == self.sep and not quoted:
                field += 1
        return len(text) + 1


def _columns(
    rows: list[tuple[int, list[str]]],
    cells: _Cells,
    header: list[str],
    category: str,
    columns: list[str],
    shown: str,
    problems: list[Problem],
    decimal: str = ".",
) -> tuple[list[str], list[tuple[str, tuple[float | None, ...]]]]:
    cat_index = header.index(category)
    values: dict[str, list[float | None]] = {name: [] for name in columns}
    categories = []
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        row = row + [""] * (len(header) - len(row))
        categories.append(row[cat_index].strip())
        for name in columns:
            col = header.index(name)
            number, why = _cell_number(row[col], decimal)
            if why:
                where = cells.column(line, col)
                hint = (
                    "an empty cell, 'n/a' or 'NA' marks a value the source does not give" if why == NOT_A_NUMBER else ""
                )
                problems.append(Problem(shown, line, where, f"column '{name}': '{row[col]}' {why}", hint=hint))
            values[name].append(number)
    if not categories:
        problems.append(Problem(shown, 2, 1, "the CSV file has a header but no rows"))
    return categories, [(name, tuple(v)) for name, v in values.items()]


def _text_cells(
    rows: list[tuple[int, list[str]]], cells_at: _Cells, header: list[str], used: list[str], shown: str
) -> Document:
    """The CSV's text that prints (the used columns' names, the category cells) as a Document that locates
    each at its line and column."""
    cells: list[str] = []
    values: dict[KeyPath, tuple[int, int]] = {}
    category = header.index(used[0])
    places = [(rows[0], header.index(name)) for name in used] + [(row, category) for row in rows[1:]]
    for (line, row), col in places:
        if col < len(row) and row[col].strip():
            values[("cells", len(cells))] = (line, cells_at.column(line, col))
            cells.append(row[col].strip())
    return Document(shown, {"cells": cells}, values)


#: A number as written with a decimal point: a comma only between groups of three digits ("1,280", "12,345.6").
_POINT_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d*)?(?:[eE][+-]?\d+)?")
#: The same with a decimal comma: a point or a space between groups of three ("1.280", "1 234,5").
_COMMA_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:([. \u00a0\u202f])\d{3})(?:\1\d{3})*|\d*)(?:,\d*)?")


NOT_A_NUMBER = "is not a number"


def _cell_number(cell: str, decimal: str = ".") -> tuple[float | None, str]:
    """A CSV cell's number (None for an empty cell or a MISSING_WORDS one), and why it cannot be one ("" if it
    can): read exactly, never guessed, and checked as inline chart values are. A separator between thousands
    stands only between groups of three digits."""
    if cell.strip() in ("", *MISSING_WORDS):
        return None, ""
    text = cell.strip().rstrip("%").strip()
    if decimal == ",":
        if not _COMMA_NUMBER.fullmatch(text):
            return 0.0, "has a point or comma that does not fit the decimal comma declared (write 1.234,5 or 1 234,5)"
        text = re.sub(r"[. \u00a0\u202f]", "", text).replace(",", ".")
    elif "," in text and not _POINT_NUMBER.fullmatch(text):
        hint = text.replace(",", ".", 1) if text.count(",") == 1 else text.replace(",", "")
        return 0.0, (
            f"has a comma that is not a thousands separator (write {hint}, or declare the decimal comma with "
            "decimal: ',' under the chart's csv)"
        )
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        return 0.0, NOT_A_NUMBER
    if not math.isfinite(number):
        return 0.0, NOT_A_NUMBER
    if not -MAX_NUMBER <= number <= MAX_NUMBER:
        return 0.0, f"must be between {-MAX_NUMBER:g} and {MAX_NUMBER:g}"
    return number, ""


#: The line a chart's notes gain when some of its values are missing.


def chart_notes(chart: Chart, table: ChartTable, locale: Locale = ENGLISH_US) -> str:
    """The chart's Notes: line as written, with "– = no data." (in the brief's language) after it when a value
    is missing and the author has not explained the mark already. A line chart prints no mark (its line
    breaks), so it needs no note."""
    if chart.type == "line" or not table.has_missing or f"{MISSING_MARK} = " in chart.notes:
        return chart.notes
    return f"{chart.notes} {locale.text('no_data', mark=MISSING_MARK)}".strip()
