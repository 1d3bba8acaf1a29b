"""`brief build` read back from the real PDF: what a reader, a viewer and a validator would notice."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from click.testing import CliRunner

from brief.building.pipeline import build
from brief.cli import cli

pytestmark = pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf and poppler are installed by .ci/run")


@pytest.fixture(scope="module")
def default_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import ROOT

    target = tmp_path_factory.mktemp("build") / "brief.pdf"
    build(ROOT, target)
    return target


def text_of(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_cli_build_prints_the_path_and_writes_a_pdf(project: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(project)])
    assert result.exit_code == 0, result.output
    target = project / "output" / "brief.pdf"
    assert result.stdout == f"{target}\n"
    assert target.read_bytes().startswith(b"%PDF-")


def test_sections_appear_in_reading_order(default_pdf: Path) -> None:
    text = " ".join(text_of(default_pdf).split())
    order = [
        "Mayors Want Federal Partners, Not Troops",
        "Executive summary",
        "Key findings",
        "97%",
        "Not one mayor named the National Guard",
        "While violent crime is down",
        "What mayors asked for",
        "Recommendations",
        "About the data",
        "Sources",
        "Suggested citation",
    ]
    position = 0
    for item in order:  # each found after the one before it
        found = text.find(item, position)
        assert found >= 0, f"{item!r} missing or out of order"
        position = found + len(item)


def test_typographic_quotes_and_literal_markup_characters(default_pdf: Path) -> None:
    text = text_of(default_pdf)
    assert "“serious or very serious”" in text
    assert '"serious' not in text


def test_a_headline_reads_the_same_where_a_recommendation_refers_to_it(project: Path) -> None:
    findings = project / "content" / "findings.yaml"
    old = "headline: Not one mayor named the National Guard"
    findings.write_text(findings.read_text().replace(old, "headline: Not one mayor named the 'Guard' -- none", 1))
    text = text_of(build(project).path)
    assert text.count("Not one mayor named the ‘Guard’ — none") == 2  # the heading, and “Rests on”
    assert "'Guard'" not in text


def test_every_font_is_embedded_and_subset(default_pdf: Path) -> None:
    rows = subprocess.run(["pdffonts", str(default_pdf)], capture_output=True, text=True, check=True).stdout
    fonts = [line.split() for line in rows.splitlines()[2:]]
    assert fonts
    for font in fonts:
        assert font[0].split("+")[-1].startswith("Lato"), font
        assert "+" in font[0], f"not subset: {font}"
        assert font[-5] == "yes", f"not embedded: {font}"


def test_outline_mirrors_the_headings(default_pdf: Path) -> None:
    reader = pypdf.PdfReader(default_pdf)
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[:5] == ["Executive summary", "Key findings", *titles[2:5]]
    for expected in ["What mayors asked for", "Recommendations", "About the data", "Sources"]:
        assert expected in titles
    nested = [entry.title for item in reader.outline if isinstance(item, list) for entry in item]
    assert "Not one mayor named the National Guard" in nested


def test_internal_links_resolve_to_the_right_page(default_pdf: Path) -> None:
    reader = pypdf.PdfReader(default_pdf)
    page_index = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    targets = []
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
                dest = annot["/Dest"]
                assert dest[0].idnum in page_index, "link to a page that does not exist"
                targets.append(page_index[dest[0].idnum])
    assert len(targets) >= 10
    # Page 1's first link is the summary's citation: it leads to the numbered endnotes.
    endnotes = reader.pages[targets[0]].extract_text()
    assert "Sources" in endnotes and "1. U.S. Conference of Mayors" in endnotes


def test_metadata_and_title_bar(default_pdf: Path) -> None:
    reader = pypdf.PdfReader(default_pdf)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Mayors Want Federal Partners, Not Troops"
    assert meta.author == "Civic Policy Desk (sample organisation)"
    assert meta.creator.startswith("brief ")
    assert "mayors" in meta["/Keywords"]
    assert meta["/CreationDate"].startswith("D:2025")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-US"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])


def test_running_header_and_page_x_of_y(default_pdf: Path) -> None:
    reader = pypdf.PdfReader(default_pdf)
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, 1):
        assert f"Page {number} of {total}" in page.extract_text()
    assert (
        "Mayors Want Federal Partners"
        in reader.pages[1].extract_text().splitlines()[0] + reader.pages[1].extract_text()
    )


def test_qpdf_finds_no_damage(default_pdf: Path) -> None:
    result = subprocess.run(["qpdf", "--check", str(default_pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_page_budget(default_pdf: Path) -> None:
    assert 3 <= len(pypdf.PdfReader(default_pdf).pages) <= 8


def test_no_text_outside_the_page_or_overlapping(default_pdf: Path) -> None:
    with pdfplumber.open(default_pdf) as pdf:
        for page in pdf.pages:
            for char in page.chars:
                assert char["x0"] >= 0 and char["x1"] <= page.width, (page.page_number, char["text"])
                assert char["top"] >= 0 and char["bottom"] <= page.height, (page.page_number, char["text"])
            words = page.extract_words()
            for a, b in itertools.combinations(words, 2):
                overlap_x = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
                overlap_y = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                assert overlap_x < 1 or overlap_y < 1, (page.page_number, a["text"], b["text"])


def test_rebuild_is_byte_identical(project: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    build(project, first)
    env = {**os.environ, "PYTHONHASHSEED": "123"}
    subprocess.run(
        [os.sys.executable, "-m", "brief", "build", str(project), "-o", str(second)],
        check=True,
        env=env,
        capture_output=True,
    )
    assert first.read_bytes() == second.read_bytes()


def test_a4_theme_builds_on_a4(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "a4.pdf"
    build(project, target, style="a4-print")
    box = pypdf.PdfReader(target).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_failed_build_leaves_the_previous_pdf_untouched(project: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(project)]).exit_code == 0
    target = project / "output" / "brief.pdf"
    before = target.read_bytes()
    findings = project / "content" / "findings.yaml"
    findings.write_text(findings.read_text().replace("chart: partnerships", "chart: no-such-chart"))
    result = runner.invoke(cli, ["build", str(project)])
    assert result.exit_code == 1
    assert "error: unknown chart id 'no-such-chart'" in result.stderr
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["brief.pdf"]


def test_missing_glyph_is_a_located_error(project: Path) -> None:
    findings = project / "content" / "findings.yaml"
    findings.write_text(findings.read_text().replace("shown: 97%", "shown: 97% ☃"))
    result = CliRunner().invoke(cli, ["build", str(project)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{findings}:7:14: error: font 'Lato' has no glyph for '☃' (U+2603) "
        "(use another character or a theme font that has it)"
    )


def test_a_glyph_only_the_heading_font_lacks_names_the_heading_font() -> None:
    from brief.loading import Document
    from brief.theme.glyphs import glyph_problems

    doc = Document("findings.yaml", {"title": "Café"}, values={("title",): (3, 8)})
    with_accents, without = frozenset(map(ord, "Café")), frozenset(map(ord, "Caf"))
    problems = glyph_problems({"findings.yaml": doc}, [("Body Sans", with_accents), ("Head Serif", without)])
    assert [p.format() for p in problems] == [
        "findings.yaml:3:8: error: font 'Head Serif' has no glyph for 'é' (U+00E9) "
        "(use another character or a theme font that has it)"
    ]


def test_page_budget_exceeded_is_a_located_error(project: Path) -> None:
    info = project / "content" / "brief.yaml"
    info.write_text(info.read_text().replace("max_pages: 8", "max_pages: 2"))
    result = CliRunner().invoke(cli, ["build", str(project)])
    assert result.exit_code == 1
    assert f"{info}:" in result.stderr and "max_pages is 2" in result.stderr


def test_block_taller_than_a_page_is_a_located_error(project: Path) -> None:
    info = project / "content" / "brief.yaml"
    long = "\n".join(f"      - Paragraph {i} " + "word " * 120 for i in range(6))
    info.write_text(
        info.read_text().replace(
            "    place: after-requests\n    text:\n", f"    place: after-requests\n    text:\n{long}\n"
        )
    )
    result = CliRunner().invoke(cli, ["build", str(project)])
    assert result.exit_code == 1
    line = result.stderr.splitlines()[0]
    assert line.startswith(f"{info}:") and "cannot fit on any page" in line
    assert "Traceback" not in result.output
