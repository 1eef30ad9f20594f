"""The guard in front of the golden files bites: an output that lost a
touchpoint, or that its parser cannot read, is never written as a golden."""

import xml.etree.ElementTree as ET

import pytest

import journeymap
from conftest import EXAMPLES
from goldens import READERS, check_invariants
from journeymap.renderers import RenderOptions
from journeymap.renderers.registry import load

MAP = EXAMPLES / "family-flight-booking.yaml"


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_a_good_output_passes_and_a_lost_touchpoint_fails(fmt):
    journey = journeymap.load(MAP)
    data = bytes(load(fmt).render(journey, RenderOptions(), fmt))
    check_invariants(journey, fmt, data)
    name = journey.stages[1].touchpoints[0].name
    first_word = name.split()[0]  # names wrap across lines: the word is what is sure to be whole
    assert data.count(first_word.encode("utf-8")) >= 1
    lost = data.replace(first_word.encode("utf-8"), b"")
    with pytest.raises(AssertionError):
        check_invariants(journey, fmt, lost)


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_an_output_its_parser_cannot_read_fails(fmt):
    journey = journeymap.load(MAP)
    data = bytes(load(fmt).render(journey, RenderOptions(), fmt))
    with pytest.raises((AssertionError, ValueError, ET.ParseError, UnicodeDecodeError)):
        check_invariants(journey, fmt, b"\x00<garbage" + data[: len(data) // 10])
