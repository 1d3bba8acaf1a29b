"""Reading a user's file: a regular file only, and never more of it than a limit.

A FIFO makes a read wait forever, /dev/zero never ends and a huge file fills memory before its size is
checked. So a file is opened without waiting for a writer, checked to be a regular file no larger than
the limit, and only then read, and no further than the limit (it may grow meanwhile).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

#: What a file that is not a regular one is, as a message says it.
_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}
_LINK_HINT = "point the link at a file, or remove it"


class Unreadable(Exception):
    """Why a file cannot be read, in words that follow its name: `is a named pipe (FIFO), not a file`."""

    def __init__(self, reason: str, hint: str = "", *, missing: bool = False, folder: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.hint = reason, hint
        self.missing, self.folder = missing, folder


class TooLarge(Unreadable):
    """A file larger than the reader's limit: `size` bytes, as far as it was known before reading."""

    def __init__(self, size: int) -> None:
        super().__init__(f"is {size:,} bytes")
        self.size = size


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`: Unreadable if it is anything else, TooLarge beyond `limit`."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)  # a FIFO opens at once, with no writer
    except OSError as exc:
        raise _unopened(path, exc) from exc
    try:
        _check(os.fstat(fd), limit)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise Unreadable(f"cannot be read: {exc.strerror or exc}") from exc
    if len(data) > limit:
        raise TooLarge(len(data))
    return data


def _check(info: os.stat_result, limit: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise Unreadable("is a folder, not a file", folder=True)
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable(f"is {special_kind(info.st_mode)}, not a file", "replace it with a plain file")
    if info.st_size > limit:
        raise TooLarge(info.st_size)


def special_kind(mode: int) -> str:
    """What a file that is neither a regular file nor a folder is: `a named pipe (FIFO)`, `a device`..."""
    return _KINDS.get(stat.S_IFMT(mode), "a special file")


def _unopened(path: Path, exc: OSError) -> Unreadable:
    if exc.errno == errno.ELOOP:
        return Unreadable("is a link that leads back to itself", _LINK_HINT)
    if exc.errno == errno.ENOENT and path.is_symlink():
        return Unreadable("is a link to a file that does not exist", _LINK_HINT)
    if exc.errno == errno.ENOENT:
        return Unreadable("file not found", missing=True)
    if exc.errno == errno.EISDIR:
        return Unreadable("is a folder, not a file", folder=True)
    return Unreadable(f"cannot be read: {exc.strerror or exc}")
