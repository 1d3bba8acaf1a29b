"""JSON Schemas and the key reference in docs/content.md, both generated from the model."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from typing import Any, Literal, Union

from brief.content.convert import hints
from brief.content.model import CONTENT_FILES, MISSING_WORDS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_for(file_name: str) -> dict[str, Any]:
    """The JSON Schema of one content file, e.g. `findings.yaml`."""
    return document_schema(CONTENT_FILES[file_name], schema_file_name(file_name), f"brief: content/{file_name}")


def document_schema(cls: type, schema_id: str, title: str, *, overrides: bool = False) -> dict[str, Any]:
    """The JSON Schema of a YAML file whose top level is the dataclass `cls` (a content file, a theme).

    With `overrides`, no key is required: the file sets only what differs from the one it extends.
    """
    definitions: dict[str, Any] = {}
    root = _object(cls, definitions)
    schema = {"$schema": SCHEMA_DIALECT, "$id": schema_id, "title": title, **root}
    if definitions:
        schema["$defs"] = dict(sorted(definitions.items()))
    if overrides:
        for part in (schema, *definitions.values()):
            part.pop("required", None)
    return schema


def schema_text(file_name: str) -> str:
    return json.dumps(schema_for(file_name), indent=2, ensure_ascii=False) + "\n"


def schema_file_name(content_file: str) -> str:
    return content_file.removesuffix(".yaml") + ".schema.json"


def _object(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    properties = {}
    required = []
    for f in dataclasses.fields(cls):
        prop = _type(hints(cls)[f.name], definitions, f.metadata)
        prop["description"] = f.metadata["doc"]
        if f.metadata.get("example") not in (None, [], {}):
            prop["examples"] = [f.metadata["example"]]
        properties[f.name] = prop
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
    result: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": properties}
    if cls.__doc__ and not cls.__doc__.startswith(cls.__name__ + "("):
        result["description"] = cls.__doc__.strip()
    if required:
        result["required"] = required
    return result


def _type(hint: Any, definitions: dict[str, Any], rules: Any) -> dict[str, Any]:
    if rules.get("length"):  # a theme's length: points as a bare number, or text with a unit
        points = {"type": "number", "minimum": rules["min_pt"], "maximum": rules["max_pt"]}
        return {"anyOf": [points, {"type": "string", "pattern": rules["written"]}]}
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        (inner,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        missing = [{"enum": list(MISSING_WORDS)}] if rules.get("missing") else []
        return {"anyOf": [_type(inner, definitions, rules), {"type": "null"}, *missing]}
    if origin is Literal:
        return {"enum": list(typing.get_args(hint))}
    if origin is list:
        item = _type(typing.get_args(hint)[0], definitions, rules)
        result: dict[str, Any] = {"type": "array", "items": item}
        if rules.get("min_items"):
            result["minItems"] = rules["min_items"]
        if typing.get_args(hint)[0] is str:  # one item may be written without the list
            return {"anyOf": [result, item]}
        return result
    if dataclasses.is_dataclass(hint):
        name = typing.cast(type, hint).__name__
        if name not in definitions:
            definitions[name] = {}
            definitions[name] = _object(typing.cast(type, hint), definitions)
        return {"$ref": f"#/$defs/{name}"}
    if hint is str:
        result = {"type": "string"}
        if rules.get("pattern"):
            result["pattern"] = rules["pattern"]
        if rules.get("max_length"):
            result["maxLength"] = rules["max_length"]
        if not rules.get("empty_ok"):
            result["minLength"] = 1
        return result
    if hint is bool:
        return {"type": "boolean"}
    result = {"type": "integer" if hint is int else "number"}
    if "min" in rules:
        result["minimum"] = rules["min"]
    if "max" in rules:
        result["maximum"] = rules["max"]
    return result


def content_reference() -> str:
    """Markdown tables of every key of every content file, for docs/content.md."""
    out: list[str] = []
    for file_name, cls in CONTENT_FILES.items():
        out.append(f"### `content/{file_name}`\n\n{(cls.__doc__ or '').strip().split(': ', 1)[-1]}\n")
        key_table(cls, "", out, set())
    return "\n".join(out)


def key_table(cls: type, prefix: str, out: list[str], seen: set[type], *, overrides: bool = False) -> None:
    """Markdown tables of `cls`'s keys, then one per mapping nested in it, appended to `out`.

    With `overrides` (a theme's keys, each set by the file or by the one it extends) no column says "required".
    """
    if overrides:
        out.append("| key | type | meaning | example |\n| --- | --- | --- | --- |")
    else:
        out.append("| key | type | required | meaning | example |\n| --- | --- | --- | --- | --- |")
    nested: list[tuple[str, type]] = []
    for f in dataclasses.fields(cls):
        hint = hints(cls)[f.name]
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        example = f.metadata.get("example")
        shown = f"`{json.dumps(example, ensure_ascii=False)}`" if example not in (None, [], {}) else ""
        kind = "length" if f.metadata.get("length") else _type_name(hint)
        kind += ", markup" if f.metadata.get("markup") else ""
        meaning = f.metadata["doc"] + _limits(f.metadata)
        needed = "" if overrides else f" {'yes' if required else 'no'} |"
        out.append(f"| `{prefix}{f.name}` | {kind} |{needed} {meaning} | {shown} |")
        inner = _dataclass_in(hint)
        if inner is not None and inner not in seen:
            seen.add(inner)
            nested.append((f"{prefix}{f.name}{'[]' if typing.get_origin(hint) is list else ''}.", inner))
    out.append("")
    for nested_prefix, inner in nested:
        out.append(f"`{nested_prefix.rstrip('.')}` holds:\n")
        key_table(inner, nested_prefix, out, seen, overrides=overrides)


def _limits(rules: Any) -> str:
    """The key's limits, as the reference states them: ' At most 24 characters.'"""
    parts = []
    if rules.get("max_length"):
        parts.append(f"at most {rules['max_length']} characters")
    if rules.get("min_items"):
        parts.append(f"at least {rules['min_items']} item{'s' if rules['min_items'] > 1 else ''}")
    if "min" in rules and "max" in rules:
        parts.append(f"from {rules['min']} to {rules['max']}")
    if rules.get("length"):
        parts.append(f"from {rules['min_pt']:g} pt to {rules['max_pt']:g} pt")
    return f" {'; '.join(parts).capitalize()}." if parts else ""


def _dataclass_in(hint: Any) -> type | None:
    for candidate in (hint, *typing.get_args(hint)):
        if dataclasses.is_dataclass(candidate):
            return typing.cast(type, candidate)
    return None


def _type_name(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin is Literal:
        return " \\| ".join(f"`{choice}`" for choice in typing.get_args(hint))
    if origin is list:
        return f"list of {_type_name(typing.get_args(hint)[0])}"
    if origin is not None:
        (inner,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _type_name(inner)
    if dataclasses.is_dataclass(hint):
        return "mapping"
    return {str: "text", int: "whole number", float: "number", bool: "true/false"}[hint]


BEGIN_MARK = "<!-- generated from brief/content/model.py: begin -->"
END_MARK = "<!-- generated from brief/content/model.py: end -->"


def update_docs(text: str) -> str:
    """`text` (docs/content.md) with its generated key reference replaced by the current one."""
    return replace_generated(text, BEGIN_MARK, END_MARK, content_reference())


def replace_generated(text: str, begin: str, end: str, reference: str) -> str:
    """`text` with what lies between the marks `begin` and `end` replaced by `reference`."""
    head, _, rest = text.partition(begin)
    _, _, tail = rest.partition(end)
    return f"{head}{begin}\n\n{reference}\n{end}{tail}"


if __name__ == "__main__":  # python -m brief.content.schema docs/content.md: refresh the key reference
    import sys
    from pathlib import Path

    target = Path(sys.argv[1])
    target.write_text(update_docs(target.read_text(encoding="utf-8")), encoding="utf-8")
