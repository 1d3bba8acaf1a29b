"""Projects the benchmarks build: copies of the default brief, a long generated one, and a batch template.

Everything is generated from the repository's own content, so the figures follow the real brief.
"""

from __future__ import annotations

import copy
import csv
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
#: Chart types whose data is inline in charts.yaml: copied with new ids and nudged values for the long brief.
_INLINE_CHARTS = ("partnerships", "youth-funding", "funding-gaps")
#: Paragraphs of text per generated finding: with its chart, about two pages.
PARAGRAPHS = 22


def copy_default(target: Path) -> Path:
    """A fresh copy of the default brief (content/ and styles/) at `target`."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ROOT / "content", target / "content")
    if (ROOT / "styles").is_dir():
        shutil.copytree(ROOT / "styles", target / "styles", symlinks=False)
    return target


def edit_text(project: Path, round_number: int) -> None:
    """A text-only edit, as an author makes one: a sentence of the summary changes."""
    info = project / "content" / "brief.yaml"
    text = info.read_text(encoding="utf-8")
    marker = "finds that mayors still see crime as a problem"
    start = text.index(marker)
    end = text.index(":", start)
    text = text[:start] + f"{marker} (revision {round_number})" + text[end:]
    info.write_text(text, encoding="utf-8")


def long_brief(target: Path, extra_findings: int) -> Path:
    """The default brief plus `extra_findings` findings, each with a chart of its own and a page or so of text."""
    copy_default(target)
    content = target / "content"
    findings = _load(content / "findings.yaml")
    charts = _load(content / "charts.yaml")
    info = _load(content / "brief.yaml")
    templates = [c for c in charts["charts"] if c["id"] in _INLINE_CHARTS]
    paragraphs = info["summary"] + [p for f in findings["findings"] for p in f["text"]]
    base = [f for f in findings["findings"] if "chart" not in f]
    for i in range(extra_findings):
        finding = copy.deepcopy(base[i % len(base)])
        finding["id"] = f"extra-{i}"
        finding["headline"] = f"{finding['headline']} ({i + 1})"
        finding["text"] = [paragraphs[(i + k) % len(paragraphs)] for k in range(PARAGRAPHS)]
        chart = _nudged(templates[i % len(templates)], i)
        finding["chart"] = chart["id"]
        findings["findings"].append(finding)
        charts["charts"].append(chart)
    info["max_pages"] = 1000
    _dump(content / "findings.yaml", findings)
    _dump(content / "charts.yaml", charts)
    _dump(content / "brief.yaml", info)
    return target


def _nudged(template: dict[str, Any], i: int) -> dict[str, Any]:
    chart = copy.deepcopy(template)
    chart["id"] = f"extra-chart-{i}"
    chart["title"] = f"{chart['title']} ({i + 1})"
    for series in chart["data"]["series"]:
        series["values"] = [_nudge(v, i) for v in series["values"]]
    if chart["type"] == "stacked-100":  # shares of a whole: keep each category's parts adding up to 100
        first, *rest = chart["data"]["series"]
        for j in range(len(first["values"])):
            first["values"][j] = 100 - sum(s["values"][j] for s in rest)
    return chart


def _nudge(value: float, i: int) -> float:
    return max(0, min(100, value + (i % 7) - 3)) if value else value


def batch_template(target: Path, rows: int) -> tuple[Path, Path]:
    """The default brief with `{{ city }}` in its title and `{{ tech }}` in a stat and a chart cell; and a CSV."""
    copy_default(target)
    content = target / "content"
    info = content / "brief.yaml"
    lines = info.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("title: "))
    lines[at] = 'title: "{{ city }}: ' + lines[at][len("title: ") :].strip('"') + '"'
    info.write_text("\n".join(lines), encoding="utf-8")
    findings = content / "findings.yaml"
    _replace(findings, "      shown: 97%\n      value: 97\n", '      shown: "{{ tech }}%"\n      value: {{ tech }}\n')
    _replace(content / "data" / "survey-shares.csv", "equipment,97", "equipment,{{ tech }}")
    variants = target / "variants.csv"
    with variants.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["slug", "city", "tech"])
        for row in range(rows):
            writer.writerow([f"city-{row + 1:02d}", f"City {row + 1}", 80 + row % 20])
    return target, variants


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise ValueError(f"{path}: '{old.strip()}' not found; the default content changed")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
