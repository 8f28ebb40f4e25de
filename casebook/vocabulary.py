"""The controlled vocabularies: brands, event types, platforms, channels, industries, statuses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

VOCAB_DIR = Path(__file__).resolve().parent.parent / "data" / "vocab"

# field of a case -> vocabulary file that lists its keys
FIELD_VOCABULARY = {
    "brands": "brands",
    "platform": "platforms",
    "channel": "channels",
    "event_type": "event_types",
    "status": "statuses",
}


@dataclass
class Vocabulary:
    """Every vocabulary, keyed by name (brands, platforms, ...), each a dict of key -> entry."""

    terms: dict[str, dict[str, dict]]
    folder: Path

    def __getitem__(self, name: str) -> dict[str, dict]:
        return self.terms[name]

    def file_of(self, name: str) -> Path:
        return self.folder / f"{name}.yaml"

    def industries_of(self, brands: list[str]) -> list[str]:
        """Industry keys of the given brands, sorted, each once."""
        known = self.terms["brands"]
        return sorted({known[b]["industry"] for b in brands if known.get(b, {}).get("industry")})

    def label(self, name: str, key: str, lang: str = "en") -> str:
        """Human label of `key` in vocabulary `name`, in `lang` (English, then the key itself)."""
        entry = self.terms.get(name, {}).get(key)
        if not entry:
            return key
        if "name" in entry:
            return entry.get("label", {}).get(lang, entry["name"])
        labels = entry.get("label", {})
        return labels.get(lang) or labels.get("en") or key


def load(folder: Path = VOCAB_DIR) -> Vocabulary:
    """Read every vocabulary file in `folder`."""
    terms = {}
    for path in sorted(Path(folder).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        terms[path.stem] = data
    return Vocabulary(terms, Path(folder))
