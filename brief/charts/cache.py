"""The key of the chart cache (render.py keeps each chart's drawing under it), so an unchanged chart never
starts matplotlib again.

The key is a SHA-256 over a canonical JSON of everything that shapes the drawing: the chart spec, its
data, the theme's chart look, fonts, sizes and colours, the width, the standalone texts, the font
files, brief's version, the installed matplotlib, svglib and ReportLab, and the source of the chart
modules themselves (so a code change during development never serves a stale picture).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import pickle
from functools import cache
from pathlib import Path
from typing import Any

from brief import __version__
from brief.charts.draw import Standalone
from brief.charts.layout import family_weights
from brief.content.model import Chart, ChartTable
from brief.fingerprint import package_identity
from brief.languages import ENGLISH_US, Locale
from brief.theme.fonts import font_path
from brief.theme.model import Theme

#: The modules whose code decides what a chart looks like.
_CHART_MODULES = (
    "layout.py",
    "kinds.py",
    "lines.py",
    "timeaxis.py",
    "draw.py",
    "../content/periods.py",  # which categories make a time axis
    "../content/data.py",  # the notes a standalone chart prints
    "../languages.py",  # how numbers, months and quarters are written
)


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
        "packages": [package_identity(name) for name in ("matplotlib", "svglib", "reportlab")],
        "pickle": pickle.HIGHEST_PROTOCOL,
        "code": _code_digest(),
        "fonts": [_font_files(family) for family in sorted({theme.fonts.body, theme.fonts.heading})],
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


#: Drawings kept. Each edit of a chart's data adds one, so after a build that drew charts, the least
#: recently used beyond this many are removed: a long watch, or batches with a chart per row, would
#: otherwise fill the disk.
MAX_ENTRIES = 400


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
