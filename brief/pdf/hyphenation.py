"""Words broken at their hyphenation points, in the brief's language (pyphen's dictionaries).

Ragged text breaks a word only where it must: a word wider than its whole line. Justified text, which a
theme asks for, hyphenates any word at a line's end, so that its spaces stretch less. ReportLab takes the
hyphenator as a style's `hyphenationLang`; it is bound here to the width a paragraph is set in, which only
the paragraph knows when it is wrapped.
"""

from __future__ import annotations

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from brief.languages import hyphenation_dictionary

#: A style's hyphenated copies, by the style and the width its paragraphs are set in.
_COPIES: dict[tuple[int, float], ParagraphStyle] = {}
_COPIES_LIMIT = 2048


class Hyphenator:
    """ReportLab's hyphenator for one style at one width: the (head, tail) pairs a word may break into, the
    longest head first; none for a word that fits its line in ragged text."""

    def __init__(self, language: str, font: str, size: float, width: float, every_word: bool) -> None:
        self.language, self.font, self.size, self.width, self.every_word = language, font, size, width, every_word

    def __call__(self, word: str) -> list[tuple[str, str]]:
        if not self.every_word and stringWidth(word, self.font, self.size) <= self.width:
            return []
        return list(hyphenation_dictionary(self.language).iterate(word))


def hyphenated(style: ParagraphStyle, width: float) -> ParagraphStyle:
    """`style` itself when it names no hyphenation language (`words_language`); else a copy that breaks words
    in that language, set `width` wide."""
    language = getattr(style, "words_language", "")
    if not language or callable(getattr(style, "hyphenationLang", "")):
        return style
    key = (id(style), round(width, 3))
    if key not in _COPIES:
        if len(_COPIES) >= _COPIES_LIMIT:
            _COPIES.clear()
        line = width - style.leftIndent - style.rightIndent - max(style.firstLineIndent, 0)
        hyphenator = Hyphenator(language, style.fontName, style.fontSize, line, style.alignment == TA_JUSTIFY)
        _COPIES[key] = ParagraphStyle(f"{style.name}-hyphenated", parent=style, hyphenationLang=hyphenator)
    return _COPIES[key]
