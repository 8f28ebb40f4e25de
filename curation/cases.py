"""What curation needs to know of the existing case files: ids, tags, dates, source addresses,
and which versions of a case exist in which language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from casebook import dates
from casebook.frontmatter import FrontMatterError, read
from casebook.record import normalise


@dataclass(frozen=True)
class CaseRef:
    """One existing case, as far as matching new coverage to it goes."""

    id: str
    path: Path
    brands: tuple[str, ...]
    platform: str | None
    event_type: str | None
    start: dt.date | None
    end: dt.date | None
    source_urls: frozenset[str]
    lang: str = "en"
    translation_of: str | None = None

    @property
    def family(self) -> str:
        """The id shared by a case and its translations: the original's id."""
        return self.translation_of or self.id


def period(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of a YYYY, YYYY-MM or YYYY-MM-DD date; None when it is not one."""
    try:
        start = dates.parse(value)
    except (ValueError, TypeError, AttributeError):
        return None
    precision = dates.precision_of(value) if len(value) in (4, 7, 10) else "day"
    if precision == "year":
        return start, dt.date(start.year, 12, 31)
    if precision == "month":
        following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return start, following - dt.timedelta(days=1)
    return start, start


def load_cases(folder: Path) -> list[CaseRef]:
    """Every readable case file under `folder` (unreadable ones are left to the validator)."""
    cases = []
    for path in sorted(Path(folder).rglob("*.md")):
        try:
            meta = normalise(read(path).meta)
        except (FrontMatterError, UnicodeDecodeError, OSError):
            continue
        case_id = meta.get("id") or path.stem
        when = period(str(meta.get("date"))) if meta.get("date") is not None else None
        urls = frozenset(
            str(s.get("url")) for s in meta.get("sources") or [] if isinstance(s, dict)
        )
        original = meta.get("translation_of")
        cases.append(
            CaseRef(
                id=str(case_id),
                path=path,
                brands=tuple(b for b in meta.get("brands") or [] if isinstance(b, str)),
                platform=meta.get("platform"),
                event_type=meta.get("event_type"),
                start=when[0] if when else None,
                end=when[1] if when else None,
                source_urls=urls,
                lang=str(meta.get("lang") or "en"),
                translation_of=original if isinstance(original, str) else None,
            )
        )
    return cases


def versions(case: CaseRef, cases: list[CaseRef]) -> list[CaseRef]:
    """The case and its translations (the original first, then by language)."""
    family = [c for c in cases if c.family == case.family]
    return sorted(family, key=lambda c: (c.translation_of is not None, c.lang, c.id))


def in_language(case: CaseRef, lang: str, cases: list[CaseRef]) -> CaseRef:
    """The version of `case` written in `lang`; `case` itself when there is none."""
    if case.lang == lang:
        return case
    return next((c for c in versions(case, cases) if c.lang == lang), case)
