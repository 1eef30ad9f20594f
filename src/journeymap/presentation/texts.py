"""Labels every output writes the same way: lanes, channels, sources, and
quotations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeAlias, TypeGuard

from ..builtins import LANES
from ..model import CustomLane, Journey

# A lane of the map: a built-in lane's name, or a custom lane.
Lane: TypeAlias = "str | CustomLane"

# Marks a quotation may open with; a text that starts with one brings its own.
QUOTE_MARKS = "“\"«„「『‘'"
# What a line break can be in a text (as a page shows it, and YAML reads it).
_BLANK = " \t\n\r\x85\u2028\u2029"


def given(text: str | None) -> TypeGuard[str]:
    """Whether an optional text shows anything: a blank one counts as absent."""
    return text is not None and text.strip(_BLANK) != ""


def quoted(text: str) -> str:
    """In quotation marks, unless the text brings its own (or is empty)."""
    return text if text[:1] in QUOTE_MARKS else f"“{text}”"


def lane_id(lane: Lane) -> str:
    return str(lane.id) if isinstance(lane, CustomLane) else lane


def lane_title(lane: Lane, words: Mapping[str, str]) -> str:
    """A custom lane's own title, else the built-in lane's name in the locale."""
    if isinstance(lane, CustomLane):
        return lane.title
    return words.get(f"lane.{lane}", lane)


def chosen_lanes(journey: Journey, names: Sequence[str] | None) -> list[Lane]:
    """The lanes to draw: the map's own, or those named (a built-in lane, or
    a custom lane this map declares; other names are left out)."""
    own: list[Lane] = list(journey.lanes or [])
    if names is None:
        return own
    by_id = {lane_id(lane): lane for lane in own}
    return [by_id.get(name, name) for name in names if name in by_id or name in LANES]


def channel_name(journey: Journey, channel_id: str | None, words: Mapping[str, str]) -> str:
    """A declared channel's own name, else the built-in name in the locale."""
    if channel_id is None:
        return ""
    for channel in journey.channels:
        if channel.id == channel_id and channel.name:
            return channel.name
    return words.get(f"channel.{channel_id}", channel_id)


def source_title(journey: Journey, source_id: str) -> str:
    """A research source as a reader knows it: its title, else its id."""
    for source in journey.sources:
        if source.id == source_id and given(source.title):
            return str(source.title)
    return source_id
