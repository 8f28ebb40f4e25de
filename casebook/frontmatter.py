"""Read a Markdown file with YAML front matter, remembering the line of every key.

Besides the metadata, a Document keeps what YAML would lose silently, as findings
for the validator: a key written twice (YAML keeps the last), characters HTML and
XML cannot carry, and the text of plain values followed by a `#` comment (YAML
drops everything after ` #`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from casebook import characters


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


@dataclass(frozen=True)
class Finding:
    """Something wrong noticed while reading: where, which key, what, and what to do."""

    line: int
    path: tuple
    message: str
    fix: str


@dataclass
class Document:
    """A parsed file: its metadata, its Markdown body, and where everything is."""

    path: Path
    meta: dict
    body: str
    body_line: int  # 1-based line of the first body line
    lines: dict[tuple, int] = field(default_factory=dict)  # key path -> 1-based line
    findings: list[Finding] = field(default_factory=list)
    plain: dict[tuple, str] = field(default_factory=dict)  # unquoted values as written
    commented: set[tuple] = field(default_factory=set)  # unquoted values followed by ' #'

    def line_of(self, path: tuple) -> int:
        """Line of the deepest key of `path` that exists (the front matter start otherwise)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


class _Walk:
    """Collects key lines, duplicate keys and unquoted values from a YAML node tree."""

    def __init__(self, doc: Document, source_lines: list[str], offset: int):
        self.doc, self.source_lines, self.offset = doc, source_lines, offset

    def node(self, node: yaml.Node, prefix: tuple) -> None:
        if isinstance(node, yaml.MappingNode):
            first_line: dict[str, int] = {}
            for key_node, value_node in node.value:
                path = (*prefix, key_node.value)
                line = key_node.start_mark.line + self.offset
                if key_node.value in first_line:
                    self.doc.findings.append(
                        Finding(
                            line,
                            path,
                            f"is written twice (also on line {first_line[key_node.value]}); "
                            "only the last one would be kept",
                            "merge the two into one",
                        )
                    )
                else:
                    first_line[key_node.value] = line
                self.doc.lines[path] = line
                self.node(value_node, path)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                path = (*prefix, index)
                self.doc.lines[path] = item.start_mark.line + self.offset
                self.node(item, path)
        elif isinstance(node, yaml.ScalarNode) and not node.style:  # plain (None or "")
            self.doc.plain[prefix] = node.value
            end = node.end_mark
            if end.line < len(self.source_lines):
                rest = self.source_lines[end.line][end.column :]
                if rest[:1] in (" ", "\t") and rest.lstrip().startswith("#"):
                    self.doc.commented.add(prefix)


def _forbidden_characters(
    lines: list[str], first_line: int
) -> tuple[list[str], list[tuple[int, str]]]:
    """Lines with forbidden characters replaced by U+FFFD, and (line number, description)."""
    cleaned, found = [], []
    for number, line in enumerate(lines, start=first_line):
        problem = characters.problem_in(line)
        if problem:
            found.append((number, problem))
            line = characters.FORBIDDEN.sub("\ufffd", line)
        cleaned.append(line)
    return cleaned, found


def parse(text: str, path: Path) -> Document:
    """Split `text` into front matter and body; raise FrontMatterError when it cannot."""
    text = text.removeprefix("\ufeff")  # a byte-order mark some editors write: harmless
    if not text.strip():
        raise FrontMatterError(
            1,
            "the file is empty",
            "start from 'invoke new-case \"Title\"', or copy an existing file",
        )
    lines = text.splitlines(keepends=True)
    if lines[0].strip() != "---":
        raise FrontMatterError(
            1, "the file does not start with front matter", "begin the file with a line '---'"
        )
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise FrontMatterError(
            1, "the front matter is never closed", "add a line '---' after the last field"
        )
    doc = parse_yaml("".join(lines[1:end]), path, first_line=2)
    body, bad_characters = _forbidden_characters(lines[end + 1 :], first_line=end + 2)
    doc.body, doc.body_line = "".join(body), end + 2
    doc.findings += [
        Finding(n, ("text",), problem, characters.FIX) for n, problem in bad_characters
    ]
    return doc


def _refuse_aliases(root: yaml.Node | None, first_line: int) -> None:
    """A YAML alias (*name) repeats a value: nothing in a case needs it, and a chain of
    them can make a small file expand into billions of values."""
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise FrontMatterError(
                node.start_mark.line + first_line,
                "repeats a value with a YAML alias (*name)",
                "write the value out in full",
            )
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value


def parse_yaml(source: str, path: Path, first_line: int = 1) -> Document:
    """A YAML mapping (the front matter, or a whole data file starting at `first_line`)."""
    lines, bad_characters = _forbidden_characters(source.splitlines(keepends=True), first_line)
    source = "".join(lines)
    loader = _TextLoader(source)
    try:
        node = loader.get_single_node()
        if "*" in source:  # an alias is written '*name'
            _refuse_aliases(node, first_line)
        meta = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + first_line if mark else 1
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
            first_line,
            "is not a set of 'key: value' lines",
            "write one 'key: value' per line",
        )
    doc = Document(Path(path), meta, "", first_line)
    if node is not None:
        _Walk(doc, source.splitlines(), first_line).node(node, ())
    for number, problem in bad_characters:
        doc.findings.append(Finding(number, _key_above(doc.lines, number), problem, characters.FIX))
    return doc


def _key_above(lines: dict[tuple, int], number: int) -> tuple:
    """The deepest key written on line `number` or closest above it."""
    above = [(line, len(key), key) for key, line in lines.items() if line <= number]
    return max(above)[2] if above else ()


def read(path: Path) -> Document:
    """Parse the file at `path`, which must be UTF-8."""
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        raise FrontMatterError(
            raw.count(b"\n", 0, exc.start) + 1,
            "is not UTF-8 text (or carries a broken character)",
            "save the file as UTF-8 in your editor",
        ) from None
    return parse(text, Path(path))
