"""Hypothesis strategies that write whole briefs from scratch: the six content files' data, valid or nearly so.

`briefs()` draws a brief that follows every rule brief documents (ids unique and cross-referenced, chart
data shaped for its chart type, percentages in range, links to https), with random counts, random text
(markup-like characters included) and random charts. `nearly_valid_briefs()` breaks one to three things in
such a brief, the way people do: a dangling reference, a missing key, a wrong type, a bad link, a
duplicate id.
"""

from __future__ import annotations

import copy
import string
from typing import Any

from hypothesis import strategies as st

Files = dict[str, Any]

#: Characters Lato can draw, plus those that look like markup to ReportLab or to brief's inline subset.
LATIN = string.ascii_letters + string.digits + " " * 8 + ".,;:!?()-'\"/%€£$éèüöñçß—–“”‘’…"
MARKUP_LIKE = ["<b>", "</para>", "&nbsp;", "&amp;", "<font name=x>", "<", ">", "&", "**", "*", "\\", "[", "]", "~"]
#: Inline markup brief understands, as it would be written in content.
INLINE = ["**bold**", "*italic*", "[a link](https://example.org/a?b=1&c=2)", "[mail](mailto:a@example.org)"]
CHART_TYPES = ["bar-horizontal", "bar", "grouped-bar", "stacked-100", "line", "waffle"]

ids = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
#: Mostly words from a small vocabulary (cheap to draw), sometimes random ones.
VOCABULARY = [
    "mayors",
    "said",
    "crime",
    "fell",
    "97%",
    "of",
    "cities",
    "asked",
    "for",
    "grants;",
    "“about”",
    "~30",
    "percent",
    "funding—youth",
    "it's",
]
words = st.one_of(
    st.sampled_from(VOCABULARY),
    st.sampled_from(VOCABULARY),
    st.text(st.sampled_from(LATIN), min_size=1, max_size=12).map(str.strip).filter(bool),
)


@st.composite
def texts(draw: st.DrawFn, max_words: int = 12, inline: bool = True) -> str:
    """A line of random words, sometimes with markup-like characters or brief's inline markup among them."""
    parts = draw(st.lists(st.one_of(words, words, words, st.sampled_from(MARKUP_LIKE)), min_size=1, max_size=max_words))
    if inline and draw(st.booleans()):
        parts.insert(draw(st.integers(0, len(parts))), draw(st.sampled_from(INLINE)))
    text = " ".join(parts).strip()
    return text if text.strip("*\\[]~ ") else "Plain words"


def distinct(strategy: st.SearchStrategy[str], min_size: int, max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(strategy, min_size=min_size, max_size=max_size, unique=True)


@st.composite
def chart_specs(draw: st.DrawFn, chart_id: str, sources: list[str]) -> dict[str, Any]:
    kind = draw(st.sampled_from(CHART_TYPES))
    categories = ["Share"] if kind == "waffle" else draw(distinct(words, 1, 6))
    series_count = 1 if kind == "waffle" else draw(st.integers(2 if kind in ("grouped-bar", "stacked-100") else 1, 3))
    values = st.floats(0, 100, allow_nan=False).map(lambda v: round(v, 1))
    series = [
        {"name": f"Series {i + 1} " + draw(words), "values": [draw(values) for _ in categories]}
        for i in range(series_count)
    ]
    if kind == "stacked-100":  # each category's shares add up to 100
        for j in range(len(categories)):
            first = sum(s["values"][j] for s in series[:-1])
            if first > 100:
                for s in series[:-1]:
                    s["values"][j] = round(s["values"][j] * 100 / first, 1) if first else 0
                first = sum(s["values"][j] for s in series[:-1])
            series[-1]["values"][j] = max(0.0, round(100 - first, 1))
    spec: dict[str, Any] = {
        "id": chart_id,
        "type": kind,
        "title": draw(texts(8, inline=False)),
        "alt": "Chart of " + draw(texts(10, inline=False)),
        "sources": draw(distinct(st.sampled_from(sources), 1, len(sources))),
        "data": {"categories": categories, "series": series},
        "format": "percent",
        "sort": draw(st.sampled_from(["none", "ascending", "descending"])),
    }
    if draw(st.booleans()):
        spec["highlight"] = draw(distinct(st.sampled_from(categories), 1, len(categories)))
    if draw(st.booleans()):
        spec["caption"] = draw(texts(10))
    return spec


def stat(draw: st.DrawFn) -> dict[str, Any]:
    value = draw(st.integers(0, 100))
    return {"shown": f"{value}%", "label": draw(texts(8)), "value": value, "unit": "percent"}


def cite(draw: st.DrawFn, text: str, sources: list[str]) -> str:
    return f"{text} [@{draw(st.sampled_from(sources))}]" if draw(st.booleans()) else text


@st.composite
def briefs(draw: st.DrawFn, max_findings: int = 6, max_charts: int = 3) -> Files:
    """The data of the six content files of a valid brief."""
    sources = draw(distinct(ids, 1, 4))
    finding_ids = draw(distinct(ids, 1, max_findings))
    chart_ids = draw(distinct(ids, 0, max_charts))
    paragraphs = st.lists(texts(24), min_size=1, max_size=3)
    charts = [draw(chart_specs(cid, sources)) for cid in chart_ids]
    findings = []
    for i, fid in enumerate(finding_ids):
        finding = {
            "id": fid,
            "headline": draw(texts(10, inline=False)),
            "stat": stat(draw),
            "text": [cite(draw, t, sources) for t in draw(paragraphs)],
            "sources": draw(distinct(st.sampled_from(sources), 1, len(sources))),
        }
        if i < len(chart_ids):
            finding["chart"] = chart_ids[i]
        findings.append(finding)
    requests = [
        {"id": rid, "headline": draw(texts(6, inline=False)), "text": draw(texts(20)), "sources": [sources[0]]}
        for rid in draw(distinct(ids, 1, 5))
    ]
    recommendations = [
        {
            "id": rid,
            "title": draw(texts(8, inline=False)),
            "text": draw(texts(20)),
            "findings": draw(distinct(st.sampled_from(finding_ids), 1, len(finding_ids))),
        }
        for rid in draw(distinct(ids, 1, 5))
    ]
    info: dict[str, Any] = {
        "title": draw(texts(10, inline=False)),
        "organisation": {"name": draw(texts(4, inline=False))},
        "date": draw(st.sampled_from(["2025", "2024-02", "2023-12-31"])),
        "summary": [cite(draw, t, sources) for t in draw(paragraphs)],
        "max_pages": 60,
    }
    if draw(st.booleans()):
        info["quotes"] = [
            {"text": draw(texts(20)), "attribution": draw(texts(3, inline=False)), "sources": sources[:1]}
        ]
    if draw(st.booleans()):
        info["sidebars"] = [{"title": draw(texts(4, inline=False)), "text": draw(paragraphs)}]
    source_list = [
        {"id": sid, "title": draw(texts(8, inline=False)), "publisher": draw(texts(3, inline=False))} for sid in sources
    ]
    return {
        "brief.yaml": info,
        "findings.yaml": {"findings": findings},
        "requests.yaml": {"requests": requests},
        "recommendations.yaml": {"recommendations": recommendations},
        "charts.yaml": {"charts": charts},
        "sources.yaml": {"sources": source_list},
    }


#: Mistakes people make, each a function of (files, draw) that edits the files in place.
def _dangling_reference(files: Files, draw: st.DrawFn) -> None:
    finding = draw(st.sampled_from(files["findings.yaml"]["findings"]))
    finding["sources"] = [*finding.get("sources", []), draw(ids) + "-missing"]


def _missing_key(files: Files, draw: st.DrawFn) -> None:
    name = draw(st.sampled_from(["findings.yaml", "requests.yaml", "recommendations.yaml", "sources.yaml"]))
    items = next(iter(files[name].values()))
    item = draw(st.sampled_from(items))
    del item[draw(st.sampled_from(sorted(item)))]


def _wrong_type(files: Files, draw: st.DrawFn) -> None:
    info = files["brief.yaml"]
    info[draw(st.sampled_from(["title", "summary", "date", "max_pages", "organisation"]))] = draw(
        st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.lists(st.integers(), max_size=2), st.just({}))
    )


def _bad_link(files: Files, draw: st.DrawFn) -> None:
    scheme = draw(st.sampled_from(["javascript:alert(1", "file:///etc/passwd", "data:text/html,x", "vbscript:x"]))
    files["brief.yaml"]["about"] = [f"see [here]({scheme})"]


def _duplicate_id(files: Files, draw: st.DrawFn) -> None:
    findings = files["findings.yaml"]["findings"]
    findings.append(copy.deepcopy(draw(st.sampled_from(findings))))


def _bad_chart_data(files: Files, draw: st.DrawFn) -> None:
    charts = files["charts.yaml"]["charts"]
    if charts:
        series = draw(st.sampled_from(charts))["data"]["series"]
        series[0]["values"] = draw(st.sampled_from([[], [101], [-1, 2, 3, 4, 5, 6, 7], ["x"], [float("inf")]]))


MISTAKES = [_dangling_reference, _missing_key, _wrong_type, _bad_link, _duplicate_id, _bad_chart_data]


@st.composite
def nearly_valid_briefs(draw: st.DrawFn) -> Files:
    """A valid brief with one to three mistakes in it."""
    files = draw(briefs())
    for mistake in draw(st.lists(st.sampled_from(MISTAKES), min_size=1, max_size=3)):
        mistake(files, draw)
    return files
