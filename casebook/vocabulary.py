"""The controlled vocabularies: brands, event types, platforms, channels, industries, statuses.

`load()` never raises on a bad file: what is wrong is kept in `Vocabulary.problems`
(`PATH:LINE: field: what; fix` lines, checked against vocabulary.schema.json), and
`casebook.validate.check_files` reports them with the cases, so `invoke validate` and
the build both refuse a broken vocabulary before a template meets it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from casebook import characters
from casebook.diagnostics import Problem, field_name
from casebook.frontmatter import Document, FrontMatterError, parse_yaml
from casebook.schema import schema_problems, vocabulary_schema

VOCAB_DIR = Path(__file__).resolve().parent.parent / "data" / "vocab"

# field of a case -> vocabulary file that lists its keys
FIELD_VOCABULARY = {
    "brands": "brands",
    "platform": "platforms",
    "channel": "channels",
    "event_type": "event_types",
    "status": "statuses",
}
NAMES = ("brands", "channels", "event_types", "industries", "platforms", "statuses")

FIXES = {
    "label": "give English and French labels, e.g. 'label: {en: Airlines, fr: Compagnies "
    "aériennes}'",
    "description": "give English and French descriptions: 'description: {en: ..., fr: ...}' "
    "(quote a text that contains ', ' or ': ')",
    "en": "write the English text",
    "fr": "write the French text",
    "name": "write the brand's usual name, e.g. 'name: Air France'",
    "industry": "write a key of industries.yaml, e.g. 'industry: airlines'",
    "country": "write the two-letter country code in capitals, e.g. 'country: FR' "
    "(in quotes for Norway: 'country: \"NO\"')",
    "aliases": "list other names, e.g. 'aliases: [AF]'",
    "handles": "map each platform to the account name without @, e.g. "
    "'handles: {twitter: AirFrance}'",
    "ambiguous": "write 'ambiguous: true' or remove the line",
    "context": "list words, e.g. 'context: [flight, airline]'",
    "exclude": "list patterns of text that do not mean the brand",
    "platform": "write a key of platforms.yaml, e.g. 'platform: twitter'",
}


_PLAIN_TEXT_FIX = "write plain text, each character itself; names and labels are not HTML"
_UNKNOWN_FIX = (
    "check the spelling; inside '{en: ..., fr: ...}' put a text that contains a comma in quotes"
)


@dataclass
class Vocabulary:
    """Every vocabulary, keyed by name (brands, platforms, ...), each a dict of key -> entry."""

    terms: dict[str, dict[str, dict]]
    folder: Path
    problems: list[Problem] = field(default_factory=list)

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


def _fix_for(path: tuple) -> str:
    names = [p for p in path if isinstance(p, str)]
    return FIXES.get(names[-1] if len(names) > 1 else "", "see the comments at the top of the file")


def _read(path: Path) -> tuple[Document | None, list[Problem]]:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return None, [Problem(path, 1, "file", "is not UTF-8 text", "save it as UTF-8")]
    try:
        doc = parse_yaml(text.removeprefix("\ufeff"), path, first_line=1)
    except FrontMatterError as exc:
        return None, [Problem(path, exc.line, "file", exc.message, exc.fix)]
    definition = "brands" if path.stem == "brands" else "terms"
    schema = {**vocabulary_schema(), "$ref": f"#/$defs/{definition}"}
    schema.pop("properties", None)
    problems = [Problem(path, f.line, _name(f.path), f.message, f.fix) for f in doc.findings]
    problems += schema_problems(doc, schema, _fix_for, _UNKNOWN_FIX)
    for where, text in characters.text_values(doc.meta):
        line, name = doc.line_of(where), field_name(where)
        if characters.RAW_HTML.search(text) or characters.ENTITY.search(text):
            problems.append(
                Problem(path, line, name, "contains HTML (a tag or an entity)", _PLAIN_TEXT_FIX)
            )
        elif characters.problem_in(text):
            problems.append(Problem(path, line, name, characters.problem_in(text), characters.FIX))
    return doc, problems


def _name(path: tuple) -> str:
    return field_name(path) if path else "file"


def _reference_problems(docs: dict[str, Document], terms: dict) -> list[Problem]:
    """A brand's industry and platform must be keys of those vocabularies."""
    brands = docs.get("brands")
    if brands is None:
        return []
    problems = []
    for key, entry in terms.get("brands", {}).items():
        if not isinstance(entry, dict):
            continue
        for name, vocabulary in (("industry", "industries"), ("platform", "platforms")):
            value = entry.get(name)
            if isinstance(value, str) and value not in terms.get(vocabulary, {}):
                close = difflib.get_close_matches(value, list(terms.get(vocabulary, {})), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                problems.append(
                    Problem(
                        brands.path,
                        brands.line_of((key, name)),
                        f"{key}.{name}",
                        f"unknown {name} '{value}'{hint}",
                        f"use a key of {vocabulary}.yaml, or add it there",
                    )
                )
    return problems


def load(folder: Path = VOCAB_DIR) -> Vocabulary:
    """Read every vocabulary file in `folder`; problems are kept, never raised."""
    folder = Path(folder)
    terms: dict[str, dict] = {name: {} for name in NAMES}
    docs: dict[str, Document] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*")):
        if path.stem not in NAMES or path.suffix != ".yaml":
            if path.is_file():
                problems.append(
                    Problem(
                        path,
                        1,
                        "file",
                        "is not a vocabulary file, so it is not read",
                        f"name it one of {', '.join(n + '.yaml' for n in NAMES)}",
                    )
                )
            continue
        doc, found = _read(path)
        problems += found
        if doc is not None:
            docs[path.stem] = doc
            terms[path.stem] = doc.meta
    for name in NAMES:
        if name not in docs and not any(p.path == folder / f"{name}.yaml" for p in problems):
            problems.append(
                Problem(
                    folder / f"{name}.yaml",
                    1,
                    "file",
                    "is missing",
                    "restore it from the repository",
                )
            )
    problems += _reference_problems(docs, terms)
    return Vocabulary(terms, folder, sorted(problems))
