"""organisation.logo: drawn on the cover band and in the back matter, tagged with its alt text, and checked
where brief.yaml names it, with the path rules of data files."""

from __future__ import annotations

import io
from pathlib import Path

import page
import pikepdf
import pytest
from PIL import Image
from structure import read_structure

from brief.building.pipeline import build
from brief.content.validate import check_project

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#c33"/></svg>'
)


def name_logo(project: Path, path: str, alt: str = "") -> Path:
    info = project / "content" / "brief.yaml"
    extra = f"\n  logo: {path}" + (f"\n  logo_alt: {alt}" if alt else "")
    info.write_text(info.read_text().replace("  url: https://example.org", "  url: https://example.org" + extra, 1))
    return info


def png_logo(project: Path) -> None:
    Image.new("RGBA", (240, 80), (20, 60, 120, 255)).save(project / "content" / "logo.png")


def cut_png() -> bytes:
    """A PNG logo cut short, as an interrupted download leaves it: its header reads, its pixels do not."""
    out = io.BytesIO()
    Image.new("RGB", (240, 80), (20, 60, 120)).save(out, "PNG")
    return out.getvalue()[:-30]


def images_per_page(pdf: Path) -> list[int]:
    with pikepdf.open(pdf) as document:
        return [
            sum(1 for _, x in page.obj.Resources.get("/XObject", {}).items() if x.get("/Subtype") == "/Image")
            for page in document.pages
        ]


def test_a_png_logo_is_on_the_cover_and_in_the_back_matter_tagged_with_its_alt_text(project: Path) -> None:
    png_logo(project)
    name_logo(project, "content/logo.png", "Civic Policy Desk")
    pdf = build(project, force=True).path
    counts = images_per_page(pdf)
    assert counts[0] == 1 and counts[-1] == 1
    figures = [e for e in read_structure(pdf).walk() if e.role == "Figure"]
    assert [f.alt for f in figures].count("Civic Policy Desk") == 2
    assert page.validate_pdf(str(pdf), profile="ua1").is_compliant
    assert page.validate_pdf(str(pdf), profile="2b").is_compliant


def test_an_svg_logo_is_drawn_as_vectors(project: Path) -> None:
    (project / "content" / "logo.svg").write_text(SVG)
    name_logo(project, "content/logo.svg")
    pdf = build(project, force=True).path
    figures = [e for e in read_structure(pdf).walk() if e.role == "Figure"]
    assert [f.alt for f in figures].count("Logo of Civic Policy Desk (sample organisation)") == 2
    assert images_per_page(pdf) == [0] * len(images_per_page(pdf))


@pytest.mark.parametrize(
    ("path", "write", "message"),
    [
        ("../outside.png", None, "'../outside.png' is outside the project (keep the logo under content/)"),
        ("/etc/passwd", None, "'/etc/passwd' is not a PNG, JPEG or SVG file (use a .png, .jpg or .svg logo)"),
        ("content/missing.png", None, "logo file 'content/missing.png' not found"),
        ("content/fake.png", b"GIF89a not a png", "'content/fake.png' is not a PNG image (export the logo again)"),
        # A sound signature with nothing (or too little) after it passed check and stopped the build (exit 70).
        ("content/empty.png", b"\x89PNG\r\n\x1a\n", "'content/empty.png' cannot be read as a PNG image"),
        ("content/cut.png", cut_png(), "'content/cut.png' cannot be read as a PNG image (export the logo again)"),
        (
            "content/words.svg",
            SVG.replace("</svg>", "<text>Civic</text></svg>").encode(),
            "the SVG logo has text, which would print in a font the PDF does not hold",
        ),
    ],
)
def test_a_logo_that_cannot_be_drawn_is_a_located_error(
    project: Path, path: str, write: bytes | None, message: str
) -> None:
    if write is not None:
        (project / path).write_bytes(write)
    if path == "../outside.png":
        png_logo(project)
        (project / "content" / "logo.png").rename(project.parent / "outside.png")
    info = name_logo(project, path)
    errors = [p for p in check_project(project).problems if p.is_error]
    assert [p.format() for p in errors] == [
        next(
            p.format()
            for p in errors
            if p.path == str(info) and p.line == info.read_text().splitlines().index(f"  logo: {path}") + 1
        )
    ]
    assert message in errors[0].format()
