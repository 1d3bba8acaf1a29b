"""How a long command (presskit, preview, batch) reports its progress to the command line's bar."""

from __future__ import annotations

from collections.abc import Callable

#: Reports progress: steps done, steps in all, and what was just done or is being made now.
Progress = Callable[[int, int, str], None]


def unreported(done: int, total: int, label: str) -> None:
    """The progress of a command whose caller shows none."""
