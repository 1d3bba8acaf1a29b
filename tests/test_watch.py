"""brief watch: which saves count, how bursts are gathered, and the rebuild loop in and out of a process."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from brief.building.pipeline import BuildReport
from brief.commands.watch import ChangeBatch, Rebuild, Watched, is_editor_temp, status_line, watch
from brief.errors import Problem

#: Bounds for waiting on a build on a busy two-core machine; each wait ends as soon as the line arrives.
PATIENCE = 20.0


# ── which file events count ──


@pytest.mark.parametrize(
    ("relative", "kind"),
    [
        ("content/findings.yaml", "content"),
        ("content/brief.yml", "content"),
        ("content/data/survey-shares.csv", "data"),
        ("content/logo.svg", "logo"),
        ("styles/house.yaml", "style"),
        ("output/brief.pdf", None),
        ("output/.brief.pdf.x1y2.tmp", None),
        ("content/.findings.yaml.swp", None),
        ("content/.#findings.yaml", None),
        ("content/#findings.yaml#", None),
        ("content/findings.yaml~", None),
        ("content/4913", None),
        ("content/findings.yaml___jb_tmp___", None),
        ("content/.hidden/notes.yaml", None),
        ("content/output/old.yaml", None),
        ("content/notes.txt", None),
        ("styles/house.css", None),
        ("README.md", None),
    ],
)
def test_change_kind(project: Path, relative: str, kind: str | None) -> None:
    (project / "styles").mkdir(exist_ok=True)
    watched = Watched.of(project)
    assert watched.change_kind((project / relative).resolve()) == kind


def test_a_theme_file_named_by_path_is_watched(project: Path, tmp_path: Path) -> None:
    theme = tmp_path / "themes" / "house.yaml"
    theme.parent.mkdir()
    theme.write_text("extends: default\n")
    watched = Watched.of(project, str(theme))
    assert watched.change_kind(theme.resolve()) == "style"
    assert watched.change_kind((tmp_path / "themes" / "other.yaml").resolve()) is None


def test_after_a_failed_build_the_files_its_problems_point_at_are_watched_but_not_a_pdf(
    project: Path, tmp_path: Path
) -> None:
    theme, pdf = tmp_path / "shared.yaml", tmp_path / "out" / "brief.pdf"
    pdf.parent.mkdir()
    for path in (theme, pdf):
        path.write_text("x")
    problems = [Problem(str(theme), 2, 3, "not a colour"), Problem(str(pdf), 0, 0, "cannot write the PDF")]
    failed = Rebuild((), 0.1, problems=problems)
    watched = Watched.of(project).after(pdf, None, failed)
    assert watched.files == {theme.resolve()}


def test_paths_are_shown_as_the_user_knows_them(project: Path) -> None:
    watched = Watched.of(project)
    assert watched.shown((project / "content" / "data" / "x.csv").resolve()) == "content/data/x.csv"


def test_editor_temp_names() -> None:
    assert not is_editor_temp("findings.yaml")
    assert all(is_editor_temp(n) for n in [".x.swp", "x.swx", "x~", "~$x.csv", "#x#", "x.tmp", "x.kate-swp"])


# ── gathering a burst of saves ──


def test_a_burst_of_saves_is_one_batch() -> None:
    batch = ChangeBatch(quiet=0.1)
    batch.add("content/a.yaml")
    time.sleep(0.03)
    batch.add("content/b.yaml")
    batch.add("content/a.yaml")
    start = time.monotonic()
    assert batch.take(timeout=5) == ["content/a.yaml", "content/b.yaml"]
    assert time.monotonic() - start < 2
    assert batch.take(timeout=0.05) == []


def test_a_completed_save_is_handed_over_at_once_and_a_later_write_waits_again() -> None:
    batch = ChangeBatch(quiet=0.5)
    batch.add("content/a.yaml")
    batch.add("content/a.yaml", saved=True)  # closed after writing: nothing more is coming
    start = time.monotonic()
    assert batch.take(timeout=5) == ["content/a.yaml"]
    assert time.monotonic() - start < 0.4
    batch.add("content/b.yaml", saved=True)
    batch.add("content/b.yaml")  # written to again: maybe the middle of another save
    start = time.monotonic()
    assert batch.take(timeout=5) == ["content/b.yaml"]
    assert time.monotonic() - start >= 0.45


def test_nothing_changed_returns_after_the_timeout() -> None:
    start = time.monotonic()
    assert ChangeBatch().take(timeout=0.1) == []
    assert 0.09 <= time.monotonic() - start < 2


def test_saves_that_never_pause_still_rebuild() -> None:
    batch = ChangeBatch(quiet=0.2, longest=0.3)
    stop = threading.Event()

    def keep_saving() -> None:
        while not stop.is_set():
            batch.add("content/a.yaml")
            time.sleep(0.02)

    saver = threading.Thread(target=keep_saving)
    saver.start()
    try:
        assert batch.take(timeout=5) == ["content/a.yaml"]
    finally:
        stop.set()
        saver.join()


# ── one status line per build ──


def test_status_lines() -> None:
    pdf = Path("output/brief.pdf")
    built = Rebuild((), 1.234, BuildReport(pdf, 6, 95_583, []))
    assert re.fullmatch(r"\[\d\d:\d\d:\d\d\] built output/brief.pdf in 1.23 s, 6 pages, 96 KB", status_line(built))
    many = ("content/a.yaml", "content/b.yaml", "content/data/c.csv", "styles/house.yaml", "content/d.yaml")
    rebuilt = Rebuild(many, 0.31, BuildReport(pdf, 1, 999, []))
    assert status_line(rebuilt)[11:] == (
        "content/a.yaml, content/b.yaml, content/data/c.csv, 2 more changed: "
        "rebuilt output/brief.pdf in 0.31 s, 1 page, 999 bytes"
    )
    same = Rebuild(("content/a.yaml",), 0.01, BuildReport(pdf, 6, 95_583, [], unchanged=True))
    assert status_line(same)[11:] == "content/a.yaml changed: output/brief.pdf is up to date, 6 pages, 96 KB"
    failed = Rebuild(("content/a.yaml",), 0.05, kept=pdf)
    kept = "kept the last good PDF, output/brief.pdf"
    assert status_line(failed)[11:] == f"content/a.yaml changed: build failed after 0.05 s; {kept}"
    assert status_line(Rebuild((), 0.05))[11:] == "build failed after 0.05 s; no PDF written yet"


# ── the rebuild loop, in this process ──


def save(path: Path, text: str) -> None:
    """Save as most editors do: a hidden temporary file beside the target, renamed over it in one step."""
    temp = path.with_name(f".{path.name}.saving")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


@contextlib.contextmanager
def watching(project: Path, formats: tuple[str, ...] = ("pdf",)) -> Iterator[queue.Queue[Rebuild]]:
    """`watch` running on a thread; each build it makes arrives in the queue. Stopped, and checked gone, after."""
    builds: queue.Queue[Rebuild] = queue.Queue()
    stop = threading.Event()
    arguments = (project, None, None, builds.put, stop, None, formats)
    worker = threading.Thread(target=watch, args=arguments, daemon=True)
    worker.start()
    try:
        yield builds
    finally:
        stop.set()
        worker.join(timeout=PATIENCE)
    assert not worker.is_alive()


def test_watch_rebuilds_once_per_save_and_not_on_its_own_output(project: Path) -> None:
    with watching(project) as builds:
        first = builds.get(timeout=PATIENCE)
        assert first.report is not None and first.changed == ()
        findings = project / "content" / "findings.yaml"
        save(findings, findings.read_text().replace("Almost every mayor", "Nearly every mayor"))
        second = builds.get(timeout=PATIENCE)
        assert second.changed == ("content/findings.yaml",)
        assert second.report is not None and second.report.path == project / "output" / "brief.pdf"
        # The build wrote output/: that may not start another build.
        with pytest.raises(queue.Empty):
            builds.get(timeout=1.0)


def test_watch_format_html_rebuilds_the_page_alone(project: Path) -> None:
    page = project / "output" / "brief.html"
    with watching(project, ("html",)) as builds:
        first = builds.get(timeout=PATIENCE)
        assert first.report is None and first.web is not None and first.web.path == page
        findings = project / "content" / "findings.yaml"
        save(findings, findings.read_text().replace("Almost every mayor", "Nearly every mayor"))
        second = builds.get(timeout=PATIENCE)
        assert second.changed == ("content/findings.yaml",) and second.web is not None
        assert "Nearly every mayor wants more grants" in page.read_text(encoding="utf-8")
        assert status_line(second)[11:].startswith(f"content/findings.yaml changed: rebuilt {page} in ")
        # A mistake keeps the last good page.
        save(findings, findings.read_text().replace("headline:", "headlin:", 1))
        third = builds.get(timeout=PATIENCE)
        assert not third.succeeded and third.kept == page
        assert status_line(third).endswith(f"; kept the last good page, {page}")
    assert not (project / "output" / "brief.pdf").exists()


def _house_theme(project: Path, shared_text: str, *, extends_shared: bool) -> tuple[Path, Path]:
    """The project set in styles/house.yaml, and a shared theme outside the project written with `shared_text`,
    which the house theme extends from the start or not yet. The house theme's path and the shared one's."""
    shared = project.parent / "shared" / "base.yaml"
    shared.parent.mkdir()
    shared.write_text(shared_text)
    (project / "styles").mkdir(exist_ok=True)
    house = project / "styles" / "house.yaml"
    house.write_text(f"extends: {shared if extends_shared else 'default'}\n")
    info = project / "content" / "brief.yaml"
    info.write_text(info.read_text().replace("theme: default", "theme: house"))
    return house, shared


_SHARED = 'extends: default\ncolours:\n  primary: "#1a3a5f"\n'


def test_a_base_theme_outside_the_project_is_watched_once_a_build_read_it(project: Path) -> None:
    """A house theme in styles/ that extends a shared theme elsewhere: saving the shared one rebuilds."""
    _, shared = _house_theme(project, _SHARED, extends_shared=True)
    with watching(project) as builds:
        first = builds.get(timeout=PATIENCE)
        assert first.report is not None, first.problems
        save(shared, shared.read_text().replace("#1a3a5f", "#5f1a3a"))
        second = builds.get(timeout=PATIENCE)
        assert second.changed == (str(shared.resolve()),)
        assert second.report is not None and not second.report.unchanged
        with pytest.raises(queue.Empty):  # a file beside it that no build reads starts nothing
            (shared.parent / "unrelated.yaml").write_text("x: 1\n")
            builds.get(timeout=1.0)


def test_fixing_a_mistake_in_a_newly_extended_theme_elsewhere_rebuilds(project: Path) -> None:
    """The failed build read a file no good build had: the file its problem points at is watched too."""
    house, shared = _house_theme(project, _SHARED.replace('"#1a3a5f"', '"not a colour"'), extends_shared=False)
    with watching(project) as builds:
        assert builds.get(timeout=PATIENCE).report is not None
        save(house, f"extends: {shared}\n")
        failed = builds.get(timeout=PATIENCE)
        assert failed.report is None and failed.problems[0].path == str(shared)
        save(shared, shared.read_text().replace('"not a colour"', '"#5f1a3a"'))
        fixed = builds.get(timeout=PATIENCE)
        assert fixed.changed == (str(shared.resolve()),) and fixed.report is not None


def test_a_file_first_read_by_a_build_and_changed_before_it_was_watched_is_built_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The house theme newly extends a shared one, which is saved again before the watch follows it."""
    from brief.commands import watch as watch_module

    house, shared = _house_theme(project, _SHARED, extends_shared=False)
    built = watch_module.rebuild

    def rebuild_then_edit(*args: Any, **options: Any) -> Rebuild:
        done = built(*args, **options)
        if "styles/house.yaml" in (args[3] if len(args) > 3 else ()):  # read the shared theme, unwatched
            save(shared, shared.read_text().replace("#1a3a5f", "#5f1a3a"))
        return done

    monkeypatch.setattr(watch_module, "rebuild", rebuild_then_edit)
    with watching(project) as builds:
        assert builds.get(timeout=PATIENCE).report is not None
        save(house, f"extends: {shared}\n")
        assert builds.get(timeout=PATIENCE).changed == ("styles/house.yaml",)
        again = builds.get(timeout=PATIENCE)
        assert again.changed == (str(shared.resolve()),)
        assert again.report is not None and not again.report.unchanged


# ── the command, as a user runs it ──


class Lines:
    """The lines a process writes to a pipe, read on a thread so waiting for one never blocks forever."""

    def __init__(self, stream: object) -> None:
        self.seen: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)  # the process closed the pipe: nothing more will come

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            try:
                line = self._lines.get(timeout=deadline - time.monotonic())
            except queue.Empty:
                break
            if line is None:
                raise AssertionError(f"the process ended before a line with {text!r}; saw: {self.seen}")
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"no line with {text!r} within {PATIENCE} s; saw: {self.seen}")


def test_brief_watch_as_a_process(project: Path) -> None:
    pdf = project / "output" / "brief.pdf"
    findings = project / "content" / "findings.yaml"
    process = subprocess.Popen(
        [sys.executable, "-m", "brief", "watch", str(project)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        lines = Lines(process.stderr)
        assert " built " in lines.wait_for(" built ")
        lines.wait_for("watching content/")
        before = pdf.read_bytes()

        save(findings, findings.read_text().replace("Almost every mayor", "Nearly every mayor"))
        line = lines.wait_for("rebuilt")
        assert "content/findings.yaml changed: rebuilt" in line and " pages, " in line
        good = pdf.read_bytes()
        assert good != before

        save(findings, findings.read_text().replace("    headline: Nearly every", "    headlin: Nearly every"))
        error = lines.wait_for("error: unknown key 'headlin'")
        assert error.startswith(f"{findings}:5:5: error: unknown key 'headlin' (did you mean 'headline'?)")
        assert "build failed after" in lines.wait_for("build failed")
        assert pdf.read_bytes() == good  # the last good PDF survives

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=PATIENCE) == 0
        lines.wait_for("stopped watching.")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_warming_up_loads_what_a_rebuild_needs_and_survives_broken_content(project: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from brief.building.pipeline import warm_up\n"
        "warm_up(Path(sys.argv[1]))\n"
        "print(all(m in sys.modules for m in ('reportlab.platypus', 'pikepdf', 'brief.pdf.compose')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code, str(project)], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "True"
    (project / "content" / "brief.yaml").write_text("title: [unclosed\n")
    broken = subprocess.run([sys.executable, "-c", code, str(project)], capture_output=True, text=True)
    assert broken.returncode == 0, broken.stderr
