"""The emotion curve is honest: a monotone cubic that passes through every
point and never leaves the range of two neighbours; a persona's curve joins
all of its own points, bridging (dashed) the touchpoints it has no value
for; with several personas each curve carries its name; the legend shows
the marks the map uses and no other."""

import re
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

import journeymap
from conftest import EXAMPLES
from journeymap.layout.curves import pieces, smooth_path
from journeymap.layout.emotion_curves import BRIDGE_DASH, persona_dash
from journeymap.renderers import RenderOptions
from journeymap.renderers.swimlane import prefix_for, render_svg
from journeymap.renderers.theme import LIGHT, persona_colour

SVG = "{http://www.w3.org/2000/svg}"
BANK = EXAMPLES / "bank-account-opening.yaml"


def bezier(piece, t):
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = piece
    u = 1 - t
    return (u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3,
            u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3)


rows = st.lists(st.integers(-5, 5), min_size=2, max_size=12)


@settings(max_examples=200, deadline=None)
@given(rows, st.lists(st.integers(1, 300), min_size=11, max_size=11))
def test_between_two_points_the_curve_stays_within_their_range(values, gaps):
    xs = [0.0]
    for gap in gaps[:len(values) - 1]:
        xs.append(xs[-1] + gap)
    points = [(x, 20.0 * v) for x, v in zip(xs, values, strict=True)]
    made = pieces(points)
    assert [p[0] for p in made] + [made[-1][3]] == points          # through every point
    for piece, (a, b) in zip(made, zip(points, points[1:], strict=False), strict=True):
        low, high = min(a[1], b[1]), max(a[1], b[1])
        for step in range(21):
            x, y = bezier(piece, step / 20)
            assert low - 1e-9 <= y <= high + 1e-9, (values, piece)
            assert a[0] - 1e-9 <= x <= b[0] + 1e-9


def test_a_flat_pair_stays_flat():
    """1, 3, 3, 1 once read as a bump between the two 3s (Catmull-Rom)."""
    path = smooth_path([(0, 10), (100, 30), (200, 30), (300, 10)])
    middle = path.split("C")[2]
    assert set(re.findall(r",(-?[\d.]+)", middle)) == {"30.0"}


def emotion_lane(document, journey):
    root = ET.fromstring(document)
    return next(g for g in root.iter(f"{SVG}g") if g.get("id") == f"{prefix_for(journey)}-lane-emotions")


def test_a_persona_curve_bridges_touchpoints_it_has_no_value_for():
    journey = journeymap.load(BANK)
    lane = emotion_lane(render_svg(journey, RenderOptions()), journey)
    tom = [p for p in lane.iter(f"{SVG}path") if p.get("stroke") == persona_colour("#cf222e", LIGHT)]
    # Tom scores the page, the form, then the card: a run in his own dash, a bridge, one more piece
    assert [p.get("stroke-dasharray") for p in tom] == [persona_dash(1), BRIDGE_DASH, persona_dash(1)]
    assert tom[0].get("d").startswith("M") and tom[1].get("d").count("C") == 1
    ends = [p.get("d").rsplit(" ", 1)[1] for p in tom]
    assert tom[1].get("d").startswith("M" + ends[0]) and tom[2].get("d").startswith("M" + ends[1])


def test_each_curve_is_named_at_its_end():
    journey = journeymap.load(BANK)
    lane = emotion_lane(render_svg(journey, RenderOptions()), journey)
    # in the text colour (a persona's colour may not read as text); the marker ties name and curve
    labels = {"".join(t.itertext()): t.get("fill") for t in lane.iter(f"{SVG}text")
              if t.get("font-weight") == "bold" and t.get("role") is None}
    names = {re.sub(r"\s", "", name): colour for name, colour in labels.items()}
    assert names == {"PriyaShah": LIGHT.text, "TomBecker": LIGHT.text, "AnaLima": LIGHT.text}
    assert len(list(lane.iter(f"{SVG}polygon"))) > 0  # the second and third personas' markers
    one = journeymap.load(EXAMPLES / "hotel-check-in-blueprint.yaml")
    lane = emotion_lane(render_svg(one, RenderOptions()), one)
    names = {persona.name for persona in one.personas}
    assert not [t for t in lane.iter(f"{SVG}text") if "".join(t.itertext()) in names]
    assert not list(lane.iter(f"{SVG}polygon"))


def legend_words(document, journey):
    root = ET.fromstring(document)
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("id") == f"{prefix_for(journey)}-legend")
    return ["".join(t.itertext()) for t in legend.iter(f"{SVG}text")]


def test_the_legend_shows_only_the_marks_the_map_uses():
    bank = journeymap.load(BANK)
    words = legend_words(render_svg(bank, RenderOptions()), bank)
    assert "met" in words and "missed" in words and "Key touchpoint" in words and "indirect" in words
    assert {"observed", "reported", "inferred", "hypothesis"} <= set(words)
    assert any(word.startswith("Dashed") for word in words)
    clinic = journeymap.load(EXAMPLES / "clinic-appointment.he.yaml")
    words = legend_words(render_svg(clinic, RenderOptions()), clinic)
    assert "met" not in words and "indirect" not in words and "inferred" not in words
    assert "missed" in words and "hypothesis" in words
    only = render_svg(bank, RenderOptions(lanes=("touchpoints", "actions")))
    words = legend_words(only, bank)
    assert not {"met", "missed", "observed", "+2", "−2"} & set(words)


def test_a_legend_entry_is_one_line():
    for path in sorted(EXAMPLES.glob("*.yaml")):
        journey = journeymap.load(path)
        root = ET.fromstring(render_svg(journey, RenderOptions()))
        legend = next(g for g in root.iter(f"{SVG}g") if g.get("id") == f"{prefix_for(journey)}-legend")
        for text in legend.iter(f"{SVG}text"):
            assert len([t for t in text if t.tag == f"{SVG}tspan"]) == 1, "".join(text.itertext())
