"""`brief new`: a working project folder from a template shipped inside the package.

The templates live in the package (not in the repository around it), so an installed wheel can make a
project anywhere; the repository's own `content` is a link to the default template's content.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from brief.errors import BriefError, Problem

#: Templates a new project can start from: the default brief, or placeholders to fill in.
TEMPLATES = ("default", "blank")

# Files every project gets, whichever template: (name in the package, name in the project).
_COMMON = (("README.md", "README.md"), ("gitignore", ".gitignore"), ("styles", "styles"))


def templates_root() -> Traversable:
    """The folder of templates inside the installed package."""
    return files("brief") / "templates"


def new_project(target: Path, template: str = "default") -> list[Path]:
    """Make a brief project in `target` (absent or empty) from `template`; returns the files written."""
    if template not in TEMPLATES:
        raise BriefError([Problem(template, 0, 0, "no such template", hint="use one of: " + ", ".join(TEMPLATES))])
    _refuse_non_empty(target)
    root = templates_root()
    written: list[Path] = []
    try:
        written += _copy_tree(root / template / "content", target / "content")
        for source, name in _COMMON:
            written += _copy_tree(root / "common" / source, target / name)
        written += _write_schemas(target / "schemas")
        _name_house_theme(target / "content" / "brief.yaml")
        (target / "output").mkdir(exist_ok=True)
        (target / "output" / ".gitkeep").write_bytes(b"")
    except OSError as exc:
        raise BriefError([Problem(str(target), 0, 0, f"cannot write the project here: {exc.strerror or exc}")]) from exc
    return sorted(written)


def _name_house_theme(brief_yaml: Path) -> None:
    """Point the new brief at its own styles/house.yaml, so that editing the house theme changes the PDF.

    The default template is also the repository's own brief, which uses the built-in theme; a new project
    uses its house theme, which starts as the same look.
    """
    lines = brief_yaml.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.rstrip() == "theme: default":
            lines[i] = "theme: house  # styles/house.yaml: your colours and type; it extends the built-in default\n"
    brief_yaml.write_text("".join(lines), encoding="utf-8")


def _refuse_non_empty(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise BriefError([Problem(str(target), 0, 0, "a file of that name exists", hint="choose a new folder name")])
    if target.is_dir() and any(target.iterdir()):
        raise BriefError(
            [
                Problem(
                    str(target),
                    0,
                    0,
                    "the folder is not empty; brief new writes only into a new or empty folder",
                    hint="choose a new folder name",
                )
            ]
        )


def _copy_tree(source: Traversable, target: Path) -> list[Path]:
    """Copy a file or a folder out of the package (a plain folder, or a zip when installed as one)."""
    if source.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
        return [target]
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for child in sorted(source.iterdir(), key=lambda c: c.name):
        if child.name != "__pycache__":
            written += _copy_tree(child, target / child.name)
    return written


def _write_schemas(folder: Path) -> list[Path]:
    """The JSON Schemas that the content and theme files' `# yaml-language-server: $schema=` lines point at."""
    from brief.theme.schema import SCHEMA_FILES, schema_text

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, file_name in SCHEMA_FILES.items():
        path = folder / file_name
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written
