"""The page's stylesheet: the theme as CSS custom properties, and rules that set the page as the PDF looks.

Sizes and spaces are written relative to the theme's body size, in rem: the page keeps the PDF's proportions
at the reader's own text size, and grows with it when text is enlarged. In print, one rem is the body size in
points again, on the theme's paper and margins.
"""

from __future__ import annotations

import dataclasses
from importlib import resources

from brief.theme.model import Theme, text_width

#: Families a reader without the page's fonts (a stripped-down reader mode, say) falls back to.
FALLBACK_FONTS = "'Helvetica Neue', Helvetica, Arial, sans-serif"
#: The rules for screens, and those for print (custom properties are set from the theme here).
_SHEETS = ("page.css", "print.css")


def custom_properties(theme: Theme, heavy: int) -> str:
    """`:root { --colour-text: ...; --size-h1: ...; ... }`: every colour, font, size and space of the theme."""
    body = theme.sizes.body

    def rem(points: float) -> str:
        return f"{points / body:.4g}rem"

    values = {f"--colour-{name.replace('_', '-')}": value for name, value in dataclasses.asdict(theme.colours).items()}
    values["--font-body"] = f"'{theme.fonts.body}', {FALLBACK_FONTS}"
    values["--font-heading"] = f"'{theme.fonts.heading}', {FALLBACK_FONTS}"
    values["--weight-heavy"] = str(heavy)
    sizes = dataclasses.asdict(theme.sizes)
    values["--leading"] = f"{theme.sizes.leading / body:.4g}"
    values |= {f"--size-{name}": rem(points) for name, points in sizes.items() if name != "leading"}
    values |= {f"--space-{name}": rem(points) for name, points in dataclasses.asdict(theme.spacing).items()}
    values["--gutter"] = rem(theme.page.gutter)
    values["--measure"] = rem(text_width(theme))
    values["--print-size"] = f"{body:g}pt"
    return ":root{" + ";".join(f"{name}:{value}" for name, value in values.items()) + "}\n"


def page_rule(theme: Theme) -> str:
    """The print page: the theme's paper and margins."""
    m = theme.page.margins
    paper = {"letter": "letter", "a4": "A4", "legal": "legal"}[theme.page.size]
    return f"@page{{size:{paper};margin:{m.top:g}pt {m.right:g}pt {m.bottom:g}pt {m.left:g}pt}}\n"


def stylesheet(theme: Theme, heavy: int) -> str:
    """The whole stylesheet, without the @font-face rules."""
    rules, printed = (resources.files("brief.web").joinpath(name).read_text("utf-8") for name in _SHEETS)
    return custom_properties(theme, heavy) + rules + "@media print{\n" + page_rule(theme) + printed + "}\n"
