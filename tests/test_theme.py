"""Themes: units, `extends:`, located mistakes, and the accessibility of their colours."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from brief.cli import cli
from brief.errors import BriefError
from brief.theme.contrast import contrast
from brief.theme.model import load_theme, parse_length


def write_theme(project: Path, name: str, text: str) -> Path:
    (project / "styles").mkdir(exist_ok=True)
    path = project / "styles" / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def check(project: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", str(project), *args])
    return result.exit_code, result.stderr


@pytest.mark.parametrize(("text", "points"), [("10pt", 10), ("1in", 72), ("2.54cm", 72), ("25.4mm", 72), (12, 12)])
def test_lengths_take_units(text: str | int, points: float) -> None:
    assert parse_length(text) == pytest.approx(points)


def test_a_theme_overrides_only_what_differs(project: Path) -> None:
    write_theme(project, "wide", "extends: default\npage:\n  margins: {left: 1cm, right: 1cm}\n")
    theme = load_theme("wide", project)
    default = load_theme("default", project)
    assert theme.page.margins.left == pytest.approx(28.35, abs=0.01)
    assert theme.page.margins.top == default.page.margins.top
    assert theme.colours == default.colours


def test_a_mistake_in_a_theme_points_at_the_file_that_made_it(project: Path) -> None:
    path = write_theme(project, "bad", "extends: default\nsizes:\n  body: ten points\ncolours:\n  txt: '#000000'\n")
    code, err = check(project, "--style", "bad")
    assert code == 1
    assert err.splitlines() == [
        f"{path}:3:9: error: 'body' must be a length such as 10pt, 0.5in, 1.8cm or 12mm, not 'ten points'",
        f"{path}:5:3: error: unknown key 'txt' (did you mean 'text'?)",
        "2 errors.",
    ]


def test_a_theme_that_extends_itself_is_reported(project: Path) -> None:
    path = write_theme(project, "loop", "extends: loop\n")
    with pytest.raises(BriefError) as caught:
        load_theme("loop", project)
    assert caught.value.problems[0].format() == f"{path}:1:10: error: theme 'loop' extends itself"


def test_unknown_theme_suggests_a_near_name(project: Path) -> None:
    code, err = check(project, "--style", "a4print")
    assert code == 1
    assert err.splitlines()[0] == "a4print: error: no such theme (did you mean 'a4-print'?)"


def test_contrast_is_computed_as_wcag_does() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_faint_text_colour_is_an_error_naming_the_pair(project: Path) -> None:
    path = write_theme(project, "faint", "extends: default\ncolours:\n  muted: '#aaaaaa'\n")
    code, err = check(project, "--style", "faint")
    assert code == 1
    assert err.splitlines()[0] == (
        f"{path}:3:10: error: muted on page (captions and footers) has contrast 2.3:1; at 7.8 pt it needs 4.5:1 "
        "(darken the text colour or lighten the background)"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colours:\n  page: '#222222'\n", "text on page (running text) has contrast"),
        ("sizes:\n  body: 72pt\n", "'leading' is 14.2 pt, less than the 72 pt body text"),
        ("page:\n  margins: {left: 7in}\n", "the margins leave"),
    ],
)
def test_a_clash_with_the_base_theme_points_at_the_value_this_theme_set(project: Path, text: str, message: str) -> None:
    # The other value of the pair (text colour, leading, right margin) is the base theme's, which its author
    # did not touch: the message points at the line that was just changed.
    path = write_theme(project, "changed", f"extends: default\n{text}")
    code, err = check(project, "--style", "changed")
    assert code == 1
    first = err.splitlines()[0]
    assert first.startswith(f"{path}:3:") and message in first, err


def test_chart_colours_that_merge_in_greyscale_are_a_warning(project: Path) -> None:
    path = write_theme(project, "hues", "extends: default\nchart:\n  palette: ['#ff0000', '#00a000']\n")
    code, err = check(project, "--style", "hues")
    assert code == 0
    assert err.splitlines()[0].startswith(f"{path}:3:24: warning: chart colours #ff0000 and #00a000 look alike")
    assert check(project, "--style", "hues", "--strict")[0] == 1


def test_alt_text_that_repeats_the_caption_is_an_error(project: Path) -> None:
    charts = project / "content" / "charts.yaml"
    data = yaml.safe_load(charts.read_text())
    data["charts"][1]["alt"] = data["charts"][1]["caption"]
    charts.write_text(yaml.safe_dump(data, sort_keys=False))
    code, err = check(project)
    assert code == 1
    assert "error: alt text repeats the caption (describe what the chart shows, with its numbers)" in err


def test_a_contrast_error_caused_by_a_size_points_at_the_theme_that_changed_the_size(project: Path) -> None:
    # The accent is dark enough for the default's 16 pt bold list numbers (large text, 3:1) but not for 13 pt
    # (4.5:1). Both colours come from the built-in theme; the size this theme set is what made them clash.
    path = write_theme(project, "house", "extends: default\nsizes:\n  h1: 13pt\n")
    code, err = check(project, "--style", "house")
    assert code == 1
    assert err.splitlines() == [
        f"{path}:3:7: error: accent on page (list numbers) has contrast 4.1:1; at 13 pt it needs 4.5:1 "
        "(make 'h1' larger, or darken the text colour or lighten the background)",
        "1 error.",
    ]
