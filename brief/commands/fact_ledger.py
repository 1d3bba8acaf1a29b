"""The fact ledger of a press kit: every number the brief prints, the source's own words for it, and its sources.

A fact-checker reads it beside the PDF: what is shown, what it stands for, whether the source gave it
only in words (approximate), and which works back it, numbered as in the brief's endnotes.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from brief.content import markup
from brief.content.model import Brief, Stat
from brief.languages import Locale

_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_~[]<>|"})


@dataclass(frozen=True)
class Fact:
    """One number as the brief prints it, and where it comes from."""

    number: int
    kind: str  # "key number", "finding" or "request"
    id: str
    headline: str
    stat: Stat
    sources: tuple[int, ...]  # endnote numbers
    content: str = ""  # where it is written: "content/findings.yaml, id youth-funding"


def key_facts(brief: Brief) -> list[Fact]:
    """The key numbers of brief.yaml, then each finding's stat and each request's, as the brief prints them."""
    items: list[tuple[str, str, str, Stat | None, list[str], str]] = [
        ("key number", str(i), k.label, k, k.sources, f"content/brief.yaml, callouts item {i}")
        for i, k in enumerate(brief.info.callouts, 1)
    ]
    items += [
        ("finding", f.id, f.headline, f.stat, f.sources, f"content/findings.yaml, id {f.id}")
        for f in brief.findings.findings
    ]
    items += [
        ("request", r.id, r.headline, r.stat, r.sources, f"content/requests.yaml, id {r.id}")
        for r in brief.requests.requests
    ]
    shown = [item for item in items if item[3] is not None]
    return [
        Fact(n, kind, id_, headline, stat, tuple(brief.source_number[s] for s in sources), where)
        for n, (kind, id_, headline, stat, sources, where) in enumerate(shown, 1)
        if stat is not None
    ]


def value_text(stat: Stat, locale: Locale) -> str:
    """The number behind a stat with its unit, or a dash when the content gives none."""
    if stat.value is None:
        return "—"
    value = stat.value
    places = 0 if float(value).is_integer() else len(repr(float(value)).split(".")[1])  # every digit written
    if stat.unit == "percent":
        return locale.percent(value, places)
    if stat.unit == "currency":
        return locale.money(value, places)
    return locale.number(value, places)


def _approximate(stat: Stat, locale: Locale) -> str:
    return locale.text("facts_approximate_yes" if stat.approximate else "facts_approximate_no")


#: The catalog's word for each kind of fact.
_KINDS = {"key number": "facts_key_number", "finding": "facts_finding", "request": "facts_request"}


def _kind(fact: Fact, locale: Locale) -> str:
    return locale.text(_KINDS[fact.kind])


def _source_entries(brief: Brief) -> list[str]:
    entries = []
    for number, source in enumerate(brief.sources.sources, 1):
        entry = f"{number}. {source.publisher}, {source.title}"
        entry += f" ({brief.locale.date(source.date)})." if source.date else "."
        entries.append(entry + (f" {source.url}" if source.url else ""))
    return entries


def _heading(brief: Brief) -> tuple[str, str]:
    info = brief.info
    title = brief.locale.text("facts_title", title=markup.plain(info.title, brief.locale.quotes))
    return title, f"{info.organisation.name}, {brief.locale.date(info.date)}."


def facts_text(brief: Brief) -> str:
    """The ledger as plain text, one block per number."""
    title, byline = _heading(brief)
    locale = brief.locale
    lines = [title, byline, "", textwrap.fill(locale.text("facts_intro"), 100), ""]
    keys = ("facts_shown", "facts_value", "facts_wording", "facts_approximate", "facts_sources", "facts_content")
    labels = [f"{locale.text(key)}:" for key in keys]
    width = max(13, *(len(label) for label in labels)) + 1  # the values in one column, as in English
    shown, value, wording, approximate, sources, content = (f"   {label:<{width}}" for label in labels)
    for fact in key_facts(brief):
        stat = fact.stat
        lines += [
            f"{fact.number}. {stat.shown}  ({_kind(fact, locale)}: {markup.plain(fact.headline, locale.quotes)})",
            f"{shown}{stat.shown} {markup.plain(stat.label, locale.quotes)}",
            f"{value}{value_text(stat, locale)}",
            f"{wording}{stat.wording or '—'}",
            f"{approximate}{_approximate(stat, locale)}",
            f"{sources}{', '.join(str(n) for n in fact.sources)}",
            f"{content}{fact.content}",
            "",
        ]
    lines += [locale.text("facts_sources"), *_source_entries(brief)]
    return "\n".join(lines) + "\n"


def facts_markdown(brief: Brief) -> str:
    """The ledger as a Markdown table, for a newsroom's wiki or an email."""
    title, byline = _heading(brief)
    locale = brief.locale
    lines = [f"# {_md(title)}", "", _md(byline), "", _md(locale.text("facts_intro")), ""]
    keys = ("facts_shown", "facts_counts", "facts_value", "facts_wording_column", "facts_approximate")
    columns = ["#", *(_md(locale.text(key)) for key in keys)]
    columns += [_md(locale.text("facts_sources")), _md(locale.text("facts_in_brief"))]
    lines += ["| " + " | ".join(columns) + " |", "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for fact in key_facts(brief):
        stat = fact.stat
        cells = [
            str(fact.number),
            f"**{_md(stat.shown)}**",
            _md(markup.plain(stat.label, locale.quotes)),
            _md(value_text(stat, locale)),
            _md(stat.wording) or "—",
            _md(_approximate(stat, locale)),
            ", ".join(str(n) for n in fact.sources),
            f"{_md(_kind(fact, locale))}: {_md(markup.plain(fact.headline, locale.quotes))}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"## {_md(locale.text('facts_sources'))}", "", *(_md(entry) for entry in _source_entries(brief))]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Text that prints as itself in Markdown, on one line."""
    return " ".join(text.split()).translate(_MARKDOWN_SPECIAL)
