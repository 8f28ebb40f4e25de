"""Find brands of the brand vocabulary in text: names, aliases and @handles.

Matching is case and accent insensitive, on word boundaries, and reads French elisions
("d'Air France", "l'Orange") and possessives ("Delta's"). A one-word name of a brand
marked `ambiguous: true` counts only when capitalised as in the vocabulary and backed by a
context cue (see data/vocab/brands.yaml); names of three letters or fewer written in
capitals (BA, EE, UPS) must also be written in capitals in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from curation.lexicon import Lexicon, compile_cue, find
from curation.text import fold, strip_accents

SERVICE_WINDOW = 120  # characters either side of a mention where service words count as context
_SPACES = re.compile(r"[\s\-]+")


@dataclass(frozen=True)
class Form:
    """One way of writing a brand: its name, an alias or a handle."""

    key: str
    written: str  # as in the vocabulary
    kind: str  # "name", "alias" or "handle"
    needs_context: bool
    exact_case: bool


@dataclass(frozen=True)
class Mention:
    """A form found in one field of an item."""

    key: str
    field: str
    start: int
    end: int
    text: str
    kind: str
    context: str = ""  # for an ambiguous form, the cue that confirmed it


@dataclass
class BrandMatcher:
    """Every form of every brand, compiled once."""

    brands: dict[str, dict]
    forms: dict[str, list[Form]] = field(default_factory=dict)  # folded form -> forms
    handles: dict[str, list[Form]] = field(default_factory=dict)  # folded handle -> forms
    pattern: re.Pattern | None = None
    exclusions: dict[str, re.Pattern] = field(default_factory=dict)  # key -> `exclude` phrases


def _lookup_key(text: str) -> str:
    return _SPACES.sub(" ", fold(text)).strip()


def _is_short_capitals(written: str) -> bool:
    letters = [c for c in written if c.isalpha()]
    return 0 < len(letters) <= 3 and all(c.isupper() for c in letters)


def build(brands: dict[str, dict]) -> BrandMatcher:
    """A matcher for the brand vocabulary `brands` (key -> entry)."""
    matcher = BrandMatcher(brands)
    for key, entry in brands.items():
        ambiguous = bool(entry.get("ambiguous"))
        names = [("name", entry.get("name") or key)]
        names += [("alias", alias) for alias in entry.get("aliases") or []]
        for kind, written in names:
            written = str(written).strip()
            if not written:
                continue
            one_word = len(_SPACES.split(written)) == 1
            form = Form(
                key,
                written,
                kind,
                needs_context=ambiguous and one_word,
                exact_case=_is_short_capitals(written),
            )
            matcher.forms.setdefault(_lookup_key(written), []).append(form)
        for handle in (entry.get("handles") or {}).values():
            if handle:
                form = Form(key, f"@{handle}", "handle", needs_context=False, exact_case=False)
                matcher.handles.setdefault(fold(str(handle)), []).append(form)
        excluded = [compile_cue(str(p)).pattern for p in entry.get("exclude") or [] if p]
        if excluded:
            matcher.exclusions[key] = re.compile("|".join(excluded))
    alternatives = []
    for folded in sorted(matcher.forms, key=len, reverse=True):
        alternatives.append(r"[\s\-]+".join(re.escape(part) for part in folded.split(" ")))
    matcher.pattern = re.compile(r"(?<![\w@&.])(?:" + "|".join(alternatives) + r")(?![\w&]|\.\w)")
    return matcher


def _written_as(form: Form, original: str) -> bool:
    """Does the text write the form with the capitals a brand name needs?"""
    plain = strip_accents(original)
    if form.exact_case:
        return _SPACES.sub(" ", plain) == _SPACES.sub(" ", strip_accents(form.written))
    if form.needs_context:
        return plain[:1].isupper()
    return True


def raw_mentions(matcher: BrandMatcher, fields: dict[str, str]) -> list[tuple[Form, Mention]]:
    """Every form found in every field, before ambiguity is resolved."""
    found = []
    for name, text in fields.items():
        if not text:
            continue
        folded = fold(text)
        for match in matcher.pattern.finditer(folded):
            original = text[match.start() : match.end()]
            for form in matcher.forms.get(_lookup_key(match.group(0)), []):
                if _written_as(form, original):
                    mention = Mention(
                        form.key, name, match.start(), match.end(), original, form.kind
                    )
                    found.append((form, mention))
        for match in re.finditer(r"(?<![\w@])@(\w{1,30})", folded):
            for form in matcher.handles.get(match.group(1), []):
                original = text[match.start() : match.end()]
                found.append(
                    (form, Mention(form.key, name, match.start(), match.end(), original, "handle"))
                )
    return found


def _context_cue(
    matcher: BrandMatcher,
    lexicon: Lexicon,
    form: Form,
    mention: Mention,
    fields: dict[str, str],
    confirmed: set[str],
) -> str:
    """The cue that shows an ambiguous mention means the brand, or '' when there is none."""
    entry = matcher.brands[form.key]
    folded_all = " \n ".join(fold(t) for t in fields.values() if t)
    for word in entry.get("context") or []:
        if re.search(rf"(?<!\w){re.escape(fold(str(word)))}(?!\w)", folded_all):
            return f"context word '{word}'"
    industry = entry.get("industry")
    for cue, _ in find(lexicon.industry_words.get(industry, []), folded_all)[:1]:
        return f"{industry} word '{cue.text}'"
    if form.key in confirmed:
        return "the brand's handle or full name"
    for other in confirmed:
        if other != form.key and matcher.brands[other].get("industry") == industry:
            return f"another {industry} brand ({other})"
    text = fold(fields.get(mention.field) or "")
    window = text[max(0, mention.start - SERVICE_WINDOW) : mention.end + SERVICE_WINDOW]
    for cue, _ in find(lexicon.service, window)[:1]:
        return f"customer-service words '{cue.text}' near the name"
    return ""


def _excluded(matcher: BrandMatcher, form: Form, mention: Mention, fields: dict[str, str]) -> bool:
    """Is the mention part of a phrase the brand's `exclude` list names ("Transat Jacques
    Vabre", a sailing race, is not Air Transat)?"""
    excluded = matcher.exclusions.get(form.key)
    if excluded is None:
        return False
    text = fold(fields.get(mention.field) or "")
    return any(
        m.start() <= mention.start and mention.end <= m.end() for m in excluded.finditer(text)
    )


def find_brands(matcher: BrandMatcher, lexicon: Lexicon, fields: dict[str, str]) -> list[Mention]:
    """Mentions of brands in `fields` (field name -> text), ambiguous ones only with context."""
    found = [
        (form, mention)
        for form, mention in raw_mentions(matcher, fields)
        if not _excluded(matcher, form, mention, fields)
    ]
    confirmed = {form.key for form, _ in found if not form.needs_context}
    mentions = [mention for form, mention in found if not form.needs_context]
    for form, mention in found:
        if not form.needs_context:
            continue
        reason = _context_cue(matcher, lexicon, form, mention, fields, confirmed)
        if reason:
            mentions.append(Mention(**{**mention.__dict__, "context": reason}))
    return sorted(set(mentions), key=lambda m: (list(fields).index(m.field), m.start, m.key))
