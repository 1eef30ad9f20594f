"""The drawing as plain data: boxes of text, shapes and marks with their
places. The swimlane layout produces it; the SVG renderer only writes it out,
and the tests check it (no two text boxes overlap, every line fits)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeAlias, TypeVar

from .fonts import text_width
from .wrap import wrap


@dataclass(frozen=True)
class TextStyle:
    size: float = 12.0
    bold: bool = False
    italic: bool = False
    colour: str = "text"       # a theme key
    line_height: float = 1.5   # room for the tallest of our fonts (Noto CJK)

    @property
    def leading(self) -> float:
        return round(self.size * self.line_height, 1)


@dataclass(slots=True)
class TextBlock:
    """Lines of text inside their own box (x, y, w, h)."""

    x: float
    y: float
    w: float
    h: float
    lines: list[str]
    style: TextStyle
    padding: float = 0.0
    align: str = "start"            # start | middle | end
    fill: str | None = None      # a theme key, or None for no visible box
    stroke: str | None = None
    role: str = ""                  # what it is, for readers and tests
    persona: str | None = None      # the persona id it belongs to (a curve's name), for filters

    @property
    def inner_width(self) -> float:
        return self.w - 2 * self.padding


@dataclass(slots=True)
class Shape:
    """A rectangle, path, circle, line or mark, styled by theme keys."""

    kind: str                       # rect | path | circle | line | face | icon | star | level | verdict
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0
    d: str = ""                     # path data, or the icon / level / verdict name
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 1.0
    dash: str | None = None
    radius: float = 0.0
    value: float | None = None   # for faces: position 0..1 on the emotion scale
    colour: str | None = None    # a literal colour (persona colours)
    persona: str | None = None   # the persona id a curve, face or marker belongs to, for filters


# What a group holds; the writer lets go of each item once written (None).
Item: TypeAlias = "TextBlock | Shape | Group"
ItemT = TypeVar("ItemT", bound="TextBlock | Shape | Group")


@dataclass
class Group:
    """A part of the drawing, in reading order."""

    name: str
    label: str = ""
    items: list[Item | None] = field(default_factory=list)

    def add(self, item: ItemT) -> ItemT:
        self.items.append(item)
        return item


@dataclass
class Drawing:
    width: float
    height: float
    groups: list[Group]

    def text_blocks(self) -> list[TextBlock]:
        found: list[TextBlock] = []

        def visit(items: Sequence[Item | None]) -> None:
            for item in items:
                if isinstance(item, TextBlock):
                    found.append(item)
                elif isinstance(item, Group):
                    visit(item.items)

        visit(self.groups)
        return found


def text_block(x: float, y: float, width: float, text: str, style: TextStyle, padding: float = 2.0,
               min_height: float = 0.0, align: str = "start", fill: str | None = None,
               role: str = "") -> TextBlock:
    """A box `width` wide whose height fits `text` wrapped to it."""
    inner = max(width - 2 * padding, 1.0)
    lines = wrap(text, inner, lambda s: text_width(s, style.size, style.bold), typeset=True) if text else []
    height = max(len(lines) * style.leading + 2 * padding, min_height)
    return TextBlock(x, y, width, height, lines, style, padding, align=align, fill=fill, role=role)


def fits(block: TextBlock) -> bool:
    """Every line no wider than the box, and all lines inside its height."""
    widest = max((text_width(line, block.style.size, block.style.bold) for line in block.lines),
                 default=0.0)
    return widest <= block.inner_width + 0.01 and \
        len(block.lines) * block.style.leading <= block.h - 2 * block.padding + 0.01


def overlap(a: TextBlock, b: TextBlock) -> bool:
    return a.x < b.x + b.w - 0.01 and b.x < a.x + a.w - 0.01 and \
        a.y < b.y + b.h - 0.01 and b.y < a.y + a.h - 0.01
