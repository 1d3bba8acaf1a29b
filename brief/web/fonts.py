"""The theme's fonts for the page: each style the CSS uses, subset to the characters the page holds, as WOFF2
inlined in @font-face rules, so the page looks as the PDF does with nothing fetched when it is viewed."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from functools import lru_cache

from brief.theme.fonts import family_files, font_path
from brief.theme.model import Theme

#: (weight, style) of every face the stylesheet and the charts ask of a family; the heaviest only if installed.
FACES = ((400, "normal"), (400, "italic"), (700, "normal"), (700, "italic"))
HEAVY = ((900, "normal"), (600, "normal"))
#: OpenType layout: kerning and ligatures, which the PDF does not apply either.
_LAYOUT_TABLES = ("GPOS", "GSUB", "GDEF", "kern")


@dataclass(frozen=True)
class Face:
    family: str
    weight: int
    style: str


def faces(theme: Theme) -> list[Face]:
    """The faces the page uses: the body family's four styles, the heading family's too, and the heading
    family's heaviest weight for big numbers (as the PDF sets them)."""
    found: dict[Face, None] = {}
    for family in dict.fromkeys((theme.fonts.body, theme.fonts.heading)):
        for weight, style in FACES:
            found[Face(family, weight, style)] = None
    heavy = heavy_weight(theme.fonts.heading)
    if heavy:
        found[Face(theme.fonts.heading, heavy, "normal")] = None
    return list(found)


def heavy_weight(family: str) -> int | None:
    """The heavy weight `family` has installed (Black, else SemiBold), None without either."""
    files = family_files(family)["files"]
    return next((weight for weight, style in HEAVY if f"{weight}/{style}" in files), None)


def font_faces(theme: Theme, text: str) -> str:
    """@font-face rules for every face the page uses, each subset to the characters of `text`."""
    # Printable ASCII always: the letters of an edit are then mostly there already, and `brief serve` or
    # `brief watch` reuses the subset fonts they made for the last build instead of making them again.
    characters = sorted(set(text) | set(map(chr, range(0x20, 0x7F))))
    return "".join(_font_face(face, characters) for face in faces(theme))


def _font_face(face: Face, characters: list[str]) -> str:
    data = subset_woff2(str(font_path(face.family, face.weight, face.style)), "".join(characters))
    source = base64.b64encode(data).decode("ascii")
    return (
        f"@font-face{{font-family:'{face.family}';font-style:{face.style};font-weight:{face.weight};"
        f"font-display:swap;src:url(data:font/woff2;base64,{source}) format('woff2')}}\n"
    )


@lru_cache(maxsize=64)
def subset_woff2(path: str, text: str) -> bytes:
    """The font at `path` with only the glyphs `text` needs (and its kerning and ligatures), as WOFF2; the
    same bytes for the same font and text."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"  # Brotli-compressed: a third smaller than WOFF
    options.hinting = False  # screens today smooth outlines themselves; hints are most of a TrueType file
    options.desubroutinize = True
    options.name_IDs = [1, 2, 4, 6]  # family, style, full name and PostScript name only
    options.notdef_outline = True
    # The PDF sets text without OpenType kerning or ligatures (ReportLab applies neither), and so does the page:
    # the same look, a smaller file, and no GPOS table to read, which is most of the subsetting time.
    options.layout_features = []
    font = TTFont(path, recalcTimestamp=False)  # keep the file's own dates: the same bytes each build
    for name in _LAYOUT_TABLES:
        if name in font:
            del font[name]  # before the subsetter reads them, as it would even to drop them
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out, reorderTables=False)
    return out.getvalue()
