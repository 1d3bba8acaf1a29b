"""Where a build's time goes: named laps, summed per stage, for `brief build --timings` and the benchmarks."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

#: The stages in pipeline order, as `--timings` prints them.
STAGES = ("check", "load+validate", "imports", "fonts", "charts", "layout", "finishing", "write")

_laps: ContextVar[dict[str, float] | None] = ContextVar("brief_laps", default=None)
_running: ContextVar[list[tuple[str, float]]] = ContextVar("brief_running_laps")  # open laps, innermost last


@contextmanager
def stopwatch() -> Iterator[dict[str, float]]:
    """Collect the laps timed inside this block into the dict it yields (seconds per stage)."""
    laps: dict[str, float] = {}
    token, running = _laps.set(laps), _running.set([])
    try:
        yield laps
    finally:
        _laps.reset(token)
        _running.reset(running)


@contextmanager
def lap(stage: str) -> Iterator[None]:
    """Add the time spent in this block to `stage` of the running stopwatch, if any. A lap inside another
    pauses it: its time counts for its own stage only."""
    laps = _laps.get()
    if laps is None:
        yield
        return
    running = _running.get()
    now = time.perf_counter()
    if running:
        outer, started = running[-1]
        laps[outer] = laps.get(outer, 0.0) + now - started
    running.append((stage, now))
    try:
        yield
    finally:
        now = time.perf_counter()
        laps[stage] = laps.get(stage, 0.0) + now - running.pop()[1]
        if running:
            running[-1] = (running[-1][0], now)


def format_laps(laps: dict[str, float]) -> str:
    """`check 0.004 s, imports 0.120 s, ...` in pipeline order, then the total."""
    names = [name for name in STAGES if name in laps] + sorted(set(laps) - set(STAGES))
    parts = [f"{name} {laps[name]:.3f} s" for name in names]
    return ", ".join([*parts, f"total {sum(laps.values()):.3f} s"])
