"""Briefs of every shape, in both shipped themes, come out designed: tests/briefs/ holds briefs written as
other authors write them (2 pages and 12, tables of 60 rows, every chart kind, no charts, no stats...).

Each is built with `--strict`, so any layout rule the build's own checker finds fails it; then the pages are
measured with pdfplumber (page_geometry.py), independently of that checker: no page under half full, no
heading near a page's foot without lines of its text after it, every table continued onto a page under its
"(continued)" caption with its header row, and every heading and source title printed.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml
from page_geometry import Page, headings, overlapping_words, read_pages

from brief.building.pipeline import build
from brief.content import markup
from brief.content.model import Brief
from brief.content.validate import Checked, check_project

BRIEFS = Path(__file__).parent / "briefs"
CORPUS = sorted(p.name for p in BRIEFS.iterdir() if (p / "content").is_dir())
NAMES = ["the default brief", *CORPUS]
#: Each brief in both shipped themes, and the default theme on A4 paper (paper apart from theme).
THEMES = ["default", "a4-print", "default on a4"]
CASES = [(name, theme) for name in NAMES for theme in THEMES]
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Path, list[Page], Path]]:
    """Each brief built in each theme, strictly: (the PDF, its measured pages, the project)."""
    results = {}
    for name in NAMES:
        project = tmp_path_factory.mktemp(name) / name
        content = ROOT / "content" if name == "the default brief" else BRIEFS / name / "content"
        shutil.copytree(content, project / "content")
        for theme in THEMES:
            style, _, paper = theme.partition(" on ")
            report = build(project, project / "output" / f"{theme}.pdf", style, strict=True, paper=paper or None)
            checked = _checked(project, theme)
            assert checked.theme is not None
            results[name, theme] = (report.path, read_pages(report.path, checked.theme), project)
    return results


def test_the_corpus_has_every_shape_the_layout_must_handle() -> None:
    assert len(CORPUS) >= 10


@pytest.mark.parametrize("theme", THEMES[:2])
def test_the_default_brief_fits_five_pages(built: dict, theme: str) -> None:  # type: ignore[type-arg]
    _, pages, _ = built["the default brief", theme]
    assert len(pages) <= 5


@pytest.mark.parametrize(("name", "theme"), CASES)
def test_no_page_is_under_half_full(built: dict, name: str, theme: str) -> None:  # type: ignore[type-arg]
    _, pages, _ = built[name, theme]
    thin = [(page.number, round(page.fill, 2)) for page in pages if page.fill < 0.5]
    assert not thin, f"{name} ({theme}): pages under half full: {thin}"


@pytest.mark.parametrize(("name", "theme"), CASES)
def test_no_stream_ends_in_a_cr_that_a_validator_would_take_for_its_end_of_line(
    built: dict, name: str, theme: str
) -> None:  # type: ignore[type-arg]
    pdf, _, _ = built[name, theme]
    assert b"\r\nendstream" not in pdf.read_bytes()


@pytest.mark.parametrize(("name", "theme"), CASES)
def test_no_text_is_set_over_other_text(built: dict, name: str, theme: str) -> None:  # type: ignore[type-arg]
    pdf, _, _ = built[name, theme]
    assert overlapping_words(pdf) == [], f"{name} ({theme})"


@pytest.mark.parametrize(("name", "theme"), CASES)
def test_no_heading_sits_at_a_page_foot_without_its_text(built: dict, name: str, theme: str) -> None:  # type: ignore[type-arg]
    _, pages, project = built[name, theme]
    sizes = _checked(project, theme).theme.sizes  # type: ignore[union-attr]
    for page in pages:
        foot = page.frame_bottom - 0.15 * (page.frame_bottom - page.frame_top)
        for heading in headings(page, (float(sizes.h1), float(sizes.h2))):
            if heading.bottom < foot:
                continue
            after = [line for line in page.lines if line.top > heading.bottom and not line.bold]
            assert len(after) >= 2, f"{name} ({theme}) page {page.number}: '{heading.text}' has no text after it"


@pytest.mark.parametrize(("name", "theme"), CASES)
def test_a_table_continued_on_a_page_repeats_its_header_under_continued(built: dict, name: str, theme: str) -> None:  # type: ignore[type-arg]
    _, pages, project = built[name, theme]
    texts = ["\n".join(line.text for line in page.lines) for page in pages]
    brief = _checked(project, theme).brief
    assert brief is not None
    # 'Table 1. Title' and '(continued)' in the brief's language: 'Tableau 1. Title', '(suite)' in French
    label = re.escape(brief.locale.text("table_title", number="NUMBER", title="")).replace("NUMBER", r"\d+")
    continued = brief.locale.text("continued", title="").strip()
    for title, header, rows in _tables(project):
        first = next((i for i, text in enumerate(texts) if re.search(label + re.escape(title), text)), None)
        assert first is not None, f"{name}: table '{title}' is not printed"
        last = max((i for i, text in enumerate(texts) if re.search(rf"^{re.escape(rows[-1])}", text, re.M)), default=0)
        for i in range(first + 1, last + 1):
            assert continued in texts[i] and title in texts[i], f"{name} ({theme}) page {i + 1}: no caption"
            assert header in texts[i], f"{name} ({theme}) page {i + 1}: the header row is not repeated"


@pytest.mark.parametrize(("name", "theme"), CASES)
def test_every_heading_and_source_title_is_printed(built: dict, name: str, theme: str) -> None:  # type: ignore[type-arg]
    pdf, _pages, project = built[name, theme]
    import subprocess

    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    findings = yaml.safe_load((project / "content" / "findings.yaml").read_text())
    sources = yaml.safe_load((project / "content" / "sources.yaml").read_text())
    for finding in findings["findings"]:
        assert _words(finding["headline"])[:6] in _words(text), f"{name}: headline '{finding['headline']}' missing"
    for source in sources["sources"]:
        assert _words(source["title"])[:6] in _words(text), f"{name}: source '{source['title']}' missing"


def _words(text: str) -> str:
    """Text as comparable words: no markup, quotes or hyphenation."""
    plain = "".join(ch for ch in text.replace("’", "'").replace("“", '"').replace("”", '"') if ch not in "*_\u00ad")
    return " ".join(plain.replace('"', "").replace("'", "").split())


def _tables(project: Path) -> list[tuple[str, str, list[str]]]:
    """Each table's title (its start), its header's first cell and its rows' first cells (their start)."""
    path = project / "content" / "charts.yaml"
    if not path.exists():
        return []
    tables = []
    for chart in yaml.safe_load(path.read_text())["charts"]:
        if chart.get("type") != "table":
            continue
        if "csv" in chart:
            with (project / "content" / chart["csv"]["path"]).open(newline="") as handle:
                rows = [row[chart["csv"]["category"]] for row in csv.DictReader(handle)]
        else:
            rows = [str(c) for c in chart["data"]["categories"]]
        tables.append((chart["title"][:25], str(chart.get("x_label", ""))[:15], [r[:12] for r in rows]))
    return tables


@pytest.mark.parametrize(("name", "theme"), CASES)
def test_every_piece_of_prose_the_content_holds_is_printed(built: dict, name: str, theme: str) -> None:  # type: ignore[type-arg]
    pdf, pages, project = built[name, theme]
    printed = _comparable(" ".join(_frame_text(pdf, page) for page in pages) + " " + _all_text(pdf))
    brief = _checked(project, theme).brief
    assert brief is not None
    missing = [chunk for text in _prose(brief) for chunk in _chunks(text) if not _printed(_comparable(chunk), printed)]
    assert missing == [], f"{name} ({theme}): not printed"


def _checked(project: Path, theme: str) -> Checked:
    """The project checked as one of THEMES builds it: a theme, and perhaps a paper."""
    style, _, paper = theme.partition(" on ")
    return check_project(project, style, paper or None)


def _printed(chunk: str, printed: str) -> bool:
    """`chunk` is in `printed`, whole or in two parts: a paragraph that a page break, with a figure floated
    to the top of the next page, cuts in two."""
    if chunk in printed:
        return True
    words = chunk.split(" ")
    return any(" ".join(words[:k]) in printed and " ".join(words[k:]) in printed for k in range(1, len(words)))


def _prose(brief: Brief) -> list[str]:
    """Every piece of prose the content holds: headings, paragraphs, quotes, captions, labels, sources."""
    info = brief.info
    texts = [info.title, info.subtitle, *info.summary, *info.methodology, *info.about]
    texts += [part for q in info.quotes for part in (q.text, q.attribution, q.role)]
    texts += [part for box in info.sidebars for part in (box.title, *box.text)]
    for finding in brief.findings.findings:
        texts += [finding.headline, *finding.text, *([finding.stat.label] if finding.stat else [])]
    texts += [part for r in brief.requests.requests for part in (r.headline, r.text)]
    texts += [*brief.requests.intro, *brief.requests.outro, *brief.recommendations.intro]
    texts += [part for r in brief.recommendations.recommendations for part in (r.title, r.text)]
    shown = {f.chart for f in brief.findings.findings} | {info.methodology_figure}
    for chart in brief.charts.charts:
        if chart.id in shown:
            texts += [chart.title, chart.subtitle, chart.caption, chart.notes]
    texts += [part for s in brief.sources.sources for part in (s.publisher, s.title, s.note)]
    return [text for text in texts if text]


def _chunks(text: str) -> list[str]:
    """`text` as the reader sees it, cut where a citation prints as a number."""
    chunks, current = [], ""
    for span in markup.parse(text).spans:
        if span.kind == "cite":
            chunks.append(current)
            current = ""
        else:
            current += markup.plain_span(span)
    return [chunk for chunk in [*chunks, current] if len(chunk.strip()) > 2]


def _frame_text(pdf: Path, page: Page) -> str:
    """The page's text inside its frame (no running header or footer), in the order it was drawn."""
    top, height = int(page.frame_top) - 2, int(page.frame_bottom - page.frame_top) + 4
    command = ["pdftotext", "-raw", "-f", str(page.number), "-l", str(page.number), "-x", "0", "-y", str(top)]
    command += ["-W", "2000", "-H", str(height), str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _all_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _comparable(text: str) -> str:
    """Text with typography undone and white space collapsed: how two renderings of it compare."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = re.sub(r"«\s*", "«", re.sub(r"\s*»", "»", text))  # French sets a space inside its quotation marks
    for fancy, plain in (("‘’", "'"), ("“”«»„", '"'), ("–—−", "-")):
        for ch in fancy:
            text = text.replace(ch, plain)
    return " ".join(text.replace("…", "...").split())
