"""The JSON Schemas and docs/content.md are generated from the model and must stay in sync with it."""

from __future__ import annotations

import dataclasses
import json
import re
import typing
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT

from brief.content.model import CONTENT_FILES
from brief.content.schema import schema_file_name, schema_for, schema_text, update_docs
from brief.theme.model import Theme
from brief.theme.schema import THEME_SCHEMA_FILE, theme_schema, theme_schema_text, update_theme_docs


@pytest.mark.parametrize("name", list(CONTENT_FILES))
def test_schema_files_match_the_model(name: str) -> None:
    kept = (ROOT / "schemas" / schema_file_name(name)).read_text(encoding="utf-8")
    assert kept == schema_text(name), "run: brief schema -o schemas"


@pytest.mark.parametrize("name", list(CONTENT_FILES))
def test_default_content_points_at_its_schema_and_passes_it(name: str) -> None:
    text = (ROOT / "content" / name).read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=../schemas/{schema_file_name(name)}"
    jsonschema.Draft202012Validator(schema_for(name)).validate(yaml.safe_load(text))


def test_schema_rejects_what_brief_check_rejects() -> None:
    validator = jsonschema.Draft202012Validator(schema_for("findings.yaml"))
    bad = {"findings": [{"id": "Bad Id", "headlin": "x"}]}
    messages = {error.message for error in validator.iter_errors(bad)}
    assert any("headlin" in m for m in messages)
    assert not validator.is_valid({"findings": []})


def test_schemas_are_valid_json_schema() -> None:
    for name in CONTENT_FILES:
        jsonschema.Draft202012Validator.check_schema(json.loads(schema_text(name)))


def test_docs_list_every_key() -> None:
    docs = (ROOT / "docs" / "content.md").read_text(encoding="utf-8")
    assert docs == update_docs(docs), "run: python -m brief.content.schema docs/content.md"


HOUSE_THEME = ROOT / "brief" / "templates" / "common" / "styles" / "house.yaml"
THEMES = [*sorted((ROOT / "brief" / "themes").glob("*.yaml")), HOUSE_THEME]


def test_theme_schema_file_matches_the_model() -> None:
    kept = (ROOT / "schemas" / THEME_SCHEMA_FILE).read_text(encoding="utf-8")
    assert kept == theme_schema_text(), "run: brief schema -o schemas"
    jsonschema.Draft202012Validator.check_schema(theme_schema())


@pytest.mark.parametrize("path", THEMES, ids=lambda path: path.name)
def test_shipped_themes_point_at_the_theme_schema_and_pass_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", text.splitlines()[0])
    assert match, path
    # Resolved from the file's real folder: the built-in themes' line reaches the repository's schemas/, the
    # template's house theme the schemas/ that `brief new` writes beside styles/.
    expected = ROOT / "schemas" if "themes" in path.parts else path.parent.parent / "schemas"
    assert (path.parent / match[1]).resolve() == (expected / THEME_SCHEMA_FILE).resolve()
    jsonschema.Draft202012Validator(theme_schema()).validate(yaml.safe_load(text))


def test_theme_schema_rejects_what_brief_check_rejects() -> None:
    validator = jsonschema.Draft202012Validator(theme_schema())
    assert validator.is_valid({"extends": "default", "sizes": {"body": "10.5pt", "leading": 15}})
    for bad in (
        {"colors": {"primary": "#000000"}},
        {"sizes": {"body": "ten points"}},
        {"sizes": {"body": 200}},
        {"colours": {"primary": "navy"}},
        {"page": {"size": "a5"}},
        {"chart": {"palette": ["#16365c", "blue"]}},
        {"layout": {"stat_columns": 0}},
    ):
        assert not validator.is_valid(bad), bad


def test_theme_docs_list_every_key() -> None:
    docs = (ROOT / "docs" / "themes.md").read_text(encoding="utf-8")
    assert docs == update_theme_docs(docs), "run: python -m brief.theme.schema docs/themes.md"
    sections = {name: kind for name, kind in typing.get_type_hints(Theme).items() if dataclasses.is_dataclass(kind)}
    assert len(sections) == 8
    for name, kind in sections.items():
        for inner in dataclasses.fields(kind):
            assert f"| `{name}.{inner.name}` |" in docs, (name, inner.name)


def test_every_theme_key_has_a_meaning_and_an_example() -> None:
    pending: list[type] = [Theme]
    checked = 0
    while pending:
        cls = pending.pop()
        for f in dataclasses.fields(cls):
            assert f.metadata.get("doc"), f"{cls.__name__}.{f.name}"
            assert f.metadata.get("example") not in (None, "", [], {}), f"{cls.__name__}.{f.name}"
            kind = typing.get_type_hints(cls)[f.name]
            if dataclasses.is_dataclass(kind):
                pending.append(typing.cast(type, kind))
            checked += 1
    assert checked > 50
