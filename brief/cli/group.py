"""The `brief` command group, and the entry point that runs it and leaves quickly."""

from __future__ import annotations

import contextlib
import sys
from typing import Any

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
    try:
        cli(prog_name="brief")
    except SystemExit as exc:
        _leave(exc.code)
    _leave(0)


def _leave(code: Any) -> None:
    """Exit without tearing the interpreter down, which takes a noticeable while once ReportLab and pikepdf are loaded.

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
