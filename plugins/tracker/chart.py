"""Bar charts drawn at build time as inline SVG, readable without JavaScript."""

from __future__ import annotations

from html import escape

from markupsafe import Markup


def every_year(counts: dict[str, int]) -> list[tuple[str, int]]:
    """(year, count) for every year from the first to the last, empty ones included."""
    if not counts:
        return []
    years = [int(year) for year in counts]
    return [(str(y), counts.get(str(y), 0)) for y in range(min(years), max(years) + 1)]


def bar_chart(values: list[tuple[str, int]], title: str, horizontal: bool = False) -> Markup:
    """An accessible SVG bar chart of (label, count) pairs, with a data table as its text."""
    if not values:
        return Markup("")
    peak = max(count for _, count in values) or 1
    title_html = escape(title)
    rows = "".join(
        f"<tr><th scope='row'>{escape(str(label))}</th><td>{count}</td></tr>"
        for label, count in values
    )
    if horizontal:
        longest = max(len(str(label)) for label, _ in values)
        bar_height, label_width = 22, min(330, 7 * longest + 12)  # ~7 px a character at 12 px
        width = label_width + 270
        height = bar_height * len(values) + 10
        bars = []
        for i, (label, count) in enumerate(values):
            y = 5 + i * bar_height
            length = (width - label_width - 40) * count / peak
            bars.append(
                f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end">'
                f"{escape(str(label))}</text>"
                f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}"'
                f' height="{bar_height - 6}" class="bar"/>'
                f'<text x="{label_width + length + 4:.1f}" y="{y + 15}">{count}</text>'
            )
    else:
        slot, height, base = 44, 170, 140
        width = max(slot * len(values) + 10, 200)
        bars = []
        for i, (label, count) in enumerate(values):
            x = 10 + i * slot
            bar = (base - 20) * count / peak
            bars.append(
                f'<rect x="{x + 6}" y="{base - bar:.1f}" width="{slot - 12}" height="{bar:.1f}"'
                f' class="bar"/><text x="{x + slot / 2}" y="{base - bar - 4:.1f}"'
                f' text-anchor="middle">{count}</text><text x="{x + slot / 2}" y="{base + 16}"'
                f' text-anchor="middle">{escape(str(label))}</text>'
            )
    svg = (
        f'<svg class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
        f' role="img" aria-hidden="true"'
        f' focusable="false" preserveAspectRatio="xMinYMin meet">{"".join(bars)}</svg>'
    )
    return Markup(
        f'<figure class="chart-figure"><figcaption>{title_html}</figcaption>{svg}'
        f'<table class="visually-hidden"><caption>{title_html}</caption>{rows}</table></figure>'
    )
