"""`brief batch`: one content set, one PDF per row of a variants CSV, built side by side on every processor.

The CSV's header names the variables; each row gives their values, filled into the content's `{{ name }}`
placeholders as the files are read (variables.py). A column `output` (a file name) or `slug` names each
row's PDF; without one, rows are named `<csv name>-<row>.pdf`. Rows are numbered from 1, the header not
counted. A row that fails is reported with its number and the located problems; the others still build.
"""

from __future__ import annotations

import csv
import io
import json
import traceback
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from brief.content.variables import NAME, Fill, placeholders
from brief.errors import BriefError, Problem
from brief.loading import MAX_FILE_BYTES
from brief.progress import Progress, unreported
from brief.reading import TooLarge, Unreadable, read_limited

#: Columns that name a row's PDF instead of (as well as) filling placeholders.
NAMING_COLUMNS = ("output", "slug")
MAX_VARIANTS_BYTES = 5_000_000


@dataclass(frozen=True)
class Variant:
    """One row of the variants CSV."""

    row: int  # from 1, the header not counted
    values: dict[str, str]
    output: Path


@dataclass
class RowResult:
    """What building one row gave: a PDF, or the problems that kept it from being built."""

    variant: Variant
    written: bool = False
    unchanged: bool = False
    problems: list[Problem] = field(default_factory=list)
    crash: str = ""  # an internal error (a bug), with its traceback


def read_variants(path: Path, out_dir: Path) -> list[Variant]:
    """The rows of the variants CSV at `path`; a BriefError listing every problem with the file."""
    shown = str(path)
    try:
        raw = read_limited(path, MAX_VARIANTS_BYTES)
    except TooLarge as exc:
        raise BriefError([Problem(shown, 1, 1, f"larger than {MAX_VARIANTS_BYTES:,} bytes")]) from exc
    except Unreadable as exc:
        raise BriefError([Problem(shown, 0, 0, exc.reason, hint=exc.hint)]) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BriefError([Problem(shown, 1, 1, "not UTF-8 text", hint="save the file as UTF-8")]) from exc
    try:
        rows = list(_rows(text))
    except csv.Error as exc:
        raise BriefError([Problem(shown, 1, 1, f"not a readable CSV file: {exc}")]) from exc
    if not rows:
        raise BriefError([Problem(shown, 1, 1, "the file is empty", hint="the first line names the variables")])
    (_, header), body = rows[0], rows[1:]
    problems = _header_problems(shown, header)
    if not body:
        problems.append(Problem(shown, 2, 1, "there are no rows after the header"))
    variants, found = _variants(shown, path.stem, header, body, out_dir)
    if problems or found:
        raise BriefError(problems + found)
    return variants


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """The rows that are not blank, each with the line it starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text))
    start = 1
    for row in reader:
        if any(cell.strip() for cell in row):
            yield start, row
        start = reader.line_num + 1


def _header_problems(shown: str, header: list[str]) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for col, name in enumerate(header, 1):
        name = name.strip()
        if not NAME.match(name):
            message = f"column {col}: '{name}' cannot be a variable name"
            hint = "use letters, digits and _, starting with a letter, e.g. share_youth"
            problems.append(Problem(shown, 1, col, message, hint=hint))
        elif name in seen:
            problems.append(Problem(shown, 1, col, f"column '{name}' appears twice"))
        seen.add(name)
    return problems


def _variants(
    shown: str, stem: str, header: list[str], body: list[tuple[int, list[str]]], out_dir: Path
) -> tuple[list[Variant], list[Problem]]:
    names = [name.strip() for name in header]
    naming = next((column for column in NAMING_COLUMNS if column in names), None)
    variants: list[Variant] = []
    problems: list[Problem] = []
    used: dict[str, int] = {}
    for number, (line, cells) in enumerate(body, 1):
        if len(cells) != len(names):
            message = f"row {number} has {len(cells)} cells; the header has {len(names)}"
            problems.append(Problem(shown, line, 1, message))
            continue
        values = dict(zip(names, cells, strict=True))
        file_name = _file_name(values[naming].strip(), naming) if naming else f"{stem}-{number:03d}.pdf"
        if not file_name:
            column, value = names.index(naming or "") + 1, values[naming or ""]
            hint = "a plain file name: no folders, no control characters, not starting with '.'"
            problems.append(Problem(shown, line, column, f"row {number}: '{value}' is not a file name", hint=hint))
            continue
        if file_name.lower() in used:
            first = used[file_name.lower()]
            problems.append(Problem(shown, line, 1, f"row {number} writes {file_name}, as row {first} does"))
            continue
        used[file_name.lower()] = number
        variants.append(Variant(number, values, out_dir / file_name))
    return variants, problems


def _file_name(value: str, column: str) -> str:
    name = value if column == "output" else f"{value}.pdf"
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    # Control and direction characters (a line break, ESC, U+202E) would garble every line that names the file.
    bad = not value or name.startswith(".") or any(ch in name for ch in "/\\:") or not name.isprintable()
    bad = bad or len(name) > 200
    return "" if bad else name


def placeholder_problems(project: Path, variables: set[str], source: str) -> list[Problem]:
    """A located problem for each placeholder in the content whose name is not a column of the variants CSV."""
    content = project / "content"
    problems = []
    for path in sorted(content.rglob("*")) if content.is_dir() else []:
        if path.suffix.lower() not in (".yaml", ".yml", ".csv") or not path.is_file():
            continue
        try:
            text = read_limited(path, MAX_FILE_BYTES).decode("utf-8-sig")
        except (Unreadable, UnicodeDecodeError):
            continue  # the build itself reports an unreadable file, at its place
        for found in placeholders(text):
            if found.name not in variables:
                hint = f"the columns of {source} are: {', '.join(sorted(variables))}"
                problems.append(Problem(str(path), found.line, found.col, f"no variable '{found.name}'", hint=hint))
    return problems


def build_variant(
    project: Path, variant: Variant, style: str | None, source: str, force: bool, paper: str | None = None
) -> RowResult:
    """Build one row (in a worker process, or here when building one at a time)."""
    from brief.building.pipeline import build

    result = RowResult(variant)
    try:
        with _filled(project, variant, source):
            report = build(
                project, variant.output, style, force=force, chart_workers=1, variables=_identity(variant), paper=paper
            )
        result.written, result.unchanged = True, report.unchanged
        result.problems = report.warnings
    except BriefError as exc:
        result.problems = exc.problems
    except Exception:  # a bug: reported for this row, the others still build
        result.crash = traceback.format_exc()
    return result


@contextmanager
def _filled(project: Path, variant: Variant, source: str) -> Iterator[None]:
    """The content's placeholders filled with the row's values while its files are read."""
    from brief.loading import FILL

    token = FILL.set(Fill(project, variant.values, f"{source} row {variant.row}"))
    try:
        yield
    finally:
        FILL.reset(token)


def _identity(variant: Variant) -> str:
    """The row's values as one string, for the build stamp."""
    return json.dumps(variant.values, sort_keys=True, ensure_ascii=False)


def run_batch(
    project: Path,
    variants_csv: Path,
    out_dir: Path,
    *,
    style: str | None = None,
    jobs: int | None = None,
    force: bool = False,
    progress: Progress | None = None,
    shard: tuple[int, int] = (1, 1),
    paper: str | None = None,
) -> list[RowResult]:
    """Build every row of `variants_csv` into `out_dir`, `jobs` at a time; the results in row order.

    `shard` (K, N) builds only every N-th row from the K-th, so that N machines share a batch with nothing
    between them: each row's PDF is the same whichever shard builds it.
    """
    from brief.processes import cpu_count, fork_context

    variants = read_variants(variants_csv, out_dir)
    names = set(variants[0].values)
    k, n = shard
    variants = variants[k - 1 :: n]
    if not variants:
        return []
    found = placeholder_problems(project, names, str(variants_csv))
    if found:
        raise BriefError(found)
    source = str(variants_csv)
    jobs = min(jobs or cpu_count(), len(variants))
    results: list[RowResult] = []
    step = progress or unreported
    if jobs <= 1:
        for variant in variants:
            results.append(build_variant(project, variant, style, source, force, paper))
            step(len(results), len(variants), f"row {variant.row}")
    else:
        _preload(project)
        with ProcessPoolExecutor(jobs, mp_context=fork_context()) as pool:
            futures = [pool.submit(build_variant, project, v, style, source, force, paper) for v in variants]
            for future in as_completed(futures):
                results.append(future.result())
                step(len(results), len(variants), f"row {results[-1].variant.row}")
    return sorted(results, key=lambda r: r.variant.row)


def _preload(project: Path) -> None:
    """Import here, once, what every row needs, so that forked workers inherit it instead of each importing it.

    matplotlib (the slowest import) only when a chart may have to be drawn: none is cached yet, or a chart's
    spec or data holds a placeholder.
    """
    import importlib

    from brief.charts.render import has_drawings, import_chart_modules

    for module in ("compose", "document", "flowables", "finish", "layout"):
        importlib.import_module(f"brief.pdf.{module}")
    content = project / "content"
    chart_files = [content / "charts.yaml", *content.rglob("*.csv")] if content.is_dir() else []
    varies = any("{{" in _text(path) for path in chart_files)
    if varies or not has_drawings():
        import_chart_modules()


def _text(path: Path) -> str:
    try:
        return read_limited(path, MAX_FILE_BYTES).decode("utf-8", errors="replace")
    except Unreadable:
        return ""  # the build reports it, if it needs the file


def report_lines(source: str, results: list[RowResult]) -> list[str]:
    """Each problem once, after the rows it came from: `variants.csv row 7: content/findings.yaml:12:5: error: ...`.

    A warning that every row shares (the same text in the same place) is printed once, not once per row.
    """
    rows: dict[str, list[int]] = {}
    for result in results:
        lines = [problem.format() for problem in result.problems]
        if result.crash:
            lines.append(f"internal error: {result.crash.strip().splitlines()[-1]}")
        for line in lines:
            rows.setdefault(line, []).append(result.variant.row)
    return [f"{source} {_rows_label(numbers)}: {line}" for line, numbers in rows.items()]


def summary(results: list[RowResult], seconds: float) -> str:
    """`19 of 20 PDFs built in 4.2 s (18 unchanged since the last batch); failed: row 7.`"""
    failed = [result.variant.row for result in results if not result.written]
    text = f"{len(results) - len(failed)} of {len(results)} PDFs built in {seconds:.1f} s"
    if unchanged := sum(result.unchanged for result in results):
        text += f" ({unchanged} unchanged since the last batch)"
    if failed:
        text += f"; failed: {_rows_label(failed)}"
    return text + "."


def _rows_label(numbers: list[int]) -> str:
    """`row 7`, `rows 1-20`, `rows 2, 5, 9`."""
    if len(numbers) == 1:
        return f"row {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"rows {numbers[0]}-{numbers[-1]}"
    return "rows " + ", ".join(map(str, numbers))
