"""brief: designed, accessible policy-brief PDFs from YAML content.

The pipeline runs one way: load → validate → charts → compose → document → finish → write.
"""

from __future__ import annotations

from pathlib import Path

from brief.content.model import Brief
from brief.content.validate import Checked
from brief.errors import BriefError, Problem, Severity, reading_order

__version__ = "0.1.0"

__all__ = ["Brief", "BriefError", "Checked", "Problem", "Severity", "__version__", "build", "check", "load_brief"]


def check(project: Path | str = ".", style: str | None = None, layout: bool = False) -> Checked:
    """Validate a brief project's content; returns the brief (if sound) and every problem found, with the
    layout's warnings too when `layout` (the pages are laid out, nothing is written).

        >>> import brief
        >>> [p.format() for p in brief.check("my-brief").problems]
        []
    """
    from brief.building.pipeline import check as check_content

    checked = check_content(Path(project), style, layout=layout)
    checked.problems.sort(key=reading_order)
    return checked


def build(
    project: Path | str = ".", output: Path | str | None = None, style: str | None = None, paper: str | None = None
) -> Path:
    """Build a brief project into its PDF (by default `PROJECT/output/brief.pdf`) and return its path; raise
    BriefError, leaving any earlier PDF as it was, when the content has problems.

        >>> import brief
        >>> brief.build("my-brief", "my-brief.pdf", style="a4-print")
        PosixPath('my-brief.pdf')
    """
    from brief.building.pipeline import build as build_pdf

    return build_pdf(Path(project), Path(output) if output is not None else None, style, paper=paper).path


def load_brief(project: Path | str = ".") -> Brief:
    """The validated brief of `project`, or a BriefError listing every error in its content."""
    checked = check(project)
    if checked.brief is None:
        raise BriefError(checked.errors)
    return checked.brief
