"""The Python API and the normalised model that renderers receive."""

import pytest

import journeymap
from conftest import EXAMPLES
from journeymap.presentation.emotions import emotion_for
from journeymap.validation import validate_text

FLIGHT = EXAMPLES / "family-flight-booking.yaml"


def test_load_returns_the_normalised_journey():
    journey = journeymap.load(FLIGHT)
    assert isinstance(journey, journeymap.Journey)
    assert journey.title == "Booking a family summer holiday flight"
    assert journey.personas[0].id == "sofia"
    assert journey.lanes[0] == "touchpoints"
    # a touchpoint without `personas` involves everyone
    assert all(tp.personas == ["sofia"] for _, tp in journey.all_touchpoints())


def test_load_reads_a_file_and_loads_reads_text():
    text = FLIGHT.read_text("utf-8")
    assert journeymap.loads(text) == journeymap.load(str(FLIGHT)) == journeymap.load(FLIGHT)


def test_load_raises_with_every_diagnostic():
    with pytest.raises(journeymap.JourneyError) as caught:
        journeymap.loads("title: T\nstages:\n  - {name: S, touchpoints: [{nme: a}, {name: b, emotion: 7}]}\n")
    codes = sorted(d.code for d in caught.value.diagnostics)
    assert codes == ["missing-field", "unknown-key"]
    assert str(caught.value).startswith("<string>:3:")


def test_validate_returns_diagnostics():
    assert [d.code for d in journeymap.validate(FLIGHT) if d.severity != "info"] == []
    problems = journeymap.validate_string("title: T\nstages: [{name: S}]\n")
    assert [d.code for d in problems] == ["empty-stage"]


def test_defaults_filled_in_by_map_type():
    base = "title: T\ntype: {kind}\nstages: [{{name: S, touchpoints: [{{name: P, backstage: x, opportunities: y}}]}}]\n"
    blueprint = journeymap.loads(base.format(kind="service-blueprint"))
    assert blueprint.lanes == ["physical_evidence", "actions", "frontstage", "backstage",
                               "support", "emotions"]
    day = journeymap.loads(base.format(kind="day-in-the-life"))
    assert "opportunities" not in day.lanes
    assert journeymap.loads(base.format(kind="current-state")).scale.min == -2


def test_ids_are_derived_from_the_position():
    journey = journeymap.loads("title: T\npersona: {name: P}\nstages:\n  - {name: A, touchpoints: [{name: x}, {name: y}]}\n  - {id: b, name: B, touchpoints: [{name: z}]}\n")
    assert journey.personas[0].id == "persona"
    assert [s.id for s in journey.stages] == ["stage-1", "b"]
    assert [tp.id for _, tp in journey.all_touchpoints()] == ["stage-1.1", "stage-1.2", "b.1"]


def test_shorthands():
    journey = journeymap.loads(
        "title: T\nexpectations: One\npersonas: [{id: a, name: A}, {id: b, name: B}]\n"
        "stages:\n  - name: S\n    touchpoints:\n"
        "      - {name: P, pains: Slow, opportunities: Faster, next: Q, metrics: {csat: 4.5},"
        " emotion: {a: 1, b: -1}}\n      - {id: Q, name: Q, emotion: {a: 0, b: 0}}\n")
    tp = journey.stages[0].touchpoints[0]
    assert journey.expectations == ["One"]
    assert tp.pains == ["Slow"] and tp.next == ["Q"]
    assert tp.metrics["csat"].value == 4.5 and tp.metrics["csat"].better == "higher"
    assert emotion_for(tp, "a") == 1 and emotion_for(tp, "b") == -1


def test_metric_target_met_respects_direction():
    journey = journeymap.loads(
        "title: T\nstages: [{name: S, touchpoints: [{name: P, metrics: {"
        "wait: {value: 3, target: 5, better: lower}, nps: {value: 30, target: 40}, n: 7}}]}]\n")
    metrics = journey.stages[0].touchpoints[0].metrics
    assert metrics["wait"].met is True
    assert metrics["nps"].met is False
    assert metrics["n"].met is None


def test_text_is_normalised_to_nfc():
    journey = journeymap.loads("title: \"Mari\\u0301a\"\nstages: [{name: S, touchpoints: [{name: P}]}]\n")
    assert journey.title == "María" and len(journey.title) == 5


def test_built_in_channels_resolve_with_names():
    journey = journeymap.load(FLIGHT)
    assert journey.channel("website").name == "Website"
    assert journey.channel("nope") is None
    hotel = journeymap.load(EXAMPLES / "hotel-check-in-blueprint.yaml")
    assert hotel.channel("kiosk").name == "Self check-in kiosk"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_examples_are_clean_and_complete(path):
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/journeymap.schema.json\n")
    result = validate_text(text, path.name)
    assert [d for d in result.diagnostics if d.severity != "info"] == []
    journey = result.journey
    assert journey.personas and journey.sources
    assert any(tp.evidence for _, tp in journey.all_touchpoints())
    assert any(m.target is not None for _, tp in journey.all_touchpoints() for m in tp.metrics.values())
    assert any(stage.phase for stage in journey.stages)
    # non-linear flows: at least one edge that goes back
    order = {tp.id: i for i, (_, tp) in enumerate(journey.all_touchpoints())}
    assert any(order[target] < order[tp.id] for _, tp in journey.all_touchpoints() for target in tp.next) \
        or journey.type == "future-state"


def test_examples_cover_the_languages_and_types():
    journeys = [journeymap.load(p) for p in sorted(EXAMPLES.glob("*.yaml"))]
    assert {j.locale for j in journeys} >= {"en", "zh", "ru", "it", "hu"}
    assert {j.type for j in journeys} == {"current-state", "future-state", "day-in-the-life",
                                          "service-blueprint"}
    assert any(len(j.personas) >= 2 and any(isinstance(tp.emotion, dict) for _, tp in j.all_touchpoints())
               for j in journeys)
