"""How a case is cited, corrected and edited, and how its sources' archived copies are linked."""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import quote, urlencode


def archive_url(source: dict) -> str:
    """The source's archived copy, or a Wayback Machine search for copies of it."""
    if source.get("archived"):
        return source["archived"]
    return f"https://web.archive.org/web/*/{source['url']}"


def sources(record: dict) -> list[dict]:
    """The case's sources, each with an `archive_url` and whether it is a real snapshot."""
    return [
        {**s, "archive_url": archive_url(s), "is_snapshot": bool(s.get("archived"))}
        for s in record["sources"]
    ]


def build_revision(root: Path) -> str | None:
    """The git commit the site is built from, or None outside a git checkout."""
    revision = _git(root, "rev-parse", "HEAD")
    return revision if revision and len(revision) == 40 else None


def build_revision_date(root: Path) -> str | None:
    """The day of that commit (YYYY-MM-DD): the data set's date, the same for every build of it."""
    return _git(root, "log", "-1", "--format=%cs")


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


def links(repository: str, revision: str | None, file_path: str, case: dict) -> dict:
    """Links to the case file: at the build's revision, to edit, and to suggest a correction."""
    if not repository:
        return {}
    repository = repository.rstrip("/")
    query = urlencode(
        {"template": "correction.yml", "case": case["id"], "title": f"Correction: {case['title']}"},
        quote_via=quote,
    )
    out = {
        "edit_url": f"{repository}/edit/main/{quote(file_path)}",
        "correction_url": f"{repository}/issues/new?{query}",
    }
    if revision:
        out["revision"] = revision
        out["revision_url"] = f"{repository}/blob/{revision}/{quote(file_path)}"
    return out


def citation(record: dict, site_name: str, permalink: str, ui: dict, revision_url: str = "") -> str:
    """A plain citation, ready to paste, in the interface language of `ui` (its `cite_text`),
    pinned to the build's revision of the case file when known."""
    pinned = f" {ui['cite_revision']}: {revision_url}" if revision_url else ""
    return (
        ui["cite_text"].format(
            site=site_name,
            title=record["title"],
            id=record["id"],
            updated=record["updated"],
            permalink=permalink,
        )
        + pinned
    )


def _bibtex_escape(text: str) -> str:
    return "".join("\\" + c if c in "&%$#_{}" else c for c in text)


def bibtex(
    record: dict,
    site_name: str,
    permalink: str,
    ui: dict,
    revision: str = "",
    revision_url: str = "",
) -> str:
    """A BibTeX @misc entry for the case (author and note in the language of `ui`), pinned to
    the build's revision when known."""
    key = "tracker:" + record["id"]
    note = _bibtex_escape(ui["bibtex_note"].format(id=record["id"], updated=record["updated"]))
    if revision_url:
        note += f"; revision {revision[:12]}, \\url{{{revision_url}}}"
    lines = [
        f"@misc{{{key},",
        f"  title        = {{{_bibtex_escape(record['title'])}}},",
        "  author       = {{" + _bibtex_escape(ui["bibtex_author"].format(site=site_name)) + "}},",
        f"  year         = {{{record['updated'][:4]}}},",
        f"  howpublished = {{\\url{{{permalink}}}}},",
    ]
    if revision:
        lines.append(f"  version      = {{{revision}}},")
    lines += [f"  note         = {{{note}}},", "}"]
    return "\n".join(lines)
