"""Categories that are dates: ISO years, quarters, months and days, which put a line chart on a time axis.

A time axis places each point at its date, so an irregular series is drawn as it is and a period left out
(a month with no row) breaks the line. Only ISO forms count (`2019`, `2019-Q1`, `2019-01`, `2019-01-15`):
`Jan 2019` or `2019 Q1` stay labels, and the author is told how to write them so that they count.
"""

from __future__ import annotations

import calendar
import itertools
import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["year", "quarter", "month", "day"]

_ISO: dict[Kind, re.Pattern[str]] = {
    "year": re.compile(r"(\d{4})"),
    "quarter": re.compile(r"(\d{4})-Q(\d)"),
    "month": re.compile(r"(\d{4})-(\d{2})"),
    "day": re.compile(r"(\d{4})-(\d{2})-(\d{2})"),
}
#: Months in a period of each kind; a day has none of its own: daily series skip weekends and holidays,
#: so days are placed at their dates but a day left out does not break the line.
MONTHS: dict[Kind, int] = {"year": 12, "quarter": 3, "month": 1, "day": 0}

_MONTH_NAMES = [name.lower() for name in calendar.month_name[1:]]
_WRITTEN = (
    (re.compile(r"([A-Za-z]{3,9})\.?[ -](\d{4})"), lambda m: _month(m[1], m[2])),  # Jan 2019, January-2019
    (re.compile(r"(\d{4})[ -]([A-Za-z]{3,9})\.?"), lambda m: _month(m[2], m[1])),  # 2019 Jan
    (re.compile(r"(\d{4}) ?[Qq]([1-4])"), lambda m: f"{m[1]}-Q{m[2]}"),  # 2019 Q1, 2019Q1
    (re.compile(r"[Qq]([1-4])[ -](\d{4})"), lambda m: f"{m[2]}-Q{m[1]}"),  # Q1 2019
    (re.compile(r"(\d{4})[/.](\d{1,2})"), lambda m: _numbered(m[1], m[2])),  # 2019/01
    (re.compile(r"(\d{1,2})[/.](\d{4})"), lambda m: _numbered(m[2], m[1])),  # 01/2019
    (re.compile(r"(\d{4})-(\d)"), lambda m: _numbered(m[1], m[2])),  # 2019-1
)


@dataclass(frozen=True)
class Period:
    """A category read as a date: its kind, and where it starts in months since the year 0."""

    kind: Kind
    start: float
    year: int
    month: int  # the first month of the period: 1 for a year, 1, 4, 7 or 10 for a quarter
    day: int = 0  # the day of the month, for a day

    @property
    def index(self) -> int:
        """Its number in a run of periods of its kind: consecutive periods differ by one."""
        return int(self.start) // MONTHS[self.kind] if MONTHS[self.kind] else int(self.start)


def read_period(text: str) -> tuple[Period | None, str]:
    """`text` as a Period when it is written as an ISO date; else None, and why when it looks like one but
    cannot be ("2019-13" is not a month)."""
    for kind, pattern in _ISO.items():
        match = pattern.fullmatch(text.strip())
        if match is None:
            continue
        year = int(match[1])
        if kind == "year":
            return Period(kind, year * 12.0, year, 1), ""
        if kind == "quarter":
            quarter = int(match[2])
            if not 1 <= quarter <= 4:
                return None, f"'{text}' is not a quarter: Q1 to Q4"
            return Period(kind, year * 12.0 + (quarter - 1) * 3, year, (quarter - 1) * 3 + 1), ""
        month = int(match[2])
        if not 1 <= month <= 12:
            return None, f"'{text}' is not a real month"
        if kind == "month":
            return Period(kind, year * 12.0 + month - 1, year, month), ""
        day, days = int(match[3]), calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            return None, f"'{text}' is not a real date"
        return Period(kind, year * 12.0 + month - 1 + (day - 1) / days, year, month, day), ""
    return None, ""


def time_axis(categories: tuple[str, ...] | list[str]) -> list[Period] | None:
    """The categories as dates of one kind in time order, or None when they are labels."""
    periods = [read_period(c)[0] for c in categories]
    if not periods or any(p is None for p in periods):
        return None
    known = [p for p in periods if p is not None]
    if len({p.kind for p in known}) > 1 or any(b.start <= a.start for a, b in itertools.pairwise(known)):
        return None
    return known


def period_problems(categories: tuple[str, ...]) -> list[tuple[int, str, str]]:
    """What keeps categories that are all ISO dates from making a time axis, each as (category index, message,
    hint): an impossible date, dates of two kinds, dates out of order. Empty when any category is a label."""
    read = [read_period(c) for c in categories]
    if any(p is None and not why for p, why in read) or all(p is None for p, _ in read):
        return []  # labels, some of which may look like dates
    for i, (_, why) in enumerate(read):
        if why:
            return [(i, why, "write an ISO date: 2019, 2019-Q1, 2019-01 or 2019-01-15")]
    first = next((i, p) for i, (p, _) in enumerate(read) if p is not None)
    for i, (period, _) in enumerate(read):
        if period is not None and period.kind != first[1].kind:
            message = f"'{categories[i]}' is a {period.kind}, but '{categories[first[0]]}' is a {first[1].kind}"
            return [(i, message, _ONE_KIND)]
    for i in range(1, len(read)):
        before, now = read[i - 1][0], read[i][0]
        if before is not None and now is not None and now.start <= before.start:
            message = f"'{categories[i]}' comes after '{categories[i - 1]}'; dates on a time axis run in order"
            return [(i, message, "sort the rows by date")]
    return []


_ONE_KIND = "a time axis needs every category written as a date of one kind"


def label_hint(categories: tuple[str, ...]) -> tuple[int, str, str] | None:
    """When every category is a date but some are not written in ISO form, the first of those, with a
    message and the ISO form to write instead: written so, they would make a time axis."""
    if any(read_period(c)[0] is None and iso_form(c) is None for c in categories):
        return None
    for i, category in enumerate(categories):
        if read_period(category)[0] is None and (iso := iso_form(category)) is not None:
            message = f"'{category}' is read as a label, not a date, so the chart has no time axis"
            return i, message, f"write dates in ISO form, e.g. '{iso}'"
    return None


def iso_form(text: str) -> str | None:
    """The ISO form of a date written another way ('Jan 2019' → '2019-01', 'Q1 2019' → '2019-Q1'), or None."""
    for pattern, rewrite in _WRITTEN:
        match = pattern.fullmatch(text.strip())
        if match is not None and (iso := rewrite(match)) is not None:
            return iso
    return None


def _month(name: str, year: str) -> str | None:
    name = name.lower()
    found = [i for i, full in enumerate(_MONTH_NAMES, 1) if full == name or (len(name) == 3 and full[:3] == name)]
    return f"{year}-{found[0]:02d}" if found else None


def _numbered(year: str, month: str) -> str | None:
    return f"{year}-{int(month):02d}" if 1 <= int(month) <= 12 else None
