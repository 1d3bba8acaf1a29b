"""The JSON Schemas and docs/content.md are generated from the model and must stay in sync with it."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from conftest import ROOT

from brief.content.model import CONTENT_FILES
from brief.content.schema import schema_file_name, schema_for, schema_text, update_docs


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
