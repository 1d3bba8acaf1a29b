"""Settling the layout: how many passes 'Page X of Y' and the table of contents need, and which can be drafts.

The PDF is, by definition, what this loop makes: pass 1 lays the brief out without a table of contents;
each later pass prints the page total and (when the brief is long enough) the TOC learned from the pass
before; the first pass whose pages and headings match what it was given is the PDF — or the fourth, if
none settles sooner. Every shortcut below gives exactly those bytes:

- A pass whose bytes are not kept may be a *draft*: same layout, but charts and paragraphs are not drawn
  and the file is not written, which roughly halves its cost. A draft that turns out to be the final pass
  is run once more in full with the same input; a pass is deterministic, so that gives its bytes.
- Which passes to draft is a guess, made from the previous build's final layout (the `hint`) when there
  is one. A wrong guess costs time, never bytes.
- The page total and the TOC do not move anything when no TOC is shown, so pass 1 run in full with the
  right total already *is* the final pass of a brief too short for a TOC; the hint proposes the total and
  the pass itself confirms it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Heading = tuple[int, str, int, str]  # level, text, page, anchor key

#: Passes before giving up on settling; the last one is kept whatever it says.
MAX_PASSES = 4


@dataclass(frozen=True)
class Layout:
    """What a pass learned: the number of pages and where each heading landed."""

    pages: int
    headings: tuple[Heading, ...]


#: run(page_total, toc, draft) lays the brief out once: page_total None prints each page's own number as
#: the total, toc None shows no TOC. It returns the layout and, unless it was a draft, the PDF bytes.
RunPass = Callable[[int | None, tuple[Heading, ...] | None, bool], tuple[Layout, bytes | None]]


def settle(run: RunPass, toc_min_pages: int, hint: Layout | None = None) -> tuple[bytes, Layout]:
    """The PDF bytes and final layout: the result of the passes described above, with as few full passes as can be."""
    total = hint.pages if hint is not None and hint.pages < toc_min_pages else None
    state, data = run(total, None, total is None)
    if total is not None and state.pages == total:
        assert data is not None
        return data, state  # too short for a TOC, and the total printed was right
    for number in range(2, MAX_PASSES + 1):
        toc = state.headings if state.pages >= toc_min_pages else None
        last = number == MAX_PASSES
        # Without a TOC the layout cannot move again; with one, it usually settles the pass after it appears.
        likely_final = toc is None or (state == hint if hint is not None else number > 2)
        result, data = run(state.pages, toc, not (last or likely_final))
        if result == state or last:
            if data is None:
                result, data = run(state.pages, toc, False)
            assert data is not None
            return data, result
        state = result
    raise AssertionError("unreachable: the last pass always returns")
