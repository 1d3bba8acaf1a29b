"""The public API for scripts and notebooks: brief.check and brief.build."""

from __future__ import annotations

from pathlib import Path

import pytest

import brief


def test_check_and_build_from_python(project: Path, tmp_path: Path) -> None:
    checked = brief.check(project)
    assert checked.brief is not None and checked.errors == []
    target = brief.build(project, tmp_path / "out.pdf", style="a4-print")
    assert target == tmp_path / "out.pdf" and target.read_bytes().startswith(b"%PDF-")


def test_a_broken_brief_raises_with_every_problem_located(project: Path) -> None:
    findings = project / "content" / "findings.yaml"
    findings.write_text(findings.read_text().replace("headline: Almost every", "headlin: Almost every"))
    assert [p.format().split(": error: ")[1] for p in brief.check(project).errors] == [
        "missing required key 'headline' in findings item 1",
        "unknown key 'headlin' (did you mean 'headline'?)",
    ]
    with pytest.raises(brief.BriefError) as raised:
        brief.build(project)
    assert len(raised.value.problems) == 2
