"""Themes: where a theme named in brief.yaml lives."""

from __future__ import annotations

from pathlib import Path

BUILTIN_THEMES = Path(__file__).parent / "themes"


def find_theme(name: str, project: Path) -> Path | None:
    """The theme file for `name`: a path, a file under the project's styles/, or a built-in theme."""
    if name.endswith((".yaml", ".yml")) or "/" in name:
        candidate = project / name
        return candidate if candidate.is_file() else None
    for folder in (project / "styles", BUILTIN_THEMES):
        candidate = folder / f"{name}.yaml"
        if candidate.is_file():
            return candidate
    return None
