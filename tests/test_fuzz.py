"""Fuzzing in CI, for a bounded time: random bytes into the loader and random
valid maps through every renderer that needs no outside program. Nothing may
raise; every output is read back by a real parser.

The time is bounded by the number of examples (kept small so the suite stays
fast); hypothesis's database remembers failures between local runs.
"""

import json
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.model import Journey
from journeymap.normalise import normalise
from journeymap.renderers import RenderOptions
from journeymap.renderers.registry import load
from journeymap.validation import validate_bytes
from strategies import journeys

YAML_PIECES = ["journeymap: 1\n", "title: x\n", "stages:\n", "  - name: s\n", "    touchpoints:\n",
               "      - name: t\n", "        emotion: ", "2\n", ".nan\n", "1e999\n", "&a [*a, *a]\n",
               "!!binary x\n", "- ", ": ", "? ", "{", "}", "[", "]", "'", '"', "\t", "\r", "\r\n",
               "\n", "#", "%YAML 1.1\n", "---\n", "...\n", "\ufeff", "\u2028", "\x85", "\x00",
               "中文", "\U0010ffff", "\ufdd0", "\\", "|\n", ">-\n", "    ", "<<: *a\n"]

yaml_like = st.lists(st.sampled_from(YAML_PIECES), max_size=40).map(lambda parts: "".join(parts))


def _lines(raw: bytes) -> int:
    text = raw.decode("utf-8", "replace")
    return max(1, len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")))


def _check_loader(raw: bytes) -> None:
    result = validate_bytes(raw, "fuzz.yaml")
    for d in result.diagnostics:
        assert d.code != "internal-error", d
        assert 1 <= d.line <= _lines(raw) and d.column >= 1, (d, raw)
    assert result.journey is not None or any(d.is_error for d in result.diagnostics)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_break_the_loader(raw):
    _check_loader(raw)


@settings(max_examples=150, deadline=None)
@given(yaml_like)
def test_random_yaml_shaped_text_never_breaks_the_loader(text):
    _check_loader(text.encode("utf-8", "surrogatepass"))


def _svg_text(root: ET.Element) -> str:
    return " ".join(" ".join(node.itertext()) for node in root.iter() if node.tag.endswith("}text"))


SVG_TAGS = {"svg", "title", "desc", "defs", "style", "g", "rect", "path", "line", "circle", "text",
            "tspan", "polygon", "polyline", "ellipse", "clipPath", "use", "symbol", "marker",
            "linearGradient", "stop", "pattern"}


@settings(max_examples=40, deadline=None)
@given(journeys(), st.sampled_from(["light", "dark", "print"]))
def test_every_renderer_takes_any_valid_map_and_its_output_parses(data, theme):
    journey = normalise(Journey.model_validate(data))
    options = RenderOptions(theme=theme)
    for fmt in ("svg", "html", "md", "mmd", "json", "dot"):
        output = bytes(load(fmt).render(journey, options, fmt))
        text = output.decode("utf-8")
        if fmt == "svg":
            root = ET.fromstring(output)
            tags = {node.tag.rsplit("}", 1)[-1] for node in root.iter()}
            assert tags <= SVG_TAGS, tags - SVG_TAGS  # user text never became an element
            assert not any(k.startswith("on") for node in root.iter() for k in node.attrib)
        elif fmt == "json":
            json.loads(text, parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)))
        elif fmt == "html":
            assert text.lower().count("<script") == 1  # our controls' script only: user text stays text


def _squeezed(text: str) -> str:
    return "".join(text.split())


svg_text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"),
                                 blacklist_characters="\ufeff\u2028\u2029\x85"), min_size=1, max_size=40)
markup = st.sampled_from(["<script>x</script>", "]]>", "&amp;", "<!--", "&#0;", "<![CDATA[", '"\'', "\\N"])


@settings(max_examples=60, deadline=None)
@given(st.one_of(svg_text, markup, st.tuples(svg_text, markup).map("".join)), svg_text)
def test_the_svg_holds_exactly_the_user_text_and_no_structure_from_it(title, name):
    journey = normalise(Journey.model_validate(
        {"title": title, "stages": [{"name": "S", "touchpoints": [{"name": name, "pains": [title]}]}]}))
    root = ET.fromstring(bytes(load("svg").render(journey, RenderOptions(), "svg")))
    title_element = next(node for node in root if node.tag.endswith("}title"))
    assert title_element.text == journey.title  # the accessible name is the title, exactly
    drawn = _squeezed(_svg_text(root))
    assert _squeezed(journey.title) in drawn and _squeezed(journey.stages[0].touchpoints[0].name) in drawn
    tags = {node.tag.rsplit("}", 1)[-1] for node in root.iter()}
    assert tags <= SVG_TAGS
