"""Measure the review queue on a large inbox of pending items.

Writes N synthetic inbox items (English and French, a few relevant stories copied by several
outlets, mostly unrelated news, as a scheduled scrape gathers them) into a temporary folder,
with a copy of the shipped cases, then times:

1. the first listing: every item tagged (and its tags cached) and the queue grouped. The
   grouping is `curation/cluster.py`'s; today's compares all pairs (about 50 minutes for
   20,000 items), so by default the benchmark groups the items month by month (stories of
   different months are never joined except as near copies) and stores that grouping in the
   cache through `Cache.store`; `--full-group` groups them all at once instead;
2. `python -m curation review --list` as a maintainer runs it again (tags and clusters from
   the cache), as a separate process, imports included;
3. the same listing after a decision (decided items leave their cached cluster);
4. `review --reject-below 0.2` deciding the long tail in one go, then the listing.

Usage: python benchmarks/review.py [--items 20000] [--full-group] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from curation import review  # noqa: E402
from curation.cluster import Candidate, group  # noqa: E402
from curation.queue import Cache, ranked, tagger_version  # noqa: E402
from curation.tagger import default_tagger  # noqa: E402

STORIES = [
    ("en", "{brand} ends customer service by direct message on Twitter",
     "{brand} says it no longer answers customers by DM on Twitter after the platform changed "
     "its conditions."),
    ("fr", "{brand} arrête son service client sur Twitter",
     "{brand} ne répond plus aux messages privés de ses clients sur Twitter."),
    ("en", "A passenger buys a promoted tweet to complain about {brand}",
     "The customer paid to promote a tweet after {brand} lost his luggage."),
    ("en", "{brand} warns customers about fake accounts impersonating its support team",
     "Scammers posing as {brand} customer service reply to complaints on X."),
    ("fr", "{brand} promet de répondre aux clients sur Twitter en moins d'une heure",
     "Le service client de {brand} s'engage à répondre en une heure sur les réseaux sociaux."),
]  # fmt: skip
BRANDS = ["KLM", "Air France", "British Airways", "Delta", "Lufthansa", "Orange", "SFR",
          "Vodafone", "EE", "Ryanair", "easyJet", "La Poste", "SNCF", "Free Mobile"]  # fmt: skip
SYLLABLES = ["ba", "ko", "ri", "mu", "te", "sa", "lo", "vi", "ne", "du", "pa", "zo", "chi",
             "fe", "gra", "mon", "tur", "vel", "sen", "dor"]  # fmt: skip
OUTLETS = ["Example News", "Daily Sample", "Le Journal Exemple", "Wire Service", "Tech Desk"]


def make_items(count: int, seed: int = 12) -> list[dict]:
    """`count` items: about 5% copies of relevant stories, the rest unrelated news."""
    rng = random.Random(seed)
    # an open vocabulary, so unrelated items share few words, as real news does
    noise = sorted({"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(6000)})
    items = []
    for n in range(count):
        month = n * 24 // count  # two years of scraping
        day = f"{2024 + month // 12}-{1 + month % 12:02d}-{1 + rng.randrange(28):02d}"
        if rng.random() < 0.05:
            lang, title, summary = rng.choice(STORIES)
            brand = rng.choice(BRANDS)
            title, summary = title.format(brand=brand), summary.format(brand=brand)
        else:
            lang = rng.choice(["en", "fr"])
            words = rng.sample(noise, 9)
            title = " ".join(words[:6]).capitalize() + f" {n}"
            summary = " ".join(words).capitalize() + " reported in the city this week."
        items.append(
            {
                "id": f"bench-{n:06d}",
                "url": f"https://news{n % 40}.example.org/{day}/{n}",
                "title": title,
                "summary": summary,
                "text": summary + " " + " ".join(rng.sample(noise, 20)) + ".",
                "published": day,
                "fetched_at": day + "T06:00:00Z",
                "lang": lang,
                "publisher": rng.choice(OUTLETS),
            }
        )
    return items


def write_inbox(folder: Path, items: list[dict]) -> None:
    by_month: dict[str, list[str]] = {}
    for item in items:
        by_month.setdefault(item["published"][:7], []).append(json.dumps(item, ensure_ascii=False))
    folder.mkdir(parents=True, exist_ok=True)
    for month, lines in by_month.items():
        (folder / f"{month}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def prepare_by_month(folders: review.Folders) -> list:
    """Tag every item through the cache, group each month's items, store the grouping."""
    from curation.inbox import inbox_files, read_items

    tagger = default_tagger()
    cache = Cache(folders.cache, tagger_version(tagger))
    items = read_items(inbox_files(folders.inbox))
    candidates = [
        Candidate(i, t) for i, t in zip(items, cache.taggings(items, tagger), strict=True)
    ]
    months: dict[str, list] = {}
    for candidate in candidates:
        months.setdefault(candidate.item["published"][:7], []).append(candidate)
    clusters = [c for part in months.values() for c in group(part, tagger.lexicon)]
    cache.store({c.id for c in candidates}, clusters)
    return ranked(clusters)


def cli(folders: review.Folders, *extra: str) -> tuple[float, str]:
    command = [
        sys.executable, "-m", "curation", "review", *extra,
        "--inbox", str(folders.inbox), "--cases", str(folders.cases),
        "--decisions", str(folders.decisions), "--cache", str(folders.cache),
    ]  # fmt: skip
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True)
    return time.perf_counter() - start, result.stdout


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=20000)
    parser.add_argument("--keep", type=Path, help="build the set-up in DIR and keep it")
    parser.add_argument("--full-group", action="store_true", help="group all items at once")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="review-bench-"))
    folders = review.Folders(work / "inbox", work / "cases", work / "decisions", work / "cache")
    shutil.rmtree(work, ignore_errors=True)
    write_inbox(folders.inbox, make_items(args.items))
    shutil.copytree(ROOT / "content" / "cases", folders.cases)

    start = time.perf_counter()
    if args.full_group:
        clusters = review.queue(folders)
        how = "group the queue at once"
    else:
        clusters = prepare_by_month(folders)
        how = "group month by month"
    cold = time.perf_counter() - start
    print(f"{args.items} pending items, {len(clusters)} clusters")
    print(f"first listing (tag every item, {how}): {cold:.1f} s")

    warm, out = cli(folders, "--list")
    print(f"review --list, cached:                           {warm:.2f} s")
    print("   " + out.strip().splitlines()[-1])

    first = next(line.split()[1] for line in out.splitlines() if line.startswith("[1]"))
    cli(folders, "--reject", first, "--reason", "benchmark")
    after, _ = cli(folders, "--list")
    print(f"review --list after a decision:                  {after:.2f} s")

    bulk, out = cli(folders, "--reject-below", "0.2", "--reason", "benchmark long tail")
    print(f"review --reject-below 0.2:                       {bulk:.2f} s")
    print("   " + out.strip().splitlines()[-1][:100])
    final, out = cli(folders, "--list", "--all")
    print(f"review --list --all after the bulk rejection:    {final:.2f} s")
    print("   " + out.strip().splitlines()[-1])
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
