"""The fact ledger of a press kit: every number the brief prints, the source's own words for it, and its sources.

A fact-checker reads it beside the PDF: what is shown, what it stands for, whether the source gave it
only in words (approximate), and which works back it, numbered as in the brief's endnotes.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from brief.content import markup
from brief.content.model import Brief, Stat
from brief.pdf.compose import display_date

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


def value_text(stat: Stat) -> str:
    """The number behind a stat with its unit, or a dash when the content gives none."""
    if stat.value is None:
        return "—"
    number = f"{int(stat.value):,}" if float(stat.value).is_integer() else f"{stat.value:,}"
    return {"percent": f"{number}%", "currency": f"{number} (currency)"}.get(stat.unit, number)


def _approximate(stat: Stat) -> str:
    return "yes: the source gives it in words" if stat.approximate else "no"


def _source_entries(brief: Brief) -> list[str]:
    entries = []
    for number, source in enumerate(brief.sources.sources, 1):
        entry = f"{number}. {source.publisher}, {source.title}"
        entry += f" ({source.date})." if source.date else "."
        entries.append(entry + (f" {source.url}" if source.url else ""))
    return entries


def _heading(brief: Brief) -> tuple[str, str]:
    info = brief.info
    title = f"Key facts: {markup.plain(info.title)}"
    return title, f"{info.organisation.name}, {display_date(info.date)}."


_INTRO = (
    "Every number the brief prints, as shown, with what it counts, the source's own words for it and "
    "the works it rests on (numbered as in the brief's Sources). Approximate means the source gives the "
    "figure only in words, and the brief marks it so."
)


def facts_text(brief: Brief) -> str:
    """The ledger as plain text, one block per number."""
    title, byline = _heading(brief)
    lines = [title, byline, "", textwrap.fill(_INTRO, 100), ""]
    for fact in key_facts(brief):
        stat = fact.stat
        lines += [
            f"{fact.number}. {stat.shown}  ({fact.kind}: {markup.plain(fact.headline)})",
            f"   Shown:        {stat.shown} {markup.plain(stat.label)}",
            f"   Value:        {value_text(stat)}",
            f"   Source says:  {stat.wording or '—'}",
            f"   Approximate:  {_approximate(stat)}",
            f"   Sources:      {', '.join(str(n) for n in fact.sources)}",
            f"   Content:      {fact.content}",
            "",
        ]
    lines += ["Sources", *_source_entries(brief)]
    return "\n".join(lines) + "\n"


def facts_markdown(brief: Brief) -> str:
    """The ledger as a Markdown table, for a newsroom's wiki or an email."""
    title, byline = _heading(brief)
    lines = [f"# {_md(title)}", "", _md(byline), "", _md(_INTRO), ""]
    lines += [
        "| # | Shown | What it counts | Value | Source's words | Approximate | Sources | In the brief |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for fact in key_facts(brief):
        stat = fact.stat
        cells = [
            str(fact.number),
            f"**{_md(stat.shown)}**",
            _md(markup.plain(stat.label)),
            _md(value_text(stat)),
            _md(stat.wording) or "—",
            _approximate(stat),
            ", ".join(str(n) for n in fact.sources),
            f"{fact.kind}: {_md(markup.plain(fact.headline))}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "## Sources", "", *(_md(entry) for entry in _source_entries(brief))]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Text that prints as itself in Markdown, on one line."""
    return " ".join(text.split()).translate(_MARKDOWN_SPECIAL)
