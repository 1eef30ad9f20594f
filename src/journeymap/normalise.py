"""Fill in the defaults that depend on the whole map, so that renderers get a
model where nothing is left to interpretation."""

from __future__ import annotations

from . import builtins
from .model import Journey, Stage


def normalise(journey: Journey) -> Journey:
    """A copy of `journey` where the lanes default by map type and a
    touchpoint without `personas` involves every persona; `journey` itself
    is left as it is (models are frozen)."""
    lanes = journey.lanes if journey.lanes is not None else list(builtins.DEFAULT_LANES[journey.type])
    everyone = [persona.id for persona in journey.personas if persona.id is not None]
    stages = [_with_everyone(stage, everyone) for stage in journey.stages]
    return journey.model_copy(update={"lanes": lanes, "stages": stages})


def _with_everyone(stage: Stage, everyone: list[str]) -> Stage:
    if all(touchpoint.personas for touchpoint in stage.touchpoints):
        return stage
    touchpoints = [touchpoint if touchpoint.personas
                   else touchpoint.model_copy(update={"personas": list(everyone)})
                   for touchpoint in stage.touchpoints]
    return stage.model_copy(update={"touchpoints": touchpoints})
