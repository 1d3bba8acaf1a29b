"""The command line as a user meets it: exact output and exit codes."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from brief import __version__
from brief.cli import cli


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_default_content_is_clean(project: Path) -> None:
    code, out, err = invoke("check", str(project))
    assert (code, err) == (0, "")
    assert out == (f"{project / 'content'}: ok (6 findings, 5 requests, 5 recommendations, 5 charts, 3 sources)\n")


def test_check_reports_located_problems_and_a_count(project: Path) -> None:
    findings = project / "content" / "findings.yaml"
    findings.write_text(findings.read_text().replace("    headline: Almost every", "    headlin: Almost every"))
    code, out, err = invoke("check", str(project))
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        f"{findings}:4:5: error: missing required key 'headline' in findings item 1",
        f"{findings}:5:5: error: unknown key 'headlin' (did you mean 'headline'?)",
        "2 errors.",
    ]


def test_strict_turns_warnings_into_errors(project: Path) -> None:
    findings = project / "content" / "findings.yaml"
    findings.write_text(findings.read_text().replace("shown: ~30%", "shown: 30%"))
    code, _, err = invoke("check", str(project))
    assert code == 0
    assert "warning: '30%' is approximate but does not look it (write '~30%' or use the source's words)" in err
    assert err.endswith("1 warning.\n")
    code, _, err = invoke("check", "--strict", str(project))
    assert code == 1
    assert "error: '30%' is approximate" in err
    assert err.endswith("1 error.\n")


def test_missing_project_is_one_clear_line(tmp_path: Path) -> None:
    code, _, err = invoke("check", str(tmp_path))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{tmp_path / 'content'}: error: no content folder here (run 'brief check' in a brief project, or name one)"
    )


def test_version() -> None:
    code, out, _ = invoke("--version")
    assert (code, out) == (0, f"brief, version {__version__}\n")


def test_every_command_has_help_with_an_example() -> None:
    for name, command in cli.commands.items():
        code, out, _ = invoke(name, "--help")
        assert code == 0, name
        assert "Example:" in out, name
        assert command.help and command.help.split("\n")[0].strip(), name


def test_usage_error_exits_2() -> None:
    code, _, err = invoke("check", "--no-such-flag")
    assert code == 2
    assert "No such option" in err


def test_schema_prints_one_file_or_writes_all(tmp_path: Path) -> None:
    code, out, _ = invoke("schema", "findings.yaml")
    assert code == 0 and '"title": "brief: content/findings.yaml"' in out
    code, out, _ = invoke("schema", "theme")
    assert code == 0 and '"title": "brief: a theme under styles/"' in out and '"colours"' in out
    code, out, _ = invoke("schema", "-o", str(tmp_path / "s"))
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == sorted(
        f"{n}.schema.json" for n in ("brief", "findings", "requests", "recommendations", "charts", "sources", "theme")
    )


def test_charts_writes_one_standalone_file_per_chart(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "slides"
    code, stdout, err = invoke("charts", str(project), "-o", str(out), "--format", "svg")
    assert (code, err) == (0, "")
    names = ["survey-shares", "partnerships", "youth-funding", "funding-gaps"]
    assert stdout.splitlines() == [str(out / f"{name}.svg") for name in names]
    assert {(out / f"{name}.svg").stat().st_mode & 0o777 for name in names} == {0o644}  # as the PDF's
    svg = (out / "survey-shares.svg").read_text()
    assert "Mayors want grants and federal agencies, not troops" in svg
    # Without Lato on the viewer's machine, a sans-serif stands in, not the viewer's default serif.
    assert "font-family: 'Lato', 'Helvetica Neue', Helvetica, Arial, sans-serif;" in svg
    assert "font-family: 'Lato';" not in svg
    assert "Civic Policy Desk (sample organisation)" in svg
