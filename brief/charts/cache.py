"""A content-addressed cache of chart SVGs, so an unchanged chart never starts matplotlib again.

The key is a SHA-256 over a canonical JSON of everything that shapes the SVG: the chart spec, its
data, the theme's chart look, fonts, sizes and colours, the width, the standalone texts, the font
files, brief's version and the installed matplotlib, and the source of the chart modules themselves
(so a code change during development never serves a stale picture).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from brief import __version__
from brief.charts.draw import Standalone, chart_svg
from brief.charts.layout import Sketch, family_weights
from brief.content.model import Chart, ChartTable
from brief.files import mark_used, prune, write_atomic
from brief.fingerprint import package_identity
from brief.languages import ENGLISH_US, Locale
from brief.theme.fonts import font_path
from brief.theme.model import Theme

#: The modules whose code decides what a chart looks like.
_CHART_MODULES = ("layout.py", "kinds.py", "draw.py")


def chart_key(
    chart: Chart,
    table: ChartTable,
    theme: Theme,
    width: float,
    *,
    standalone: Standalone | None = None,
    locale: Locale = ENGLISH_US,
) -> str:
    """The cache key (hex SHA-256) of one chart rendering."""
    payload: dict[str, Any] = {
        "chart": dataclasses.asdict(chart),
        "table": dataclasses.asdict(table),
        "theme": {part: dataclasses.asdict(getattr(theme, part)) for part in ("chart", "fonts", "sizes", "colours")},
        "width": width,
        "standalone": dataclasses.asdict(standalone) if standalone else None,
        "locale": locale.key(),
        "brief": __version__,
        "matplotlib": package_identity("matplotlib"),
        "code": _code_digest(),
        "fonts": [_font_files(family) for family in sorted({theme.fonts.body, theme.fonts.heading})],
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def cached_chart_svg(
    chart: Chart,
    table: ChartTable,
    theme: Theme,
    width: float,
    cache_dir: Path,
    *,
    sketch: Sketch | None = None,
    locale: Locale = ENGLISH_US,
) -> bytes:
    """`chart_svg` (as the PDF shows it) through a cache folder: read `<cache_dir>/<key>.svg`, or render and
    store it. `sketch` is the chart's layout_chart(), if made already."""
    key = chart_key(chart, table, theme, width, locale=locale)
    entry = cache_dir / f"{key}.svg"
    with contextlib.suppress(OSError):
        cached = entry.read_bytes()
        if _is_complete(cached):
            mark_used(entry)
            return cached
    svg = chart_svg(chart, table, theme, width, sketch=sketch, locale=locale)
    # A cache that cannot be written (read-only folder, full disk) only costs speed, never the build.
    with contextlib.suppress(OSError):
        cache_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(entry, svg)
    return svg


#: Entries kept in each cache folder (SVGs, drawings). Each edit of a chart's data adds one, so after a
#: build that drew charts, the least recently used beyond this many are removed: a long watch, or batches
#: with a chart per row, would otherwise fill the disk.
MAX_ENTRIES = 400


def prune_caches(cache: Path) -> None:
    """Keep the MAX_ENTRIES most recently used SVGs and drawings under `cache` (after a build drew charts)."""
    prune(cache / "charts", "*.svg", MAX_ENTRIES)
    prune(cache / "drawings", "*.pickle", MAX_ENTRIES)


def _is_complete(svg: bytes) -> bool:
    # Entries are only ever renamed into place whole, but a disk or a hand may still damage one.
    return svg.startswith(b"<?xml") and svg.rstrip().endswith(b"</svg>")


@cache
def _code_digest() -> str:
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in _CHART_MODULES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


@cache
def _font_files(family: str) -> list[Any]:
    """Name and size of each font file the family's charts use: new metrics mean new line breaks."""
    files = []
    for weight in sorted(family_weights(family)):
        path = font_path(family, weight)
        files.append([family, weight, path.name, path.stat().st_size])
    return files
