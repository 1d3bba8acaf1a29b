"""One drawing of a chart when several builds need it at the same time (a batch's workers, two builds of a project).

A build about to draw a chart that the cache lacks first claims it: a file beside the drawing's cache entry,
made only if there is none, holding the claimant's process id. A build that finds a chart claimed draws its
other charts first, then waits for the entry. The claim goes once the drawing is in. A claim whose process is
gone (killed while drawing) counts for nothing, so no build waits on a dead one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

#: A live claimant draws a chart in well under a second; after this long, draw it here all the same.
MAX_WAIT = 60.0
#: Between looks for a claimed drawing, at most: short beside drawing a chart.
MAX_PAUSE = 0.005


@contextlib.contextmanager
def claim(entry: Path) -> Iterator[bool]:
    """Claim drawing `entry` for this process: True if this process should draw it, False if another is."""
    if os.name != "posix":  # where a process cannot be asked whether it is alive (os.kill(pid, 0) signals it)
        yield True
        return
    lock = _lock(entry)
    try:
        _make_lock(lock)
    except FileExistsError:
        if _held(lock):
            yield False
            return
        lock.unlink(missing_ok=True)  # left by a process that is gone: this one draws instead
        yield True
        return
    except OSError:  # a cache folder that takes no files: nothing can be shared, so draw here
        yield True
        return
    try:
        yield True
    finally:
        lock.unlink(missing_ok=True)


def wait_for(entry: Path, read: Callable[[Path], Any]) -> Any:
    """What `read(entry)` gives once another process has drawn it; None if that process gave up or is gone."""
    lock, pause, deadline = _lock(entry), 0.0005, time.monotonic() + MAX_WAIT
    while True:
        value = read(entry)
        if value is not None:
            return value
        if not _held(lock) or time.monotonic() > deadline:
            return read(entry)  # one more look: the drawing may have landed as the claim went
        time.sleep(pause)
        pause = min(pause * 2, MAX_PAUSE)


def _lock(entry: Path) -> Path:
    return entry.with_name(entry.name + ".claim")


def _make_lock(lock: Path) -> None:
    """Create `lock` holding this process's id, whole or not at all (a link fails if the name is taken)."""
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".claim-", dir=lock.parent)
    try:
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        os.link(temp, lock)
    finally:
        os.unlink(temp)


def _held(lock: Path) -> bool:
    """Whether `lock` exists and the process it names is alive."""
    try:
        os.kill(int(lock.read_text()), 0)
    except PermissionError:  # alive, another user's
        return True
    except (OSError, ValueError):  # no claim, a damaged one, or its process is gone
        return False
    return True
