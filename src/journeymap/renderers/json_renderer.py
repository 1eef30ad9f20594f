"""`json`: the validated, normalised model, every default filled in.

Keys follow the model's field order, which is stable; the shape is described
by `schemas/journeymap.normalised.schema.json` (`journeymap schema --normalised`).

The output is strict JSON (RFC 8259): never `NaN` or `Infinity`, which
pydantic would quietly write as `null`. Validation admits only finite numbers;
a model built or changed through the Python API is checked here again.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator

from ..model import Journey
from ..schema import NORMALISED_SCHEMA_ID
from . import RenderError, RenderOptions


class JsonRenderer:
    name = "json"

    def render(self, journey: Journey, options: RenderOptions, fmt: str = "json") -> bytes:
        for where, value in fractional_numbers(journey):
            if not math.isfinite(value):
                raise RenderError(f"{where}: expected a finite number, found {value!r}; "
                                  "JSON has no such number")
        # pydantic writes JSON in Rust, several times faster than json.dumps
        # with indentation; the schema reference goes in as the first key.
        body = journey.model_dump_json(indent=2)
        assert body.startswith("{\n")
        head = "{\n  " + json.dumps("$schema") + ": " + json.dumps(NORMALISED_SCHEMA_ID) + ",\n"
        return (head + body[2:] + "\n").encode("utf-8")


def fractional_numbers(journey: Journey) -> Iterator[tuple[str, float]]:
    """(path, value) of every float in the model: the fields typed `Number`
    or `TextOrNumber` (metric figures, demographics). Every other number is an
    integer, which has no infinity."""
    for index, persona in enumerate(journey.personas):
        for key, value in persona.demographics.items():
            if isinstance(value, float):
                yield f"personas[{index}].demographics.{key}", value
    for si, stage in enumerate(journey.stages):
        for ti, touchpoint in enumerate(stage.touchpoints):
            for name, metric in touchpoint.metrics.items():
                for field in ("value", "target"):
                    value = getattr(metric, field)
                    if isinstance(value, float):
                        yield f"stages[{si}].touchpoints[{ti}].metrics.{name}.{field}", value


renderer = JsonRenderer()
