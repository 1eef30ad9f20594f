"""What the `html` page adds around the swimlane: the SVG without the title
and persona cards the page already shows as text, and the Content-Security-
Policy that allows exactly the page's own inline style and script (by hash)."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence

from .theme import AUTO_DARK, Theme

_OPENING = re.compile(r'<g id="(?P<id>[^"]+)"[^>]*>|<g\b[^>]*>|</g>')
_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
_NUMBER = r"(-?[0-9.]+)"
_HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{3,8}")


_PAGE_ROLES = ("background", "text", "muted", "border", "panel", "accent", "curve", "met", "missed")


def colour_properties(palette: Theme, personas: Sequence[str],
                      emotions: Sequence[tuple[str, str]]) -> str:
    """The page's colours as custom properties, which its rules use. With the
    `auto` theme the dark theme's colours take their place under
    `prefers-color-scheme: dark`, as they do in the map inside the page."""
    colours = {role: getattr(palette, role) for role in _PAGE_ROLES}
    colours |= {f"persona-{number}": colour for number, colour in enumerate(personas, 1)}
    for number, (background, ink) in enumerate(emotions, 1):
        colours |= {f"emotion-{number}": background, f"emotion-{number}-ink": ink}
    light = "".join(f"--jm-{name}:{value};" for name, value in colours.items())
    if palette.name != "auto":
        return f":root{{{light}color-scheme:{'dark' if palette.name == 'dark' else 'light'}}}"
    dark = "".join(f"--jm-{name}:{AUTO_DARK.get(value, value)};" for name, value in colours.items())
    return f":root{{{light}color-scheme:light dark}}@media (prefers-color-scheme: dark){{:root{{{dark}}}}}"


def csp_hash(text: str) -> str:
    """A CSP source for one inline element's exact contents."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(style: str, script: str, svg: str) -> str:
    """Nothing may load; only these inline contents (and the SVG's own
    `<style>`, written by the `auto` theme) may apply or run."""
    styles = [style, *_STYLE.findall(svg)]
    return ("default-src 'none'; img-src data:; "
            f"style-src {' '.join(csp_hash(s) for s in styles)}; script-src {csp_hash(script)}; "
            "base-uri 'none'; form-action 'none'")


def _drop_group(svg: str, group_id: str) -> str:
    """`svg` without the group of this id (and all it holds)."""
    start = svg.find(f'<g id="{group_id}"')
    if start < 0:
        return svg
    depth = 0
    for tag in _OPENING.finditer(svg, start):
        depth += -1 if tag.group() == "</g>" else 1
        if depth == 0:
            end = tag.end() + (1 if svg[tag.end():tag.end() + 1] == "\n" else 0)
            return svg[:start] + svg[end:]
    return svg  # pragma: no cover - our own SVG is balanced


def without_page_header(svg: str, prefix: str, margin: float = 16.0) -> str:
    """The swimlane with its header (title) and persona cards cut off: the
    page shows both as text. The drawing is cropped to start above the grid."""
    trimmed = _drop_group(_drop_group(svg, f"{prefix}-header"), f"{prefix}-personas")
    grid = trimmed.find(f'<g id="{prefix}-grid"')
    size = re.search(rf'width="{_NUMBER}" height="{_NUMBER}" viewBox="0 0 {_NUMBER} {_NUMBER}"', trimmed)
    if grid < 0 or size is None or trimmed == svg:
        return trimmed
    first = re.search(rf' y="{_NUMBER}"', trimmed[grid:])
    if first is None:  # pragma: no cover - a grid always has boxes
        return trimmed
    top = max(0.0, float(first.group(1)) - margin)
    width, height = float(size.group(3)), float(size.group(4)) - top
    box = f'width="{width:.1f}" height="{height:.1f}" viewBox="0 {top:.1f} {width:.1f} {height:.1f}"'
    trimmed = trimmed[:size.start()] + box + trimmed[size.end():]
    return trimmed


def safe_colour(colour: str, fallback: str) -> str:
    """A colour fit to be written into the stylesheet (`#rrggbb`), else the fallback."""
    return colour if _HEX_COLOUR.fullmatch(colour) else fallback
