"""The publisher's logo as a flowable: on the cover band and in the back matter, tagged as a Figure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from brief.content.logo import logo_path, svg_drawing
from brief.content.model import Organisation
from brief.languages import ENGLISH_US, Locale


def logo_flowable(
    project: Path, organisation: Organisation, width: float, height: float, locale: Locale = ENGLISH_US
) -> Any:
    """The logo scaled to fit `width` × `height`, tagged as a figure named after the organisation; None when
    there is none (a logo with problems never gets this far)."""
    from brief.pdf.flowables import Logo

    target = logo_path(project, organisation)
    if target is None:
        return None
    alt = organisation.logo_alt or locale.text("logo_alt", organisation=organisation.name)
    if target.suffix.lower() == ".svg":
        drawing = svg_drawing(target)
        return None if drawing is None else Logo(drawing, (drawing.width, drawing.height), width, height, alt)
    from reportlab.lib.utils import ImageReader

    image = ImageReader(str(target))
    return Logo(image, image.getSize(), width, height, alt)
