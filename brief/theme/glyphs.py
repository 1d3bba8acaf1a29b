"""Characters the theme's fonts cannot draw, found when the content is checked.

ReportLab does not fall back to another font for a missing glyph: it prints an empty box. So every text
of the content is checked against the fonts' character maps, and each missing character is a located
error, from `brief check` as from `brief build`. Each font's character map is read with ReportLab once and
kept with the font's identity (font_cache.py), so a check need not load ReportLab at all.
"""

from __future__ import annotations

from typing import Any

from brief.errors import Problem
from brief.loading import Document, KeyPath
from brief.theme.model import Theme


def theme_glyph_problems(docs: dict[str, Document], theme: Theme) -> list[Problem]:
    """The glyph problems of `docs` in `theme`'s running-text and heading fonts; none when a family is
    missing (that is reported at the theme's line)."""
    from brief.theme.fonts import charmap, family_problem

    if family_problem(theme.fonts.body) or family_problem(theme.fonts.heading):
        return []
    fonts = [
        (theme.fonts.body, charmap(theme.fonts.body)),
        (theme.fonts.heading, charmap(theme.fonts.heading, bold=True)),
    ]
    return glyph_problems(docs, fonts)


def glyph_problems(docs: dict[str, Document], fonts: list[tuple[str, frozenset[int]]]) -> list[Problem]:
    """A located problem for each text holding a character missing from a font in `fonts` (family, character
    map), naming the first font that lacks it."""
    problems = []
    for doc in docs.values():
        for path, text in _texts(doc.data, ()):
            lacking: dict[str, str] = {}  # character → the first family without it
            for family, codes in fonts:
                for ch in missing_glyphs(text, codes):
                    lacking.setdefault(ch, family)
            for ch, family in sorted(lacking.items()):
                line, col = doc.where(path)
                problems.append(
                    Problem(
                        doc.path,
                        line,
                        col,
                        f"font '{family}' has no glyph for '{ch}' (U+{ord(ch):04X})",
                        hint="use another character or a theme font that has it",
                    )
                )
    return problems


def missing_glyphs(text: str, codes: frozenset[int]) -> list[str]:
    """The characters of `text` (each once; white space aside) whose code points are not in `codes`."""
    return sorted(ch for ch in set(text) if ord(ch) not in codes and not ch.isspace())


def _texts(data: Any, path: KeyPath) -> list[tuple[KeyPath, str]]:
    if isinstance(data, str):
        return [(path, data)]
    if isinstance(data, dict):
        return [item for key, value in data.items() for item in _texts(value, (*path, key))]
    if isinstance(data, list):
        return [item for i, value in enumerate(data) for item in _texts(value, (*path, i))]
    return []
