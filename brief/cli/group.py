"""The `brief` command group, and the entry point that runs it."""

from __future__ import annotations

import click

from brief import __version__


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


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="brief")
