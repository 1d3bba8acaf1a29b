"""Wording a brief derives from its content: the suggested citation, a list of names, a printed date.

Shared by every edition (the PDF, the web page, the press kit), so that they never word the same thing apart.
"""

from __future__ import annotations

from brief.content.model import Brief


def suggested_citation(brief: Brief) -> str:
    """The content's own citation, or a reference to the brief as a report in APA style (7th edition).

    Author (the organisation when the brief names no authors). (Year). Title: Subtitle. Publisher (left out
    when it is the author, as APA does). Names print as written: brief cannot tell a surname from a given
    name, so it does not invert them to 'Doe, J.'. The series is not repeated: it is the kicker on the cover.
    """
    info = brief.info
    if info.citation:
        return info.citation
    authors = [a.name for a in info.authors]
    title = info.title
    if info.subtitle:  # APA joins a subtitle with a colon, unless the title ends in its own mark
        title = (
            f"{title} {info.subtitle}" if title.rstrip().endswith((".", "?", "!", "…")) else f"{title}: {info.subtitle}"
        )
    parts = [_apa_names(authors) or info.organisation.name, f"({info.date[:4]})", title]
    if authors:
        parts.append(info.organisation.name)
    return " ".join(closed(part) for part in parts if part)


def _apa_names(people: list[str]) -> str:
    """'A', 'A & B', 'A, B, & C': authors joined as an APA reference list joins them."""
    return " & ".join(people) if len(people) <= 2 else ", ".join(people[:-1]) + f", & {people[-1]}"


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
