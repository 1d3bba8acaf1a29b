"""Whole content folders of random shape: `check --layout` and `build` never fail with a bug, and agree.

brief_strategies.content_folders draws the folder: a random brief with charts of every kind (tables of 1 to
12 columns, charts of 0 to 5,000 points), data inline or in CSV files with odd cells, ragged rows, quotes,
semicolons or tabs, a BOM or Windows line endings; findings with and without stats and charts; very short,
very long and markup-edge texts; now and then a mistake, a logo (readable or not), a chart shown twice, a
series shown under another label and format, a paper size, an optional (or required) file left out, or a file
that is a link inside the project, outside it, to nothing or to itself. For each folder, through the library
calls the commands make:

- neither `check --layout` nor `build` raises anything but BriefError (what the command line turns into
  exit 70 is a failure here);
- every problem either reports is located in the project;
- build succeeds exactly when check --layout reports no error: check never passes a brief that build then
  rejects, nor rejects one that build makes.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
import yaml
from brief_strategies import Folder, content_folders
from hypothesis import HealthCheck, given, settings

from brief.building import pipeline
from brief.errors import BriefError, Problem

DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
#: Most folders are small and few hold a chart of thousands of points (or a table of hundreds of rows), so
#: that 500 of them, each checked, laid out and built, stay a small part of the suite's time.
FOLDERS = settings(
    max_examples=500,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


def write_folder(root: Path, folder: Folder) -> Path:
    """The project of `folder` under `root` (the built-in themes serve it); links' targets go beside it."""
    project = root / "brief-project"
    (project / "content").mkdir(parents=True)
    texts = {
        name: yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False) for name, data in folder.files.items()
    }
    files = {**{name: text.encode("utf-8") for name, text in texts.items()}, **folder.raw}
    for name, raw in files.items():
        place(project, root, name, encoded(raw, folder.encodings.get(name, "")), folder.links.get(name))
    return project


def encoded(raw: bytes, encoding: str) -> bytes:
    """`raw` with Windows line endings and a byte-order mark, as `encoding` says."""
    if "crlf" in encoding:
        raw = raw.replace(b"\n", b"\r\n")
    return b"\xef\xbb\xbf" + raw if "bom" in encoding else raw


def place(project: Path, root: Path, name: str, raw: bytes, link: str | None) -> None:
    """Write content/`name`, or make it a link of kind `link` (brief_strategies.LINK_KINDS)."""
    path = project / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if link is None:
        path.write_bytes(raw)
    elif link in ("inside", "outside"):
        target = (project / "shared" if link == "inside" else root / "outside") / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)
        path.symlink_to(os.path.relpath(target, path.parent))
    elif link == "dangling":
        path.symlink_to(f"missing-{path.name}")
    else:
        path.symlink_to(path.name)  # a link to itself: the shortest loop


def assert_located(problems: list[Problem], project: Path) -> None:
    """Each problem names a file of the project and reads as one line."""
    for problem in problems:
        assert problem.path.startswith(str(project)), problem
        assert problem.message and problem.line >= 0 and problem.col >= 0, problem
        assert "\n" not in problem.format(), problem


def check_then_build(project: Path, output: Path) -> None:
    """`brief check --layout` then `brief build`, as library calls; assert they agree."""
    checked = pipeline.check(project, None, layout=True)
    assert_located(checked.problems, project)
    # `brief check` relies on it: no errors means a brief to count (else its assertion would be exit 70).
    assert (checked.brief is None) == bool(checked.errors), [p.format() for p in checked.problems]
    errors = [p.format() for p in checked.errors]
    try:
        pipeline.build(project, output, force=True)
    except BriefError as exc:
        assert exc.problems and all(p.is_error for p in exc.problems), exc
        assert_located(exc.problems, project)
        assert errors, f"check --layout passed a brief that build rejects:\n{exc}"
        assert not output.exists()
        return
    assert not errors, "build made a brief that check --layout rejects:\n" + "\n".join(errors)


@pytest.mark.slow
@FOLDERS
@given(content_folders())
def test_check_layout_and_build_agree_on_random_folders(folder: Folder) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = write_folder(Path(tmp), folder)
        check_then_build(project, Path(tmp) / "out" / "brief.pdf")
