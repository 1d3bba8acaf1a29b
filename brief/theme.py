"""Themes: page, fonts, sizes, colours, spacing and chart look, read from YAML with `extends:`.

Layout code reads every visual decision from a Theme, so a publisher restyles a brief without code.
A theme file may name another in `extends:` and override only what differs.
"""

from __future__ import annotations

import contextlib
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .convert import Converter, Invalid
from .errors import BriefError, Problem
from .loading import Document, KeyPath, load_yaml
from .model import spec

BUILTIN_THEMES = Path(__file__).parent / "themes"
COLOUR = r"^#[0-9a-fA-F]{6}$"
_UNITS = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|in|cm|mm|px)?\s*$")


def colour(doc: str, example: str) -> Any:
    return spec(doc, example, pattern=COLOUR)


def length(doc: str, example: str) -> Any:
    return spec(doc, example, length=True)


@dataclass(frozen=True)
class Margins:
    top: float = length("Top margin (above the running header).", "0.9in")
    bottom: float = length("Bottom margin (below the footer).", "0.9in")
    left: float = length("Left margin.", "0.85in")
    right: float = length("Right margin.", "0.85in")


@dataclass(frozen=True)
class Page:
    size: Literal["letter", "a4", "legal"] = spec("Paper size.", "letter")
    margins: Margins = spec("Page margins.", {"top": "0.9in"})
    gutter: float = length("Space between columns.", "0.3in")
    cover_band: float = length("Height of the coloured title band on page 1.", "2.4in")


@dataclass(frozen=True)
class Fonts:
    body: str = spec("Font family of running text (an installed fontpkg family with static TTFs).", "Lato")
    heading: str = spec("Font family of headings, numbers and labels.", "Lato")


@dataclass(frozen=True)
class Sizes:
    body: float = length("Running text.", "10pt")
    leading: float = length("Line height of running text.", "14pt")
    small: float = length("Captions, source lines, header and footer.", "8pt")
    kicker: float = length("Series line above the title.", "8.5pt")
    title: float = length("The brief's title.", "28pt")
    subtitle: float = length("The line under the title.", "13pt")
    h1: float = length("Section headings.", "17pt")
    h2: float = length("Finding headlines and sub-headings.", "12pt")
    stat: float = length("Big numbers in callouts.", "28pt")
    quote: float = length("Pull quotes.", "14pt")
    chart: float = length("Chart labels (never below 7.5pt).", "8.5pt")


@dataclass(frozen=True)
class Colours:
    text: str = colour("Running text.", "#1d2433")
    muted: str = colour("Secondary text: captions, footers, labels.", "#555f70")
    primary: str = colour("Headings and the cover band.", "#16365c")
    accent: str = colour("Highlights: rules, numbers, the chart's highlighted bars.", "#c0720f")
    band_text: str = colour("Text on the cover band.", "#ffffff")
    band_kicker: str = colour("The series line on the cover band.", "#f2b552")
    panel: str = colour("Background of callouts and sidebars.", "#eef2f7")
    rule: str = colour("Hairlines and table rules.", "#c3ccd8")
    link: str = colour("Links and citation numbers.", "#1d5ea8")
    page: str = colour("The paper.", "#ffffff")


@dataclass(frozen=True)
class Spacing:
    paragraph: float = length("Space after a paragraph.", "6pt")
    section: float = length("Space above a section heading.", "20pt")
    block: float = length("Space around callouts, charts and quotes.", "12pt")
    padding: float = length("Inner padding of callouts and sidebars.", "10pt")


@dataclass(frozen=True)
class ChartStyle:
    palette: list[str] = spec("Series colours, in order; keep them distinct in greyscale.", ["#16365c"])
    highlight: str = colour("Highlighted bars.", "#c0720f")
    base: str = colour("Bars that are not highlighted in a single-series chart.", "#16365c")
    empty: str = colour("Unfilled squares of a waffle, track of a bar.", "#dde3eb")
    grid: str = colour("Grid lines (kept light).", "#e3e7ee")
    text: str = colour("Chart labels.", "#1d2433")
    width: float = length("Width of a full-width chart.", "6.8in")
    bar_height: float = length("Height of one bar in a horizontal bar chart.", "0.34in")
    height: float = length("Height of column, line and waffle charts.", "2.6in")


@dataclass(frozen=True)
class Layout:
    toc_min_pages: int = spec(
        "Print a table of contents when the brief has at least this many pages.", 4, min=1, max=1000
    )
    stat_columns: int = spec("Big-number callouts per row on page 1.", 3, min=1, max=4)
    email_budget: float = spec("Warn when the PDF is larger than this many megabytes.", 2, min=0.01, max=1000)


@dataclass(frozen=True)
class Theme:
    """A theme file under styles/: the look of the brief."""

    page: Page = spec("Paper, margins and bands.", {})
    fonts: Fonts = spec("Font families.", {})
    sizes: Sizes = spec("Type sizes.", {})
    colours: Colours = spec("Colours as #rrggbb.", {})
    spacing: Spacing = spec("Vertical rhythm.", {})
    chart: ChartStyle = spec("The look of charts.", {})
    layout: Layout = spec("Layout switches.", {})
    extends: str = spec("A theme this one overrides.", "default", "", empty_ok=True)
    name: str = spec("The theme's name, shown by tools.", "default", "", empty_ok=True)


def find_theme(name: str, project: Path) -> Path | None:
    """The theme file for `name`: a path, a file under the project's styles/, or a built-in theme."""
    if name.endswith((".yaml", ".yml")) or "/" in name:
        candidates = [Path(name), project / name]  # as typed on the command line, or from the project
    else:
        candidates = [folder / f"{name}.yaml" for folder in (project / "styles", BUILTIN_THEMES)]
    for candidate in candidates:
        try:
            if candidate.is_file():
                return candidate
        except (OSError, ValueError):  # a name too long, or with a NUL, is no file
            continue
    return None


def parse_length(text: Any) -> float | None:
    """`10pt`, `1.8cm`, `0.5in`, `12mm` or a bare number of points → points."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        return float(text)
    match = _LENGTH.match(text) if isinstance(text, str) else None
    return float(match[1]) * _UNITS[match[2] or "pt"] if match else None


class _Layers(Document):
    """A theme and the themes it extends, merged; each value is located in the file that set it."""

    def __init__(self, layers: list[Document]) -> None:
        super().__init__(layers[-1].path, _merge([layer.data or {} for layer in layers]))
        self.layers = layers

    def problem(self, path: KeyPath, message: str, *, hint: str = "", key: bool = False) -> Problem:
        for layer in reversed(self.layers):
            if path in layer.values or path in layer.keys:
                return layer.problem(path, message, hint=hint, key=key)
        return self.layers[-1].problem(path, message, hint=hint, key=key)


def _merge(layers: list[Any]) -> Any:
    result: Any = {}
    for layer in layers:
        result = _merge_two(result, layer)
    return result


def _merge_two(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for key, value in over.items():
            merged[key] = _merge_two(base.get(key), value) if key in base else value
        return merged
    return over


class _ThemeConverter(Converter):
    """Converts theme data, reading lengths with units."""

    def convert(self, value: Any, hint: Any, path: KeyPath, rules: dict[str, Any]) -> Any:
        if rules.get("length"):
            points = parse_length(value)
            if points is None or not 0 <= points <= 5000:
                raise self.fail(
                    path, f"'{path[-1]}' must be a length such as 10pt, 0.5in, 1.8cm or 12mm, not {value!r}"
                )
            return points
        return super().convert(value, hint, path, rules)


def load_theme(name: str, project: Path) -> Theme:
    """The theme `name` with its `extends:` chain resolved; a BriefError if it has problems."""
    return load_theme_located(name, project)[0]


def load_theme_located(name: str, project: Path, named_in: Document | None = None) -> tuple[Theme, Document]:
    """The theme and where each of its values was set, for messages about them.

    `named_in` is brief.yaml when the theme was named there, so a missing theme points at its `theme:` line.
    """
    layers: list[Document] = []
    current: str | None = name
    seen: set[Path] = set()
    while current:
        path = find_theme(current, project)
        if path is None:
            hint = _theme_hint(current, project)
            if layers:
                where = layers[-1].problem(("extends",), f"no theme '{current}'", hint=hint)
            elif named_in is not None:
                where = named_in.problem(("theme",), f"no theme '{current}'", hint=hint)
            else:
                where = Problem(current, 0, 0, "no such theme", hint=hint)
            raise BriefError([where])
        if path.resolve() in seen:
            raise BriefError([layers[-1].problem(("extends",), f"theme '{current}' extends itself")])
        seen.add(path.resolve())
        doc, problems = load_yaml(path, _shown(path, project))
        if doc is None or problems:
            raise BriefError(problems)
        layers.insert(0, doc)
        parent = doc.data.get("extends") if isinstance(doc.data, dict) else None
        # A project's styles/default.yaml may extend the built-in theme of the same name.
        current = str(parent) if parent else None
        builtin = BUILTIN_THEMES / f"{current}.yaml"
        if (
            current
            and path.parent != BUILTIN_THEMES
            and project / "styles" / f"{current}.yaml" == path
            and builtin.is_file()
        ):
            current = str(builtin)
    merged = _Layers(layers)
    converter = _ThemeConverter(merged)
    theme = None
    with contextlib.suppress(Invalid):
        theme = converter.dataclass(merged.data, Theme, ())
    if theme is None or converter.problems:
        raise BriefError(converter.problems)
    return theme, merged


def _theme_hint(name: str, project: Path) -> str:
    known = sorted(
        {p.stem for folder in (project / "styles", BUILTIN_THEMES) if folder.is_dir() for p in folder.glob("*.yaml")}
    )
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else "themes here: " + ", ".join(known)


def _shown(path: Path, project: Path) -> str:
    try:
        return str(project / path.relative_to(project))
    except ValueError:
        return f"<built-in>/{path.name}" if path.parent == BUILTIN_THEMES else str(path)
