"""Time grouping N inbox items into stories (target: 20,000 items in under a minute).

The items' tags are computed first (each distinct story once, not timed); the figure is
the time `curation.cluster.group` takes.

Usage: python benchmarks/clustering.py [--items 20000]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from curation_items import items

from curation.cluster import Candidate, group
from curation.tagger import default_tagger, tag_items


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=20000)
    args = parser.parse_args()
    batch = items(args.items)
    tagger = default_tagger()
    firsts = {}
    for item in batch:
        firsts.setdefault(item["base"], item)
    tags = dict(zip(firsts, tag_items(list(firsts.values()), tagger), strict=True))
    candidates = [Candidate(item, tags[item["base"]]) for item in batch]
    started, cpu = time.perf_counter(), time.process_time()
    clusters = group(candidates, tagger.lexicon)
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    sizes = Counter(len(c.members) for c in clusters)
    mixed = sum(len({m.item["base"] for m in c.members}) > 1 for c in clusters)
    print(
        f"grouped {len(candidates)} items into {len(clusters)} clusters in {took:.1f} s "
        f"wall clock, {cpu:.1f} s CPU; "
        f"largest {max(sizes)}, single items {sizes.get(1, 0)}, "
        f"clusters mixing labelled stories {mixed}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
