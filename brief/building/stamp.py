"""Up-to-date builds: a PDF whose inputs have not changed is not built again, and is left untouched.

After each build, `builds/<output>.json` in the cache folder (files.cache_folder) records a digest of every
input, the SHA-256 of the PDF written, its warnings and its page count. The next build of the same output
computes the digest again and stops early when both the inputs and the PDF on disk are as recorded.

The inputs, chosen so that nothing that can change the PDF is left out:

- every file under `content/` and `styles/` (hidden files aside), so a new optional content file, a CSV or a
  logo counts without knowing which files the code reads; a FIFO or a device by its kind alone (reading it
  would wait forever, or never end), and a file larger than any brief reads by its size and time;
- files the build read from elsewhere: theme files named by path, CSVs outside `content/`;
- the identity (size and time) of each font file, and of ReportLab, pikepdf, svglib, matplotlib and fontpkg;
- brief's version and a digest of its own source and built-in themes;
- the command's choices: project and output paths, `--style`, variables of a batch row, `SOURCE_DATE_EPOCH`;
  and the working folder when a theme was named by a relative path.

A stamp is written only when the inputs still match after the build what they were when it read them:
content/ and styles/ as digested before the reading, the files found elsewhere as digested right after
it. So an edit made while a build runs (or while a batch row waits to be built) is never recorded as built.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brief import __version__
from brief.errors import Problem, Severity
from brief.files import cache_folder
from brief.fingerprint import code_digest, file_digest, file_identity, package_identity, tree_digest
from brief.pdf.layout import LayoutSummary

if TYPE_CHECKING:
    from brief.building.pipeline import ReadInputs
    from brief.content.model import Brief
    from brief.content.validate import Checked
    from brief.theme.model import Theme

#: Packages whose code shapes the PDF.
PACKAGES = ("reportlab", "pikepdf", "svglib", "matplotlib", "fontpkg", "_rl_accel", "yaml")
STAMP_VERSION = 1
MAX_STAMPS = 200


@dataclass(frozen=True)
class BuildRequest:
    """What was asked for: the same request with the same inputs gives the same PDF."""

    project: Path
    target: Path
    style: str | None
    variables: str = ""  # a batch row's values, canonically encoded
    paper: str | None = None  # over the theme's (--paper)


@dataclass(frozen=True)
class Stamp:
    """What a finished build recorded."""

    inputs: str
    extra: list[str]  # files read from outside content/ and styles/: hashed by content
    fonts: list[str]  # font files: by identity
    cwd: str  # the working folder, when theme names depend on it; else ''
    output: str  # SHA-256 of the PDF written
    layout: LayoutSummary
    size: int
    warnings: list[Problem]


def stamp_path(request: BuildRequest) -> Path:
    """Where the stamp of this output lives, inside the cache folder (OSError if there is none)."""
    folder = cache_folder()
    if folder is None:
        raise OSError("no cache folder")
    name = hashlib.sha256(str(request.target.resolve()).encode()).hexdigest()[:32]
    return folder / "builds" / f"{name}.json"


def inputs_digest(request: BuildRequest, extra: list[str], fonts: list[str], cwd: str) -> str:
    """One SHA-256 over every input of the build (see the module's docstring)."""
    skip = frozenset({request.target.resolve()})
    payload: dict[str, Any] = {
        "stamp": STAMP_VERSION,
        "brief": [__version__, code_digest()],
        "packages": [package_identity(name) for name in PACKAGES],
        "request": [str(request.project), str(request.project.resolve()), str(request.target), str(skip)],
        "style": request.style,
        "paper": request.paper,
        "variables": request.variables,
        "env": os.environ.get("SOURCE_DATE_EPOCH", ""),
        "content": tree_digest((request.project / "content").resolve(), skip),
        "styles": tree_digest((request.project / "styles").resolve(), skip),
        "extra": [[name, file_digest(Path(name))] for name in extra],
        "fonts": [[name, file_identity(Path(name))] for name in fonts],
        "cwd": cwd,
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def up_to_date(request: BuildRequest) -> Stamp | None:
    """The stamp of the last build when neither its inputs nor the PDF on disk changed since; else None."""
    stamp = read_stamp(request)
    if stamp is None or (stamp.cwd and stamp.cwd != str(Path.cwd())):
        return None
    if inputs_digest(request, stamp.extra, stamp.fonts, stamp.cwd) != stamp.inputs:
        return None
    if file_digest(request.target) != stamp.output:
        return None  # deleted, or changed by hand: build it again
    return stamp


def read_stamp(request: BuildRequest) -> Stamp | None:
    """The recorded stamp of this output, or None (none yet, unreadable, or from another version)."""
    try:
        data = json.loads(stamp_path(request).read_text(encoding="utf-8"))
        if data.get("version") != STAMP_VERSION:
            return None
        layout = LayoutSummary(int(data["pages"]))
        warnings = [Problem(w[0], w[1], w[2], w[3], w[4], w[5], Severity(w[6])) for w in data["warnings"]]
        return Stamp(
            data["inputs"], data["extra"], data["fonts"], data["cwd"], data["output"], layout, data["size"], warnings
        )
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def write_stamp(request: BuildRequest, stamp: Stamp) -> None:
    """Record a finished build; a cache that cannot be written only costs the next build's time."""
    from brief.files import prune, write_atomic

    data = {
        "version": STAMP_VERSION,
        "inputs": stamp.inputs,
        "extra": stamp.extra,
        "fonts": stamp.fonts,
        "cwd": stamp.cwd,
        "output": stamp.output,
        "pages": stamp.layout.pages,
        "size": stamp.size,
        "warnings": [[w.path, w.line, w.col, w.message, w.key, w.hint, w.severity.value] for w in stamp.warnings],
    }
    with contextlib.suppress(OSError):
        path = stamp_path(request)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
        prune(path.parent, "*.json", MAX_STAMPS)  # one stamp per output path ever built: keep the newest


def record(request: BuildRequest, read: ReadInputs, layout: LayoutSummary, size: int, warnings: list[Problem]) -> None:
    """Stamp a finished build, unless an input changed since it was read (`read` is pipeline.ReadInputs):
    content/ and styles/ since before the reading, any other file since right after it. A batch row may
    wait a while between the two."""
    if inputs_digest(request, [], [], "") != read.before:
        return
    brief, theme = read.checked.buildable()
    extra, fonts, cwd = dependencies(request.project, brief, theme, read.checked.theme_chain)
    digest = inputs_digest(request, extra, fonts, cwd)
    if digest != read.after:
        return
    write_stamp(request, Stamp(digest, extra, fonts, cwd, file_digest(request.target), layout, size, warnings))


def read_digest(request: BuildRequest, checked: Checked) -> str:
    """The digest of every input of a build that has just read `checked`, the files the reading found outside
    content/ and styles/ included; "" when there is nothing to build."""
    if checked.brief is None or checked.theme is None:
        return ""
    return inputs_digest(request, *dependencies(request.project, checked.brief, checked.theme, checked.theme_chain))


def dependencies(
    project: Path, brief: Brief, theme: Theme, chain: list[tuple[str, Path]]
) -> tuple[list[str], list[str], str]:
    """Files a build read from outside content/ and styles/, its font files, and the working folder if it
    matters. `chain` is the theme's, as loaded (theme.theme_chain)."""
    from brief.content.data import project_file

    extra: set[str] = set()
    for chart in brief.charts.charts:
        found = project_file(project, chart.csv.path) if chart.csv else None
        if found is not None:
            extra.add(str(found))
    if brief.info.organisation.logo:
        extra.add(str((project / brief.info.organisation.logo).absolute()))
    themes, relative = _theme_files(chain, project)
    return sorted(extra | themes), _font_files(theme), str(Path.cwd()) if relative else ""


def _theme_files(chain: list[tuple[str, Path]], project: Path) -> tuple[set[str], bool]:
    """The theme files of the `extends:` chain, and whether a name in it is a path relative to the working folder.

    For a name given as a path, every place it may be found counts, so a file that appears in front of the
    one used is noticed; plain names are looked up in styles/ and the built-in themes, both digested already.
    """
    files: set[str] = set()
    relative = False
    for name, path in chain:
        if name.endswith((".yaml", ".yml")) or "/" in name:
            relative = relative or not Path(name).is_absolute()
            files |= {str(Path(name).absolute()), str((project / name).absolute())}
        files.add(str(path))
    return files, relative


def _font_files(theme: Theme) -> list[str]:
    from brief.theme.fonts import family_files

    return sorted(
        {
            str(path)
            for family in {theme.fonts.body, theme.fonts.heading}
            for path in family_files(family)["files"].values()
        }
    )
