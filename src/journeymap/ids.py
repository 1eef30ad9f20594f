"""Ids left out of a map are derived from the position, so that every
persona, stage and touchpoint can be referred to and rendered with a stable
id: `persona` (or `persona-2` among several), `stage-1`, and `{stage id}.{n}`
for the n-th touchpoint of a stage.

They are filled into the raw data before validation, so that the models are
frozen from the start: the author's data is copied where an id is added,
never changed, and data not shaped like a map is left for pydantic to report.
"""

from __future__ import annotations

from pydantic import BaseModel
from pydantic_core import PydanticCustomError

from .fields import to_id


def with_derived_ids(data: object) -> object:
    """`data` (a journey's raw mapping) with every missing id filled in."""
    if not isinstance(data, dict):
        return data
    derived = dict(data)
    personas = derived.get("personas")
    if isinstance(personas, list):
        derived["personas"] = [
            _with_id(persona, "persona" if len(personas) == 1 else f"persona-{number}")
            for number, persona in enumerate(personas, start=1)]
    stages = derived.get("stages")
    if isinstance(stages, list):
        derived["stages"] = [_stage_with_ids(stage, number)
                             for number, stage in enumerate(stages, start=1)]
    return derived


def _stage_with_ids(stage: object, number: int) -> object:
    stage = _with_id(stage, f"stage-{number}")
    if isinstance(stage, dict):
        stage_id, touchpoints = stage.get("id"), stage.get("touchpoints")
    elif isinstance(stage, BaseModel):
        stage_id, touchpoints = getattr(stage, "id", None), getattr(stage, "touchpoints", None)
    else:
        return stage
    prefix = _valid_id(stage_id)
    if prefix is None or not isinstance(touchpoints, list):
        return stage  # a stage that is not valid: pydantic reports it
    with_ids = [_with_id(touchpoint, f"{prefix}.{position}")
                for position, touchpoint in enumerate(touchpoints, start=1)]
    if isinstance(stage, dict):
        return {**stage, "touchpoints": with_ids}
    return stage.model_copy(update={"touchpoints": with_ids})


def _with_id(item: object, derived_id: str) -> object:
    """`item` with `derived_id` as its id if it has none (a mapping, or a
    model built in Python); anything else as it is."""
    if isinstance(item, dict):
        return item if item.get("id") is not None else {**item, "id": derived_id}
    if isinstance(item, BaseModel) and "id" in type(item).model_fields \
            and getattr(item, "id", None) is None:
        return item.model_copy(update={"id": derived_id})
    return item


def _valid_id(value: object) -> str | None:
    """The id as validation will read it (NFC), None when it is not one."""
    try:
        return to_id(value)
    except PydanticCustomError:
        return None
