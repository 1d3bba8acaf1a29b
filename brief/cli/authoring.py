"""Commands for writing a brief: check, build, watch, new, schema, docs."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

import click

from brief.cli.common import (
    EXIT_USER_ERROR,
    flag,
    format_option,
    handle_errors,
    paper_option,
    pdf_output_option,
    project_argument,
    report_build,
    report_problems,
    report_web,
    say,
    style_option,
)
from brief.cli.group import cli
from brief.commands.docs import TOPICS
from brief.commands.new import TEMPLATES
from brief.content.model import CONTENT_FILES

if TYPE_CHECKING:
    from brief.commands.watch import Rebuild


@cli.command()
@project_argument
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--layout", is_flag=True, help="Also report the layout rules the laid-out pages break.")
@click.option("--style", help="Check with this theme instead of the one brief.yaml names.")
@paper_option
@handle_errors
def check(project: Path, strict: bool, layout: bool, style: str | None, paper: str | None) -> None:
    """Validate PROJECT's content without building anything.

    The pages are laid out too (nothing is written), so that a block taller than any page or a
    brief past max_pages is found here as build would find it. Every problem is printed as
    path:line:col: error: message, followed by a count. Exits 0 when the content is sound, 1 when
    it is not. With --layout, a heading left alone at a page's foot, a half-empty page and the
    like are warnings at the content line of the block.

    \b
    Example:
      brief check
      brief check ../city-brief --strict
      brief check --layout --strict --style a4-print
    """
    from brief.building.pipeline import check as check_content

    checked = check_content(project, style, layout=layout, paper=paper)
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
@click.option("--strict", is_flag=True, help="Treat warnings (layout ones too) as errors; then nothing is written.")
@paper_option
@format_option
@handle_errors
def build(
    project: Path,
    output: Path | None,
    style: str | None,
    force: bool,
    timings: bool,
    strict: bool,
    paper: str | None,
    formats: tuple[str, ...],
) -> None:
    """Build PROJECT's content into a PDF (or a web page) and print the paths written.

    A failed build leaves the previous PDF exactly as it was. When nothing that shapes the PDF
    changed since the last build, the PDF is left untouched (see docs/performance.md). With
    --format html, the brief is written as one self-contained web page, brief.html, beside the
    PDF's path, with brief-card.png, the image link previews show.

    \b
    Example:
      brief build
      brief build ../city-brief -o city.pdf --style a4-print
      brief build --format pdf,html
    """
    from brief.building.pipeline import build as build_pdf
    from brief.building.web_edition import build_web

    if "pdf" in formats:
        report = build_pdf(project, output, style, force=force, strict=strict, paper=paper)
        if timings:
            from brief.timing import format_laps

            unchanged = " (unchanged)" if report.unchanged else ""
            click.echo(f"timings: {format_laps(report.timings)}{unchanged}", err=True)
        report_problems(report.warnings)
        report_build(report.path, report.pages, report.size)
        say(str(report.path))
    if "html" in formats:
        web = build_web(project, output, style, strict=strict, paper=paper)
        if "pdf" not in formats:  # the PDF build reported the same content warnings already
            report_problems(web.warnings)
        report_web(web.path, web.size)
        say(str(web.path))


@cli.command()
@click.argument("file", required=False, type=click.Choice([*CONTENT_FILES, "theme"]))
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write every schema into this folder instead of printing one.",
)
@handle_errors
def schema(file: str | None, folder: Path | None) -> None:
    """Print the JSON Schema of a content FILE or of a theme, or write them all with -o.

    Point your editor's YAML language server at them to get completion and checking as you type.

    \b
    Example:
      brief schema findings.yaml
      brief schema theme
      brief schema -o schemas
    """
    from brief.theme.schema import SCHEMA_FILES, schema_text

    if folder is None:
        if file is None:
            raise click.UsageError("name a content file or 'theme', or give -o FOLDER to write them all")
        click.echo(schema_text(file), nl=False)
        return
    folder.mkdir(parents=True, exist_ok=True)
    for name in [file] if file else SCHEMA_FILES:
        target = folder / SCHEMA_FILES[name]
        target.write_text(schema_text(name), encoding="utf-8")
        click.echo(str(target))


@cli.command()
@click.argument("topic", required=False, type=click.Choice(list(TOPICS)))
@handle_errors
def docs(topic: str | None) -> None:
    """Print the reference page TOPIC (content, themes or errors), or list them.

    The pages ship with brief, so they read offline; pipe one into a pager or save it.

    \b
    Example:
      brief docs
      brief docs themes | less
    """
    from brief.commands.docs import contents, reference

    click.echo(reference(topic) if topic else contents(), nl=False)


@cli.command()
@project_argument
@pdf_output_option
@style_option
@paper_option
@format_option
@handle_errors
def watch(project: Path, output: Path | None, style: str | None, paper: str | None, formats: tuple[str, ...]) -> None:
    """Build PROJECT, then rebuild on every save of a content, data or theme file.

    One status line per build: what changed, the time taken, pages and size. A build that fails prints
    its problems and keeps the last good PDF (or page). Ctrl-C stops.

    \b
    Example:
      brief watch
      brief watch ../city-brief -o city.pdf
      brief watch --format html
    """
    from brief.commands.watch import Watched
    from brief.commands.watch import watch as watch_project

    def ready(watched: Watched) -> None:
        watching = [f"{name}/" for name in watched.roots.values()] + sorted(map(str, watched.files))
        say(f"watching {', '.join(watching)} for changes; press Ctrl-C to stop", err=True)
        if flag("verbose"):  # where links such as styles -> a shared theme folder really lead
            for root, name in watched.roots.items():
                say(f"  {name}/ is {root}", err=True)

    try:
        watch_project(project, output, style, show_rebuild, on_ready=ready, paper=paper, formats=formats)
    except KeyboardInterrupt:
        say("stopped watching.", err=True)


@cli.command()
@project_argument
@pdf_output_option
@style_option
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="The port on 127.0.0.1 (0: any)."
)
@handle_errors
def serve(project: Path, output: Path | None, style: str | None, port: int) -> None:
    """Serve PROJECT's web page on this computer, rebuild it on every save, and reload the browser.

    The page is built as `brief build --format html` builds it (beside the PDF's path) and served at
    http://127.0.0.1:PORT/ only, not to other machines. A build that fails keeps the last good page and
    shows its problems over it. Ctrl-C stops.

    \b
    Example:
      brief serve
      brief serve ../city-brief --port 8080
    """
    from brief.commands.serve import serve as serve_project

    def ready(address: str) -> None:
        say(f"serving {address}; it reloads after every save; press Ctrl-C to stop", err=True)
        say(address)

    try:
        serve_project(project, output, style, show_rebuild, port=port, on_ready=ready)
    except KeyboardInterrupt:
        say("stopped serving.", err=True)


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
    from brief.commands.new import new_project

    written = new_project(directory, template)
    if flag("verbose"):
        for path in written:
            say(str(path))
    step = "brief build" if str(directory) == "." else f"cd {directory} && brief build"
    say(f"{directory}: a new brief from the '{template}' template; next: {step}")


def show_rebuild(rebuild: Rebuild) -> None:
    """One status line per build of `brief watch` or `brief serve`, after its problems; a failed build is
    news even with -q."""
    from brief.commands.watch import status_line

    if rebuild.error is not None:
        if flag("verbose"):
            traceback.print_exception(rebuild.error)
        click.echo(f"internal error: {type(rebuild.error).__name__}: {rebuild.error}", err=True)
    report_problems(rebuild.warnings)
    if not rebuild.succeeded:
        click.echo(status_line(rebuild), err=True)
    else:
        say(status_line(rebuild), err=True)
