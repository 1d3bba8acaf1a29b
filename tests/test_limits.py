"""Limits: very long words, paragraphs and briefs build; blocks that can never fit are located; runaway
briefs stop early. Every build goes through harness.guarded_build (previous PDF kept on failure, nothing
left behind, every PDF read by qpdf, PDFium and pdf.js).
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pypdf
import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT
from harness import guarded_build
from readers import assert_readable, pdftotext, squeezed, words
from test_check_corpus import make_project

from brief.building import pipeline
from brief.cli import cli
from brief.content.convert import MAX_TEXT_LENGTH
from brief.loading import MAX_EXPANDED_CHARS, load_yaml

pytestmark = pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf and poppler are installed by .ci/run")


def edit_yaml(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


def located(path: Path, *keys: str | int) -> str:
    """`path:line:col` of the value at `keys`, as brief's own loader places it."""
    doc, problems = load_yaml(path, str(path))
    assert doc is not None and not problems
    line, col = doc.where(keys)
    return f"{path}:{line}:{col}"


def generated_findings(project: Path, count: int, paragraph: str) -> None:
    """`count` more findings, each a copy of the second default finding with its own id, headline and text."""

    def add(data: dict[str, Any]) -> None:
        model = {k: v for k, v in data["findings"][1].items() if k != "chart"}
        for i in range(count):
            data["findings"].append({**model, "id": f"gen-{i}", "headline": f"Finding {i}", "text": [paragraph]})

    edit_yaml(project / "content" / "findings.yaml", add)


def set_max_pages(project: Path, value: int | None) -> None:
    info = project / "content" / "brief.yaml"
    text = re.sub(r"^max_pages: \d+\n", "" if value is None else f"max_pages: {value}\n", info.read_text(), flags=re.M)
    info.write_text(text, encoding="utf-8")


def test_a_10000_character_word_builds_and_prints_in_full(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    word = "0123456789" * 1000  # digits: no other text of the brief has long runs of them
    edit_yaml(project / "content" / "findings.yaml", lambda d: d["findings"][0]["text"].insert(0, word))
    started = time.monotonic()
    outcome = guarded_build(project)
    assert outcome.code == 0, outcome.stderr
    assert time.monotonic() - started < 30
    assert outcome.pdf is not None
    # Broken across lines and pages, between running headers and footers, but every digit is there.
    text = re.sub(r"Page \d+ of \d+", " ", pdftotext(outcome.pdf))
    assert "".join(re.findall(r"\d{40,}", squeezed(text))) == word


def test_a_10000_character_word_in_a_callout_is_located(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    findings = project / "content" / "findings.yaml"
    edit_yaml(findings, lambda d: d["findings"][0]["stat"].update(label="y" * 10_000))
    outcome = guarded_build(project)
    assert outcome.stderr.splitlines()[0].startswith(
        f"{located(findings, 'findings', 0, 'stat')}: error: this block is "
    )
    assert "cannot fit on any page (shorten its text)" in outcome.stderr


def test_a_long_word_in_a_chart_label_is_broken_in_a_moment(tmp_path: Path) -> None:
    # Each line's cut used to be searched one character at a time, measuring the whole prefix every time:
    # a label of 1,000 characters took half a minute to check, one of 2,000 several minutes.
    project = make_project(tmp_path)
    word = "W" * 1000
    edit_yaml(project / "content" / "charts.yaml", lambda d: d["charts"][1]["data"]["categories"].__setitem__(1, word))
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["check", "--layout", str(project)])
    assert time.monotonic() - started < 10
    charts = project / "content" / "charts.yaml"
    assert result.stderr.startswith(f"{located(charts, 'charts', 1)}: error: this chart is "), result.output
    assert result.exit_code == 1


def test_a_paragraph_longer_than_a_page_splits_across_pages(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    set_max_pages(project, 20)
    paragraph = " ".join(f"word{i:04d}" for i in range(1800))  # about two and a half pages of running text
    edit_yaml(project / "content" / "findings.yaml", lambda d: d["findings"][0]["text"].append(paragraph))
    outcome = guarded_build(project)
    assert outcome.code == 0, outcome.stderr
    assert outcome.pdf is not None
    pages = [re.findall(r"word\d{4}", page.extract_text()) for page in pypdf.PdfReader(outcome.pdf).pages]
    assert " ".join(word for page in pages for word in page) == paragraph  # in full, in order
    holding = [i for i, page in enumerate(pages) if page]
    assert len(holding) >= 3 and holding == list(range(holding[0], holding[-1] + 1))


def test_a_block_that_misses_page_one_but_fits_page_two_builds(tmp_path: Path) -> None:
    """Page 1's frame is shorter (the cover band); a box between the two heights moves on, not fails."""
    project = make_project(tmp_path)

    def tall_sidebar(data: dict[str, Any]) -> None:
        data["sidebars"][0]["place"] = "after-summary"
        data["sidebars"][0]["text"] = [f"Paragraph {i} " + "word " * 110 for i in range(5)]

    edit_yaml(project / "content" / "brief.yaml", tall_sidebar)
    outcome = guarded_build(project)
    assert outcome.code == 0, outcome.stderr


def test_a_sidebar_taller_than_any_page_is_located(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    info = project / "content" / "brief.yaml"
    edit_yaml(info, lambda d: d["sidebars"][0].update(text=[f"Paragraph {i} " + "word " * 150 for i in range(6)]))
    outcome = guarded_build(project)
    assert outcome.stderr.splitlines()[0].startswith(f"{located(info, 'sidebars', 0)}: error: this block is ")
    checked = check(project)  # check finds it too
    assert checked.exit_code == 1 and checked.stderr.splitlines()[0] == outcome.stderr.splitlines()[0]


def test_a_200_page_brief_builds(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    set_max_pages(project, 1000)
    generated_findings(project, 360, "A long finding that goes on and on. " * 60)
    started = time.monotonic()
    outcome = guarded_build(project)
    elapsed = time.monotonic() - started
    assert outcome.code == 0, outcome.stderr
    assert outcome.pdf is not None
    pages = len(pypdf.PdfReader(outcome.pdf).pages)
    assert pages >= 200, pages
    assert elapsed < 60, f"{pages} pages took {elapsed:.0f} s"
    assert "Finding 359" in words(pdftotext(outcome.pdf))


def test_5000_findings_stop_at_the_page_budget_quickly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.platypus.doctemplate import BaseDocTemplate

    project = make_project(tmp_path)
    generated_findings(project, 5000, "Short text.")
    pages_begun = 0
    begin = BaseDocTemplate.handle_pageBegin

    def counted(self: Any) -> None:
        nonlocal pages_begun
        pages_begun += 1
        begin(self)

    monkeypatch.setattr(BaseDocTemplate, "handle_pageBegin", counted)
    outcome = guarded_build(project)
    # Every layout tried stops a page past the budget of 8: all ~900 pages, once for each, took minutes.
    assert 9 <= pages_begun <= 200, pages_begun
    info = project / "content" / "brief.yaml"
    assert outcome.stderr == (
        f"{located(info, 'max_pages')}: error: the brief runs to more than 8 pages; max_pages is 8: "
        "'Key findings' runs past page 8 (shorten the text or raise max_pages)\n1 error.\n"
    )


def test_without_max_pages_layout_stops_at_the_ceiling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "PAGE_CEILING", 3)
    project = make_project(tmp_path)
    set_max_pages(project, None)
    outcome = guarded_build(project)
    info = project / "content" / "brief.yaml"
    assert outcome.stderr == (
        f"{info}:2:1: error: the brief runs to more than 3 pages "
        "(shorten it, or set max_pages to allow up to 1000)\n1 error.\n"
    )


def check(project: Path) -> Any:
    """`brief check PROJECT` as a user runs it; asserts that it answers with no traceback."""
    result = CliRunner().invoke(cli, ["check", str(project)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_aliases_of_a_long_paragraph_stop_at_the_alias_past_the_size_limit(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    findings = project / "content" / "findings.yaml"
    paragraph = "word " * 20_000  # 100,000 characters, in a 1 MB file that expands to 30 MB
    text = findings.read_text(encoding="utf-8")
    text = text.replace("    text:\n      - >-\n", f"    text:\n      - &p '{paragraph}'\n      - >-\n", 1)
    text += "extra:\n" + "  - *p\n" * 300
    findings.write_text(text, encoding="utf-8")
    started = time.monotonic()
    result = check(project)
    assert time.monotonic() - started < 5
    # The paragraph counts where it stands and once per alias; the rest of the file, a few thousand
    # characters, tips the count over the limit at the alias that makes it a whole multiple.
    assert MAX_EXPANDED_CHARS % len(paragraph) == 0
    first = MAX_EXPANDED_CHARS // len(paragraph) - 1
    line = text[: text.index("extra:")].count("\n") + 1 + first
    assert result.stderr == (
        f"{findings}:{line}:5: error: more than {MAX_EXPANDED_CHARS:,} characters once aliases are expanded "
        "(remove the '&anchor' / '*alias' repetition)\n1 error.\n"
    )


#: Ten times what a build of the default brief takes (its peak of virtual memory is about 220 MB).
MEMORY_CAP = 2_000_000_000


def run_capped(*args: str) -> subprocess.CompletedProcess[str]:
    """`brief ARGS` in a process that cannot take more than MEMORY_CAP bytes of memory, or 60 s."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "brief", *args]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, preexec_fn=cap)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_a_3_gb_file_nothing_uses_is_never_read_whole(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    huge = project / "content" / "data" / "archive.csv"
    huge.touch()
    os.truncate(huge, 3 << 30)  # sparse: no disk used
    for _build in ("first", "no-op"):
        started = time.monotonic()
        result = run_capped("build", str(project))
        assert result.returncode == 0, result.stderr
        assert time.monotonic() - started < 30
    assert_readable(project / "output" / "brief.pdf")


def test_an_8_gb_content_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    findings = project / "content" / "findings.yaml"
    os.truncate(findings, 8 << 30)
    expected = f"{findings}:1:1: error: file is 8,589,934,592 bytes; content files are limited to 5,000,000\n1 error.\n"
    for command in ("build", "check"):
        result = run_capped(command, str(project))
        assert (result.returncode, result.stderr) == (1, expected)


def test_a_paragraph_of_megabytes_is_refused_at_once(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    findings = project / "content" / "findings.yaml"
    paragraph = "All work and no play. " * 150_000  # 3.3 MB: laying it out took minutes before it failed
    edit_yaml(findings, lambda d: d["findings"][0]["text"].append(paragraph))
    expected = (
        f"{located(findings, 'findings', 0, 'text', 1)}: error: 'text' is {len(paragraph):,} characters; "
        f"at most {MAX_TEXT_LENGTH:,} fit (split it into shorter paragraphs)\n1 error.\n"
    )
    started = time.monotonic()
    assert (check(project).exit_code, check(project).stderr) == (1, expected)
    assert guarded_build(project).stderr == expected
    assert time.monotonic() - started < 20


def test_a_chart_of_10000_rows_is_blamed_on_its_rows_by_check_and_build_alike(tmp_path: Path) -> None:
    """Not on the theme's padding or columns: the chart is too long, and both commands say so in one line."""
    project = make_project(tmp_path)
    rows = "".join(f"Item {i},{i % 100}\n" for i in range(10_000))
    (project / "content" / "data" / "survey-shares.csv").write_text("finding,share\n" + rows, encoding="utf-8")
    charts = project / "content" / "charts.yaml"
    edit_yaml(charts, lambda d: [d["charts"][0].pop(key, None) for key in ("highlight", "approximate", "wording")])
    checked, built = check(project), guarded_build(project)
    assert checked.exit_code == built.code == 1
    assert checked.stderr == built.stderr
    assert built.stderr.startswith(f"{located(charts, 'charts', 0)}: error: this chart is ")
    assert "fewer categories" in built.stderr and "theme" not in built.stderr
