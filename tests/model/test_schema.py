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


def test_the_schema_ids_are_addresses_of_the_committed_files():
    from journeymap.schema import MODELINE, NORMALISED_SCHEMA_ID, SCHEMA_ID, normalised_schema

    repository = "https://raw.githubusercontent.com/journeymap/journeymap/main/"
    for address, committed in ((SCHEMA_ID, COMMITTED),
                               (NORMALISED_SCHEMA_ID, ROOT / "schemas" / "journeymap.normalised.schema.json")):
        assert address.startswith(repository)
        assert (ROOT / address.removeprefix(repository)) == committed and committed.is_file()
        assert json.loads(committed.read_text("utf-8"))["$id"] == address
        assert json.loads(committed.read_text("utf-8"))["$schema"] == \
            "https://json-schema.org/draft/2020-12/schema"
    assert (ROOT / "schemas" / "journeymap.normalised.schema.json").read_text("utf-8") == \
        json.dumps(normalised_schema(), ensure_ascii=False, indent=2) + "\n"
    assert f"# yaml-language-server: $schema={SCHEMA_ID}" == MODELINE


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_each_example_names_the_schema_for_the_yaml_language_server(path):
    first = path.read_text("utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = first.split("=", 1)[1]
    assert (path.parent / target).resolve() == COMMITTED.resolve()
