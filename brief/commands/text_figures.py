"""The figures a brief's running text prints: '97 percent', 'nearly six in 10', '$4.2 million', '60 mayors'.

The fact ledger lists them beside the callouts and chart values, so that a fact-checker sees every number
a reader sees, where it is written and which works the paragraph cites for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from brief.content import markup
from brief.content.model import Brief

_SMALL = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORD = rf"(?:(?:{_TENS})(?:-(?:{_SMALL}))?|{_SMALL}|a hundred|one hundred)"
# 1,250 and 1,250.5, or as a decimal-comma language writes them (38,4 and 118.400); a range such as 10–15 is one.
_DIGITS = r"\d+(?:[.,]\d+)*(?:[–-]\d+(?:[.,]\d+)*)?"
_SCALE = r"(?:\s(?:thousand|million|billion|trillion))?"
_UNIT = r"(?:\s?%|\spercent|\sper\scent|\spercentage\spoints?)?"
#: A figure: 'six in 10', '97 percent', '$4.2 million', '1,250', 'Ninety-seven percent', 'three-quarters'.
_FIGURE = re.compile(
    rf"(?<![\w.,$€£-])(?:"
    rf"(?:{_WORD}|\d+)\sin\s(?:10|ten|\d+)"  # a ratio in words: 'seven in 10'
    rf"|[$€£]\s?(?:{_DIGITS}){_SCALE}"
    rf"|(?:{_DIGITS}){_SCALE}{_UNIT}"
    rf"|{_WORD}\s(?:percent|per\scent)"
    rf"|(?:three|two|one)-(?:quarters?|thirds?)|half"
    rf")(?![\w])",
    re.IGNORECASE,
)
#: Words before a figure that say the source gives it only roughly.
_APPROXIMATE = re.compile(
    r"(?:[~≈]|\b(?:nearly|about|around|almost|approximately|roughly|some|over|under|more than|less than|fewer than|"
    r"up to|close to|at least|an estimated)\s*)$",
    re.IGNORECASE,
)
#: Words before a number that make it a label, not a figure: 'Table 3', 'page 4'.
_LABEL = re.compile(
    r"\b(?:table|figure|fig\.|page|p\.|no\.|chapter|section|part|step|phase|tier|level)\s*$", re.IGNORECASE
)
#: A bare four-digit number from 1800 to 2199 is a year, not a figure; so is a span such as 2024–25.
_YEAR = re.compile(r"(?:18|19|20|21)\d\d(?:[–-](?:(?:18|19|20|21)?\d\d))?")


@dataclass(frozen=True)
class TextFigure:
    """One figure in the running text: as written, its sentence, where, and the sources its paragraph cites."""

    written: str  # the figure with the words that qualify it: 'nearly six in 10'
    approximate: bool
    sentence: str
    where: str  # 'content/brief.yaml, summary paragraph 1'
    sources: tuple[str, ...]  # source ids: those the paragraph cites, or its item's


def text_figures(brief: Brief) -> list[TextFigure]:
    """Every figure in the text a reader sees, in the order of the content files."""
    return [figure for where, text, sources in _texts(brief) for figure in figures_in(text, where, sources)]


def figures_in(text: str, where: str = "", item_sources: tuple[str, ...] = ()) -> Iterator[TextFigure]:
    """The figures of one text (inline markup allowed), each with its qualifier and sentence."""
    cited = tuple(dict.fromkeys(markup.parse(text).citations))
    plain = " ".join(markup.plain(text).split())
    for match in _FIGURE.finditer(plain):
        figure = match[0]
        if _YEAR.fullmatch(figure) or _LABEL.search(plain, 0, match.start()):
            continue
        qualifier = _APPROXIMATE.search(plain, 0, match.start())
        written = plain[qualifier.start() : match.end()] if qualifier else figure
        yield TextFigure(written, bool(qualifier), _sentence(plain, match.start()), where, cited or item_sources)


def _sentence(text: str, at: int) -> str:
    """The sentence of `text` around position `at`, trimmed to a readable length."""
    start = max(text.rfind(". ", 0, at) + 2, 0) if text.rfind(". ", 0, at) >= 0 else 0
    end = text.find(". ", at)
    sentence = text[start : end + 1 if end >= 0 else len(text)].strip()
    return sentence if len(sentence) <= 240 else sentence[:239].rstrip() + "…"


def _texts(brief: Brief) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(where, text, the item's own sources) for every text the brief prints that may hold a figure."""
    info = brief.info
    b = "content/brief.yaml"
    yield from ((f"{b}, {key}", text, ()) for key, text in (("title", info.title), ("subtitle", info.subtitle)))
    yield from _paragraphs(f"{b}, summary", info.summary, ())
    for i, quote in enumerate(info.quotes, 1):
        yield f"{b}, quote {i}", quote.text, tuple(quote.sources)
    for i, sidebar in enumerate(info.sidebars, 1):
        yield from _paragraphs(f"{b}, sidebar {i}", sidebar.text, ())
    yield from _paragraphs(f"{b}, methodology", info.methodology, ())
    for f in brief.findings.findings:
        where, sources = f"content/findings.yaml, id {f.id}", tuple(f.sources)
        yield f"{where}, headline", f.headline, sources
        yield from _paragraphs(f"{where}, text", f.text, sources)
    yield from _paragraphs("content/requests.yaml, intro", brief.requests.intro, ())
    for r in brief.requests.requests:
        where, sources = f"content/requests.yaml, id {r.id}", tuple(r.sources)
        yield f"{where}, headline", r.headline, sources
        yield f"{where}, text", r.text, sources
    yield from _paragraphs("content/requests.yaml, outro", brief.requests.outro, ())
    yield from _paragraphs("content/recommendations.yaml, intro", brief.recommendations.intro, ())
    backing = {f.id: f.sources for f in brief.findings.findings}
    for rec in brief.recommendations.recommendations:
        sources = tuple(dict.fromkeys(s for finding in rec.findings for s in backing.get(finding, [])))
        yield f"content/recommendations.yaml, id {rec.id}, title", rec.title, sources  # its findings' sources
        yield f"content/recommendations.yaml, id {rec.id}, text", rec.text, sources
    for chart in brief.charts.charts:
        where, sources = f"content/charts.yaml, id {chart.id}", tuple(chart.sources)
        for key in ("title", "subtitle", "caption", "notes"):
            yield f"{where}, {key}", getattr(chart, key), sources
    for source in brief.sources.sources:  # what the reference list says the brief takes from each work
        yield f"content/sources.yaml, id {source.id}, note", source.note, (source.id,)
    yield from _paragraphs(f"{b}, about", info.about, ())


def _paragraphs(where: str, texts: list[str], sources: tuple[str, ...]) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    for i, text in enumerate(texts, 1):
        yield (f"{where} paragraph {i}" if len(texts) > 1 else where), text, sources
