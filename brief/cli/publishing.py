"""Commands for sending a brief out: charts, presskit, preview, batch."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from brief.cli.common import (
    EXIT_INTERNAL_ERROR,
    EXIT_USER_ERROR,
    flag,
    handle_errors,
    paper_option,
    progress_bar,
    project_argument,
    report_problems,
    say,
    style_option,
)
from brief.cli.group import cli


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
@paper_option
@handle_errors
def charts(project: Path, folder: Path, fmt: str, dpi: int, style: str | None, paper: str | None) -> None:
    """Write every chart as a standalone file, with its title, source line and publisher baked in.

    For slides, social media and press kits. Prints each path written.

    \b
    Example:
      brief charts -o slides --format png --dpi 300
      brief charts ../city-brief -o press --format svg
    """
    from brief.building.pipeline import export_chart_files

    for path in export_chart_files(project, folder, fmt, dpi, style, paper):
        say(str(path))


@cli.command()
@project_argument
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The zip.")
@style_option
@paper_option
@handle_errors
def presskit(project: Path, output: Path, style: str | None, paper: str | None) -> None:
    """Build PROJECT as `brief build` does, then write one zip for journalists and print its path.

    The brief, a one-page summary, every chart as PNG and SVG, the key facts with the source's own
    words, the suggested citation and the SHA-256 of every file. The same content gives the same bytes.

    \b
    Example:
      brief presskit -o press.zip
    """
    from brief.building.budget import human_size
    from brief.commands.presskit import make_presskit

    with progress_bar("press kit") as progress:
        report = make_presskit(project, output, style, progress, paper=paper)
    report_problems(report.warnings)
    if flag("verbose"):
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
@paper_option
@handle_errors
def preview(project: Path, folder: Path, dpi: int, style: str | None, paper: str | None) -> None:
    """Build PROJECT as `brief build` does, then write every page and a contact sheet as PNG.

    For READMEs, review emails and chats. Prints each path written.

    \b
    Example:
      brief preview -o review
      brief preview -o docs --dpi 60
    """
    from brief.commands.preview import write_preview

    with progress_bar("preview") as progress:
        report = write_preview(project, folder, style, dpi, progress, paper=paper)
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
@paper_option
@click.option("--force", is_flag=True, help="Build every row, even those whose PDF is up to date.")
@click.option(
    "--shard",
    callback=lambda ctx, param, value: _shard(value),
    metavar="K/N",
    help="Build only every N-th row, from the K-th (1 to N): N machines share one batch.",
)
@handle_errors
def batch(
    project: Path,
    variants: Path,
    folder: Path,
    jobs: int | None,
    style: str | None,
    paper: str | None,
    force: bool,
    shard: tuple[int, int],
) -> None:
    """Build one PDF per row of a CSV file, its values filled into {{ name }} placeholders.

    The header names the variables; a column `output` or `slug` names each PDF. A row that fails
    is reported with its number and the located problems, and the other rows are still built;
    the exit code is then 1. Prints each path written.

    \b
    Example:
      brief batch --variants cities.csv -o out
      brief batch ../city-brief --variants cities.csv -o out --jobs 2
      brief batch --variants cities.csv -o out --shard 2/4   # the 2nd of 4 machines
    """
    import time

    from brief.commands.batch import report_lines, run_batch, summary

    start = time.perf_counter()
    with progress_bar("batch") as progress:
        results = run_batch(
            project, variants, folder, style=style, jobs=jobs, force=force, progress=progress, shard=shard, paper=paper
        )
    for line in report_lines(str(variants), results):
        click.echo(line, err=True)
    for result in results:
        if result.crash and flag("verbose"):
            click.echo(result.crash, err=True)
        if result.written:
            say(str(result.variant.output))
    click.echo(summary(results, time.perf_counter() - start), err=True)
    if any(result.crash for result in results):
        sys.exit(EXIT_INTERNAL_ERROR)
    if any(not result.written for result in results):
        sys.exit(EXIT_USER_ERROR)


def _shard(value: str | None) -> tuple[int, int]:
    """`K/N` as (K, N), 1 ≤ K ≤ N; all rows when not given."""
    if value is None:
        return 1, 1
    k, _, n = value.partition("/")
    if not (k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise click.BadParameter(f"'{value}' is not K/N with 1 ≤ K ≤ N, such as 2/4")
    return int(k), int(n)
