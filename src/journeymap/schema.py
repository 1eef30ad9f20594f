"""The JSON Schema of the journey format, generated from the model so that
editors (via yaml-language-server) check files the same way we do.

It describes what a person may write: shorthands included, and `x-` keys
allowed everywhere. It cannot express the whole-map rules of `checks.py`
(references, unique ids), which `journeymap validate` adds."""

from __future__ import annotations

import json

SCHEMA_ID = "https://journeymap.dev/schemas/journeymap.schema.json"


def journey_schema() -> dict:
    from .model import Journey

    schema = Journey.model_json_schema(mode="validation")
    _allow_persona_shorthand(schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def _allow_persona_shorthand(schema: dict) -> None:
    schema["properties"]["persona"] = {
        "description": "shorthand for a list of one persona",
        "$ref": "#/$defs/Persona",
    }


def normalised_schema() -> dict:
    """The shape of the `json` renderer's output: the normalised model, where
    every field is present and no shorthand remains."""
    from .model import Journey
    from .renderers.json_renderer import NORMALISED_SCHEMA_ID

    schema = Journey.model_json_schema(mode="serialization")
    schema["properties"] = {"$schema": {"type": "string"}, **schema["properties"]}
    schema["title"] = "journeymap normalised journey (the json renderer's output)"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": NORMALISED_SCHEMA_ID, **schema}


def schema_text(normalised: bool = False) -> str:
    document = normalised_schema() if normalised else journey_schema()
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
