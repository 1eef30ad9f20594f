"""Property tests: any journey, written out and read back, is the same map;
text survives whatever Unicode it holds."""

from hypothesis import given, settings

from journeymap.model import Journey
from journeymap.normalise import normalise
from journeymap.serialize import dump
from journeymap.validation import validate_text
from strategies import journeys, text


@settings(max_examples=150, deadline=None)
@given(journeys())
def test_dump_and_load_give_the_same_journey(data):
    original = normalise(Journey.model_validate(data))
    written = dump(original)
    result = validate_text(written)
    errors = [d for d in result.diagnostics if d.is_error]
    assert not errors, (written, errors)
    assert result.journey == original


@settings(max_examples=200, deadline=None)
@given(text)
def test_any_text_is_kept_exactly_in_every_text_field(value):
    journey = normalise(Journey.model_validate(
        {"title": value, "stages": [{"name": value, "touchpoints": [{"name": value, "pains": value}]}]}))
    back = validate_text(dump(journey)).journey
    assert back is not None
    assert back.title == journey.title
    assert back.stages[0].touchpoints[0].pains == journey.stages[0].touchpoints[0].pains
