"""The persona band: one card per persona, as many to a row as the page
holds, every card of a row as tall as the tallest."""

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


def personas(frame: Frame, top: float) -> tuple[Group, float]:
    """The band of persona cards and its bottom."""
    group = Group("personas", frame.words["personas"])
    everyone = frame.journey.personas
    per_row = max(1, int((frame.width - 2 * PAD + GAP) // (CARD_W + GAP)))
    y = top
    for start in range(0, len(everyone), per_row):
        row = everyone[start:start + per_row]
        cards = [_card(frame, persona, PAD + n * (CARD_W + GAP), y) for n, persona in enumerate(row)]
        height = max(h for h, _ in cards)
        for n, (persona, (_, items)) in enumerate(zip(row, cards, strict=True)):
            x = PAD + n * (CARD_W + GAP)
            card = Group(f"persona-{persona.id}", persona.name)
            card.add(Shape("rect", x, y, CARD_W, height, fill="panel", stroke="border", radius=8))
            colour = frame.view.persona_colours[id_of(persona)]
            card.add(Shape("rect", x, y, 6, height, radius=3, colour=colour))
            for item in items:
                card.add(item)
            group.add(card)
        y += height + GAP
    return group, y - GAP


def _card(frame: Frame, persona: Persona, x: float, y: float) -> tuple[float, list[Item]]:
    """(height, items) of one persona's card."""
    items: list[Item] = []
    inner_x = x + 16
    inner_w = CARD_W - 16 - 12
    cy = y + 12
    items.append(Shape("circle", inner_x + 18, cy + 18, 18, 18, fill="panel_alt", stroke="border"))
    items.append(text_block(inner_x + 2, cy + 9, 32, avatar(persona), AVATAR, align="middle", role="avatar"))
    name_x = inner_x + 44
    name = text_block(name_x, cy, inner_w - 44, persona.name, HEADING, role="persona-name")
    items.append(name)
    ny = cy + name.h
    if persona.role:
        role = text_block(name_x, ny, inner_w - 44, persona.role, SMALL, role="persona-role")
        items.append(role)
        ny += role.h
    cy = max(ny, cy + 36 + 9) + 6
    description = getattr(persona, "description", None)
    if description:
        block = text_block(inner_x, cy, inner_w, description, BODY, role="persona-description")
        items.append(block)
        cy += block.h + 6
    if persona.quote:
        quote = text_block(inner_x, cy, inner_w, quoted(persona.quote), QUOTE, role="quote")
        items.append(quote)
        cy += quote.h + 6
    for key in PERSONA_LISTS:
        values: list[str] = getattr(persona, key)
        if not values:
            continue
        label = text_block(inner_x, cy, inner_w, frame.words[key], SMALL_BOLD, role=f"{key}-title")
        items.append(label)
        cy += label.h
        for value in values:
            entry = text_block(inner_x, cy, inner_w, f"• {value}", BODY, role=key)
            items.append(entry)
            cy += entry.h
        cy += 4
    if persona.demographics:
        text = ", ".join(f"{k}: {text_or_number(v)}" for k, v in persona.demographics.items())
        block = text_block(inner_x, cy, inner_w, text, SMALL, role="demographics")
        items.append(block)
        cy += block.h + 4
    return cy + 8 - y, items


def avatar(persona: Persona) -> str:
    """An emoji or a short text that fits the avatar circle on one line."""
    text = persona.avatar or "".join(part[:1] for part in persona.name.split()[:2]) or "?"
    clusters = list(graphemes(text.strip() or "?"))
    for count in (3, 2, 1):
        candidate = "".join(clusters[:count])
        if text_width(candidate, AVATAR.size, AVATAR.bold) <= 28:  # the box is 32, padding 2
            return candidate
    return "?"
