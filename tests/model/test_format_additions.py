"""What real maps needed: several channels on a touchpoint, a persona
description, a planned metric (a target, no value yet), a custom lane's side
in a service blueprint, and the accessible title and description."""

import pytest

from journeymap.validation import validate_text

MAP = """title: T
persona: {name: Ana, description: "Runs a small bakery.\\nOrders weekly."}
accessibility: {title: Spoken title, description: Spoken description}
lanes: [actions, {id: systems, title: Systems, side: backstage}]
stages:
  - name: S
    touchpoints:
      - {name: A, channel: [website, email], metrics: {nps: {target: 40}}}
      - {name: B, channel: phone, metrics: {csat: 4}}
      - {name: C}
"""


def test_the_additions_validate_and_read_as_written():
    result = validate_text(MAP)
    assert [d for d in result.diagnostics if d.is_error] == []
    journey = result.journey
    a, b, c = journey.stages[0].touchpoints
    assert (a.channels, b.channels, c.channels) == (["website", "email"], ["phone"], [])
    assert a.channel == ["website", "email"] and b.channel == "phone"
    nps = a.metrics["nps"]
    assert nps.value is None and nps.target == 40 and nps.planned and nps.met is None
    assert b.metrics["csat"].value == 4 and not b.metrics["csat"].planned
    assert journey.personas[0].description == "Runs a small bakery.\nOrders weekly."
    assert journey.lanes[1].side == "backstage"
    assert journey.accessibility.title == "Spoken title"


@pytest.mark.parametrize("change, code, line", [
    ("channel: [website, email]", "unresolved-reference", 8),
    ("side: backstage", "unknown-value", 4),
    ("channel: [website, email]", "wrong-type", 8),
])
def test_bad_additions_are_diagnostics_at_their_line(change, code, line):
    replacement = {"unresolved-reference": "channel: [website, nowhere]",
                   "unknown-value": "side: basement",
                   "wrong-type": "channel: {a: b}"}[code]
    result = validate_text(MAP.replace(change, replacement))
    errors = [(d.code, d.line) for d in result.diagnostics if d.is_error]
    assert errors == [(code, line)]
    if code == "unknown-value":
        assert "backstage" in result.diagnostics[0].message or result.diagnostics[0].suggestion


def test_an_unused_channel_is_used_when_it_is_one_of_several():
    text = MAP.replace("title: T\n", "title: T\nchannels: [{id: kiosk, name: Kiosk}]\n") \
              .replace("[website, email]", "[website, kiosk]")
    assert "unused-channel" not in [d.code for d in validate_text(text).diagnostics]
