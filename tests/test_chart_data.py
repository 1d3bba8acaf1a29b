"""Charts and tables as authors need them: missing values, line charts on time axes, their labels and notes.

Most tests read the time-series corpus brief as built: the words a reader sees in the PDF, with pdfplumber.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from click.testing import CliRunner
from conftest import ROOT
from test_check_corpus import CASES, prepared

import brief
from brief.charts.draw import chart_svg, layout_chart
from brief.charts.layout import Dot, Label, Stroke
from brief.charts.lines import value_ticks
from brief.cli import cli
from brief.content.model import Chart, ChartTable
from brief.content.validate import check_project
from brief.theme.model import Theme, load_theme

SERIES_BRIEF = ROOT / "tests" / "briefs" / "time-series"
YEARS = [str(year) for year in range(2019, 2026)]
MONTH_OR_QUARTER = re.compile(r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Q[1-4])$")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The time-series brief on US Letter (its theme's paper) and on A4."""
    project = tmp_path_factory.mktemp("series") / "time-series"
    shutil.copytree(SERIES_BRIEF / "content", project / "content")
    return {paper: brief.build(project, project / "output" / f"{paper}.pdf", paper=paper) for paper in ("letter", "a4")}


@pytest.fixture(scope="module")
def theme() -> Theme:
    return load_theme("default", ROOT)


def page_text(pdf: Path) -> str:
    with pdfplumber.open(pdf) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def figure_words(pdf: Path, title: str, caption: str) -> list[dict[str, Any]]:
    """The words drawn between a figure's title line and its caption: the chart's own text."""
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            lines = page.extract_text_lines()
            top = next((line["bottom"] for line in lines if title in line["text"]), None)
            bottom = next((line["top"] for line in lines if line["text"].startswith(caption)), None)
            if top is not None and bottom is not None:
                return [w for w in page.extract_words() if top < w["top"] and w["bottom"] < bottom]
    raise AssertionError(f"no page holds the figure '{title}'")


def axis_row(words: list[dict[str, Any]]) -> list[str]:
    """The lowest row of a chart's words, left to right: its category or time axis."""
    lowest = max(w["top"] for w in words)
    return [w["text"] for w in sorted(words, key=lambda w: w["x0"]) if abs(w["top"] - lowest) < 1]


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_84_months_and_40_quarters_are_ticked_on_years_only(built: dict[str, Path], paper: str) -> None:
    monthly = figure_words(built[paper], "Postings fell by half", "Postings on the county job board")
    assert axis_row(monthly) == YEARS
    quarterly = figure_words(built[paper], "One post in 21 stands empty", "Vacant posts as a share")
    assert axis_row(quarterly) == [str(year) for year in range(2016, 2026)]
    assert not [w["text"] for w in monthly + quarterly if MONTH_OR_QUARTER.match(w["text"])]


def test_a_year_of_months_is_ticked_on_months_with_the_year_once(built: dict[str, Path]) -> None:
    words = figure_words(built["letter"], "Hiring plans dipped", "Monthly pulse survey")
    assert " ".join(axis_row(words)) == "Jan 2024 Mar May Jul Sep Nov"


def test_values_print_with_thousands_separated(built: dict[str, Path]) -> None:
    monthly = [w["text"] for w in figure_words(built["letter"], "Postings fell by half", "Postings on the county")]
    # The axis, the first values (point_labels: first-last) and the last, at the lines' ends.
    assert {"20,000", "13,420", "8,580", "16,450", "10,500"} <= set(monthly)
    pay = [w["text"] for w in figure_words(built["letter"], "Pay has risen every year", "Median gross weekly pay")]
    # point_labels: all prints every year's value.
    assert {"$812", "$866", "$934", "$1,021", "$1,058", "$1,094"} <= set(pay)


def test_an_annotation_is_drawn_at_its_point(built: dict[str, Path]) -> None:
    words = figure_words(built["letter"], "Postings fell by half", "Postings on the county")
    assert "First lockdown" in " ".join(w["text"] for w in words)


def test_missing_values_print_an_en_dash_and_the_notes_say_what_it_means(built: dict[str, Path]) -> None:
    text = page_text(built["letter"])
    assert "Kestrel Point 3,130 5.2% – $1,040 16.5%" in text
    assert "Pellow 1,395 3.4% 3.6% – –" in text
    assert "Yarrow 1,859 – 3.8% $1,053 12.0%" in text
    assert "Notes: – = no data." in text  # the table's, added since the author wrote none
    # A bar without a value: no bar, the mark where it would start, and the notes.
    bars = " ".join(w["text"] for w in figure_words(built["letter"], "Care and hospitality hold", "Manufacturing was"))
    assert "Manufacturing –" in bars


def test_a_line_chart_gets_no_note_for_a_mark_it_does_not_print(built: dict[str, Path]) -> None:
    text = page_text(built["letter"])
    assert "Notes: Hires for June 2021 were not collected.\n" in text


def test_a_split_table_says_continued(built: dict[str, Path]) -> None:
    assert "Table 1. Postings, vacancies and pay by district (continued)" in page_text(built["letter"])


def test_table_numbers_line_up_on_their_decimal_point(built: dict[str, Path]) -> None:
    with pdfplumber.open(built["letter"]) as document:
        points = [
            char["x0"]
            for page in document.pages
            for char in page.chars
            if char["text"] == "."
            and any(
                abs(char["top"] - w["top"]) < 1 and w["text"] in ("Ashford", "Bramley", "Dunmore", "Elmstead")
                for w in page.extract_words()
            )
        ]
    # Four rows, five value columns, three with decimals: each column's points share one x.
    columns = sorted({round(x) for x in points})
    assert len(points) == 12 and len(columns) == 3, points


def test_the_same_brief_builds_to_the_same_bytes(built: dict[str, Path], tmp_path: Path) -> None:
    project = tmp_path / "again"
    shutil.copytree(SERIES_BRIEF / "content", project / "content")
    again = brief.build(project, project / "output" / "letter.pdf", paper="letter")
    assert hashlib.sha256(again.read_bytes()).digest() == hashlib.sha256(built["letter"].read_bytes()).digest()


# ── the layout of a line chart ───────────────────────────────────────────────────────────────────────


def line(values: list[float | None], categories: list[str] | None = None, **keys: Any) -> tuple[Chart, ChartTable]:
    cats = categories or [f"Point {i}" for i in range(len(values))]
    chart = Chart(id="line", type="line", title="A line", alt="Alt.", sources=["s"], format="count", **keys)
    return chart, ChartTable(tuple(cats), (("Series", tuple(values)),))


def strokes(chart: Chart, table: ChartTable, theme: Theme, colour: str) -> list[Stroke]:
    sketch = layout_chart(chart, table, theme, 480)
    return [item for item in sketch.items if isinstance(item, Stroke) and item.colour == colour]


def test_a_missing_value_or_month_breaks_the_line(theme: Theme) -> None:
    colour = theme.chart.palette[0]
    chart, table = line([5, 6, None, 7, 8])
    assert [len(s.points) for s in strokes(chart, table, theme, colour)] == [2, 2]
    months = ["2024-01", "2024-02", "2024-03", "2024-05", "2024-06"]  # April has no row
    chart, table = line([5, 6, 7, 8, 9], months)
    assert [len(s.points) for s in strokes(chart, table, theme, colour)] == [3, 2]
    # A point alone between gaps is drawn as a dot, or it would not show at all.
    chart, table = line([5, None, 7, None, 9])
    sketch = layout_chart(chart, table, theme, 480)
    assert not [s for s in sketch.items if isinstance(s, Stroke) and s.colour == colour]
    assert len([d for d in sketch.items if isinstance(d, Dot) and d.colour == colour]) >= 3


def test_dates_not_written_as_iso_stay_evenly_spaced_labels(theme: Theme) -> None:
    chart, table = line([5, 6, 8], ["Jan 2024", "Feb 2024", "Apr 2024"])
    xs = [p[0] for p in strokes(chart, table, theme, theme.chart.palette[0])[0].points]
    assert xs[1] - xs[0] == pytest.approx(xs[2] - xs[1])
    # Days are placed at their dates; a day with no row (a weekend) does not break the line.
    chart, table = line([5, 6, 8], ["2024-01-04", "2024-01-05", "2024-01-08"])
    xs = [p[0] for p in strokes(chart, table, theme, theme.chart.palette[0])[0].points]
    assert xs[2] - xs[1] == pytest.approx(3 * (xs[1] - xs[0]))


def test_a_line_fits_its_axis_to_the_data_unless_told(theme: Theme) -> None:
    chart, _ = line([])
    assert value_ticks(chart, [412.0, 480.0])[0] == 400  # not zero: a line need not start there
    bounded = Chart(**{**chart.__dict__, "y_min": 0.0, "y_max": 500.0})
    assert value_ticks(bounded, [412.0, 480.0])[0] == 0 and value_ticks(bounded, [412.0, 480.0])[-1] == 500


def label_texts(chart: Chart, table: ChartTable, theme: Theme) -> list[str]:
    return [item.text for item in layout_chart(chart, table, theme, 480).items if isinstance(item, Label)]


@pytest.mark.parametrize(
    ("mode", "shown", "hidden"),
    [
        ("none", [], ["1,234", "1,456", "1,987"]),
        ("last", ["1,987"], ["1,234", "1,456"]),
        ("first-last", ["1,234", "1,987"], ["1,456"]),
        ("all", ["1,234", "1,456", "1,987"], []),
    ],
)
def test_point_labels_print_the_values_asked_for(theme: Theme, mode: str, shown: list[str], hidden: list[str]) -> None:
    chart, table = line([1234, 1456, 1987], ["2023", "2024", "2025"], point_labels=mode, y_min=1000, y_max=2000)
    texts = label_texts(chart, table, theme)
    assert all(t in texts for t in shown) and not any(t in texts for t in hidden), texts


def test_markers_put_a_dot_on_every_point(theme: Theme) -> None:
    colour = theme.chart.palette[0]
    for markers, dots in ((False, 1), (True, 4)):
        chart, table = line([1, 2, 3, 4], markers=markers)
        items = layout_chart(chart, table, theme, 480).items
        assert len([d for d in items if isinstance(d, Dot) and d.colour == colour]) == dots


def test_the_time_axis_svg_is_byte_identical_on_every_render(theme: Theme) -> None:
    months = [f"{2019 + i // 12}-{i % 12 + 1:02d}" for i in range(84)]
    chart, table = line([float(i % 17) for i in range(84)], months, point_labels="first-last")
    assert chart_svg(chart, table, theme, 480) == chart_svg(chart, table, theme, 480)


# ── reading missing values ───────────────────────────────────────────────────────────────────────────


def line_of(path: Path, text: str) -> int:
    """The number of the line of `path` that holds `text`."""
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_missing_values_are_read_as_missing_and_words_are_refused(project: Path) -> None:
    charts = project / "content" / "charts.yaml"
    charts.write_text(charts.read_text().replace("values: [75, 0]", "values: [n/a, null]"))
    shares = project / "content" / "data" / "survey-shares.csv"
    rows = shares.read_text().splitlines()
    rows[2], rows[3], rows[4] = rows[2].rsplit(",", 1)[0] + ",", rows[3].rsplit(",", 1)[0] + ",NA", rows[4] + "x"
    shares.write_text("\n".join(rows) + "\n")
    checked = check_project(project)
    assert [p.format() for p in checked.errors] == [
        f"{shares}:5:45: error: column 'share': '58x' is not a number "
        "(an empty cell, 'n/a' or 'NA' marks a value the source does not give)",
        f"{charts}:{line_of(charts, 'values: [n/a, null]')}:19: error: series 'Share of mayors' has no values: "
        "every one is missing "
        "(give at least one number)",
    ]
    rows[4] = rows[4].removesuffix("x").rsplit(",", 1)[0] + ",n/a"
    shares.write_text("\n".join(rows) + "\n")
    charts.write_text(charts.read_text().replace("values: [n/a, null]", "values: [n/a, 0]"))
    checked = check_project(project)
    assert checked.brief is not None, [p.format() for p in checked.errors]
    assert checked.brief.chart_data["partnerships"].series[0][1] == (None, 0.0)
    assert checked.brief.chart_data["survey-shares"].series[0][1] == (97.0, None, None, None, 30.0, 0.0)


def test_dates_written_otherwise_get_a_located_hint(project: Path) -> None:
    data = project / "content" / "data" / "months.csv"
    data.write_text("month,share\nJan 2024,40\nFeb 2024,42\nMar 2024,45\n")
    charts = project / "content" / "charts.yaml"
    text = charts.read_text()
    text = text.replace("    type: bar-horizontal\n", "    type: line\n", 1)
    text = text.replace(
        "path: data/survey-shares.csv\n      category: finding", "path: data/months.csv\n      category: month"
    )
    text = re.sub(r"    highlight: \[Requested.*?\n    sort: descending\n", "", text, count=1, flags=re.S)
    charts.write_text(text)
    result = CliRunner().invoke(cli, ["check", str(project)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        f"{data}:2:1: warning: 'Jan 2024' is read as a label, not a date, so the chart has no time axis "
        "(write dates in ISO form, e.g. '2024-01')"
    )


def test_build_refuses_crowded_point_labels_as_check_does(tmp_path: Path) -> None:
    project = prepared(CASES / "check" / "point-labels-all-crowded", tmp_path)
    result = CliRunner().invoke(cli, ["build", str(project)])
    expected = (CASES / "check" / "point-labels-all-crowded" / "expected.txt").read_text()
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == expected.splitlines()[0].replace("{project}", str(project))


# ── tables of many columns ───────────────────────────────────────────────────────────────────────────


def wide_table(columns: int) -> tuple[Chart, ChartTable]:
    chart = Chart(id="wide", type="table", title="Wide", alt="Alt.", sources=["s"], format="count", x_label="Year")
    series = tuple((f"Region {k} total", (1_234_567.0 + k, None, 2_345_678.0)) for k in range(columns))
    return chart, ChartTable(("2023", "2024", "2025"), series)


def test_many_columns_step_the_type_down_to_the_floor_and_no_further(theme: Theme) -> None:
    from brief.pdf.styles import make_styles
    from brief.pdf.tables import fitted_columns
    from brief.theme.model import MIN_TEXT_SIZE, text_width

    styles, width = make_styles(theme), text_width(theme)
    fitted = {columns: fitted_columns(*wide_table(columns), styles, width) for columns in (4, 8, 9, 10, 11)}
    sizes = {columns: size for columns, (size, _) in fitted.items()}
    # Up to 10 seven-digit columns fit, in smaller type as they grow; 11 do not, even at the floor.
    assert sizes[4] > sizes[8] > sizes[9] > sizes[10] == MIN_TEXT_SIZE == sizes[11]
    assert [sum(widths) <= width + 0.01 for _, widths in fitted.values()] == [True, True, True, True, False]


def test_build_refuses_a_table_too_wide_for_the_page_as_check_does(tmp_path: Path) -> None:
    case = CASES / "check" / "table-too-wide"
    project = prepared(case, tmp_path)
    result = CliRunner().invoke(cli, ["build", str(project)])
    assert result.exit_code == 1
    assert result.stderr == (case / "expected.txt").read_text().replace("{project}", str(project))
    assert not (project / "output" / "brief.pdf").exists()


# ── bars without a value ─────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("kind", ["bar-horizontal", "bar", "grouped-bar"])
def test_a_bar_without_a_value_is_left_out_and_marked(kind: str, theme: Theme) -> None:
    from brief.charts.layout import Box

    chart = Chart(id="b", type=kind, title="Bars", alt="Alt.", sources=["s"], format="count")  # type: ignore[arg-type]
    table = ChartTable(("Alpha", "Beta", "Gamma"), (("A", (1200.0, None, 3400.0)), ("B", (900.0, 800.0, 700.0))))
    sketch = layout_chart(chart, table, theme, 480)
    bars = [item for item in sketch.items if isinstance(item, Box) and item.w > 0 and item.h > 0]
    legend = 2  # a swatch per series
    assert len(bars) - legend == 5
    assert [item.text for item in sketch.items if isinstance(item, Label)].count("–") == 1


@pytest.mark.parametrize("order", ["ascending", "descending"])
def test_bars_without_a_value_rank_last_in_either_order(order: str) -> None:
    from brief.charts.layout import rows

    chart = Chart(id="b", type="bar-horizontal", title="B", alt="A.", sources=["s"], sort=order)  # type: ignore[arg-type]
    table = ChartTable(("Alpha", "Beta", "Gamma", "Delta"), (("A", (12.0, None, 34.0, 5.0)),))
    ranked = [row.category for row in rows(chart, table)]
    assert ranked == (
        ["Delta", "Alpha", "Gamma", "Beta"] if order == "ascending" else ["Gamma", "Alpha", "Delta", "Beta"]
    )


def test_an_annotation_names_its_series_as_written_even_when_displayed_under_a_label(theme: Theme) -> None:
    from brief.content.model import Annotation, Display

    note = Annotation(category="2024", text="Here", series="small")
    chart = Chart(
        id="l", type="line", title="L", alt="A.", sources=["s"], format="count",
        display=[Display(series="small", label="Small cities")], annotations=[note],
    )  # fmt: skip
    table = ChartTable(
        ("2023", "2024", "2025"), (("Large", (500.0, 520.0, 540.0)), ("Small cities", (100.0, 90.0, 95.0)))
    )
    sketch = layout_chart(chart, table, theme, 480)
    small_line = next(
        s for s in sketch.items if isinstance(s, Stroke) and s.colour == theme.chart.palette[1] and len(s.points) == 3
    )
    leaders = [s.points[0] for s in sketch.items if isinstance(s, Stroke) and s.colour == theme.colours.muted]
    assert small_line.points[1] in leaders  # the note's leader starts at Small cities' 2024 point


def test_a_short_span_of_counts_is_ticked_in_whole_numbers_and_days_in_full(theme: Theme) -> None:
    chart, table = line([1, 2], ["2024-03-01", "2024-03-05"])
    assert label_texts(chart, table, theme) == ["1", "2", "1 Mar 2024", "5 Mar 2024", "2"]


def test_a_line_whose_last_values_are_missing_is_named_where_it_stops(theme: Theme) -> None:
    months = [f"2024-{m:02d}" for m in range(1, 13)]
    chart = Chart(id="e", type="line", title="E", alt="A.", sources=["s"], format="count")
    full = tuple(float(100 + m) for m in range(12))
    short = tuple(float(60 + m) if m < 8 else None for m in range(12))
    sketch = layout_chart(chart, ChartTable(tuple(months), (("Alpha", full), ("Beta", short))), theme, 480)
    labels = {item.text: item for item in sketch.items if isinstance(item, Label)}
    beta_line = next(s for s in sketch.items if isinstance(s, Stroke) and s.colour == theme.chart.palette[1])
    stop = beta_line.points[-1][0]
    assert abs(labels["Beta 67"].x - stop) < 10 < labels["Alpha 111"].x - stop
