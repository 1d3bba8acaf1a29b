"""Page numbers that depend on the finished layout — footers and the TOC — are right after one layout pass."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypdf
import pytest

from brief.building.pipeline import build
from brief.pdf import document
from brief.pdf import layout as layout_pass


def _page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def _outline_pages(pdf: Path) -> dict[str, int]:
    reader = pypdf.PdfReader(pdf)
    return {
        item.title: reader.get_destination_page_number(item) + 1
        for item in reader.outline
        if not isinstance(item, list)
    }


@pytest.fixture
def passes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the layout passes of each build made while it is in use; one candidate layout only."""
    monkeypatch.setattr(layout_pass, "SPACINGS", (1.0,))
    monkeypatch.setattr(layout_pass, "SECTIONS_TO_MOVE", 0)
    laid: list[int] = []
    build_once = document.BriefDocument.build

    def counted(self: document.BriefDocument, flowables: list[object]) -> None:
        laid.append(1)
        build_once(self, flowables)  # type: ignore[arg-type]

    monkeypatch.setattr(document.BriefDocument, "build", counted)
    return laid


def test_every_footer_and_toc_entry_shows_the_page_it_points_at_after_one_pass(
    project: Path, passes: list[int]
) -> None:
    pdf = build(project, force=True).path
    assert len(passes) == 1
    pages = _page_texts(pdf)
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in text
    outline = _outline_pages(pdf)
    toc = pages[0][pages[0].index("In this brief") :]
    listed = 0
    for title, page in outline.items():
        if title == "Executive summary" or len(title) > 30:  # long titles wrap in the narrow TOC column
            continue
        assert re.search(rf"{re.escape(title)}\s+{page}\b", toc), f"TOC entry for {title!r} should say page {page}"
        listed += 1
    assert listed >= 4


def test_a_toc_entry_follows_its_section_when_an_edit_moves_it(project: Path) -> None:
    brief_yaml = project / "content" / "brief.yaml"
    before = _outline_pages(build(project, force=True).path)
    text = brief_yaml.read_text()
    summary = re.search(r"^summary:\n((?:  .*\n|\n)+)", text, re.MULTILINE)
    assert summary is not None
    longer = summary.group(0) + summary.group(1)  # the summary twice over pushes everything down
    brief_yaml.write_text(text.replace(summary.group(0), longer, 1))
    pdf = build(project).path
    after = _outline_pages(pdf)
    assert after["Sources"] > before["Sources"]
    assert re.search(rf"Sources\s+{after['Sources']}\b", _page_texts(pdf)[0])


def test_a_brief_shorter_than_toc_min_pages_has_no_toc(project: Path, passes: list[int]) -> None:
    (project / "styles" / "short-toc.yaml").write_text("extends: default\nlayout:\n  toc_min_pages: 7\n")
    pdf = build(project, style="short-toc", force=True).path
    assert len(passes) == 2  # laid out with the TOC, found too short for one, laid out without
    pages = _page_texts(pdf)
    assert "In this brief" not in pages[0]
    assert f"Page 1 of {len(pages)}" in pages[0]


def _line_tops(pdf: Path, page: int) -> dict[str, float]:
    """The top of each line of text on `page` (from 1), as a share of the page's height from its top."""
    box = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', box).group(1))  # type: ignore[union-attr]
    tops = {}
    for match in re.finditer(r'<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(.*?)</line>', box, re.S):
        text = " ".join(re.findall(r">([^<]+)</word>", match.group(2)))
        tops.setdefault(text, float(match.group(1)) / height)
    return tops


def test_the_back_matter_flows_after_the_sources_on_a_well_filled_last_page(project: Path) -> None:
    pdf = build(project).path
    pages = len(pypdf.PdfReader(pdf).pages)
    assert pages <= 5
    tops = _line_tops(pdf, pages)
    about = next(top for text, top in tops.items() if text.startswith("About Civic"))
    last_source = max(top for text, top in tops.items() if re.match(r"\d+\. ", text))
    citation = next(top for text, top in tops.items() if text == "Suggested citation")
    # Right after the sources, not pinned to the foot with the page above it empty.
    assert last_source < about < last_source + 0.12 < citation, tops
