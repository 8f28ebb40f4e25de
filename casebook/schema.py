"""The JSON Schemas (cases, vocabularies) and their errors as one clear line each."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

import fastjsonschema
from jsonschema import Draft202012Validator

from casebook.diagnostics import Problem, field_name
from casebook.frontmatter import Document

SCHEMA_PATH = Path(__file__).with_name("case.schema.json")
VOCABULARY_SCHEMA_PATH = Path(__file__).with_name("vocabulary.schema.json")
_YAML_BOOLEANS = {"yes", "no", "on", "off", "y", "n"}  # words YAML 1.1 reads as booleans


@cache
def case_schema() -> dict:
    """The case schema as a dict."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def vocabulary_schema() -> dict:
    """The vocabulary schema as a dict: one definition per vocabulary file."""
    return json.loads(VOCABULARY_SCHEMA_PATH.read_text(encoding="utf-8"))


def _did_you_mean(name: str, known: Iterable[str]) -> str | None:
    known = list(known)
    spelled = {k.replace("_", "-").lower(): k for k in known}
    if name.replace("_", "-").lower() in spelled:
        return spelled[name.replace("_", "-").lower()]
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.7)
    return close[0] if close else None


def _schema_messages(error, doc: Document, unknown_fix: str) -> list[tuple[tuple, str, str | None]]:
    """(field path, what is wrong, fix or None for the field's usual fix) of a schema error."""
    path = tuple(error.absolute_path)
    kind = error.validator
    if "propertyNames" in error.schema_path:
        return [
            (
                (*path, error.instance),
                f"the key {error.instance!r} is not lower-case words joined by hyphens",
                "write the key like 'air-france'; keys are permanent once used",
            )
        ]
    if kind == "required":
        missing = re.match(r"'(.+)' is a required property", error.message)
        return [((*path, missing.group(1) if missing else "?"), "is missing", None)]
    if kind == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        out = []
        for extra in sorted(set(error.instance) - set(known), key=str):
            close = _did_you_mean(str(extra), known)
            if close:
                out.append(
                    ((*path, extra), f"unknown field (did you mean '{close}'?)", f"write '{close}'")
                )
            else:
                out.append(
                    (
                        (*path, extra),
                        f"unknown field (known fields: {', '.join(known)})",
                        unknown_fix,
                    )
                )
        return out
    if kind == "pattern":
        return [(path, f"{error.instance!r} is not in the expected form", None)]
    if kind == "enum":
        allowed = ", ".join(map(str, error.validator_value))
        return [(path, f"{error.instance!r} is not one of {allowed}", None)]
    if kind == "type":
        return [(path, *_type_message(error, doc, path))]
    if kind == "minItems":
        return [(path, "is empty", None)]
    if kind in ("minLength", "maxLength"):
        return [
            (path, f"is {len(error.instance)} characters long, outside the allowed length", None)
        ]
    if kind == "uniqueItems":
        return [(path, "lists the same key twice", None)]
    return [(path, error.message, None)]


_TYPE_NAMES = {
    "array": "a list",
    "string": "text",
    "object": "a set of 'key: value' lines",
    "boolean": "true or false",
}
_PYTHON_NAMES = {
    str: "text",
    list: "a list",
    dict: "a set of 'key: value' lines",
    bool: "true or false",
    int: "a number",
    float: "a number",
    type(None): "empty",
}


def _type_message(error, doc: Document, path: tuple) -> tuple[str, str | None]:
    expected = error.validator_value
    value = error.instance
    written = doc.plain.get(path)
    name = field_name(path).rsplit(".", 1)[-1]
    if expected == "string" and written is not None and written.lower() in _YAML_BOOLEANS:
        return (
            f"YAML reads the unquoted {written} as {str(value).lower()}",
            f"put it in quotes: '{name}: \"{written}\"'",
        )
    if expected == "string" and value is None:
        return "is empty", None
    if expected == "array" and isinstance(value, str | int | float):
        return (
            "should be a list, not a single value",
            f"write it in brackets: '{name}: [{value}]'",
        )
    wanted = _TYPE_NAMES.get(expected, str(expected))
    return f"should be {wanted}, not {_PYTHON_NAMES.get(type(value), type(value).__name__)}", None


_LITERAL_KEYWORDS = ("enum", "const", "default", "examples")  # values, not schemas


def _inline_refs(node, defs: dict, depth: int = 0):
    """`node` with each `{"$ref": "#/$defs/NAME", ...}` replaced by NAME's keywords put in
    the place of the `$ref` (the other keywords of the node kept); None if that cannot be
    done without changing what the schema says (another kind of reference, a cycle, or a
    keyword the node and the definition both set)."""
    if depth > 20:
        return None
    if isinstance(node, list):
        items = [_inline_refs(item, defs, depth + 1) for item in node]
        return None if any(item is None for item in items) else items
    if not isinstance(node, dict):
        return node
    out: dict = {}
    for key, value in node.items():
        if key == "$defs":
            out[key] = value
            continue
        if key == "$ref":
            name = value.removeprefix("#/$defs/") if isinstance(value, str) else None
            if name is None or name == value or name not in defs:
                return None
            target = _inline_refs(defs[name], defs, depth + 1)
            if target is None:
                return None
            for inner_key, inner_value in target.items():
                if inner_key in node and inner_key not in ("description", "title"):
                    return None
                out.setdefault(inner_key, inner_value)
            continue
        literal = key in _LITERAL_KEYWORDS
        inlined = value if literal else _inline_refs(value, defs, depth + 1)
        if inlined is None:
            return None
        out[key] = inlined
    return out


# Keywords that mean the same in fastjsonschema's draft-07 code as in Draft 2020-12, where
# a schema's "items" is one schema and its references are inlined (`_inline_refs`).
_SHARED_KEYWORDS = {
    "type", "enum", "const", "required", "minItems", "maxItems", "uniqueItems", "minLength",
    "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "format", "properties", "additionalProperties", "items", "propertyNames", "anyOf",
}  # fmt: skip
_ANNOTATIONS = {"$schema", "$id", "$comment", "$defs", "title", "description", "default"}
_SUBSCHEMA = {"additionalProperties", "items", "propertyNames"}
_SUBSCHEMA_MAPS = {"properties"}
_SUBSCHEMA_LISTS = {"anyOf"}


def _shared_keywords_only(node) -> bool:
    """Whether `node` (an inlined schema) uses only keywords both validators read alike."""
    if isinstance(node, bool):
        return True
    if not isinstance(node, dict):
        return False
    for key, value in node.items():
        if key in _ANNOTATIONS:
            continue
        if key not in _SHARED_KEYWORDS:
            return False
        if key == "items" and isinstance(value, list):  # draft-07 tuple form: not the same
            return False
        if key in _SUBSCHEMA and not _shared_keywords_only(value):
            return False
        if key in _SUBSCHEMA_MAPS and not all(map(_shared_keywords_only, value.values())):
            return False
        if key in _SUBSCHEMA_LISTS and not all(map(_shared_keywords_only, value)):
            return False
    return True


def _literal_dollars_in_sets(pattern: str) -> str:
    """`pattern` with each `$` inside a `[...]` set escaped: it is a plain character there,
    but fastjsonschema turns every unescaped `$` into `\\Z` (an error inside a set)."""
    out, in_set, escaped = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_set = True
        elif char == "]":
            in_set = False
        elif char == "$" and in_set:
            char = "\\$"
        out.append(char)
    return "".join(out)


def _for_fastjsonschema(node):
    if isinstance(node, list):
        return [_for_fastjsonschema(item) for item in node]
    if not isinstance(node, dict):
        return node
    return {
        key: _literal_dollars_in_sets(value)
        if key == "pattern"
        else value
        if key in _LITERAL_KEYWORDS
        else _for_fastjsonschema(value)
        for key, value in node.items()
    }


def _quick_check(inlined: dict | None) -> Callable[[object], bool] | None:
    """A yes/no check of `inlined` compiled to Python code (fastjsonschema), some thirty
    times quicker than walking it with jsonschema; None where the two could disagree.

    Most records are valid: the quick check says so, and only a record it refuses goes
    through jsonschema, whose errors make the messages. Formats are not checked (jsonschema
    does not check them either) and no default is filled in (the record stays as written).
    tests/casebook/test_schema.py compares the two on thousands of broken records.
    """
    if inlined is None or not _shared_keywords_only(inlined):
        return None
    draft07 = {k: v for k, v in inlined.items() if k not in ("$schema", "$defs")}
    draft07 = _for_fastjsonschema(draft07)
    draft07["$schema"] = "http://json-schema.org/draft-07/schema#"
    check = fastjsonschema.compile(draft07, use_default=False, use_formats=False)

    def valid(instance) -> bool:
        try:
            check(instance)
        except Exception:  # refused, or a value it cannot handle: jsonschema decides
            return False
        return True

    return valid


_COMPILED: dict[int, tuple] = {}  # id(schema) -> (schema, validator, quick check or None)


def _validator(schema: dict) -> tuple[Draft202012Validator, Callable[[object], bool] | None]:
    """The validator of `schema` and its quick check, built once per schema object, its
    local `$ref`s resolved in advance (looking them up was a third of the validation time)."""
    entry = _COMPILED.get(id(schema))
    if entry is None or entry[0] is not schema:
        if len(_COMPILED) >= 16:
            _COMPILED.clear()
        inlined = _inline_refs(schema, schema.get("$defs", {}))
        validator = Draft202012Validator(schema if inlined is None else inlined)
        entry = (schema, validator, _quick_check(inlined))
        _COMPILED[id(schema)] = entry
    return entry[1], entry[2]


def schema_problems(
    doc: Document, schema: dict, fix_for: Callable[[tuple], str], unknown_fix: str
) -> list[Problem]:
    """One problem per field that breaks `schema`, with `fix_for(path)` as the usual fix."""
    validator, quick = _validator(schema)
    if quick is not None and quick(doc.meta):
        return []
    seen: set[tuple] = set()
    problems = []
    errors = sorted(validator.iter_errors(doc.meta), key=lambda e: list(map(str, e.path)))
    for error in errors:
        for path, message, fix in _schema_messages(error, doc, unknown_fix):
            if path in seen:
                continue
            seen.add(path)
            line = doc.line_of(path) if path in doc.lines else doc.line_of(path[:-1])
            problems.append(
                Problem(doc.path, line, field_name(path), message, fix or fix_for(path))
            )
    return problems
