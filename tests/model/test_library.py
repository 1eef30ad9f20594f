"""`import journeymap` as a library: load/loads and validate/validate_string,
light to import, and models that nothing can change once validated."""

import copy
import os
import subprocess
import sys

import pytest
from pydantic import ValidationError

import journeymap
from conftest import EXAMPLES
from journeymap.errors import JourneyError, JourneymapError
from journeymap.loading import NotARegularFile
from journeymap.model import Journey, Stage, Touchpoint
from journeymap.normalise import normalise

FLIGHT = EXAMPLES / "family-flight-booking.yaml"
SMALL = "title: T\nstages: [{name: S, touchpoints: [{name: A}, {name: B}]}]\n"


# Files and strings ----------------------------------------------------------------------

def test_load_of_a_missing_file_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        journeymap.load(tmp_path / "missing.yaml")
    with pytest.raises(FileNotFoundError):
        journeymap.validate(str(tmp_path / "missing.yaml"))


def test_load_of_a_folder_or_a_pipe_raises_an_os_error(tmp_path):
    with pytest.raises(NotARegularFile):
        journeymap.load(tmp_path)
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.yaml"
        os.mkfifo(fifo)
        with pytest.raises(OSError):  # refused without waiting for a writer
            journeymap.validate(fifo)


def test_load_reads_the_file_and_loads_the_text(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text(SMALL, "utf-8")
    from_file = journeymap.load(path)
    assert from_file == journeymap.load(str(path)) == journeymap.loads(SMALL)
    assert journeymap.loads(SMALL.encode("utf-8")) == from_file
    assert [tp.id for _, tp in from_file.all_touchpoints()] == ["stage-1.1", "stage-1.2"]


def test_text_given_to_load_is_pointed_to_loads():
    with pytest.raises(ValueError, match="loads"):
        journeymap.load(SMALL)


def test_errors_name_the_file_or_the_given_name(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("title: T\nstages: []\n", "utf-8")
    with pytest.raises(JourneyError) as from_file:
        journeymap.load(path)
    assert from_file.value.diagnostics[0].file == str(path)
    with pytest.raises(JourneymapError) as from_text:
        journeymap.loads("title: T\nstages: []\n", name="inline.yaml")
    assert str(from_text.value).startswith("inline.yaml:2:")
    assert journeymap.JourneyError is JourneyError


def test_validate_and_validate_string_return_every_diagnostic(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text("title: T\nstages: [{name: S}]\n", "utf-8")
    assert [d.code for d in journeymap.validate(path)] == ["empty-stage"]
    assert [d.code for d in journeymap.validate_string(path.read_bytes())] == ["empty-stage"]
    assert [d.code for d in journeymap.validate(FLIGHT) if d.severity != "info"] == []


# Import ----------------------------------------------------------------------------------

def test_import_journeymap_is_light_and_changes_nothing():
    probe = ("import gc, sys, threading\n"
             "before = (gc.isenabled(), threading.active_count(), sys.getrecursionlimit())\n"
             "import journeymap\n"
             "after = (gc.isenabled(), threading.active_count(), sys.getrecursionlimit())\n"
             "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
             "('typer', 'rich', 'jinja2', 'pydantic', 'yaml', 'click'))\n"
             "print(heavy, before == after)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[] True"


def test_the_model_classes_are_there_when_asked_for():
    assert journeymap.Journey is Journey and journeymap.Touchpoint is Touchpoint
    with pytest.raises(AttributeError):
        journeymap.NoSuchThing  # noqa: B018


# Frozen models ----------------------------------------------------------------------------

def test_a_validated_map_cannot_be_changed():
    journey = journeymap.load(FLIGHT)
    touchpoint = journey.stages[0].touchpoints[0]
    with pytest.raises(ValidationError, match="frozen"):
        journey.title = "Other"
    with pytest.raises(ValidationError, match="frozen"):
        touchpoint.id = "other"
    with pytest.raises(ValidationError, match="frozen"):
        journey.scale.max = 9


def test_normalise_returns_a_new_map_and_leaves_its_input_alone():
    parsed = Journey.model_validate({
        "title": "T", "personas": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "stages": [{"name": "S", "touchpoints": [{"name": "X"}, {"name": "Y", "personas": ["b"]}]}]})
    before = parsed.model_dump()
    normalised = normalise(parsed)
    assert parsed.model_dump() == before
    assert parsed.lanes is None and parsed.stages[0].touchpoints[0].personas == []
    assert normalised.lanes == ["touchpoints", "actions", "thoughts", "emotions", "pains",
                                "opportunities"]
    assert [tp.personas for tp in normalised.stages[0].touchpoints] == [["a", "b"], ["b"]]


def test_deriving_ids_leaves_the_given_data_alone():
    data = {"title": "T", "persona": {"name": "P"},
            "stages": [{"name": "S", "touchpoints": [{"name": "X"}]}, {"id": "b", "name": "B"}]}
    original = copy.deepcopy(data)
    journey = Journey.model_validate(data)
    assert data == original
    assert journey.personas[0].id == "persona"
    assert [s.id for s in journey.stages] == ["stage-1", "b"]
    assert journey.stages[0].touchpoints[0].id == "stage-1.1"


def test_ids_are_derived_for_models_built_in_python_too():
    stage = Stage(name="S", touchpoints=[Touchpoint(name="X"), Touchpoint(id="y", name="Y")])
    other = Stage(id="Ünï", name="U", touchpoints=[Touchpoint(name="Z")])
    journey = Journey(title="T", stages=[stage, other])
    assert [tp.id for _, tp in journey.all_touchpoints()] == ["stage-1.1", "y", "Ünï.1"]
    assert stage.id is None and stage.touchpoints[0].id is None  # copied, not changed


def test_a_derived_touchpoint_id_uses_the_stage_id_as_validated():
    journey = journeymap.loads(
        'title: T\nstages: [{id: "Mari\\u0301a", name: S, touchpoints: [{name: A}]}]\n')
    assert journey.stages[0].touchpoints[0].id == "María.1"


@pytest.mark.parametrize("stages", [
    "stages: nope", "stages: [nope]", "stages: [{name: S, touchpoints: nope}]",
    "stages: [{id: 'a b', name: S, touchpoints: [{name: A}]}]", "stages: [{id: [x], name: S}]",
    "stages: [{name: S, touchpoints: [nope, {id: 3, name: A}]}]",
])
def test_malformed_maps_are_reported_not_crashed_on(stages):
    problems = journeymap.validate_string(f"title: T\npersonas: nope\n{stages}\n")
    assert problems and all(d.line >= 1 for d in problems)
    assert "wrong-type" in {d.code for d in problems}


def test_an_id_written_as_null_counts_as_written_but_one_left_out_does_not():
    text = "title: T\npersonas: [{id: a, name: A}, {id: ~, name: B}, {name: C}]\nstages: [{name: S}]\n"
    missing = [d for d in journeymap.validate_string(text) if d.code == "missing-field"]
    assert [(d.line, d.path) for d in missing] == [(2, "personas[2]")]
