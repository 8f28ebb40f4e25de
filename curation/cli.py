"""Command line: `python -m curation tag|review|evaluate`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from curation import accept, evaluate, review
from curation.inbox import read_items
from curation.tagger import default_tagger, tag_item


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m curation")
    commands = parser.add_subparsers(dest="command", required=True)

    tag = commands.add_parser("tag", help="tag inbox items; one JSON object per item per line")
    tag.add_argument("files", nargs="+", type=Path)

    rev = commands.add_parser(
        "review",
        help="review pending clusters (interactive unless --list, --accept or --reject)",
        description="ID is a cluster id (c-...: every item of the cluster) or an item id "
        "(that item alone). Run with --list to see the ids.",
    )
    rev.add_argument("--inbox", type=Path, default=Path("data/inbox"))
    rev.add_argument("--cases", type=Path, default=Path("content/cases"))
    rev.add_argument("--decisions", type=Path, default=Path("data/decisions"))
    rev.add_argument("--all", action="store_true", help="also show clusters below the threshold")
    action = rev.add_mutually_exclusive_group()
    action.add_argument("--list", action="store_true", help="print pending clusters and stop")
    action.add_argument("--accept", metavar="ID", help="accept a cluster or an item")
    action.add_argument("--reject", metavar="ID", help="reject a cluster or an item for good")
    rev.add_argument("--case", metavar="NEW|CASE_ID", help="with --accept: new case or case id")
    rev.add_argument("--reason", help="with --reject: why")
    rev.add_argument("--brands", help="with --accept: brand keys, comma-separated ('-' for none)")
    rev.add_argument("--platform")
    rev.add_argument("--channel", help="channel key ('-' for none)")
    rev.add_argument("--event-type")
    rev.add_argument("--status", default="unknown")
    rev.add_argument("--title", help="title of a new case (default: the lead item's title)")

    # options of `evaluate` are those of python -m curation.evaluate (main passes them on)
    commands.add_parser("evaluate", add_help=False, help="cross-validated figures of the tagger")
    return parser


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


def run_review(args) -> int:
    folders = review.Folders(args.inbox, args.cases, args.decisions)
    if args.accept and not args.case:
        print("--accept needs --case NEW or --case CASE_ID", file=sys.stderr)
        return 2
    if args.reject and not args.reason:
        print("--reject needs --reason TEXT", file=sys.stderr)
        return 2
    try:
        if args.list:
            clusters = review.pending(folders)
            threshold = default_tagger().lexicon.threshold
            shown = [c for c in clusters if args.all or c.relevance >= threshold]
            for number, cluster in enumerate(shown, 1):
                print(review.describe(cluster, number))
            print(f"{len(shown)} pending cluster(s) shown, {len(clusters)} in all")
            return 0
        if args.accept:
            cluster, members = review.select(review.pending(folders), args.accept)
            tags = _tags(args, review.suggested_tags(cluster, members))
            path, record = review.accept_items(folders, cluster, members, args.case, tags)
            print(f"wrote {path} ({len(members)} item(s)); decision in {record}")
            print(f"edit the summary and text marked '{accept.DRAFT_MARK}' before committing")
            return 0
        if args.reject:
            cluster, members = review.select(review.pending(folders), args.reject)
            record = review.reject_items(folders, cluster, members, args.reason)
            print(f"rejected {len(members)} item(s); decision in {record}")
            return 0
        review.interactive(folders, include_all=args.all)
        return 0
    except (accept.AcceptError, review.ReviewError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["evaluate"]:
        return evaluate.main(argv[1:])
    args = _parser().parse_args(argv)
    if args.command == "tag":
        return run_tag(args.files)
    return run_review(args)
