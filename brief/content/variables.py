"""`{{ name }}` placeholders in content, filled with one row of a variants CSV (see batch.py).

A placeholder may stand anywhere in a content file's values, or in a cell of a chart's CSV. Where it is
a whole plain YAML value (`value: {{ share }}`) the row's text is read as YAML reads a value, so `43`
is a number and `yes` a yes; anywhere else it is text spliced into the text around it.

YAML files are never rewritten as text — a value holding `: ` or a line break would change the file's
structure. Each placeholder is first masked by a token of exactly its own length (private-use characters
that occur in no real text), the file is parsed as usual, and the tokens in the parsed values are then
replaced. So every line and column that validation reports is that of the file as the user wrote it,
and no value can turn into YAML syntax. CSV cells are filled in the text itself: lines stay, columns after
a placeholder on the same line may shift.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brief.errors import Problem
from brief.loading import Document, KeyPath, parse_yaml

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_START, _PAD, _FIRST, _LAST = "\ue000", "\ue001", 0xE100, 0xF8FF
_TOKEN = re.compile(f"{_START}([\\ue100-\\uf8ff]){_PAD}*")


@dataclass(frozen=True)
class Placeholder:
    name: str
    line: int
    col: int


def placeholders(text: str) -> list[Placeholder]:
    """Every placeholder in `text`, located (comment lines of YAML files aside)."""
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        if line.lstrip().startswith("#"):
            continue
        found += [Placeholder(m[1], number, m.start() + 1) for m in PLACEHOLDER.finditer(line)]
    return found


@dataclass(frozen=True)
class Fill:
    """The values of one row, filled into the content files of `project` as they are read."""

    project: Path
    values: dict[str, str]
    source: str  # where the values come from, for messages: `variants.csv row 7`

    def applies_to(self, path: Path) -> bool:
        try:
            return path.resolve().is_relative_to((self.project / "content").resolve())
        except (OSError, ValueError):
            return False

    def parse_yaml(self, path: Path, text: str, shown: str) -> tuple[Document | None, list[Problem]]:
        """`text` parsed with this row's values in place of its placeholders."""
        if not self.applies_to(path) or "{{" not in text:
            return parse_yaml(text, shown)
        masked, names = _mask(text)
        if len(names) > _LAST - _FIRST:
            return None, [Problem(shown, 1, 1, f"more than {_LAST - _FIRST:,} placeholders in one file")]
        doc, problems = parse_yaml(masked, shown)
        if doc is None:
            return None, [_unmask_problem(p, names) for p in problems]
        filler = _Filler(self, doc, masked, names)
        doc.data = filler.value(doc.data, ())
        return doc, [_unmask_problem(p, names) for p in problems] + filler.problems

    def csv_text(self, path: Path, text: str) -> str:
        """A chart CSV with this row's values in its cells (quoted where a value needs it)."""
        if not self.applies_to(path) or "{{" not in text:
            return text
        return PLACEHOLDER.sub(lambda m: _csv_value(self.values.get(m[1], m[0]), m, text), text)


def _mask(text: str) -> tuple[str, list[tuple[str, int]]]:
    """`text` with each placeholder replaced by a token of the same length; and (name, offset) of each."""
    names: list[tuple[str, int]] = []

    def token(match: re.Match[str]) -> str:
        index = len(names)
        names.append((match[1], match.start()))
        code = chr(_FIRST + min(index, _LAST - _FIRST))
        return _START + code + _PAD * (len(match[0]) - 2)

    return PLACEHOLDER.sub(token, text), names


def _unmask_problem(problem: Problem, names: list[tuple[str, int]]) -> Problem:
    message = _TOKEN.sub(lambda m: "{{ " + names[ord(m[1]) - _FIRST][0] + " }}", problem.message)
    return Problem(problem.path, problem.line, problem.col, message, problem.key, problem.hint, problem.severity)


class _Filler:
    """Replaces the tokens in a parsed document's values with the row's values."""

    def __init__(self, fill: Fill, doc: Document, text: str, names: list[tuple[str, int]]) -> None:
        self.fill, self.doc, self.text, self.names = fill, doc, text, names
        self.lines = text.split("\n")
        self.problems: list[Problem] = []

    def value(self, data: Any, path: KeyPath) -> Any:
        if isinstance(data, dict):
            for key in data:
                if _TOKEN.search(key):
                    self.problems.append(self.doc.problem((*path, key), "a key cannot be a placeholder", key=True))
            return {key: self.value(item, (*path, key)) for key, item in data.items()}
        if isinstance(data, list):
            return [self.value(item, (*path, i)) for i, item in enumerate(data)]
        if not isinstance(data, str) or _START not in data:
            return data
        whole = _TOKEN.fullmatch(data)
        if whole and self._plain(path):
            text = self._lookup(whole)
            typed = _yaml_scalar(text)
            if isinstance(typed, bool | int | float) and not isinstance(typed, str):
                self.doc.written[path] = text.strip()
            return typed
        return _TOKEN.sub(self._lookup, data)

    def _plain(self, path: KeyPath) -> bool:
        """Whether the value at `path` was written as a bare placeholder, not quoted or in a block."""
        line, col = self.doc.values.get(path, (0, 0))
        return 0 < line <= len(self.lines) and self.lines[line - 1][col - 1 : col] == _START

    def _lookup(self, match: re.Match[str]) -> str:
        name, offset = self.names[ord(match[1]) - _FIRST]
        if name in self.fill.values:
            return self.fill.values[name]
        line = self.text.count("\n", 0, offset) + 1
        col = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        known = ", ".join(sorted(self.fill.values)) or "none"
        hint = f"the columns of {self.fill.source.split(' row ')[0]} are: {known}"
        self.problems.append(Problem(self.doc.path, line, col, f"no variable '{name}'", hint=hint))
        return "{{ " + name + " }}"


def _yaml_scalar(text: str) -> Any:
    """`text` read as YAML reads a plain value (`43`, `0.58`, `yes`, `~`), or as itself if it is not one."""
    doc, problems = parse_yaml(text.strip(), "<value>")
    if doc is None or problems or isinstance(doc.data, dict | list) or "\n" in text.strip():
        return text
    return text if isinstance(doc.data, str) else doc.data


def _csv_value(value: str, match: re.Match[str], text: str) -> str:
    start, end = match.start(), match.end()
    before = text[start - 1] if start else "\n"
    after = text[end] if end < len(text) else "\n"
    whole_cell = before in ",\n" and after in ",\r\n"
    if whole_cell and any(ch in value for ch in ',"\r\n'):
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow([value])
        return out.getvalue()
    return value
