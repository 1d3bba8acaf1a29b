"""Shared fixtures: the repository's default brief, copied so tests may edit it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def own_user_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """brief's per-user cache (font lookups) in a folder of the test run's, for it and every `brief` it starts."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the default brief project (content/ and styles/)."""
    target = tmp_path / "brief-project"
    shutil.copytree(ROOT / "content", target / "content")
    if (ROOT / "styles").is_dir():
        shutil.copytree(ROOT / "styles", target / "styles")
    (target / "output").mkdir()
    return target
