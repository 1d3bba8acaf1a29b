"""What the author wrote is what prints: every item appears in the PDF, whole."""

from __future__ import annotations

from pathlib import Path

from readers import pdftotext, words

from brief.pipeline import build

# Made-up words of made-up speakers: the test needs quotes, not facts.
SECOND_QUOTE = """  - text: >-
      A second pull quote, written for this test, long enough to wrap onto a second line of the page.
    attribution: Sample Speaker
    role: Placeholder role
  - text: A third quote, also written for this test.
    attribution: Second Sample Speaker
"""


def test_every_pull_quote_is_printed_with_its_speaker(project: Path) -> None:
    info = project / "content" / "brief.yaml"
    text = info.read_text()
    info.write_text(text.replace("\nsidebars:", "\n" + SECOND_QUOTE + "\nsidebars:", 1))
    printed = words(pdftotext(build(project, force=True).path))
    assert "A second pull quote, written for this test, long enough to wrap onto a second line of the page." in printed
    assert "Sample Speaker, Placeholder role" in printed
    assert "A third quote, also written for this test." in printed
    assert "Second Sample Speaker" in printed
