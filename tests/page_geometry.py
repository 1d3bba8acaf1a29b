"""What a reader sees on a built PDF's pages, measured with pdfplumber: how full each page is, where the
headings sit, which table rows are on which page. It knows the theme's page margins and type sizes, and
nothing of how brief lays pages out, so tests can hold the layout to its rules independently of the
layout's own checker."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from brief.theme.model import Theme


@dataclass(frozen=True)
class Line:
    text: str
    top: float  # from the page's top, in points
    bottom: float
    size: float  # the largest font size on the line
    bold: bool  # every character bold


@dataclass(frozen=True)
class Page:
    number: int
    frame_top: float  # from the page's top
    frame_bottom: float
    covered: float  # how much of the frame's height has marks (text or drawing), gaps of a line or less included
    lines: list[Line]

    @property
    def fill(self) -> float:
        return self.covered / (self.frame_bottom - self.frame_top)


def read_pages(pdf: Path, theme: Theme) -> list[Page]:
    """Every page of `pdf`, measured inside the frame that `theme`'s margins leave (under the cover band on
    page 1); the running header and footer lie outside it."""
    margins = theme.page.margins
    pages = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, 1):
            frame_top, frame_bottom = float(margins.top), float(page.height) - float(margins.bottom)
            if number == 1:
                band = [r for r in page.rects if r["top"] < 1 and r["width"] > page.width - 1]
                frame_top = max(r["bottom"] for r in band) + float(theme.spacing.section)
            inside = [
                o
                for o in page.chars + page.rects + page.curves + page.lines + page.images
                if _within(o, frame_top, frame_bottom)
            ]
            covered = _covered(sorted((float(o["top"]), float(o["bottom"])) for o in inside))
            pages.append(Page(number, frame_top, frame_bottom, covered, _lines(page, frame_top, frame_bottom)))
    return pages


#: A gap between marks up to this tall (half an inch: the space around a heading or a figure) is part of the text.
LINE_GAP = 36.0


def _covered(spans: list[tuple[float, float]]) -> float:
    """The height the vertical `spans` cover together, joined across gaps of up to LINE_GAP."""
    total, start, end = 0.0, None, None
    for top, bottom in spans:
        if start is None or end is None or top > end + LINE_GAP:
            total += (end - start) if start is not None and end is not None else 0.0
            start, end = top, bottom
        else:
            end = max(end, bottom)
    return total + ((end - start) if start is not None and end is not None else 0.0)


def _within(obj: dict[str, object], top: float, bottom: float) -> bool:
    return float(obj["top"]) >= top - 2 and float(obj["bottom"]) <= bottom + 2  # type: ignore[arg-type]


def _lines(page: object, top: float, bottom: float) -> list[Line]:
    chars = [c for c in page.chars if _within(c, top, bottom) and c["text"].strip()]  # type: ignore[attr-defined]
    rows: dict[int, list[dict[str, object]]] = {}
    for char in chars:
        rows.setdefault(round(float(char["bottom"])), []).append(char)
    lines = []
    for key in sorted(rows):
        row = sorted(rows[key], key=lambda c: float(c["x0"]))  # type: ignore[arg-type]
        text, last = "", None
        for char in row:
            if last is not None and float(char["x0"]) - last > 1.5:  # type: ignore[arg-type]
                text += " "
            text += str(char["text"])
            last = float(char["x1"])  # type: ignore[arg-type]
        lines.append(
            Line(
                text,
                min(float(c["top"]) for c in row),  # type: ignore[arg-type]
                max(float(c["bottom"]) for c in row),  # type: ignore[arg-type]
                max(float(c["size"]) for c in row),  # type: ignore[arg-type]
                all("Bold" in str(c["fontname"]) for c in row),
            )
        )
    return lines


def headings(page: Page, sizes: tuple[float, ...]) -> list[Line]:
    """The lines set bold at one of the heading `sizes`."""
    return [line for line in page.lines if line.bold and any(abs(line.size - s) < 0.05 for s in sizes)]


def overlapping_words(pdf: Path) -> list[tuple[int, str, str]]:
    """Pairs of words on one line of a page whose boxes overlap: text set over other text."""
    found = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, 1):
            words = sorted(page.extract_words(keep_blank_chars=False, use_text_flow=False), key=lambda w: w["x0"])
            for i, word in enumerate(words):
                for other in words[i + 1 :]:
                    if other["x0"] >= word["x1"] - 0.5:
                        break
                    if min(word["bottom"], other["bottom"]) - max(word["top"], other["top"]) > 1:
                        found.append((number, word["text"], other["text"]))
    return found
