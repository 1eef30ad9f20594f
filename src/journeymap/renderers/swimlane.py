"""`svg` (and, through raster.py, `png` and `pdf`): the swimlane journey map.

The layout (layout/page.py) decides where everything goes, over the
presentation of the map; this module only writes it as SVG. The document is
self-contained and inert: no script, no event attribute, no link, no external
reference; user text is escaped; every id starts with a prefix derived from
the map, so several maps can be inlined in one page; numbers are written with
one decimal, so the bytes never depend on the machine.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from ..layout.fonts import BASE_FAMILY, EMOJI_FAMILY, cjk_family, font_stack, runs
from ..layout.geometry import Drawing, Group, Shape, TextBlock
from ..layout.page import layout
from ..layout.scripts import is_rtl, language_of
from ..model import Journey
from ..presentation import Presentation
from ..presentation.numbers import signed
from .markup import xml_escape
from .options import RenderOptions, presentation
from .svg_marks import face, icon, level, marker, n, persona_of, star, verdict
from .theme import Theme, auto_style, persona_colour, theme

ASCENT = 1.16   # em above the baseline that any of our fonts may reach
HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{3,8}")
SENTENCE_END = tuple(".!?。！？…")
# Assistive technologies read titles as headings (stage over lane), and skip
# the lane titles repeated across a wide grid.
TEXT_ROLES = {"title": ' role="heading" aria-level="1"', "stage": ' role="heading" aria-level="2"',
              "lane-title": ' role="heading" aria-level="3"', "lane-title-repeat": ' aria-hidden="true"'}


def prefix_for(journey: Journey) -> str:
    """A prefix for every id in the document, derived from the map."""
    key = "\n".join([journey.title] + [str(stage.id) for stage in journey.stages])
    return "jm-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


class SwimlaneRenderer:
    name = "swimlane"

    def render(self, journey: Journey, options: RenderOptions, fmt: str = "svg") -> bytes:
        if fmt != "svg" and options.theme == "auto":  # a picture has no reader's preference
            options = replace(options, theme="light")
        document = svg_bytes(journey, options)
        if fmt == "svg":
            return document
        from .raster import rasterise

        return rasterise(document.decode("utf-8"), fmt, journey, options.locale_for(journey), options.raster)


def svg_bytes(journey: Journey, options: RenderOptions) -> bytes:
    return svg_document(presentation(journey, options), theme(options.theme))


def svg_document(view: Presentation, palette: Theme) -> bytes:
    """The SVG of a map as presented, in a theme's colours."""
    return _Writer(view, layout(view), palette).write()


def render_svg(journey: Journey, options: RenderOptions) -> str:
    """The swimlane as SVG text."""
    return svg_bytes(journey, options).decode("utf-8")


class _Output:
    """Lines of the document, encoded as they come (a list of str pieces and
    their join would hold the document several times over)."""

    def __init__(self) -> None:
        self.buffer = bytearray()

    def append(self, line: str) -> None:
        self.buffer += line.encode("utf-8")
        self.buffer += b"\n"

    def result(self) -> bytes:
        data, self.buffer = bytes(self.buffer), bytearray()
        return data


class _Writer:
    def __init__(self, view: Presentation, drawing: Drawing, palette: Theme):
        self.view = view
        self.j = view.journey
        self.d = drawing
        self.p = palette
        self.locale = view.locale
        self.words = view.words
        self.prefix = prefix_for(self.j)
        self.cjk = cjk_family(self.locale)
        self.out = _Output()

    def colour(self, key: str | None) -> str:
        p = self.p
        table = {
            "text": p.text, "muted": p.muted, "panel": p.panel, "panel_alt": p.panel_alt,
            "border": p.border, "accent": p.accent, "card": p.background, "cell": p.panel,
            "stage": p.panel_alt, "grid": p.border, "curve": p.curve, "background": p.background,
        }
        return table.get(key or "", "none")

    def ink(self, key: str) -> str:
        """A text's colour: a theme key, or a persona's own colour (a curve's name)."""
        return persona_colour(key, self.p) if HEX_COLOUR.fullmatch(key) else self.colour(key)

    def write(self) -> bytes:
        d, pre, kind = self.d, self.prefix, self.words["type." + self.j.type]
        self.out.append(
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{n(d.width)}" '
            f'height="{n(d.height)}" viewBox="0 0 {n(d.width)} {n(d.height)}" id="{pre}-map" '
            f'role="graphics-document" aria-roledescription="{xml_escape(kind)}" '
            f'aria-labelledby="{pre}-title" aria-describedby="{pre}-desc" '
            f'font-family="{xml_escape(font_stack(self.locale))}" font-size="12" '
            f'xml:lang="{xml_escape(self.locale)}" lang="{xml_escape(self.locale)}">')
        spoken = self.j.accessibility
        title = spoken.title if spoken is not None and spoken.title else self.j.title
        self.out.append(f'<title id="{pre}-title">{xml_escape(title)}</title>')
        self.out.append(f'<desc id="{pre}-desc">{xml_escape(self._description())}</desc>')
        if self.p.name == "auto":
            self.out.append(f"<style>{auto_style(pre + '-map')}</style>")
        self.out.append(f'<rect x="0" y="0" width="{n(d.width)}" height="{n(d.height)}" '
                        f'fill="{self.p.background}"/>')
        for group in d.groups:
            self._group(group)
        self.out.append("</svg>")
        return self.out.result()

    def _description(self) -> str:
        if self.j.accessibility is not None and self.j.accessibility.description:
            return self.j.accessibility.description
        words, view = self.words, self.view
        kind = words["type." + self.j.type]
        if self.j.personas:
            names = ", ".join(persona.name for persona in self.j.personas)
            kind += " " + words["summary.personas"].format(personas=names)
        parts = [kind, self.j.scenario or ""]
        stages = ", ".join(stage.name for stage in self.j.stages)
        parts.append(words["summary.stages"].format(count=len(self.j.stages), names=stages))
        moments = [(value, tp.name, pid) for _, tp in self.j.all_touchpoints() for pid, _ in view.curves
                   if (value := view.emotion(tp, pid)) is not None]
        if moments:
            for key, (value, name, pid) in (("summary.lowest", min(moments, key=lambda m: m[0])),
                                            ("summary.highest", max(moments, key=lambda m: m[0]))):
                score = signed(value) + (f", {view.persona_name(pid)}" if pid is not None else "")
                parts.append(words[key].format(touchpoint=name, score=score))
        sentences = [part.strip() for part in parts if part.strip()]
        stop, space = ("。", "") if self.locale.split("-")[0].lower() in ("zh", "ja") else (".", " ")
        return space.join(s[:1].upper() + s[1:] + ("" if s.endswith(SENTENCE_END) else stop)
                          for s in sentences)

    def _group(self, group: Group) -> None:
        label = f' role="group" aria-label="{xml_escape(group.label)}"' if group.label else ""
        self.out.append(f'<g id="{self.prefix}-{xml_escape(group.name)}"{label}>')
        items = group.items
        for index in range(len(items)):
            # Each part of the drawing is let go once written: a large map then
            # never holds its whole layout and its whole document at once.
            item, items[index] = items[index], None
            if isinstance(item, Group):
                self._group(item)
            elif isinstance(item, TextBlock):
                self._text(item)
            elif isinstance(item, Shape):
                self._shape(item)
        self.out.append("</g>")

    # Text ----------------------------------------------------------------------------

    def _text(self, block: TextBlock) -> None:
        style = block.style
        fill = self.colour(block.fill) if block.fill else "none"
        stroke = f' stroke="{self.colour(block.stroke)}"' if block.stroke else ""
        self.out.append(f'<g class="jm-box"{persona_of(block.persona)}><rect x="{n(block.x)}" '
                        f'y="{n(block.y)}" width="{n(block.w)}" height="{n(block.h)}" rx="3" '
                        f'fill="{fill}"{stroke}/>')
        if not block.lines:
            self.out.append("</g>")
            return
        text = " ".join(block.lines)
        rtl = is_rtl(text)
        if block.align == "middle":
            x, anchor = block.x + block.w / 2, ' text-anchor="middle"'
        elif rtl:  # right to left: a paragraph starts at the right side of its box
            x, anchor = block.x + block.w - block.padding, ' direction="rtl"'
        elif block.align == "end":
            x, anchor = block.x + block.w - block.padding, ' text-anchor="end"'
        else:
            x, anchor = block.x + block.padding, ""
        if rtl and block.align == "middle":
            anchor += ' direction="rtl"'
        language = language_of(text, self.locale)
        if language:
            anchor += f' xml:lang="{language}"'
        attributes = (f'font-size="{n(style.size)}" fill="{self.ink(style.colour)}"{anchor}'
                      f'{TEXT_ROLES.get(block.role, "")}')
        if style.bold:
            attributes += ' font-weight="bold"'
        if style.italic:
            attributes += ' font-style="italic"'
        lines = []
        for number, line in enumerate(block.lines):
            baseline = block.y + block.padding + number * style.leading + ASCENT * style.size
            lines.append(f'<tspan x="{n(x)}" y="{n(baseline)}">{self._runs(line)}</tspan>')
        self.out.append(f'<text {attributes}>{"".join(lines)}</text></g>')

    def _runs(self, line: str) -> str:
        """Each run names the font that draws it, which rasterisers without
        font fallback (cairo's) need, and browsers honour the same way."""
        parts = []
        for script, text in runs(line):
            escaped = xml_escape(text)
            family = {"cjk": self.cjk, "emoji": EMOJI_FAMILY}.get(script)
            if family:
                parts.append(f'<tspan font-family="{family}, {BASE_FAMILY}, sans-serif">{escaped}</tspan>')
            else:
                parts.append(escaped)
        return "".join(parts)

    # Shapes --------------------------------------------------------------------------

    def _paint(self, shape: Shape) -> str:
        own = persona_colour(shape.colour, self.p) if shape.colour else None  # fills a dot, draws a curve
        fill = own if (own and shape.kind in ("circle", "rect")) else self.colour(shape.fill)
        stroke = own if (own and shape.kind == "path") else (
            self.colour(shape.stroke) if shape.stroke else "none")
        text = f'fill="{fill}" stroke="{stroke}"{persona_of(shape.persona)}'
        if stroke != "none":
            text += f' stroke-width="{n(shape.stroke_width)}"'
        if shape.dash:
            text += f' stroke-dasharray="{shape.dash}"'
        return text

    def _shape(self, shape: Shape) -> None:
        kind = shape.kind
        if kind == "rect":
            self.out.append(f'<rect x="{n(shape.x)}" y="{n(shape.y)}" width="{n(shape.w)}" '
                            f'height="{n(shape.h)}" rx="{n(shape.radius)}" {self._paint(shape)}/>')
        elif kind == "line":
            self.out.append(f'<line x1="{n(shape.x)}" y1="{n(shape.y)}" x2="{n(shape.x + shape.w)}" '
                            f'y2="{n(shape.y + shape.h)}" {self._paint(shape)}/>')
        elif kind == "circle":
            self.out.append(f'<circle cx="{n(shape.x)}" cy="{n(shape.y)}" r="{n(shape.w)}" '
                            f'{self._paint(shape)}/>')
        elif kind == "path":
            paint = self._paint(shape).replace('fill="none"', "").strip()
            self.out.append(f'<path d="{shape.d}" fill="none" {paint} stroke-linecap="round" '
                            f'stroke-linejoin="round"/>')
        elif kind == "face":
            self.out.append(face(shape, self.p))
        elif kind == "star":
            self.out.append(star(shape, self.colour(shape.fill)))
        elif kind == "icon":
            self.out.append(icon(shape, self.colour(shape.stroke)))
        elif kind == "level":
            self.out.append(level(shape, self.p))
        elif kind == "verdict":
            self.out.append(verdict(shape, self.p))
        elif kind == "marker":
            self.out.append(marker(shape, self.p))


renderer = SwimlaneRenderer()
