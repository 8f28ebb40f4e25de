"""Measure `python -m casebook validate` and the output swap of `invoke build` on synthetic cases.

Usage: python benchmarks/validator.py [--cases 3000] [--swap]

--swap also builds the synthetic site (Pelican and Pagefind, slow) and times
`tasks.replace_output`, the renames that make builds atomic.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import site_build  # noqa: E402  (the synthetic cases of the site benchmark)

import tasks  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--swap", action="store_true", help="also build and time the swap")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        content, staging = Path(tmp) / "content", Path(tmp) / "staging"
        site_build.write_cases(content / "cases", args.cases)
        shutil.copytree(ROOT / "content" / "pages", content / "pages")
        start = time.perf_counter()
        checked = subprocess.run(
            [sys.executable, "-m", "casebook", "validate", str(content)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        took = time.perf_counter() - start
        print(f"validate: {args.cases} cases in {took:.2f} s ({checked.stdout.strip()})")
        if checked.returncode != 0:
            print(checked.stderr[-2000:], file=sys.stderr)
            return 1
        if not args.swap:
            return 0
        for command in (
            ["-m", "pelican", str(content), "-o", str(staging), "-s", "pelicanconf.py"],
            ["-m", "pagefind", "--site", str(staging), "--quiet"],
        ):
            subprocess.run([sys.executable, *command], cwd=ROOT, check=True, capture_output=True)
        files = [p for p in staging.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        start = time.perf_counter()
        tasks.replace_output(staging, Path(tmp) / "output")
        took = time.perf_counter() - start
        print(f"swap: {len(files)} files, {size / 1e6:.1f} MB into output/ in {took:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
