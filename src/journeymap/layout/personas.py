"""The persona band: one card per persona, as many to a row as the page
holds, sharing the row's width; every card of a row as tall as the tallest.
A card wide enough sets its lists (goals, needs, ...) in columns beside the
persona's name and quote, so the band grows with the content, not the page."""

from __future__ import annotations

from ..model import Persona
from ..presentation.ids import id_of
from ..presentation.numbers import text_or_number
from ..presentation.texts import quoted
from .fonts import text_width
from .frame import Frame
from .geometry import Group, Item, Shape, text_block
from .styles import AVATAR, BODY, CARD_W, GAP, HEADING, PAD, QUOTE, SMALL, SMALL_BOLD
from .wrap import graphemes

PERSONA_LISTS = ("goals", "needs", "frustrations", "motivations", "behaviors")
SECTION_W = 220.0     # the narrowest column of a card
SECTION_GAP = 16.0    # between the columns of a card
INSET_LEFT, INSET_RIGHT, INSET_TOP, INSET_BOTTOM = 16.0, 12.0, 10.0, 8.0


def personas(frame: Frame, top: float) -> tuple[Group, float]:
    """The band of persona cards and its bottom."""
    group = Group("personas", frame.words["personas"])
    everyone = frame.journey.personas
    room = frame.width - 2 * PAD
    per_row = min(len(everyone), max(1, int((room + GAP) // (CARD_W + GAP))))
    width = (room - GAP * (per_row - 1)) / per_row
    y = top
    for start in range(0, len(everyone), per_row):
        row = everyone[start:start + per_row]
        cards = [_card(frame, persona, PAD + n * (width + GAP), y, width) for n, persona in enumerate(row)]
        height = max(h for h, _ in cards)
        for n, (persona, (_, items)) in enumerate(zip(row, cards, strict=True)):
            x = PAD + n * (width + GAP)
            card = Group(f"persona-{persona.id}", persona.name)
            card.add(Shape("rect", x, y, width, height, fill="panel", stroke="border", radius=8))
            colour = frame.view.persona_colours[id_of(persona)]
            card.add(Shape("rect", x, y, 6, height, radius=3, colour=colour))
            for item in items:
                card.add(item)
            group.add(card)
        y += height + GAP
    return group, y - GAP


def _card(frame: Frame, persona: Persona, x: float, y: float, width: float) -> tuple[float, list[Item]]:
    """(height, items) of one persona's card: the head (avatar, name, role,
    description, quote) first, then each list in the shortest column."""
    inner_x, inner_w = x + INSET_LEFT, width - INSET_LEFT - INSET_RIGHT
    sections = [key for key in PERSONA_LISTS if getattr(persona, key)]
    if persona.demographics:
        sections.append("demographics")
    fit = int((inner_w + SECTION_GAP) // (SECTION_W + SECTION_GAP))
    count = max(1, min(1 + len(sections), fit))
    column_w = (inner_w - SECTION_GAP * (count - 1)) / count
    items: list[Item] = []
    head_bottom = _head(persona, inner_x, y + INSET_TOP, column_w, items)
    bottoms = [head_bottom] + [y + INSET_TOP] * (count - 1)   # the head takes the first column
    for key in sections:
        column = min(range(1 if count > 1 else 0, count), key=lambda index: bottoms[index])
        left = inner_x + column * (column_w + SECTION_GAP)
        bottoms[column] = _section(frame, persona, key, left, bottoms[column], column_w, items)
    return max(bottoms) + INSET_BOTTOM - y, items


def _head(persona: Persona, x: float, y: float, width: float, items: list[Item]) -> float:
    """Avatar, name and role, then description and quote; the bottom."""
    items.append(Shape("circle", x + 18, y + 18, 18, 18, fill="panel_alt", stroke="border"))
    items.append(text_block(x + 2, y + 9, 32, avatar(persona), AVATAR, align="middle", role="avatar"))
    name = text_block(x + 44, y, width - 44, persona.name, HEADING, role="persona-name")
    items.append(name)
    bottom = y + name.h
    if persona.role:
        role = text_block(x + 44, bottom, width - 44, persona.role, SMALL, role="persona-role")
        items.append(role)
        bottom += role.h
    bottom = max(bottom, y + 36) + 6
    description = getattr(persona, "description", None)
    if description:
        block = text_block(x, bottom, width, description, BODY, role="persona-description")
        items.append(block)
        bottom += block.h + 4
    if persona.quote:
        quote = text_block(x, bottom, width, quoted(persona.quote), QUOTE, role="quote")
        items.append(quote)
        bottom += quote.h + 4
    return bottom


def _section(frame: Frame, persona: Persona, key: str, x: float, y: float, width: float,
             items: list[Item]) -> float:
    """One list under its title (or the demographics line); the bottom."""
    if key == "demographics":
        text = ", ".join(f"{k}: {text_or_number(v)}" for k, v in persona.demographics.items())
        block = text_block(x, y, width, text, SMALL, role="demographics")
        items.append(block)
        return y + block.h + 4
    label = text_block(x, y, width, frame.words[key], SMALL_BOLD, role=f"{key}-title")
    items.append(label)
    y += label.h
    for value in getattr(persona, key):
        entry = text_block(x, y, width, f"• {value}", BODY, role=key)
        items.append(entry)
        y += entry.h
    return y + 4


def avatar(persona: Persona) -> str:
    """An emoji or a short text that fits the avatar circle on one line."""
    text = persona.avatar or "".join(part[:1] for part in persona.name.split()[:2]) or "?"
    clusters = list(graphemes(text.strip() or "?"))
    for count in (3, 2, 1):
        candidate = "".join(clusters[:count])
        if text_width(candidate, AVATAR.size, AVATAR.bold) <= 28:  # the box is 32, padding 2
            return candidate
    return "?"
