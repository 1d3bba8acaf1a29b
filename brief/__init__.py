"""brief: designed, accessible policy-brief PDFs from YAML content.

The pipeline runs one way: load → validate → charts → compose → document → finish → write.
"""

from __future__ import annotations

from pathlib import Path

from .errors import BriefError, Problem, Severity
from .model import Brief
from .validate import Checked, check_project

__version__ = "0.1.0"

__all__ = ["Brief", "BriefError", "Checked", "Problem", "Severity", "__version__", "check", "load_brief"]


def check(project: Path | str = ".") -> Checked:
    """Validate a brief project's content; returns the brief (if sound) and every problem found."""
    return check_project(Path(project))


def load_brief(project: Path | str = ".") -> Brief:
    """The validated brief of `project`, or a BriefError listing every error in its content."""
    checked = check(project)
    if checked.brief is None:
        raise BriefError(checked.errors)
    return checked.brief
