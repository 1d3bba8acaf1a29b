"""YAML files → plain data, plus where every key and value stands in the file.

PyYAML's safe loader is used for parsing only; the node tree is turned into plain data here so that
positions survive, duplicate keys are reported (PyYAML silently keeps the last) and alias bombs stop
early instead of exhausting memory.
"""

from __future__ import annotations

import math
import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from brief.errors import Problem
from brief.reading import TooLarge, Unreadable, read_limited

KeyPath = tuple[str | int, ...]
Position = tuple[int, int]  # line, column; both from 1

#: A batch row's values, filled into {{ placeholders }} of content files as they are read (variables.Fill).
FILL: ContextVar[Any] = ContextVar("brief_fill", default=None)
#: More nodes than any honest brief has; an alias bomb reaches it long before memory runs out.
MAX_NODES = 200_000
#: Characters of text once aliases are expanded: twice the largest file, so only repetition reaches it.
MAX_EXPANDED_CHARS = 10_000_000
#: Content files are text a person edits; a larger file is almost surely a mistake.
MAX_FILE_BYTES = 5_000_000


@dataclass
class Document:
    """One loaded YAML file: its data and the position of every value and key in it."""

    path: str
    data: Any
    values: dict[KeyPath, Position] = field(default_factory=dict)
    keys: dict[KeyPath, Position] = field(default_factory=dict)
    #: How each yes/no value or number was written (`no`, `1.50`, `12:30`): text fields keep it as typed,
    #: and messages quote the user's own word.
    written: dict[KeyPath, str] = field(default_factory=dict)
    #: The lines (first, last) each text value spans in `lines`, the file as written: a part of a long
    #: paragraph, such as a citation, is located at its own line.
    spans: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def where(self, path: KeyPath, *, key: bool = False) -> Position:
        """Position of the value (or key) at `path`, else of its nearest located ancestor."""
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            probe = path[:end]
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
        return (1, 1)

    def where_part(self, path: KeyPath, part: str) -> Position:
        """Position of `part` as written inside the text value at `path`, else of the value."""
        first, last = self.spans.get(path, (0, -1))
        for number in range(first, last + 1):
            column = self.lines[number - 1].find(part) if number <= len(self.lines) else -1
            if column >= 0:
                return number, column + 1
        return self.where(path)

    def problem(self, path: KeyPath, message: str, *, hint: str = "", key: bool = False, part: str = "") -> Problem:
        """A problem with the value (or key) at `path`; with `part`, where that part of its text is written."""
        line, col = self.where_part(path, part) if part else self.where(path, key=key)
        return Problem(self.path, line, col, message, key=dotted(path), hint=hint)

    def newest(self, *paths: KeyPath) -> KeyPath:
        """Of values that clash, the one set last (by a theme over the one it extends); here, the first."""
        return paths[0]


def counted(path: KeyPath) -> str:
    """`findings item 3, stat`: a key path as a message names it, items counted from 1 as a reader counts."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f" item {part + 1}"
        else:
            text += f", {part}" if text else part
    return text


def dotted(path: KeyPath) -> str:
    """`findings[2].stat.value`: a key path as the user would read it."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


_WRITTEN_TAGS = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
#: Plain data only: `!!binary`, `!!set`, `!!python/...` and custom `!tags` are refused, wherever they stand.
_SCALAR_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_MAP_TAG, _SEQ_TAG = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"


class _TooLarge(Exception):
    """More values, or more characters, than MAX_NODES or MAX_EXPANDED_CHARS once aliases are expanded."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class _BadTag(Exception):
    """A `!tag` that is not plain data, or an explicit `!!int`, `!!seq`... that does not fit its value."""

    def __init__(self, node: yaml.Node, allowed: bool = True) -> None:
        tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
        super().__init__(f"the tag '{tag}' does not fit this value" if allowed else f"the tag '{tag}' is not allowed")
        self.node = node


class _Builder:
    """Walks a composed node tree into plain data, recording positions and duplicate keys."""

    def __init__(self, doc: Document, constructor: yaml.constructor.SafeConstructor) -> None:
        self.doc = doc
        self.constructor = constructor
        self.count = 0
        self.chars = 0
        self.problems: list[Problem] = []
        self.own: dict[int, set[int]] = {}  # each mapping's own keys, by id, as written before merging

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge(f"more than {MAX_NODES:,} values")
        self.doc.values.setdefault(path, _position(node.start_mark))
        if isinstance(node, yaml.MappingNode):
            _check_tag(node, {_MAP_TAG})
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            _check_tag(node, {_SEQ_TAG})
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if node.tag in _WRITTEN_TAGS:
            self.doc.written.setdefault(path, str(node.value))
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for name, (key_node, value_node) in self._pairs(node, path).items():
            child = (*path, name)
            self.doc.keys[child] = _position(key_node.start_mark)
            result[name] = self.build(value_node, child)
        return result

    def _pairs(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """The mapping's key and value nodes by name, `<<:` merges resolved: a key written in the mapping
        overrides a merged one, as YAML has it; a key written twice is reported."""
        if id(node) not in self.own:  # an alias visits the node again, merges already flattened
            self.own[id(node)] = {id(key) for key, _ in node.value if key.tag != _MERGE_TAG}
        own = self.own[id(node)]
        self.constructor.flatten_mapping(node)  # merged pairs first, then the mapping's own
        pairs: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        written: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node, None) if isinstance(key_node, yaml.ScalarNode) else None
            at = _position(key_node.start_mark)
            if not isinstance(key, str | int | float | bool) or key is None:
                self.problems.append(Problem(self.doc.path, *at, "a key must be plain text", key=dotted(path)))
                continue
            name = str(key)
            if id(key_node) in own and name in written:
                first = _position(written[name].start_mark)[0]
                message = f"duplicate key '{name}' (first set on line {first}; YAML would keep only the last)"
                self.problems.append(Problem(self.doc.path, *at, message, key=dotted((*path, name))))
                continue
            if id(key_node) in own:
                written[name] = key_node
            pairs[name] = (key_node, value_node)
        return pairs

    def _scalar(self, node: yaml.Node, path: KeyPath | None) -> Any:
        _check_tag(node, _SCALAR_TAGS)
        if path is not None and isinstance(node.value, str):
            self.doc.spans.setdefault(path, (node.start_mark.line + 1, node.end_mark.line + 1))
        self.chars += len(node.value)  # an alias walks its anchor's text again: a few aliases of a long text add up
        if self.chars > MAX_EXPANDED_CHARS:
            raise _TooLarge(f"more than {MAX_EXPANDED_CHARS:,} characters")
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # dates stay text: the model validates and formats them itself
        try:
            value = self.constructor.construct_object(node)
        except (ValueError, KeyError, TypeError) as exc:  # `!!int abc`, `!!bool maybe`
            raise _BadTag(node) from exc
        if node.tag == "tag:yaml.org,2002:float":
            return value if math.isfinite(value) else _NonFinite(node.value)
        return value


def _check_tag(node: yaml.Node, fits: set[str]) -> None:
    if node.tag not in fits:
        raise _BadTag(node, allowed=node.tag in _SCALAR_TAGS | {_MAP_TAG, _SEQ_TAG})


class _NonFinite(str):
    """`.nan` or `.inf` in the YAML: kept as its text so validation can say what it saw."""


def load_yaml(path: Path, shown: str) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file. Returns the document (None if unreadable) and the problems found."""
    try:
        raw = read_limited(path, MAX_FILE_BYTES)
    except TooLarge as exc:
        return None, [
            Problem(shown, 1, 1, f"file is {exc.size:,} bytes; content files are limited to {MAX_FILE_BYTES:,}")
        ]
    except Unreadable as exc:
        reason = "is a folder, not a YAML file" if exc.folder else exc.reason
        return None, [Problem(shown, 0, 0, reason, hint=exc.hint)]
    text, problem = _decode(raw, shown)
    if problem:
        return None, [problem]
    fill = FILL.get()
    if fill is not None:
        return fill.parse_yaml(path, text, shown)
    return parse_yaml(text, shown)


#: libyaml's parser, when PyYAML was built with it: several times faster than the pure-Python one.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def parse_yaml(text: str, shown: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text already read from `shown`.

    libyaml parses it when it can; a file it refuses is parsed again by PyYAML's own parser, whose
    messages and positions are the ones brief explains, so a mistake reads the same either way.
    """
    if _FAST_LOADER is not None:
        doc, problems = _parse(text, shown, _FAST_LOADER)
        if doc is not None:
            return doc, problems
    return _parse(text, shown, yaml.SafeLoader)


#: What YAML counts as the end of a line (str.splitlines also counts form feeds and others).
_YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _parse(text: str, shown: str, loader_class: Any) -> tuple[Document | None, list[Problem]]:
    doc = Document(shown, None, lines=_YAML_LINE_BREAK.split(text))
    try:
        loader = loader_class(text)
    except yaml.YAMLError as exc:  # the reader refuses some characters before parsing starts
        return None, [Problem(shown, 1, 1, f"not valid YAML: {exc}")]
    try:
        root = loader.get_single_node()
        if root is None:
            return doc, []
        builder = _Builder(doc, loader)
        doc.data = builder.build(root, ())
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, text, shown)]
    except yaml.YAMLError as exc:
        return None, [Problem(shown, 1, 1, f"not valid YAML: {exc}")]
    except _BadTag as exc:
        line, col = _position(exc.node.start_mark)
        return None, [Problem(shown, line, col, str(exc), hint="remove the tag and write a plain value")]
    except _TooLarge as exc:
        line, col = _expansion_overflow(text, loader_class)
        message = f"{exc.what} once aliases are expanded"
        return None, [Problem(shown, line, col, message, hint="remove the '&anchor' / '*alias' repetition")]
    except RecursionError:
        return None, [Problem(shown, 1, 1, "nested too deeply (or an alias refers to itself)")]
    finally:
        loader.dispose()
    return doc, builder.problems


def _expansion_overflow(text: str, loader_class: Any) -> Position:
    """Where the expanded file first passes MAX_NODES or MAX_EXPANDED_CHARS: usually the alias that does it.

    Counted on the parser's events, which keep each alias's own place (the composed tree keeps only its
    anchor's). Every key, value and alias counts here, so this passes a limit no later than the builder did.
    """
    sizes: dict[str, tuple[int, int]] = {}  # anchor → its nodes and characters, aliases inside it expanded
    opened: list[tuple[str | None, int, int]] = []
    nodes = chars = 0
    loader = loader_class(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                more_nodes, more_chars = sizes.get(event.anchor or "", (0, 0))
                nodes, chars = nodes + more_nodes, chars + more_chars
            elif isinstance(event, yaml.ScalarEvent):
                nodes, chars = nodes + 1, chars + len(event.value)
                if event.anchor:
                    sizes[event.anchor] = (1, len(event.value))
            elif isinstance(event, yaml.CollectionStartEvent):
                opened.append((event.anchor, nodes, chars))
                nodes += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                anchor, nodes_before, chars_before = opened.pop()
                if anchor:
                    sizes[anchor] = (nodes - nodes_before, chars - chars_before)
            if nodes > MAX_NODES or chars > MAX_EXPANDED_CHARS:
                return _position(event.start_mark)
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return (1, 1)


def _decode(raw: bytes, shown: str) -> tuple[str, Problem | None]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # what Windows editors call "Unicode"
        return "", Problem(shown, 1, 1, "saved as UTF-16 text, not UTF-8", hint="save the file as UTF-8")
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark from Windows editors is harmless
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = raw[exc.start : exc.start + 1].hex()
        return "", Problem(shown, line, col, f"not UTF-8 text (byte 0x{bad})", hint="save the file as UTF-8")
    invisible = yaml.reader.Reader.NON_PRINTABLE.search(text)  # characters YAML refuses to read
    if invisible:
        at = invisible.start()
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        if invisible[0] == "\x00":
            return "", Problem(shown, line, col, "contains a NUL character; is this a binary file?")
        code = f"U+{ord(invisible[0]):04X}"
        return "", Problem(
            shown,
            line,
            col,
            f"contains an invisible control character ({code})",
            hint="delete it; it may have come with pasted text",
        )
    return text.replace("\r\n", "\n"), None


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, shown: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = _position(mark) if mark else (1, 1)
    what = (exc.problem or "syntax error").strip()
    hint = ""
    if "'\\t'" in what or "\t" in what:
        what, hint = "a tab character where YAML expects spaces", "indent with spaces"
    elif exc.context and "quoted" in exc.context and "end of stream" in what:
        if exc.context_mark:  # point at where the quote opens, not at the end of the file
            line, col = _position(exc.context_mark)
        what, hint = "this quote is never closed", "add the closing quote"
    elif "another document" in what:
        what, hint = "a second document ('---') in one file", "a content file holds one document"
    elif "escape" in what:
        what = "inside double quotes a backslash starts an escape code"
        hint = r"write a backslash as \\, or use single quotes"
    elif (quote := _runaway_quote(text, mark)) is not None:
        line, col = _position(quote.start_mark)
        what = f"this quote runs on to line {quote.end_mark.line + 1}"
        hint = "is a closing quote missing?"
    elif "mapping values are not allowed" in what:
        if mark and _indented_key(text, mark):
            what = "this line is indented further than the line above"
            hint = "line up keys that belong together, or quote text that contains ': '"
        else:
            what, hint = "': ' inside text, which YAML reads as the start of a key", "quote text that contains ': '"
    elif what.startswith("expected <block end>"):
        what = "the indentation here does not match the lines above"
        hint = "line up keys that belong together, using spaces"
    return Problem(shown, line, col, f"YAML syntax error: {what}", hint=hint)


def _runaway_quote(text: str, mark: yaml.Mark | None) -> yaml.ScalarToken | None:
    """A quoted text spanning lines that ends right where parsing failed: almost surely an unclosed quote."""
    if mark is None or not 0 < mark.index <= len(text) or text[mark.index - 1] not in "\"'":
        return None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= mark.index:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.end_mark.index == mark.index
                and token.start_mark.line < token.end_mark.line
            ):
                return token
    except yaml.YAMLError:
        pass
    return None


def _indented_key(text: str, mark: yaml.Mark) -> bool:
    """`key:` alone on a line indented deeper than a `key: value` line above it, which YAML reads as one text."""
    lines = text.split("\n")
    if mark.line >= len(lines) or not re.fullmatch(r"\s*[\w-]+", lines[mark.line][: mark.column]):
        return False
    above = [line for line in lines[: mark.line] if line.strip() and not line.lstrip().startswith("#")]
    if not above:
        return False
    indent = len(lines[mark.line]) - len(lines[mark.line].lstrip())
    previous = re.match(r"(\s*(?:-\s+)?)[\w-]+:\s+[^\s|>]", above[-1])
    return previous is not None and len(previous.group(1)) < indent


def _position(mark: yaml.Mark) -> Position:
    return (mark.line + 1, mark.column + 1)
