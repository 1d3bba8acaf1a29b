"""Blocks that fit on no page, found before layout: a chart whose drawing alone is taller than the frame.

Its size comes from the chart's layout, without matplotlib, so `brief check` says at once what `brief
build` would find only when laying the pages out. A figure that is only just too tall, with its title and
notes, is still found by the layout (`brief check --layout`, `brief build`).
"""

from __future__ import annotations

from brief.charts.render import chart_jobs, chart_sketch
from brief.content.model import Brief
from brief.errors import Problem
from brief.loading import Document
from brief.theme.model import Theme, text_height


def oversized_charts(brief: Brief, theme: Theme, docs: dict[str, Document]) -> list[Problem]:
    """A located error for each chart taller than a page's frame at the width it is shown at."""
    room = text_height(theme)
    problems = []
    for job in chart_jobs(brief, theme):
        height = chart_sketch(job).height
        if height > room:
            index = brief.charts.charts.index(job.chart)
            problems.append(
                docs["charts.yaml"].problem(
                    ("charts", index),
                    f"this chart is {height:.0f} pt tall; the page holds {room:.0f} pt; it cannot fit on any page",
                    hint="give it fewer categories or shorter texts",
                )
            )
    return problems


def crowded_charts(brief: Brief, theme: Theme, docs: dict[str, Document]) -> list[Problem]:
    """A located error for each chart whose labels, as its content asks for them, would overlap at the width
    it is shown at. Only charts that label every point can be crowded, so only they are laid out."""
    problems = []
    for job in chart_jobs(brief, theme):
        if job.chart.point_labels != "all":
            continue
        index = brief.charts.charts.index(job.chart)
        for message in chart_sketch(job).problems:
            hint = "use point_labels: first-last or last, or show fewer points"
            problems.append(docs["charts.yaml"].problem(("charts", index, "point_labels"), message, hint=hint))
    return problems
