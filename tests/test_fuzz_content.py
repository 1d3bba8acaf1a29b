"""Random damage to the default content never escapes the normal path.

Whatever is done to the files, `check_project` returns a `Checked` whose problems are located in a content
file (or a CSV file), and a brief whenever it reports no errors. Two kinds of damage: edits to the loaded
data written back with yaml.safe_dump (delete a key, replace a value by one of another type, duplicate a
list item, rename a key), and corruption of the raw text (inserted characters and bytes, cut or repeated
lines, shifted indentation).
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brief.content.model import CONTENT_FILES
from brief.content.validate import Checked, check_project

CONTENT = ROOT / "content"
YAML_FILES = sorted(CONTENT_FILES)
CSV_FILE = "data/survey-shares.csv"
ORIGINAL = {name: yaml.safe_load((CONTENT / name).read_text(encoding="utf-8")) for name in YAML_FILES}
RAW = {name: (CONTENT / name).read_bytes() for name in [*YAML_FILES, CSV_FILE]}

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)

MARKUP = [
    "<b>bold</b>",
    "</para>",
    "&nbsp;",
    "&",
    "<",
    "[@x]",
    "[@politico-2025; @nope]",
    "[a](javascript:x)",
    "[a](file:///etc/passwd)",
    "[a](https://example.org)",
    "**",
    "*",
    "\\",
    "[",
    "]]",
    "~",
    "%",
    "\u00ad\u200b\ufeff",
    "\ud7ff\U0001f600",
    "a\x00b",
    "line\nbreak",
    "  ",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, -1, 100, 101, 1e300, -1e300, 0.5]),
    st.text(max_size=20),
    st.sampled_from(MARKUP),
    st.sampled_from(["politico-2025", "survey-shares", "youth-funding", "default", "2025-02-30", "data/x.csv"]),
    st.just("x" * 5000),
)
values = st.one_of(
    scalars,
    st.lists(scalars, max_size=4),
    st.dictionaries(st.text(max_size=8), scalars, max_size=3),
)


def locations(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key path inside `data`, the root included."""
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from locations(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from locations(value, (*path, i))


def at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


@st.composite
def damaged_data(draw: st.DrawFn) -> dict[str, Any]:
    """The default content's data with one to three random edits."""
    files = copy.deepcopy(ORIGINAL)
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(YAML_FILES))
        paths = list(locations(files[name]))
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["delete", "replace", "duplicate", "rename"]))
        if not path:
            if action == "replace":
                files[name] = draw(values)
            continue
        parent, last = at(files[name], path[:-1]), path[-1]
        if action == "delete":
            del parent[last]
        elif action == "replace":
            parent[last] = draw(values)
        elif action == "duplicate" and isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(st.sampled_from([f"{last}s", str(last)[:-1] or "x", "colour", "Id"]))] = parent.pop(last)
    return files


@st.composite
def damaged_bytes(draw: st.DrawFn) -> tuple[str, bytes]:
    """One content file (or the CSV) with its raw text corrupted in one to three places."""
    name = draw(st.sampled_from([*YAML_FILES, CSV_FILE]))
    raw = RAW[name]
    for _ in range(draw(st.integers(1, 3))):
        pos = draw(st.integers(0, len(raw)))
        action = draw(st.sampled_from(["insert-text", "insert-bytes", "cut", "repeat-line", "indent"]))
        if action == "insert-text":
            text = draw(st.one_of(st.text(max_size=6), st.sampled_from(["\t", ": ", '"', "'", "- ", "&a", "*a", "#"])))
            raw = raw[:pos] + text.encode("utf-8") + raw[pos:]
        elif action == "insert-bytes":
            raw = raw[:pos] + draw(st.binary(min_size=1, max_size=4)) + raw[pos:]
        elif action == "cut":
            raw = raw[:pos] + raw[pos + draw(st.integers(1, 40)) :]
        else:
            start = raw.rfind(b"\n", 0, pos) + 1
            end = raw.find(b"\n", pos)
            end = len(raw) if end < 0 else end + 1
            line = raw[start:end]
            raw = raw[:start] + (line + line if action == "repeat-line" else b" " + line) + raw[end:]
    return name, raw


def checked_copy(write: dict[str, bytes]) -> None:
    """Copy the default project, overwrite `write`, check it, and assert the result is well-formed."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "brief-project"
        shutil.copytree(CONTENT, project / "content")
        if (ROOT / "styles").is_dir():
            shutil.copytree(ROOT / "styles", project / "styles")
        for name, raw in write.items():
            (project / "content" / name).write_bytes(raw)
        checked = check_project(project)
        assert isinstance(checked, Checked)
        content = str(project / "content")
        for problem in checked.problems:
            assert problem.path.startswith(content), problem
            assert Path(problem.path).name in CONTENT_FILES or problem.path.endswith(".csv"), problem
            assert problem.line >= 0 and problem.col >= 0, problem
            assert problem.message and problem.format().startswith(problem.path), problem
        if not checked.errors:
            assert checked.brief is not None, checked.problems
        else:
            assert checked.brief is None


@SETTINGS
@given(damaged_data())
def test_damaged_data_is_reported_not_raised(files: dict[str, Any]) -> None:
    changed = {
        name: yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")
        for name, data in files.items()
        if data != ORIGINAL[name]
    }
    checked_copy(changed)


@SETTINGS
@given(damaged_bytes())
def test_corrupted_text_is_reported_not_raised(damage: tuple[str, bytes]) -> None:
    name, raw = damage
    checked_copy({name: raw})


def test_the_undamaged_copy_is_clean() -> None:
    checked_copy({})
