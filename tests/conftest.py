"""Shared fixtures: the repository's default brief, copied so tests may edit it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the default brief project (content/ and styles/)."""
    target = tmp_path / "brief-project"
    shutil.copytree(ROOT / "content", target / "content")
    if (ROOT / "styles").is_dir():
        shutil.copytree(ROOT / "styles", target / "styles")
    (target / "output").mkdir()
    return target
