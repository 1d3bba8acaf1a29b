"""brief presskit: what a journalist gets, that every checksum holds, and that the zip is reproducible."""

from __future__ import annotations

import hashlib
import io
import os
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
from brief.commands.fact_ledger import key_facts
from brief.commands.one_pager import TOP_RECOMMENDATIONS, Detail, details, render_summary
from brief.content.model import Chart
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
    assert len(facts) == len(brief.findings.findings) + sum(1 for r in brief.requests.requests if r.stat)
    assert "   Source says:  nearly six in 10" in text
    assert "4. ~6 in 10  (finding: Most mayors call juvenile crime serious, even as violent crime falls)" in text
    row = "| 4 | **\\~6 in 10** | call juvenile crime “serious or very serious” | 58% | nearly six in 10 | yes"
    assert row in markdown
    for fact in facts:
        assert fact.stat.wording in text and fact.stat.wording in markdown
    for source in brief.sources.sources:
        assert source.publisher in text
    assert files["citation.txt"].decode() == suggested_citation(brief) + "\n"


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
