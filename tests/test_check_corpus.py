"""`brief check` against a corpus of broken content: exact messages, exit 1, never a traceback.

Each folder under tests/cases/check/ derives a broken project from a frozen copy of the default content
(tests/cases/base) with a `patch.yaml` and holds the exact stderr in `expected.txt`, the project path
written as `{project}`.
Folders under tests/cases/check-ok/ are unusual but valid and must pass. See tests/cases/README.md.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT

from brief.cli import cli
from brief.content.validate import check_project

CASES = Path(__file__).parent / "cases"
#: A frozen copy of the default content, so editing the real brief never moves the expected lines.
BASE = CASES / "base"
BROKEN = sorted(p for p in (CASES / "check").iterdir() if p.is_dir())
VALID = sorted(p for p in (CASES / "check-ok").iterdir() if p.is_dir())
PATCH_KEYS = {"description", "replace", "sub", "replace_bytes", "write", "write_bytes_hex", "encode", "delete"}


def make_project(tmp_path: Path) -> Path:
    """A fresh copy of the default brief project, as the `project` fixture makes it."""
    target = tmp_path / "brief-project"
    shutil.copytree(BASE / "content", target / "content")
    if (ROOT / "styles").is_dir():
        shutil.copytree(ROOT / "styles", target / "styles")
    return target


def apply_patch(content: Path, patch: dict[str, Any]) -> None:
    """Edit the copied content/ folder as `patch` says; file names are relative to content/."""
    unknown = set(patch) - PATCH_KEYS
    assert not unknown, f"unknown patch keys: {sorted(unknown)}"
    for name in patch.get("delete") or []:
        target = content / name
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
    for name, pairs in (patch.get("replace") or {}).items():
        text = (content / name).read_text(encoding="utf-8")
        for old, new in pairs:
            assert text.count(old) == 1, f"{name}: {old!r} must occur exactly once, not {text.count(old)} times"
            text = text.replace(old, new)
        (content / name).write_bytes(text.encode("utf-8"))
    for name, pairs in (patch.get("sub") or {}).items():
        text = (content / name).read_text(encoding="utf-8")
        for pattern, new in pairs:
            text, count = re.subn(pattern, new, text, flags=re.MULTILINE)
            assert count == 1, f"{name}: {pattern!r} must match exactly once, not {count} times"
        (content / name).write_bytes(text.encode("utf-8"))
    for name, pairs in (patch.get("replace_bytes") or {}).items():
        raw = (content / name).read_bytes()
        for old, new in pairs:
            old_bytes, new_bytes = old.encode("latin-1"), new.encode("latin-1")
            assert raw.count(old_bytes) == 1, f"{name}: {old!r} must occur exactly once"
            raw = raw.replace(old_bytes, new_bytes)
        (content / name).write_bytes(raw)
    for name, text in (patch.get("write") or {}).items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_bytes(text.encode("utf-8"))
    for name, digits in (patch.get("write_bytes_hex") or {}).items():
        (content / name).write_bytes(bytes.fromhex("".join(digits.split())))
    for name, options in (patch.get("encode") or {}).items():
        text = (content / name).read_text(encoding="utf-8")
        text = text.replace("\n", options.get("newline", "\n"))
        (content / name).write_bytes((b"\xef\xbb\xbf" if options.get("bom") else b"") + text.encode("utf-8"))


def prepared(case: Path, tmp_path: Path) -> Path:
    project = make_project(tmp_path)
    patch = yaml.safe_load((case / "patch.yaml").read_text(encoding="utf-8"))
    assert isinstance(patch, dict) and patch.get("description"), f"{case.name}: patch.yaml needs a description"
    apply_patch(project / "content", patch)
    return project


def expected(case: Path, project: Path) -> str:
    return (case / "expected.txt").read_text(encoding="utf-8").replace("{project}", str(project))


def test_corpus_is_large_enough() -> None:
    assert len(BROKEN) >= 35
    for case in [*BROKEN, *VALID]:
        assert (case / "patch.yaml").is_file(), case.name
    for case in BROKEN:
        assert (case / "expected.txt").is_file(), case.name


@pytest.mark.parametrize("case", BROKEN, ids=[c.name for c in BROKEN])
def test_broken_content_is_reported_exactly(case: Path, tmp_path: Path) -> None:
    project = prepared(case, tmp_path)
    result = CliRunner().invoke(cli, ["check", str(project)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr == expected(case, project)
    assert result.exit_code == 1


@pytest.mark.parametrize("case", VALID, ids=[c.name for c in VALID])
def test_unusual_but_valid_content_passes(case: Path, tmp_path: Path) -> None:
    project = prepared(case, tmp_path)
    result = CliRunner().invoke(cli, ["check", str(project)])
    assert "Traceback" not in result.stdout + result.stderr
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith(f"{project / 'content'}: ok (")


@pytest.mark.parametrize("name", ["alias-bomb", "yaml-tab-indentation", "non-utf8-bytes"])
def test_real_process_prints_no_traceback(name: str, tmp_path: Path) -> None:
    case = CASES / "check" / name
    project = prepared(case, tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-m", "brief", "check", str(project)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )
    assert "Traceback" not in result.stdout + result.stderr
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == expected(case, project)


def test_csv_cell_beyond_the_csv_modules_limit_is_a_located_problem(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    data = project / "content" / "data" / "survey-shares.csv"
    data.write_text('finding,share\n"An unclosed quote,97\n' + "x" * 200_000 + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(project)])
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exit_code == 1
    assert result.stderr == (
        f"{data}:3:1: error: not a readable CSV file: field larger than field limit (131072) "
        "(is a closing quote missing?)\n1 error.\n"
    )


def test_numbers_in_text_fields_keep_their_written_form(tmp_path: Path) -> None:
    project = prepared(CASES / "check-ok" / "numbers-where-text-is-expected", tmp_path)
    checked = check_project(project)
    assert checked.brief is not None, checked.problems
    assert checked.brief.findings.findings[0].stat.shown == "97.0"
    assert checked.brief.info.keywords[:3] == ["2025", "1.50", "crime"]


@pytest.mark.skipif(not getattr(yaml, "__with_libyaml__", False), reason="PyYAML was built without libyaml")
def test_libyaml_and_pyyamls_own_parser_read_every_content_file_alike() -> None:
    from brief import loading

    files = sorted({*BASE.rglob("*.yaml"), *(ROOT / "content").rglob("*.yaml"), *(ROOT / "styles").rglob("*.yaml")})
    files += sorted(CASES.glob("*/*/patch.yaml"))
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast, fast_problems = loading._parse(text, path.name, yaml.CSafeLoader)
        plain, plain_problems = loading._parse(text, path.name, yaml.SafeLoader)
        assert fast == plain and fast_problems == plain_problems, path
