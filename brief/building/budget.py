"""The size of what a build wrote, in words a user reads, and the email budget a brief should stay under."""

from __future__ import annotations

from pathlib import Path

from brief.errors import Problem, Severity

_MB = 1_000_000  # decimal megabytes, as mail clients and file managers count attachment sizes


def human_size(size: int) -> str:
    """`93851` → `94 KB`; `2400000` → `2.4 MB`."""
    if size < 1000:
        return f"{size} bytes"
    if size < _MB:
        return f"{size / 1000:.0f} KB"
    return f"{size / _MB:.1f} MB"


def email_budget_problems(path: Path, size: int, budget_mb: float) -> list[Problem]:
    """A warning when the PDF is larger than the theme's email budget; none when it fits."""
    if size <= budget_mb * _MB:
        return []
    return [
        Problem(
            str(path),
            0,
            0,
            f"the PDF is {size / _MB:.2f} MB, more than the {budget_mb:g} MB email budget",
            hint="many mail servers refuse large attachments; use smaller logos or raise layout.email_budget",
            severity=Severity.WARNING,
        )
    ]
