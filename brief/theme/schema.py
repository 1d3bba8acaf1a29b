"""The theme's JSON Schema and the key reference in docs/themes.md, both generated from the theme model."""

from __future__ import annotations

import json
from typing import Any

from brief.content.model import CONTENT_FILES
from brief.content.schema import document_schema, key_table, replace_generated, schema_file_name
from brief.content.schema import schema_text as content_schema_text
from brief.theme.model import Theme

#: The file `brief schema -o` writes, and that theme files' `# yaml-language-server:` lines name.
THEME_SCHEMA_FILE = "theme.schema.json"

#: Every schema brief writes, by the name `brief schema NAME` takes: the content files', then the theme's.
SCHEMA_FILES = {**{name: schema_file_name(name) for name in CONTENT_FILES}, "theme": THEME_SCHEMA_FILE}

BEGIN_MARK = "<!-- generated from brief/theme/model.py: begin -->"
END_MARK = "<!-- generated from brief/theme/model.py: end -->"


def theme_schema() -> dict[str, Any]:
    """The JSON Schema of a theme file."""
    return document_schema(Theme, THEME_SCHEMA_FILE, "brief: a theme under styles/", overrides=True)


def theme_schema_text() -> str:
    return json.dumps(theme_schema(), indent=2, ensure_ascii=False) + "\n"


def schema_text(name: str) -> str:
    """The JSON Schema named `name` in SCHEMA_FILES, as written to its file."""
    return theme_schema_text() if name == "theme" else content_schema_text(name)


def theme_reference() -> str:
    """Markdown tables of every theme key, for docs/themes.md."""
    out: list[str] = []
    key_table(Theme, "", out, set(), overrides=True)
    return "\n".join(out)


def update_theme_docs(text: str) -> str:
    """`text` (docs/themes.md) with its generated key reference replaced by the current one."""
    return replace_generated(text, BEGIN_MARK, END_MARK, theme_reference())


if __name__ == "__main__":  # python -m brief.theme.schema docs/themes.md: refresh the key reference
    import sys
    from pathlib import Path

    target = Path(sys.argv[1])
    target.write_text(update_theme_docs(target.read_text(encoding="utf-8")), encoding="utf-8")
