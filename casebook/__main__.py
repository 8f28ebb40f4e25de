"""`python -m casebook validate [PATH...]` and `python -m casebook new-case TITLE`.

Both work from any folder of the repository: without a path, `validate` checks the
repository's content/ (cases, pages) and data/vocab/, and `new-case` writes into
the repository's content/cases/.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path

from casebook import registry, scaffold, vocabulary
from casebook.diagnostics import Problem
from casebook.frontmatter import FrontMatterError, read
from casebook.pages import check_pages
from casebook.schema import case_schema
from casebook.validate import check_files, read_all

ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = ROOT / "content"
CASES_DIR = CONTENT_DIR / "cases"
# Extensions an editor may give a Markdown file; only .md is read by the build.
MARKDOWN_LIKE = {".markdown", ".mdown", ".mkd", ".mkdn", ".txt", ".text", ".yaml", ".yml", ""}


def shown(path: Path) -> Path:
    """`path` relative to the current folder when it is inside it (what an editor opens)."""
    try:
        return (
            Path(os.path.relpath(path)) if Path(path).resolve().is_relative_to(Path.cwd()) else path
        )
    except ValueError:
        return path


def _looks_like_front_matter(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(8).removeprefix(b"\xef\xbb\xbf").startswith(b"---")
    except OSError:
        return False


def _looks_like_case(path: Path) -> bool:
    try:
        return "event_type" in read(path).meta
    except (FrontMatterError, OSError):
        return _looks_like_front_matter(path)


def _not_read(path: Path, where: str) -> Problem:
    return Problem(
        path,
        1,
        "file",
        f"is not read: only .md files are {where}",
        f"rename it to {path.stem}.md",
    )


def collect(targets: list[str]) -> tuple[list[Path], list[Path], list[Problem], list[Problem]]:
    """Case files, page files, problems (files the build would skip) and warnings."""
    cases: list[Path] = []
    pages: list[Path] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for target in targets or [str(CONTENT_DIR)]:
        root = Path(target)
        if not root.is_dir():
            if root.suffix == ".md" or not root.exists():
                cases.append(root)
            else:
                problems.append(_not_read(root, "cases"))
            continue
        content_root = (root / "cases").is_dir()
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            parts = path.relative_to(root).parts
            if any(part.startswith(".") for part in parts):
                continue
            kind = "pages" if "pages" in path.parts[:-1] else "cases"
            if content_root and parts[0] not in ("cases", "pages"):
                if path.suffix in MARKDOWN_LIKE | {".md"} and _looks_like_case(path):
                    warnings.append(
                        Problem(
                            path,
                            1,
                            "file",
                            "warning: looks like a case but is outside cases/, so it is not "
                            "published",
                            f"move it to {root / 'cases'}/",
                        )
                    )
                continue
            if path.suffix == ".md":
                (pages if kind == "pages" else cases).append(path)
            elif path.suffix.lower() in (".html", ".htm", ".rst") or (
                path.suffix.lower() in MARKDOWN_LIKE and _looks_like_front_matter(path)
            ):
                problems.append(_not_read(path, kind))
    return cases, pages, problems, warnings


def _neighbours(path: Path) -> list[Path]:
    """The other cases of the collection a case file belongs to (for related ids, duplicates)."""
    for folder in Path(path).resolve().parents:
        if folder.name == "cases":
            return sorted(folder.rglob("*.md"))
    return []


def validate(
    targets: list[str], vocab_dir: Path = vocabulary.VOCAB_DIR, ids: Path | None = None
) -> int:
    """Check cases, pages and vocabularies; print every problem; 0 when there is none.

    The registry of published ids (`ids`) is checked against the whole collection: by
    default when the repository's content/ is validated (no paths given).
    """
    case_paths, page_paths, problems, warnings = collect(targets)
    vocab = vocabulary.load(vocab_dir)
    named = {p.resolve() for p in case_paths if p.is_file()}
    single_files = [Path(t) for t in targets if Path(t).is_file()]
    context = {n for path in single_files for n in _neighbours(path)} - named
    docs, found = check_files([*case_paths, *context], vocab)
    if ids is None and not targets:
        ids = registry.REGISTRY
    if ids is not None:
        found += registry.registry_problems(docs, registry.load(ids))
    docs = [d for d in docs if d.path.resolve() not in context]
    # a file named alone is checked against its collection; the others are not reported
    problems += [p for p in found if Path(p.path).resolve() not in context]
    page_docs, page_problems = read_all(page_paths)
    problems += page_problems + check_pages(page_docs)
    for problem in sorted(set(warnings)):
        print(_shown(problem), file=sys.stderr)
    for problem in sorted(set(problems)):
        print(_shown(problem), file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in sorted(set(problems)):
            print(annotation(problem))
    if problems:
        files = len({p.path for p in problems})
        print(f"{len(set(problems))} problem(s) in {files} file(s)", file=sys.stderr)
        return 1
    pages_note = f", {len(page_docs)} page(s)" if page_docs else ""
    print(f"{len(docs)} case file(s) valid{pages_note}")
    return 0


def annotation(problem: Problem) -> str:
    """The problem as a GitHub Actions error annotation, shown on the pull request's diff."""
    message = f"{problem.field}: {problem.message}; {problem.fix}"
    for char, code in (("%", "%25"), ("\r", "%0D"), ("\n", "%0A")):
        message = message.replace(char, code)
    path = shown(problem.path).as_posix()
    for char, code in (("%", "%25"), (",", "%2C"), (":", "%3A")):
        path = path.replace(char, code)
    return f"::error file={path},line={problem.line}::{message}"


def _shown(problem: Problem) -> str:
    return str(dataclasses.replace(problem, path=shown(problem.path)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m casebook")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "validate", help="check case files, pages and vocabularies (default: the content/ folder)"
    )
    check.add_argument("paths", nargs="*")
    check.add_argument(
        "--vocab", type=Path, default=vocabulary.VOCAB_DIR, help="vocabulary folder (data/vocab)"
    )
    check.add_argument(
        "--ids",
        type=Path,
        default=None,
        help="registry of published ids to check the cases against (default: "
        "data/published-ids.yaml when no path is given)",
    )
    new = commands.add_parser("new-case", help="write a case file to fill in")
    new.add_argument("title")
    # the languages a case may be written in are the schema's; the guidance comes from
    # each language's interface catalogue (casebook/scaffold.py)
    new.add_argument("--lang", default="en", choices=case_schema()["properties"]["lang"]["enum"])
    new.add_argument("--ids", type=Path, default=registry.REGISTRY, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.command == "new-case":
        path = scaffold.write_case(args.title, CASES_DIR, lang=args.lang)
        registry.register(path.stem, args.ids)
        print(
            f"wrote {shown(path)} and registered its id in {shown(args.ids)}: replace every "
            "TODO, then run 'invoke validate' (it lists what is left to fill in)"
        )
        return 0
    return validate(args.paths, args.vocab, args.ids)


if __name__ == "__main__":
    sys.exit(main())
