"""Functions the templates call, registered once as Jinja globals.

Each reads the page's interface language (`page_lang`) and the vocabularies (`vocab`) from
the template context, so nothing is rebuilt per page.
"""

from __future__ import annotations

from jinja2 import pass_context

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
    return i18n.case_count(count, _lang(context))


GLOBALS = {
    "label": label,
    "human_date": human_date,
    "since_date": since_date,
    "case_count": case_count,
}
