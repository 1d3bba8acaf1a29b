"""Which files make up each font family, kept between runs as matplotlib keeps its font list.

Asking fontpkg costs about 20 ms a run — its registry reads the entry points of every installed package —
against a 0.35 s rebuild. Its answers are kept in `$XDG_CACHE_HOME/brief/` (`~/.cache/brief/`) together
with the identity of every folder on `sys.path`: installing, upgrading or removing a package changes its
folder, and then fontpkg is asked again. The files themselves are checked to exist before an answer is
used. A folder that cannot be written or a damaged file only means asking fontpkg; never a wrong font.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "brief"


def installed_state() -> str:
    """A digest of what is installed: each folder on sys.path and its modification time."""
    parts = []
    for entry in sys.path:
        try:
            parts.append(f"{entry}:{os.stat(entry or '.').st_mtime_ns}")
        except OSError:
            parts.append(f"{entry}:absent")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]


def _lookups() -> Path:
    return cache_folder() / f"font-lookups-{installed_state()}.json"


def read_lookup(family: str) -> dict[str, Any] | None:
    """The answer kept for `family` while nothing was installed or removed, if its files are all there."""
    try:
        entry = json.loads(_lookups().read_text(encoding="utf-8"))[family]
        files = entry["files"]
        if isinstance(entry["problem"], str) and all(Path(path).is_file() for path in files.values()):
            return {"problem": entry["problem"], "files": {str(k): str(v) for k, v in files.items()}}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return None


def write_lookup(family: str, answer: dict[str, Any]) -> None:
    """Keep `answer` for `family`; answers kept under an older installed state are removed."""
    target = _lookups()
    with contextlib.suppress(OSError, ValueError):
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            kept = json.loads(target.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            kept = {}
        kept = kept if isinstance(kept, dict) else {}
        kept[family] = answer
        with tempfile.NamedTemporaryFile("w", dir=target.parent, suffix=".tmp", delete=False) as out:
            json.dump(kept, out, sort_keys=True)
        os.replace(out.name, target)
        for old in target.parent.glob("font-lookups-*.json"):
            if old != target:
                old.unlink(missing_ok=True)
