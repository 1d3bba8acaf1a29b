"""What the commands share: how problems and results are printed, errors turned into exit codes, and
the arguments several commands take."""

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

from brief.errors import BriefError, Problem, Severity, reading_order
from brief.progress import Progress, unreported

EXIT_USER_ERROR = 1
EXIT_INTERNAL_ERROR = 70

F = TypeVar("F", bound=Callable[..., Any])


def report_problems(problems: list[Problem], *, strict: bool = False) -> None:
    """Each problem on its own line on stderr, in the order of the files and lines they point at, then a count."""
    for problem in sorted(problems, key=reading_order):
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
            # A batch or a preview may have finished files already; none is ever left half-written.
            click.echo("interrupted; no file was left half-written.", err=True)
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


def flag(name: str) -> bool:
    """A global flag (-q, -v) of the command line being run."""
    return bool(click.get_current_context().find_root().params.get(name))


def say(message: str, err: bool = False) -> None:
    """Output that is not a warning or an error: -q silences it."""
    if not flag("quiet"):
        click.echo(message, err=err)


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[Progress]:
    """A progress callback: a bar on a terminal's stderr; nothing when piped, logged or quiet."""
    bar: Any = None

    def update(done: int, total: int, step: str) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label=label, file=sys.stderr, item_show_func=lambda s: s)
            bar.__enter__()
        bar.update(done - bar.pos, step)

    if flag("quiet") or not sys.stderr.isatty():
        yield unreported
        return
    try:
        yield update
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def report_build(path: Path, pages: int, size: int) -> None:
    """The pages and size of what a build wrote, on stderr: stdout carries only the path."""
    from brief.building.budget import human_size

    say(f"{path}: {pages} {'page' if pages == 1 else 'pages'}, {human_size(size)}", err=True)


paper_option = click.option(
    "--paper",
    type=click.Choice(["letter", "a4", "legal"]),
    help="Put the theme on this paper (its colours, type and margins kept), over brief.yaml's paper.",
)
style_option = click.option(
    "--style", help="A theme name under styles/ or a theme file, instead of the one brief.yaml names."
)
pdf_output_option = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),  # a folder is refused by the build, as one located line (exit 1)
    help="Where to write the PDF (default: PROJECT/output/brief.pdf).",
)


def parse_formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    """`pdf`, `html` or both, comma-separated, in the order given, each once."""
    from brief.building.web_edition import FORMATS

    names = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [name for name in names if name not in FORMATS]
    if unknown or not names:
        shown = unknown[0] if unknown else value
        raise click.BadParameter(f"'{shown}' is not an edition; choose pdf, html or pdf,html", ctx, param)
    return names


format_option = click.option(
    "--format",
    "formats",
    default="pdf",
    show_default=True,
    callback=parse_formats,
    help="The editions to write: pdf, html (a self-contained web page beside the PDF path), or pdf,html.",
)


def report_web(path: Path, size: int) -> None:
    """The size of the web page a build wrote, on stderr."""
    from brief.building.budget import human_size

    say(f"{path}: web page, {human_size(size)}", err=True)
