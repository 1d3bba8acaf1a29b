"""Problems in a user's content, and the exception that carries them to the command line."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One located mistake: where it is, what is wrong, and how to fix it."""

    path: str
    line: int
    col: int
    message: str
    key: str = ""
    hint: str = ""
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """The `path:line:col: error: message (hint)` line the user reads."""
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        text = f"{where}: {self.severity.value}: {self.message}"
        return visible(f"{text} ({self.hint})" if self.hint else text)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def visible(text: str) -> str:
    """`text` with line breaks, control and invisible formatting characters written as escapes (`\\u202e`).

    Messages quote the user's text; quoted as is, a line break would split the one-line message and a
    right-to-left override would reverse the rest of the terminal line.
    """
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


class BriefError(Exception):
    """A problem the user can fix: bad content, a bad theme, a layout that cannot fit.

    Carries every problem found in one run, so the user fixes them all in one go.
    """

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=reading_order)
        super().__init__("\n".join(p.format() for p in self.problems))


def reading_order(problem: Problem) -> tuple[str, int, int]:
    """Problems sorted as a reader goes through the files: by path, then line and column (a sort that keeps
    the order in which the checks found those at one place)."""
    return (problem.path, problem.line, problem.col)
