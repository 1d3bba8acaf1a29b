"""Fast rebuilds stay correct: an unchanged brief is not rebuilt, any changed input is, and every shortcut
(cached drawings, parallel charts, finishing in a child process) gives the bytes a full build gives."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from brief.building.pipeline import build, build_stamp_request, read_inputs
from brief.charts.render import load_drawing
from brief.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def _stamp(path: Path) -> tuple[int, bytes]:
    return path.stat().st_mtime_ns, path.read_bytes()


def test_a_second_build_of_unchanged_content_leaves_the_pdf_untouched(project: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(project)]).exit_code == 0
    pdf = project / "output" / "brief.pdf"
    before = _stamp(pdf)
    result = runner.invoke(cli, ["build", str(project)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(pdf)  # the path is printed as for any build
    assert _stamp(pdf) == before
    assert build(project).unchanged


def test_warnings_of_an_unchanged_build_are_reported_again(project: Path) -> None:
    charts = project / "content" / "charts.yaml"
    charts.write_text(charts.read_text() + "\n  - id: unused\n" + _UNUSED_CHART)
    first = build(project)
    second = build(project)
    assert second.unchanged
    assert [w.format() for w in second.warnings] == [w.format() for w in first.warnings]
    assert any("is not shown" in w.message for w in second.warnings)


_UNUSED_CHART = """    type: bar
    title: Not shown anywhere
    alt: A bar chart that no finding shows.
    data:
      categories: [a, b]
      series:
        - name: Share
          values: [1, 2]
    sources: [politico-2025]
"""


@pytest.mark.parametrize(
    "change",
    [
        "content text",
        "chart csv",
        "theme file",
        "base theme outside the project",
        "new optional content file",
        "output deleted",
        "output edited",
        "style option",
    ],
)
def test_any_changed_input_or_output_rebuilds(project: Path, change: str) -> None:
    (project / "styles").mkdir(exist_ok=True)
    theme = project / "styles" / "house.yaml"
    theme.write_text("extends: default\ncolours:\n  accent: '#c0720f'\n")
    build(project)
    pdf = project / "output" / "brief.pdf"
    style = None
    if change == "content text":
        _edit(project / "content" / "brief.yaml", "Mayors Want Federal Partners", "Mayors Want Partners")
    elif change == "chart csv":
        _edit(project / "content" / "data" / "survey-shares.csv", "equipment,97", "equipment,96")
    elif change == "theme file":
        _edit(project / "content" / "brief.yaml", "theme: default", "theme: house")
        build(project)
        _edit(theme, "'#c0720f'", "'#a0520f'")
    elif change == "base theme outside the project":
        base = project.parent / "shared" / "base.yaml"
        base.parent.mkdir()
        base.write_text("extends: default\ncolours:\n  primary: '#1a3a5f'\n")
        theme.write_text(f"extends: {base}\n")
        _edit(project / "content" / "brief.yaml", "theme: default", "theme: house")
        build(project)
        _edit(base, "'#1a3a5f'", "'#5f1a3a'")
    elif change == "new optional content file":
        (project / "content" / "requests.yaml").rename(project / "requests.yaml")
        build(project)
        (project / "requests.yaml").rename(project / "content" / "requests.yaml")
    elif change == "output deleted":
        pdf.unlink()
    elif change == "output edited":
        pdf.write_bytes(pdf.read_bytes() + b"\n% edited by hand\n")
    elif change == "style option":
        style = "a4-print"
    before = pdf.read_bytes() if pdf.exists() else b""
    report = build(project, style=style)
    assert not report.unchanged
    assert pdf.read_bytes() != before
    assert build(project, style=style).unchanged  # and the rebuilt PDF is then up to date


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_reverting_an_edit_after_a_failed_build_keeps_the_matching_pdf(project: Path) -> None:
    build(project)
    pdf = project / "output" / "brief.pdf"
    good = pdf.read_bytes()
    findings = project / "content" / "findings.yaml"
    original = findings.read_text()
    findings.write_text(original.replace("chart: partnerships", "chart: no-such-chart"))
    assert CliRunner().invoke(cli, ["build", str(project)]).exit_code == 1
    findings.write_text(original)
    assert build(project).unchanged
    assert pdf.read_bytes() == good


def test_an_edit_made_after_the_inputs_were_read_ahead_is_not_recorded_as_built(project: Path) -> None:
    """A batch reads a row's inputs before building it; an edit in between must not pass for built."""
    read = read_inputs(build_stamp_request(project, None, None))
    findings = project / "content" / "findings.yaml"
    _edit(findings, "chart: partnerships", "chart: partnerships  # edited")
    build(project, read=read)  # from the inputs as read
    assert not build(project).unchanged


def test_an_edit_to_a_theme_outside_the_project_after_the_reading_is_not_recorded_as_built(project: Path) -> None:
    base = project.parent / "shared" / "base.yaml"
    base.parent.mkdir()
    base.write_text("extends: default\npage:\n  size: letter\n")
    (project / "styles").mkdir(exist_ok=True)
    (project / "styles" / "house.yaml").write_text(f"extends: {base}\n")
    _edit(project / "content" / "brief.yaml", "theme: default", "theme: house")
    read = read_inputs(build_stamp_request(project, None, None))
    _edit(base, "size: letter", "size: a4")
    build(project, read=read)  # on letter paper, as read
    assert not build(project).unchanged  # the A4 edit is built, not taken as done


def test_cold_parallel_build_and_cached_build_give_the_same_bytes(
    project: Path, tmp_path: Path, fresh_cache: Path
) -> None:
    cold = build(project, tmp_path / "cold.pdf", chart_workers=2)  # four charts missing: drawn by a pool
    assert len(list((fresh_cache / "drawings").glob("*.pickle"))) == 4
    warm = build(project, tmp_path / "warm.pdf", force=True)
    serial = build(project, tmp_path / "serial.pdf", force=True, chart_workers=1)
    assert cold.path.read_bytes() == warm.path.read_bytes() == serial.path.read_bytes()


def test_a_rebuild_with_cached_charts_imports_neither_matplotlib_nor_svglib(project: Path) -> None:
    build(project)
    _edit(project / "content" / "brief.yaml", "Mayors Want Federal Partners", "Mayors Want Partners")
    script = (
        "import sys; from pathlib import Path; from brief.building.pipeline import build;"
        f"report = build(Path({str(project)!r}));"
        "assert not report.unchanged;"
        "loaded = sorted(m for m in ('matplotlib', 'svglib') if m in sys.modules);"
        "assert not loaded, loaded"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_crafted_drawing_pickle_cannot_run_code(tmp_path: Path) -> None:
    crafted = pickle.dumps(_Exploit())
    with pytest.raises(pickle.UnpicklingError, match=r"cannot hold (posix|os|nt)\.system"):
        load_drawing(crafted)


class _Exploit:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("echo owned",))


def test_a_crafted_drawing_in_the_cache_is_drawn_again(project: Path, tmp_path: Path, fresh_cache: Path) -> None:
    good = build(project, tmp_path / "good.pdf").path.read_bytes()
    for entry in (fresh_cache / "drawings").iterdir():
        entry.write_bytes(pickle.dumps(_Exploit()))
    again = build(project, tmp_path / "again.pdf", force=True).path.read_bytes()
    assert again == good


# ── finishing in a child process started early gives the bytes finishing here gives ──


def test_a_build_in_a_fresh_process_gives_the_bytes_of_one_in_this_process(project: Path, tmp_path: Path) -> None:
    here = build(project, tmp_path / "here.pdf").path.read_bytes()  # pikepdf imported already: no child
    fresh = tmp_path / "fresh.pdf"
    command = [sys.executable, "-m", "brief", "-q", "build", str(project), "-o", str(fresh)]
    subprocess.run(command, check=True, cwd=ROOT)
    assert fresh.read_bytes() == here


def test_the_chart_cache_keeps_the_most_recently_used_entries(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_cache: Path
) -> None:
    from brief.charts import cache as chart_cache

    build(project, tmp_path / "a.pdf")
    drawings = fresh_cache / "drawings"
    used = {path.name for path in drawings.glob("*.pickle")}
    assert len(used) == 4
    for number in range(6):  # stale entries, as edits of a chart's data leave behind
        stale = drawings / f"stale-{number}.pickle"
        stale.write_bytes(b"old")
        os.utime(stale, ns=(0, number))
    build(project, tmp_path / "b.pdf", force=True)  # reads every drawing: each is marked as just used
    monkeypatch.setattr(chart_cache, "MAX_ENTRIES", len(used) + 2)
    _edit(project / "content" / "data" / "survey-shares.csv", "equipment,97", "equipment,96")
    build(project, tmp_path / "c.pdf")  # draws the edited chart, then keeps the newest six
    remaining = {path.name for path in drawings.glob("*.pickle")}
    assert len(remaining) == len(used) + 2 and used < remaining  # the four in use, and the edited chart
    assert "stale-5.pickle" in remaining and not {f"stale-{n}.pickle" for n in range(5)} & remaining
