"""Read a Markdown file with YAML front matter, remembering the line of every key."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml


class FrontMatterError(ValueError):
    """The file has no front matter, or its front matter is not valid YAML."""

    def __init__(self, line: int, message: str, fix: str):
        super().__init__(message)
        self.line = line
        self.message = message
        self.fix = fix


# libyaml's loader when available: parsing is most of the validator's time.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextLoader(_SafeLoader):
    """Safe YAML that keeps dates as the strings the author wrote."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Document:
    """A parsed file: its metadata, its Markdown body, and where everything is."""

    path: Path
    meta: dict
    body: str
    body_line: int  # 1-based line of the first body line
    lines: dict[tuple, int] = field(default_factory=dict)  # key path -> 1-based line

    def line_of(self, path: tuple) -> int:
        """Line of the deepest key of `path` that exists (the front matter start otherwise)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


def _key_lines(node: yaml.Node, prefix: tuple, offset: int, out: dict) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = (*prefix, key_node.value)
            out[path] = key_node.start_mark.line + offset
            _key_lines(value_node, path, offset, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = (*prefix, index)
            out[path] = item.start_mark.line + offset
            _key_lines(item, path, offset, out)


def parse(text: str, path: Path) -> Document:
    """Split `text` into front matter and body; raise FrontMatterError when it cannot."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError(
            1, "the file does not start with front matter", "begin the file with a line '---'"
        )
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise FrontMatterError(
            1, "the front matter is never closed", "add a line '---' after the last field"
        )
    source = "".join(lines[1:end])
    loader = _TextLoader(source)
    try:
        node = loader.get_single_node()
        meta = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FrontMatterError(
            line,
            f"not valid YAML ({problem})",
            "check indentation and quote values that contain ': ' or start with a symbol",
        ) from None
    finally:
        loader.dispose()
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError(
            2,
            "the front matter is not a set of 'key: value' lines",
            "write one 'key: value' per line",
        )
    key_lines: dict[tuple, int] = {}
    if node is not None:
        _key_lines(node, (), 2, key_lines)
    return Document(path, meta, "".join(lines[end + 1 :]), end + 2, key_lines)


def read(path: Path) -> Document:
    """Parse the file at `path` (UTF-8)."""
    return parse(Path(path).read_text(encoding="utf-8"), Path(path))
