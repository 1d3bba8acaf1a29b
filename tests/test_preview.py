"""brief preview, and what every build tells: pages, size, the email budget; -q keeps it quiet."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pypdf
from click.testing import CliRunner
from PIL import Image

from brief.cli import cli


def test_preview_writes_every_page_and_a_contact_sheet(project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "review"
    result = CliRunner().invoke(cli, ["preview", str(project), "-o", str(folder), "--dpi", "30"])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "brief.pdf"
    assert CliRunner().invoke(cli, ["build", str(project), "-o", str(pdf)]).exit_code == 0
    pages = len(pypdf.PdfReader(pdf).pages)
    written = [Path(line) for line in result.stdout.splitlines()]
    assert written == [folder / f"page-{n}.png" for n in range(1, pages + 1)] + [folder / "contact-sheet.png"]
    first = Image.open(written[0])
    assert first.size == (255, 330)  # US Letter, 8.5 × 11 inches at 30 dpi
    sheet = Image.open(written[-1])
    assert sheet.width > 4 * 300 and sheet.height > 300
    assert (project / "output" / "brief.pdf").is_file()  # the pictures are of the project's own build


def test_preview_as_a_process_is_quiet_off_a_terminal(project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "review"
    result = subprocess.run(
        [sys.executable, "-m", "brief", "preview", str(project), "-o", str(folder), "--dpi", "20"],
        capture_output=True,
        text=True,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-1] == str(folder / "contact-sheet.png")
    again = subprocess.run(
        [sys.executable, "-m", "brief", "-q", "preview", str(project), "-o", str(tmp_path / "again"), "--dpi", "20"],
        capture_output=True,
        text=True,
    )
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")
    assert (folder / "page-1.png").read_bytes() == (tmp_path / "again" / "page-1.png").read_bytes()


def test_build_tells_pages_and_size_on_stderr_and_only_the_path_on_stdout(project: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(project)])
    target = project / "output" / "brief.pdf"
    assert (result.exit_code, result.stdout) == (0, f"{target}\n")
    pages = len(pypdf.PdfReader(target).pages)
    size = target.stat().st_size
    assert result.stderr == f"{target}: {pages} pages, {size / 1000:.0f} KB\n"


def test_a_pdf_over_the_email_budget_is_a_warning(project: Path) -> None:
    theme = project / "styles" / "default.yaml"
    theme.write_text(theme.read_text().replace("email_budget: 2", "email_budget: 0.05"))
    result = CliRunner().invoke(cli, ["build", str(project)])
    target = project / "output" / "brief.pdf"
    assert result.exit_code == 0
    size_mb = target.stat().st_size / 1_000_000
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"{target}: warning: the PDF is {size_mb:.2f} MB, more than the 0.05 MB email budget"
        " (many mail servers refuse large attachments; use smaller logos or raise layout.email_budget)"
    )
    assert lines[1] == "1 warning."


def test_quiet_build_prints_nothing_but_problems(project: Path) -> None:
    result = CliRunner().invoke(cli, ["-q", "build", str(project)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    findings = project / "content" / "findings.yaml"
    findings.write_text(findings.read_text().replace("    headline: Almost every", "    headlin: Almost every"))
    result = CliRunner().invoke(cli, ["-q", "build", str(project)])
    assert result.exit_code == 1 and "error: unknown key 'headlin'" in result.stderr
