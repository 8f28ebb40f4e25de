"""Functions the templates call, registered once as Jinja globals.

Each reads the page's interface language (`page_lang`) and the vocabularies (`vocab`) from
the template context, so nothing is rebuilt per page.
"""

from __future__ import annotations

from jinja2 import pass_context
from markupsafe import Markup, escape

from plugins.tracker import i18n


def _lang(context) -> str:
    return context.get("page_lang") or context.get("DEFAULT_LANG", "en")


@pass_context
def label(context, name: str, key: str) -> str:
    """Human label of a vocabulary key in the page's language."""
    return context["vocab"].label(name, key, _lang(context))


@pass_context
def human_date(context, value: str) -> str:
    return i18n.human_date(value, _lang(context))


@pass_context
def since_date(context, value: str) -> str:
    return i18n.since_date(value, _lang(context))


@pass_context
def case_count(context, count: int) -> str:
    return i18n.case_count(count, _lang(context), context.get("ui"))


# Stand for SITEURL and the title's heading level in a cached listing entry: control
# characters, which no case text, label or URL can hold (the validator rejects them), so
# the replacements are exact.
_SITEURL = "\x00SITEURL\x00"
_TITLE_TAG = "\x00TAG\x00"


@pass_context
def listed(context, entry, title_tag: str = "h3") -> Markup:
    """The `<li>` of a case in a listing (`_entry.html`), rendered once per language.

    A case is listed on its timeline page, its year, brand and facet pages: the entry is
    the same on all of them but for the relative links and the level of its title, so it
    is rendered once with placeholders for SITEURL and the heading, which each page fills
    in. The generator's `listing_cache` (`incremental.EntryCache`) keeps the entries from
    one development build to the next.
    """
    return _filled(context, _entry_html(context, entry), title_tag)


@pass_context
def listing(context, entries, title_tag: str = "h3") -> Markup:
    """The `<li>`s of `entries`, one a line (each as `listed` renders it).

    A listing page holds hundreds of entries: joined here, they cost one template call.
    """
    return _filled(context, "\n".join([_entry_html(context, e) for e in entries]), title_tag)


def _filled(context, html: str, title_tag: str) -> Markup:
    siteurl = str(escape(context["SITEURL"]))
    return Markup(html.replace(_SITEURL, siteurl).replace(_TITLE_TAG, title_tag))


def _entry_html(context, entry) -> str:
    cache = context.get("listing_cache")
    key = entry.fingerprint
    html = cache.get(key) if cache is not None else None
    if html is None:
        names = ("ui", "UI", "page_lang", "vocab", "DEFAULT_LANG", "TRACKER_AS_OF")
        values = {name: context.get(name) for name in names}
        template = context.environment.get_template("_entry.html")
        html = template.render(entry=entry, title_tag=_TITLE_TAG, SITEURL=_SITEURL, **values)
        if cache is not None:
            cache[key] = html
    return html


# The vocabularies whose terms a case names, with the record field that names them.
TERM_FIELDS = (
    ("platforms", "platform"),
    ("channels", "channel"),
    ("event_types", "event_type"),
    ("statuses", "status"),
)


@pass_context
def search_terms(context, record: dict, names: tuple[str, ...] | None = None) -> str:
    """Labels and synonyms of the case's terms (those of vocabularies `names`, default all)
    and of its brands (when "brands" is among `names`), in the page's language.

    Hidden text the search index reads, so "DM" finds a direct-message case and "X" a
    Twitter one; driven by the `synonyms:` lists of data/vocab/*.yaml.
    """
    vocab, lang = context["vocab"], _lang(context)
    words: list[str] = []
    wanted = names or (*(name for name, _ in TERM_FIELDS), "brands")
    pairs = [(name, record.get(field)) for name, field in TERM_FIELDS if name in wanted]
    pairs += [("brands", b) for b in record.get("brands", []) if "brands" in wanted]
    for name, key in pairs:
        entry = vocab[name].get(key) if key else None
        if not entry:
            continue
        words.append(vocab.label(name, key, lang))
        words += entry.get("synonyms", {}).get(lang, [])
        if name == "brands":
            words += entry.get("aliases", [])
    return " · ".join(dict.fromkeys(words))


@pass_context
def language_name(context, code: str) -> str:
    """The name of language `code` in the page's language ('de' on a French page: 'allemand')."""
    return i18n.language_name(code, _lang(context))


@pass_context
def country_name(context, code: str) -> str:
    return i18n.country_name(code, _lang(context))


GLOBALS = {
    "og_locale": i18n.og_locale,
    "country_name": country_name,
    "search_terms": search_terms,
    "language_name": language_name,
    "listed": listed,
    "listing": listing,
    "label": label,
    "human_date": human_date,
    "since_date": since_date,
    "case_count": case_count,
}
