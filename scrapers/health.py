"""Per-source health kept between runs (``STATE/source-health.json``).

For each source: when it last worked, its last error, and its last runs
(time, entries listed, new items, error). A source that failed, or listed
nothing, several runs in a row gets a warning in the run's summary.
"""

from __future__ import annotations

import json
from pathlib import Path

from casebook.atomic import write_json_atomic

HEALTH_FILE = "source-health.json"
KEEP_RUNS = 30


class Health:
    def __init__(self, path: Path | None):
        self.path = path
        self.sources: dict[str, dict] = {}
        if path and path.exists():
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                loaded = {}  # a damaged record only loses the history
            if isinstance(loaded, dict) and isinstance(loaded.get("sources"), dict):
                self.sources = {k: v for k, v in loaded["sources"].items() if isinstance(v, dict)}

    def record(self, name: str, at: str, *, entries: int | None, new: int, error: str | None):
        """Add one run of a source; ``entries`` is None when the feed was not read."""
        entry = self.sources.setdefault(name, {})
        runs = [r for r in entry.get("runs", []) if isinstance(r, dict)]
        runs.append({"at": at, "entries": entries, "new": new, "error": error})
        entry["runs"] = runs[-KEEP_RUNS:]
        if error:
            entry["last_error"] = error
            entry["last_error_at"] = at
        else:
            entry["last_success"] = at

    def streaks(self, name: str) -> tuple[int, int]:
        """(runs failed in a row, runs that listed nothing in a row), newest first."""
        failed = empty = 0
        runs = self.sources.get(name, {}).get("runs", [])
        for run in reversed(runs):
            if not run.get("error"):
                break
            failed += 1
        for run in reversed(runs):
            if run.get("error") or run.get("entries") != 0:
                break
            empty += 1
        return failed, empty

    def warnings(self, names: list[str], after: int) -> list[str]:
        """A line per source that failed or listed nothing ``after`` runs in a row or more."""
        lines = []
        for name in names:
            failed, empty = self.streaks(name)
            entry = self.sources.get(name, {})
            since = entry.get("last_success") or "never"
            if failed >= after:
                lines.append(
                    f"{name}: failed {failed} runs in a row (last success: {since});"
                    f" last error: {entry.get('last_error')}"
                )
            elif empty >= after:
                lines.append(
                    f"{name}: listed no entries {empty} runs in a row: check its url"
                    " (and link_selector)"
                )
        return lines

    def save(self) -> None:
        if self.path:
            write_json_atomic(self.path, {"sources": self.sources})
