"""The `brief` command line: parse flags, call the library, print, choose the exit code.

Exit codes: 0 success; 1 a problem in the user's content, theme or layout; 2 a usage error;
70 an internal error (a bug: short message, traceback only with -v).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import BriefError, Problem, Severity
from .model import CONTENT_FILES
from .scaffold import TEMPLATES

EXIT_USER_ERROR = 1
EXIT_INTERNAL_ERROR = 70

F = TypeVar("F", bound=Callable[..., Any])


def report_problems(problems: list[Problem], *, strict: bool = False) -> None:
    """Each problem on its own line on stderr, then a count."""
    for problem in problems:
        if strict and not problem.is_error:
            problem = dataclasses.replace(problem, severity=Severity.ERROR)
        click.echo(problem.format(), err=True)
    errors = sum(1 for p in problems if p.is_error or strict)
    warnings = len(problems) - errors
    parts = [_count(errors, "error")] if errors else []
    parts += [_count(warnings, "warning")] if warnings else []
    if parts:
        click.echo(" and ".join(parts) + ".", err=True)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def handle_errors(command: F) -> F:
    """A user's mistake becomes located lines and exit 1; a bug becomes exit 70."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except BriefError as exc:
            report_problems(exc.problems)
            sys.exit(EXIT_USER_ERROR)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted; nothing was written.", err=True)
            sys.exit(130)
        except Exception as exc:
            if click.get_current_context().find_root().params.get("verbose"):
                traceback.print_exc()
            click.echo(f"internal error: {type(exc).__name__}: {exc}", err=True)
            click.echo("This is a bug in brief, not in your content. Run with -v for details.", err=True)
            sys.exit(EXIT_INTERNAL_ERROR)

    return wrapper  # type: ignore[return-value]


project_argument = click.argument(
    "project", required=False, default=".", type=click.Path(file_okay=False, path_type=Path)
)


def _flag(name: str) -> bool:
    """A global flag (-q, -v) of the command line being run."""
    return bool(click.get_current_context().find_root().params.get(name))


def say(message: str, err: bool = False) -> None:
    """Output that is not a warning or an error: -q silences it."""
    if not _flag("quiet"):
        click.echo(message, err=err)


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int, str], None]]:
    """A progress callback: a bar on a terminal's stderr; nothing when piped, logged or quiet."""
    bar: Any = None

    def update(done: int, total: int, step: str) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label=label, file=sys.stderr, item_show_func=lambda s: s)
            bar.__enter__()
        bar.update(done - bar.pos, step)

    if _flag("quiet") or not sys.stderr.isatty():
        yield lambda done, total, step: None
        return
    try:
        yield update
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def report_build(path: Path, pages: int, size: int) -> None:
    """The pages and size of what a build wrote, on stderr: stdout carries only the path."""
    from .budget import human_size

    say(f"{path}: {pages} {'page' if pages == 1 else 'pages'}, {human_size(size)}", err=True)


style_option = click.option(
    "--style", help="A theme name under styles/ or a theme file, instead of the one brief.yaml names."
)
pdf_output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the PDF (default: PROJECT/output/brief.pdf).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="brief")
@click.option("-v", "--verbose", is_flag=True, help="Explain more; show tracebacks of internal errors.")
@click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors.")
def cli(verbose: bool, quiet: bool) -> None:
    """Build designed, accessible policy-brief PDFs from YAML content.

    \b
    Example:
      brief check           validate ./content
      brief check my-brief  validate my-brief/content
    """


@cli.command()
@project_argument
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--style", help="Check with this theme instead of the one brief.yaml names.")
@handle_errors
def check(project: Path, strict: bool, style: str | None) -> None:
    """Validate PROJECT's content without building anything.

    Every problem is printed as path:line:col: error: message, followed by a count.
    Exits 0 when the content is sound, 1 when it is not.

    \b
    Example:
      brief check
      brief check ../city-brief --strict
    """
    from .validate import check_project

    checked = check_project(project, style)
    report_problems(checked.problems, strict=strict)
    if checked.errors or (strict and checked.warnings):
        sys.exit(EXIT_USER_ERROR)
    brief = checked.brief
    assert brief is not None
    say(
        f"{project / 'content'}: ok ({len(brief.findings.findings)} findings, "
        f"{len(brief.requests.requests)} requests, {len(brief.recommendations.recommendations)} "
        f"recommendations, {len(brief.charts.charts)} charts, {len(brief.sources.sources)} sources)"
    )


@cli.command()
@project_argument
@pdf_output_option
@style_option
@click.option("--force", is_flag=True, help="Build even when nothing changed since the last build.")
@click.option("--timings", is_flag=True, help="Print the time each stage took, on stderr.")
@handle_errors
def build(project: Path, output: Path | None, style: str | None, force: bool, timings: bool) -> None:
    """Build PROJECT's content into a PDF and print the path written.

    A failed build leaves the previous PDF exactly as it was. When nothing that shapes the PDF
    changed since the last build, the PDF is left untouched (see docs/performance.md).

    \b
    Example:
      brief build
      brief build ../city-brief -o city.pdf --style a4-print
    """
    import gc

    from .pipeline import build as build_pdf

    gc.disable()  # one build and the process ends: collecting cycles costs ~5% of a rebuild and saves ~10% memory
    try:
        report = build_pdf(project, output, style, force=force)
    finally:
        gc.enable()
    if timings:
        from .timing import format_laps

        click.echo(f"timings: {format_laps(report.timings)}{' (unchanged)' if report.unchanged else ''}", err=True)
    report_problems(report.warnings)
    report_build(report.path, report.pages, report.size)
    say(str(report.path))


@cli.command()
@project_argument
@click.option(
    "-o",
    "--output",
    "folder",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write the chart files into.",
)
@click.option("--format", "fmt", type=click.Choice(["png", "svg", "pdf"]), default="png", show_default=True)
@click.option("--dpi", type=click.IntRange(36, 1200), default=300, show_default=True, help="Resolution of PNG files.")
@style_option
@handle_errors
def charts(project: Path, folder: Path, fmt: str, dpi: int, style: str | None) -> None:
    """Write every chart as a standalone file, with its title, source line and publisher baked in.

    For slides, social media and press kits. Prints each path written.

    \b
    Example:
      brief charts -o slides --format png --dpi 300
      brief charts ../city-brief -o press --format svg
    """
    from .pipeline import export_chart_files

    for path in export_chart_files(project, folder, fmt, dpi, style):
        say(str(path))


@cli.command()
@click.argument("file", required=False, type=click.Choice(list(CONTENT_FILES)))
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write every schema into this folder instead of printing one.",
)
@handle_errors
def schema(file: str | None, folder: Path | None) -> None:
    """Print the JSON Schema of a content FILE, or write them all with -o.

    Point your editor's YAML language server at them to get completion and checking as you type.

    \b
    Example:
      brief schema findings.yaml
      brief schema -o schemas
    """
    from .schema import schema_file_name, schema_text

    if folder is None:
        if file is None:
            raise click.UsageError("name a content file, or give -o FOLDER to write them all")
        click.echo(schema_text(file), nl=False)
        return
    folder.mkdir(parents=True, exist_ok=True)
    for name in [file] if file else CONTENT_FILES:
        target = folder / schema_file_name(name)
        target.write_text(schema_text(name), encoding="utf-8")
        click.echo(str(target))


@cli.command()
@project_argument
@pdf_output_option
@style_option
@handle_errors
def watch(project: Path, output: Path | None, style: str | None) -> None:
    """Build PROJECT, then rebuild on every save of a content, data or theme file.

    One status line per build: what changed, the time taken, pages and size. A build that fails prints
    its problems and keeps the last good PDF. Ctrl-C stops.

    \b
    Example:
      brief watch
      brief watch ../city-brief -o city.pdf
    """
    from .watch import Rebuild, Watched, status_line
    from .watch import watch as watch_project

    def show(rebuild: Rebuild) -> None:
        if rebuild.error is not None:
            if _flag("verbose"):
                traceback.print_exception(rebuild.error)
            click.echo(f"internal error: {type(rebuild.error).__name__}: {rebuild.error}", err=True)
        report_problems(rebuild.report.warnings if rebuild.report else rebuild.problems)
        if rebuild.report is None:
            click.echo(status_line(rebuild), err=True)  # a failed build is news even with -q
        else:
            say(status_line(rebuild), err=True)

    def ready(watched: Watched) -> None:
        folders = ", ".join(f"{name}/" for name in watched.roots.values())
        say(f"watching {folders} for changes; press Ctrl-C to stop", err=True)
        if _flag("verbose"):  # where links such as styles -> a shared theme folder really lead
            for root, name in watched.roots.items():
                say(f"  {name}/ is {root}", err=True)

    try:
        watch_project(project, output, style, show, on_ready=ready)
    except KeyboardInterrupt:
        say("stopped watching.", err=True)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--template",
    type=click.Choice(TEMPLATES),
    default="default",
    show_default=True,
    help="default: the sample brief to learn from; blank: placeholders to fill in.",
)
@handle_errors
def new(directory: Path, template: str) -> None:
    """Make a new brief project in DIRECTORY (which must be new or empty), ready to build.

    \b
    Example:
      brief new city-brief && cd city-brief && brief build
      brief new city-brief --template blank
    """
    from .scaffold import new_project

    written = new_project(directory, template)
    if _flag("verbose"):
        for path in written:
            say(str(path))
    step = "brief build" if str(directory) == "." else f"cd {directory} && brief build"
    say(f"{directory}: a new brief from the '{template}' template; next: {step}")


@cli.command()
@project_argument
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The zip.")
@style_option
@handle_errors
def presskit(project: Path, output: Path, style: str | None) -> None:
    """Build PROJECT as `brief build` does, then write one zip for journalists and print its path.

    The brief, a one-page summary, every chart as PNG and SVG, the key facts with the source's own
    words, the suggested citation and the SHA-256 of every file. The same content gives the same bytes.

    \b
    Example:
      brief presskit -o press.zip
    """
    from .budget import human_size
    from .presskit import make_presskit

    with progress_bar("press kit") as progress:
        report = make_presskit(project, output, style, progress)
    report_problems(report.warnings)
    if _flag("verbose"):
        for name, size in report.entries:
            say(f"  {name} ({human_size(size)})", err=True)
    say(f"{output}: {len(report.entries)} files, {human_size(output.stat().st_size)}", err=True)
    say(str(output))


@cli.command()
@project_argument
@click.option(
    "-o", "--output", "folder", required=True, type=click.Path(file_okay=False, path_type=Path), help="The folder."
)
@click.option("--dpi", type=click.IntRange(20, 600), default=100, show_default=True, help="Resolution of the pages.")
@style_option
@handle_errors
def preview(project: Path, folder: Path, dpi: int, style: str | None) -> None:
    """Build PROJECT as `brief build` does, then write every page and a contact sheet as PNG.

    For READMEs, review emails and chats. Prints each path written.

    \b
    Example:
      brief preview -o review
      brief preview -o docs --dpi 60
    """
    from .preview import write_preview

    with progress_bar("preview") as progress:
        report = write_preview(project, folder, style, dpi, progress)
    report_problems(report.warnings)
    for path in [*report.pages, report.sheet]:
        say(str(path))


@cli.command()
@project_argument
@click.option(
    "--variants",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="A CSV file: a header naming the variables, then one row per PDF.",
)
@click.option(
    "-o", "--output", "folder", required=True, type=click.Path(file_okay=False, path_type=Path), help="The folder."
)
@click.option("-j", "--jobs", type=click.IntRange(1, 256), help="PDFs built at once (default: one per processor).")
@style_option
@click.option("--force", is_flag=True, help="Build every row, even those whose PDF is up to date.")
@handle_errors
def batch(project: Path, variants: Path, folder: Path, jobs: int | None, style: str | None, force: bool) -> None:
    """Build one PDF per row of a CSV file, its values filled into {{ name }} placeholders.

    The header names the variables; a column `output` or `slug` names each PDF. A row that fails
    is reported with its number and the located problems, and the other rows are still built;
    the exit code is then 1. Prints each path written.

    \b
    Example:
      brief batch --variants cities.csv -o out
      brief batch ../city-brief --variants cities.csv -o out --jobs 2
    """
    import time

    from .batch import report_lines, run_batch, summary

    start = time.perf_counter()
    with progress_bar("batch") as progress:
        results = run_batch(project, variants, folder, style=style, jobs=jobs, force=force, progress=progress)
    for line in report_lines(str(variants), results):
        click.echo(line, err=True)
    for result in results:
        if result.crash and _flag("verbose"):
            click.echo(result.crash, err=True)
        if result.written:
            say(str(result.variant.output))
    click.echo(summary(results, time.perf_counter() - start), err=True)
    if any(result.crash for result in results):
        sys.exit(EXIT_INTERNAL_ERROR)
    if any(not result.written for result in results):
        sys.exit(EXIT_USER_ERROR)


def main() -> None:
    """Console-script entry point."""
    try:
        cli(prog_name="brief")
    except SystemExit as exc:
        _leave(exc.code)
    _leave(0)


def _leave(code: Any) -> None:
    """Exit without tearing the interpreter down, which takes ~50 ms once ReportLab and pikepdf are loaded.

    Only when nothing can be lost: output flushed, no other thread, no child process. Otherwise, and for
    an exit with a message, the usual way.
    """
    import os
    import threading

    multiprocessing = sys.modules.get("multiprocessing")
    alone = threading.active_count() == 1 and not (multiprocessing and multiprocessing.active_children())
    if isinstance(code, int | None) and alone:
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: then the usual way below
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code or 0)
    sys.exit(code)
