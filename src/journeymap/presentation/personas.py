"""Personas as every output names and colours them: always in the map's
order, whatever order a touchpoint lists them in."""

from __future__ import annotations

from ..model import Journey, Persona, Touchpoint
from .ids import id_of

# Distinct on light and dark backgrounds; a persona's own `color` comes first.
PERSONA_COLOURS = ("#0969da", "#cf222e", "#1a7f37", "#8250df", "#bc4c00", "#0550ae", "#a40e26")


def persona_colour(journey: Journey, index: int) -> str:
    """The colour of the map's `index`-th persona: its own, else one of ours."""
    persona = journey.personas[index]
    return persona.color or PERSONA_COLOURS[index % len(PERSONA_COLOURS)]


def persona_colours(journey: Journey) -> dict[str, str]:
    """Persona id -> colour, in the map's order."""
    return {id_of(persona): persona_colour(journey, index) for index, persona in enumerate(journey.personas)}


def persona_names(journey: Journey) -> dict[str, str]:
    """Persona id -> name, in the map's order."""
    return {id_of(persona): persona.name for persona in journey.personas}


def taking_part(journey: Journey, touchpoint: Touchpoint) -> list[Persona]:
    """The personas taking part in the touchpoint, in the map's order."""
    involved = set(touchpoint.personas)
    return [persona for persona in journey.personas if persona.id in involved]


def named_participants(journey: Journey, touchpoint: Touchpoint) -> list[Persona]:
    """The personas worth naming on a touchpoint: those taking part, where
    that is not everyone of a map with several; else none."""
    if len(journey.personas) < 2:
        return []
    involved = taking_part(journey, touchpoint)
    return involved if len(involved) < len(journey.personas) else []
