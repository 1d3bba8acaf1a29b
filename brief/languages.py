"""Languages: the words a brief prints around its content, and its numbers, dates and quote marks.

Each language is one file, `locales/<language>.yaml`: its strings (the same keys as English), its quote
marks, the words that mark a figure as approximate and its hyphenation dictionary. Numbers, percentages,
amounts of money and dates follow the brief's locale (`language:`, with its region) through Babel.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml

CATALOGS = Path(__file__).parent / "locales"
ENGLISH = "en"
#: U+202F, which Babel and French typography put between a number and its unit, and inside « ».
NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
#: Scales a compact amount of money is shown in, from the largest.
_SCALES = (1e12, 1e9, 1e6)


@dataclass(frozen=True)
class Quotes:
    """A language's quotation marks: the outer pair, the inner pair, and whether a space goes inside them."""

    double: tuple[str, str] = ("“", "”")
    single: tuple[str, str] = ("‘", "’")
    spaced: bool = False
    space: str = NARROW_NBSP  # the space set inside spaced marks, as the fonts can draw it

    def quoted(self, text: str) -> str:
        """`text` between the outer marks."""
        inside = self.space if self.spaced else ""
        return f"{self.double[0]}{inside}{text}{inside}{self.double[1]}"


@dataclass(frozen=True)
class Catalog:
    """One language's file."""

    strings: dict[str, str]
    quotes: Quotes
    approximate: tuple[str, ...]
    hyphenation: str


@cache
def supported() -> tuple[str, ...]:
    """The languages with a catalog: 'de', 'en', 'es', 'fr', 'pt'."""
    return tuple(sorted(path.stem for path in CATALOGS.glob("*.yaml")))


@cache
def catalog(language: str) -> Catalog:
    """The catalog of `language` (its first subtag: 'fr' for 'fr-CA'); a missing one is a bug, never the user's."""
    # libyaml reads a catalog several times faster than PyYAML's own parser, and every brief reads English's.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load((CATALOGS / f"{language}.yaml").read_text(encoding="utf-8"), Loader=loader)
    quotes = data["quotes"]
    return Catalog(
        strings={key: str(value) for key, value in data["strings"].items()},
        quotes=Quotes(tuple(quotes["double"]), tuple(quotes["single"]), bool(quotes["spaced"])),
        approximate=tuple(data["approximate"]),
        hyphenation=data["hyphenation"],
    )


def primary(tag: str) -> str:
    """The language of a BCP 47 tag: 'es' for 'es-MX'."""
    return tag.split("-")[0].lower()


@cache
def is_supported(tag: str) -> bool:
    return primary(tag) in supported()


def placeholders(text: str) -> set[str] | None:
    """The `{names}` in `text`, or None when its braces do not pair up."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def string_problem(key: str, text: str) -> str:
    """Why `text` cannot stand for the English string `key`, or '' when it can."""
    names = placeholders(text)
    wanted = placeholders(catalog(ENGLISH).strings[key]) or set()
    if names is None:
        return "has a '{' or '}' without its pair; write {{ or }} for a brace itself"
    unknown = sorted(names - wanted)
    if unknown:
        have = ", ".join(f"{{{name}}}" for name in sorted(wanted)) or "none"
        return f"uses {{{unknown[0]}}}, which this string does not have (it has: {have})"
    return ""


#: French writes "d’Atelier", not "de Atelier": "de" before a value that starts with a vowel is elided. An
#: initial h is left alone, as it may be aspirated ("de Hachette").
_FRENCH_ELISION = re.compile(r"\bde \{(\w+)\}")
_VOWELS = frozenset("AEIOUYÀÂÄÆÉÈÊËÎÏÔŒÙÛÜaeiouyàâäæéèêëîïôœùûü")


def _elided(pattern: str, values: Mapping[str, object]) -> str:
    return _FRENCH_ELISION.sub(
        lambda m: f"d\u2019{{{m[1]}}}" if str(values.get(m[1], ""))[:1] in _VOWELS else m[0], pattern
    )


@dataclass(frozen=True)
class Locale:
    """How one brief prints its own words, numbers, dates and quotes."""

    tag: str = "en-US"
    currency: str = "USD"
    overrides: tuple[tuple[str, str], ...] = ()  # the theme's and brief.yaml's own strings, the later winning
    space: str = NARROW_NBSP  # the narrow no-break space, or a no-break space where a font lacks it

    @property
    def language(self) -> str:
        return primary(self.tag) if is_supported(self.tag) else ENGLISH

    @cached_property  # asked for by every paragraph: kept on the (frozen) instance
    def catalog(self) -> Catalog:
        return catalog(self.language)

    @cached_property
    def quotes(self) -> Quotes:
        quotes = self.catalog.quotes
        return Quotes(quotes.double, quotes.single, quotes.spaced, self.space)

    def text(self, key: str, **values: object) -> str:
        """The string `key` with `values` put in: the brief's or theme's own wording, else the catalog's."""
        return self.markup(key, lambda words: words, **values)

    def markup(self, key: str, literal: Callable[[str], str], **values: object) -> str:
        """The string `key`, its own words escaped by `literal` (for markup), `values` put in as they are."""
        pattern = dict(self.overrides).get(key) or self.catalog.strings[key]
        if self.language == "fr":
            pattern = _elided(pattern, values)
        return self._spaces(literal(pattern).format(**values))

    def key(self) -> str:
        """What of this locale a drawn chart depends on, for the chart cache."""
        return f"{self.tag}|{self.currency}|{self.space}"

    # ── numbers ──

    def number(self, value: float, places: int | None = None) -> str:
        """`value` with the locale's separators: `places` decimals, or up to two with no trailing zeros."""
        return self._spaces(self._digits(value, places))

    def percent(self, value: float, places: int | None = None) -> str:
        """`value` (97 for 97 %) as the locale writes a percentage: '97%', '97 %'."""
        pattern = self._locale.percent_formats[None]
        shown = f"{abs(value):.{2 if places is None else places}f}"
        sign = "-" if value < 0 and float(shown) else ""  # what rounds to 0 is 0, not -0
        return self._spaces(f"{sign}{pattern.prefix[0]}{self._digits(abs(value), places)}{pattern.suffix[0]}")

    def money(self, value: float, places: int | None = None, compact: bool = False) -> str:
        """`value` in the brief's currency: '$1,234', '1.234 €'; `compact`, large sums as '$1.2M', '1,2 M €'."""
        from babel.numbers import format_compact_currency, format_currency

        size = abs(value)
        if compact and size >= _SCALES[-1]:
            text = format_compact_currency(value, self.currency, locale=self._locale, fraction_digits=1)
            return self._spaces(text)
        if places is None:
            places = 0 if size == round(size) else 2
        pattern = self._locale.currency_formats["standard"].pattern.split(";")[0]
        pattern = re.sub(r"0\.0+", "0." + "0" * places if places else "0", pattern)
        amount = Decimal(f"{value:.{places}f}")
        amount = abs(amount) if amount == 0 else amount  # -0.001 rounds to 0, not to -0
        text = format_currency(amount, self.currency, pattern, locale=self._locale, currency_digits=False)
        return self._spaces(text)

    def _digits(self, value: float, places: int | None) -> str:
        """The number's digits grouped: rounded as Python rounds, so that English prints as it always has."""
        from babel.numbers import format_decimal

        if places is None:
            text = f"{value:.2f}".rstrip("0").rstrip(".") if value != round(value) else str(round(value))
            fraction = len(text.split(".")[1]) if "." in text else 0
        else:
            text, fraction = f"{value:.{places}f}", places
        pattern = "#,##0" + ("." + "0" * fraction if fraction else "")
        return str(format_decimal(Decimal(text), pattern, locale=self._locale))

    # ── dates ──

    def date(self, iso: str) -> str:
        """`2025-06-03` → 'June 3, 2025', '3 juin 2025'; `2025-06` → 'June 2025'; `2025` → '2025'."""
        import datetime

        from babel.dates import format_date, format_skeleton

        parts = [int(part) for part in iso.split("-")]
        if len(parts) == 1:
            return iso
        day = datetime.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
        if len(parts) == 3:
            return self._spaces(format_date(day, "long", locale=self._locale))
        return self._spaces(format_skeleton("yMMMM", day, locale=self._locale))

    def period_names(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The short names of the months and of the quarters, as a time axis labels them: 'Jan', 'Q1' in
        English, 'ene', 'T1' in Spanish."""
        from babel.dates import get_month_names, get_quarter_names

        months = get_month_names("abbreviated", context="stand-alone", locale=self._locale)
        quarters = get_quarter_names("abbreviated", context="stand-alone", locale=self._locale)
        return tuple(months[m] for m in range(1, 13)), tuple(quarters[q] for q in range(1, 5))

    def hyphenations(self, word: str) -> list[tuple[str, str]]:
        """The (head, tail) pairs `word` may break into at the language's hyphenation points, longest head first."""
        return list(hyphenation_dictionary(self.catalog.hyphenation).iterate(word))

    # ── helpers ──

    @property
    def _locale(self) -> Any:
        return babel_locale(self.tag if is_supported(self.tag) else "en-US")

    def _spaces(self, text: str) -> str:
        return text.replace(NARROW_NBSP, self.space) if self.space != NARROW_NBSP else text


@cache
def hyphenation_dictionary(name: str) -> Any:
    """pyphen's dictionary `name` ('fr', 'de_DE'), read once per process."""
    import pyphen

    return pyphen.Pyphen(lang=name)


@cache
def babel_locale(tag: str) -> Any:
    """Babel's locale for a BCP 47 tag; its language alone when Babel does not know the region."""
    from babel import Locale as BabelLocale
    from babel.core import UnknownLocaleError

    try:
        return BabelLocale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        return BabelLocale.parse(primary(tag))


ENGLISH_US = Locale()


def with_overrides(locale: Locale, *layers: Mapping[str, str]) -> Locale:
    """`locale` with the strings of `layers` over its catalog's, a later layer over an earlier one."""
    merged = dict(locale.overrides)
    for layer in layers:
        merged.update({key: text for key, text in layer.items() if text})
    return Locale(locale.tag, locale.currency, tuple(sorted(merged.items())), locale.space)
