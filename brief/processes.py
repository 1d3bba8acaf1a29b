"""How brief may use more than one processor: how many it has, and how to start another process."""

from __future__ import annotations

import os
import sys
import threading
from typing import Any


def cpu_count() -> int:
    """The processors this process may run on (fewer than the machine's inside a container or with taskset)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def fork_safe() -> bool:
    """Forking is safe only on Linux and in a process with a single thread (`brief watch` runs two)."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def fork_context() -> Any:
    """How to start worker processes: forked on Linux, so they start at once with fonts and modules loaded.

    Forking is only safe in a process with a single thread (`brief watch` runs a file-watching thread), so a
    threaded process uses a fork server instead; macOS forbids fork once system frameworks are loaded, so
    there (and on Windows) the platform's default is used.
    """
    import multiprocessing

    if not sys.platform.startswith("linux"):
        return None
    return multiprocessing.get_context("fork" if fork_safe() else "forkserver")
