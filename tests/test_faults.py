"""Faults around a build: full disks, failing renames, Ctrl-C, locked folders, broken caches, two builds at once.

Whatever fails, the previous PDF stays byte for byte as it was and no temporary file is left behind.
"""

from __future__ import annotations

import errno
import os
import pickle
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import ROOT
from harness import PREVIOUS_PDF, guarded_build, place_previous_pdf, snapshot
from readers import assert_readable
from test_check_corpus import make_project

from brief.cli import cli

pytestmark = pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf and poppler are installed by .ci/run")

REAL_FDOPEN, REAL_FSYNC, REAL_REPLACE = os.fdopen, os.fsync, os.replace


class FailingFile:
    """A file that takes half of what it is given, then raises `fault`: a disk that fills up mid-write."""

    def __init__(self, handle: Any, fault: BaseException) -> None:
        self.handle, self.fault = handle, fault

    def __enter__(self) -> FailingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        raise self.fault

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)


def fail_pdf_writes(monkeypatch: pytest.MonkeyPatch, where: str, fault: BaseException) -> None:
    """Make writing the PDF fail at `where` (write, fsync or rename); the chart cache fails alike for `write`."""
    if where == "write":
        monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: FailingFile(REAL_FDOPEN(fd, *a, **k), fault))
    elif where == "fsync":

        def fsync(fd: int) -> None:
            raise fault

        monkeypatch.setattr(os, "fsync", fsync)
    else:

        def replace(src: Any, dst: Any, **kwargs: Any) -> None:
            if str(dst).endswith(".pdf"):
                raise fault
            REAL_REPLACE(src, dst, **kwargs)

        monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize(
    ("where", "code", "reason"),
    [
        ("write", errno.ENOSPC, "No space left on device"),
        ("fsync", errno.EIO, "Input/output error"),
        ("rename", errno.EROFS, "Read-only file system"),
    ],
)
def test_a_write_that_fails_half_way_keeps_the_previous_pdf(
    where: str, code: int, reason: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path)
    fail_pdf_writes(monkeypatch, where, OSError(code, os.strerror(code)))
    outcome = guarded_build(project)  # asserts: previous PDF untouched, no temporary file left
    target = project / "output" / "brief.pdf"
    assert outcome.stderr == (
        f"{target}: error: cannot write the PDF: {reason} (the previous PDF, if any, is unchanged)\n1 error.\n"
    )
    assert target.read_bytes() == PREVIOUS_PDF


def test_ctrl_c_during_the_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path)
    place_previous_pdf(project)
    fail_pdf_writes(monkeypatch, "write", KeyboardInterrupt())
    result = CliRunner().invoke(cli, ["build", str(project)])
    assert result.exit_code == 130
    assert result.stderr == "interrupted; no file was left half-written.\n"
    assert (project / "output" / "brief.pdf").read_bytes() == PREVIOUS_PDF
    assert [key for key in snapshot(project) if key.endswith(".tmp")] == []


@pytest.fixture
def locked_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder no one may add files to, not even root (who ignores permission bits): chattr +i."""
    folder = tmp_path / "brief-project" / "locked"
    folder.mkdir(parents=True)
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)]).returncode != 0:
        pytest.skip("chattr +i is not available on this file system")
    try:
        yield folder
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_locked_output_folder_is_one_clear_line(tmp_path: Path, locked_folder: Path) -> None:
    project = make_project(tmp_path)
    target = locked_folder / "brief.pdf"
    outcome = guarded_build(project, "-o", str(target))
    assert outcome.stderr == (
        f"{target}: error: cannot write the PDF here: the folder '{locked_folder}' does not take new files "
        "(Operation not permitted)\n1 error.\n"
    )
    assert not target.exists()


def test_a_cache_that_cannot_be_written_costs_only_speed(tmp_path: Path, fresh_cache: Path) -> None:
    project = make_project(tmp_path)
    fresh_cache.parent.mkdir(parents=True)
    fresh_cache.write_text("a file where the cache folder should be\n")
    outcome = guarded_build(project)
    assert outcome.code == 0, outcome.stderr


def test_a_damaged_cache_entry_is_drawn_again(tmp_path: Path, fresh_cache: Path) -> None:
    project = make_project(tmp_path)
    assert guarded_build(project).code == 0
    first = (project / "output" / "brief.pdf").read_bytes()
    entries = sorted(p for p in fresh_cache.rglob("*") if p.is_file())
    assert any(p.suffix == ".pickle" for p in entries)
    for entry in entries:  # every cached file cut short, as a failing disk or a hand could leave it
        entry.write_bytes(entry.read_bytes()[: len(entry.read_bytes()) // 3])
    (project / "output" / "brief.pdf").unlink()
    # A new process, so nothing drawn in memory by the first build can stand in for the cache.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "brief", "build", str(project)], env=env, check=True, capture_output=True)
    assert (project / "output" / "brief.pdf").read_bytes() == first
    assert all(whole_drawing(entry) for entry in entries if entry.suffix == ".pickle")


def whole_drawing(entry: Path) -> bool:
    from brief.charts.render import load_drawing

    try:
        load_drawing(entry.read_bytes())
    except Exception:
        return False
    return True


def test_two_builds_at_once_never_corrupt_the_pdf_or_the_cache(tmp_path: Path, fresh_cache: Path) -> None:
    project = make_project(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "brief", "build", str(project)]
    for _round in range(2):
        shutil.rmtree(fresh_cache, ignore_errors=True)  # both builds draw every chart
        runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
        results = [(run.wait(timeout=120), run.stdout.read(), run.stderr.read()) for run in runs]  # type: ignore[union-attr]
        for code, _out, err in results:
            assert code == 0, err.decode()
        assert_readable(project / "output" / "brief.pdf")
        cached = list(fresh_cache.rglob("*"))
        assert [p for p in cached if p.name.endswith(".tmp")] == []
        drawings = [p for p in cached if p.suffix == ".pickle"]
        assert len(drawings) == 4 and all(whole_drawing(p) for p in drawings)
    assert sorted(p.name for p in (project / "output").iterdir()) == ["brief.pdf"]


class Hung(BaseException):
    """Raised in a test still running after its time: not an OSError or an Exception, which brief may catch."""


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fail a test that runs longer than 60 s (a read of a FIFO waits forever) instead of hanging the run."""

    def stop(signum: int, frame: object) -> None:
        raise Hung("still running after 60 s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, 60, 1)  # again each second after, should anything swallow it
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_fifo_nothing_reads_is_left_alone(tmp_path: Path, no_hang: None) -> None:
    project = make_project(tmp_path)
    os.mkfifo(project / "content" / "data" / "notes.csv")
    os.mkfifo(project / "styles" / "house.yaml")
    assert guarded_build(project).code == 0
    assert guarded_build(project, "--force").code == 0
    result = CliRunner().invoke(cli, ["check", str(project)])
    assert (result.exit_code, result.stderr) == (0, "")


def test_a_fifo_in_place_of_a_content_file_is_located(tmp_path: Path, no_hang: None) -> None:
    project = make_project(tmp_path)
    requests = project / "content" / "requests.yaml"
    requests.unlink()
    os.mkfifo(requests)
    expected = f"{requests}: error: is a named pipe (FIFO), not a file (replace it with a plain file)\n1 error.\n"
    assert guarded_build(project).stderr == expected
    result = CliRunner().invoke(cli, ["check", str(project)])
    assert (result.exit_code, result.stderr) == (1, expected)


def test_a_fifo_in_place_of_a_charts_csv_is_located(tmp_path: Path, no_hang: None) -> None:
    project = make_project(tmp_path)
    data = project / "content" / "data" / "survey-shares.csv"
    data.unlink()
    os.mkfifo(data)
    assert guarded_build(project).stderr == (
        f"{project / 'content' / 'charts.yaml'}:9:13: error: 'data/survey-shares.csv' is a named pipe (FIFO), "
        "not a file (replace it with a plain file)\n1 error.\n"
    )


def shared_drawing() -> Any:
    """A drawing that holds one group twice at each of 60 levels: 2**60 rectangles once walked."""
    from reportlab.graphics.shapes import Drawing, Group, Rect

    group = Group(Rect(0, 0, 1, 1))
    for _ in range(60):
        group = Group(group, group)
    return Drawing(100, 100, group)


def deep_drawing() -> Any:
    """A drawing of groups nested 2,000 deep, which ReportLab would draw by recursion."""
    from reportlab.graphics.shapes import Drawing, Group, Rect

    group = Group(Rect(0, 0, 1, 1))
    for _ in range(2000):
        group = Group(group)
    return Drawing(100, 100, group)


def test_a_drawing_that_holds_a_shape_twice_is_refused_at_the_second_visit(monkeypatch: pytest.MonkeyPatch) -> None:
    from brief.charts import render

    visits = 0

    def counted_vars(shape: Any) -> dict[str, Any]:
        nonlocal visits
        visits += 1
        return vars(shape)

    monkeypatch.setattr(render, "vars", counted_vars, raising=False)
    with pytest.raises(ValueError):
        render._check_bounds(shared_drawing())
    assert visits <= 63  # the drawing, 61 distinct groups and one rectangle: each looked at once at most


@pytest.mark.parametrize("poison", [shared_drawing, deep_drawing])
def test_a_poisoned_drawing_in_the_cache_is_drawn_again(poison: Any, tmp_path: Path, fresh_cache: Path) -> None:
    project = make_project(tmp_path)
    assert guarded_build(project).code == 0
    first = (project / "output" / "brief.pdf").read_bytes()
    entries = sorted((fresh_cache / "drawings").glob("*.pickle"))
    assert entries
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(20_000)  # only to write the poison: pickle, too, walks nested groups by recursion
    try:
        data = pickle.dumps(((100.0, 100.0), poison()), protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        sys.setrecursionlimit(limit)
    assert len(data) < 1_000_000
    for entry in entries:  # as a copy of someone else's project could bring it
        entry.write_bytes(data)
    # A new process, so nothing drawn in memory by the first build can stand in for the cache.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "brief", "build", "--force", str(project)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert (project / "output" / "brief.pdf").read_bytes() == first
