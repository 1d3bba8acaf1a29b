"""Standalone chart files for slides and press kits: title, source and publisher baked into the image."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Literal

from brief.charts.draw import Standalone, render_chart
from brief.content.model import Brief, Chart
from brief.files import write_atomic
from brief.theme.model import Theme


def export_charts(
    brief: Brief, theme: Theme, out_dir: Path, fmt: Literal["png", "svg", "pdf"], dpi: int = 300
) -> list[Path]:
    """Write every chart of `brief` as `<out_dir>/<chart-id>.<fmt>`; returns the paths in chart order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for chart in (c for c in brief.charts.charts if c.type != "table"):  # tables live in the PDF only
        data = render_chart(
            chart,
            brief.chart_data[chart.id],
            theme,
            theme.chart.width,
            fmt,
            dpi=dpi,
            locale=brief.locale,
            standalone=Standalone(
                brief.info.organisation.name,
                source_line(chart, brief),
                brief.locale.text("source_label"),
                brief.locale.text("notes_label"),
            ),
        )
        if fmt == "svg":
            data = with_font_fallbacks(data)
        path = out_dir / f"{chart.id}.{fmt}"
        write_atomic(path, data, mode=0o644)  # files to share, readable by others as the PDF is
        written.append(path)
    return written


#: Fonts a machine without the theme's family falls back to, in this order, for an SVG chart's text.
FALLBACKS = "'Helvetica Neue', Helvetica, Arial, sans-serif"


def with_font_fallbacks(svg: bytes) -> bytes:
    """An SVG whose text names the theme's family, then common ones: without the family, a viewer would
    otherwise fall back to its default, usually a serif."""
    return re.sub(
        rb"font-family: ('[^']+'|\"[^\"]+\"|[^;\"]+);",
        lambda m: b"font-family: " + m[1] + b", " + FALLBACKS.encode() + b";",
        svg,
    )


def source_line(chart: Chart, brief: Brief) -> str:
    """The publishers of the chart's sources, each once, in the order cited: 'A; B.'. A publisher with two
    works in the brief is named with the work's title, 'A, First title', even where a figure cites only one
    of them, so that a reader can tell which."""
    works = {source.id: source for source in brief.sources.sources}
    cited = [works[s] for s in dict.fromkeys(chart.sources) if s in works]
    count = Counter(source.publisher for source in works.values())
    names = [s.publisher if count[s.publisher] == 1 else f"{s.publisher}, {s.title}" for s in cited]
    return "; ".join(dict.fromkeys(names)) + "." if names else ""
