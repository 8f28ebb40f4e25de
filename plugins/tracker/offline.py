"""Links that open from disk: with `TRACKER_OFFLINE`, a link to a folder names its index.html.

A web server answers `timeline/` with `timeline/index.html`; a browser reading `file://`
shows a folder listing instead. The writer passes every HTML page through `for_page`, which
rewrites only the site's own links (`href`, `src`, `action` without a scheme), keeping any
query or fragment.
"""

from __future__ import annotations

import re

LINK = re.compile(r"""(\s(?:href|src|action)=")([^"]*)(")""")
EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|#)")


def _local(match: re.Match) -> str:
    url = match.group(2)
    if not url or EXTERNAL.match(url):
        return match.group(0)
    cut = min([i for i in (url.find("?"), url.find("#")) if i != -1] or [len(url)])
    path, rest = url[:cut], url[cut:]
    if path.endswith("/"):
        path += "index.html"
    elif path in (".", ".."):
        path += "/index.html"
    return f"{match.group(1)}{path}{rest}{match.group(3)}"


def for_page(html: str) -> str:
    """The page with every local folder link ending in index.html."""
    return LINK.sub(_local, html)
