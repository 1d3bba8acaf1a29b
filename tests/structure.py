"""Read a tagged PDF the way a screen reader does: walk the structure tree, speak each element's text."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf


@dataclass
class Element:
    role: str
    text: str = ""
    alt: str = ""
    scope: str = ""
    kids: list[Element] = field(default_factory=list)

    def walk(self) -> list[Element]:
        return [self, *(e for kid in self.kids for e in kid.walk())]


def read_structure(path: Path) -> Element:
    """The structure tree of `path`, each element with the text of its own marked content."""
    texts: dict[tuple[int, int], str] = defaultdict(str)
    with pdfplumber.open(path) as pdf:
        for index, page in enumerate(pdf.pages):
            last_top: dict[int, float] = {}
            for char in page.chars:
                mcid = char.get("mcid")
                if mcid is None:
                    continue
                if mcid in last_top and abs(char["top"] - last_top[mcid]) > 2:
                    texts[(index, mcid)] += " "  # a new line of the same paragraph
                last_top[mcid] = char["top"]
                texts[(index, mcid)] += char["text"]
    with pikepdf.open(path) as pdf:
        pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        root = pdf.Root.StructTreeRoot
        return _element(root.K[0], pages, texts)


def _element(node: Any, pages: dict[tuple[int, int], int], texts: dict[tuple[int, int], str]) -> Element:
    attributes = node.get("/A")
    scope = str(attributes.get("/Scope", ""))[1:] if isinstance(attributes, pikepdf.Dictionary) else ""
    element = Element(str(node.S)[1:], alt=str(node.get("/Alt", "")), scope=scope)
    for kid in node.K:
        if kid.get("/Type") == "/MCR":
            element.text += texts[(pages[kid.Pg.objgen], int(kid.MCID))]
        elif kid.get("/Type") == "/StructElem":
            element.kids.append(_element(kid, pages, texts))
    return element


def reading_order(tree: Element) -> str:
    """What a screen reader would read, one element per line: `ROLE: text` (a figure by its alt text)."""
    lines = []
    for element in tree.walk():
        spoken = element.alt if element.role == "Figure" else element.text
        if spoken.strip():
            lines.append(f"{element.role}: {' '.join(spoken.split())}")
    return "\n".join(lines)
