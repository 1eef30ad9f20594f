"""The small drawings of the swimlane as SVG: faces, the key star, channel
icons, levels of evidence and met/missed marks. Each takes its shape from the
layout and its colours from the theme."""

from __future__ import annotations

import math

from ..layout.geometry import Shape
from ..presentation.emotions import face_index
from .icons import ICON_PATHS
from .markup import xml_escape
from .theme import Theme, persona_colour


def n(value: float) -> str:
    """A coordinate with fixed precision (and never `-0.0`)."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def persona_of(persona: str | None) -> str:
    """The attribute that ties a mark to its persona (the page's filter finds
    marks by it, never by colour, which two personas may share)."""
    return "" if persona is None else f' data-persona="{xml_escape(persona)}"'


def face(shape: Shape, palette: Theme) -> str:
    """A face whose mouth curves with the value, in the value's colour,
    ringed in the persona's colour."""
    position = shape.value or 0.0
    index = face_index(position)
    fill, ink = palette.emotions[index], palette.emotion_text[index]
    x, y, r = shape.x, shape.y, shape.w
    ring = persona_colour(shape.colour, palette) if shape.colour else palette.text
    curve = (position - 0.5) * 2 * r * 0.45
    return (
        f'<g{persona_of(shape.persona)}><circle cx="{n(x)}" cy="{n(y)}" r="{n(r)}" fill="{fill}" '
        f'stroke="{ring}" stroke-width="1.5"/>'
        f'<circle cx="{n(x - r * 0.35)}" cy="{n(y - r * 0.25)}" r="{n(r * 0.12)}" fill="{ink}"/>'
        f'<circle cx="{n(x + r * 0.35)}" cy="{n(y - r * 0.25)}" r="{n(r * 0.12)}" fill="{ink}"/>'
        f'<path d="M{n(x - r * 0.45)},{n(y + r * 0.3)}Q{n(x)},{n(y + r * 0.3 + curve)} '
        f'{n(x + r * 0.45)},{n(y + r * 0.3)}" fill="none" stroke="{ink}" stroke-width="1.2" '
        f'stroke-linecap="round"/></g>')


def star(shape: Shape, fill: str) -> str:
    cx, cy = shape.x + shape.w / 2, shape.y + shape.h / 2
    outer, inner = shape.w / 2, shape.w / 5
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(f"{n(cx + radius * math.cos(angle))},{n(cy + radius * math.sin(angle))}")
    return f'<polygon points="{" ".join(points)}" fill="{fill}"/>'


def icon(shape: Shape, stroke: str) -> str:
    """A channel icon, scaled from its 16 x 16 box (an unknown name: the globe)."""
    scale = shape.w / 16
    return (f'<path transform="translate({n(shape.x)} {n(shape.y)}) scale({scale:.3f})" '
            f'd="{ICON_PATHS.get(shape.d, ICON_PATHS["globe"])}" fill="none" '
            f'stroke="{stroke}" stroke-width="1.3" stroke-linecap="round" stroke-linejoin="round"/>')


def level(shape: Shape, palette: Theme) -> str:
    """Observed: a full disc; reported: half; inferred: a ring; a hypothesis:
    a dotted ring."""
    cx, cy, r = shape.x + shape.w / 2, shape.y + shape.h / 2, shape.w / 2 - 1
    ink = palette.text
    if shape.d == "observed":
        body = f'<circle cx="{n(cx)}" cy="{n(cy)}" r="{n(r)}" fill="{ink}"/>'
    elif shape.d == "reported":
        body = (f'<circle cx="{n(cx)}" cy="{n(cy)}" r="{n(r)}" fill="none" stroke="{ink}"/>'
                f'<path d="M{n(cx)},{n(cy - r)}A{n(r)},{n(r)} 0 0 0 {n(cx)},{n(cy + r)}Z" fill="{ink}"/>')
    elif shape.d == "inferred":
        body = f'<circle cx="{n(cx)}" cy="{n(cy)}" r="{n(r)}" fill="none" stroke="{ink}" stroke-width="1.5"/>'
    else:
        body = (f'<circle cx="{n(cx)}" cy="{n(cy)}" r="{n(r)}" fill="none" stroke="{ink}" '
                f'stroke-dasharray="2 2"/>')
    return f"<g>{body}</g>"


def verdict(shape: Shape, palette: Theme) -> str:
    """A tick on the met colour or a cross on the missed one (in print, a
    cross in an outlined circle, so the two differ without colour)."""
    cx, cy, r = shape.x + shape.w / 2, shape.y + shape.h / 2, shape.w / 2
    if shape.d == "met":
        fill = palette.met
        mark = (f"M{n(cx - r * .5)},{n(cy)}L{n(cx - r * .1)},{n(cy + r * .4)}"
                f"L{n(cx + r * .5)},{n(cy - r * .4)}")
    else:
        fill = palette.missed
        mark = (f"M{n(cx - r * .4)},{n(cy - r * .4)}L{n(cx + r * .4)},{n(cy + r * .4)}"
                f"M{n(cx + r * .4)},{n(cy - r * .4)}L{n(cx - r * .4)},{n(cy + r * .4)}")
    ink = palette.background
    outlined = palette.name == "print" and shape.d == "missed"
    outline = f' stroke="{palette.text}"' if outlined else ""
    if outlined:
        fill, ink = palette.background, palette.text
    return (f'<g><circle cx="{n(cx)}" cy="{n(cy)}" r="{n(r)}" fill="{fill}"{outline}/>'
            f'<path d="{mark}" fill="none" stroke="{ink}" stroke-width="1.6" stroke-linecap="round"/></g>')


MARKER_POINTS = {  # unit outlines of the persona markers (radius 1)
    "square": ((-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)),
    "triangle": ((0.0, -1.1), (1.0, 0.75), (-1.0, 0.75)),
    "diamond": ((0.0, -1.2), (1.2, 0.0), (0.0, 1.2), (-1.2, 0.0)),
    "triangle-down": ((-1.0, -0.75), (1.0, -0.75), (0.0, 1.1)),
    "hexagon": tuple((math.cos(math.pi / 3 * i), math.sin(math.pi / 3 * i)) for i in range(6)),
}


def marker(shape: Shape, palette: Theme) -> str:
    """A persona's marker (circle, square, triangle...) in its colour, ringed
    in the background so it stands out on the face and the curve; with a
    width, the legend's sample of the curve's dash runs through it."""
    colour = persona_colour(shape.colour, palette) if shape.colour else palette.curve
    x, y, r = shape.x, shape.y, shape.h
    line = ""
    if shape.w > 2 * r:
        dash = f' stroke-dasharray="{shape.dash}"' if shape.dash else ""
        line = (f'<line x1="{n(x - shape.w / 2)}" y1="{n(y)}" x2="{n(x + shape.w / 2)}" y2="{n(y)}" '
                f'stroke="{colour}" stroke-width="2.5"{dash}/>')
    paint = f'fill="{colour}" stroke="{palette.background}" stroke-width="1"'
    outline = MARKER_POINTS.get(shape.d)
    if outline is None:
        body = f'<circle cx="{n(x)}" cy="{n(y)}" r="{n(r)}" {paint}/>'
    else:
        points = " ".join(f"{n(x + px * r)},{n(y + py * r)}" for px, py in outline)
        body = f'<polygon points="{points}" {paint}/>'
    return f"<g{persona_of(shape.persona)}>{line}{body}</g>"
