"""Characters the theme's fonts cannot draw, found when the content is checked.

ReportLab does not fall back to another font for a missing glyph: it prints an empty box. So every text
of the content is checked against the fonts' character maps, and each missing character is a located
error, from `brief check` as from `brief build`. The fonts are registered with ReportLab for it (about
15 ms, kept between runs: font_cache.py).
"""

from __future__ import annotations

from typing import Any

from .errors import Problem
from .loading import Document, KeyPath
from .theme import Theme


def theme_glyph_problems(docs: dict[str, Document], theme: Theme) -> list[Problem]:
    """The glyph problems of `docs` in `theme`'s running-text and heading fonts; none when a family is
    missing (that is reported at the theme's line)."""
    from .fonts import family_problem, register_family

    if family_problem(theme.fonts.body) or family_problem(theme.fonts.heading):
        return []
    fonts = [register_family(theme.fonts.body).regular, register_family(theme.fonts.heading).bold]
    return glyph_problems(docs, fonts, theme.fonts.body)


def glyph_problems(docs: dict[str, Document], fonts: list[str], family: str) -> list[Problem]:
    """A located problem for each text that holds a character the theme's fonts cannot draw."""
    from .fonts import missing_glyphs

    problems = []
    for doc in docs.values():
        for path, text in _texts(doc.data, ()):
            missing = {ch for font in fonts for ch in missing_glyphs(text, font)}
            for ch in sorted(missing):
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


def _texts(data: Any, path: KeyPath) -> list[tuple[KeyPath, str]]:
    if isinstance(data, str):
        return [(path, data)]
    if isinstance(data, dict):
        return [item for key, value in data.items() for item in _texts(value, (*path, key))]
    if isinstance(data, list):
        return [item for i, value in enumerate(data) for item in _texts(value, (*path, i))]
    return []
