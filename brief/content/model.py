"""The typed model of a brief: one frozen dataclass per thing a user writes in YAML.

Each field carries its documentation, an example and its rules in `metadata`; the validator, the JSON
Schemas and docs/content.md are all generated from these, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field, make_dataclass
from pathlib import Path
from typing import Any, Literal

from brief.languages import ENGLISH, ENGLISH_US, Locale, catalog

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"

Unit = Literal["percent", "count", "currency", "number"]
ChartType = Literal["bar-horizontal", "bar", "grouped-bar", "stacked-100", "line", "waffle", "table"]
SortOrder = Literal["none", "ascending", "descending"]
SidebarPlace = Literal["after-summary", "after-findings", "after-requests", "after-recommendations"]
PointLabels = Literal["none", "last", "first-last", "all"]

#: What stands for a value the source does not give, in inline data (besides `null`) and in CSV cells
#: (besides an empty cell); tables and bar labels print MISSING_MARK in its place.
MISSING_WORDS = ("n/a", "N/A", "NA")
MISSING_MARK = "\u2013"


def spec(doc: str, example: Any = None, default: Any = ..., **rules: Any) -> Any:
    """A documented field: `doc` and `example` feed the schema and docs, `rules` the validator.

    Rules: `min`/`max` for numbers, `min_items` for lists, `pattern` and `max_length` for text,
    `markup=True` for text that takes the inline markup subset, `empty_ok=True` for optional text.
    """
    meta = {"doc": doc, "example": example, **rules}
    if default is ...:
        return field(metadata=meta)
    if isinstance(default, list):
        return field(default_factory=list, metadata=meta)
    return field(default=default, metadata=meta)


def _id(what: str) -> Any:
    return spec(
        f"Short name other files use to refer to this {what}: lower-case letters, digits and hyphens.",
        "juvenile-crime",
        pattern=ID_PATTERN,
        max_length=60,
    )


# ── brief.yaml ───────────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Organisation:
    name: str = spec("The publisher, shown on the cover and in the footer.", "Civic Policy Desk")
    url: str = spec("The publisher's web address.", "https://example.org", "", empty_ok=True)
    logo: str = spec(
        "A logo image (PNG, JPEG, or SVG with its text as outlines), written from the project folder and inside "
        "it; printed on the cover band and in the back matter.",
        "content/logo.png",
        "",
        empty_ok=True,
    )
    logo_alt: str = spec(
        "What a screen reader says for the logo; 'Logo of' and the name when left out.",
        "Civic Policy Desk",
        "",
        empty_ok=True,
    )


@dataclass(frozen=True)
class Author:
    name: str = spec("The author's name as it should be printed.", "Jane Doe")
    role: str = spec("Title or affiliation, printed after the name.", "Senior Fellow", "", empty_ok=True)


@dataclass(frozen=True)
class Quote:
    text: str = spec(
        "The quoted words, without surrounding quotation marks.",
        "Challenges remain and there is more work to do.",
        markup=True,
    )
    attribution: str = spec("Who said it.", "Tom Cochran")
    role: str = spec(
        "The speaker's title, printed after the name.", "CEO, U.S. Conference of Mayors", "", empty_ok=True
    )
    sources: list[str] = spec("Ids from sources.yaml where the quote was published.", ["politico-2025"], [])


@dataclass(frozen=True)
class Sidebar:
    title: str = spec("The box's heading.", "Context")
    text: list[str] = spec("Paragraphs of the box.", ["The survey was released as ..."], markup=True, min_items=1)
    place: SidebarPlace = spec("Where the box goes.", "after-requests", "after-requests")


@dataclass(frozen=True)
class Contact:
    email: str = spec("Where readers write to.", "briefs@example.org", "", empty_ok=True)
    url: str = spec("A web page for the brief or the publisher.", "https://example.org/briefs", "", empty_ok=True)
    phone: str = spec("A press line.", "+1 555 0100", "", empty_ok=True)
    address: str = spec("A postal address.", "1 Main Street, Springfield", "", empty_ok=True)


def _strings_model() -> Any:
    """One optional key per string brief prints, so that an override is checked, located and documented like
    any other key: the keys are English's (every catalog has the same)."""
    fields = [
        (key, str, spec(f"Printed instead of '{text}'.", text, "", empty_ok=True))
        for key, text in catalog(ENGLISH).strings.items()
    ]
    model = make_dataclass("Strings", fields, frozen=True)
    model.__module__ = __name__  # found again by name when a theme or brief is pickled for a worker process
    return model


#: `strings:` in brief.yaml or a theme: the brief's own wording for any string of the language's catalog.
Strings: Any = _strings_model()


@dataclass(frozen=True)
class Stat:
    shown: str = spec("The big number as printed, e.g. '97%' or '~6 in 10'.", "~6 in 10", max_length=24)
    label: str = spec(
        "One line under the number that says what it counts.",
        "call juvenile crime serious or very serious",
        markup=True,
    )
    value: float | None = spec("The number behind it, in `unit`, for checks and charts.", 58, None)
    unit: Unit = spec("What `value` counts.", "percent", "percent")
    approximate: bool = spec(
        "True when the source gives the figure in words ('nearly', 'about'); the brief then marks it as approximate.",
        True,
        False,
    )
    wording: str = spec(
        "The source's own words for the figure, kept for fact-checkers.", "nearly six in 10", "", empty_ok=True
    )


@dataclass(frozen=True)
class KeyNumber(Stat):
    sources: list[str] = spec("Ids from sources.yaml that report the number.", ["uscm-2025"], [])


@dataclass(frozen=True)
class BriefInfo:
    """content/brief.yaml: the brief as a whole."""

    title: str = spec(
        "The headline of the brief; states its point.", "Mayors Want Federal Partners, Not Troops", max_length=200
    )
    organisation: Organisation = spec("The publisher.", {"name": "Civic Policy Desk"})
    date: str = spec(
        "Publication date: YYYY, YYYY-MM or YYYY-MM-DD. Also the PDF's creation date, so rebuilds are identical.",
        "2025-06",
        pattern=DATE_PATTERN,
    )
    summary: list[str] = spec(
        "The executive summary, one paragraph per item.", ["A survey of 60 mayors finds ..."], markup=True, min_items=1
    )
    subtitle: str = spec(
        "One line under the title.", "What a 2025 survey of 60 mayors says", "", empty_ok=True, max_length=300
    )
    series: str = spec(
        "The kicker above the title: series or topic.", "Policy brief · Public safety", "", empty_ok=True
    )
    authors: list[Author] = spec(
        "Authors in the order printed; the organisation stands in when empty.",
        [{"name": "Jane Doe", "role": "Senior Fellow"}],
        [],
    )
    language: str = spec(
        "The language of the text as a BCP 47 tag: screen readers use it, and brief prints its own words, numbers, "
        "dates and quote marks in it (de, en, es, fr, pt; with a region such as es-MX for its number style).",
        "en-US",
        "en-US",
        pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    )
    currency: str = spec(
        "The currency of amounts (`unit: currency`, charts' `format: currency`), as an ISO 4217 code; printed in "
        "the language's style: '$1,234', '1.234 €'.",
        "EUR",
        "USD",
        pattern=r"^[A-Z]{3}$",
    )
    strings: Strings = spec(
        "Your own wording for any string the brief prints around its content (headings, labels, the footer's "
        "page numbers), over the language's and the theme's; keys as in docs/languages.md.",
        {"sources_heading": "References"},
        Strings(),
    )
    keywords: list[str] = spec("Search keywords stored in the PDF.", ["crime", "mayors"], [])
    callouts: list[KeyNumber] = spec(
        "Key numbers of their own, set as callouts before the findings' (for a fact sheet's numbers).",
        [{"shown": "60", "label": "big-city mayors surveyed", "sources": ["uscm-2025"]}],
        [],
    )
    quotes: list[Quote] = spec("Pull quotes: the first after the findings, the others after later sections.", [], [])
    methodology: list[str] = spec(
        "How the figures were gathered and what they can and cannot show.",
        ["The survey asked 60 mayors ..."],
        [],
        markup=True,
    )
    methodology_figure: str | None = spec(
        "Id of a chart or table in charts.yaml shown with the methodology note.", "wording-table", None
    )
    sidebars: list[Sidebar] = spec("Boxed asides, such as context or a definition.", [], [])
    about: list[str] = spec(
        "About the publisher, for the closing section.", ["Civic Policy Desk is ..."], [], markup=True
    )
    contact: Contact = spec("How to reach the publisher.", {"email": "briefs@example.org"}, Contact())
    citation: str = spec(
        "The suggested citation; when empty, a reference to the brief as a report in APA style (7th edition), "
        "from authors (or organisation), year, title and subtitle.",
        "Civic Policy Desk (2025). Mayors Want Federal Partners.",
        "",
        empty_ok=True,
    )
    theme: str = spec(
        "The theme: a name under styles/ (without .yaml) or a path to a theme file.",
        "default",
        "default",
        max_length=200,
    )
    paper: Literal["", "letter", "a4", "legal"] = spec(
        "The paper, over whatever theme is used (its colours, type and margins kept); the theme's by default.",
        "a4",
        "",
    )
    max_pages: int | None = spec(
        "Fail the build if the brief runs longer than this many pages.", 4, None, min=1, max=1000
    )


# ── findings, requests, recommendations ──────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Finding:
    id: str = _id("finding")
    headline: str = spec("The finding in one sentence.", "Most mayors see juvenile crime as serious", max_length=200)
    text: list[str] = spec(
        "Paragraphs that explain the finding.", ["Nearly six in 10 mayors ..."], markup=True, min_items=1
    )
    sources: list[str] = spec("Ids from sources.yaml that back the finding (at least one).", ["uscm-2025"], min_items=1)
    stat: Stat | None = spec(
        "The big-number callout for this finding; a finding without one is text (and chart) only.",
        {"shown": "~6 in 10", "label": "..."},
        None,
    )
    chart: str | None = spec("Id of a chart in charts.yaml shown with this finding.", "funding-gaps", None)


@dataclass(frozen=True)
class FindingsFile:
    """content/findings.yaml: the key findings, each with a big-number stat."""

    findings: list[Finding] = spec("The key findings, in the order printed.", [], min_items=1)
    heading: str = spec("The section heading; the language's 'Key findings' when left out.", "Key findings", "")


@dataclass(frozen=True)
class Request:
    id: str = _id("request")
    headline: str = spec("What was asked for, in a few words.", "Grants for police technology")
    text: str = spec("The request in a sentence or two.", "97 percent requested more grants ...", markup=True)
    sources: list[str] = spec("Ids from sources.yaml that report the request.", ["uscm-2025"], min_items=1)
    stat: Stat | None = spec("How many asked, as a stat.", None, None)


@dataclass(frozen=True)
class RequestsFile:
    """content/requests.yaml: what the stakeholders asked for."""

    requests: list[Request] = spec("The requests, in the order printed.", [], min_items=1)
    heading: str = spec(
        "The section heading; the language's 'What stakeholders asked for' when left out.", "What mayors asked for", ""
    )
    intro: list[str] = spec("Paragraphs before the list.", [], [], markup=True)
    outro: list[str] = spec("Paragraphs after the list.", [], [], markup=True)


@dataclass(frozen=True)
class Recommendation:
    id: str = _id("recommendation")
    title: str = spec("The recommendation as an imperative sentence.", "Restore cut federal grants.")
    text: str = spec("Why, and what it would take.", "About 30 percent of mayors lost grants ...", markup=True)
    findings: list[str] = spec(
        "Ids of the findings this recommendation rests on (at least one).", ["grant-cuts"], min_items=1
    )


@dataclass(frozen=True)
class RecommendationsFile:
    """content/recommendations.yaml: numbered recommendations tied to findings."""

    recommendations: list[Recommendation] = spec("The recommendations, numbered in this order.", [], min_items=1)
    heading: str = spec("The section heading; the language's 'Recommendations' when left out.", "Recommendations", "")
    intro: list[str] = spec("Paragraphs before the list.", [], [], markup=True)


# ── charts ───────────────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Series:
    name: str = spec("The series' name, shown in the legend when there are several.", "Share of mayors")
    values: list[float | None] = spec(
        "One number per category, in the chart's format; `null` or 'n/a' where the source gives none (a table "
        "and a bar's label print '\u2013', a line breaks).",
        [97, None, 70],
        min_items=1,
        missing=True,
    )


@dataclass(frozen=True)
class Display:
    series: str = spec("The series shown this way: a CSV column's name, or an inline series' name.", "share")
    label: str = spec("What legends and table headers call it.", "Share of mayors", "", empty_ok=True)
    format: Literal["", "percent", "count", "currency", "number"] = spec(
        "How a table prints its values, when not as the chart's `format`.", "currency", ""
    )
    decimals: int | None = spec(
        "Decimals a table prints; by default as many as its values have.", 1, None, min=0, max=6
    )


@dataclass(frozen=True)
class InlineData:
    categories: list[str] = spec(
        "Category labels (bars, or points along the x axis); ISO dates (2019, 2019-Q1, 2019-01, 2019-01-15) "
        "give a line chart a time axis.",
        ["Police technology grants", "Federal agency support"],
        min_items=1,
    )
    series: list[Series] = spec("One or more series of values.", [{"name": "Share", "values": [97, 75]}], min_items=1)


@dataclass(frozen=True)
class CsvData:
    path: str = spec("A CSV file under content/data/, with a header row.", "data/shares.csv")
    category: str = spec(
        "The column holding the category labels; ISO dates in it give a line chart a time axis.", "finding"
    )
    columns: list[str] = spec(
        "The columns to plot, one series each; an empty cell, 'n/a' or 'NA' in them is a value the source "
        "does not give.",
        ["share"],
        min_items=1,
    )
    separator: Literal["", ",", ";", "\t"] = spec(
        "What separates the file's cells: ',', ';' or a tab; found from the header row when left out.", ";", ""
    )
    decimal: Literal[".", ","] = spec(
        "The file's decimal mark: '.' (1,234.5), or ',' (1.234,5 or 1 234,5) as many European spreadsheets write.",
        ",",
        ".",
    )


@dataclass(frozen=True)
class Annotation:
    category: str = spec("The category (on a time axis, the date as written) of the point to annotate.", "2020-04")
    text: str = spec("The note, short: it is set beside the point.", "First lockdown", max_length=80)
    series: str = spec(
        "The series of the point: a CSV column's name, or an inline series' name; needed only when the chart "
        "has several.",
        "Bus",
        "",
        empty_ok=True,
    )


@dataclass(frozen=True)
class Chart:
    id: str = _id("chart")
    type: ChartType = spec("The kind of chart; `table` sets the data as a table instead.", "bar-horizontal")
    title: str = spec("The chart's title; states its point.", "Mayors want grants, not troops")
    alt: str = spec(
        "Alternative text for screen readers: what the chart shows, with its numbers. "
        "Required, and different from the caption.",
        "Bar chart: 97% want ...",
        max_length=2000,
    )
    sources: list[str] = spec("Ids from sources.yaml for the Source: line.", ["uscm-2025"], min_items=1)
    data: InlineData | None = spec("The data, written inline.", None, None)
    csv: CsvData | None = spec("The data, read from a CSV file (instead of `data`).", None, None)
    subtitle: str = spec("A line under the title, often the unit.", "Share of 60 mayors", "", empty_ok=True)
    format: Unit = spec("How values are printed.", "percent", "percent")
    display: list[Display] = spec(
        "How series are named and, in a table, printed: one entry per series to change.",
        [{"series": "share_burdened", "label": "Share burdened", "format": "percent"}],
        [],
    )
    x_label: str = spec("Label of the horizontal axis.", "", "", empty_ok=True)
    y_label: str = spec("Label of the vertical axis.", "", "", empty_ok=True)
    y_min: float | None = spec(
        "Line charts: the bottom of the value axis; by default a round number at or under the lowest value "
        "(bars always start at zero).",
        0,
        None,
    )
    y_max: float | None = spec(
        "Line charts: the top of the value axis; by default a round number at or over the highest value.", 100, None
    )
    markers: bool = spec("Line charts: a dot on every point, not only on the last.", True, False)
    point_labels: PointLabels = spec(
        "Line charts: which points print their value: none, the last, the first and the last, or all.",
        "first-last",
        "last",
    )
    annotations: list[Annotation] = spec(
        "Line charts: short notes set at points of a line.", [{"category": "2020-04", "text": "First lockdown"}], []
    )
    highlight: list[str] = spec("Categories drawn in the accent colour.", ["Police technology grants"], [])
    approximate: list[str] = spec(
        "Categories whose value the source gives only in words; marked '~'.", ["Federal agency support"], []
    )
    wording: list[str] = spec(
        "The source's own words for each category under `approximate`, in the same order; not printed, but kept "
        "in the press kit's fact ledger for fact-checkers.",
        ["about three-quarters"],
        [],
    )
    sort: SortOrder = spec("Order of the bars.", "descending", "none")
    caption: str = spec(
        "The figure caption under the chart.", "Share of mayors, by request.", "", empty_ok=True, markup=True
    )
    notes: str = spec("The Notes: line under the chart.", "~ = approximate.", "", empty_ok=True, markup=True)


@dataclass(frozen=True)
class ChartsFile:
    """content/charts.yaml: chart specifications, drawn by matplotlib in the theme's look."""

    charts: list[Chart] = spec("The charts; findings refer to them by id.", [], [])


# ── sources ──────────────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Source:
    id: str = _id("source")
    title: str = spec("Title of the work.", "Mayors' 2025 survey on crime")
    publisher: str = spec("Who published it.", "U.S. Conference of Mayors")
    date: str = spec("When: YYYY, YYYY-MM or YYYY-MM-DD.", "2025", "", empty_ok=True, pattern=DATE_PATTERN)
    url: str = spec("Where to read it (https).", "https://example.org/report", "", empty_ok=True)
    note: str = spec("What the brief takes from it.", "Shared first with POLITICO.", "", empty_ok=True, markup=True)


@dataclass(frozen=True)
class SourcesFile:
    """content/sources.yaml: the reference list that findings, charts and text cite by id."""

    sources: list[Source] = spec("The works cited, numbered in this order.", [], min_items=1)


# ── the whole brief ──────────────────────────────────────────────────────────────────────────────────

#: Each content file and the dataclass its top level must match.
CONTENT_FILES: dict[str, type] = {
    "brief.yaml": BriefInfo,
    "findings.yaml": FindingsFile,
    "requests.yaml": RequestsFile,
    "recommendations.yaml": RecommendationsFile,
    "charts.yaml": ChartsFile,
    "sources.yaml": SourcesFile,
}


@dataclass(frozen=True)
class ChartTable:
    """A chart's data, resolved from inline values or a CSV file."""

    categories: tuple[str, ...]
    #: Each series' name and values, one per category; None where the source gives no value.
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    #: Per series, how a table prints it: a format ("" for the chart's) and decimals (None: as the values have).
    formats: tuple[tuple[str, int | None], ...] = ()

    @property
    def has_missing(self) -> bool:
        return any(v is None for _, values in self.series for v in values)


@dataclass(frozen=True)
class Brief:
    """A validated brief: everything the later stages need, nothing they must check again."""

    root: Path
    info: BriefInfo
    findings: FindingsFile
    requests: RequestsFile
    recommendations: RecommendationsFile
    charts: ChartsFile
    sources: SourcesFile
    chart_data: dict[str, ChartTable]
    source_number: dict[str, int]
    locale: Locale = ENGLISH_US  # the language's strings and number style, with the theme's and brief's overrides
