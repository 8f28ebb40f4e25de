"""Edit YAML the way a person wrote it: comments, order, quoting and indentation are kept."""

from __future__ import annotations

import datetime as dt
import io
import re

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

# (mapping, sequence, offset) indentations tried, the project's own first
LAYOUTS = ((2, 4, 2), (2, 2, 0), (2, 4, 4), (4, 4, 2), (4, 6, 4), (4, 4, 0))
_RESOLVER = yaml.resolver.Resolver()


class RoundTripError(ValueError):
    """The text is not YAML that can be edited."""


def load(text: str) -> tuple[YAML, object]:
    """A YAML handler that writes `text` back unchanged (its indentation found by trying the
    usual ones), and the data, ready to be edited in place."""
    first = None
    for mapping, sequence, offset in LAYOUTS:
        handler = YAML(typ="rt")
        handler.preserve_quotes = True
        handler.width = 4096
        handler.indent(mapping=mapping, sequence=sequence, offset=offset)
        try:
            data = handler.load(text)
        except YAMLError as exc:
            raise RoundTripError(str(exc).splitlines()[0]) from None
        if dump(handler, data) == text:
            return handler, data
        first = first or (handler, data)
    return first


def dump(handler: YAML, data) -> str:
    stream = io.StringIO()
    handler.dump(data, stream)
    return stream.getvalue()


def scalar(value):
    """`value` as it must be written for PyYAML (YAML 1.1, as casebook reads) to read it back
    unchanged: a YYYY-MM-DD date plain, any other string that would read as something else
    (no, on, 12:30, 2023) quoted."""
    if isinstance(value, str):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value)
        if _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != "tag:yaml.org,2002:str":
            return DoubleQuotedScalarString(value)
    return value


def sequence(values: list, flow: bool = False) -> CommentedSeq:
    """A new list of `values` (on one line, `[a, b]`, with `flow`)."""
    seq = CommentedSeq(scalar(v) for v in values)
    if flow:
        seq.fa.set_flow_style()
    return seq


def mapping(entry: dict, flow_lists: bool = False) -> CommentedMap:
    """A new block mapping of `entry` (lists in flow style with `flow_lists`)."""
    out = CommentedMap()
    for key, value in entry.items():
        out[key] = sequence(value, flow_lists) if isinstance(value, list) else scalar(value)
    return out


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter, rest of the file from its closing '---') of a case file."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise RoundTripError("the file does not start with front matter")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise RoundTripError("the front matter is never closed")
    return "".join(lines[1:end]), "".join(lines[end:])


def edit_front_matter(text: str, change) -> str:
    """`text` with `change(data)` applied to its front matter; unchanged when it returns False."""
    front, rest = split_front_matter(text)
    handler, data = load(front)
    if not change(data):
        return text
    return "---\n" + dump(handler, data) + rest
