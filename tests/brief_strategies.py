"""Hypothesis strategies that write whole briefs from scratch: the six content files' data, valid or nearly so.

`briefs()` draws a brief that follows every rule brief documents (ids unique and cross-referenced, chart
data shaped for its chart type, percentages in range, links to https), with random counts, random text
(markup-like characters included) and random charts. `nearly_valid_briefs()` breaks one to three things in
such a brief, the way people do: a dangling reference, a missing key, a wrong type, a bad link, a
duplicate id.
"""

from __future__ import annotations

import copy
import csv
import io
import random
import string
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from brief.content.validate import REQUIRED_FILES

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
    if kind == "stacked-100":
        add_up_to_100(series)
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


def add_up_to_100(series: list[dict[str, Any]]) -> None:
    """Scale the series' values so that each category's shares add up to 100, as a stacked-100 chart needs."""
    for j in range(len(series[0]["values"])):
        first = sum(s["values"][j] for s in series[:-1])
        if first > 100:
            for s in series[:-1]:
                s["values"][j] = round(s["values"][j] * 100 / first, 1) if first else 0
            first = sum(s["values"][j] for s in series[:-1])
        series[-1]["values"][j] = max(0.0, round(100 - first, 1))


def stat(draw: st.DrawFn) -> dict[str, Any]:
    value = draw(st.integers(0, 100))
    return {"shown": f"{value}%", "label": draw(texts(8)), "value": value, "unit": "percent"}


def cite(draw: st.DrawFn, text: str, sources: list[str]) -> str:
    return f"{text} [@{draw(st.sampled_from(sources))}]" if draw(st.booleans()) else text


@st.composite
def briefs(draw: st.DrawFn, max_findings: int = 6, max_charts: int = 3, max_items: int = 5) -> Files:
    """The data of the six content files of a valid brief; `max_items` caps requests, recommendations and
    paragraphs (drawing text is most of what drawing a brief costs)."""
    sources = draw(distinct(ids, 1, 4))
    finding_ids = draw(distinct(ids, 1, max_findings))
    chart_ids = draw(distinct(ids, 0, max_charts))
    paragraphs = st.lists(texts(24), min_size=1, max_size=min(3, max_items))
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
        for rid in draw(distinct(ids, 1, max_items))
    ]
    recommendations = [
        {
            "id": rid,
            "title": draw(texts(8, inline=False)),
            "text": draw(texts(20)),
            "findings": draw(distinct(st.sampled_from(finding_ids), 1, len(finding_ids))),
        }
        for rid in draw(distinct(ids, 1, max_items))
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
    # Not a chart read from a CSV file, nor one without series.
    charts = [chart for chart in files["charts.yaml"]["charts"] if chart.get("data", {}).get("series")]
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


# ── Whole content folders: every chart kind and size, CSV files with odd cells, links, odd texts ──────


@dataclass
class Folder:
    """A content folder as it lies on disk.

    `files` is YAML data by file name (a name missing is a file left out), `raw` other files' bytes by path
    under content/ (the CSVs), `links` the paths that are links instead of files (path → one of LINK_KINDS:
    a link's target holds the file's bytes, where there is one), `encodings` the files saved with a
    byte-order mark or Windows line endings.
    """

    files: Files
    raw: dict[str, bytes] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    encodings: dict[str, str] = field(default_factory=dict)


ALL_CHART_TYPES = [*CHART_TYPES, "table"]
#: Of a chart of thousands of points, only a line or a table fits a page; the others are located errors.
LARGE_CHART_TYPES = ["line", "table", "bar-horizontal", "grouped-bar", "stacked-100"]
#: Rows of the longest table drawn (more cost only time: 5,000 rows lay out 145 pages, twice, in a minute).
MAX_TABLE_ROWS = 450
LINK_KINDS = ["inside", "outside", "dangling", "loop"]
#: Logos as brief.yaml names them (from the project folder), with the bytes written there (None: no file).
SVG_LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40"/></svg>'
LOGOS: dict[str, bytes | None] = {
    "content/logo.svg": SVG_LOGO,
    "content/broken.svg": b"<svg",
    "content/logo.png": b"\x89PNG\r\n\x1a\n",
    "content/missing.png": None,
    "content/brief.yaml": None,
    "../outside.png": None,
}
ENCODINGS = ["bom", "crlf", "bom+crlf"]
#: Values that are wrong for some formats or at the edge of what brief reads.
ODD_VALUES = [0, -0.0, 100, 100.5, -5, 0.001, 1e15, 1e308, -1e308]
#: CSV cells where a number belongs: what spreadsheets and people write.
ODD_CELLS = [" 42 ", "", "n/a", "1,234", "7,0", "1e308", "-0", "42%", "=1+1", "٣", "1.234,5", "+5", ".5", "5."]
ODD_CELLS += ["1 234", "NaN", "inf", "0x10", "12,34,5", "–3"]
#: Category labels and column names that are odd in a CSV or a chart.
ODD_LABELS = ["=1+1", '"quoted"', "line\nbreak", "  padded  ", "", "naïve café", "a,b", "—", "\u00a0", "x" * 300]
ODD_LABELS += ["中文", "😀", "@SUM(A1)", "-", "1", "Ünïcödé Ωμέγα", "W" * 2000]
#: Markup edge cases: unclosed, nested, escaped, unknown citations, unsafe or empty links, invisible characters.
EDGE_MARKUP = ["**", "**unclosed", "*a **b* c**", "[**bold link**](https://example.org)", "[@", "[@]", "[@a;]"]
EDGE_MARKUP += ["[x](javascript:alert(1))", "[x]()", "[](https://example.org)", "\\", "\\*", "\\[@x]", "***"]
EDGE_MARKUP += ["* *", "**x*", "[a](https://example.org/(x))", "<b>x</b>", "&#x41;", "&amp;", "\u00ad", "\u200b"]
EDGE_MARKUP += ["\ufeff", "\u202e", "a\u0301", "😀", "中文", "עברית", "\u00a0", "--", " -- ", "'\"'", "\t", "x\n\ny"]
EDGE_MARKUP += ["[*a*](mailto:a@example.org)", "**[@nope]**", "*[", "]*", "~~", "%", "{{ name }}", "\\\\"]
#: Keys whose text is prose: an odd text may stand in any of them.
PROSE_KEYS = {"title", "headline", "label", "caption", "notes", "subtitle", "name", "publisher", "attribution"}
PROSE_KEYS |= {"text", "summary", "about", "methodology", "intro", "outro", "alt", "heading", "series", "role"}
PROSE_KEYS |= {"x_label", "y_label", "wording", "note"}


def once_in(draw: st.DrawFn, n: int) -> bool:
    """True about once in `n` draws. Hypothesis draws the smallest integer far more often than the others, so
    the rare outcome is a middle one (which also lets shrinking drop it when a failure does not need it)."""
    return draw(st.integers(0, n - 1)) == n // 2


@st.composite
def odd_texts(draw: st.DrawFn) -> str:
    """A text at an edge: markup edge cases among words, one character, nothing, a very long word or paragraph."""
    shape = draw(st.sampled_from(["edge", "edge", "short", "long-word", "long", "empty"]))
    if shape == "edge":
        parts = draw(st.lists(st.one_of(words, st.sampled_from(EDGE_MARKUP)), min_size=1, max_size=6))
        return " ".join(parts)
    if shape == "short":
        return draw(st.sampled_from(LATIN.strip()))
    if shape == "long-word":
        return draw(st.sampled_from(["W", "0123456789", "ß"])) * draw(st.sampled_from([40, 300, 2000]))
    if shape == "long":
        return " ".join(VOCABULARY[i % len(VOCABULARY)] for i in range(draw(st.sampled_from([80, 400]))))
    return ""


def prose_paths(data: Any, path: tuple[Any, ...] = (), key: str = "") -> list[tuple[Any, ...]]:
    """The paths of the text values under a prose key (a list of paragraphs counts as its key)."""
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in prose_paths(v, (*path, k), str(k))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in prose_paths(v, (*path, i), key)]
    return [path] if isinstance(data, str) and key in PROSE_KEYS else []


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    """Put `value` at `path` inside `data`."""
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


@st.composite
def chart_values(draw: st.DrawFn, fmt: str, count: int) -> list[float]:
    """`count` values in `fmt`: drawn one by one when few, from a drawn seed when many (Hypothesis draws
    only so much data per example)."""
    if fmt == "percent":
        low, high, digits = 0.0, 100.0, 1
    elif fmt == "count":
        low, high, digits = 0.0, 1e7, 0
    else:
        low, high, digits = -1e6, 1e6, 2
    if count > 60:
        rng = random.Random(draw(st.integers(0, 2**16)))
        return [round(rng.uniform(low, high), digits) for _ in range(count)]
    values = st.floats(low, high, allow_nan=False).map(lambda v: round(v, digits))
    return draw(st.lists(values, min_size=count, max_size=count))


@st.composite
def chart_shape(draw: st.DrawFn, kind: str, large: bool = False) -> tuple[int, int]:
    """Categories and series of a chart of `kind`: a table has 1 to 12 columns, a chart 0 to 5,000 points,
    mostly a handful, now and then dozens, rarely (or, if `large`, always) thousands."""
    if kind == "waffle":  # one share; now and then a second category or series, which check refuses
        return (2 if once_in(draw, 8) else 1), (2 if once_in(draw, 8) else 1)
    if kind == "table":
        series = 0 if once_in(draw, 12) else draw(st.integers(1, 11))  # the category column and 0 to 11 more
    elif kind in ("grouped-bar", "stacked-100"):
        series = draw(st.integers(2, 4))
    else:
        series = draw(st.integers(1, 3))
    if large or once_in(draw, 10):  # thousands of points
        return min(draw(st.integers(500, 5000)) // max(series, 1), MAX_TABLE_ROWS if kind == "table" else 5000), series
    if once_in(draw, 6):
        return draw(st.integers(9, 80)), series
    return (0 if once_in(draw, 12) else draw(st.integers(1, 8))), series


@st.composite
def labels(draw: st.DrawFn, count: int, odd: bool = True) -> list[str]:
    """`count` distinct labels (numbered when many); if `odd`, now and then one of them odd, or one given twice."""
    if count > 8:
        stem = draw(words)
        found = [f"{stem} {i + 1}" for i in range(count)]
    else:
        found = draw(distinct(words, count, count))
    if not odd:
        return found
    if found and once_in(draw, 4):
        found[draw(st.integers(0, count - 1))] = draw(st.sampled_from(ODD_LABELS))
    elif count > 1 and once_in(draw, 12):
        found[-1] = found[0]
    return found


@st.composite
def any_chart(
    draw: st.DrawFn, chart_id: str, sources: list[str], large: bool = False
) -> tuple[dict[str, Any], dict[str, bytes]]:
    """A chart of any kind and size (thousands of points if `large`), its data inline or in a CSV file; and
    the files it needs."""
    kind = draw(st.sampled_from(LARGE_CHART_TYPES if large else ALL_CHART_TYPES))
    count, series_count = draw(chart_shape(kind, large))
    fmt = draw(st.sampled_from(["percent", "percent", "count", "currency", "number"]))
    if kind in ("waffle", "stacked-100") and not once_in(draw, 6):
        fmt = "percent"  # shares, as these kinds show
    odd = not large  # a large chart without oddities of its own, so that it may build
    categories = draw(labels(count, odd))
    names = draw(labels(series_count, odd))
    series = [{"name": name, "values": draw(chart_values(fmt, count))} for name in names]
    if kind == "stacked-100" and series:
        add_up_to_100(series)
    if odd and series and count and once_in(draw, 5):  # one value at an edge
        series[draw(st.integers(0, series_count - 1))]["values"][draw(st.integers(0, count - 1))] = draw(
            st.sampled_from(ODD_VALUES)
        )
    spec: dict[str, Any] = {
        "id": chart_id,
        "type": kind,
        "title": draw(texts(8, inline=False)),
        "alt": "Chart of " + draw(texts(10, inline=False)),
        "sources": draw(distinct(st.sampled_from(sources), 1, len(sources))),
        "format": fmt,
        "sort": draw(st.sampled_from(["none", "ascending", "descending"])),
    }
    for key in ("highlight", "approximate"):
        if categories and once_in(draw, 3):
            spec[key] = draw(distinct(st.sampled_from(categories), 1, min(len(categories), 4)))
    for key in ("subtitle", "caption", "notes", "x_label", "y_label"):
        if once_in(draw, 3):
            spec[key] = draw(texts(10, inline=key in ("caption", "notes")))
    if series and once_in(draw, 4):
        names = [s["name"] for s in series]
        spec["display"] = [draw(display(name)) for name in draw(distinct(st.sampled_from(names), 1, 2))]
    if draw(st.booleans()):
        spec["data"] = {"categories": categories, "series": series}
        return spec, {}
    path = f"data/{chart_id}.csv"
    spec["csv"], raw = draw(csv_file(path, categories, series, odd))
    return spec, {path: raw}


@st.composite
def display(draw: st.DrawFn, series: str) -> dict[str, Any]:
    """How a series is shown: its label in legends and table headers, a table's format and decimals."""
    shown: dict[str, Any] = {"series": series}
    if draw(st.booleans()):
        shown["label"] = draw(st.one_of(texts(6, inline=False), odd_texts()))
    if draw(st.booleans()):
        shown["format"] = draw(st.sampled_from(["percent", "count", "currency", "number", ""]))
    if draw(st.booleans()):
        shown["decimals"] = draw(st.integers(0, 6))
    return shown


@st.composite
def csv_file(
    draw: st.DrawFn, path: str, categories: list[str], series: list[dict[str, Any]], odd: bool = True
) -> tuple[dict[str, Any], bytes]:
    """The chart's data as a CSV file (its `csv:` key and bytes), every cell quoted or only those that need it,
    its cells separated by commas, semicolons or tabs; if `odd`, with odd cells, ragged rows, a blank line."""
    category = draw(st.sampled_from(["category", "Category", "name", "région", "=cat", " padded "]))
    header = [category, *(s["name"] for s in series)]
    decimal = draw(st.sampled_from([".", ".", ".", ","]))
    rows = [header] + [[label, *(_cell(s["values"][i], decimal) for s in series)] for i, label in enumerate(categories)]
    if odd:
        odd_rows(draw, rows)
    out = io.StringIO()
    separator = draw(st.sampled_from([",", ",", ";", "\t"]))
    quoting = csv.QUOTE_ALL if once_in(draw, 4) else csv.QUOTE_MINIMAL
    csv.writer(out, delimiter=separator, quoting=quoting, lineterminator="\n").writerows(rows)
    columns = [str(name).strip() for name in header[1:]]
    if not columns or (odd and once_in(draw, 10)):  # a column the file lacks
        columns.append("missing column")
    spec: dict[str, Any] = {"path": path, "category": category.strip(), "columns": columns}
    if decimal == ",":
        spec["decimal"] = ","
    if separator != "," and draw(st.booleans()):
        spec["separator"] = separator
    return spec, out.getvalue().encode("utf-8")


def odd_rows(draw: st.DrawFn, rows: list[list[str]]) -> None:
    """Odd cells where numbers belong, a row with a cell too many or too few, a blank line."""
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 3])) if len(rows) > 1 and len(rows[0]) > 1 else 0):
        row = rows[draw(st.integers(1, len(rows) - 1))]
        row[draw(st.integers(1, len(row) - 1))] = draw(st.sampled_from(ODD_CELLS))
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2])) if len(rows) > 1 else 0):
        row = rows[draw(st.integers(1, len(rows) - 1))]
        if draw(st.booleans()):
            row.append(draw(st.sampled_from(ODD_CELLS)))  # a cell past the header's end
        elif len(row) > 1:
            row.pop()  # a row one cell short
    if len(rows) > 1 and once_in(draw, 4):
        rows.insert(draw(st.integers(1, len(rows))), [])  # a blank line


def _cell(value: float, decimal: str) -> str:
    """A number as a spreadsheet writes it, with the decimal mark `decimal`."""
    text = repr(float(value)) if value != int(value) else str(int(value))
    return text.replace(".", ",") if decimal == "," else text


def odd_references(draw: st.DrawFn, folder: Folder) -> None:
    """Now and then a chart shown twice (by two findings, or by a finding and the methodology) and a logo,
    an image or not, there or not."""
    files = folder.files
    findings, charts = files["findings.yaml"]["findings"], files["charts.yaml"]["charts"]
    if charts and len(findings) > 1 and once_in(draw, 8):
        findings[-1]["chart"] = charts[0]["id"]
    if charts and once_in(draw, 8):
        files["brief.yaml"]["methodology"] = [draw(texts(12))]
        files["brief.yaml"]["methodology_figure"] = draw(st.sampled_from(charts))["id"]
    if once_in(draw, 6):
        logo = draw(st.sampled_from(sorted(LOGOS)))
        files["brief.yaml"]["organisation"]["logo"] = logo
        if (raw := LOGOS[logo]) is not None:
            folder.raw[logo.removeprefix("content/")] = raw


@st.composite
def content_folders(draw: st.DrawFn) -> Folder:
    """A whole content folder of random shape: a brief from `briefs()` with charts of every kind and size
    (data inline or in CSV files with odd cells), findings with and without stats and charts, odd texts in
    prose keys, now and then a mistake, optional files left out, files that are links, BOMs and CRLFs."""
    folder = Folder(draw(briefs(max_findings=4, max_charts=0, max_items=3)))
    # Now and then a brief around a chart of thousands of points, free of other oddities so that it may build.
    large = once_in(draw, 12)
    add_charts(draw, folder, large)
    for finding in folder.files["findings.yaml"]["findings"]:
        if once_in(draw, 3):
            del finding["stat"]
    if not large:
        add_oddities(draw, folder)
    for name in draw(st.lists(st.sampled_from([*folder.files, *folder.raw]), max_size=2, unique=True)):
        folder.encodings[name] = draw(st.sampled_from(ENCODINGS))
    return folder


def add_charts(draw: st.DrawFn, folder: Folder, large: bool) -> None:
    """Zero to three charts (the first one large, if `large`), each shown by a finding or the methodology, or
    now and then by nothing."""
    files = folder.files
    sources = [s["id"] for s in files["sources.yaml"]["sources"]]
    findings = files["findings.yaml"]["findings"]
    for i, chart_id in enumerate(draw(distinct(ids, 1 if large else 0, 3))):
        spec, raw = draw(any_chart(chart_id, sources, large=large and i == 0))
        files["charts.yaml"]["charts"].append(spec)
        folder.raw.update(raw)
        if i < len(findings) and not once_in(draw, 6):
            findings[i]["chart"] = chart_id
        elif draw(st.booleans()):
            files["brief.yaml"]["methodology"] = [draw(texts(12))]
            files["brief.yaml"]["methodology_figure"] = chart_id


def add_oddities(draw: st.DrawFn, folder: Folder) -> None:
    """Odd texts in prose keys, odd references, a paper size, a mistake, files left out, a file that is a link."""
    files = folder.files
    prose = prose_paths(files)
    for path in draw(st.lists(st.sampled_from(prose), max_size=4, unique=True)) if prose else []:
        _set(files[path[0]], path[1:], draw(odd_texts()))
    odd_references(draw, folder)
    if once_in(draw, 6):
        files["brief.yaml"]["paper"] = draw(st.sampled_from(["a4", "letter", "legal"]))
    if once_in(draw, 8):
        draw(st.sampled_from(MISTAKES))(files, draw)
    for name in ["requests.yaml", "recommendations.yaml", "charts.yaml", "brief.yaml", "sources.yaml"]:
        if once_in(draw, 5 if name not in REQUIRED_FILES else 30):
            del files[name]
    if once_in(draw, 6):
        folder.links[draw(st.sampled_from([*files, *folder.raw]))] = draw(st.sampled_from(LINK_KINDS))
