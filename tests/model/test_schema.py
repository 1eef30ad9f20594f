"""The committed JSON Schema is the one the model generates, and editors that
use it accept every example."""

import json

import jsonschema
import pytest
import yaml

from conftest import EXAMPLES, ROOT
from journeymap.schema import schema_text

COMMITTED = ROOT / "schemas" / "journeymap.schema.json"


def test_committed_schema_is_fresh():
    assert COMMITTED.read_text("utf-8") == schema_text(), \
        "schemas/journeymap.schema.json is stale: run `journeymap schema -o schemas/journeymap.schema.json`"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_examples_pass_the_json_schema(path):
    schema = json.loads(COMMITTED.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = yaml.safe_load(path.read_text("utf-8"))  # what an editor's YAML parser sees
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert not errors, [e.message for e in errors]


def test_schema_rejects_what_the_model_rejects():
    schema = json.loads(COMMITTED.read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert not validator.is_valid({"title": "T", "stages": [{"name": "S", "pain": "x"}]})
    assert not validator.is_valid({"title": "T", "stages": []})
    assert not validator.is_valid({"title": "T", "type": "nope", "stages": [{"name": "S"}]})
    assert validator.is_valid({"title": "T", "x-tool": 1, "stages": [{"name": "S", "x-y": 2}]})
