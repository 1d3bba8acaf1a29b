"""Files that caches write: whole or not at all, and no more of them than a limit."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

#: A project's own caches (charts, drawings, build stamps), beside its content: always safe to delete.
PROJECT_CACHE = ".brief-cache"


def project_cache(project: Path) -> Path:
    """The folder of `project`'s own caches."""
    return project / PROJECT_CACHE


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half of one.

    The file is private (0600, as the temporary file is made) unless `mode` says otherwise.
    """
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def prune(folder: Path, pattern: str, keep: int) -> None:
    """Remove the least recently used entries of `folder` matching `pattern` (by modification time) beyond `keep`."""
    with contextlib.suppress(OSError):
        entries = []
        for path in folder.glob(pattern):
            with contextlib.suppress(OSError):  # removed meanwhile by another build
                entries.append((path.stat().st_mtime_ns, path))
        entries.sort(reverse=True)
        for _, old in entries[keep:]:
            old.unlink(missing_ok=True)


def mark_used(entry: Path) -> None:
    """Record that `entry` was just used (its modification time), so that pruning keeps it."""
    with contextlib.suppress(OSError):
        os.utime(entry)
