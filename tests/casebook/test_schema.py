"""The validator built once, with its references resolved in advance, finds the same errors;
its quick yes/no check (fastjsonschema) agrees with jsonschema on every record."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

from jsonschema import Draft202012Validator

from casebook.frontmatter import read
from casebook.record import normalise
from casebook.schema import _inline_refs, _validator, case_schema, vocabulary_schema

ROOT = Path(__file__).resolve().parents[2]
WRONG_VALUES = [
    None, True, False, 0, 7, -1, 2.5, "", "x", "Not A Key", "2023-13-45", "ftp://x",
    "https://ok.example/a", "a" * 2100, [], ["x", "x"], ["Bad Key"], {}, {"url": 1},
    {"asked": "2024-01-01", "answered": {"quote": 1}}, [{"date": "2024-01-01"}],
    [{"url": "https://a.example", "title": "T", "publisher": "P", "lang": "english"}],
    "air-france\n", "2023-01-01\n", "https://a.example/$x", "https://a.example/a b",
    "https://$.example", "\u0662\u0660\u0662\u0663", "FR", "fr\n", 1.0, ["a", "a"],
]  # fmt: skip


def errors(validator, instance) -> list:
    return [
        (e.validator, list(e.absolute_path), e.message, json.dumps(e.validator_value, default=str))
        for e in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.path)))
    ]


def agrees(quick, instance, expected: list) -> bool:
    """The quick check never passes a record jsonschema refuses, and passes every record
    jsonschema passes but one with a value ending in a newline (its `$` is `\\Z`: stricter,
    and such a record goes through jsonschema anyway)."""
    if quick(instance):
        return not expected
    return bool(expected) or any(text.endswith("\n") for text in strings(instance))


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(key)
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def mutations(meta: dict, rng: random.Random):
    """Copies of a valid record with one to three fields (or nested fields) made wrong."""
    for _ in range(200):
        broken = copy.deepcopy(meta)
        for _ in range(rng.randint(1, 3)):
            target, key = broken, rng.choice([*broken, "unknown_field", "sources"])
            if key == "sources" and isinstance(broken.get("sources"), list) and broken["sources"]:
                target, key = rng.choice(broken["sources"]), rng.choice(["url", "lang", "extra"])
            if rng.random() < 0.15:
                target.pop(key, None)
            else:
                target[key] = copy.deepcopy(rng.choice(WRONG_VALUES))
        yield broken


def test_the_case_schema_is_inlined_and_gives_the_same_errors():
    schema = case_schema()
    assert _inline_refs(schema, schema["$defs"]) is not None  # the fast path is taken
    stock, (built, quick) = Draft202012Validator(schema), _validator(schema)
    assert built is _validator(schema)[0]  # built once
    assert quick is not None
    rng = random.Random(3)
    metas = []
    for path in sorted((ROOT / "content" / "cases").rglob("*.md"))[:4]:
        doc = read(path)
        normalise(doc.meta)
        metas.append(doc.meta)
    checked = 0
    for meta in metas:
        assert errors(built, meta) == errors(stock, meta) == []
        assert quick(meta)
        for broken in mutations(meta, rng):
            expected = errors(stock, broken)
            assert errors(built, broken) == expected, broken
            assert agrees(quick, broken, expected), broken
            checked += bool(expected)
    assert checked > 500


def test_schemas_it_cannot_inline_are_used_as_written():
    defs = {"a": {"type": "string"}, "loop": {"$ref": "#/$defs/loop"}}
    assert _inline_refs({"$ref": "#/$defs/loop", "$defs": defs}, defs) is None
    assert _inline_refs({"$ref": "other.json#/x"}, defs) is None
    assert _inline_refs({"type": "integer", "$ref": "#/$defs/a"}, defs) is None
    literal = {"enum": [{"$ref": "#/$defs/a"}]}  # a value that looks like a reference
    assert _inline_refs(literal, defs) == literal
    looping = {"$defs": defs, "properties": {"x": {"$ref": "#/$defs/loop"}}}
    assert _validator(looping)[0].schema is looping
    assert _validator(looping)[1] is None  # and no quick check: jsonschema alone decides


def test_a_keyword_the_quick_check_may_read_differently_turns_it_off():
    for schema in (
        {"type": "array", "items": [{"type": "string"}]},  # draft-07 tuple items
        {"properties": {"a": {"prefixItems": [{"type": "string"}]}}},
        {"anyOf": [{"unevaluatedProperties": False}]},
    ):
        assert _validator(schema)[1] is None, schema
    assert _validator({"properties": {"a": {"type": "string"}}})[1] is not None


def test_the_quick_check_keeps_a_dollar_inside_a_set_literal():
    schema = {"type": "string", "pattern": "^[$a]+$"}
    quick = _validator(schema)[1]
    assert quick("$a$") and quick("aa") and not quick("b") and not quick("a\n")
    assert not errors(Draft202012Validator(schema), "a\n")  # jsonschema's $: checked again


def test_a_vocabulary_definition_gives_the_same_errors():
    schema = {**vocabulary_schema(), "$ref": f"#/$defs/{sorted(vocabulary_schema()['$defs'])[0]}"}
    stock, (built, quick) = Draft202012Validator(schema), _validator(schema)
    rng = random.Random(5)
    for _ in range(300):
        instance = {
            rng.choice(["ok-key", "Bad Key", "x"]): rng.choice(WRONG_VALUES) for _ in range(3)
        }
        expected = errors(stock, instance)
        assert errors(built, instance) == expected
        assert quick is None or agrees(quick, instance, expected), instance
