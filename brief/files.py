"""Files written whole or not at all, the cache folder, and no more cache entries than a limit."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def cache_folder() -> Path | None:
    """brief's one cache folder (chart drawings, build records, font lookups), where the system keeps
    caches: `~/.cache/brief` on Linux (or `$XDG_CACHE_HOME/brief`), `~/Library/Caches/brief` on macOS,
    `%LOCALAPPDATA%\\brief\\Cache` on Windows. Always safe to delete. None with no home folder: nothing is kept."""
    import platformdirs

    try:
        return Path(platformdirs.user_cache_dir("brief", appauthor=False))
    except (RuntimeError, KeyError, OSError):
        return None


class NoNewFile(OSError):
    """The folder takes no new file: nothing was written, nothing was replaced."""


def write_atomic(path: Path, data: bytes, mode: int | None = None, *, durable: bool = False) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half of one.

    The file is private (0600, as the temporary file is made) unless `mode` says otherwise. `durable` also
    flushes it to the disk before the rename, so that a power cut cannot leave an empty file in its place.
    """
    try:
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise NoNewFile(exc.errno, exc.strerror, exc.filename) from exc
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
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
