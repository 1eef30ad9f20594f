"""Where everything of the swimlane journey map goes: the whole page.

Top to bottom: a header (title, map type, scenario, expectations), the
persona cards, the grid (phase bands, stage headers, one row per lane with a
column per touchpoint) and the legend. Every text is wrapped to its box by
measured width and every box grows to fit what it holds, so rows take the
height of their tallest cell; nothing is placed over anything else.

The layout is pure geometry over the presentation: what a box says comes
from `journeymap.presentation`, how it is drawn from the SVG renderer.
"""

from __future__ import annotations

from ..presentation import Presentation
from .frame import frame_of
from .geometry import Drawing, Group
from .grid import grid
from .header import header
from .hyphenate import hyphenating
from .legend import legend
from .personas import personas
from .styles import GAP, PAD


def layout(view: Presentation) -> Drawing:
    """The whole swimlane, from the top of the page down; a word too long
    for its box breaks where the map's language allows."""
    with hyphenating(view.locale):
        return _layout(view)


def _layout(view: Presentation) -> Drawing:
    frame = frame_of(view)
    groups: list[Group] = []
    y = PAD
    group, y = header(frame, y)
    groups.append(group)
    y += GAP
    if frame.journey.personas:
        group, y = personas(frame, y)
        groups.append(group)
        y += GAP * 1.5
    group, y = grid(frame, y)
    groups.append(group)
    y += GAP * 1.5
    group, y = legend(frame, y)
    groups.append(group)
    y += PAD
    return Drawing(round(frame.width, 1), round(y, 1), groups)
