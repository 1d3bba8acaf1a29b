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

from brief.content.convert import Converter, Invalid, describe, exact
from brief.content.model import Strings, spec
from brief.errors import BriefError, Problem
from brief.loading import Document, KeyPath, load_yaml

BUILTIN_THEMES = Path(__file__).parent.parent / "themes"
COLOUR = r"^#[0-9a-fA-F]{6}$"
_UNITS = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|in|cm|mm|px)?\s*$")
#: A length as a theme file may write it, for the JSON Schema: a number and a unit (points without one).
LENGTH_TEXT = r"^\s*\d+(\.\d+)?\s*(pt|in|cm|mm|px)?\s*$"


def colour(doc: str, example: str) -> Any:
    return spec(doc, example, pattern=COLOUR)


def length(doc: str, example: str, most: float = 5000.0) -> Any:
    return spec(doc, example, length=True, min_pt=0.0, max_pt=most, written=LENGTH_TEXT)


#: Text smaller than this, in points, is too small to read in print.
MIN_TEXT_SIZE = 6.5


def type_size(doc: str, example: str) -> Any:
    """A type size: below MIN_TEXT_SIZE it is hard to read in print, above 72 pt (an inch) no line of a brief fits."""
    return spec(doc, example, length=True, min_pt=MIN_TEXT_SIZE, max_pt=72.0, written=LENGTH_TEXT)


@dataclass(frozen=True)
class Margins:
    top: float = length("Top margin (above the running header).", "0.9in")
    bottom: float = length("Bottom margin (below the footer).", "0.9in")
    left: float = length("Left margin.", "0.85in")
    right: float = length("Right margin.", "0.85in")


Paper = Literal["letter", "a4", "legal"]


@dataclass(frozen=True)
class Page:
    size: Paper = spec("Paper size.", "letter")
    margins: Margins = spec("Page margins.", {"top": "0.9in"})
    gutter: float = length("Space between columns.", "0.3in", most=72)
    cover_band: float = length("Height of the coloured title band on page 1.", "2.4in")


@dataclass(frozen=True)
class Fonts:
    body: str = spec("Font family of running text (an installed fontpkg family with static TTFs).", "Lato")
    heading: str = spec("Font family of headings, numbers and labels.", "Lato")


@dataclass(frozen=True)
class Sizes:
    body: float = type_size("Running text.", "10pt")
    leading: float = type_size("Line height of running text.", "14pt")
    small: float = type_size("Captions, source lines, header and footer.", "8pt")
    kicker: float = type_size("Series line above the title.", "8.5pt")
    title: float = type_size("The brief's title.", "28pt")
    subtitle: float = type_size("The line under the title.", "13pt")
    h1: float = type_size("Section headings.", "17pt")
    h2: float = type_size("Finding headlines and sub-headings.", "12pt")
    stat: float = type_size("Big numbers in callouts.", "28pt")
    quote: float = type_size("Pull quotes.", "14pt")
    chart: float = type_size("Chart labels (never below 7.5pt).", "8.5pt")


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
    paragraph: float = length("Space after a paragraph.", "6pt", most=144)
    section: float = length("Space above a section heading.", "20pt", most=144)
    block: float = length("Space around callouts, charts and quotes.", "12pt", most=144)
    padding: float = length("Inner padding of callouts and sidebars.", "10pt", most=36)


@dataclass(frozen=True)
class ChartStyle:
    palette: list[str] = spec("Series colours, in order; keep them distinct in greyscale.", ["#16365c"], pattern=COLOUR)
    highlight: str = colour("Highlighted bars.", "#c0720f")
    base: str = colour("Bars that are not highlighted in a single-series chart.", "#16365c")
    empty: str = colour("Unfilled squares of a waffle, track of a bar.", "#dde3eb")
    grid: str = colour("Grid lines (kept light).", "#e3e7ee")
    text: str = colour("Chart labels.", "#1d2433")
    width: float = length("Width of a full-width chart.", "6.8in")
    bar_height: float = length("Height of one bar in a horizontal bar chart.", "0.34in", most=72)
    height: float = length("Height of column, line and waffle charts.", "2.6in", most=504)


@dataclass(frozen=True)
class Layout:
    toc_min_pages: int = spec(
        "Print a table of contents when the brief has at least this many pages.", 4, min=1, max=1000
    )
    stat_columns: int = spec("Big-number callouts per row on page 1.", 3, min=1, max=4)
    email_budget: float = spec("Warn when the PDF is larger than this many megabytes.", 2, min=0.01, max=1000)
    justify: bool = spec(
        "Set running text (paragraphs and the summary) justified, hyphenated in the brief's language.", True, False
    )


@dataclass(frozen=True)
class Theme:
    """A theme file under styles/: the look of the brief."""

    page: Page = spec("Paper, margins and bands.", {"size": "a4", "margins": {"left": "2cm"}})
    fonts: Fonts = spec("Font families.", {"body": "Lato", "heading": "Lato"})
    sizes: Sizes = spec("Type sizes.", {"body": "10.5pt", "leading": "15pt"})
    colours: Colours = spec("Colours as #rrggbb.", {"primary": "#16365c"})
    spacing: Spacing = spec("Vertical rhythm.", {"section": "24pt"})
    chart: ChartStyle = spec("The look of charts.", {"height": "2in"})
    layout: Layout = spec("Layout switches.", {"stat_columns": 2})
    strings: Strings = spec(
        "The house wording of strings brief prints (headings, labels, page numbers), over the language's; a "
        "brief's own `strings:` win over these. Keys as in docs/languages.md.",
        {"page_of": "{page} / {total}"},
        Strings(),
    )
    extends: str = spec("A theme this one overrides.", "default", "", empty_ok=True)
    name: str = spec("The theme's name, shown by tools.", "house", "", empty_ok=True)


def find_theme(name: str, project: Path) -> Path | None:
    """The theme file for `name`: a path, a file under the project's styles/, or a built-in theme."""
    if name.endswith((".yaml", ".yml")) or "/" in name:
        # As typed on the command line, or from the project; and only a YAML file, so that a name such as
        # /etc/passwd is never read, and never shown in a message about its content.
        candidates = [Path(name), project / name] if name.endswith((".yaml", ".yml")) else []
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

    def __init__(self, layers: list[Document], chain: list[tuple[str, Path]]) -> None:
        super().__init__(layers[-1].path, _merge([layer.data or {} for layer in layers]))
        self.layers = layers
        self.chain = chain  # each theme as named, and the file it was found in: the named one first

    def problem(self, path: KeyPath, message: str, *, hint: str = "", key: bool = False, part: str = "") -> Problem:
        return self.layers[self._owner(path)].problem(path, message, hint=hint, key=key, part=part)

    def newest(self, *paths: KeyPath) -> KeyPath:
        """Of values that clash, the one set by the most derived theme: the one its author just changed."""
        return max(paths, key=self._owner)  # the first of those set by the same file

    def _owner(self, path: KeyPath) -> int:
        # The file that set a value is the last one to set it or anything above it that is not a mapping:
        # `palette: '#000000'` in a theme replaces the base theme's whole palette list, items and all.
        owner = len(self.layers) - 1
        for end in range(1, len(path) + 1):
            setting = [
                i for i, layer in enumerate(self.layers) if path[:end] in layer.values or path[:end] in layer.keys
            ]
            if not setting:
                break
            owner = setting[-1]
            if not isinstance(_value_at(self.layers[owner].data, path[:end]), dict):
                break
        return owner


def _value_at(data: Any, path: KeyPath) -> Any:
    for part in path:
        data = data.get(part) if isinstance(data, dict) else None
    return data


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

    def dataclass(self, value: Any, cls: type, path: KeyPath) -> Any:
        if not path and not isinstance(value, dict):  # by its kind only: the file may be no theme at all
            kind = "a list" if isinstance(value, list) else "text" if isinstance(value, str) else "one value"
            raise self.fail(path, f"the file must be a mapping of keys to values, not {kind}")
        return super().dataclass(value, cls, path)

    def convert(self, value: Any, hint: Any, path: KeyPath, rules: dict[str, Any]) -> Any:
        if value is None and rules.get("pattern") == COLOUR and hint is str:
            hint = "write colours in quotes, such as '#16365c': YAML reads an unquoted # as the start of a comment"
            raise self.fail(path, f"'{self._name(path)}' has no value", hint=hint)
        if rules.get("length"):
            points = parse_length(value)
            if points is None or points < 0:
                raise self.fail(
                    path, f"'{path[-1]}' must be a length such as 10pt, 0.5in, 1.8cm or 12mm, not {value!r}"
                )
            # Beyond these bounds text is unreadable or no block fits the page: say so here, not at layout.
            low, high = rules.get("min_pt", 0.0), rules.get("max_pt", 5000.0)
            if not low <= points <= high:
                written = value.strip() if isinstance(value, str) else exact(value)
                raise self.fail(path, f"'{path[-1]}' is {written}; it must be between {low:g} pt and {high:g} pt")
            return points
        return super().convert(value, hint, path, rules)


def load_theme(name: str, project: Path) -> Theme:
    """The theme `name` with its `extends:` chain resolved; a BriefError if it has problems."""
    return load_theme_located(name, project)[0]


def load_theme_located(name: str, project: Path, named_in: Document | None = None) -> tuple[Theme, Document]:
    """The theme and where each of its values was set, for messages about them.

    `named_in` is brief.yaml when the theme was named there, so a missing theme points at its `theme:` line.
    """
    merged = _Layers(*_theme_layers(name, project, named_in))
    converter = _ThemeConverter(merged)
    theme = None
    with contextlib.suppress(Invalid):
        theme = converter.dataclass(merged.data, Theme, ())
    if theme is None or converter.problems:
        raise BriefError(converter.problems)
    problems = _page_problems(theme, merged) + _font_problems(theme, merged)
    if problems:
        raise BriefError(problems)
    return theme, merged


def theme_chain(located: Document) -> list[tuple[str, Path]]:
    """The themes a loaded theme (`load_theme_located`) was merged from: each as named (by the project, or
    by the `extends:` of the theme before it) and the file it was found in, the named one first."""
    return list(located.chain) if isinstance(located, _Layers) else []


def _theme_layers(name: str, project: Path, named_in: Document | None) -> tuple[list[Document], list[tuple[str, Path]]]:
    """The theme file `name` and those it extends, the base first; and the chain (see `theme_chain`)."""
    layers: list[Document] = []
    chain: list[tuple[str, Path]] = []
    current: str | None = name
    seen: set[Path] = set()
    while current:
        path = find_theme(current, project)
        if path is None:
            hint = _theme_hint(current, project)
            if layers:  # layers[0] is the theme loaded last: the one whose `extends:` names `current`
                where = layers[0].problem(("extends",), f"no theme '{current}'", hint=hint)
            elif named_in is not None:
                where = named_in.problem(("theme",), f"no theme '{current}'", hint=hint)
            else:
                where = Problem(current, 0, 0, "no such theme", hint=hint)
            raise BriefError([where])
        if path.resolve() in seen:
            raise BriefError([_loop_problem(layers, current)])
        seen.add(path.resolve())
        chain.append((current, path.resolve()))
        doc, problems = load_yaml(path, _shown(path, project))
        if doc is None or problems:
            raise BriefError(problems)
        layers.insert(0, doc)
        parent = doc.data.get("extends") if isinstance(doc.data, dict) else None
        if isinstance(parent, list | dict | bool):  # reported alone: without its base, every key would be missing
            message = f"'extends' names one theme, not {describe(parent)}"
            raise BriefError([doc.problem(("extends",), message, hint="write one theme name, such as 'default'")])
        # A project's styles/default.yaml may extend the built-in theme of the same name.
        current = str(parent) if parent is not None else None
        builtin = BUILTIN_THEMES / f"{current}.yaml"
        if (
            current
            and path.parent != BUILTIN_THEMES
            and project / "styles" / f"{current}.yaml" == path
            and builtin.is_file()
        ):
            current = str(builtin)
    return layers, chain


def _loop_problem(layers: list[Document], current: str) -> Problem:
    if len(layers) == 1:
        return layers[0].problem(("extends",), f"theme '{current}' extends itself")
    chain = " → ".join(Path(name).stem for name in [*(layer.path for layer in reversed(layers)), current])
    return layers[0].problem(
        ("extends",), f"themes extend each other in a loop: {chain}", hint="one of them must not extend another"
    )


#: Paper sizes in points, exactly as reportlab.lib.pagesizes has them (not imported: checking stays light).
PAPER = {"letter": (612.0, 792.0), "a4": (595.2755905511812, 841.8897637795277), "legal": (612.0, 1008.0)}


def text_width(theme: Theme) -> float:
    """The width between the page's side margins: the frame's, the cover band's text's, a full chart's."""
    margins = theme.page.margins
    return float(PAPER[theme.page.size][0] - margins.left - margins.right)


def text_height(theme: Theme) -> float:
    """The height between the page's top and bottom margins: the tallest a block may be."""
    margins = theme.page.margins
    return float(PAPER[theme.page.size][1] - margins.top - margins.bottom)


#: The smallest text area that still takes a line of a callout or a chart: 2 in wide, 3 in tall.
MIN_TEXT_WIDTH, MIN_TEXT_HEIGHT = 144.0, 216.0


def _page_problems(theme: Theme, located: Document) -> list[Problem]:
    """Margins that leave too little of the paper for text, located at the left and top margin."""
    width, height = PAPER[theme.page.size]
    m = theme.page.margins
    problems = []
    for sides, used, paper, least in (
        (("left", "right"), m.left + m.right, width, MIN_TEXT_WIDTH),
        (("top", "bottom"), m.top + m.bottom, height, MIN_TEXT_HEIGHT),
    ):
        if paper - used < least:
            problems.append(
                located.problem(
                    located.newest(*[("page", "margins", side) for side in sides], ("page", "size")),
                    f"the margins leave {max(paper - used, 0):.0f} pt of the {paper:.0f} pt paper for text; "
                    f"at least {least:.0f} pt is needed",
                    hint="make the margins smaller",
                )
            )
    if theme.page.cover_band > height / 2:
        problems.append(
            located.problem(
                located.newest(("page", "cover_band"), ("page", "size")),
                f"the cover band is {theme.page.cover_band:.0f} pt tall, more than half of the {height:.0f} pt page",
                hint="page 1 needs room for the summary",
            )
        )
    if theme.sizes.leading < theme.sizes.body:
        problems.append(
            located.problem(
                located.newest(("sizes", "leading"), ("sizes", "body")),
                f"'leading' is {exact(theme.sizes.leading)} pt, less than the {exact(theme.sizes.body)} pt body text: "
                "lines would overlap",
                hint="make the leading at least the body size, usually 1.2 to 1.5 times it",
            )
        )
    return problems


def _font_problems(theme: Theme, located: Document) -> list[Problem]:
    """A font family that is not installed, at the theme line that names it, before any layout starts."""
    from brief.theme.fonts import family_problem, font_package, installed_families

    problems = []
    for key in ("body", "heading"):
        family = getattr(theme.fonts, key)
        why = family_problem(family)
        if why:
            close = difflib.get_close_matches(family, installed_families(), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"install it with: pip install {font_package(family)}"
            problems.append(located.problem(("fonts", key), f"font family '{family}' {why}", hint=hint))
    return problems


def _theme_hint(name: str, project: Path) -> str:
    if "/" in name and not name.endswith((".yaml", ".yml")):
        return "a theme named by its path is a .yaml file"
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
