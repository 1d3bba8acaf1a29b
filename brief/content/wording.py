"""Wording a brief derives from its content, shared by every edition (the PDF, the web page, the press kit)
so that they never word the same thing apart: the suggested citation, a list of names; and the brief's
language: its checks (a language without a catalog, an unknown currency, an override that cannot be
printed) and the Locale the later stages print with."""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from typing import Any

from brief.content.model import Brief, BriefInfo
from brief.errors import Problem, Severity
from brief.languages import (
    ENGLISH_US,
    NARROW_NBSP,
    NBSP,
    Locale,
    catalog,
    is_supported,
    string_problem,
    supported,
    with_overrides,
)
from brief.loading import Document, KeyPath


def language_problems(info: BriefInfo, doc: Document) -> list[Problem]:
    """brief.yaml's language, currency and `strings:`, each problem at its own line."""
    problems = []
    if not is_supported(info.language):
        found = doc.problem(
            ("language",),
            f"brief has no strings for the language '{info.language}'; its own words print in English",
            hint="supported: " + ", ".join(supported()),
        )
        problems.append(dataclasses.replace(found, severity=Severity.WARNING))
    if not _is_currency(info.currency):
        problems.append(
            doc.problem(("currency",), f"'{info.currency}' is not a currency code", hint="write one such as USD or EUR")
        )
    return problems + strings_problems(info.strings, doc, ("strings",))


def strings_problems(strings: Any, doc: Document, path: KeyPath) -> list[Problem]:
    """An override that names a value its string does not have, or whose braces do not pair up."""
    problems = []
    for field in dataclasses.fields(strings):
        text = getattr(strings, field.name)
        why = string_problem(field.name, text) if text else ""
        if why:
            problems.append(doc.problem((*path, field.name), f"'{field.name}' {why}"))
    return problems


def brief_locale(info: BriefInfo, theme_strings: Any, font_codes: frozenset[int] | None = None) -> Locale:
    """How the brief prints its own words and numbers: the language's catalog under the theme's strings under
    brief.yaml's; a narrow no-break space only where the fonts (their `font_codes`) can draw one."""
    space = NBSP if font_codes is not None and ord(NARROW_NBSP) not in font_codes else NARROW_NBSP
    base = Locale(info.language, info.currency, space=space)
    return with_overrides(base, dataclasses.asdict(theme_strings), dataclasses.asdict(info.strings))


def looks_approximate(shown: str, language: str) -> bool:
    """Whether a stat as shown says it is approximate: '~', '≈', or one of the language's words for it
    ('nearly', 'casi', 'environ', 'etwa', 'cerca de')."""
    return bool(_approximate_words(Locale(language).language).search(shown))


@cache
def _approximate_words(language: str) -> re.Pattern[str]:
    words = "|".join(catalog(language).approximate)
    return re.compile(rf"~|≈|(?<!\w)({words})(?!\w)", re.IGNORECASE)


def _is_currency(code: str) -> bool:
    from babel.numbers import is_currency

    return bool(is_currency(code))


# ── derived wording ──


def suggested_citation(brief: Brief) -> str:
    """The content's own citation, or a reference to the brief as a report in APA style (7th edition).

    Author (the organisation when the brief names no authors). (Year). Title: Subtitle. Publisher (left out
    when it is the author, as APA does). Names print as written: brief cannot tell a surname from a given
    name, so it does not invert them to 'Doe, J.'. The series is not repeated: it is the kicker on the cover.
    """
    info = brief.info
    if info.citation:
        return info.citation
    authors = [a.name for a in info.authors]
    title = info.title
    if info.subtitle:  # APA joins a subtitle with a colon, unless the title ends in its own mark
        title = (
            f"{title} {info.subtitle}" if title.rstrip().endswith((".", "?", "!", "…")) else f"{title}: {info.subtitle}"
        )
    parts = [_apa_names(authors) or info.organisation.name, f"({info.date[:4]})", title]
    if authors:
        parts.append(info.organisation.name)
    return " ".join(closed(part) for part in parts if part)


def _apa_names(people: list[str]) -> str:
    """'A', 'A & B', 'A, B, & C': authors joined as an APA reference list joins them."""
    return " & ".join(people) if len(people) <= 2 else ", ".join(people[:-1]) + f", & {people[-1]}"


def closed(text: str) -> str:
    """`text` ending in a full stop, unless it ends in its own stop, question or exclamation mark."""
    return text if text.rstrip().endswith((".", "?", "!", "…")) else f"{text}."


def names(people: list[str], locale: Locale = ENGLISH_US) -> str:
    """'A', 'A and B', 'A, B and C' (in the brief's language): people named so that a name and a role never
    read as two people."""
    if len(people) < 2:
        return people[0] if people else ""
    return locale.text("names_and", names=", ".join(people[:-1]), last=people[-1])
