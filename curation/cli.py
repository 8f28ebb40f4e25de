"""Command line: `python -m curation tag|review|digest|evaluate`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from casebook.vocabulary import VOCAB_DIR
from curation import accept, add_brand, decisions, digest, evaluate, review
from curation.cases import load_cases
from curation.inbox import read_items
from curation.tagger import default_tagger, tag_item


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m curation")
    commands = parser.add_subparsers(dest="command", required=True)

    tag = commands.add_parser("tag", help="tag inbox items; one JSON object per item per line")
    tag.add_argument("files", nargs="+", type=Path)

    rev = commands.add_parser(
        "review",
        help="review pending clusters (interactive unless --list, --accept, --reject, "
        "--reject-below or --undo)",
        description="ID is a cluster id (c-...: every item of the cluster) or an item id "
        "(that item alone). Run with --list to see the ids.",
    )
    _folders(rev)
    rev.add_argument("--all", action="store_true", help="also show clusters below the threshold")
    action = rev.add_mutually_exclusive_group()
    action.add_argument("--list", action="store_true", help="print pending clusters and stop")
    action.add_argument("--accept", metavar="ID", help="accept a cluster or an item")
    action.add_argument("--reject", metavar="ID", help="reject a cluster or an item for good")
    action.add_argument(
        "--reject-below",
        metavar="THRESHOLD",
        type=float,
        help="reject every pending cluster whose relevance is below THRESHOLD (0 to 1)",
    )
    action.add_argument(
        "--undo", metavar="DECISION", help="take back a rejection: its file name, or 'last'"
    )
    rev.add_argument(
        "--older-than", metavar="DAYS", type=int, help="with --reject-below: gathered before"
    )
    rev.add_argument("--case", metavar="NEW|CASE_ID", help="with --accept: new case or case id")
    rev.add_argument("--reason", help="with --reject (required) or --reject-below: why")
    rev.add_argument("--brands", help="with --accept: brand keys, comma-separated ('-' for none)")
    rev.add_argument("--platform")
    rev.add_argument("--channel", help="channel key ('-' for none)")
    rev.add_argument("--event-type")
    rev.add_argument("--status", default="unknown")
    rev.add_argument("--title", help="title of a new case (default: the lead item's title)")
    rev.add_argument("--new-brand", metavar="NAME", help="with --accept: add this brand first")
    rev.add_argument("--industry", help="with --new-brand: industry key")
    rev.add_argument("--country", help="with --new-brand: two-letter country code")
    rev.add_argument("--aliases", default="", help="with --new-brand: other names, comma-separated")

    dig = commands.add_parser(
        "digest", help="Markdown list of the new relevant clusters since the last digest"
    )
    _folders(dig)
    dig.add_argument(
        "--state",
        type=Path,
        default=Path("state/review/digest.json"),
        help="where the digest remembers what it reported",
    )
    dig.add_argument("--no-save", action="store_true", help="do not remember the reported clusters")

    # options of `evaluate` are those of python -m curation.evaluate (main passes them on)
    commands.add_parser("evaluate", add_help=False, help="cross-validated figures of the tagger")
    return parser


def _folders(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--inbox", type=Path, default=Path("data/inbox"))
    parser.add_argument("--cases", type=Path, default=Path("content/cases"))
    parser.add_argument("--decisions", type=Path, default=Path("data/decisions"))
    parser.add_argument(
        "--cache", type=Path, default=Path("state/review"), help="tags and clusters cache"
    )
    parser.add_argument("--vocab", type=Path, default=VOCAB_DIR, help="vocabulary folder")


def run_tag(files: list[Path]) -> int:
    tagger = default_tagger()
    missing = [f for f in files if not f.is_file()]
    for path in missing:
        print(f"{path}: no such file", file=sys.stderr)
    for item in read_items([f for f in files if f.is_file()]):
        print(json.dumps(tag_item(item, tagger).to_json(), ensure_ascii=False))
    return 1 if missing else 0


def _tags(args, suggested: accept.CaseTags) -> accept.CaseTags:
    if args.brands is not None:
        suggested.brands = [b.strip() for b in args.brands.split(",") if b.strip() not in ("", "-")]
    for name in ("platform", "channel", "event_type", "title"):
        value = getattr(args, name)
        if value is not None:
            setattr(suggested, name, None if value == "-" else value)
    suggested.status = args.status
    return suggested


def _brand(args) -> add_brand.NewBrand | None:
    if not args.new_brand:
        return None
    return add_brand.NewBrand(
        name=args.new_brand,
        industry=args.industry or "",
        country=args.country or "",
        aliases=[a.strip() for a in args.aliases.split(",") if a.strip()],
    )


def _list(folders: review.Folders, include_all: bool) -> int:
    clusters = review.queue(folders)
    todo = review.shown(clusters, include_all)
    review.attach_cases(todo, load_cases(folders.cases))
    lines = [review.describe(cluster, number) for number, cluster in enumerate(todo, 1)]
    below = len(clusters) - len(review.shown(clusters, False))
    lines.append(
        f"{len(todo)} pending cluster(s) shown, {len(clusters)} in all"
        + (f" ({below} below the threshold: --all shows them)" if below and not include_all else "")
    )
    print("\n".join(lines))
    return 0


def run_review(args) -> int:
    folders = review.Folders(args.inbox, args.cases, args.decisions, args.cache, args.vocab)
    if args.accept and not args.case:
        print("--accept needs --case NEW or --case CASE_ID", file=sys.stderr)
        return 2
    if args.reject and not args.reason:
        print("--reject needs --reason TEXT", file=sys.stderr)
        return 2
    if args.older_than is not None and args.reject_below is None:
        print("--older-than goes with --reject-below", file=sys.stderr)
        return 2
    if args.new_brand and not (args.accept and args.industry and args.country):
        print("--new-brand goes with --accept, --industry KEY and --country CODE", file=sys.stderr)
        return 2
    try:
        if args.list:
            return _list(folders, args.all)
        if args.accept:
            cluster, members = review.select(review.queue(folders), args.accept)
            tags = _tags(args, review.suggested_tags(cluster, members))
            result = review.accept_items(
                folders, cluster, members, args.case, tags, brand=_brand(args)
            )
            for path in result.paths:
                print(f"wrote {path} ({len(members)} item(s))")
            for note in result.notes:
                print(f"note: {note}")
            print(f"decision in {result.decision}")
            if result.new_case:
                print("the case is a draft: fill in the parts marked TODO, then remove 'draft'")
                if not tags.brands:
                    print(
                        "no brand: if the story is about a brand the vocabulary lacks, add it "
                        "with --new-brand NAME --industry KEY --country CODE"
                    )
            return 0
        if args.reject:
            cluster, members = review.select(review.queue(folders), args.reject)
            record = review.reject_items(folders, cluster, members, args.reason)
            print(f"rejected {len(members)} item(s); decision in {record}")
            return 0
        if args.reject_below is not None:
            record, count = review.reject_below(
                folders, args.reject_below, args.older_than, args.reason
            )
            if record is None:
                print("no pending cluster matches; nothing rejected")
            else:
                print(
                    f"rejected {count} item(s); decision in {record}; "
                    f"undo with: python -m curation review --undo {record.name}"
                )
            return 0
        if args.undo:
            path, decision = decisions.undo(folders.decisions, args.undo)
            print(f"removed {path}: its {len(decision.items)} item(s) are pending again")
            return 0
        review.interactive(folders, include_all=args.all)
        return 0
    except (
        accept.AcceptError,
        review.ReviewError,
        add_brand.BrandError,
        decisions.DecisionError,
    ) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def run_digest(args) -> int:
    folders = review.Folders(args.inbox, args.cases, args.decisions, args.cache, args.vocab)
    try:
        print(digest.run(folders, args.state, save=not args.no_save), end="")
    except decisions.DecisionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["evaluate"]:
        return evaluate.main(argv[1:])
    args = _parser().parse_args(argv)
    if args.command == "tag":
        return run_tag(args.files)
    if args.command == "digest":
        return run_digest(args)
    return run_review(args)
