"""Shared fixtures: the repository's default brief, copied so tests may edit it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def own_user_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """brief's cache folder in a folder of the test run's, for it and every `brief` it starts."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test's own (for it and every `brief` it starts): every chart is drawn."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    return tmp_path / "user-cache" / "brief"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the default brief project (content/ and styles/)."""
    target = tmp_path / "brief-project"
    shutil.copytree(ROOT / "content", target / "content")
    if (ROOT / "styles").is_dir():
        shutil.copytree(ROOT / "styles", target / "styles")
    (target / "output").mkdir()
    return target


@pytest.fixture(scope="session", autouse=True)
def no_stream_end_is_misread(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every PDF the tests build, scanned once they are done: no stream's data may end in a CR before the
    LF that precedes `endstream`, which a validator would read as the end-of-line marker (a byte short)."""
    yield
    misread = [
        str(pdf)
        for pdf in tmp_path_factory.getbasetemp().rglob("*.pdf")
        if pdf.is_file() and not pdf.is_symlink() and b"\r\nendstream" in pdf.read_bytes()
    ]
    assert misread == [], "streams ending in CR LF endstream"
