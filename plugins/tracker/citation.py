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


def citation(record: dict, site_name: str, permalink: str) -> str:
    """A plain citation, ready to paste."""
    return (
        f"{site_name}. “{record['title']}” Case {record['id']}, last updated "
        f"{record['updated']}. {permalink}"
    )


def _bibtex_escape(text: str) -> str:
    return "".join("\\" + c if c in "&%$#_{}" else c for c in text)


def bibtex(record: dict, site_name: str, permalink: str) -> str:
    """A BibTeX @misc entry for the case."""
    key = "tracker:" + record["id"]
    return "\n".join(
        [
            f"@misc{{{key},",
            f"  title        = {{{_bibtex_escape(record['title'])}}},",
            f"  author       = {{{{{_bibtex_escape(site_name)} contributors}}}},",
            f"  year         = {{{record['updated'][:4]}}},",
            f"  howpublished = {{\\url{{{permalink}}}}},",
            f"  note         = {{Case {_bibtex_escape(record['id'])}, last updated "
            f"{record['updated']}}},",
            "}",
        ]
    )
