"""Every script set right: Hebrew and Arabic run right to left from the
right side of their box, a text in another script than the map's says its
language, a word forced across lines is hyphenated, and no Chinese
character stands alone on a last line."""

import xml.etree.ElementTree as ET

import journeymap
from conftest import EXAMPLES
from journeymap.layout.fonts import text_width
from journeymap.layout.geometry import text_block
from journeymap.layout.styles import BODY
from journeymap.layout.wrap import HYPHEN, graphemes, is_wide, wrap
from journeymap.renderers import RenderOptions
from journeymap.renderers.swimlane import render_svg

SVG = "{http://www.w3.org/2000/svg}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CLINIC = EXAMPLES / "clinic-appointment.he.yaml"


def width(text):
    return text_width(text, 12)


def test_hebrew_runs_right_to_left_from_the_right_of_its_box():
    root = ET.fromstring(render_svg(journeymap.load(CLINIC), RenderOptions()))
    assert root.get(XML_LANG) == "he"
    boxes = [g for g in root.iter(f"{SVG}g") if g.get("class") == "jm-box"]
    hebrew = english = 0
    for box in boxes:
        rect, text = box.find(f"{SVG}rect"), box.find(f"{SVG}text")
        if text is None or text.get("text-anchor") == "middle":
            continue
        content = "".join(text.itertext())
        first = next(t for t in text if t.tag == f"{SVG}tspan")
        right = float(rect.get("x")) + float(rect.get("width"))
        if "\u05d0" <= content.strip(" •“—→0123456789%.")[:1] <= "\u05ea":
            hebrew += 1
            assert text.get("direction") == "rtl", content
            assert right - float(first.get("x")) < 10, content   # anchored at the right side
        elif content[:1].isascii() and content[:1].isalpha():
            english += 1
            assert text.get("direction") is None, content
    assert hebrew > 30 and english > 5


def test_a_text_in_another_script_names_its_language():
    document = render_svg(journeymap.load(EXAMPLES / "gym-membership.it.yaml"), RenderOptions(locale="he"))
    root = ET.fromstring(document)
    assert root.get(XML_LANG) == "he"
    italian = [t for t in root.iter(f"{SVG}text") if "Giulia" in "".join(t.itertext())]
    assert italian and all(t.get(XML_LANG) is None for t in italian)     # Latin is not clearly Italian
    clinic = ET.fromstring(render_svg(journeymap.load(CLINIC), RenderOptions(locale="en")))
    assert clinic.get(XML_LANG) == "en"
    marked = [t for t in clinic.iter(f"{SVG}text") if t.get(XML_LANG) == "he"]
    assert len(marked) > 30


def test_a_forced_break_is_hyphenated_in_a_script_that_hyphenates():
    lines = wrap("Lieferfensterverfügbarkeitsanzeige", 100, width, typeset=True)
    assert len(lines) > 1 and all(line.endswith(HYPHEN) for line in lines[:-1])
    assert "".join(lines).replace(HYPHEN, "") == "Lieferfensterverfügbarkeitsanzeige"
    assert all(width(line) <= 100 for line in lines)
    assert HYPHEN not in "".join(wrap("Lieferfensterverfügbarkeitsanzeige", 100, width))  # plain text: none
    assert HYPHEN not in "".join(wrap("אבגדהוזחטיכלמנסעפצקרשת" * 3, 60, width, typeset=True))
    block = text_block(0, 0, 90, "Donaudampfschifffahrtsgesellschaft fährt", BODY)
    assert block.lines[0].endswith(HYPHEN)


def test_no_chinese_character_stands_alone_on_a_last_line():
    text = "智能手表的表带尺寸说明不清楚让人犹豫了"  # 19: plain wrapping leaves widows
    for size in range(30, 200, 7):
        lines = wrap(text, size, width, typeset=True)
        last = list(graphemes(lines[-1]))
        if len(lines) > 1 and width(text[:3]) <= size:  # a line holds three: one can move down
            assert not (len(last) == 1 and is_wide(last[0])), (size, lines)
        assert "".join(lines) == text
    assert any(len(wrap(text, size, width)[-1]) == 1 for size in range(30, 200, 7))  # the case arises
