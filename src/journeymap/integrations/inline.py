"""An SVG from the `svg` renderer made ready to sit inside an HTML page.

The renderer already prefixes every id per map, but one page may show the
same map twice (the gallery shows each example in every theme): the second
copy gets its ids renamed, and every reference to them (ARIA, `#fragment`,
`url(#...)`), so that no two elements of a page share an id.
"""

from __future__ import annotations

import html
import re

_PROLOGUE = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?")
_ID = re.compile(r'\sid="([^"]+)"')
_REFERRING = re.compile(r'(\s(?:id|aria-labelledby|aria-describedby|aria-controls|aria-owns|href|xlink:href'
                        r'|clip-path|mask|filter|fill|stroke|marker-start|marker-mid|marker-end|style)=")'
                        r'([^"]*)(")')
_FRAGMENT = re.compile(r"#([^\s)\"';,]+)")


def _rename(value: str, attribute: str, renamed: dict[str, str]) -> str:
    if attribute == "id":
        return renamed.get(value, value)
    if attribute.startswith("aria-"):
        return " ".join(renamed.get(token, token) for token in value.split(" "))
    return _FRAGMENT.sub(lambda m: "#" + renamed.get(m.group(1), m.group(1)), value)


def page_svg(data: bytes, used: set[str]) -> str:
    """The SVG element of `data`, its ids unique among `used` (which it adds to)."""
    svg = _PROLOGUE.sub("", data.decode("utf-8"), count=1)
    ids = _ID.findall(svg)
    copy = 1
    while any((f"{i}-{copy}" if copy > 1 else i) in used for i in ids):
        copy += 1
    if copy > 1:
        renamed = {i: f"{i}-{copy}" for i in ids}
        svg = _REFERRING.sub(lambda m: m.group(1) + _rename(m.group(2), m.group(1).strip()[:-2], renamed)
                             + m.group(3), svg)
        ids = list(renamed.values())
    used.update(ids)
    return svg


def figure(inner: str, downloads: dict[str, str]) -> str:
    """The HTML of one map: the drawing (scrolling sideways when wider than
    the page, rather than shrinking its text) and links to other formats."""
    links = " · ".join(f'<a href="{html.escape(url)}">{html.escape(fmt.upper())}</a>'
                       for fmt, url in downloads.items())
    extra = f'<p class="journeymap-downloads">{links}</p>' if links else ""
    return f'<div class="journeymap"><div style="overflow-x:auto">{inner}</div>{extra}</div>'


def image(url: str, alt: str) -> str:
    return f'<img src="{html.escape(url)}" alt="{html.escape(alt)}">'
