"""The presentation: one meaning of a touchpoint's emotion, metrics and
evidence for every output, personas always in the map's order; and the
typed render options every renderer reads."""

import dataclasses
import subprocess
import sys

import pytest

import journeymap
from conftest import EXAMPLES
from journeymap.analysis.diff import previous_emotions
from journeymap.analysis.stats import stats
from journeymap.errors import EnvironmentProblem
from journeymap.layout.page import layout
from journeymap.model import Evidence, Metric
from journeymap.presentation import Presentation
from journeymap.presentation.emotions import (
    curve,
    curve_personas,
    emotion_for,
    face,
    previous_emotion,
    touchpoint_emotions,
)
from journeymap.presentation.personas import PERSONA_COLOURS, named_participants, persona_colours
from journeymap.presentation.texts import chosen_lanes, quoted
from journeymap.renderers import FlowOptions, RenderError, RenderOptions
from journeymap.renderers.registry import load

# Emotions given in an order other than the personas', a single value for
# some personas only, and a touchpoint with none: the cases where the
# renderers used to disagree.
MAP = """\
journeymap: 1
title: Persona order
personas:
  - {id: ann, name: Ann, color: "#123456"}
  - {id: bob, name: Bob}
  - {id: cy, name: Cy}
channels:
  - {id: kiosk, icon: kiosk}
sources:
  - {id: study, title: "  "}
stages:
  - name: One
    touchpoints:
      - id: a
        name: First
        channel: kiosk
        key: true
        emotion: {cy: 2, ann: -1}
        metrics: {nps: {value: 3, target: 5, unit: pts}, wait: {value: 4, target: 5, better: lower}}
        evidence: [{source: study, quote: "   ", level: observed}]
      - {id: b, name: Second, personas: [bob], emotion: 2}
      - {id: c, name: Third, personas: [cy, ann], emotion: 0}
  - name: Two
    touchpoints:
      - {id: d, name: Fourth}
"""


@pytest.fixture(scope="module")
def journey():
    return journeymap.loads(MAP)


def touchpoint(journey, tp_id):
    return next(tp for _, tp in journey.all_touchpoints() if tp.id == tp_id)


def drawn_texts(journey, lanes, role):
    """The texts of one role in the swimlane, each joined from its lines."""
    drawing = layout(Presentation(journey, lanes=lanes))
    return [" ".join(block.lines) for block in drawing.text_blocks() if block.role == role]


def render(journey, fmt, **options):
    return load(fmt).render(journey, RenderOptions(**options), fmt).decode("utf-8")


# One meaning ------------------------------------------------------------------------------

def test_a_mapping_gives_each_persona_its_own_value_and_none_for_everyone(journey):
    first = touchpoint(journey, "a")
    assert [emotion_for(first, p) for p in ("ann", "bob", "cy", None)] == [-1, None, 2, None]


def test_a_single_value_belongs_to_the_personas_taking_part_and_to_everyone(journey):
    second = touchpoint(journey, "b")
    assert [emotion_for(second, p) for p in ("ann", "bob", "cy", None)] == [None, 2, None, 2]


def test_a_touchpoints_emotions_come_in_the_maps_persona_order(journey):
    assert touchpoint_emotions(journey, touchpoint(journey, "a")) == [("ann", -1), ("cy", 2)]
    assert touchpoint_emotions(journey, touchpoint(journey, "b")) == [(None, 2)]
    assert touchpoint_emotions(journey, touchpoint(journey, "d")) == [(None, None)]


def test_chosen_personas_keep_only_their_values_a_single_value_included(journey):
    assert touchpoint_emotions(journey, touchpoint(journey, "a"), {"cy"}) == [("cy", 2)]
    assert touchpoint_emotions(journey, touchpoint(journey, "b"), {"cy"}) == [(None, None)]
    assert touchpoint_emotions(journey, touchpoint(journey, "c"), {"cy"}) == [(None, 0)]


def test_curves_are_one_per_persona_in_order_once_any_emotion_is_per_persona(journey):
    assert curve_personas(journey) == ("ann", "bob", "cy")
    assert [(tp.id, value) for _, tp, value in curve(journey, "ann")] == [("a", -1), ("c", 0)]
    single = journeymap.load(EXAMPLES / "family-flight-booking.yaml")
    assert curve_personas(single) == (None,)


def test_stats_and_the_swimlane_draw_the_same_curves(journey):
    found = {entry["persona"]: entry["points"] for entry in stats(journey, "m")["emotion"]}
    assert found == {"ann": 2, "bob": 1, "cy": 2}


def test_the_previous_version_falls_back_to_the_value_it_gave_everyone():
    previous = {"a": {"": 1, "bob": -2}}
    assert previous_emotion(previous, "a", "bob") == -2
    assert previous_emotion(previous, "a", "ann") == 1
    assert previous_emotion(previous, "z", "ann") is None and previous_emotion(None, "a", None) is None


def test_faces_follow_the_position_on_any_scale(journey):
    scale = journey.scale
    assert [face(v, scale) for v in (-2, -1, 0, 1, 2)] == ["😫", "🙁", "😐", "🙂", "😄"]
    assert face(None, scale) == ""


# Every output says the same ------------------------------------------------------------------

def test_every_output_lists_per_persona_emotions_in_the_maps_persona_order(journey):
    html = render(journey, "html")
    markdown = render(journey, "md")
    dot = render(journey, "dot")
    mermaid = render(journey, "mmd")
    assert html.index("Ann <span") < html.index("Cy <span")
    assert "**First:** Ann 🙁 −1, Cy 😄 +2" in markdown
    assert dot.index(">Ann −1</font>") < dot.index(">Cy +2</font>")
    assert mermaid.index("First: 2: Ann") < mermaid.index("First: 5: Cy")
    assert list(stats(journey, "m")["key_touchpoints"][0]["emotion"]) == ["ann", "cy"]


def test_who_takes_part_is_named_in_the_maps_persona_order(journey):
    third = touchpoint(journey, "c")
    assert [p.id for p in named_participants(journey, third)] == ["ann", "cy"]
    assert "**Third** (Ann, Cy)" in render(journey, "md")
    assert "Third: 3: Ann, Cy" in render(journey, "mmd")
    assert ">Ann, Cy<" in render(journey, "dot")
    svg = render(journey, "svg")
    assert svg.index(">Ann</tspan>", svg.index(">Third<")) < svg.index(">Cy</tspan>", svg.index(">Third<"))


def test_only_the_chosen_personas_values_colour_the_flow(journey):
    dot = render(journey, "dot", flow=FlowOptions(personas=("cy",)))
    second = next(line for line in dot.splitlines() if line.strip().startswith('"tp:b"'))
    assert "no emotion recorded" in second and "dotted" in second


def test_persona_colours_are_their_own_else_ours_in_order(journey):
    assert persona_colours(journey) == {"ann": "#123456", "bob": PERSONA_COLOURS[1], "cy": PERSONA_COLOURS[2]}


# Texts --------------------------------------------------------------------------------------

def test_a_metric_reads_the_same_everywhere(journey):
    view = Presentation(journey)
    nps = view.metric("nps", Metric(value=3.25, target=5, unit="pts"))
    assert (nps.figure, nps.goal, nps.met, nps.mark) == ("3.25 pts", "≥ 5 pts", False, "✗")
    assert nps.sentence == "nps: 3.25 pts (target ≥ 5 pts, ✗ missed)"
    wait = view.metric("wait", Metric(value=4, target=5, better="lower"))
    assert (wait.goal, wait.verdict) == ("≤ 5", "met")
    plain = view.metric("visits", Metric(value=1e-7))
    assert (plain.figure, plain.goal, plain.mark, plain.verdict) == ("1e-07", None, "", None)
    lanes = ("touchpoints", "metrics")
    assert "nps: 3 pts (target ≥ 5 pts, ✗ missed)" in render(journey, "md", lanes=lanes)
    assert "nps: 3 pts (target ≥ 5 pts: missed)" in drawn_texts(journey, lanes, "metric")
    assert "<td>3 pts</td><td>target ≥ 5 pts</td>" in render(journey, "html")


def test_evidence_without_a_quote_or_title_shows_the_source_id(journey):
    shown = Presentation(journey).evidence(Evidence(source="study", quote="  ", level="observed"))
    assert (shown.quote, shown.source, shown.level_word) == (None, "study", "observed")
    assert "**First:** — study (observed)" in render(journey, "md", lanes=("evidence",))
    assert drawn_texts(journey, ("evidence",), "evidence") == ["— study (observed)"]


def test_a_quotation_that_brings_its_own_marks_is_not_quoted_twice():
    assert quoted("hello") == "“hello”"
    assert quoted("“hello”") == "“hello”" and quoted("«salut»") == "«salut»"


def test_words_follow_the_chosen_locale(journey):
    view = Presentation(journey, "de")
    assert view.word("legend") != Presentation(journey).word("legend")
    assert view.lane_title("pains") == view.words["lane.pains"]


# Typed options --------------------------------------------------------------------------------

def test_render_options_are_typed_frozen_and_default_to_the_maps_own(journey):
    options = RenderOptions()
    assert options.flow == FlowOptions(direction="LR", personas=None, edge_labels=False)
    assert options.previous is None and options.locale_for(journey) == journey.locale
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.theme = "dark"  # type: ignore[misc]
    assert chosen_lanes(journey, ("pains", "nonsense", "touchpoints")) == ["pains", "touchpoints"]
    assert RenderOptions(lanes=("pains",)).lanes_for(journey) == ["pains"]


def test_compare_draws_the_previous_curve_from_typed_options():
    current = journeymap.load(EXAMPLES / "family-flight-booking.yaml")
    future = journeymap.load(EXAMPLES / "family-flight-booking-future.yaml")
    plain = render(future, "svg")
    compared = render(future, "svg", previous=previous_emotions(current, future))
    assert 'stroke-dasharray="5 4"' in compared and 'stroke-dasharray="5 4"' not in plain


def test_a_missing_dot_program_is_an_environment_problem(monkeypatch, journey):
    from journeymap.renderers import dot_program

    monkeypatch.setattr(dot_program.shutil, "which", lambda name: None)
    with pytest.raises(EnvironmentProblem, match="apt-get install graphviz") as caught:
        load("flow.svg").render(journey, RenderOptions(), "flow.svg")
    assert not isinstance(caught.value, RenderError)


def test_the_graphviz_python_package_is_never_imported():
    code = ("import sys, journeymap\n"
            "from journeymap.renderers import RenderOptions\n"
            "from journeymap.renderers.registry import load\n"
            "j = journeymap.load(sys.argv[1])\n"
            "load('dot').render(j, RenderOptions(), 'dot')\n"
            "print('graphviz' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code, str(EXAMPLES / "gym-membership.it.yaml")],
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stderr
