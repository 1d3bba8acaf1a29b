"""Tagged (PDF/UA-1) and archival (PDF/A-2b) output, checked by independent validators and read back."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import page
import pikepdf
import pikepdf.pdfa
import pypdf
import pypdfium2
import pytest
from conftest import ROOT
from structure import read_structure, reading_order

from brief.building.pipeline import build, render_pdf
from brief.content.validate import check_project
from brief.theme.model import load_theme

#: pikepdf's allowlist validator does not read XMP extension schemas (its docs say so), yet PDF/A-2 needs one
#: to declare pdfuaid:part; page-validation, which checks the rule itself, accepts it.
PIKEPDF_XMP_EXTENSION_FALSE_ALARMS = ("XMP namespace pdfa", "XMP property pdfuaid:part", "XMP property pdfaExtension")


@pytest.fixture(scope="module", params=["default", "a4-print"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("a11y") / f"{request.param}.pdf"
    build(ROOT, target, style=request.param)
    return target


@pytest.mark.parametrize("profile", ["ua1", "2b"])
def test_page_validation_finds_no_failed_rule(built: Path, profile: str) -> None:
    report = page.validate_pdf(str(built), profile=profile)
    assert [f"{f.rule_id}: {f.message}" for f in report.failures] == []
    assert report.is_compliant


def test_pikepdf_pdfa_check_finds_no_violation(built: Path) -> None:
    with pikepdf.open(built) as pdf:
        findings = pikepdf.pdfa.check(pdf, "2b").findings
    violations = [
        f.message
        for f in findings
        if f.kind == "violation" and not f.message.startswith(PIKEPDF_XMP_EXTENSION_FALSE_ALARMS)
    ]
    assert violations == []


def test_screen_reader_order_reads_as_the_brief_does(built: Path) -> None:
    spoken = reading_order(read_structure(built))
    expected_in_order = [
        "H1: Mayors Want Federal Partners, Not Troops",
        "H2: Executive summary",
        "P: In this brief",
        "P: Key findings",
        "H2: Key findings",
        "P: 97%",
        "H3: Almost every mayor wants more grants for police technology",
        "Figure: Horizontal bar chart of shares of 60 mayors",
        "P: Source: U.S. Conference of Mayors; POLITICO.",
        "H3: Not one mayor named the National Guard",
        "P: “While violent crime is down",
        "H2: What mayors asked for",
        "P: Grants for police technology and equipment",
        "P: Context",
        "H2: Recommendations",
        "P: Restore terminated or cut federal grants.",
        "H2: About the data",
        "H2: Sources",
        "Note: 1. U.S. Conference of Mayors",
        "P: Suggested citation",
    ]
    position = 0
    for item in expected_in_order:
        found = spoken.find(item, position)
        assert found >= 0, f"{item!r} missing or out of order"
        position = found + len(item)
    assert "Page 1 of" not in spoken, "page furniture must be an artifact"


def test_structure_uses_the_right_elements(built: Path) -> None:
    elements = read_structure(built).walk()
    roles = [e.role for e in elements]
    assert roles.count("H1") == 1
    for kind in (
        "Sect",
        "L",
        "LI",
        "Lbl",
        "LBody",
        "BlockQuote",
        "TOC",
        "TOCI",
        "Note",
        "Link",
        "Figure",
        "Table",
        "TR",
        "TH",
        "TD",
    ):
        assert kind in roles, kind
    levels = [int(role[1]) for role in roles if role in ("H1", "H2", "H3")]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), "a heading level is skipped"


def test_every_figure_has_alt_text_unlike_its_caption(built: Path) -> None:
    brief = check_project(ROOT).brief
    assert brief is not None
    figures = [e for e in read_structure(built).walk() if e.role == "Figure"]
    assert len(figures) == 4
    captions = {chart.caption for chart in brief.charts.charts}
    for figure in figures:
        assert len(figure.alt) > 40
        assert figure.alt not in captions


def test_links_are_tagged_and_described(built: Path) -> None:
    with pikepdf.open(built) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en-US"
        for number, pdf_page in enumerate(pdf.pages, 1):
            assert pdf_page.obj.Tabs == pikepdf.Name.S
            for annot in pdf_page.obj.get("/Annots") or []:
                assert "/StructParent" in annot, f"untagged link on page {number}"
                assert str(annot.Contents), f"link without a description on page {number}"
                assert int(annot.F) & 4


def test_no_character_lacks_a_glyph_or_unicode(built: Path) -> None:
    import pdfplumber

    with pdfplumber.open(built) as pdf:
        bad = [(p.page_number, c["text"]) for p in pdf.pages for c in p.chars if "cid:" in c["text"]]
    assert bad == []


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler is installed by .ci/run")
def test_tags_do_not_change_a_single_pixel(tmp_path: Path) -> None:
    checked = check_project(ROOT)
    assert checked.brief is not None
    theme = load_theme("default", ROOT)
    tagged, _ = render_pdf(checked.brief, theme, checked.docs, tagged=True)
    plain, _ = render_pdf(checked.brief, theme, checked.docs, tagged=False)
    assert tagged != plain
    with pypdfium2.PdfDocument(tagged) as a, pypdfium2.PdfDocument(plain) as b:
        assert len(a) == len(b)
        for index in range(len(a)):
            left = a[index].render(scale=1).to_pil().tobytes()
            right = b[index].render(scale=1).to_pil().tobytes()
            assert left == right, f"page {index + 1} renders differently with tags"


def test_a_long_table_splits_repeats_its_header_and_stays_one_table(project: Path, tmp_path: Path) -> None:
    import yaml

    charts = project / "content" / "charts.yaml"
    data = yaml.safe_load(charts.read_text())
    table = next(c for c in data["charts"] if c["type"] == "table")
    rows = [f"City {n:02d}" for n in range(1, 71)]
    table["data"] = {"categories": rows, "series": [{"name": "Share", "values": [n % 100 for n in range(70)]}]}
    table["approximate"] = table["wording"] = []
    charts.write_text(yaml.safe_dump(data, sort_keys=False))
    target = tmp_path / "long-table.pdf"
    build(project, target)

    texts = [p.extract_text() for p in pypdf.PdfReader(target).pages]
    header_pages = [i for i, text in enumerate(texts) if "The report's words" in text.replace("’", "'")]
    assert len(header_pages) >= 2, "the header row repeats on the next page"
    elements = read_structure(target).walk()
    assert [e.role for e in elements].count("Table") == 1
    headers = [e for e in elements if e.role == "TH"]
    assert len(headers) == 2 + 70, "one column header each, one row header per row; the repeat is an artifact"
    assert {h.scope for h in headers[:2]} == {"Column"} and {h.scope for h in headers[2:]} == {"Row"}
    assert page.validate_pdf(str(target), profile="ua1").is_compliant
