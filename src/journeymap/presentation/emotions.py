"""The emotion of a touchpoint for a persona, with one meaning for every
output (swimlane, HTML, Markdown, Mermaid, DOT, stats, diff).

A mapping (`emotion: {ann: 1, bob: -1}`) gives each persona its own value;
a single value (`emotion: 1`) is the value of every persona taking part in
the touchpoint (`personas`, which normalisation fills with everyone), and
of everyone at once. Personas always come in the map's order, whatever the
order of a mapping's keys.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TypeAlias

from ..model import Journey, Scale, Stage, Touchpoint
from .ids import id_of
from .numbers import scale_position

FACES = ("😫", "🙁", "😐", "🙂", "😄")

# (persona id, or None for everyone; the value, or None where none was given)
PersonaEmotion: TypeAlias = tuple[str | None, int | None]
# (stage, touchpoint, value): one point of an emotion curve
CurvePoint: TypeAlias = tuple[Stage, Touchpoint, int]


def face_index(position: float) -> int:
    """Which of the five faces (and emotion colours) a position on the scale
    (0.0 bottom, 1.0 top) shows."""
    last = len(FACES) - 1
    return max(0, min(last, round(position * last)))


def face(value: int | None, scale: Scale) -> str:
    """The face of a value; nothing where no value was given."""
    if value is None:
        return ""
    return FACES[face_index(scale_position(value, scale))]


def per_persona(journey: Journey) -> bool:
    """Whether the map gives emotions per persona (some touchpoint has a
    mapping) and has the personas to draw them for."""
    return bool(journey.personas) and any(isinstance(tp.emotion, dict) for _, tp in journey.all_touchpoints())


def curve_personas(journey: Journey) -> tuple[str | None, ...]:
    """The emotion curves of a map: one per persona in the map's order when
    emotions are given per persona, else one for everyone (None)."""
    if not per_persona(journey):
        return (None,)
    return tuple(id_of(persona) for persona in journey.personas)


def emotion_for(touchpoint: Touchpoint, persona_id: str | None) -> int | None:
    """The touchpoint's emotion for one persona (None: for everyone).

    A mapping has a value per persona and none for everyone; a single value
    belongs to the personas taking part, and to everyone."""
    emotion = touchpoint.emotion
    if isinstance(emotion, dict):
        return emotion.get(persona_id) if persona_id is not None else None
    if persona_id is not None and persona_id not in touchpoint.personas:
        return None
    return emotion


def touchpoint_emotions(journey: Journey, touchpoint: Touchpoint,
                        chosen: Collection[str] | None = None) -> list[PersonaEmotion]:
    """What a touchpoint's text says of its emotion: with a mapping, each
    persona that has a value, in the map's order; else the one value (None
    where none was recorded) for everyone.

    `chosen` keeps the values of these personas only: a single value then
    counts only where one of them takes part."""
    emotion = touchpoint.emotion
    if isinstance(emotion, dict):
        return [(id_of(p), emotion[p.id]) for p in journey.personas
                if p.id in emotion and (chosen is None or p.id in chosen)]
    if chosen is not None and touchpoint.personas and not any(p in chosen for p in touchpoint.personas):
        return [(None, None)]
    return [(None, emotion)]


def curve(journey: Journey, persona_id: str | None) -> list[CurvePoint]:
    """The points of one curve, in the map's order: every touchpoint where
    the persona (None: everyone) has a value."""
    points: list[CurvePoint] = []
    for stage, touchpoint in journey.all_touchpoints():
        value = emotion_for(touchpoint, persona_id)
        if value is not None:
            points.append((stage, touchpoint, value))
    return points


def previous_emotion(previous: Mapping[str, Mapping[str, int]] | None, touchpoint_id: str,
                     persona_id: str | None) -> int | None:
    """The emotion the previous version of the map gave (`render --compare`):
    the persona's own, else the one it gave everyone ("")."""
    before = previous.get(touchpoint_id) if previous else None
    if before is None:
        return None
    return before.get(persona_id or "", before.get(""))
