"""`json`: the validated, normalised model, every default filled in.

Keys follow the model's field order, which is stable; the shape is described
by `schemas/journeymap.normalised.schema.json` (`journeymap schema --normalised`).
"""

from __future__ import annotations

import json

from ..model import Journey
from . import RenderOptions

NORMALISED_SCHEMA_ID = "https://journeymap.dev/schemas/journeymap.normalised.schema.json"


class JsonRenderer:
    name = "json"

    def render(self, journey: Journey, options: RenderOptions, fmt: str = "json") -> bytes:
        # pydantic writes JSON in Rust, several times faster than json.dumps
        # with indentation; the schema reference goes in as the first key.
        body = journey.model_dump_json(indent=2)
        assert body.startswith("{\n")
        head = "{\n  " + json.dumps("$schema") + ": " + json.dumps(NORMALISED_SCHEMA_ID) + ",\n"
        return (head + body[2:] + "\n").encode("utf-8")


renderer = JsonRenderer()
