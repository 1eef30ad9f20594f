"""The swimlane as assistive technologies meet it: a graphics document named
by its title and described by a summary of the map, headings for stages and
lanes in the map's order, the map's language; and `auto` switching with the
reader's colour scheme in a real browser."""

import os
import re
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import journeymap
from browser import find_chromium
from conftest import EXAMPLES, example_paths
from journeymap.presentation import Presentation
from journeymap.presentation.numbers import signed
from journeymap.renderers import RenderOptions
from journeymap.renderers.swimlane import prefix_for, render_svg

SVG = "{http://www.w3.org/2000/svg}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_the_document_is_named_described_and_in_the_maps_language(path):
    journey = journeymap.load(path)
    root = ET.fromstring(render_svg(journey, RenderOptions()))
    prefix = prefix_for(journey)
    assert root.get("role") == "graphics-document"
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    assert by_id[root.get("aria-labelledby")].tag == f"{SVG}title"
    description = by_id[root.get("aria-describedby")]
    assert description.tag == f"{SVG}desc" and description.get("id") == f"{prefix}-desc"
    assert root.get("lang") == root.get(XML_LANG) == journey.locale
    text = description.text
    if journey.accessibility is not None and journey.accessibility.description:
        assert text == journey.accessibility.description
        return
    assert ".." not in text and text.endswith((".", "。", "!", "?"))
    for persona in journey.personas:
        assert persona.name in text
    assert str(len(journey.stages)) in text
    view = Presentation(journey, None, None, None)
    values = [(v, tp.name) for _, tp in journey.all_touchpoints() for pid, _ in view.curves
              if (v := view.emotion(tp, pid)) is not None]
    lowest, highest = min(values, key=lambda m: m[0]), max(values, key=lambda m: m[0])
    low, high = (re.search(re.escape(name) + r" ?[(（]" + re.escape(signed(value)), text)
                 for value, name in (lowest, highest))
    assert low and high and low.start() < high.start(), text


def test_stages_and_lanes_are_headings_in_the_maps_order():
    journey = journeymap.load(EXAMPLES / "hotel-check-in-blueprint.yaml")
    root = ET.fromstring(render_svg(journey, RenderOptions()))
    headings = [(t.get("aria-level"), "".join(t.itertext())) for t in root.iter(f"{SVG}text")
                if t.get("role") == "heading"]
    assert headings[0] == ("1", journey.title)
    stages = [name for level, name in headings if level == "2"]
    assert [s.replace(" ", "") for s in stages] == [s.name.replace(" ", "") for s in journey.stages]
    lanes = [name for level, name in headings if level == "3"]
    assert len(lanes) >= 3 and headings.index(("3", lanes[0])) > headings.index(("2", stages[-1]))
    groups = [g for g in root.iter(f"{SVG}g") if g.get("id", "").startswith(prefix_for(journey) + "-lane-")]
    assert groups and all(g.get("role") == "group" and g.get("aria-label") for g in groups)
    assert all(t.get("aria-hidden") == "true" for t in root.iter(f"{SVG}text")
               if t.get("role") is None and t.get("aria-level") is not None)


def test_the_description_never_doubles_a_full_stop():
    journey = journeymap.load(EXAMPLES / "family-flight-booking.yaml")
    assert journey.scenario and journey.scenario.rstrip().endswith(".")
    root = ET.fromstring(render_svg(journey, RenderOptions()))
    assert ".." not in root.find(f"{SVG}desc").text


def _painted_background(svg: str, chromium: str, scheme: int) -> str:
    """The computed fill of the page's background with the reader's colour
    scheme (Blink: 0 dark, 1 light)."""
    script = ("const p=document.createElement('pre');p.id='fill';"
              "p.textContent=getComputedStyle(document.querySelector('svg > rect')).fill;"
              "document.body.appendChild(p);")
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.html"
        page.write_text(f"<!DOCTYPE html><html><body>{svg}<script>{script}</script></body></html>", "utf-8")
        done = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             f"--user-data-dir={Path(folder) / 'profile'}", f"--blink-settings=preferredColorScheme={scheme}",
             "--dump-dom", page.as_uri()],
            capture_output=True, timeout=120, env={**os.environ, "LANG": "C.UTF-8"})
    dom = done.stdout.decode("utf-8", "replace")
    start = dom.index('<pre id="fill">') + len('<pre id="fill">')
    return dom[start:dom.index("</pre>", start)]


def test_auto_follows_the_readers_colour_scheme_in_a_browser():
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("no Chromium on this machine")
    svg = render_svg(journeymap.load(EXAMPLES / "bank-account-opening.yaml"), RenderOptions(theme="auto"))
    assert _painted_background(svg, chromium, 1) == "rgb(255, 255, 255)"
    assert _painted_background(svg, chromium, 0) == "rgb(13, 17, 23)"  # the dark theme's #0d1117


def test_auto_pictures_are_light():
    journey = journeymap.load(EXAMPLES / "bank-account-opening.yaml")
    assert "<style>" in render_svg(journey, RenderOptions(theme="auto"))
    from journeymap.renderers.swimlane import SwimlaneRenderer, svg_bytes

    assert svg_bytes(journey, RenderOptions(theme="light")) != svg_bytes(journey, RenderOptions(theme="auto"))
    assert SwimlaneRenderer  # the raster path swaps auto for light before drawing (see render())
