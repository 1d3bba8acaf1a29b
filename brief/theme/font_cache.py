"""Fonts kept between runs, as matplotlib keeps its font list: which files make up each family, and the
characters each file can draw. Both live in brief's cache folder (files.cache_folder).

Asking fontpkg which files make up a family is slow next to a rebuild — its registry reads the entry points
of every installed package. Its answers are kept with the identity of every
folder on `sys.path`: installing, upgrading or removing a package changes its folder, and then fontpkg is
asked again. The files themselves are checked to exist before an answer is used.

The characters a font file can draw (which `brief check` tests every text against) are kept with the
file's identity, so a check need not load ReportLab.

A folder that cannot be written or a damaged file only means doing the work again; never a wrong font.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from brief.files import cache_folder, write_atomic


def installed_state() -> str:
    """A digest of what is installed: each folder on sys.path and its modification time.

    The working folder is left out: it is the user's project, whose every new file would otherwise make
    fontpkg be asked again, and each project answered apart.
    """
    parts = []
    here = os.getcwd()
    for entry in sys.path:
        if entry in ("", here):
            continue
        try:
            parts.append(f"{entry}:{os.stat(entry or '.').st_mtime_ns}")
        except OSError:
            parts.append(f"{entry}:absent")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]


def _lookups() -> Path:
    folder = cache_folder()
    if folder is None:
        raise OSError("no cache folder")
    return folder / f"font-lookups-{installed_state()}.json"


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
    with contextlib.suppress(OSError):
        target = _lookups()
        _keep_in_json(target, family, answer)
        for old in target.parent.glob("font-lookups-*.json"):
            if old != target:
                old.unlink(missing_ok=True)


def _keep_in_json(target: Path, key: str, value: Any, *, still: Callable[[str], bool] | None = None) -> None:
    """Set `key` to `value` in the JSON object kept in `target`; other keys stay, those `still` refuses go."""
    try:
        kept = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = {}
    kept = {k: v for k, v in kept.items() if still is None or still(k)} if isinstance(kept, dict) else {}
    kept[key] = value
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, json.dumps(kept, sort_keys=True).encode("utf-8"))


# ── character maps ──

_CHARMAPS = "font-charmaps.json"


def read_charmap(path: Path) -> frozenset[int] | None:
    """The code points the font file `path` can draw, as kept for this very file (path, size and time)."""
    from brief.fingerprint import file_identity

    folder = cache_folder()
    if folder is None:
        return None
    try:
        entry = json.loads((folder / _CHARMAPS).read_text(encoding="utf-8"))[str(path)]
        if entry["file"] != file_identity(path):
            return None
        return frozenset(code for start, end in entry["ranges"] for code in range(int(start), int(end) + 1))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_charmap(path: Path, codes: frozenset[int]) -> None:
    """Keep the code points of the font file `path`, as runs of consecutive code points."""
    from brief.fingerprint import file_identity

    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    folder = cache_folder()
    if folder is not None:
        with contextlib.suppress(OSError):
            entry = {"file": file_identity(path), "ranges": ranges}
            _keep_in_json(folder / _CHARMAPS, str(path), entry, still=lambda name: Path(name).is_file())
