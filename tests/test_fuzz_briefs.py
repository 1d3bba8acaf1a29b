"""Whole random briefs, written from scratch: valid ones pass and build, nearly valid ones come back located.

The strategies (brief_strategies.py) draw all six content files: random numbers of findings, requests,
recommendations, charts and sources, random ids and cross-references, random text with markup-like
characters, random chart types and data. `check_project` never raises; a valid brief has no errors; a
nearly valid one has located problems only; and a built brief is a PDF that qpdf, PDFium and pdf.js read,
with its title and first headline in the text.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from brief_strategies import Files, briefs, nearly_valid_briefs
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from readers import assert_pdfjs_reads, assert_readable, pdftotext, squeezed, words
from test_check_corpus import BASE

from brief.building.pipeline import build
from brief.content import markup
from brief.content.model import CONTENT_FILES
from brief.content.validate import Checked, check_project
from brief.errors import BriefError

COMMON: dict[str, Any] = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
}
#: Checking is cheap: 200 valid and 200 nearly valid briefs take about half a minute together.
CHECKS = settings(max_examples=200, **COMMON)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
#: Building costs about half a second a brief (more when charts must be drawn).
BUILDS = settings(max_examples=40, **COMMON)
NEARLY_BUILDS = settings(max_examples=10, **COMMON)
#: 150 random themes. With test_fuzz_content.py's 300 damaged copies of the default brief, CI runs 900 examples.
THEMES = settings(max_examples=150, **COMMON)


def write_project(root: Path, files: Files) -> Path:
    """A project holding exactly `files` (written as YAML), with the repository's themes."""
    project = root / "brief-project"
    (project / "content").mkdir(parents=True)
    shutil.copytree(ROOT / "styles", project / "styles")
    for name, data in files.items():
        text = yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=100)
        (project / "content" / name).write_text(text, encoding="utf-8")
    return project


def assert_located(checked: Checked, project: Path) -> None:
    for problem in checked.problems:
        assert problem.path.startswith(str(project)), problem
        assert Path(problem.path).name in CONTENT_FILES or problem.path.endswith(".csv"), problem
        assert problem.line >= 1 and problem.col >= 1, problem
        assert "\n" not in problem.format(), problem


@CHECKS
@given(briefs())
def test_a_valid_random_brief_passes_check(files: Files) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = write_project(Path(tmp), files)
        checked = check_project(project)
        assert_located(checked, project)
        assert checked.errors == [], [p.format() for p in checked.errors]
        assert checked.brief is not None


@CHECKS
@given(nearly_valid_briefs())
def test_a_nearly_valid_random_brief_is_reported_located(files: Files) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = write_project(Path(tmp), files)
        checked = check_project(project)
        assert_located(checked, project)
        assert (checked.brief is None) == bool(checked.errors)


THEME_KEYS = {
    "page": ["size", "gutter", "cover_band", "margins"],
    "fonts": ["body", "heading"],
    "sizes": ["body", "leading", "small", "title", "stat", "chart"],
    "colours": ["text", "muted", "primary", "page", "panel"],
    "spacing": ["paragraph", "section", "padding"],
    "chart": ["palette", "width", "bar_height", "height", "highlight"],
    "layout": ["toc_min_pages", "stat_columns", "email_budget"],
}
theme_values = st.one_of(
    st.sampled_from(["10pt", "0pt", "-1pt", "1e9pt", "72pt", "3in", "2.5cm", "12mm", "9px", "10em", "ten", ""]),
    st.sampled_from(["#000000", "#ffffff", "#16365c", "#fff", "navy", "Lato", "Atkinson Hyperlegible", "Nope"]),
    st.sampled_from(["letter", "a4", "a5", {"left": "4in", "right": "4in"}, {"top": "-1in"}, ["#000000", "red"]]),
    st.none(),
    st.booleans(),
    st.integers(-10, 10_000),
    st.floats(allow_nan=True, allow_infinity=True),
)


@st.composite
def theme_overlays(draw: st.DrawFn) -> dict[str, Any]:
    """A theme that extends the default and sets a few random keys to random values, sensible or not."""
    theme: dict[str, Any] = {"extends": draw(st.sampled_from(["default", "default", "a4-print", "house", "nope"]))}
    for _ in range(draw(st.integers(1, 5))):
        section = draw(st.sampled_from(sorted(THEME_KEYS)))
        if draw(st.integers(0, 9)) == 0:
            theme[section] = draw(theme_values)  # a whole section replaced by one value
        elif isinstance(theme.get(section, {}), dict):
            theme.setdefault(section, {})[draw(st.sampled_from(THEME_KEYS[section]))] = draw(theme_values)
    return theme


@THEMES
@given(theme_overlays())
def test_a_random_theme_is_checked_never_raised(theme: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "brief-project"
        shutil.copytree(BASE / "content", project / "content")
        shutil.copytree(ROOT / "styles", project / "styles")
        house = project / "styles" / "house.yaml"
        house.write_text(yaml.dump(theme, Dumper=DUMPER, allow_unicode=True), encoding="utf-8")
        checked = check_project(project, str(house))
        for problem in checked.problems:  # in a theme file (a contrast may point at the base theme) or content
            assert problem.path.startswith((str(project), "<built-in>/")), problem
            assert problem.line >= 1, problem
        house_errors = [p for p in checked.problems if p.path == str(house) and p.is_error]
        if checked.theme is None:  # the theme could not be read: its file says why
            assert house_errors
        if house_errors:  # a theme that reads but fails a check (white text on white, say) never builds
            assert checked.brief is None


def shown(value: object) -> str:
    """How a literal text (title, headline) reads in the PDF: typographic quotes, white space collapsed.

    A number or yes/no where text belongs is shown as it was written (`title: -2` is the title "-2").
    """
    text = value if isinstance(value, str) else yaml.dump(value, Dumper=DUMPER).splitlines()[0]
    return words(markup.plain(markup.escape_markup(text)))


def as_poppler_joins(text: str) -> str:
    """Text without white space or hyphens: pdftotext joins a line that ends in a hyphen to the next one and
    drops the hyphen, so a headline `it's -` above the line `mayors` reads `it's mayors`."""
    return squeezed(text).replace("-", "")


def built(files: Files, tmp: Path, read: dict[Path, int]) -> Path | None:
    """Build `files`; the PDF, or None when the build reported located problems (and wrote nothing).

    Each PDF goes into `read` (path → pages) for one pdf.js run over them all: starting node once per
    example would double the time these tests take.
    """
    project = write_project(Path(tempfile.mkdtemp(dir=tmp)), files)
    target = project / "output" / "brief.pdf"
    try:
        build(project, target)
    except BriefError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.path.startswith(str(project)) and problem.message, problem
        assert not target.exists()
        return None
    read[target] = assert_readable(target, render=False, pdfjs=False)
    text = as_poppler_joins(pdftotext(target))
    assert as_poppler_joins(shown(files["brief.yaml"]["title"])) in text
    assert as_poppler_joins(shown(files["findings.yaml"]["findings"][0]["headline"])) in text
    return target


def test_a_valid_random_brief_builds(tmp_path: Path) -> None:
    read: dict[Path, int] = {}

    @BUILDS
    @given(briefs(max_findings=5, max_charts=2))
    def build_one(files: Files) -> None:
        assert built(files, tmp_path, read) is not None

    build_one()
    assert_pdfjs_reads(read)


def test_a_nearly_valid_random_brief_builds_or_is_reported(tmp_path: Path) -> None:
    read: dict[Path, int] = {}

    @NEARLY_BUILDS
    @given(nearly_valid_briefs())
    def build_one(files: Files) -> None:
        built(files, tmp_path, read)

    build_one()
    assert_pdfjs_reads(read)


def test_the_smallest_brief_builds(tmp_path: Path) -> None:
    read: dict[Path, int] = {}
    assert built(_smallest(), tmp_path, read) is not None
    assert_pdfjs_reads(read)


def _smallest() -> Files:
    source = {"id": "s", "title": "T", "publisher": "P"}
    finding = {"id": "f", "headline": "H", "stat": {"shown": "1%", "label": "L"}, "text": ["x"], "sources": ["s"]}
    return {
        "brief.yaml": {"title": "Smallest brief", "organisation": {"name": "O"}, "date": "2025", "summary": ["S"]},
        "findings.yaml": {"findings": [finding]},
        "requests.yaml": {"requests": [{"id": "r", "headline": "R", "text": "t", "sources": ["s"]}]},
        "recommendations.yaml": {"recommendations": [{"id": "c", "title": "C", "text": "t", "findings": ["f"]}]},
        "charts.yaml": {"charts": []},
        "sources.yaml": {"sources": [source]},
    }
