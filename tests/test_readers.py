"""The default brief read by independent readers: qpdf, PDFium (Chrome's renderer) and pdf.js (Firefox's).

harness.py and readers.py run the same readers over every PDF the build, limit, fault and fuzz tests
write; these tests check the readers themselves: that they see the brief's text, and fail on a damaged file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT
from readers import PDFJS_MISSING, assert_readable, pdfium_pages, pdfjs_available, pdfjs_read, words

from brief.building.pipeline import build

pytestmark = pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf and poppler are installed by .ci/run")
needs_pdfjs = pytest.mark.skipif(not pdfjs_available(), reason=PDFJS_MISSING)
TITLE = "Mayors Want Federal Partners, Not Troops"


@pytest.fixture(scope="module", params=["default", "a4-print"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("readers") / f"{request.param}.pdf"
    build(ROOT, target, style=request.param)
    return target


def test_every_page_renders_in_pdfium(built: Path) -> None:
    pages = len(pypdf.PdfReader(built).pages)
    assert pdfium_pages(built) == pages
    assert assert_readable(built) == pages


@needs_pdfjs
def test_pdfjs_reads_the_pages_and_the_text(built: Path) -> None:
    (report,) = pdfjs_read(built)
    assert "error" not in report, report
    assert report["pages"] == len(pypdf.PdfReader(built).pages)
    first, last = words(str(report["text"])), words(str(report["lastText"]))
    assert TITLE in first and "Executive summary" in first
    assert f"Page {report['pages']} of {report['pages']}" in last


@needs_pdfjs
def test_pdfjs_reports_a_damaged_file(built: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(built.read_bytes()[: built.stat().st_size // 3])
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.7\nnot a PDF after all\n")
    reports = pdfjs_read(cut, garbage)
    assert all("error" in report for report in reports), reports
