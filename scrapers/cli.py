"""Command line: ``python -m scrapers run`` and ``python -m scrapers extract``."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from scrapers.collect import Collector, RunOptions, SourceReport
from scrapers.fetch import CACHE_FILE, Fetcher, FetchError, Policy
from scrapers.health import HEALTH_FILE, Health
from scrapers.inbox import Inbox
from scrapers.pages import extract_page
from scrapers.runlock import InboxBusy, inbox_lock
from scrapers.sources import SourceListError, load_sources
from scrapers.text import charset_from_content_type
from scrapers.urls import is_http_url

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_BUSY = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own exit code is already 2; keep it explicit
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _date(value: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a date YYYY-MM-DD")
    return value


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1
    if seconds < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds >= 0")
    return seconds


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m scrapers", description="Gather news items into the inbox.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = commands.add_parser("run", help="fetch every source and store new items")
    run.add_argument("--sources", type=Path, default=Path("data/sources.yaml"))
    run.add_argument("--inbox", type=Path, default=Path("data/inbox"))
    run.add_argument("--state", type=Path, default=Path("state"))
    run.add_argument("--only", metavar="NAME", action="append", help="run only this source")
    run.add_argument("--since", type=_date, metavar="DATE", help="drop items published before")
    run.add_argument(
        "--delay", type=_seconds, default=1.0, help="seconds between requests to a host"
    )
    run.add_argument("--allow-loopback", action="store_true", help="allow 127.0.0.1 (tests)")
    run.add_argument("--dry-run", action="store_true", help="fetch and report, write nothing")
    run.add_argument(
        "--lock-wait",
        type=_seconds,
        default=30.0,
        help="seconds to wait for another run on the same inbox before giving up",
    )
    run.add_argument(
        "--warn-after",
        type=int,
        default=3,
        metavar="N",
        help="warn when a source failed or listed nothing N runs in a row",
    )
    extract = commands.add_parser("extract", help="print the metadata of pages as JSON lines")
    extract.add_argument(
        "inputs", nargs="+", metavar="FILE_OR_URL", help="saved pages, folders of them, URLs"
    )
    extract.add_argument("--delay", type=_seconds, default=1.0)
    extract.add_argument("--allow-loopback", action="store_true")
    for sub in (run, extract):
        sub.add_argument("--retries", type=int, default=3, help="retries on errors, 429, 5xx")
        sub.add_argument(
            "--max-wait", type=_seconds, default=60.0, help="cap of a retry wait (Retry-After)"
        )
    return parser


def policy_from(args: argparse.Namespace) -> Policy:
    return Policy(
        min_delay=args.delay,
        allow_loopback=args.allow_loopback,
        retries=max(0, args.retries),
        backoff=min(1.0, args.max_wait),
        max_retry_wait=args.max_wait,
    )


COUNTS = (
    ("fetched", "fetched"),
    ("not modified", "not_modified"),
    ("new", "new"),
    ("merged", "merged"),
    ("duplicates", "duplicates"),
    ("filtered", "filtered"),
)


def _notes(report: SourceReport) -> list[str]:
    return ([f"ERROR: {report.error}"] if report.error else []) + [
        f"warning: {w}" for w in report.warnings
    ]


def summary_table(reports: list[SourceReport]) -> Table:
    """The summary for a terminal: one row per source."""
    table = Table(title="Sources")
    table.add_column("source")
    for label, _attr in COUNTS:
        table.add_column(label, justify="right")
    table.add_column("errors / warnings")
    for r in reports:
        notes = _notes(r)
        shown = notes[:4] + ([f"(+{len(notes) - 4} more)"] if len(notes) > 4 else [])
        # Text, not markup: notes quote scraped pages (a title may hold "[/]").
        table.add_row(
            Text(r.name),
            *(str(getattr(r, attr)) for _l, attr in COUNTS),
            Text("\n".join(shown) or "-"),
        )
    return table


def summary_lines(reports: list[SourceReport]) -> list[str]:
    """The summary for logs (cron, CI): plain lines, never cut or wrapped."""
    lines = []
    for r in reports:
        counts = ", ".join(f"{label} {getattr(r, attr)}" for label, attr in COUNTS)
        lines.append(f"{r.name}: {counts}")
        lines.extend(f"{r.name}: {note}" for note in _notes(r))
    return lines


def _say(console: Console | None, text: str, stream=None) -> None:
    """One message: through rich on a terminal, as a plain unwrapped line otherwise."""
    if console is not None:
        console.print(text, highlight=False, markup=False)
    else:
        print(text, file=stream or sys.stdout, flush=True)


def command_run(args: argparse.Namespace) -> int:
    on_terminal = sys.stdout.isatty()
    err_console = Console(stderr=True) if sys.stderr.isatty() else None
    out_console = Console() if on_terminal else None
    try:
        sources = load_sources(args.sources)
    except SourceListError as exc:
        _say(err_console, f"bad source list: {exc}", sys.stderr)
        return EXIT_USAGE
    if args.only:
        unknown = sorted(set(args.only) - {s.name for s in sources})
        if unknown:
            _say(err_console, f"unknown source for --only: {', '.join(unknown)}", sys.stderr)
            return EXIT_USAGE
        sources = [s for s in sources if s.name in args.only]
    lock = None
    if not args.dry_run:
        try:
            lock = inbox_lock(args.inbox, args.lock_wait)
        except InboxBusy as exc:
            _say(err_console, f"not run: {exc}", sys.stderr)
            return EXIT_BUSY
    try:
        return _run_locked(args, sources, err_console, out_console)
    finally:
        if lock is not None:
            lock.release()


def _run_locked(args, sources, err_console, out_console) -> int:
    cache = None if args.dry_run else args.state / CACHE_FILE
    fetcher = Fetcher(policy_from(args), cache_path=cache)
    inbox = Inbox(args.inbox)
    for problem in inbox.problems:
        _say(err_console, f"inbox: {problem}", sys.stderr)
    health = Health(None if args.dry_run else args.state / HEALTH_FILE)
    collector = Collector(fetcher, inbox, RunOptions(since=args.since, dry_run=args.dry_run))
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err_console or Console(stderr=True),
        disable=err_console is None,
    ) as progress:
        task = progress.add_task("sources", total=len(sources))
        reports = collector.run(sources, on_done=lambda _r: progress.advance(task))
    at = collector.clock().isoformat()
    for r in reports:
        health.record(r.name, at, entries=r.entries, new=r.new, error=r.error)
    health.save()
    if out_console is not None:
        out_console.print(summary_table(reports))
    else:
        for line in summary_lines(reports):
            print(line)
    for line in health.warnings([r.name for r in reports], args.warn_after):
        _say(out_console, f"WARNING: {line}")
    failed = [r for r in reports if not r.ok]
    total_new = sum(r.new for r in reports)
    verb = "would store" if args.dry_run else "stored"
    merged = sum(r.merged for r in reports)
    _say(
        out_console,
        f"{verb} {total_new} new items ({merged} stored items completed by a richer copy);"
        f" {len(failed)} of {len(reports)} sources failed",
    )
    return EXIT_SOME_FAILED if failed else EXIT_OK


def read_capped(path: Path, limit: int) -> bytes:
    """The bytes of a saved page, refusing files beyond the fetcher's body cap."""
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"file larger than {limit} bytes (the cap for one page)")
    return data


def extract_one(target: str, fetcher: Fetcher) -> dict:
    """Metadata of one file or URL as a JSON-ready dict; errors become ``error``."""
    result: dict = {"input": target}
    try:
        if is_http_url(target):
            response = fetcher.get(target)
            data, url = response.body, response.final_url
            charset = charset_from_content_type(response.content_type)
        elif "://" in target:
            raise ValueError("only http(s) URLs and local files can be read")
        else:
            path = Path(target)
            data, url, charset = (
                read_capped(path, fetcher.policy.max_bytes),
                path.resolve().as_uri(),
                None,
            )
        info = extract_page(data, url, charset)
    except FetchError as exc:
        return result | {"error": exc.reason}
    except (OSError, ValueError) as exc:
        return result | {"error": str(exc)}
    except Exception as exc:  # noqa: BLE001 - one page must never end the batch
        return result | {"error": f"internal error (a bug, please report it): {exc!r}"}
    result |= {
        "url": url,
        "canonical_url": info.canonical_url,
        "title": info.title,
        "published": info.published,
        "modified": info.modified,
        "publisher": info.publisher,
        "author": info.author,
        "description": info.description,
        "lang": info.lang,
        "extracted_by": info.extracted_by,
    }
    return result


def expand_inputs(inputs: list[str]) -> list[str]:
    """A folder stands for its files, in name order; anything else is kept as given."""
    expanded = []
    for target in inputs:
        path = Path(target)
        if "://" not in target and path.is_dir():
            expanded.extend(str(p) for p in sorted(path.iterdir()) if p.is_file())
        else:
            expanded.append(target)
    return expanded


def command_extract(args: argparse.Namespace) -> int:
    fetcher = Fetcher(policy_from(args))
    for target in expand_inputs(args.inputs):
        print(json.dumps(extract_one(target, fetcher), ensure_ascii=False), flush=True)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "run":
        return command_run(args)
    return command_extract(args)
