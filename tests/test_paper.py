"""Paper apart from theme: `paper:` in brief.yaml or `--paper` puts any theme on A4 or Letter, its own colours
and margins kept, the measure and charts adapting."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pypdf
from click.testing import CliRunner

from brief.building.pipeline import build
from brief.cli import cli

A4 = (595, 842)
LETTER = (612, 792)


def page_size(pdf: Path) -> tuple[int, int]:
    box = pypdf.PdfReader(pdf).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def house_theme(project: Path) -> None:
    (project / "styles" / "house.yaml").write_text('extends: default\ncolours:\n  primary: "#7a1f3d"\n')
    info = project / "content" / "brief.yaml"
    info.write_text(info.read_text().replace("theme: default", "theme: house"))


def test_paper_in_brief_yaml_puts_the_house_theme_on_a4(project: Path) -> None:
    house_theme(project)
    info = project / "content" / "brief.yaml"
    info.write_text(info.read_text().replace("theme: house", "theme: house\npaper: a4"))
    pdf = build(project, force=True, strict=True).path
    assert page_size(pdf) == A4
    with pikepdf.open(pdf) as document:  # the cover band in the house theme's colour, #7a1f3d
        assert b".478431 .121569 .239216 rg" in document.pages[0].Contents.read_bytes()


def test_the_paper_option_overrides_and_a_changed_paper_is_built_again(project: Path) -> None:
    house_theme(project)
    out = project / "output" / "brief.pdf"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(project), "--paper", "a4", "--strict"]).exit_code == 0
    assert page_size(out) == A4
    assert runner.invoke(cli, ["build", str(project), "--paper", "letter"]).exit_code == 0
    assert page_size(out) == LETTER
    result = runner.invoke(cli, ["check", "--layout", "--strict", "--paper", "a4", str(project)])
    assert result.exit_code == 0, result.stderr


def test_every_command_that_builds_takes_the_paper(project: Path, tmp_path: Path) -> None:
    import zipfile

    runner = CliRunner()
    kit = tmp_path / "kit.zip"
    assert runner.invoke(cli, ["presskit", str(project), "-o", str(kit), "--paper", "a4"]).exit_code == 0
    with zipfile.ZipFile(kit) as archive:
        name = next(n for n in archive.namelist() if n.endswith("brief.pdf"))
        (tmp_path / "kit.pdf").write_bytes(archive.read(name))
    assert page_size(tmp_path / "kit.pdf") == A4
    result = runner.invoke(
        cli, ["preview", str(project), "-o", str(tmp_path / "pages"), "--dpi", "20", "--paper", "a4"]
    )
    assert result.exit_code == 0, result.stderr
    assert page_size(project / "output" / "brief.pdf") == A4
    variants = tmp_path / "rows.csv"
    variants.write_text("output\none\n")
    result = runner.invoke(cli, ["batch", str(project), "--variants", str(variants), "-o", str(tmp_path / "rows")])
    assert result.exit_code == 0, result.stderr
    assert page_size(tmp_path / "rows" / "one.pdf") == LETTER
    args = [
        "batch",
        str(project),
        "--variants",
        str(variants),
        "-o",
        str(tmp_path / "rows"),
        "--paper",
        "a4",
        "-j",
        "1",
    ]
    assert runner.invoke(cli, args).exit_code == 0
    assert page_size(tmp_path / "rows" / "one.pdf") == A4
    charts = ["charts", str(project), "-o", str(tmp_path / "charts"), "--format", "svg", "--paper", "a4"]
    assert runner.invoke(cli, charts).exit_code == 0


def test_watch_builds_on_the_paper_it_was_given(project: Path) -> None:
    import threading

    from brief.commands.watch import Rebuild, watch

    stop, seen = threading.Event(), []

    def done(rebuild: Rebuild) -> None:
        seen.append(rebuild)
        stop.set()

    watch(project, None, None, done, stop=stop, paper="a4")
    assert seen[0].report is not None
    assert page_size(project / "output" / "brief.pdf") == A4
