"""Fast rebuilds stay correct: an unchanged brief is not rebuilt, any changed input is, and every shortcut
(cached drawings, parallel charts, draft layout passes) gives the bytes a full build gives."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from brief.ahead import Ahead
from brief.chart_render import load_drawing
from brief.cli import cli
from brief.passes import MAX_PASSES, Layout, settle
from brief.pipeline import build

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


def test_cold_parallel_build_and_cached_build_give_the_same_bytes(project: Path, tmp_path: Path) -> None:
    cold = build(project, tmp_path / "cold.pdf", chart_workers=2)  # four charts missing: drawn by a pool
    assert (project / ".brief-cache" / "drawings").is_dir()
    warm = build(project, tmp_path / "warm.pdf", force=True)
    serial = build(project, tmp_path / "serial.pdf", force=True, chart_workers=1)
    assert cold.path.read_bytes() == warm.path.read_bytes() == serial.path.read_bytes()


def test_a_rebuild_with_cached_charts_imports_neither_matplotlib_nor_svglib(project: Path) -> None:
    build(project)
    _edit(project / "content" / "brief.yaml", "Mayors Want Federal Partners", "Mayors Want Partners")
    script = (
        "import sys; from pathlib import Path; from brief.pipeline import build;"
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


def test_a_crafted_drawing_in_the_cache_is_drawn_again(project: Path, tmp_path: Path) -> None:
    good = build(project, tmp_path / "good.pdf").path.read_bytes()
    for entry in (project / ".brief-cache" / "drawings").iterdir():
        entry.write_bytes(pickle.dumps(_Exploit()))
    again = build(project, tmp_path / "again.pdf", force=True).path.read_bytes()
    assert again == good


# ── settling the layout: the shortcuts give exactly what the plain multi-pass loop gives ──


def _reference(lay_out: object, toc_min: int) -> tuple[bytes, Layout]:
    """The plain loop: pass 1 without TOC; then each pass fed the last one's layout, until one repeats it."""
    pages, toc = 0, ()
    for number in range(1, MAX_PASSES + 1):
        shown = toc if number > 1 and pages >= toc_min else None
        result = lay_out(shown)  # type: ignore[operator]
        settled = result == Layout(pages, toc)
        data = _bytes(pages or None, shown, result)
        pages, toc = result.pages, result.headings
        if settled or number == MAX_PASSES:
            return data, result
    raise AssertionError


def _bytes(total: int | None, toc: object, result: Layout) -> bytes:
    return repr((total, toc, result)).encode()


def _fake(scenario: str) -> object:
    """How many pages and where the one heading lands, given the TOC shown (None: no TOC)."""

    def lay_out(toc: tuple[object, ...] | None) -> Layout:
        if scenario == "short":
            return Layout(2, ((0, "A", 2, "a"),))
        if scenario == "toc adds a page":
            return Layout(5, ((0, "A", 5, "a"),)) if toc is not None else Layout(4, ((0, "A", 4, "a"),))
        if scenario == "toc page numbers move it":
            page = 4 + (len(toc) if toc else 0) + (toc[0][2] % 2 if toc else 0)  # type: ignore[index]
            return Layout(page, ((0, "A", page, "a"),))
        return Layout(4, ((0, "A", 3, "a"),))  # "toc changes nothing"

    return lay_out


@pytest.mark.parametrize("scenario", ["short", "toc adds a page", "toc page numbers move it", "toc changes nothing"])
@pytest.mark.parametrize("hint_kind", ["none", "right", "wrong pages", "short"])
def test_settle_gives_the_plain_loops_bytes_whatever_the_hint(scenario: str, hint_kind: str) -> None:
    lay_out = _fake(scenario)
    expected, final = _reference(lay_out, toc_min=4)
    hint = {
        "none": None,
        "right": final,
        "wrong pages": Layout(final.pages + 1, final.headings),
        "short": Layout(2, ()),
    }[hint_kind]
    calls = []

    def run(total: int | None, toc: object, draft: bool) -> tuple[Layout, bytes | None]:
        result = lay_out(toc)  # type: ignore[operator]
        calls.append(draft)
        return result, None if draft else _bytes(total, toc, result)

    data, layout = settle(run, 4, hint)
    assert (data, layout) == (expected, final)
    if hint_kind == "right" and scenario == "short":
        assert calls == [False]  # one pass, in full: the hint proposed the right page total


def test_the_default_brief_is_byte_identical_with_a_right_a_wrong_or_no_layout_hint(project: Path) -> None:
    pdf = project / "output" / "brief.pdf"
    stamps = project / ".brief-cache" / "builds"
    plain = build(project).path.read_bytes()  # no hint: every pass from scratch
    # The right hint: the last pass is run ahead, and finished, in a child process.
    ahead = build(project, force=True, chart_workers=2)
    assert ahead.path.read_bytes() == plain
    assert "finishing" not in ahead.timings
    _edit(project / "content" / "brief.yaml", "Mayors Want Federal Partners", "Mayors Want Partners")
    hinted = build(project).path.read_bytes()  # the previous layout as hint, now (slightly) wrong
    for stamp in stamps.iterdir():
        stamp.unlink()
    assert build(project).path.read_bytes() == hinted == pdf.read_bytes()


def test_a_pass_run_ahead_is_used_only_for_its_own_input_and_a_failure_is_no_result() -> None:
    ahead = Ahead(("pages", None), lambda: ("layout", b"%PDF"))
    assert ahead.result(("other", None)) is None
    assert ahead.result(("pages", None)) == ("layout", b"%PDF")
    assert Ahead("key", lambda: (1 / 0, b"")).result("key") is None
    slow = Ahead("key", lambda: (time.sleep(60), b""))
    start = time.perf_counter()
    slow.stop()
    assert time.perf_counter() - start < 10
