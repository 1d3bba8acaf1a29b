"""docs/errors.md explains every kind of message the corpus produces, and the README points to it."""

from __future__ import annotations

import re

from conftest import ROOT
from test_check_corpus import CASES

ERRORS_DOC = ROOT / "docs" / "errors.md"
CATEGORIES = ["Files and YAML syntax", "Content values", "References and links", "Charts", "Themes", "Layout", "Output"]


def corpus_messages() -> list[tuple[str, str]]:
    """(case, message) for every located line of every expected.txt in the corpus."""
    found = []
    for expected in sorted(CASES.glob("*/*/expected.txt")):
        for line in expected.read_text(encoding="utf-8").splitlines():
            match = re.search(r": (?:error|warning): (.*)$", line)
            if match:
                found.append((expected.parent.name, match[1]))
    return found


def family(message: str) -> str:
    """The fixed words of a message: its longest stretch without quoted values, numbers, lists or the hint."""
    text = re.sub(r"'[^']*'|expected one of: .*", "\0", message.split(" (")[0])
    return max((run.strip(" ;:,") for run in re.split(r"\0|\d[\d.,+e]*[a-z]*|: ", text)), key=len)


def test_errors_doc_has_every_category_and_the_readme_links_it() -> None:
    text = ERRORS_DOC.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    for category in CATEGORIES:
        assert any(h.startswith(category) for h in headings), category
    assert "(docs/errors.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_message_in_the_corpus_is_explained() -> None:
    text = " ".join(ERRORS_DOC.read_text(encoding="utf-8").split())
    messages = corpus_messages()
    assert len(messages) >= 100
    missing = sorted({f"{case}: {family(message)}" for case, message in messages if family(message) not in text})
    assert missing == []
