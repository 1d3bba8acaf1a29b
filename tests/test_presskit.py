"""brief presskit: what a journalist gets, that every checksum holds, and that the zip is reproducible."""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pikepdf
import pypdf
import pytest
from click.testing import CliRunner
from PIL import Image

from brief import load_brief
from brief.cli import cli
from brief.commands.chart_csv import chart_csv, spreadsheet_safe
from brief.commands.fact_ledger import key_facts
from brief.commands.one_pager import TOP_RECOMMENDATIONS, Detail, details, render_summary
from brief.commands.text_figures import figures_in
from brief.content.model import Chart, ChartTable
from brief.content.validate import check_project
from brief.pdf.compose import suggested_citation


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The default brief's press kit, made once by the command line; returns (project, zip)."""
    from conftest import ROOT

    project = tmp_path_factory.mktemp("project")
    for name in ("content", "styles"):
        shutil.copytree(ROOT / name, project / name)
    target = tmp_path_factory.mktemp("kit") / "press.zip"
    result = CliRunner().invoke(cli, ["presskit", str(project), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{target}\n"
    return project, target


def entries(target: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(target) as archive:
        return {info.filename.removeprefix("press/"): archive.read(info) for info in archive.infolist()}


def drawn_charts(project: Path) -> list[Chart]:
    """The charts that are pictures; a chart of type table is set as text in the brief only."""
    return [chart for chart in load_brief(project).charts.charts if chart.type != "table"]


def test_the_kit_holds_everything_a_journalist_needs(kit: tuple[Path, Path]) -> None:
    project, target = kit
    charts = [f"charts/{c.id}.{fmt}" for c in drawn_charts(project) for fmt in ("png", "svg")]
    charts += [f"charts/{c.id}.csv" for c in load_brief(project).charts.charts]  # tables' data too
    expected = [
        "README.txt",
        "SHA256SUMS",
        "brief.pdf",
        "brief.html",
        "brief-card.png",
        *charts,
        "citation.txt",
        "key-facts.md",
        "key-facts.txt",
        "summary.pdf",
    ]
    assert sorted(entries(target)) == sorted(expected)


def test_entries_are_sorted_dated_from_the_brief_and_read_only_for_others(kit: tuple[Path, Path]) -> None:
    with zipfile.ZipFile(kit[1]) as archive:
        infos = archive.infolist()
    names = [info.filename for info in infos]
    assert names == sorted(names) and all(name.startswith("press/") for name in names)
    for info in infos:
        assert info.date_time == (2025, 1, 1, 0, 0, 0)  # brief.yaml's date: "2025"
        assert info.external_attr >> 16 == 0o100644
        assert info.create_system == 3


def test_the_manifest_hashes_every_other_file(kit: tuple[Path, Path]) -> None:
    files = entries(kit[1])
    manifest = files.pop("SHA256SUMS").decode("utf-8")
    listed = dict(reversed(line.split("  ", 1)) for line in manifest.splitlines())
    assert sorted(listed) == sorted(files)
    for name, data in files.items():
        assert listed[name] == hashlib.sha256(data).hexdigest(), name


def test_two_runs_are_byte_identical(kit: tuple[Path, Path], tmp_path: Path) -> None:
    project, first = kit
    second = tmp_path / "press.zip"
    env = {**os.environ, "PYTHONHASHSEED": "7"}
    result = subprocess.run(
        [sys.executable, "-m", "brief", "presskit", str(project), "-o", str(second)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{second}\n"
    assert "━" not in result.stderr and "%" not in result.stderr  # no progress bar when not on a terminal
    assert second.read_bytes() == first.read_bytes()


def test_the_summary_is_one_tagged_page_with_the_findings_and_whom_to_call(kit: tuple[Path, Path]) -> None:
    project, target = kit
    brief = load_brief(project)
    data = entries(target)["summary.pdf"]
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Mayors Want Federal Partners, Not Troops" in text
    for finding in brief.findings.findings[:3]:
        assert finding.stat.shown in text
    assert brief.recommendations.recommendations[0].title in text
    assert brief.info.contact.email in text
    assert "Page 1 of 1" not in text  # a single page needs no page number
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert pdf.Root.MarkInfo.Marked
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.open_metadata().get("dc:title")).endswith(": summary")


def test_the_summary_passes_the_pdf_ua_rules(kit: tuple[Path, Path], tmp_path: Path) -> None:
    import page

    summary = tmp_path / "summary.pdf"
    summary.write_bytes(entries(kit[1])["summary.pdf"])
    for profile in ("ua1", "2b"):
        report = page.validate_pdf(str(summary), profile=profile)
        assert [f"{f.rule_id}: {f.message}" for f in report.failures] == [], profile


def test_charts_are_300_dpi_png_and_svg_with_title_and_source(kit: tuple[Path, Path]) -> None:
    project, target = kit
    files = entries(target)
    for chart in drawn_charts(project):
        image = Image.open(io.BytesIO(files[f"charts/{chart.id}.png"]))
        assert [round(d) for d in image.info["dpi"]] == [300, 300]
        svg = files[f"charts/{chart.id}.svg"].decode("utf-8")
        first_word = chart.title.split()[0]
        assert first_word in svg and "Source:" in svg, chart.id


def test_the_fact_ledger_lists_every_number_with_its_words_and_sources(kit: tuple[Path, Path]) -> None:
    project, target = kit
    brief = load_brief(project)
    files = entries(target)
    text, markdown = files["key-facts.txt"].decode(), files["key-facts.md"].decode()
    facts = key_facts(brief)
    stats = [fact for fact in facts if fact.kind in ("key number", "finding", "request")]
    assert len(stats) == len(brief.findings.findings) + sum(1 for r in brief.requests.requests if r.stat)
    assert "   Source says:  nearly six in 10" in text
    assert "4. ~6 in 10  (finding: Most mayors call juvenile crime serious, even as violent crime falls)" in text
    row = "| 4 | **\\~6 in 10** | call juvenile crime “serious or very serious” | 58% | nearly six in 10 | yes"
    assert row in markdown
    for fact in stats:
        assert fact.wording in text and fact.wording in markdown
    for source in brief.sources.sources:
        assert source.publisher in text
    assert files["citation.txt"].decode() == suggested_citation(brief) + "\n"


def test_the_ledger_holds_every_chart_value_with_the_sources_words(kit: tuple[Path, Path]) -> None:
    project, target = kit
    brief = load_brief(project)
    text = entries(target)["key-facts.txt"].decode()
    charted = [fact for fact in key_facts(brief) if fact.kind == "chart"]
    assert len(charted) == sum(len(t.categories) * len(t.series) for t in brief.chart_data.values())
    head = "~75%  (chart: Mayors want grants and federal agencies, not troops)\n   Category:     Want"
    block = text[text.index(head) :]
    assert block.splitlines()[1:6] == [
        "   Category:     Want more support from federal agencies",
        "   Value:        75%",
        "   Source says:  about three-quarters",
        "   Approximate:  yes: the source gives it in words",
        "   Sources:      1, 2",
    ]


def test_the_ledger_holds_every_figure_of_the_text_with_the_works_its_paragraph_cites(kit: tuple[Path, Path]) -> None:
    target = kit[1]
    text = entries(target)["key-facts.txt"].decode()
    block = text[text.index("40 percent  (text)") :].splitlines()
    assert block[1].startswith("   In the text:  A Reuters/Ipsos poll released the day before showed 40 percent")
    assert block[2:6] == [
        "   Source says:  —",
        "   Approximate:  no",
        "   Sources:      2, 3",  # the sidebar's paragraph cites POLITICO and Reuters/Ipsos
        "   Content:      content/brief.yaml, sidebar 1",
    ]
    assert "nearly six in 10  (text)" in text and "Ninety-seven percent  (text)" in text
    assert "2025  (text)" not in text  # a year is a date, not a figure


def test_every_share_the_pdf_prints_is_in_the_ledger(kit: tuple[Path, Path]) -> None:
    target = kit[1]
    files = entries(target)
    ledger = files["key-facts.txt"].decode()
    printed = " ".join(pypdf.PdfReader(io.BytesIO(files["brief.pdf"])).pages[i].extract_text() for i in range(5))
    shares = set(re.findall(r"~?\d+(?:\.\d+)?(?:%| percent)", " ".join(printed.split())))
    assert len(shares) > 10
    assert sorted(share for share in shares if share not in ledger) == []


def test_each_chart_data_is_a_csv_whose_formula_like_cells_are_neutralised(project: Path, tmp_path: Path) -> None:
    import yaml

    charts = project / "content" / "charts.yaml"
    data = yaml.safe_load(charts.read_text(encoding="utf-8"))
    partnerships = next(c for c in data["charts"] if c["id"] == "partnerships")
    partnerships["data"]["categories"] = ['=HYPERLINK("http://x.example","y")', "@SUM(A1)"]
    partnerships["data"]["series"][0]["name"] = "+share"
    partnerships["approximate"] = partnerships["highlight"] = ["@SUM(A1)"]
    charts.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    target = tmp_path / "press.zip"
    result = CliRunner().invoke(cli, ["presskit", str(project), "-o", str(target)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(target) as archive:
        kept = archive.read("press/charts/partnerships.csv").decode("utf-8")
        shares = archive.read("press/charts/survey-shares.csv").decode("utf-8")
    assert kept == (
        'category,\'+share,approximate\r\n"\'=HYPERLINK(""http://x.example"",""y"")",75,no\r\n\'@SUM(A1),0,yes\r\n'
    )
    assert shares.splitlines()[:2] == [
        "finding,share,approximate",
        "Requested more grants for police technology and equipment,97,no",
    ]


@pytest.mark.parametrize(
    ("cell", "safe"),
    [("=1+2", "'=1+2"), ("+1", "'+1"), ("-5 degrees", "'-5 degrees"), ("@x", "'@x"), ("\tx", "'\tx"), ("\rx", "'\rx"),
     ("Rent 1+1", "Rent 1+1"), ("", "")],
)  # fmt: skip
def test_spreadsheet_safe_marks_every_formula_start(cell: str, safe: str) -> None:
    assert spreadsheet_safe(cell) == safe


def test_a_missing_value_is_an_empty_cell_in_the_charts_csv() -> None:
    chart = Chart(id="rents", type="line", title="Rents", alt="Rents by year", sources=["s"])
    table = ChartTable(("2023", "2024", "2025"), (("Median rent", (1180.0, None, 1250.5)),))
    assert chart_csv(chart, table) == "category,Median rent\r\n2023,1180\r\n2024,\r\n2025,1250.5\r\n"


def test_the_citation_is_apa_style_and_does_not_repeat_the_series_kicker(kit: tuple[Path, Path]) -> None:
    target = kit[1]
    citation = entries(target)["citation.txt"].decode()
    assert citation == (
        "Civic Policy Desk (sample organisation). (2025). Mayors Want Federal Partners, Not Troops: What a 2025 "
        "survey of 60 big-city mayors says about crime, funding and federal help.\n"
    )
    assert "Policy brief" not in citation
    printed = " ".join(pypdf.PdfReader(io.BytesIO(entries(target)["brief.pdf"])).pages[-1].extract_text().split())
    assert "Civic Policy Desk (sample organisation). (2025). Mayors Want Federal Partners" in printed


def test_a_broken_brief_writes_no_kit(project: Path, tmp_path: Path) -> None:
    findings = project / "content" / "findings.yaml"
    findings.write_text(findings.read_text().replace("    headline: Almost every", "    headlin: Almost every"))
    target = tmp_path / "press.zip"
    result = CliRunner().invoke(cli, ["presskit", str(project), "-o", str(target)])
    assert result.exit_code == 1
    assert "error: unknown key 'headlin'" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize(("name", "folder"), [("...zip", "presskit"), ("press kit.zip", "press kit")])
def test_every_entry_stays_inside_one_safe_folder(
    kit: tuple[Path, Path], tmp_path: Path, name: str, folder: str
) -> None:
    target = tmp_path / name
    result = CliRunner().invoke(cli, ["presskit", str(kit[0]), "-o", str(target)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
    assert names and all(entry.startswith(f"{folder}/") and ".." not in entry.split("/") for entry in names)


def test_a_long_brief_still_gets_a_one_page_summary(project: Path) -> None:
    import yaml

    findings = project / "content" / "findings.yaml"
    data = yaml.safe_load(findings.read_text(encoding="utf-8"))
    copies = [{**f, "id": f"{f['id']}-{n}", "chart": None} for n in range(3) for f in data["findings"]]
    data["findings"] += copies
    findings.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    checked = check_project(project)
    assert checked.brief is not None and checked.theme is not None
    reader = pypdf.PdfReader(io.BytesIO(render_summary(checked.brief, checked.theme)))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert text.count("97%") == 2  # three rows of three numbers at most: a summary is not a list


def test_the_summary_drops_the_lead_before_a_row_of_numbers() -> None:
    levels = details(findings=6, columns=3)
    assert levels[0] == Detail(True, True, 2, TOP_RECOMMENDATIONS)
    assert levels[1] == Detail(False, True, 2, TOP_RECOMMENDATIONS)
    assert [level.callout_rows for level in levels[:4]] == [2, 2, 2, 2]
    assert levels[-1] == Detail(False, False, 1, 1)


FIGURE_CASES = [
    ("Nearly six in 10 mayors, up from 40 percent in 2019. [@a]", [("Nearly six in 10", True), ("40 percent", False)]),
    ("It cost $4.2 million, or about $68,000 a school.", [("$4.2 million", False), ("about $68,000", True)]),
    ("Charted at ~58% and 1,250.5 tonnes; el 38,4 %.", [("~58%", True), ("1,250.5", False), ("38,4 %", False)]),
    ("97 percent; more than half; Table 3 of the 2024–25 report.", [("97 percent", False), ("more than half", True)]),
    ("Ninety-seven percent asked.", [("Ninety-seven percent", False)]),
    ("Rents rose 10–15 percent from 2019 to 2024.", [("10–15 percent", False)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "found"), FIGURE_CASES)
def test_figures_in_text_are_read_with_their_qualifying_words(text: str, found: list[tuple[str, bool]]) -> None:
    assert [(figure.written, figure.approximate) for figure in figures_in(text)] == found


def test_the_kits_web_page_is_the_one_a_build_writes(kit: tuple[Path, Path], tmp_path: Path) -> None:
    project, target = kit
    files = entries(target)
    page = tmp_path / "brief.pdf"
    result = CliRunner().invoke(cli, ["build", str(project), "-o", str(page), "--format", "html"])
    assert result.exit_code == 0, result.output
    assert files["brief.html"] == page.with_suffix(".html").read_bytes()
    assert files["brief-card.png"] == (tmp_path / "brief-card.png").read_bytes()
    readme = files["README.txt"].decode("utf-8")
    assert "brief.html      the full brief as one web page" in readme
