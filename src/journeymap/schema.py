"""The JSON Schema of the journey format, generated from the model so that
editors (via yaml-language-server) check files the same way we do.

It describes what a person may write: shorthands included, and `x-` keys
allowed everywhere. It cannot express the whole-map rules of `checks.py`
(references, unique ids), which `journeymap validate` adds."""

from __future__ import annotations

import json
from typing import Any

# Addresses that resolve: the files kept in `schemas/`, as GitHub serves them
# raw, so that an editor given the `$id` (or a modeline naming it) fetches
# the schema itself.
SCHEMAS_URL = "https://raw.githubusercontent.com/journeymap/journeymap/main/schemas/"
SCHEMA_ID = SCHEMAS_URL + "journeymap.schema.json"
# Where the `json` renderer's output says its shape is described.
NORMALISED_SCHEMA_ID = SCHEMAS_URL + "journeymap.normalised.schema.json"
# The first line of a journey file that makes the YAML language server
# (VS Code's YAML extension, and every editor using it) check and complete it.
MODELINE = f"# yaml-language-server: $schema={SCHEMA_ID}"

JsonSchema = dict[str, Any]


def journey_schema() -> JsonSchema:
    from .model import Journey

    schema = Journey.model_json_schema(mode="validation")
    _allow_persona_shorthand(schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def _allow_persona_shorthand(schema: JsonSchema) -> None:
    schema["properties"]["persona"] = {
        "description": "shorthand for a list of one persona",
        "$ref": "#/$defs/Persona",
    }


def normalised_schema() -> JsonSchema:
    """The shape of the `json` renderer's output: the normalised model, where
    every field is present and no shorthand remains."""
    from .model import Journey

    schema = Journey.model_json_schema(mode="serialization")
    schema["properties"] = {"$schema": {"type": "string"}, **schema["properties"]}
    schema["title"] = "journeymap normalised journey (the json renderer's output)"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": NORMALISED_SCHEMA_ID, **schema}


def schema_text(normalised: bool = False) -> str:
    document = normalised_schema() if normalised else journey_schema()
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
