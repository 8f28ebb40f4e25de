"""How a case is cited and how its sources are archived."""

from __future__ import annotations


def archive_url(source: dict) -> str:
    """The source's archived copy, or the Wayback Machine's copy nearest its publication."""
    if source.get("archived"):
        return source["archived"]
    stamp = (source.get("published") or "").replace("-", "")
    return f"https://web.archive.org/web/{stamp or '2'}/{source['url']}"


def sources(record: dict) -> list[dict]:
    """The case's sources, each with an `archive_url`."""
    return [{**s, "archive_url": archive_url(s)} for s in record["sources"]]


def citation(record: dict, site_name: str, permalink: str, ui: dict) -> str:
    """A plain citation, ready to paste, in the interface language of `ui` (its `cite_text`)."""
    return ui["cite_text"].format(
        site=site_name,
        title=record["title"],
        id=record["id"],
        updated=record["updated"],
        permalink=permalink,
    )


def _bibtex_escape(text: str) -> str:
    return "".join("\\" + c if c in "&%$#_{}" else c for c in text)


def bibtex(record: dict, site_name: str, permalink: str, ui: dict) -> str:
    """A BibTeX @misc entry for the case; its author and note in the language of `ui`."""
    key = "tracker:" + record["id"]
    return "\n".join(
        [
            f"@misc{{{key},",
            f"  title        = {{{_bibtex_escape(record['title'])}}},",
            "  author       = {{"
            + _bibtex_escape(ui["bibtex_author"].format(site=site_name))
            + "}},",
            f"  year         = {{{record['updated'][:4]}}},",
            f"  howpublished = {{\\url{{{permalink}}}}},",
            "  note         = {"
            + _bibtex_escape(ui["bibtex_note"].format(id=record["id"], updated=record["updated"]))
            + "},",
            "}",
        ]
    )
