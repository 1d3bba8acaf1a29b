"""Independent readers of the PDFs the tests build: qpdf, poppler, PDFium (Chrome) and pdf.js (Firefox).

A PDF that one reader accepts may still break another; each reader here parses the file with its own code.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pypdfium2
from conftest import ROOT

PDFJS_SCRIPT = ROOT / "tests" / "pdfjs_check.mjs"
PDFJS_MODULE = ROOT / "node_modules" / "pdfjs-dist"
PDFJS_MISSING = "pdf.js is not installed: run `npm ci` in the repository (.ci/run does) to read PDFs as Firefox does"


def pdfjs_available() -> bool:
    return shutil.which("node") is not None and PDFJS_MODULE.is_dir()


def qpdf_check(pdf: Path) -> None:
    """qpdf finds no damage in the file's syntax, cross-reference table or streams."""
    result = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def pdfium_pages(pdf: Path, render: bool = True) -> int:
    """PDFium opens the file and renders its first and last page; returns the page count."""
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        count = len(document)
        assert count > 0
        for index in sorted({0, count - 1}) if render else []:
            page = document[index]
            image = page.render(scale=0.3).to_pil()
            assert image.width > 0 and image.height > 0
            assert image.getextrema() != ((255, 255), (255, 255), (255, 255)), f"page {index + 1} renders blank"
            page.close()
        return count
    finally:
        document.close()


def pdfjs_read(*pdfs: Path) -> list[dict[str, object]]:
    """What pdf.js reads in each file: page count and the text of the first and last page."""
    result = subprocess.run(
        ["node", str(PDFJS_SCRIPT), *map(str, pdfs)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    reports = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(reports) == len(pdfs), result.stdout + result.stderr
    return reports


def pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def words(text: str) -> str:
    """Text with every run of white space made one space: how a reader sees a line-broken paragraph."""
    return " ".join(text.split())


def squeezed(text: str) -> str:
    """Text without any white space and without soft hyphens: for words broken across lines."""
    return re.sub(r"[\s\u00ad]+", "", text)


def assert_readable(pdf: Path, render: bool = True, pdfjs: bool = True) -> int:
    """qpdf, PDFium and (when installed) pdf.js all read `pdf` and agree on its page count.

    `pdfjs=False` leaves pdf.js out, for callers that hand many files to `assert_pdfjs_reads` at once.
    """
    qpdf_check(pdf)
    pages = pdfium_pages(pdf, render)
    if pdfjs:
        assert_pdfjs_reads({pdf: pages})
    return pages


def assert_pdfjs_reads(pages: dict[Path, int]) -> None:
    """pdf.js (when installed) opens each file, parses its first and last page, and counts `pages[file]`."""
    if not pdfjs_available() or not pages:
        return
    for report, (pdf, count) in zip(pdfjs_read(*pages), pages.items(), strict=True):
        assert "error" not in report, report
        assert report["path"] == str(pdf) and report["pages"] == count, report
