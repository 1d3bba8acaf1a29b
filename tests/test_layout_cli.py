"""Layout rules as a user meets them: `brief check --layout` and `brief build` warn at the content line of the
block, `--strict` makes that an error, and a strict build that fails writes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from brief.cli import cli
from brief.pdf import layout as layout_pass

THIN_LAST_PAGE = re.compile(
    r"content/brief\.yaml:(\d+):3: (warning|error): the last page \(6 of 6\) would be only \d+% full; "
    r"a page should be at least half full \(add or cut a little text, or set max_pages lower\)$"
)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def theme_spacing_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the theme's own spacing is tried: the default brief then ends on a thin sixth page."""
    monkeypatch.setattr(layout_pass, "SPACINGS", (1.0,))
    monkeypatch.setattr(layout_pass, "SECTIONS_TO_MOVE", 0)


def test_the_default_brief_breaks_no_layout_rule(project: Path) -> None:
    code, _, err = invoke("check", "--layout", "--strict", str(project))
    assert (code, err) == (0, "")


def test_a_rule_no_layout_keeps_is_a_located_warning(project: Path, theme_spacing_only: None) -> None:
    code, out, err = invoke("check", "--layout", str(project))
    lines = err.splitlines()
    assert code == 0 and out.endswith(": ok (6 findings, 5 requests, 5 recommendations, 5 charts, 3 sources)\n")
    assert lines[-1] == "1 warning."
    match = THIN_LAST_PAGE.search(lines[0])
    assert match and match[2] == "warning", lines[0]
    about = (project / "content" / "brief.yaml").read_text().splitlines()[int(match[1]) - 1]
    assert about.startswith("  - "), "located at the About text, the block alone on the last page"


def test_strict_makes_it_an_error_and_a_strict_build_writes_nothing(project: Path, theme_spacing_only: None) -> None:
    code, _, err = invoke("check", "--layout", "--strict", str(project))
    assert code == 1 and THIN_LAST_PAGE.search(err.splitlines()[0])
    pdf = project / "output" / "brief.pdf"
    pdf.write_bytes(b"%PDF- the previous build")
    code, _, err = invoke("build", "--strict", str(project))
    assert code == 1
    assert "error: the last page (6 of 6)" in err
    assert pdf.read_bytes() == b"%PDF- the previous build"
    code, out, err = invoke("build", str(project))
    assert code == 0 and out.strip().endswith("brief.pdf")
    assert "warning: the last page (6 of 6)" in err
