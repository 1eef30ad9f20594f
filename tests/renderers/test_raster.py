"""PNG and PDF drawn by Skia: the text step understands all the SVG text
markup we write, the bytes never change, the PDF carries real text and
metadata, and maps of any size come out."""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import EXAMPLES, example_paths
from journeymap.renderers.options import RenderOptions
from journeymap.renderers.swimlane import svg_bytes
from journeymap.validation import validate_text

skia = pytest.importorskip("skia")
pypdf = pytest.importorskip("pypdf")

from journeymap.renderers import raster, raster_skia, raster_svg, raster_text  # noqa: E402
from journeymap.renderers.raster import RasterWarning, rasterise  # noqa: E402
from journeymap.renderers.raster_options import RasterOptions  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
RTL_AND_EMOJI = """\
journeymap: 1
title: "حجز رحلة 👨‍👩‍👧 הזמנת טיסה 🇵🇹"
type: current-state
locale: ar
owner: "فريق التجربة"
scenario: "عائلة تحجز رحلة"
persona: {id: p, name: "מרים 👩🏽‍💻", quote: "أريد فقط أن أعرف", goals: ["أي سعر يشمل الأمتعة؟"]}
stages:
  - id: s0
    name: "البحث 🔎"
    touchpoints:
      - {id: t0, name: "تقارن الأسعار", action: "تصفّي النتائج 🇵🇹 → 🇩🇰", emotion: -1,
         pains: ["קשה למצוא"], opportunities: ["اعرض الوزن ✅"]}
  - id: s1
    name: "הזמנה 💳"
    touchpoints:
      - {id: t1, name: "בוחרת מושבים", action: "משלמת 😤 עבור 👧🏻👦🏿", emotion: 1}
"""


def journey_of(text):
    result = validate_text(text)
    assert result.ok, result
    return result.journey


def svg_of(journey, **options):
    return svg_bytes(journey, RenderOptions(**options)).decode("utf-8")


def generated(touchpoints, per_stage=10, lanes=""):
    stages = []
    for s in range(0, touchpoints, per_stage):
        points = "\n".join(
            f"      - {{id: t{i}, name: Touchpoint number {i} compares fares, action: Does step {i}, "
            f"emotion: {i % 5 - 2}{lanes}}}" for i in range(s, min(s + per_stage, touchpoints)))
        stages.append(f"  - id: s{s}\n    name: Stage {s}\n    touchpoints:\n{points}")
    return journey_of("journeymap: 1\ntitle: Generated\ntype: current-state\nstages:\n" + "\n".join(stages))


# --- the text step knows all our text markup ---------------------------------------------

def all_svgs():
    for path in example_paths():
        yield path.name, svg_of(journey_of(path.read_text("utf-8")))
    yield "rtl-emoji", svg_of(journey_of(RTL_AND_EMOJI))
    yield "rtl-emoji-dark", svg_of(journey_of(RTL_AND_EMOJI), theme="dark", locale="he")


KNOWN_CONTAINER_ATTRIBUTES = {  # on <svg> and <g>: what they say about text is in INHERITED
    "version", "width", "height", "viewBox", "role", "aria-labelledby", "aria-label", "id", "class",
    "font-family", "font-size", raster_text.XML_LANG,
    "data-persona"}  # for the HTML page's persona filter


def test_the_text_step_handles_every_text_attribute_the_svg_writes():
    seen: set[str] = set()
    for name, svg in all_svgs():
        root = ET.fromstring(svg)
        for element in root.iter():
            if element.tag in (SVG + "svg", SVG + "g"):
                assert set(element.attrib) - raster_text.NOT_DRAWN <= KNOWN_CONTAINER_ATTRIBUTES, \
                    (name, element.attrib)
            if element.tag == SVG + "text":
                assert not (element.text or "").strip(), f"{name}: text outside a line tspan"
                for line in element:
                    assert line.tag == SVG + "tspan" and "x" in line.attrib and "y" in line.attrib
                    for run in line:
                        assert run.tag == SVG + "tspan" and not list(run), f"{name}: nested deeper"
                        assert {"x", "y"}.isdisjoint(run.attrib)
            if element.tag in (SVG + "text", SVG + "tspan"):
                unknown = set(element.attrib) - raster_text.TEXT_ATTRIBUTES - raster_text.NOT_DRAWN
                assert not unknown, f"{name}: the text step ignores {unknown}"
                seen |= set(element.attrib)
    # the step is exercised on what it claims: direction, language, runs and styles all occur
    assert {"direction", "text-anchor", "font-weight", "font-style", raster_text.XML_LANG,
            "font-family"} <= seen


def test_right_to_left_start_is_the_right_end_of_the_line():
    root = ET.fromstring(svg_of(journey_of(RTL_AND_EMOJI)))
    lines = [line for line in raster_text.text_lines(root) if line.rtl]
    assert lines and all(line.anchor in ("start", "middle") for line in lines)
    assert raster_text._shift("start", True, 40) == 40 and raster_text._shift("end", True, 40) == 0
    assert raster_text._shift("middle", True, 40) == 20 and raster_text._shift("start", False, 40) == 0


# --- bytes, dates and metadata ----------------------------------------------------------

@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_the_same_map_gives_the_same_bytes(fmt, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    journey = journey_of(RTL_AND_EMOJI)
    svg = svg_of(journey)
    first, second = rasterise(svg, fmt, journey), rasterise(svg, fmt, journey)
    assert first == second and first.startswith(b"\x89PNG" if fmt == "png" else b"%PDF")


def read_pdf(data):
    return pypdf.PdfReader(io.BytesIO(data), strict=True)


def page_text(page):
    """The page's text as words: Arabic presentation forms back to letters (NFKC)."""
    text = unicodedata.normalize("NFKC", page.extract_text()).replace("\x00", " ")
    return " ".join(text.split())


def test_the_pdf_has_no_date_unless_source_date_epoch_sets_it(monkeypatch):
    journey = journey_of(RTL_AND_EMOJI)
    svg = svg_of(journey)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    undated = rasterise(svg, "pdf", journey)
    assert b"CreationDate" not in undated and "/CreationDate" not in read_pdf(undated).metadata
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dated = rasterise(svg, "pdf", journey)
    reader = read_pdf(dated)  # strict: the moved cross-reference table must be right
    assert reader.metadata["/CreationDate"] == "D:20231114221320Z"
    assert dated == rasterise(svg, "pdf", journey)
    assert len(reader.pages) == 1 and "تقارن الأسعار" in page_text(reader.pages[0])


def test_the_pdf_says_title_author_subject_and_language():
    journey = journey_of(RTL_AND_EMOJI)
    reader = read_pdf(rasterise(svg_of(journey), "pdf", journey, "he"))
    assert reader.metadata.title == journey.title
    assert reader.metadata.author == "فريق التجربة" and reader.metadata.subject == "عائلة تحجز رحلة"
    assert reader.trailer["/Root"]["/Lang"] == "he"


@pytest.mark.parametrize("name", ["family-flight-booking.yaml", "grocery-delivery.de.yaml",
                                  "smartwatch-purchase.zh.yaml", "clinic-appointment.he.yaml"])
def test_pdf_text_holds_every_touchpoint_name(name):
    journey = journey_of((EXAMPLES / name).read_text("utf-8"))
    flat = page_text(read_pdf(rasterise(svg_of(journey), "pdf", journey)).pages[0])
    for stage in journey.stages:
        for point in stage.touchpoints:
            # names wrap over lines, CJK between any two characters: compare without spaces.
            # A CJK font's glyph shared with a radical (页 and ⻚) reads back as the radical.
            name = "".join(f"(?:{re.escape(c)}|[\u2e80-\u2fdf])" for c in "".join(point.name.split()))
            assert re.search(name, "".join(flat.split())), (point.name, flat[:300])


# --- sizes ------------------------------------------------------------------------------

def png_size(data):
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_scale_sets_the_pixels_per_svg_unit():
    journey = journey_of((EXAMPLES / "grocery-delivery.de.yaml").read_text("utf-8"))
    svg = svg_of(journey)
    root = ET.fromstring(svg)
    width, height = float(root.get("width")), float(root.get("height"))
    for scale in (1.0, 2.0, 0.5):
        data = rasterise(svg, "png", journey, raster=RasterOptions(scale=scale))
        assert png_size(data) == (int(-(-width * scale // 1)), int(-(-height * scale // 1)))


def test_a_png_too_large_is_drawn_smaller_with_a_warning(monkeypatch):
    monkeypatch.setattr(raster, "MAX_PIXELS", 400 * 300)
    journey = journey_of(RTL_AND_EMOJI)
    with pytest.warns(RasterWarning, match="too large for a PNG at scale 2.*--scale"):
        data = rasterise(svg_of(journey), "png", journey)
    width, height = png_size(data)
    assert width * height <= 400 * 300 and width * height > 0.95 * 400 * 300


def test_the_scale_must_be_a_positive_number():
    from journeymap.errors import UsageError

    for bad in (0.0, -1.0, float("nan"), float("inf")):
        with pytest.raises(UsageError, match="--scale"):
            RasterOptions(scale=bad)


@pytest.mark.parametrize("touchpoints", [90, 300, 1000])
def test_large_maps_give_a_png_and_a_pdf(touchpoints):
    journey = generated(touchpoints)
    svg = svg_of(journey)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 2x fits for these: no scaling down
        png = rasterise(svg, "png", journey, raster=RasterOptions(scale=2.0 if touchpoints < 100 else 0.25))
    pdf = rasterise(svg, "pdf", journey)
    assert png.startswith(b"\x89PNG") and png_size(png)[0] > 1000
    page = read_pdf(pdf).pages[0]
    assert max(page.mediabox.width, page.mediabox.height) <= raster.LARGEST_PDF_PAGE + 0.01
    if touchpoints < 100:  # pypdf reads big pages slowly; a few hundred names prove the same
        assert f"Touchpoint number {touchpoints - 1}" in page_text(page)


def test_a_very_tall_map_gives_a_png_and_a_pdf():
    journey = generated(30, per_stage=30)
    svg = svg_of(journey)
    root = ET.fromstring(svg)
    png = rasterise(svg, "png", journey)
    assert png_size(png)[1] == int(-(-float(root.get("height")) * 2 // 1))
    assert read_pdf(rasterise(svg, "pdf", journey)).pages[0].extract_text()


# --- the fallback -----------------------------------------------------------------------

def test_without_skia_cairosvg_draws_with_a_warning(monkeypatch):
    pytest.importorskip("cairosvg")
    monkeypatch.setattr(raster, "skia_available", lambda: False)
    journey = journey_of(RTL_AND_EMOJI)
    with pytest.warns(RasterWarning, match="skia-python could not be loaded"):
        data = rasterise(svg_of(journey), "png", journey)
    assert data.startswith(b"\x89PNG")


# --- the PNG encoder ----------------------------------------------------------------------

@given(st.integers(1, 40), st.integers(1, 12), st.randoms(use_true_random=False))
def test_the_png_encoder_keeps_every_pixel(width, height, random):
    image = pytest.importorskip("PIL.Image")
    rgb = bytes(random.randrange(256) for _ in range(width * height * 3))
    rgba = b"".join(rgb[i:i + 3] + b"\xff" for i in range(0, len(rgb), 3))
    decoded = image.open(io.BytesIO(raster_skia.encode_png(rgba, width, height)))
    decoded.load()   # checks every chunk's CRC and the zlib stream's checksum
    assert (decoded.mode, decoded.size, decoded.tobytes()) == ("RGB", (width, height), rgb)


def test_the_png_has_the_pixels_skia_draws():
    image = pytest.importorskip("PIL.Image")
    journey = journey_of(RTL_AND_EMOJI)
    svg = svg_of(journey)
    ours = image.open(io.BytesIO(rasterise(svg, "png", journey, raster=RasterOptions(scale=1.0))))
    document = raster_svg.parse(svg.encode("utf-8"))
    info = skia.ImageInfo.Make(*ours.size, skia.kRGBA_8888_ColorType, skia.kPremul_AlphaType)
    surface = skia.Surface.MakeRaster(info)   # as png() draws: BGRA blends text ±3 differently
    canvas = surface.getCanvas()
    canvas.clear(skia.ColorWHITE)
    raster_skia.draw(document, canvas)
    skias = image.open(io.BytesIO(bytes(surface.makeImageSnapshot().encodeToData(skia.kPNG, 100))))
    assert ours.convert("RGB").tobytes() == skias.convert("RGB").tobytes()


def _png_warnings(journey) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rasterise(svg_of(journey), "png", journey, raster=RasterOptions(scale=0.5))
    return [str(w.message) for w in caught if issubclass(w.category, RasterWarning)]


def test_characters_no_installed_font_has_are_named_by_script_once(monkeypatch):
    from journeymap.renderers import raster_fonts

    # As on a machine without a font for Vithkuqi and Cherokee, whatever is installed here.
    others = raster_fonts._any_font_has
    monkeypatch.setattr(raster_fonts, "_any_font_has", lambda c: "VITHKUQI" not in unicodedata.name(
        c, "") and "CHEROKEE" not in unicodedata.name(c, "") and others(c))
    monkeypatch.setattr(raster_fonts, "_FIRST_FACES", ())
    journey = journey_of("title: Shkronja 𐕰𐕱\nstages:\n  - name: ᏣᎳᎩ\n    touchpoints:\n"
                         "      - name: 𐕰𐕱𐕲𐕳𐕴 and 页 and 👨‍👩‍👧\n")
    [message] = _png_warnings(journey)
    assert message.startswith("no installed font has the characters of Cherokee (U+13A9 Ꭹ, U+13B3 Ꮃ, "
                               "U+13E3 Ꮳ); Vithkuqi (U+10570 𐕰, U+10571 𐕱, U+10572 𐕲 and 2 more)")


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_the_examples_need_no_font_that_is_missing(path):
    """Every script of the examples (Hebrew, CJK, Cyrillic, emoji...) has a font in CI."""
    assert not [m for m in _png_warnings(journey_of(path.read_text("utf-8"))) if "no installed font" in m]
