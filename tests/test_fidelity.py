"""What the author wrote is what prints: every item appears in the PDF, whole."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from readers import pdftotext, words

from brief.building.pipeline import build

# Made-up words of made-up speakers: the test needs quotes, not facts.
SECOND_QUOTE = """  - text: >-
      A second pull quote, written for this test, long enough to wrap onto a second line of the page.
    attribution: Sample Speaker
    role: Placeholder role
  - text: A third quote, also written for this test.
    attribution: Second Sample Speaker
"""


def test_every_pull_quote_is_printed_with_its_speaker(project: Path) -> None:
    info = project / "content" / "brief.yaml"
    text = info.read_text()
    info.write_text(text.replace("\nsidebars:", "\n" + SECOND_QUOTE + "\nsidebars:", 1))
    printed = words(pdftotext(build(project, force=True).path))
    assert "A second pull quote, written for this test, long enough to wrap onto a second line of the page." in printed
    assert "Sample Speaker, Placeholder role" in printed
    assert "A third quote, also written for this test." in printed
    assert "Second Sample Speaker" in printed


def test_a_long_title_and_organisation_shorten_in_the_running_header_and_stay_whole_elsewhere(project: Path) -> None:
    import pypdf
    from page_geometry import overlapping_words

    title = "A Very Long Title About Municipal Budgets, Crime Prevention Grants and Youth Programs in Sixty Cities"
    name = "The Organisation With a Remarkably Long Name for Civic Research and Public Policy (sample organisation)"
    info = project / "content" / "brief.yaml"
    text = info.read_text().replace("title: Mayors Want Federal Partners, Not Troops", f"title: {title}", 1)
    info.write_text(text.replace("  name: Civic Policy Desk (sample organisation)", f"  name: {name}", 1))
    pdf = build(project, force=True).path
    assert overlapping_words(pdf) == []
    page_two = pypdf.PdfReader(pdf).pages[1].extract_text()
    assert "POLICY BRIEF · A Very Long Title" in page_two and "…" in page_two
    assert pypdf.PdfReader(pdf).metadata.title == title
    assert title in words(pdftotext(pdf))


def test_the_layout_checker_finds_header_parts_set_over_each_other(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the header's shortening taken away, the checker (not only a reader of the PDF) sees the overlap."""
    from brief.pdf import document

    title = "A Very Long Title About Municipal Budgets, Crime Prevention Grants and Youth Programs in Sixty Cities"
    name = "The Organisation With a Remarkably Long Name for Civic Research and Public Policy (sample organisation)"
    info = project / "content" / "brief.yaml"
    text = info.read_text().replace("title: Mayors Want Federal Partners, Not Troops", f"title: {title}", 1)
    info.write_text(text.replace("  name: Civic Policy Desk (sample organisation)", f"  name: {name}", 1))
    assert [w for w in build(project, force=True).warnings if "over each other" in w.message] == []
    monkeypatch.setattr(document, "fit_pair", lambda left, right, *_: (left, right))
    overlaps = [w for w in build(project, force=True).warnings if "over each other" in w.message]
    title_line = info.read_text().splitlines().index(f"title: {title}") + 1
    assert overlaps and all(w.path == str(info) and w.line == title_line for w in overlaps), overlaps
    assert f"POLICY BRIEF · {title}" in overlaps[0].message or title in overlaps[0].message


def test_a_stat_is_set_on_one_line_however_narrow_its_slot(project: Path) -> None:
    requests = project / "content" / "requests.yaml"
    first = requests.read_text().index("shown: ")
    end = requests.read_text().index("\n", first)
    text = requests.read_text()
    requests.write_text(f"{text[:first]}shown: ~1 in 3{text[end:]}".replace("shown: 97%", "shown: 89% vs 71%"))
    findings = project / "content" / "findings.yaml"
    findings.write_text(findings.read_text().replace("shown: 97%", "shown: 89% vs 71%", 1))
    lines = [" ".join(line.split()) for line in pdftotext(build(project, force=True).path).splitlines()]
    assert any(line.startswith("~1 in 3") for line in lines)
    assert sum(line.startswith("89% vs 71%") for line in lines) == 2  # the callout and the request's mark


def test_a_title_ending_in_a_stop_or_question_mark_gets_no_second_one_in_the_citation(project: Path) -> None:
    from brief.content.validate import check_project
    from brief.pdf.compose import suggested_citation

    info = project / "content" / "brief.yaml"
    original = info.read_text()
    for title, expected in (("Crime Fell. The Worry Did Not.", "The Worry Did Not. "), ("Did Crime Fall?", "Fall? ")):
        info.write_text(original.replace("title: Mayors Want Federal Partners, Not Troops", f"title: {title}", 1))
        brief = check_project(project).brief
        assert brief is not None
        citation = suggested_citation(brief)
        assert expected in citation and ".." not in citation and "?." not in citation, citation


def test_two_works_of_one_publisher_are_named_apart_in_a_figure_source_line(project: Path) -> None:
    from brief.charts.export import source_line
    from brief.content.validate import check_project

    sources = project / "content" / "sources.yaml"
    sources.write_text(sources.read_text().replace("publisher: POLITICO", "publisher: U.S. Conference of Mayors", 1))
    brief = check_project(project).brief
    assert brief is not None
    chart = next(c for c in brief.charts.charts if c.id == "survey-shares")  # cites the survey and the report
    line = source_line(chart, brief)
    assert "Survey of 60 city leaders on crime" in line
    assert "Report on the U.S. Conference of Mayors' 2025 survey of mayors on crime" in line
    # a figure that cites only one of the two still says which
    alone = next(c for c in brief.charts.charts if c.sources == ["politico-2025"])
    assert source_line(alone, brief) == (
        "U.S. Conference of Mayors, Report on the U.S. Conference of Mayors' 2025 survey of mayors on crime."
    )


def test_a_table_header_breaks_between_words_never_inside_one(project: Path) -> None:
    from pypdf import PdfReader

    long_words = ["Completed surveys", "Outstanding questionnaires", "Acknowledgements", "Reimbursements"]
    series = "".join(f"        - {{name: {name}, values: [97, 75, 0]}}\n" for name in long_words)
    charts = project / "content" / "charts.yaml"
    charts.write_text(
        charts.read_text()
        + "\n  - id: wide\n    type: table\n    title: Wide table\n    format: percent\n    x_label: Item\n"
        + "    data:\n      categories: [One, Two, Three]\n      series:\n"
        + series
        + "    sources: [politico-2025]\n    alt: A wide table of three rows.\n"
    )
    info = project / "content" / "brief.yaml"
    info.write_text(info.read_text().replace("methodology_figure: wording-table", "methodology_figure: wide"))
    pdf = build(project, force=True).path
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    for word in ("Completed", "Outstanding", "questionnaires", "Acknowledgements", "Reimbursements"):
        assert word in text.split(), word


def test_a_table_prints_column_labels_formats_per_column_and_thousands_separators(project: Path) -> None:
    charts = project / "content" / "charts.yaml"
    charts.write_text(
        charts.read_text()
        + "\n  - id: rents\n    type: table\n    title: Rents and burdens\n    format: number\n    x_label: City\n"
        + "    data:\n      categories: [Riverton, Lakeside]\n      series:\n"
        + "        - {name: median_rent, values: [1180, 2045.5]}\n"
        + "        - {name: share_burdened, values: [51.2, 47]}\n"
        + "        - {name: units, values: [12345, 980]}\n"
        + "    display:\n"
        + "      - {series: median_rent, label: Median rent, format: currency, decimals: 2}\n"
        + "      - {series: share_burdened, label: Share burdened, format: percent}\n"
        + "      - {series: units, label: Units}\n"
        + "    sources: [politico-2025]\n    alt: Rents, burdens and units in two cities.\n"
    )
    info = project / "content" / "brief.yaml"
    info.write_text(info.read_text().replace("methodology_figure: wording-table", "methodology_figure: rents"))
    text = words(pdftotext(build(project, force=True).path))
    assert "City Median rent Share burdened Units" in text
    assert "Riverton $1,180.00 51.2% 12,345" in text
    assert "Lakeside $2,045.50 47.0% 980" in text


def test_key_numbers_of_their_own_print_as_callouts_before_the_findings_numbers(project: Path) -> None:
    info = project / "content" / "brief.yaml"
    callouts = (
        "callouts:\n"
        "  - {shown: '60', label: big-city mayors surveyed, value: 60, unit: count, sources: [politico-2025]}\n"
        "  - {shown: '2025', label: the year of the survey, unit: number, sources: [uscm-survey-2025]}\n\n"
    )
    info.write_text(info.read_text().replace("\nquotes:", "\n" + callouts + "quotes:", 1))
    pdf = build(project, force=True).path
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = words(raw)  # in the order drawn: each callout's number, then its label
    assert "60 big-city mayors surveyed" in text and "2025 the year of the survey" in text
    assert text.index("big-city mayors surveyed") < text.index("requested more grants")


def test_authors_with_roles_read_as_two_people_not_four(project: Path) -> None:
    info = project / "content" / "brief.yaml"
    authors = (
        "authors:\n  - {name: Maya Okafor, role: Housing Policy Analyst}\n"
        "  - {name: Luis Brennan, role: Research Associate}\n"
    )
    info.write_text(info.read_text().replace("\nsummary:", "\n" + authors + "summary:", 1))
    text = words(pdftotext(build(project, force=True).path))
    assert "Maya Okafor (Housing Policy Analyst) and Luis Brennan (Research Associate)" in text
