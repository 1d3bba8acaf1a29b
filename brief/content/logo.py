"""The publisher's logo, checked where brief.yaml names it (pdf/logo.py draws it).

PNG and JPEG are embedded as they are; an SVG becomes a vector drawing, as charts do. An SVG's text would
need fonts the PDF may not embed, so a logo with text must have it converted to outlines. The path is
written from the project folder (`content/logo.png`) and must stay inside it, as data files do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from brief.content.model import Organisation
from brief.errors import Problem
from brief.loading import Document

#: Larger than any logo needs to be; a bigger file would weigh on every emailed PDF.
MAX_LOGO_BYTES = 2_000_000
KINDS = {".png": b"\x89PNG\r\n\x1a\n", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff", ".svg": b""}


def logo_path(project: Path, organisation: Organisation) -> Path | None:
    """The logo's file, when brief.yaml names one inside the project."""
    if not organisation.logo:
        return None
    try:
        root, target = project.resolve(), (project / organisation.logo).resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    return target if target.is_relative_to(root) else None


def logo_problems(project: Path, organisation: Organisation, info: Document) -> list[Problem]:
    """What keeps the logo from being drawn, located at `organisation.logo`."""
    if not organisation.logo:
        return []
    at, written = ("organisation", "logo"), organisation.logo
    suffix = Path(written).suffix.lower()
    if suffix not in KINDS:
        return [info.problem(at, f"'{written}' is not a PNG, JPEG or SVG file", hint="use a .png, .jpg or .svg logo")]
    target = logo_path(project, organisation)
    if target is None:
        return [info.problem(at, f"'{written}' is outside the project", hint="keep the logo under content/")]
    if not target.is_file():
        return [
            info.problem(at, f"logo file '{written}' not found", hint="the path is written from the project folder")
        ]
    size = target.stat().st_size
    if size > MAX_LOGO_BYTES:
        return [
            info.problem(at, f"the logo is {size:,} bytes, more than {MAX_LOGO_BYTES:,}", hint="use a smaller image")
        ]
    with target.open("rb") as handle:
        head = handle.read(min(size, MAX_LOGO_BYTES))
    if not head.startswith(KINDS[suffix]) or (suffix == ".svg" and b"<svg" not in head):
        return [info.problem(at, f"'{written}' is not a {suffix[1:].upper()} image", hint="export the logo again")]
    if suffix == ".svg" and b"<text" in head:
        hint = "convert the logo's text to outlines in your drawing program"
        return [info.problem(at, "the SVG logo has text, which would print in a font the PDF does not hold", hint=hint)]
    if suffix == ".svg" and svg_drawing(target) is None:
        return [info.problem(at, f"'{written}' cannot be read as an SVG drawing", hint="export the logo again")]
    if suffix != ".svg" and not image_decodes(target):
        message = f"'{written}' cannot be read as a {suffix[1:].upper()} image"
        return [info.problem(at, message, hint="export the logo again")]
    return []


def image_decodes(target: Path) -> bool:
    """Whether the PNG or JPEG at `target` decodes to its last pixel, as drawing it into the PDF will: a file
    cut short has a sound header and fails only then."""
    from PIL import Image

    try:
        with Image.open(target) as image:
            image.load()
    except Exception:  # Pillow raises whatever its decoders raise: OSError, SyntaxError, ValueError...
        return False
    return True


def svg_drawing(target: Path) -> Any:
    from svglib.svglib import svg2rlg

    try:
        drawing = svg2rlg(str(target))
    except Exception:  # svglib raises whatever its XML parser or unit conversion raises
        return None
    return drawing if drawing is not None and drawing.width > 0 and drawing.height > 0 else None
