"""Fonts: TrueType families from fontpkg packages, registered once with ReportLab and embedded subset.

ReportLab does not fall back to another font for a missing glyph (it prints an empty box), so the
text is checked against each font's character map before layout.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

#: The styles a family must provide, by ReportLab font-name suffix: (weight, style).
STYLES = {
    "": (400, "normal"),
    "-Bold": (700, "normal"),
    "-Italic": (400, "italic"),
    "-BoldItalic": (700, "italic"),
}
#: Heavier weights used for big numbers and the title when the family has them.
OPTIONAL_STYLES = {"-Black": (900, "normal"), "-SemiBold": (600, "normal")}
_STYLE_NAMES = {"": "regular", "-Bold": "bold", "-Italic": "italic", "-BoldItalic": "bold italic"}


class FontMissing(Exception):
    """The family is not installed (no fontpkg package), or lacks a required style."""


@dataclass(frozen=True)
class FontFamily:
    name: str
    regular: str
    bold: str
    italic: str
    bold_italic: str
    heavy: str  # the heaviest weight available, for big numbers


def _font_file(family: str, weight: int, style: str) -> Path:
    # Every weight a brief uses was asked of fontpkg with the family (family_files): no need to ask again.
    found = family_files(family)["files"].get(f"{weight}/{style}")
    if found is None:
        raise FontMissing(f"font family '{family}' has no {weight}/{style} style")
    path = Path(found)
    if path.suffix.lower() != ".ttf":
        raise FontMissing(f"{path.name} is not a TrueType (.ttf) font, which PDF embedding needs")
    return path


@cache
def family_files(family: str) -> dict[str, Any]:
    """`files`: the file of each style a brief may use, by 'weight/style'; `problem`: what keeps the family
    from setting a brief ('' if nothing). fontpkg's answer, kept between runs (font_cache.py)."""
    from brief.theme.font_cache import read_lookup, write_lookup

    answer = read_lookup(family)
    if answer is None:
        answer = _ask_fontpkg(family)
        write_lookup(family, answer)
    return answer


def _ask_fontpkg(family: str) -> dict[str, Any]:
    import fontpkg

    try:
        fontpkg.family(family)
    except fontpkg.FontpkgError:
        return {"problem": "is not installed", "files": {}}
    files = {}
    for weight, style in [*STYLES.values(), *OPTIONAL_STYLES.values()]:
        with contextlib.suppress(fontpkg.FontpkgError):
            files[f"{weight}/{style}"] = str(fontpkg.path(family, weight, style))
    problem = ""
    for suffix, (weight, style) in STYLES.items():
        name, found = _STYLE_NAMES[suffix], files.get(f"{weight}/{style}")
        if found is None:
            problem = f"has no {name} style (a brief needs regular, bold, italic and bold italic)"
        elif not found.lower().endswith(".ttf"):
            problem = f"has its {name} style as {Path(found).name}, not as TrueType (.ttf), which PDF embedding needs"
        if problem:
            break
    return {"problem": problem, "files": files}


@cache
def register_family(family: str) -> FontFamily:
    """Register `family`'s styles with ReportLab (once per process) and return their names."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names: dict[str, str] = {}
    for suffix, (weight, style) in {**STYLES, **OPTIONAL_STYLES}.items():
        if suffix == "-SemiBold" and "-Black" in names:
            continue  # only the heaviest weight is used; reading a font file is not free
        try:
            path = _font_file(family, weight, style)
        except FontMissing:
            if suffix in STYLES:
                raise
            continue
        name = f"{family.replace(' ', '')}{suffix}"
        pdfmetrics.registerFont(TTFont(name, str(path)))
        names[suffix] = name
    base = names[""]
    for (bold, italic), suffix in {(0, 0): "", (1, 0): "-Bold", (0, 1): "-Italic", (1, 1): "-BoldItalic"}.items():
        addMapping(base, bold, italic, names[suffix])
    return FontFamily(
        family,
        base,
        names["-Bold"],
        names["-Italic"],
        names["-BoldItalic"],
        names.get("-Black", names.get("-SemiBold", names["-Bold"])),
    )


def family_problem(family: str) -> str:
    """What keeps `family` from setting a brief ('' if nothing): checked with the theme, before layout."""
    return str(family_files(family)["problem"])


def font_package(family: str) -> str:
    """The PyPI package that would install `family`, e.g. 'Source Serif 4' → 'fontpkg-source-serif-4'."""
    import fontpkg

    return f"fontpkg-{fontpkg.slugify(family)}"


def installed_families() -> list[str]:
    """The font families installed as fontpkg packages, for hints."""
    import fontpkg

    return sorted(family.name for family in fontpkg.families().values())


def font_path(family: str, weight: int = 400, style: str = "normal") -> Path:
    """The TrueType file of one style, e.g. for matplotlib."""
    return _font_file(family, weight, style)


@cache
def charmap(family: str, bold: bool = False) -> frozenset[int]:
    """The code points `family`'s regular (or bold) style can draw: kept with the file's identity
    (font_cache.py), else read by ReportLab; once per process, like the fonts' registration."""
    from brief.theme.font_cache import read_charmap, write_charmap

    path = _font_file(family, 700 if bold else 400, "normal")
    codes = read_charmap(path)
    if codes is None:
        from reportlab.pdfbase import pdfmetrics

        fonts = register_family(family)
        codes = frozenset(pdfmetrics.getFont(fonts.bold if bold else fonts.regular).face.charToGlyph)
        write_charmap(path, codes)
    return codes
