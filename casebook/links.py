"""Addresses in cases: tracking parameters, placeholders, and links in the narrative.

One place decides what a contributed link may be, for the validator (which names the
line) and for the Markdown sanitiser (which enforces it on whatever reaches the build).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that identify a campaign, a click or a share, never the article.
TRACKING_NAMES = {
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
    "ttclid", "li_fat_id", "igshid", "igsh", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "__hstc",
    "__hssc", "__hsfp", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv",
    "wickedid", "_ga", "_gl", "s_cid", "ncid", "ocid", "cmpid", "sr_share", "smid", "ito",
    "ref_src", "ref_url", "soc_src", "soc_trk", "at_medium", "at_campaign", "xtor", "spm",
}  # fmt: skip
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")
# Accelerated Mobile Pages copies: the same article through another template.
AMP_NAMES = {"amp", "outputtype", "output"}

# Hosts reserved for documentation (RFC 2606): what a template or an example writes.
PLACEHOLDER_HOSTS = {"example.com", "example.org", "example.net"}

SAFE_SCHEMES = ("http", "https", "mailto")
# Pelican's intra-site link markers, replaced by the build with the target's URL.
INTRASITE = re.compile(r"^(\{(filename|static|attach|index|category|tag|author)\}|\|filename\|)")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_LOOKS_LIKE_HOST = re.compile(r"^(www\.|[\w-]+(\.[\w-]+)*\.[A-Za-z]{2,}(/|$|\?|#))")
# [text](target "title"), ![alt](target), and reference definitions `[label]: target`
# (not footnotes, `[^label]: text`: the links in their text are found as inline ones)
_INLINE = re.compile(r"(!?)\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>]*>|[^)\s]*)")
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:\s*(<[^>]*>|\S+)")


def _is_tracking(name: str, value: str) -> bool:
    lowered = name.lower()
    if lowered in TRACKING_NAMES or lowered.startswith(TRACKING_PREFIXES):
        return True
    return (
        lowered in AMP_NAMES
        and value.lower() in ("", "1", "true", "amp")
        or (value.lower() == "amp")
    )


def without_tracking(url: str) -> tuple[str, list[str]]:
    """The address without tracking and AMP parameters, and the names of those removed."""
    parts = urlsplit(url)
    kept, removed = [], []
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        (removed if _is_tracking(name, value) else kept).append((name, value))
    removed_names = [
        f"{name}={value}" if value.lower() == "amp" else name for name, value in removed
    ]
    path = parts.path
    if re.search(r"/amp/?$", path):
        path = re.sub(r"/amp/?$", "/", path)
        removed_names.append("/amp")
    elif path.endswith(".amp.html"):
        path = path.removesuffix(".amp.html") + ".html"
        removed_names.append(".amp")
    if not removed_names:
        return url, []
    query = urlencode(kept, safe=":/@!$'()*,;")
    return urlunsplit((parts.scheme, parts.netloc, path, query, parts.fragment)), removed_names


def is_placeholder_address(url: str) -> bool:
    """An address on a documentation-only host, or one that says TODO."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return host in PLACEHOLDER_HOSTS or "TODO" in url


def kind(target: str) -> str:
    """'web' (http/https/mailto), 'site' (same-site or intra-site), 'scheme' (any other
    scheme: javascript:, data:, ...), 'offsite' (//host/...), or 'bare' (no scheme)."""
    target = target.strip().replace("\\", "/")  # browsers read a backslash as a slash
    if INTRASITE.match(target) or target.startswith(("#", "/", "./", "../")):
        return "offsite" if target.startswith("//") else "site"
    scheme = _SCHEME.match(target)
    if scheme:
        return "web" if scheme.group(1).lower() in SAFE_SCHEMES else "scheme"
    return "bare"


def targets(body: str) -> list[tuple[int, bool, str]]:
    """(line offset, is an image, target) of every inline link, image and reference."""
    found = []
    for offset, line in enumerate(body.splitlines()):
        found += [
            (offset, m.group(1) == "!", m.group(2).strip("<>")) for m in _INLINE.finditer(line)
        ]
        reference = _REFERENCE.match(line)
        if reference:
            found.append((offset, False, reference.group(1).strip("<>")))
    return found


def intrasite_file(target: str, page: Path) -> Path | None:
    """The content file a `{filename}` link names (None for other links).

    '{filename}/cases/x.md' is relative to the content folder (the parent of the
    page's `cases` or `pages` folder), '{filename}x.md' to the page's own folder.
    """
    if not target.startswith(("{filename}", "|filename|")):
        return None
    name = re.sub(r"^(\{filename\}|\|filename\|)", "", target).split("#")[0].split("?")[0]
    if not name.startswith("/"):
        return page.parent / name
    for folder in page.parents:
        if folder.name in ("cases", "pages"):
            return folder.parent / name.lstrip("/")
    return None


def body_problems(body: str, page: Path | None = None) -> list[tuple[int, str, str]]:
    """(line offset, what is wrong, what to do) for each bad link or image in Markdown."""
    problems = []
    for offset, image, target in targets(body):
        found = kind(target)
        linked = intrasite_file(target, page) if page else None
        if linked is not None and not linked.is_file():
            problems.append(
                (
                    offset,
                    f"the link {target!r} names no file of the site",
                    "link to an existing case as '{filename}/cases/ID.md' "
                    "('{filename}/cases/fr/ID.md' for a French one)",
                )
            )
        if image and found != "site":
            problems.append(
                (
                    offset,
                    f"the image {target!r} would be loaded from another site",
                    "link to it instead, e.g. '[photo of the tweet](https://...)'; "
                    "the site loads nothing from elsewhere",
                )
            )
        elif found == "bare" and _LOOKS_LIKE_HOST.match(target):
            problems.append(
                (
                    offset,
                    f"the link {target!r} has no scheme, so it would point inside this site",
                    f"write the full address: 'https://{target}'",
                )
            )
        elif found == "bare":
            problems.append(
                (
                    offset,
                    f"the link {target!r} is relative, and case URLs are not file paths",
                    "link to another case with '{filename}/cases/ID.md', or give a full "
                    "address starting with https://",
                )
            )
        elif found in ("scheme", "offsite"):
            problems.append(
                (
                    offset,
                    f"the link {target!r} is not a web address",
                    "link only to https://, http:// or mailto: addresses",
                )
            )
    return problems
