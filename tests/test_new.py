"""brief new: a project that builds at once, from templates that ship inside the package."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT
from pypdf import PdfReader

from brief.cli import cli
from brief.content.model import CONTENT_FILES
from brief.content.schema import schema_text
from brief.theme.schema import theme_schema_text


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_repository_content_is_the_default_template_not_a_copy() -> None:
    content = ROOT / "content"
    assert content.is_symlink()
    assert content.resolve() == (ROOT / "brief" / "templates" / "default" / "content").resolve()


def test_new_default_project_checks_and_builds(tmp_path: Path) -> None:
    target = tmp_path / "city-brief"
    code, out, err = invoke("new", str(target))
    assert (code, err) == (0, "")
    assert out == f"{target}: a new brief from the 'default' template; next: cd {target} && brief build\n"
    for name in ["content/brief.yaml", "content/data/survey-shares.csv", "styles/house.yaml", ".gitignore"]:
        assert (target / name).is_file(), name
    assert (target / "output").is_dir()
    assert invoke("check", str(target))[0] == 0
    code, out, _ = invoke("build", str(target))
    assert (code, out) == (0, f"{target / 'output' / 'brief.pdf'}\n")
    code, _, _ = invoke("build", str(target), "--style", "house")
    assert code == 0


def test_schema_lines_point_at_the_written_schemas(tmp_path: Path) -> None:
    assert invoke("new", str(tmp_path / "p"))[0] == 0
    files = sorted((tmp_path / "p" / "content").glob("*.yaml")) + sorted((tmp_path / "p" / "styles").glob("*.yaml"))
    assert (tmp_path / "p" / "styles" / "house.yaml") in files
    for yaml_file in files:
        first = yaml_file.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, yaml_file
        schema = (yaml_file.parent / match[1]).resolve()
        expected = theme_schema_text() if yaml_file.parent.name == "styles" else schema_text(yaml_file.name)
        assert schema.read_text(encoding="utf-8") == expected


def test_blank_template_is_valid_and_marks_its_placeholders(tmp_path: Path) -> None:
    target = tmp_path / "blank"
    assert invoke("new", str(target), "--template", "blank")[0] == 0
    code, _, err = invoke("check", str(target))
    assert code == 0 and "warning: 'PLACEHOLDER' is still in this text (replace it with your own words)" in err
    assert "error" not in err
    code, _, err = invoke("check", "--strict", str(target))
    assert code == 1 and "error: 'PLACEHOLDER' is still in this text" in err  # left in, it would print
    assert invoke("build", str(target))[0] == 0
    text = subprocess.run(
        ["pdftotext", str(target / "output" / "brief.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert text.count("PLACEHOLDER") >= 10


@pytest.mark.parametrize("template", ["default", "blank"])
def test_each_template_has_every_file_and_block_a_newcomer_can_copy(tmp_path: Path, template: str) -> None:
    target = tmp_path / template
    assert invoke("new", str(target), "--template", template)[0] == 0
    for name in CONTENT_FILES:
        assert (target / "content" / name).is_file(), name
    info = yaml.safe_load((target / "content" / "brief.yaml").read_text(encoding="utf-8"))
    charts = {c["id"]: c for c in yaml.safe_load((target / "content" / "charts.yaml").read_text())["charts"]}
    assert info["theme"] == "house"
    assert info["quotes"] and info["sidebars"] and info["methodology"]
    assert charts[info["methodology_figure"]]["type"] == "table"
    from_csv = [c for c in charts.values() if "csv" in c]
    assert from_csv and all((target / "content" / c["csv"]["path"]).is_file() for c in from_csv)
    if template == "blank":  # the sample brief's source gives no figures over time: its line chart is a comment
        assert [c["type"] for c in from_csv] == ["line"]
    else:
        assert "#     type: line" in (target / "content" / "charts.yaml").read_text(encoding="utf-8")
    for text_file in target.rglob("*.*"):
        if text_file.suffix in (".yaml", ".md"):
            assert "in the brief repository" not in text_file.read_text(encoding="utf-8"), text_file


def test_the_house_theme_is_the_one_a_new_brief_uses(tmp_path: Path) -> None:
    target = tmp_path / "p"
    assert invoke("new", str(target))[0] == 0
    house = target / "styles" / "house.yaml"
    house.write_text(house.read_text(encoding="utf-8").replace('"#16365c"', '"#f0f0f0"'), encoding="utf-8")
    code, _, err = invoke("check", str(target))
    assert code == 1
    assert err.startswith(f"{house}:8:12: error: primary on page (headings) has contrast"), err


def test_a_blank_brief_with_its_placeholders_filled_builds_two_clean_pages(tmp_path: Path) -> None:
    target = tmp_path / "filled"
    assert invoke("new", str(target), "--template", "blank")[0] == 0
    for content_file in (target / "content").glob("*.yaml"):
        text = content_file.read_text(encoding="utf-8")
        content_file.write_text(text.replace("PLACEHOLDER: ", "").replace("PLACEHOLDER", "Sample"), encoding="utf-8")
    code, _, err = invoke("build", str(target), "--strict")  # no warning at all, layout ones included
    pdf = target / "output" / "brief.pdf"
    assert code == 0 and re.fullmatch(rf"{re.escape(str(pdf))}: 2 pages, \d+ KB\n", err), err
    assert len(PdfReader(pdf).pages) == 2
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    assert "PLACEHOLDER" not in text
    for written in ("the brief’s point in one line", "Figure 1. the chart’s point", "Table 1. what the table shows"):
        assert written in text, written
    assert "the quoted words, without quotation marks." in text and "Context" in text


def test_docs_prints_the_reference_pages_offline() -> None:
    code, out, _ = invoke("docs")
    assert code == 0 and out.splitlines()[1:] == [
        "  content  every content file and key, with examples",
        "  themes   every theme key, extends:, units and colours",
        "  errors   every message brief check and brief build print, and what to do",
    ]
    for topic in ("content", "themes", "errors"):
        code, out, _ = invoke("docs", topic)
        assert (code, out) == (0, (ROOT / "docs" / f"{topic}.md").read_text(encoding="utf-8"))
    assert invoke("docs", "styles")[0] == 2


def test_a_placeholder_left_in_a_csv_label_is_found_too(tmp_path: Path) -> None:
    target = tmp_path / "blank"
    assert invoke("new", str(target), "--template", "blank")[0] == 0
    for content_file in (target / "content").glob("*.yaml"):  # everything filled in but one CSV label
        text = content_file.read_text(encoding="utf-8")
        content_file.write_text(text.replace("PLACEHOLDER: ", "").replace("PLACEHOLDER", "Sample"), encoding="utf-8")
    data = target / "content" / "data" / "placeholder-trend.csv"
    data.write_text(data.read_text(encoding="utf-8").replace("2023,", "PLACEHOLDER,"), encoding="utf-8")
    code, _, err = invoke("check", str(target))
    assert (code, err) == (
        0,
        f"{data}:4:1: warning: 'PLACEHOLDER' is still in this text (replace it with your own words)\n1 warning.\n",
    )
    assert invoke("check", "--strict", str(target))[0] == 1


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    code, out, err = invoke("new", str(tmp_path))
    assert (code, out) == (1, "")
    assert err == (
        f"{tmp_path}: error: the folder is not empty; brief new writes only into a new or empty folder"
        " (choose a new folder name)\n1 error.\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_new_into_an_empty_folder_and_an_unknown_template(tmp_path: Path) -> None:
    assert invoke("new", str(tmp_path))[0] == 0
    code, _, err = invoke("new", str(tmp_path / "x"), "--template", "fancy")
    assert code == 2 and "'fancy' is not one of 'default', 'blank'" in err


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package built as a wheel, from a copy of the sources so the checkout stays untouched."""
    source = tmp_path_factory.mktemp("source")
    shutil.copytree(ROOT / "brief", source / "brief", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("brief-*.whl")
    return found


def test_the_wheel_ships_the_templates(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for template in ("default", "blank"):
        assert f"brief/templates/{template}/content/brief.yaml" in names
    assert "brief/templates/default/content/data/survey-shares.csv" in names
    assert "brief/templates/common/gitignore" in names
    wheel_file = zipfile.ZipFile(wheel)
    for topic in ("content", "themes", "errors"):  # the pages' text, not links back into a repository
        shipped = wheel_file.read(f"brief/docs/{topic}.md").decode("utf-8")
        assert shipped == (ROOT / "docs" / f"{topic}.md").read_text(encoding="utf-8")


def test_new_then_build_from_an_installed_wheel_outside_the_repository(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    # System site-packages (and this environment's, when it is another venv) hold the dependencies,
    # so nothing is downloaded; only the wheel itself is installed.
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "outer-environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
        check=True,
        capture_output=True,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    brief = str(venv / "bin" / "brief")
    found = subprocess.run(
        [str(python), "-c", "import brief; print(brief.__file__)"], cwd=work, env=env, capture_output=True, text=True
    )
    assert Path(found.stdout.strip()).is_relative_to(venv), found.stdout + found.stderr
    made = subprocess.run([brief, "new", "x"], cwd=work, env=env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    built = subprocess.run([brief, "build"], cwd=work / "x", env=env, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert built.stdout == "output/brief.pdf\n"
    assert (work / "x" / "output" / "brief.pdf").read_bytes().startswith(b"%PDF-")
    docs = subprocess.run([brief, "docs", "themes"], cwd=work, env=env, capture_output=True, text=True)
    assert docs.returncode == 0 and docs.stdout.startswith("# Themes: the look of a brief\n"), docs.stderr
