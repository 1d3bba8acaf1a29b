"""Run `brief build` the way a user would and check the contracts that hold whether it succeeds or fails.

Whatever the outcome: no traceback, no temporary file left anywhere in the project, nothing written outside
output/. On failure: exit 1, nothing on stdout, every line of stderr located
(`path[:line:col]: error: message`) and followed by a count, and the previous PDF byte for byte as it was.
On success: exit 0 and a PDF that qpdf, PDFium and pdf.js all read.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner
from readers import assert_readable

from brief.cli import cli

#: What the output folder holds before each build: a failed build must leave it exactly so.
PREVIOUS_PDF = b"%PDF-1.7\n% the previous build: a failed build leaves these bytes alone\n%%EOF\n"
LOCATED = re.compile(r"^\S.*?(:\d+:\d+)?: (error|warning): \S.*$")
COUNT = re.compile(r"^\d+ errors?( and \d+ warnings?)?\.$")
#: Where a successful build may write inside the project.
WRITABLE = ("output/",)


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str
    pdf: Path | None  # the PDF written, on success


def snapshot(root: Path) -> dict[str, tuple[str, str]]:
    """Every file, folder, link and FIFO under `root` (links not followed), with a digest of each file's bytes."""
    entries: dict[str, tuple[str, str]] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            key = path.relative_to(root).as_posix()
            if path.is_symlink():
                entries[key] = ("link", os.readlink(path))
            elif path.is_dir():
                entries[key] = ("dir", "")
            elif path.is_file():
                with path.open("rb") as handle:  # in chunks: a test may leave a sparse file of gigabytes
                    entries[key] = ("file", hashlib.file_digest(handle, "sha256").hexdigest())
            else:
                entries[key] = ("special", "")  # a FIFO, which a read would wait on forever
    return entries


def changed(before: dict[str, tuple[str, str]], after: dict[str, tuple[str, str]]) -> set[str]:
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


def place_previous_pdf(project: Path) -> None:
    """A previous build in output/, unless the case has put something else there."""
    target = project / "output" / "brief.pdf"
    if not target.exists() and not target.is_symlink():
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(PREVIOUS_PDF)


def guarded_build(project: Path, *args: str) -> Outcome:
    """`brief build PROJECT ARGS` with a previous PDF in place; asserts the contracts above."""
    place_previous_pdf(project)
    given = [args[i + 1] for i, arg in enumerate(args[:-1]) if arg in ("-o", "--output")]
    target = Path(given[-1]) if given else project / "output" / "brief.pdf"
    before = snapshot(project)
    result = CliRunner().invoke(cli, ["build", str(project), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    after = snapshot(project)
    leftovers = [key for key in after if key.endswith(".tmp")]
    assert leftovers == [], f"temporary files left behind: {leftovers}"
    if result.exit_code == 0:
        inside = _inside(target, project)
        allowed = (*WRITABLE, *([inside] if inside else []))
        made = _parents(inside) | {folder.rstrip("/") for folder in WRITABLE}
        stray = sorted(k for k in changed(before, after) if not k.startswith(allowed) and k not in made)
        assert stray == [], f"a build wrote outside output/: {stray}"
        assert_readable(target)
        return Outcome(0, result.stdout, result.stderr, target)
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines and COUNT.match(lines[-1]), result.stderr
    for line in lines[:-1]:
        assert LOCATED.match(line), f"not a located message: {line!r}"
    touched = sorted(changed(before, after))
    assert touched == [], f"a failed build changed the project: {touched}"
    return Outcome(1, result.stdout, result.stderr, None)


def _inside(target: Path, project: Path) -> str:
    try:
        return target.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return ""


def _parents(relative: str) -> set[str]:
    """The folders a build may create to hold its output (`-o new/folder/brief.pdf`)."""
    return {p.as_posix() for p in Path(relative).parents if p.as_posix() != "."} if relative else set()
