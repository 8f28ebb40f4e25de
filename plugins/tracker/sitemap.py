"""sitemap.xml (with hreflang alternates) and robots.txt."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr


def sitemap_xml(pages: list[dict], base_url: str) -> str:
    """A sitemap of `pages` ({url, lang, alternates, lastmod?}), alternates as xhtml:link."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    seen = set()
    for page in pages:
        if page["url"] in seen or page["url"].endswith(".html"):
            continue
        seen.add(page["url"])
        lines.append(f"  <url><loc>{escape(base_url + '/' + page['url'])}</loc>")
        if page.get("lastmod"):
            lines.append(f"    <lastmod>{page['lastmod']}</lastmod>")
        for lang, url in sorted(page.get("alternates", {}).items()):
            href = quoteattr(base_url + "/" + url)
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" href={href}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write(output: Path, pages: list[dict], base_url: str) -> None:
    (output / "sitemap.xml").write_text(sitemap_xml(pages, base_url), encoding="utf-8")
    (output / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\n\nSitemap: {base_url}/sitemap.xml\n", encoding="utf-8"
    )
