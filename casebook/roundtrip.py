"""Edit a case file's front matter in place, keeping its layout, comments and body.

Tools that change case files (archiving sources, accepting new coverage) go through
`edit`: the YAML is loaded round-trip (ruamel.yaml), changed, and dumped back with the
author's key order, comments, quoting and line breaks; only what changed moves.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from ruamel.yaml import YAML


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never refold what the author wrote
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def split(text: str) -> tuple[str, str, str]:
    """(opening line, front matter, rest of the file from the closing line)."""
    lines = text.splitlines(keepends=True)
    end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    return lines[0], "".join(lines[1:end]), "".join(lines[end:])


def edit(text: str, change: Callable[[dict], bool]) -> str:
    """Apply `change` to the front matter of `text`; unchanged text when it returns False."""
    opening, front, rest = split(text)
    yaml = _yaml()
    meta = yaml.load(front)
    if not change(meta):
        return text
    out = io.StringIO()
    yaml.dump(meta, out)
    return opening + out.getvalue() + rest


def edit_file(path: Path, change: Callable[[dict], bool], write: Callable[[Path, str], None]):
    """`edit` the file at `path`, writing it with `write` (atomic) only when it changed."""
    text = Path(path).read_text(encoding="utf-8")
    new = edit(text, change)
    if new != text:
        write(path, new)
    return new != text
