"""Add a brand the vocabulary lacks to data/vocab/brands.yaml, keeping the file's layout."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from slugify import slugify

from casebook.vocabulary import Vocabulary
from curation import roundtrip
from curation.files import write_atomic
from curation.text import clean

COUNTRY = re.compile(r"^[A-Z]{2}$")
KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# capitalised words that start headlines without naming anyone
_NOT_NAMES = (
    "A An The This That These Why How What When Where Who After Before Le La Les Un Une Des "
    "Pourquoi Comment Quand Après Avant Twitter X Facebook Instagram WhatsApp TikTok"
)
NOT_NAMES = frozenset(_NOT_NAMES.split())


class BrandError(ValueError):
    """The brand cannot be added; the message says what to give."""


@dataclass
class NewBrand:
    """A brand entry to add: usual name, industry key, ISO 3166-1 country code, aliases."""

    name: str
    industry: str
    country: str
    aliases: list[str] = field(default_factory=list)
    key: str = ""

    def entry(self) -> dict:
        return {
            "name": self.name,
            "industry": self.industry,
            "country": self.country,
            "aliases": list(self.aliases),
        }


def _forms(vocab: Vocabulary) -> dict[str, str]:
    """Every name and alias of the vocabulary's brands, folded, -> brand key."""
    forms = {}
    for key, entry in vocab["brands"].items():
        entry = entry or {}
        for form in [entry.get("name"), *(entry.get("aliases") or [])]:
            if isinstance(form, str):
                forms[form.casefold()] = key
    return forms


def check(brand: NewBrand, vocab: Vocabulary) -> NewBrand:
    """The brand cleaned and given its key; BrandError naming every problem otherwise."""
    name = clean(brand.name, 80)
    country = clean(brand.country).upper()
    industry = clean(brand.industry).lower()
    aliases = list(dict.fromkeys(a for a in (clean(x, 80) for x in brand.aliases) if a))
    key = brand.key or slugify(name)
    problems = []
    forms = _forms(vocab)
    if len(name) < 2:
        problems.append("name: give the brand's usual name (at least 2 characters)")
    elif name.casefold() in forms:
        problems.append(f"name: '{name}' is already brand '{forms[name.casefold()]}'")
    if not KEY.match(key or ""):
        problems.append(f"key: '{key}' is not lower-case words joined by hyphens")
    elif key in vocab["brands"]:
        problems.append(f"key: '{key}' is already a brand; give another name")
    if industry not in vocab["industries"]:
        known = ", ".join(vocab["industries"])
        problems.append(f"industry: '{industry}' is not one of {known}")
    if not COUNTRY.match(country):
        problems.append(f"country: '{country}' is not a two-letter ISO 3166-1 code such as FR")
    for alias in aliases:
        if alias.casefold() in forms:
            problems.append(f"aliases: '{alias}' is already brand '{forms[alias.casefold()]}'")
        elif alias.casefold() == name.casefold():
            problems.append(f"aliases: '{alias}' is the name itself; leave it out")
    if problems:
        raise BrandError("; ".join(problems))
    return NewBrand(name, industry, country, aliases, key)


def write(folder: Path, brand: NewBrand) -> Path:
    """Append the (checked) brand to `folder`/brands.yaml; comments and layout stay."""
    path = Path(folder) / "brands.yaml"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    handler, data = roundtrip.load(text) if text.strip() else roundtrip.load("{}\n")
    if data is None:
        handler, data = roundtrip.load("{}\n")
    if brand.key in data:
        raise BrandError(f"key: '{brand.key}' is already in {path}")
    data[brand.key] = roundtrip.mapping(brand.entry(), flow_lists=True)
    out = roundtrip.dump(handler, data)
    reread = yaml.safe_load(out)
    if reread.get(brand.key) != brand.entry():
        raise BrandError(f"{path}: the new entry would not read back as written; add it by hand")
    write_atomic(path, out)
    os.chmod(path, 0o644)
    return path


def guesses(item: dict, vocab: Vocabulary) -> list[str]:
    """Capitalised names in the item's title that are not brands yet: likely brand names."""
    title = clean(item.get("title"))
    forms = _forms(vocab)
    found = []
    for match in re.finditer(r"(?:[A-Z][\w&'’.-]*)(?:\s+[A-Z][\w&'’.-]*)*", title):
        words = [w for w in match.group(0).split() if w not in NOT_NAMES]
        name = " ".join(words).strip(" .'’")
        if len(name) >= 2 and name.casefold() not in forms and name not in found:
            found.append(name)
    return found
