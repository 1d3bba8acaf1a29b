"""The `brief` command line: parse flags, call the library, print, choose the exit code.

Exit codes: 0 success; 1 a problem in the user's content, theme or layout; 2 a usage error;
70 an internal error (a bug: short message, traceback only with -v).
"""

from __future__ import annotations

import dataclasses
import functools
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import BriefError, Problem, Severity
from .model import CONTENT_FILES

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="brief")
@click.option("-v", "--verbose", is_flag=True, help="Explain more; show tracebacks of internal errors.")
def cli(verbose: bool) -> None:
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
    click.echo(
        f"{project / 'content'}: ok ({len(brief.findings.findings)} findings, "
        f"{len(brief.requests.requests)} requests, {len(brief.recommendations.recommendations)} "
        f"recommendations, {len(brief.charts.charts)} charts, {len(brief.sources.sources)} sources)"
    )


@cli.command()
@project_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the PDF (default: PROJECT/output/brief.pdf).",
)
@click.option("--style", help="A theme name under styles/ or a theme file, instead of the one brief.yaml names.")
@handle_errors
def build(project: Path, output: Path | None, style: str | None) -> None:
    """Build PROJECT's content into a PDF and print the path written.

    A failed build leaves the previous PDF exactly as it was.

    \b
    Example:
      brief build
      brief build ../city-brief -o city.pdf --style a4-print
    """
    from .pipeline import build as build_pdf

    report = build_pdf(project, output, style)
    report_problems(report.warnings)
    click.echo(str(report.path))


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
@click.option("--style", help="A theme name under styles/ or a theme file, instead of the one brief.yaml names.")
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
        click.echo(str(path))


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


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="brief")
