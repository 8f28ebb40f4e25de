"""`python plugins/tracker/search_index.py OUTPUT`: one Pagefind bundle per interface language.

Run as a script (standard library only), so indexing does not load the Pelican plugin the
module sits in: `invoke build` starts it after every build, a no-change one included.

Each interface language searches its own write-ups, so each gets its own bundle beside its
case pages: `pagefind/` for the default language (`cases/`), `fr/pagefind/` for French
(`fr/cases/`), and so on for every `<lang>/cases/` folder the build wrote. Indexing them one
at a time keeps Pagefind's memory to the largest language's pages rather than all of them.
Only case pages carry searchable text (`data-pagefind-body`). A bundle is emptied before it
is written again: Pagefind adds the hash-named files of a new index beside those of the
last one, and would otherwise leave a whole old index behind on every rebuild.

A development build's output manifest (`.tracker-manifest.json`) says what every page was
built from: a bundle whose case pages all have the keys they had when it was last indexed
(`<bundle>/.tracker-indexed`) is left as it is, so an edit to a French case re-indexes the
French pages only, and a build that changed no case page indexes nothing. A published build
has no manifest and indexes every bundle.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path


def bundles(output: Path) -> list[tuple[str, str]]:
    """(pages glob, bundle folder) per language folder of `output`, the default one first."""
    found = [("cases/**/*.html", "pagefind")] if (output / "cases").is_dir() else []
    for cases in sorted(output.glob("*/cases")):
        if cases.is_dir():
            lang = cases.parent.name
            found.append((f"{lang}/cases/**/*.html", f"{lang}/pagefind"))
    return found


MANIFEST = ".tracker-manifest.json"
STAMP = ".tracker-indexed"


def pages_stamp(manifest: dict[str, str], pages: str) -> str:
    """A hash of the manifest keys of the pages a bundle indexes (`pages` is its glob)."""
    prefix = pages.split("**", 1)[0]
    mine = sorted((path, key) for path, key in manifest.items() if path.startswith(prefix))
    return hashlib.sha1(json.dumps(mine).encode("utf-8")).hexdigest()


def index(output: Path, quiet: bool = True) -> int:
    """Index each language's case pages into its bundle, unless the bundle is current;
    Pagefind's exit status (0: all done)."""
    output = Path(output)
    manifest_file = output / MANIFEST
    manifest = json.loads(manifest_file.read_text("utf-8")) if manifest_file.exists() else None
    for pages, bundle in bundles(output):
        stamp_file = output / bundle / STAMP
        stamp = pages_stamp(manifest, pages) if manifest is not None else None
        if stamp and stamp_file.exists() and stamp_file.read_text("utf-8") == stamp:
            continue
        shutil.rmtree(output / bundle, ignore_errors=True)
        command = [sys.executable, "-m", "pagefind", "--site", str(output), "--glob", pages]
        command += ["--output-subdir", bundle] + (["--quiet"] if quiet else [])
        done = subprocess.run(command, check=False)
        if done.returncode:
            return done.returncode
        if stamp:
            stamp_file.write_text(stamp, encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python plugins/tracker/search_index.py OUTPUT", file=sys.stderr)
        return 2
    return index(Path(args[0]))


if __name__ == "__main__":
    sys.exit(main())
