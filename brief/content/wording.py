"""Wording a brief derives from its content: the suggested citation, a list of names, a printed date.

Shared by every edition (the PDF, the web page, the press kit), so that they never word the same thing apart.
"""

from __future__ import annotations

from brief.content.model import Brief


def suggested_citation(brief: Brief) -> str:
    """The content's own citation, or one built from organisation, date, title and series."""
    info = brief.info
    if info.citation:
        return info.citation
    who = names([a.name for a in info.authors]) or info.organisation.name
    parts = [f"{who} ({info.date[:4]})", info.title, info.series, info.organisation.name]
    return " ".join(closed(part) for part in parts if part)


def closed(text: str) -> str:
    """`text` ending in a full stop, unless it ends in its own stop, question or exclamation mark."""
    return text if text.rstrip().endswith((".", "?", "!", "…")) else f"{text}."


def names(people: list[str]) -> str:
    """'A', 'A and B', 'A, B and C': people named so that a name and a role never read as two people."""
    return people[0] if len(people) == 1 else ", ".join(people[:-1]) + f" and {people[-1]}" if people else ""


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def display_date(date: str) -> str:
    """`2025-06-03` → `June 3, 2025`; `2025-06` → `June 2025`; `2025` → `2025`."""
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {int(parts[2])}, {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"
