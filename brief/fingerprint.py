"""Fingerprints of what a build reads: files, installed packages and brief's own code.

The chart caches and the up-to-date check (build_stamp.py) key on these. Each is cheap on purpose: the
up-to-date check runs before anything heavy is imported, and importlib.metadata alone (which parses
package metadata with the email package) would cost more than hashing every content file.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import stat
from functools import cache
from pathlib import Path

#: brief's own package folder: its code, built-in themes and templates decide what a PDF looks like.
PACKAGE = Path(__file__).parent


#: Larger files are known by size and modification time, not read: brief's readers refuse any file over a
#: few megabytes, so such a file is unused or refused, and hashing gigabytes would slow every build.
MAX_HASHED_BYTES = 64_000_000


def file_digest(path: Path) -> str:
    """SHA-256 of a regular file's bytes, read in chunks; 'absent' when there is no readable file (absence is
    an input too); for a FIFO or a device, which no build reads, only its kind."""
    try:
        if not stat.S_ISREG(mode := os.stat(path).st_mode):
            return f"special {stat.S_IFMT(mode):o}"
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)  # replaced by a FIFO meanwhile: no wait
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(mode := os.fstat(fd).st_mode):
                return f"special {stat.S_IFMT(mode):o}"
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return "absent"


def file_identity(path: Path) -> str:
    """Size and modification time of a large file that never changes in place (a font), without reading it."""
    try:
        stat = path.stat()
    except OSError:
        return "absent"
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def tree_digest(folder: Path, skip: frozenset[Path] = frozenset()) -> list[tuple[str, str]]:
    """(relative path, digest) of every file under `folder`, sorted; hidden files and `skip` are left out.

    Every file counts, not only the ones a build is known to read, so a file that a future feature reads
    (or a new optional content file) can never be missed.
    """
    found: list[tuple[str, str]] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith(".") or path in skip:
                continue
            found.append((path.relative_to(folder).as_posix(), _tree_entry(path)))
    return found


def _tree_entry(path: Path) -> str:
    """A file's digest, or its identity when it is larger than MAX_HASHED_BYTES."""
    try:
        info = path.stat()
    except OSError:
        return "absent"
    if stat.S_ISREG(info.st_mode) and info.st_size > MAX_HASHED_BYTES:
        return f"large {info.st_size}:{info.st_mtime_ns}"
    return file_digest(path)


@cache
def package_identity(name: str) -> str:
    """Where an installed package lives and the size and time of its entry file: an upgrade changes it."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.origin:
        return f"{name}: not installed"
    origin = Path(spec.origin)
    return f"{name}: {origin} {file_identity(origin)}"


@cache
def code_digest() -> str:
    """SHA-256 over brief's own source files and built-in themes, so a code change is never served stale."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".yaml", ".yml", ".csv") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(file_digest(path).encode())
    return digest.hexdigest()
