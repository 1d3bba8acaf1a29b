"""Plain YAML data → the model's dataclasses, driven by their type hints and field rules.

Every mistake becomes a located Problem and conversion carries on, so one run reports them all.
"""

from __future__ import annotations

import calendar
import dataclasses
import difflib
import math
import re
import types
import typing
import unicodedata
from functools import cache
from typing import Any, Literal, Union

from brief.content.model import MISSING_WORDS
from brief.errors import Problem
from brief.loading import Document, KeyPath, _NonFinite, counted

#: Numbers beyond this are typos, and would overflow layout and chart arithmetic.
MAX_NUMBER = 1e15
#: Characters in one text value without a limit of its own: about six pages of one paragraph, which no
#: brief has; a pasted document of megabytes would take minutes to fail in layout.
MAX_TEXT_LENGTH = 20_000


class Invalid(Exception):
    """Internal: this value could not be converted (its problem is already recorded)."""


@cache
def hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def exact(value: float) -> str:
    """`value` in the fewest digits that read back as it: `97`, `1e+300`, and `100.0000001`, never `100`."""
    short = f"{value:g}"
    return short if float(short) == value else repr(value)


def describe(value: Any) -> str:
    """How a wrong value is named in a message: its YAML type and a short excerpt."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (a yes/no value)"
    if isinstance(value, _NonFinite):
        return f"'{value}'"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        short = value if len(value) <= 30 else value[:27] + "..."
        return f"the text '{short}'"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


class Converter:
    """Converts one document's data, collecting problems instead of stopping at the first."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def fail(self, path: KeyPath, message: str, hint: str = "", key: bool = False) -> Invalid:
        self.problems.append(self.doc.problem(path, message, hint=hint, key=key))
        return Invalid()

    def convert(self, value: Any, hint: Any, path: KeyPath, rules: dict[str, Any]) -> Any:
        origin = typing.get_origin(hint)
        if origin in (Union, types.UnionType):
            options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
            if value is None:
                return None
            if rules.get("missing") and isinstance(value, str) and value.strip() in MISSING_WORDS:
                return None
            return self.convert(value, options[0], path, rules)
        if origin is Literal:
            return self._choice(value, typing.get_args(hint), path)
        if origin is list:
            return self._list(value, typing.get_args(hint)[0], path, rules)
        if dataclasses.is_dataclass(hint):
            return self.dataclass(value, typing.cast(type, hint), path)
        if hint is str:
            return self._text(value, path, rules)
        if hint is bool:
            if not isinstance(value, bool):
                raise self.fail(path, f"'{self._name(path)}' must be true or false, not {describe(value)}")
            return value
        if hint in (int, float):
            return self._number(value, hint, path, rules)
        raise TypeError(f"no conversion for {hint!r}")  # a bug in the model, not the user's fault

    def dataclass(self, value: Any, cls: type, path: KeyPath) -> Any:
        if not isinstance(value, dict):
            where = f"'{self._name(path)}'" if path else "the file"
            lists = [
                name
                for name, kind in hints(cls).items()
                if typing.get_origin(kind) is list and dataclasses.is_dataclass(typing.get_args(kind)[0])
            ]
            hint = f"start the file with '{lists[0]}:' above the list" if not path and len(lists) == 1 else ""
            raise self.fail(path, f"{where} must be a mapping of keys to values, not {describe(value)}", hint=hint)
        fields = {f.name: f for f in dataclasses.fields(cls)}
        for key in value:
            if key not in fields:
                close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
                self.fail(
                    (*path, key),
                    f"unknown key '{key}'",
                    key=True,
                    hint=f"did you mean '{close[0]}'?" if close else "expected one of: " + ", ".join(fields),
                )
        result: dict[str, Any] = {}
        ok = True
        for name, f in fields.items():
            if name not in value:
                if _required(f):
                    self.fail(path, f"missing required key '{name}'" + (f" in {counted(path)}" if path else ""))
                    ok = False
                continue
            try:
                result[name] = self.convert(value[name], hints(cls)[name], (*path, name), dict(f.metadata))
            except Invalid:
                ok = False
        if not ok:
            raise Invalid()
        return cls(**result)

    def _list(self, value: Any, item: Any, path: KeyPath, rules: dict[str, Any]) -> list[Any]:
        if isinstance(value, str | int | float) and item is str and not isinstance(value, bool):
            value = [value]  # one paragraph or one id may be written without the list dashes
        if not isinstance(value, list):
            raise self.fail(path, f"'{self._name(path)}' must be a list, not {describe(value)}")
        if len(value) < rules.get("min_items", 0):
            raise self.fail(
                path,
                f"'{self._name(path)}' needs at least {rules['min_items']} item{'s' if rules['min_items'] > 1 else ''}",
            )
        result, ok = [], True
        for i, entry in enumerate(value):
            try:
                result.append(self.convert(entry, item, (*path, i), rules))
            except Invalid:
                ok = False
        if not ok:
            raise Invalid()
        return result

    def _text(self, value: Any, path: KeyPath, rules: dict[str, Any]) -> str:
        if isinstance(value, int | float) and not isinstance(value, bool | _NonFinite):
            value = self.doc.written.get(path, str(value))  # `shown: 1.50` means the text "1.50", as typed
        if value is None:
            where = f"after '{path[-1]}:'" if path and isinstance(path[-1], str) else "here"
            raise self.fail(path, f"'{self._name(path)}' has no value", hint=f"write the text {where}")
        if isinstance(value, bool):
            written, reads = self.doc.written.get(path, str(value).lower()), str(value).lower()
            raise self.fail(
                path,
                f"'{self._name(path)}' must be text"
                + (f", not {reads}" if written.lower() == reads else f"; YAML reads {written} as {reads}"),
                hint=f'put it in quotes: "{written}"',
            )
        if not isinstance(value, str):
            raise self.fail(path, f"'{self._name(path)}' must be text, not {describe(value)}")
        value = str(value)
        if not value.strip() and not rules.get("empty_ok"):
            raise self.fail(path, f"'{self._name(path)}' must not be empty")
        limit = rules.get("max_length") or MAX_TEXT_LENGTH
        if len(value) > limit:
            message = f"'{self._name(path)}' is {len(value):,} characters; at most {limit:,} fit"
            raise self.fail(path, message, hint="" if rules.get("max_length") else "split it into shorter paragraphs")
        pattern = rules.get("pattern")
        if pattern and r"\d{4}" in pattern and (why := _impossible_date(value)):
            raise self.fail(path, f"'{self._name(path)}' is '{value}', which is not a real date", hint=why)
        if pattern and value and not re.fullmatch(pattern, value):
            raise self.fail(
                path,
                f"'{self._name(path)}' is '{value}', which is not {_pattern_name(pattern)}",
                hint=_id_suggestion(value) if "[a-z0-9-]" in pattern else "",
            )
        return value

    def _number(self, value: Any, kind: type, path: KeyPath, rules: dict[str, Any]) -> Any:
        if isinstance(value, _NonFinite):
            raise self.fail(path, f"'{self._name(path)}' must be a finite number, not '{value}'")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(
                path,
                f"'{self._name(path)}' must be a number, not {describe(value)}",
                hint=(_number_hint(value) or _missing_hint(rules)) if isinstance(value, str) else "",
            )
        if kind is int and isinstance(value, float):
            if not value.is_integer():
                raise self.fail(path, f"'{self._name(path)}' must be a whole number, not {value}")
            value = int(value)
        low, high = rules.get("min", -MAX_NUMBER), rules.get("max", MAX_NUMBER)
        if not low <= value <= high:
            raise self.fail(path, f"'{self._name(path)}' is {value}; it must be between {low:g} and {high:g}")
        return kind(value)

    def _choice(self, value: Any, choices: tuple[str, ...], path: KeyPath) -> str:
        if value not in choices:
            close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.5)
            raise self.fail(
                path,
                f"'{self._name(path)}' is {describe(value)}; expected one of: " + ", ".join(choices),
                hint=f"did you mean '{close[0]}'?" if close else "",
            )
        return str(value)

    def _name(self, path: KeyPath) -> str:
        named = [part for part in path if isinstance(part, str)]
        return named[-1] if named else "value"


def _required(f: dataclasses.Field[Any]) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def _impossible_date(value: str) -> str:
    """Why a YYYY[-MM[-DD]] date does not exist, or "" if it does (or is not of that form at all)."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not match:
        return ""
    year, month, day = (int(part) if part else 0 for part in match.groups())
    if match[2] and not 1 <= month <= 12:
        return f"there is no month {match[2]}"
    if match[3]:
        days = calendar.monthrange(year or 2000, month)[1]
        if not 1 <= day <= days:
            return f"{calendar.month_name[month]} {year} has {days} days"
    return ""


def _id_suggestion(value: str) -> str:
    ascii_only = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")
    return f"try '{slug}'" if slug else ""


def _missing_hint(rules: dict[str, Any]) -> str:
    return "where the source gives no value, write null or 'n/a'" if rules.get("missing") else ""


def _number_hint(value: str) -> str:
    """How to write a number that YAML read as text, if that is what happened."""
    bare = value.strip().removesuffix("%").replace(",", "").strip()
    try:
        number = float(bare)
    except ValueError:
        return ""
    if not math.isfinite(number):
        return ""
    if value.strip().endswith("%"):
        return f"write the number without '%': {bare}"
    if "," in value:
        return f"write the number without commas: {bare}"
    scientific = re.fullmatch(r"\s*([-+]?\d+)(\.\d*)?[eE]([-+]?)(\d+)\s*", value)
    if scientific:
        whole, fraction, sign, power = scientific.groups()
        return f"YAML reads this form as text; write {whole}{fraction or '.0'}e{sign or '+'}{power}"
    return "remove the quotes around it"


def _pattern_name(pattern: str) -> str:
    if "[a-z0-9-]" in pattern:
        return "an id made of lower-case letters, digits and hyphens"
    if r"\d{4}" in pattern:
        return "a date as YYYY, YYYY-MM or YYYY-MM-DD"
    if "A-Za-z" in pattern:
        return "a language tag such as 'en-US'"
    if "0-9a-fA-F" in pattern:
        return "a colour written as #rrggbb, such as '#16365c'"
    return f"of the form {pattern}"
