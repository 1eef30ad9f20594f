"""The swimlane SVG, its PNG, PDF and HTML: golden files in every theme, an
XML parser and a real browser reading the result, and property tests of the
layout."""

import html.parser
import os
import re
import xml.etree.ElementTree as ET
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import journeymap
from browser import find_chromium, measure
from conftest import EXAMPLES, TESTS, example_paths, run_cli
from goldens import compare_golden
from journeymap import builtins
from journeymap.layout.geometry import fits, overlap
from journeymap.layout.page import layout
from journeymap.layout.wrap import HYPHEN
from journeymap.model import Journey
from journeymap.normalise import normalise
from journeymap.presentation import Presentation
from journeymap.renderers import RenderOptions
from journeymap.renderers.icons import ICON_PATHS
from journeymap.renderers.registry import load
from journeymap.renderers.swimlane import prefix_for, render_svg
from strategies import journeys

HERE = TESTS  # the tests folder, where the shared fixtures live
HOSTILE = HERE / "hostile.yaml"
LONG = HERE / "longwords.yaml"
SVG = "{http://www.w3.org/2000/svg}"
THEMES = ("light", "dark", "print", "auto")
ALL_MAPS = example_paths() + [HOSTILE, LONG]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("path", example_paths() + [HOSTILE], ids=lambda p: p.stem)
def test_svg_golden_files(path, theme, update_goldens):
    journey = journeymap.load(path)
    data = render_svg(journey, RenderOptions(theme=theme)).encode("utf-8")
    compare_golden(HERE / "goldens" / "svg" / f"{path.stem}.{theme}.svg", journey, "svg", data, update_goldens)


@pytest.mark.parametrize("path", ALL_MAPS, ids=lambda p: p.stem)
def test_svg_is_well_formed_accessible_and_inert(path):
    journey = journeymap.load(path)
    document = render_svg(journey, RenderOptions())
    root = ET.fromstring(document)
    assert root.tag == f"{SVG}svg" and root.get("role") == "graphics-document"
    prefix = prefix_for(journey)
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert ids and all(i.startswith(prefix + "-") for i in ids) and len(ids) == len(set(ids))
    assert root.get("aria-labelledby") == f"{prefix}-title"
    assert root.get("aria-describedby") == f"{prefix}-desc"
    assert root.find(f"{SVG}title").text == journey.title
    for element in root.iter():
        tag = element.tag.split("}")[1]
        assert tag not in ("script", "foreignObject", "image", "a", "use", "style", "iframe"), tag
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), name
            assert "href" not in name.lower(), name
            assert not value.lower().lstrip().startswith(("javascript:", "data:")), (name, value)
            assert name != "style" and not ("url(" in value and name != "aria-label"), (name, value)
    # Text is real text: every touchpoint's name can be found (wrapped lines joined, the
    # hyphens of forced breaks taken out).
    text = re.sub(r"\s+", "", "".join("".join(t.itertext()) for t in root.iter(f"{SVG}text")))
    text = text.replace(HYPHEN, "")
    for _, tp in journey.all_touchpoints():
        assert re.sub(r"\s+", "", tp.name) in text, tp.name


def test_reading_order_follows_the_map():
    journey = journeymap.load(EXAMPLES / "family-flight-booking.yaml")
    root = ET.fromstring(render_svg(journey, RenderOptions()))
    prefix = prefix_for(journey)
    order = [g.get("id")[len(prefix) + 1:] for g in root if g.get("id")]
    assert order[:2] == ["title", "desc"]
    assert order[2:] == ["header", "personas", "grid", "legend"]


def test_built_in_words_follow_the_locale():
    for path, words in (("smartwatch-purchase.zh.yaml", ("情绪", "痛点", "图例")),
                        ("heart-rate-app-day.ru.yaml", ("Эмоции", "Легенда")),
                        ("gym-membership.it.yaml", ("Emozioni", "Legenda")),
                        ("saas-onboarding.hu.yaml", ("Érzelmek", "Jelmagyarázat"))):
        document = render_svg(journeymap.load(EXAMPLES / path), RenderOptions())
        for word in words:
            assert f">{word}<" in document, (path, word)
    english = render_svg(journeymap.load(EXAMPLES / "smartwatch-purchase.zh.yaml"), RenderOptions(locale="en"))
    assert ">Emotions<" in english


def test_one_curve_per_persona_and_a_face_per_emotion():
    journey = journeymap.load(EXAMPLES / "gym-membership.it.yaml")
    root = ET.fromstring(render_svg(journey, RenderOptions()))
    lane = next(g for g in root.iter(f"{SVG}g") if g.get("id", "").endswith("-lane-emotions"))
    colours = {p.get("stroke") for p in lane.iter(f"{SVG}path") if p.get("stroke-width") == "2.5"}
    assert colours == {"#d35400", "#2c3e50"}
    faces = [g for g in lane.iter(f"{SVG}g") if len(g.findall(f"{SVG}circle")) == 3]
    assert len(faces) == sum(len(tp.emotion) for _, tp in journey.all_touchpoints())


def test_blueprint_lines_are_drawn_and_labelled():
    document = render_svg(journeymap.load(EXAMPLES / "hotel-check-in-blueprint.yaml"), RenderOptions())
    for label in ("Line of interaction", "Line of visibility", "Line of internal interaction"):
        assert f">{label}<" in document
    assert document.count('stroke-dasharray="6 4"') == 3


def test_every_built_in_icon_is_drawn():
    assert set(builtins.ICONS) == set(ICON_PATHS)


# A real browser --------------------------------------------------------------------------

CHROMIUM = find_chromium()


@pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                    reason="Chromium is not installed (CI installs it)")
def test_in_a_real_browser_no_text_overlaps_or_leaves_its_box():
    """All maps inlined in one page, measured in one browser start."""
    svgs = {path.stem: render_svg(journeymap.load(path), RenderOptions()) for path in ALL_MAPS}
    from journeymap.analysis.diff import previous_emotions

    current = journeymap.load(EXAMPLES / "family-flight-booking.yaml")
    future = journeymap.load(EXAMPLES / "family-flight-booking-future.yaml")
    # the same map as one of the others, drawn with --compare: its ids repeat, like the dark copy's
    svgs["future-compared"] = render_svg(future, RenderOptions(
        previous=previous_emotions(current, future), lanes=("touchpoints", "emotions")))
    svgs["gym-membership.it.dark"] = render_svg(
        journeymap.load(EXAMPLES / "gym-membership.it.yaml"),
        RenderOptions(theme="dark", locale="ru"))
    result = measure(svgs, CHROMIUM or "chromium")
    # Different maps inline side by side without id collisions (two copies repeat a map on purpose).
    repeated = (prefix_for(journeymap.load(EXAMPLES / "gym-membership.it.yaml")), prefix_for(future))
    assert result["duplicateIds"] and all(i.startswith(repeated) for i in result["duplicateIds"])
    assert len(result["maps"]) == len(svgs)
    for found in result["maps"]:
        assert found["texts"] > 10, found
        assert found["count"] == 0, (found["name"], found["problems"])


# The layout alone ----------------------------------------------------------------------

long_text = st.text(st.sampled_from(list("abcdefghij WWW---中文字日本語한국어ЖЩЫ👪é\u0301/_")), max_size=120)


@settings(max_examples=60, deadline=None)
@given(journeys(), long_text, st.sampled_from(list(builtins.MAP_TYPES)))
def test_layout_boxes_never_overlap_and_every_line_fits(data, extra, map_type):
    data = dict(data, type=map_type)
    for stage in data["stages"]:
        stage["goal"] = extra
        for tp in stage["touchpoints"]:
            tp["action"] = extra
            tp["backstage"] = [extra]
    journey = normalise(Journey.model_validate(data))
    drawing = layout(Presentation(journey, "en"))
    blocks = drawing.text_blocks()
    for block in blocks:
        assert fits(block), (block.role, block.lines, block.w)
        assert block.x >= 0 and block.x + block.w <= drawing.width + 0.01
        assert block.y >= 0 and block.y + block.h <= drawing.height + 0.01
    for i, a in enumerate(blocks):
        for b in blocks[i + 1:]:
            assert not overlap(a, b), (a.role, a.lines, b.role, b.lines)


# PNG, PDF and HTML -----------------------------------------------------------------------

def test_png_and_pdf_through_the_cli(tmp_path):
    paths = [EXAMPLES / "smartwatch-purchase.zh.yaml", EXAMPLES / "family-flight-booking.yaml"]
    first = run_cli("render", *paths, "-f", "png", "-f", "pdf", "-f", "svg", "-o", tmp_path / "a")
    second = run_cli("render", *paths, "-f", "png", "-f", "pdf", "-o", tmp_path / "b",
                     env={"PYTHONHASHSEED": "77", "TZ": "America/Lima"})
    assert first.returncode == 0 and second.returncode == 0, first.stderr
    for stem in ("smartwatch-purchase.zh", "family-flight-booking"):
        png = (tmp_path / "a" / f"{stem}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width = int.from_bytes(png[16:20], "big")
        svg_width = float(ET.parse(tmp_path / "a" / f"{stem}.svg").getroot().get("width"))
        assert abs(width - 2 * svg_width) <= 2
        pdf = (tmp_path / "a" / f"{stem}.pdf").read_bytes()
        assert pdf[:5] == b"%PDF-"
        for kind in ("png", "pdf"):  # the same bytes, however and whenever made
            assert (tmp_path / "a" / f"{stem}.{kind}").read_bytes() == \
                (tmp_path / "b" / f"{stem}.{kind}").read_bytes()
    # Chinese text is drawn with a real CJK font, not as empty boxes
    assert b"NotoSansCJK" in (tmp_path / "a" / "smartwatch-purchase.zh.pdf").read_bytes()
    assert b"warning" not in first.stderr, first.stderr


class _PageReader(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("path", example_paths() + [HOSTILE], ids=lambda p: p.stem)
def test_html_page_is_self_contained_and_complete(path):
    journey = journeymap.load(path)
    page = load("html").render(journey, RenderOptions(), "html").decode("utf-8")
    reader = _PageReader()
    reader.feed(page)
    tags = [t for t, _ in reader.tags]
    assert "link" not in tags and "iframe" not in tags and "img" not in tags
    # one script, the controls' own: no user text ever reaches it
    assert tags.count("script") == 1
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    assert script == (resources.files("journeymap") / "templates" / "page.js").read_text("utf-8")
    assert tags.count("svg") == 1
    for tag, attrs in reader.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        assert "src" not in attrs
        if "href" in attrs:
            assert tag == "a" and (attrs["href"].startswith(("https://", "http://", "mailto:")) or (
                attrs.get("id") == "jm-text-alternative" and attrs["href"].endswith(".md")
                and "/" not in attrs["href"]))
    csp = [a for t, a in reader.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]
    text = "".join(reader.text)
    for _, tp in journey.all_touchpoints():
        assert tp.name in text
        for evidence in tp.evidence:
            assert not evidence.quote or evidence.quote in text
        for name in tp.metrics:
            assert name in text
    if path == HOSTILE:
        assert "<script>alert(1)</script>" in text  # shown as text ...
        outside_svg = page.split("<svg", 1)[0] + page.split("</svg>", 1)[1]
        assert outside_svg.count("<script>") == 1  # ... never as markup: the one script is ours
