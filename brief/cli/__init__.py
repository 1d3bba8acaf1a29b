"""The `brief` command line: parse flags, call the library, print, choose the exit code.

Exit codes: 0 success; 1 a problem in the user's content, theme or layout; 2 a usage error;
70 an internal error (a bug: short message, traceback only with -v).

`group.py` holds the command group and the entry point, `common.py` what the commands share; the
commands themselves are in `authoring.py` (check, build, watch, new, schema) and `publishing.py`
(charts, presskit, preview, batch).
"""

from brief.cli import authoring, publishing  # noqa: F401  (each registers its commands with the group
from brief.cli.group import cli, main

__all__ = ["cli", "main"]
