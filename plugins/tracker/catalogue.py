"""Everything the site shows, derived from the cases: entries per language, facets, brand states.

Pure decisions, no I/O: the generator feeds it cases and renders what it returns.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from casebook.vocabulary import Vocabulary
from plugins.tracker.contents import Case

# facet slug in URLs -> (vocabulary name or None, how to read the keys of an entry)
FACETS = {
    "event-types": "event_types",
    "platforms": "platforms",
    "channels": "channels",
    "brands": "brands",
    "industries": "industries",
    "years": None,
}

CHANNEL_STATE_BY_EVENT = {
    "channel-closure": "closed",
    "channel-opening": "open",
    "service-hours-change": "hours",
    "service-hours-report": "hours",
    "response-pledge": "pledge",
}


@dataclass
class Entry:
    """A case as listed in one interface language: the best version, and the others."""

    case: Case
    versions: dict[str, Case]
    interface_lang: str

    @property
    def shown_in_other_language(self) -> bool:
        return self.case.lang != self.interface_lang

    @property
    def record(self) -> dict:
        return self.case.case

    @property
    def group_id(self) -> str:
        return self.case.translation_key

    @property
    def fingerprint(self) -> str:
        """What the entry shows, for the incremental build: its case's file, its language."""
        # Kept by hand: a listing asks for it once per page, and cached_property locks.
        try:
            return self._fingerprint
        except AttributeError:
            case = self.case
            self._fingerprint = f"entry:{case.source_digest}:{case.status}:{self.interface_lang}"
            return self._fingerprint


@dataclass
class ChannelState:
    platform: str | None
    channel: str
    state: str  # closed, open, hours, pledge, disputed
    since: str
    evidence: list[Entry] = field(default_factory=list)
    as_of: str | None = None  # when the evidence was last checked (its case's `updated`)


@dataclass
class BoardRow:
    """One brand on the channel board: its industry and the state of each channel it has."""

    brand: str
    industry: str | None
    cells: dict[str, ChannelState]  # column key ('platform/channel') -> state


def column_key(platform: str | None, channel: str) -> str:
    return f"{platform or '-'}/{channel}"


def facet_keys(record: dict, vocab: Vocabulary) -> dict[str, list[str]]:
    """The facet values of one case record."""
    brands = list(record.get("brands", []))
    return {
        "event-types": [record["event_type"]],
        "platforms": [record["platform"]] if record.get("platform") else [],
        "channels": [record["channel"]] if record.get("channel") else [],
        "brands": brands,
        "industries": vocab.industries_of(brands),
        "years": [record["date"][:4]],
    }


class Catalogue:
    """The cases grouped by translation, listed per interface language."""

    def __init__(self, cases: list[Case], vocab: Vocabulary, languages: list[str]):
        self.vocab = vocab
        self.languages = languages
        self.groups: dict[str, dict[str, Case]] = defaultdict(dict)
        for case in cases:
            self.groups[case.translation_key][case.lang] = case
        for versions in self.groups.values():
            for case in versions.values():
                case.translations = [c for c in versions.values() if c is not case]
        self._entries = {lang: self._list(lang) for lang in languages}
        self._facets: dict[str, dict[str, dict[str, list[Entry]]]] = {}
        # lookups used once per case page: built once so the build stays linear
        self._position = {
            lang: {e.group_id: i for i, e in enumerate(entries)}
            for lang, entries in self._entries.items()
        }
        self._group_of_id = {
            c.case_id: key for key, versions in self.groups.items() for c in versions.values()
        }

    def _list(self, lang: str) -> list[Entry]:
        entries = []
        for versions in self.groups.values():
            original = next((c for c in versions.values() if not c.is_translation), None)
            shown = versions.get(lang) or original or next(iter(versions.values()))
            entries.append(Entry(shown, versions, lang))
        return sorted(entries, key=lambda e: e.case.sort_key, reverse=True)

    def entries(self, lang: str) -> list[Entry]:
        """Every case, newest first, in the version best suited to `lang`."""
        return self._entries[lang]

    def by_year(self, entries: list[Entry]) -> list[tuple[str, list[Entry]]]:
        years: dict[str, list[Entry]] = {}
        for entry in entries:
            years.setdefault(entry.record["date"][:4], []).append(entry)
        return list(years.items())

    def facets(self, lang: str) -> dict[str, dict[str, list[Entry]]]:
        """facet -> key -> entries (newest first); keys sorted by label, years newest first."""
        if lang not in self._facets:
            self._facets[lang] = self._group_by_facet(lang)
        return self._facets[lang]

    def _group_by_facet(self, lang: str) -> dict[str, dict[str, list[Entry]]]:
        out: dict[str, dict[str, list[Entry]]] = {name: defaultdict(list) for name in FACETS}
        for entry in self.entries(lang):
            for name, keys in facet_keys(entry.record, self.vocab).items():
                for key in keys:
                    out[name][key].append(entry)
        ordered = {}
        for name, values in out.items():
            vocab_name = FACETS[name]
            if vocab_name is None:
                keys = sorted(values, reverse=True)
            else:
                keys = sorted(values, key=lambda k, v=vocab_name: self.vocab.label(v, k, lang))
            ordered[name] = {key: values[key] for key in keys}
        return ordered

    def statuses(self, lang: str) -> list[str]:
        """The status keys some listed case has, in the vocabulary's order."""
        present = {entry.record["status"] for entry in self.entries(lang)}
        return [key for key in self.vocab["statuses"] if key in present]

    def neighbours(self, case: Case) -> tuple[Entry | None, Entry | None]:
        """(older, newer) entries around `case` in its own language's timeline."""
        entries = self.entries(case.lang)
        index = self._position[case.lang][case.translation_key]
        newer = entries[index - 1] if index > 0 else None
        older = entries[index + 1] if index + 1 < len(entries) else None
        return older, newer

    def related(self, case: Case) -> list[Entry]:
        """Entries of the cases `case` lists as related, in the case's language."""
        entries, position = self.entries(case.lang), self._position[case.lang]
        groups = self._group_of_id
        wanted = {groups[i] for i in case.case.get("related", []) if i in groups}
        return sorted((entries[position[g]] for g in wanted), key=lambda e: position[e.group_id])

    @staticmethod
    def channel_states(brand: str, entries: list[Entry]) -> list[ChannelState]:
        """The latest known state of each of a brand's channels, with the cases as evidence.

        `entries` are the brand's cases, newest first (as its facet lists them).
        """
        states: dict[tuple, ChannelState] = {}
        for entry in reversed(entries):  # oldest first: the latest event wins
            record = entry.record
            state = CHANNEL_STATE_BY_EVENT.get(record["event_type"])
            if brand not in record.get("brands", []) or not record.get("channel") or not state:
                continue
            if record.get("status") == "reversed" and state in ("closed", "open"):
                state = "open" if state == "closed" else "closed"
            if record.get("status") == "disputed":
                state = "disputed"
            key = (record.get("platform"), record["channel"])
            states[key] = ChannelState(
                key[0], key[1], state, record["date"], [entry], record.get("updated")
            )
        return sorted(states.values(), key=lambda s: (s.platform or "", s.channel))

    def board(self, lang: str) -> tuple[list[tuple[str | None, str]], list[BoardRow]]:
        """The channel board: (platform, channel) columns and one row per brand with a
        channel event, each cell the channel's current state (`channel_states`)."""
        rows, columns = [], set()
        for brand, entries in self.facets(lang)["brands"].items():
            states = self.channel_states(brand, entries)
            if not states:
                continue
            cells = {column_key(s.platform, s.channel): s for s in states}
            columns.update((s.platform, s.channel) for s in states)
            industry = (self.vocab["brands"].get(brand) or {}).get("industry")
            rows.append(BoardRow(brand, industry, cells))
        ordered = sorted(
            columns,
            key=lambda c: (
                self.vocab.label("platforms", c[0], lang) if c[0] else "",
                self.vocab.label("channels", c[1], lang),
            ),
        )
        return ordered, rows

    def timeline_pages(self, lang: str, page_size: int) -> list[list[tuple[str, list[Entry]]]]:
        """Pages of at most `page_size` cases, newest first, grouped by year.

        Years stay whole on a page when they fit; a year larger than a page continues on
        the next one, so no timeline page grows with the data.
        """
        pages: list[list[tuple[str, list[Entry]]]] = [[]]
        count = 0
        for year, entries in self.by_year(self.entries(lang)):
            for start in range(0, len(entries), page_size):
                chunk = entries[start : start + page_size]
                if count and count + len(chunk) > page_size:
                    pages.append([])
                    count = 0
                pages[-1].append((year, chunk))
                count += len(chunk)
        return pages
