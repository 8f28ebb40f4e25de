"""Curation: tag candidate items, group copies of a story, review them into case files.

Reads `data/inbox/*.jsonl` (written by the scrapers), the vocabularies of `casebook`, and
the cue lexicons in `data/curation/`; writes case files and decision files.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data" / "curation"
