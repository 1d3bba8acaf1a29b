"""`brief docs`: the reference pages, shipped inside the package so that they read offline, anywhere.

The pages are the repository's docs/*.md; brief/docs/ links to them, and a wheel holds their text.
"""

from __future__ import annotations

from importlib.resources import files

#: Each page by the name `brief docs` takes, with its file and what it holds.
TOPICS = {
    "content": ("content.md", "every content file and key, with examples"),
    "themes": ("themes.md", "every theme key, extends:, units and colours"),
    "errors": ("errors.md", "every message brief check and brief build print, and what to do"),
}


def reference(topic: str) -> str:
    """The text of the reference page `topic` (a key of TOPICS), as Markdown."""
    return (files("brief") / "docs" / TOPICS[topic][0]).read_text(encoding="utf-8")


def contents() -> str:
    """The list of pages, one line each, for `brief docs` without a topic."""
    width = max(map(len, TOPICS))
    lines = [f"  {name:<{width}}  {about}" for name, (_, about) in TOPICS.items()]
    return "\n".join(["brief docs TOPIC prints one of these pages:", *lines]) + "\n"
