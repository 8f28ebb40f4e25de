"""`python -m casebook validate [PATH...]` and `python -m casebook new-case TITLE`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from casebook import scaffold, vocabulary
from casebook.validate import check_files

CASES_DIR = Path("content/cases")


def case_paths(targets: list[str]) -> list[Path]:
    """Markdown files named, or found under the folders named."""
    paths: list[Path] = []
    for target in targets or [str(CASES_DIR)]:
        path = Path(target)
        paths += sorted(path.rglob("*.md")) if path.is_dir() else [path]
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m casebook")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check case files (default: content/cases)")
    check.add_argument("paths", nargs="*")
    new = commands.add_parser("new-case", help="write a valid case file to fill in")
    new.add_argument("title")
    new.add_argument("--lang", default="en", choices=["en", "fr"])
    args = parser.parse_args(argv)

    if args.command == "new-case":
        path = scaffold.write_case(args.title, CASES_DIR, lang=args.lang)
        print(f"wrote {path}: fill in the fields marked TODO, then run 'invoke validate'")
        return 0

    paths = case_paths(args.paths)
    docs, problems = check_files(paths, vocabulary.load())
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        files = len({p.path for p in problems})
        print(f"{len(problems)} problem(s) in {files} file(s)", file=sys.stderr)
        return 1
    print(f"{len(docs)} case file(s) valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
