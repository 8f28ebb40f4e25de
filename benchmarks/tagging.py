"""Time tagging N inbox items with the shipped model (target: 10,000 items in under 30 s).

One process, one core. CPU time is printed beside wall-clock time because a shared machine
slows the wall clock down.

Usage: python benchmarks/tagging.py [--items 10000]
"""

from __future__ import annotations

import argparse
import sys
import time

from curation_items import items

from curation.tagger import default_tagger, tag_items


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=10000)
    args = parser.parse_args()
    batch = items(args.items)
    started = time.perf_counter()
    tagger = default_tagger()
    loaded = time.perf_counter()
    cpu = time.process_time()
    tags = tag_items(batch, tagger)
    cpu = time.process_time() - cpu
    done = time.perf_counter()
    relevant = sum(t.relevant for t in tags)
    print(
        f"tagged {len(tags)} items in {done - loaded:.1f} s wall clock, {cpu:.1f} s CPU "
        f"({1000 * cpu / len(tags):.2f} ms CPU per item); loading the tagger "
        f"{loaded - started:.1f} s; {relevant} relevant"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
