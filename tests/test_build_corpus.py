"""`brief build` against hostile and faulty projects: exact messages, or a PDF that prints the text as written.

Each folder under tests/cases/build/ patches a copy of the frozen default project (see tests/cases/README.md)
and holds either `expected.txt`, the exact stderr of a failed build (exit 1, the project folder written as
`{project}`), or `pdf-text.txt`, lines that must appear in the built PDF's text (pdftotext, white space
collapsed). Every build runs through harness.guarded_build: previous PDF untouched on failure, no
temporary files, nothing written outside output/, and every PDF read by qpdf, PDFium and
pdf.js.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from harness import guarded_build
from readers import pdftotext, words
from test_check_corpus import CASES, apply_patch, make_project

pytestmark = pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf and poppler are installed by .ci/run")

BUILD_CASES = sorted(p for p in (CASES / "build").iterdir() if p.is_dir())
#: Keys only build cases use: links to create and command-line arguments.
BUILD_KEYS = {"symlink", "args"}


def prepared(case: Path, tmp_path: Path) -> tuple[Path, list[str]]:
    project = make_project(tmp_path)
    patch: dict[str, Any] = yaml.safe_load((case / "patch.yaml").read_text(encoding="utf-8"))
    assert isinstance(patch, dict) and patch.get("description"), f"{case.name}: patch.yaml needs a description"
    build_only = {key: patch.pop(key) for key in BUILD_KEYS & set(patch)}
    apply_patch(project / "content", patch)
    for name, target in (build_only.get("symlink") or {}).items():
        link = project / "content" / name
        link.unlink(missing_ok=True)
        os.symlink(target, link)
    args = [arg.replace("{project}", str(project)) for arg in build_only.get("args") or []]
    return project, args


def test_build_corpus_covers_each_kind_of_outcome() -> None:
    failing = [c for c in BUILD_CASES if (c / "expected.txt").is_file()]
    building = [c for c in BUILD_CASES if (c / "pdf-text.txt").is_file()]
    assert len(failing) >= 12 and len(building) >= 3
    assert sorted(failing + building) == BUILD_CASES, "each case needs expected.txt or pdf-text.txt"


@pytest.mark.parametrize("case", BUILD_CASES, ids=[c.name for c in BUILD_CASES])
def test_build_case(case: Path, tmp_path: Path) -> None:
    project, args = prepared(case, tmp_path)
    outcome = guarded_build(project, *args)
    if (case / "expected.txt").is_file():
        expected = (case / "expected.txt").read_text(encoding="utf-8").replace("{project}", str(project))
        assert (outcome.code, outcome.stderr) == (1, expected)
        return
    assert outcome.code == 0, outcome.stderr
    assert outcome.pdf is not None
    text = words(pdftotext(outcome.pdf))
    for line in (case / "pdf-text.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            assert words(line) in text, f"{line!r} is not in the PDF's text"
