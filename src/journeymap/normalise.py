"""Fill in the defaults that depend on the whole map, so that renderers get a
model where nothing is left to interpretation."""

from __future__ import annotations

from . import builtins
from .model import Journey


def normalise(journey: Journey) -> Journey:
    """Lanes default by map type; a touchpoint without `personas` involves all."""
    if journey.lanes is None:
        journey.__dict__["lanes"] = list(builtins.DEFAULT_LANES[journey.type])
    everyone = [persona.id for persona in journey.personas]
    for _, touchpoint in journey.all_touchpoints():
        if not touchpoint.personas:
            touchpoint.__dict__["personas"] = list(everyone)
    return journey
