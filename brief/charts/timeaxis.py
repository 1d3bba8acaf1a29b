"""The ticks of a time axis: on year, quarter or month boundaries, as many as their labels leave room for.

Ticks are computed here, not by matplotlib's date locators: the sketch places every label before matplotlib
starts, and plain arithmetic on months gives the same ticks on every machine.
"""

from __future__ import annotations

from collections.abc import Callable

from brief.content.periods import Period

#: Month names as the tick labels print them; fixed, not the machine's locale, so every build is the same.
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Candidate steps between ticks, in months, from the finest; which may be used depends on the data's kind.
_MONTH_STEPS = (1, 2, 3, 6)
_QUARTER_STEPS = (3, 6)
_YEAR_STEPS = (12, 24, 60, 120, 240, 600)


def time_ticks(
    periods: list[Period], room: float, measure: Callable[[str], float], gap: float
) -> list[tuple[float, str]]:
    """Ticks (month position, label) within the periods' span, `room` points wide: the finest step at which
    neighbouring labels, as wide as `measure` says, keep `gap` apart. Never finer than the data."""
    first, last = periods[0].start, periods[-1].start
    span = (last - first) or 1.0
    kind = periods[0].kind
    steps: tuple[int, ...] = _YEAR_STEPS
    if kind == "quarter":
        steps = _QUARTER_STEPS + _YEAR_STEPS
    elif kind in ("month", "day"):
        steps = _MONTH_STEPS + _YEAR_STEPS
    ticks: list[tuple[float, str]] = []
    for step in steps:
        ticks = _ticks(first, last, step, kind)
        if len(ticks) < 2:
            continue
        widest = max(measure(label) for _, label in ticks)
        if step / span * room >= widest + gap:
            return ticks
    return ticks if len(ticks) >= 2 else _ends(periods)


def _ticks(first: float, last: float, step: int, kind: str) -> list[tuple[float, str]]:
    """Ticks every `step` months on the boundaries of that step (every January for a year, every fifth
    year for five), labelled as short as is clear: the year, else the quarter or month, with its year on
    the first tick and in each January."""
    ticks: list[tuple[float, str]] = []
    month = int(-(-first // step) * step)  # the first boundary at or after `first`
    while month <= last + 1e-9:
        year, within = divmod(month, 12)
        if step >= 12:
            label = str(year)
        elif kind == "quarter":
            label = f"Q{within // 3 + 1}" + (f" {year}" if not ticks or within == 0 else "")
        else:
            label = MONTH_NAMES[within] + (f" {year}" if not ticks or within == 0 else "")
        ticks.append((float(month), label))
        month += step
    return ticks


def _ends(periods: list[Period]) -> list[tuple[float, str]]:
    """A span shorter than one step of any kind: its first and last dates, written in full."""
    return [(p.start, period_label(p)) for p in dict.fromkeys((periods[0], periods[-1]))]


def period_label(period: Period) -> str:
    """A period as a reader writes it: '2019', 'Q1 2019', 'Jan 2019', '15 Jan 2019'."""
    if period.kind == "day":
        return f"{period.day} {MONTH_NAMES[period.month - 1]} {period.year}"
    if period.kind == "year":
        return str(period.year)
    if period.kind == "quarter":
        return f"Q{(period.month - 1) // 3 + 1} {period.year}"
    return f"{MONTH_NAMES[period.month - 1]} {period.year}"
