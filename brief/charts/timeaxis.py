"""The ticks of a time axis: on year, quarter or month boundaries, as many as their labels leave room for.

Ticks are computed here, not by matplotlib's date locators: the sketch places every label before matplotlib
starts, and plain arithmetic on months gives the same ticks on every machine.
"""

from __future__ import annotations

from collections.abc import Callable

from brief.content.periods import Period

#: Month and quarter names as the tick labels print them in English; a brief in another language passes its
#: own (from CLDR, never from the machine's locale, so every build is the same).
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
QUARTER_NAMES = ("Q1", "Q2", "Q3", "Q4")
Names = tuple[tuple[str, ...], tuple[str, ...]]
#: Candidate steps between ticks, in months, from the finest; which may be used depends on the data's kind.
_MONTH_STEPS = (1, 2, 3, 6)
_QUARTER_STEPS = (3, 6)
_YEAR_STEPS = (12, 24, 60, 120, 240, 600)


def time_ticks(
    periods: list[Period],
    room: float,
    measure: Callable[[str], float],
    gap: float,
    names: Names = (MONTH_NAMES, QUARTER_NAMES),
) -> list[tuple[float, str]]:
    """Ticks (month position, label) within the periods' span, `room` points wide: the finest step at which
    neighbouring labels, as wide as `measure` says, keep `gap` apart. Never finer than the data. `names` are
    the months' and quarters' short names."""
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
        ticks = _ticks(first, last, step, kind, names)
        if len(ticks) < 2:
            continue
        widest = max(measure(label) for _, label in ticks)
        if step / span * room >= widest + gap:
            return ticks
    return ticks if len(ticks) >= 2 else _ends(periods, names)


def _ticks(first: float, last: float, step: int, kind: str, names: Names) -> list[tuple[float, str]]:
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
            label = names[1][within // 3] + (f" {year}" if not ticks or within == 0 else "")
        else:
            label = names[0][within] + (f" {year}" if not ticks or within == 0 else "")
        ticks.append((float(month), label))
        month += step
    return ticks


def _ends(periods: list[Period], names: Names) -> list[tuple[float, str]]:
    """A span shorter than one step of any kind: its first and last dates, written in full."""
    return [(p.start, period_label(p, names)) for p in dict.fromkeys((periods[0], periods[-1]))]


def period_label(period: Period, names: Names = (MONTH_NAMES, QUARTER_NAMES)) -> str:
    """A period as a reader writes it: '2019', 'Q1 2019', 'Jan 2019', '15 Jan 2019'."""
    months, quarters = names
    if period.kind == "day":
        return f"{period.day} {months[period.month - 1]} {period.year}"
    if period.kind == "year":
        return str(period.year)
    if period.kind == "quarter":
        return f"{quarters[(period.month - 1) // 3]} {period.year}"
    return f"{months[period.month - 1]} {period.year}"
