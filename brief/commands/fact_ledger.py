"""The fact ledger of a press kit: every number the brief prints, the source's own words for it, and its sources.

A fact-checker reads it beside the PDF: what is shown, what it stands for, whether the source gave it
only in words (approximate), and which works back it, numbered as in the brief's endnotes.
"""

from __future__ import annotations

import dataclasses
import textwrap
from dataclasses import dataclass

from brief.content import markup
from brief.content.model import Brief, Stat
from brief.languages import Locale

_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_~[]<>|"})


@dataclass(frozen=True)
class Fact:
    """One figure as the brief prints it, what it counts, and where it comes from."""

    number: int
    kind: str  # "key number", "finding", "request", "chart" or "text"
    about: str  # what it belongs to: a finding's headline, a chart's title, or the sentence it is in
    shown: str  # as printed: '~6 in 10', '~75%', 'nearly six in 10'
    label: str  # what it counts
    value: str  # the number behind it, with its unit; '—' when the content gives none
    wording: str  # the source's own words for it, where the content records them
    approximate: bool
    sources: tuple[int, ...]  # endnote numbers
    content: str  # where it is written: "content/findings.yaml, id youth-funding"


def key_facts(brief: Brief) -> list[Fact]:
    """Every figure the brief prints: its callouts (brief.yaml's key numbers, then each finding's and each
    request's), then every value its charts and tables plot, then every figure in its text."""
    facts = [*_stat_facts(brief), *_chart_facts(brief), *_text_facts(brief)]
    return [dataclasses.replace(fact, number=n) for n, fact in enumerate(facts, 1)]


def _stat_facts(brief: Brief) -> list[Fact]:
    items: list[tuple[str, str, Stat | None, list[str], str]] = [
        ("key number", k.label, k, k.sources, f"content/brief.yaml, callouts item {i}")
        for i, k in enumerate(brief.info.callouts, 1)
    ]
    items += [
        ("finding", f.headline, f.stat, f.sources, f"content/findings.yaml, id {f.id}") for f in brief.findings.findings
    ]
    items += [
        ("request", r.headline, r.stat, r.sources, f"content/requests.yaml, id {r.id}") for r in brief.requests.requests
    ]
    return [
        Fact(0, kind, about, stat.shown, stat.label, value_text(stat.value, stat.unit, brief.locale), stat.wording,
             stat.approximate, _numbers(brief, sources), where)
        for kind, about, stat, sources, where in items
        if stat is not None
    ]  # fmt: skip


def _chart_facts(brief: Brief) -> list[Fact]:
    """Each value of each chart and table, as printed on it, with the source's words for approximate ones."""
    from brief.charts.layout import format_value
    from brief.charts.values import column_cells

    facts = []
    for chart in brief.charts.charts:
        table = brief.chart_data.get(chart.id)
        if table is None:
            continue
        words = dict(zip(chart.approximate, chart.wording, strict=False))
        for s, (series, values) in enumerate(table.series):
            printed = (
                column_cells(chart, table, s, brief.locale)
                if chart.type == "table"
                else [
                    format_value(v, chart.format, c in chart.approximate, brief.locale)
                    for v, c in zip(values, table.categories, strict=True)
                ]
            )
            where, numbers = f"content/charts.yaml, id {chart.id}", _numbers(brief, chart.sources)
            for category, value, shown in zip(table.categories, values, printed, strict=True):
                label = category if len(table.series) == 1 else f"{category}: {series}"
                value_shown, approximate = value_text(value, chart.format, brief.locale), category in chart.approximate
                facts.append(
                    Fact(0, "chart", chart.title, shown, label, value_shown, words.get(category, ""), approximate,
                         numbers, where)
                )  # fmt: skip
    return facts


def _text_facts(brief: Brief) -> list[Fact]:
    from brief.commands.text_figures import text_figures

    return [
        Fact(0, "text", figure.sentence, figure.written, "", "—", figure.written if figure.approximate else "",
             figure.approximate, _numbers(brief, list(figure.sources)), figure.where)
        for figure in text_figures(brief)
    ]  # fmt: skip


def _numbers(brief: Brief, sources: list[str]) -> tuple[int, ...]:
    return tuple(brief.source_number[s] for s in sources if s in brief.source_number)


def value_text(value: float | None, unit: str, locale: Locale) -> str:
    """A number with its unit, every digit the content gives, in the brief's language; a dash when it gives
    none."""
    if value is None:
        return "—"
    places = 0 if float(value).is_integer() else len(repr(float(value)).split(".")[1])
    if unit == "percent":
        return locale.percent(value, places)
    if unit == "currency":
        return locale.money(value, places)
    return locale.number(value, places)


def _approximate(fact: Fact, locale: Locale) -> str:
    return locale.text("facts_approximate_yes" if fact.approximate else "facts_approximate_no")


#: The catalog's word for each kind of fact.
_KINDS = {
    "key number": "facts_key_number",
    "finding": "facts_finding",
    "request": "facts_request",
    "chart": "facts_chart",
    "text": "facts_text",
}


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
    """The ledger as plain text, one block per figure."""
    title, byline = _heading(brief)
    locale = brief.locale
    lines = [title, byline, "", textwrap.fill(locale.text("facts_intro"), 100), ""]
    keys = (
        "facts_shown",
        "facts_category",
        "facts_value",
        "facts_in_text",
        "facts_wording",
        "facts_approximate",
        "facts_sources",
        "facts_content",
    )
    width = max(13, *(len(locale.text(key)) + 1 for key in keys)) + 1  # the values in one column
    label = {key: f"   {locale.text(key) + ':':<{width}}" for key in keys}
    for fact in key_facts(brief):
        about = markup.plain(fact.about, locale.quotes)
        if fact.kind == "text":
            head = [f"{fact.number}. {fact.shown}  ({_kind(fact, locale)})", f"{label['facts_in_text']}{about}"]
        elif fact.kind == "chart":
            head = [
                f"{fact.number}. {fact.shown}  ({_kind(fact, locale)}: {about})",
                f"{label['facts_category']}{fact.label}",
                f"{label['facts_value']}{fact.value}",
            ]
        else:
            head = [
                f"{fact.number}. {fact.shown}  ({_kind(fact, locale)}: {about})",
                f"{label['facts_shown']}{fact.shown} {markup.plain(fact.label, locale.quotes)}",
                f"{label['facts_value']}{fact.value}",
            ]
        lines += [
            *head,
            f"{label['facts_wording']}{fact.wording or '—'}",
            f"{label['facts_approximate']}{_approximate(fact, locale)}",
            f"{label['facts_sources']}{', '.join(str(n) for n in fact.sources) or '—'}",
            f"{label['facts_content']}{fact.content}",
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
        about = markup.plain(fact.about, locale.quotes)
        what = about if fact.kind == "text" else f"{_kind(fact, locale)}: {about}"
        cells = [
            str(fact.number),
            f"**{_md(fact.shown)}**",
            _md(markup.plain(fact.label, locale.quotes)) or "—",
            _md(fact.value),
            _md(fact.wording) or "—",
            _md(_approximate(fact, locale)),
            ", ".join(str(n) for n in fact.sources) or "—",
            _md(what),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"## {_md(locale.text('facts_sources'))}", "", *(_md(entry) for entry in _source_entries(brief))]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Text that prints as itself in Markdown, on one line."""
    return " ".join(text.split()).translate(_MARKDOWN_SPECIAL)
