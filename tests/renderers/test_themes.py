"""The themes as people see them: WCAG contrast of every text and mark, the
emotion levels and persona colours apart for every colour vision (Machado
2009 + CIEDE2000), print that reads in grey, and `auto`'s dark repaint."""

import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from colour_science import VISIONS, ciede2000, contrast, distance, grey_lightness, simulate

import journeymap
from conftest import EXAMPLES
from journeymap.renderers import THEMES, RenderOptions
from journeymap.renderers.dot_source import build_dot
from journeymap.renderers.swimlane import render_svg
from journeymap.renderers.theme import AUTO_DARK, DARK, LIGHT, auto_style, theme

SVG = "{http://www.w3.org/2000/svg}"
MARKS = ("curve", "met", "missed", "accent", "edge", "back_edge")
MANY_PERSONAS = EXAMPLES / "bank-account-opening.yaml"  # a curve for each of three personas


def grounds(palette):
    """What text and marks sit on: the page, the cells, the bands."""
    return (palette.background, palette.panel, palette.panel_alt)


def test_colour_science_matches_published_values():
    # Sharma, Wu & Dalal (2005), pairs 1, 2 and 7 of their CIEDE2000 test data
    assert ciede2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert ciede2000((50, 3.1571, -77.2803), (50, 0, -82.7485)) == pytest.approx(2.8615, abs=1e-4)
    assert ciede2000((50, 0, 0), (50, -1, 2)) == pytest.approx(2.3669, abs=1e-4)
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    # Machado's matrices keep greys grey, and make red and green alike for a deuteranope.
    assert simulate("#777777", "deuteranopia") == pytest.approx((0x77 / 255,) * 3, abs=0.01)
    assert distance("#d62728", "#2ca02c", "deuteranopia") < distance("#d62728", "#2ca02c") / 2


def test_every_theme_is_offered():
    assert set(THEMES) == {"light", "dark", "print", "auto"}


@pytest.mark.parametrize("name", THEMES)
def test_text_reads_at_4_5_to_1_and_marks_at_3_to_1(name):
    palette = theme(name)
    for ground in grounds(palette):
        for ink in (palette.text, palette.muted):
            assert contrast(ink, ground) >= 4.5, (ink, ground)
        for ink in [getattr(palette, mark) for mark in MARKS] + list(palette.personas):
            assert contrast(ink, ground) >= 3, (ink, ground)
    for fill, ink in zip(palette.emotions, palette.emotion_text, strict=True):
        assert contrast(ink, fill) >= 4.5, (ink, fill)


@pytest.mark.parametrize("name", THEMES)
def test_emotion_levels_and_personas_stay_apart_for_every_colour_vision(name):
    palette = theme(name)
    for colours in (palette.emotions, palette.personas):
        for vision in VISIONS:
            for a, b in itertools.combinations(colours, 2):
                assert distance(a, b, vision) >= 10, (vision, a, b)


def test_print_emotions_differ_in_grey():
    greys = sorted(grey_lightness(colour) for colour in theme("print").emotions)
    assert all(b - a >= 10 for a, b in zip(greys, greys[1:], strict=False)), greys


@pytest.mark.parametrize("name", ["light", "dark", "print"])
def test_the_drawn_texts_read_on_the_page(name):
    """Every text colour the swimlane writes, against every ground."""
    palette = theme(name)
    root = ET.fromstring(render_svg(journeymap.load(MANY_PERSONAS), RenderOptions(theme=name)))
    inks = {text.get("fill") for text in root.iter(f"{SVG}text")}
    assert inks
    for ink in inks:
        for ground in grounds(palette):
            assert contrast(ink, ground) >= 4.5, (ink, ground)


@pytest.mark.parametrize("name", ["light", "dark", "print"])
def test_flow_nodes_read(name):
    """Each node's label colour on its fill, in the DOT source."""
    source = build_dot(journeymap.load(MANY_PERSONAS), RenderOptions(theme=name))
    pairs = re.findall(r'fillcolor="(#[0-9a-f]{6})",\s*fontcolor="(#[0-9a-f]{6})"', source)
    assert pairs
    for fill, ink in pairs:
        assert contrast(ink, fill) >= 4.5, (ink, fill)


def test_persona_curves_have_their_own_dash_and_marker():
    root = ET.fromstring(render_svg(journeymap.load(MANY_PERSONAS), RenderOptions(theme="print")))
    curves = root.find(f".//{SVG}g[@id='{root.get('id')[:-4]}-lane-emotions']")
    assert curves is not None
    strokes = {(p.get("stroke"), p.get("stroke-dasharray")) for p in curves.iter(f"{SVG}path")
               if p.get("fill") == "none" and float(p.get("stroke-width", 0)) >= 2.5}
    dashes = [dash for _, dash in strokes]
    assert len(strokes) >= 2 and len(set(dashes)) == len(dashes), strokes
    legend = root.find(f".//{SVG}g[@id='{root.get('id')[:-4]}-legend']")
    corners = {polygon.get("points").count(" ") + 1 for polygon in legend.iter(f"{SVG}polygon")}
    assert {3, 4} <= corners  # the second persona's square, the third's triangle
    assert any(line.get("stroke-dasharray") for line in legend.iter(f"{SVG}line"))


def test_auto_is_light_that_turns_dark():
    """`auto` draws in (nudged) light colours; its CSS repaints each in the dark one."""
    assert set(AUTO_DARK.values()) >= {DARK.background, DARK.text, *DARK.emotions, *DARK.personas}
    auto = theme("auto")
    for light_colour, auto_colour in zip(grounds(LIGHT) + (LIGHT.text,), grounds(auto) + (auto.text,),
                                         strict=True):
        assert distance(light_colour, auto_colour) < 1
    css = auto_style("jm-x-map")
    assert "@media (prefers-color-scheme: dark)" in css and "url(" not in css and "@import" not in css
    assert f'[fill="{auto.background}"]' in css
