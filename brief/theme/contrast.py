"""Accessibility checks of a theme: text contrast (WCAG 2.x) and chart colours that survive greyscale."""

from __future__ import annotations

import dataclasses
import itertools

from brief.content.model import Brief
from brief.errors import Problem, Severity
from brief.loading import Document, KeyPath
from brief.theme.model import Theme

#: WCAG 2.x: 4.5:1 for body text, 3:1 for large text (18 pt, or 14 pt bold).
NORMAL_TEXT, LARGE_TEXT = 4.5, 3.0
#: Two chart colours whose luminance contrast is below this look alike when printed in grey.
GREYSCALE_DISTINCT = 1.4


def luminance(hex_colour: str) -> float:
    """Relative luminance of `#rrggbb`, as WCAG defines it."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, from 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _text_pairs(theme: Theme) -> list[tuple[str, str, str, float, bool, str]]:
    """(text colour, background, size key, size in pt, bold?, what) for every colour pair the layout sets text in."""
    s = theme.sizes
    return [
        ("text", "page", "body", s.body, False, "running text"),
        ("muted", "page", "small", s.small, False, "captions and footers"),
        ("primary", "page", "h2", s.h2, True, "headings"),
        ("link", "page", "body", s.body, False, "links"),
        ("accent", "page", "h1", s.h1, True, "list numbers"),
        ("text", "panel", "small", s.small * 1.12, False, "callout labels"),
        ("primary", "panel", "stat", s.stat, True, "callout numbers"),
        ("link", "panel", "small", s.small * 1.1, False, "table of contents"),
        ("band_text", "primary", "small", s.small, False, "the cover byline"),
        ("band_kicker", "primary", "kicker", s.kicker, True, "the cover series line"),
    ]


def theme_problems(theme: Theme, located: Document, brief: Brief | None = None) -> list[Problem]:
    """Every colour pair that is too faint to read, and chart colours that merge in greyscale."""
    problems = []
    colours = theme.colours
    for fg, bg, size_key, size, bold, what in _text_pairs(theme):
        ratio = contrast(getattr(colours, fg), getattr(colours, bg))
        needed = LARGE_TEXT if size >= 18 or (bold and size >= 14) else NORMAL_TEXT
        if ratio < needed:
            # The size sets how much contrast is needed, so a theme that only made the text smaller made the
            # clash: the message goes to whichever of the three values the most derived theme set.
            where = located.newest(("colours", fg), ("colours", bg), ("sizes", size_key))
            hint = "darken the text colour or lighten the background"
            message = f"{fg} on {bg} ({what}) has contrast {ratio:.1f}:1; at {size:g} pt it needs {needed:g}:1"
            hint = f"make '{size_key}' larger, or {hint}" if where[0] == "sizes" else hint
            problems.append(located.problem(where, message, hint=hint))
    problems += _palette_problems(theme, located, brief)
    return problems


def _palette_problems(theme: Theme, located: Document, brief: Brief | None) -> list[Problem]:
    series = max((len(t.series) for t in brief.chart_data.values()), default=2) if brief else 2
    used: list[tuple[KeyPath, str]] = [
        (("chart", "palette", i), c) for i, c in enumerate(theme.chart.palette[: max(series, 1)])
    ]
    used += [(("chart", "highlight"), theme.chart.highlight), (("chart", "base"), theme.chart.base)]
    problems = []
    for (path_a, a), (path_b, b) in itertools.combinations(used, 2):
        if path_a[:2] != path_b[:2] and {path_a[1], path_b[1]} != {"highlight", "base"}:
            continue  # palette colours meet each other; highlight meets base
        if a.lower() != b.lower() and contrast(a, b) < GREYSCALE_DISTINCT:
            found = located.problem(
                located.newest(path_b, path_a),
                f"chart colours {a} and {b} look alike in greyscale (contrast {contrast(a, b):.2f}:1)",
                hint="vary their lightness, not only their hue",
            )
            problems.append(dataclasses.replace(found, severity=Severity.WARNING))
    return problems
