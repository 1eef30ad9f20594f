"""The map tells the whole truth: with the default options every text the
author wrote on a touchpoint is drawn in the swimlane (read back with an XML
parser), on every example and on arbitrary maps."""

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings

import journeymap
from conftest import example_paths
from journeymap.layout.wrap import HYPHEN
from journeymap.model import Journey
from journeymap.normalise import normalise
from journeymap.presentation import Presentation
from journeymap.presentation.lanes import follows_content, hidden_lanes
from journeymap.presentation.numbers import signed
from journeymap.renderers import RenderOptions
from journeymap.renderers.swimlane import render_svg
from strategies import journeys

SVG = "{http://www.w3.org/2000/svg}"
PLAIN_TEXTS = ("name", "action", "owner", "duration", "notes")
TEXT_LISTS = ("thoughts", "feelings", "pains", "opportunities", "physical_evidence", "frontstage",
              "backstage", "support")


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text.replace(HYPHEN, ""))


def drawn_text(document: str) -> str:
    root = ET.fromstring(document)
    return squeezed("".join("".join(t.itertext()) for t in root.iter(f"{SVG}text")))


def lane_of(where: str) -> str:
    """The lane a text belongs in: `stage/touchpoint.field[.key]`."""
    field, _, key = where.split(".", 1)[1].partition(".")
    return {"action": "actions", "owner": "owners", "emotion": "emotions", "lanes": key.split(".")[0],
            "name": "touchpoints", "channel": "touchpoints", "duration": "touchpoints",
            "notes": "touchpoints"}.get(field, field)


def author_texts(journey: Journey) -> list[tuple[str, str]]:
    """(where, text) of every text the author wrote on a touchpoint, as the
    normalised JSON holds it, in the words every output uses."""
    view = Presentation(journey)
    data = journey.model_dump(mode="json")
    found: list[tuple[str, str]] = []
    for stage, (_, tp) in zip([s for s in data["stages"] for _ in s["touchpoints"]],
                              journey.all_touchpoints(), strict=True):
        raw = next(t for t in stage["touchpoints"] if t["id"] == tp.id)
        where = f"{stage['id']}/{raw['id']}"
        found += [(f"{where}.{key}", raw[key]) for key in PLAIN_TEXTS if raw.get(key)]
        found += [(f"{where}.{key}", value) for key in TEXT_LISTS for value in raw[key]]
        found += [(f"{where}.lanes.{lane}", value) for lane, value in raw["lanes"].items()]
        found += [(f"{where}.channel", view.channel_name(channel)) for channel in tp.channels]
        for name, metric in tp.metrics.items():
            shown = view.metric(name, metric)
            found += [(f"{where}.metrics.{name}", text) for text in
                      (name, shown.value, shown.target, metric.unit, shown.verdict) if text]
        for evidence in tp.evidence:
            shown = view.evidence(evidence)
            found += [(f"{where}.evidence", text) for text in (shown.quote, shown.source, shown.level_word)
                      if text]
        for pid, value in view.emotions(tp):
            if value is not None:
                found.append((f"{where}.emotion.{pid}", signed(value)))
    return [(where, text) for where, text in found if squeezed(text)]


def missing(journey: Journey) -> list[tuple[str, str]]:
    text = drawn_text(render_svg(journey, RenderOptions()))
    return [(where, value) for where, value in author_texts(journey) if squeezed(value) not in text]


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_every_text_of_every_example_is_drawn_or_its_hiding_reported(path):
    """A map that names its lanes may leave some out: what they hold is then
    reported (`hidden-lane`), never dropped silently."""
    journey = journeymap.load(path)
    assert author_texts(journey), "the example has texts to look for"
    hidden = {lane for lane, _ in hidden_lanes(journey, Presentation(journey).shown_lanes)}
    assert [(where, text) for where, text in missing(journey) if lane_of(where) not in hidden] == []
    if follows_content(journey):
        assert missing(journey) == []


@settings(max_examples=40, deadline=None)
@given(journeys())
def test_every_text_of_any_map_is_drawn(data):
    journey = normalise(Journey.model_validate(data))
    assert follows_content(journey)
    assert missing(journey) == []


def test_the_check_finds_a_text_that_is_not_drawn():
    journey = journeymap.load(example_paths()[0])
    document = render_svg(journey, RenderOptions(lanes=("touchpoints",)))
    text = drawn_text(document)
    assert [value for _, value in author_texts(journey) if squeezed(value) not in text]


def test_several_channels_a_planned_metric_and_a_persona_description_are_drawn():
    journey = journeymap.loads(
        "title: T\npersona: {name: Pat, description: Runs a corner shop}\nstages:\n  - name: S\n"
        "    touchpoints:\n      - {name: A, channel: [email, phone], metrics: {nps: {target: 40}}}\n")
    text = drawn_text(render_svg(journey, RenderOptions()))
    assert missing(journey) == []
    for word in ("Email", "Phone", "nps:—", "40", "Runscornershop"[:4]):
        assert squeezed(word) in text, word
