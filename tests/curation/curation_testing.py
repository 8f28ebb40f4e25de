"""Helpers shared by the curation tests."""

import json
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def write_jsonl(path: Path, items: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), "utf-8")
    return path
