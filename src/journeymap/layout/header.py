"""The head of the page: title, map type and version line, scenario,
description and expectations, each wrapped to the page's width."""

from __future__ import annotations

from .frame import Frame
from .geometry import Group, text_block
from .styles import BODY, PAD, SUBTITLE, TITLE


def header(frame: Frame, y: float) -> tuple[Group, float]:
    """The header group and the bottom of what it holds."""
    journey, words = frame.journey, frame.words
    group = Group("header", journey.title)
    inner = frame.width - 2 * PAD
    block = group.add(text_block(PAD, y, inner, journey.title, TITLE, role="title"))
    y += block.h + 4
    meta = [words["type." + journey.type]]
    for key in ("owner", "version", "updated"):
        value = getattr(journey, key)
        if value:
            meta.append(f"{words[key]}: {value}")
    block = group.add(text_block(PAD, y, inner, " · ".join(meta), SUBTITLE, role="meta"))
    y += block.h
    if journey.scenario:
        y += 6
        block = group.add(text_block(PAD, y, inner, f"{words['scenario']}: {journey.scenario}",
                                     BODY, role="scenario"))
        y += block.h
    if journey.description:
        y += 4
        block = group.add(text_block(PAD, y, inner, journey.description, BODY, role="description"))
        y += block.h
    if journey.expectations:
        y += 4
        text = f"{words['expectations']}: " + " · ".join(journey.expectations)
        block = group.add(text_block(PAD, y, inner, text, BODY, role="expectations"))
        y += block.h
    return group, y
