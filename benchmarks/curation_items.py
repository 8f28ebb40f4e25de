"""Synthetic inbox items for the curation benchmarks, made from the labelled corpus.

Each item is a labelled headline and lede (blind files left out) with a random date over
two years, some words dropped and a new id: many reports of the same stories, plus
different stories of the same brands, as a real inbox holds. Its `text` (the article body a
scraper extracts) is the lede followed by six other ledes, about 1,500 characters.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from curation import corpus  # noqa: E402

START = dt.date(2023, 1, 1)
DAYS = 730
BODY_LEDES = 6


def _vary(text: str, rng: random.Random) -> str:
    words = text.split()
    kept = [w for w in words if rng.random() > 0.1] or words
    return " ".join(kept)


def items(count: int, seed: int = 0) -> list[dict]:
    base = corpus.read(corpus.training_files())
    rng = random.Random(seed)
    out = []
    for n in range(count):
        source = rng.choice(base)
        body = [source.get("summary") or ""] + [
            rng.choice(base).get("summary") or "" for _ in range(BODY_LEDES)
        ]
        date = START + dt.timedelta(days=rng.randrange(DAYS))
        out.append(
            {
                "id": f"bench-{n:06d}",
                "url": f"https://news.example.org/{n}",
                "title": _vary(source["title"], rng),
                "summary": _vary(source.get("summary") or "", rng),
                "text": " ".join(body),
                "lang": source["lang"],
                "published": date.isoformat(),
                "base": source["id"],
            }
        )
    return out
