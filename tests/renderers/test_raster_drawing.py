"""The shortcuts that make big maps fast and small in memory draw exactly what
the plain way draws: long curves and lines cut into pieces (dashes continuous),
the SVG given to Skia in parts, a PNG band drawn in tiles, a run's font stack
cut to the one font that has all its characters; and PNG does not load numpy."""

from __future__ import annotations

import hashlib
import io
import math
import subprocess
import sys

import pytest
from test_raster import RTL_AND_EMOJI, journey_of, svg_of

from conftest import EXAMPLES

skia = pytest.importorskip("skia")

from journeymap.renderers import raster_skia, raster_svg, raster_text  # noqa: E402
from journeymap.renderers.raster import rasterise  # noqa: E402
from journeymap.renderers.raster_options import RasterOptions  # noqa: E402

WIDTH, HEIGHT = 3700, 220


def long_dashed_shapes():
    """A dashed curve of 120 segments (an emotion curve) and a dashed line across the picture."""
    x, y, d = 10.0, 100.0, "M10.0,100.0"
    for i in range(120):
        nx, ny = x + 30, 100 + 60 * math.sin(i * 0.7)
        d += f"C{x + 10:.1f},{y:.1f} {nx - 10:.1f},{ny:.1f} {nx:.1f},{ny:.1f}"
        x, y = nx, ny
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}">'
            f'<path d="{d}" fill="none" stroke="#bb5566" stroke-width="2.5" stroke-dasharray="9 4" '
            'stroke-linecap="round" stroke-linejoin="round"/>'
            f'<line x1="5" y1="200.5" x2="{WIDTH - 10}" y2="200.5" fill="none" stroke="#333" '
            'stroke-width="1" stroke-dasharray="2 4"/></svg>').encode()


def dom_pixels(svg: bytes) -> bytes:
    surface = skia.Surface.MakeRaster(skia.ImageInfo.Make(WIDTH, HEIGHT, skia.kRGBA_8888_ColorType,
                                                          skia.kPremul_AlphaType))
    canvas = surface.getCanvas()
    canvas.clear(skia.ColorWHITE)
    dom = skia.SVGDOM.MakeFromStream(skia.MemoryStream(svg))
    dom.setContainerSize(skia.Size(WIDTH, HEIGHT))
    dom.render(canvas)
    return bytes(surface.makeImageSnapshot().tobytes())


def mean_difference(a: bytes, b: bytes) -> float:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)


def test_long_dashed_curves_and_lines_cut_into_pieces_keep_their_dashes():
    svg = long_dashed_shapes()
    shapes = raster_svg.parse(svg).shapes
    assert shapes.count(b"<path") > 10 and shapes.count(b"<line") > 5, "nothing was cut"
    whole, cut = dom_pixels(svg), dom_pixels(shapes)
    # Measured: 0.009 (anti-aliasing where pieces meet); every piece starting its
    # dashes afresh gives 0.75, so 0.05 tells a continuous dash from a broken one.
    assert mean_difference(whole, cut) < 0.05


def test_paths_in_any_other_form_are_left_whole():
    for d in ("M0,0 l10,10 " * 300, "M0,0 A5 5 0 0 1 10 10 " + "L1,1 " * 300, "M0,0 " + "L1,1 Z " * 300):
        svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><path d="{d}"/></svg>'.encode()
        assert raster_svg.parse(svg).shapes.count(b"<path") == 1


def picture_hash(drawing, scale=1.0):
    return hashlib.sha256(raster_skia.png(drawing, scale)).hexdigest()


def test_the_svg_given_to_skia_in_parts_draws_the_same_picture(monkeypatch):
    svg = svg_of(journey_of((EXAMPLES / "family-flight-booking.yaml").read_text("utf-8"))).encode()
    document = raster_svg.parse(svg)
    whole = picture_hash(raster_skia.record(document))
    monkeypatch.setattr(raster_svg, "SHAPES_PART", 4096)
    assert len(raster_svg.shape_parts(document.shapes)) > 10
    assert picture_hash(raster_skia.record(document)) == whole


def test_a_band_drawn_in_tiles_is_the_band_drawn_whole(monkeypatch):
    image = pytest.importorskip("PIL.Image")
    drawing = raster_skia.record(raster_svg.parse(svg_of(journey_of(RTL_AND_EMOJI)).encode()))
    whole = image.open(io.BytesIO(raster_skia.png(drawing, 1.0))).tobytes()
    monkeypatch.setattr(raster_skia, "PNG_TILE_WIDTH", 64)
    tiled = image.open(io.BytesIO(raster_skia.png(drawing, 1.0))).tobytes()
    # Measured: 0.003, a few anti-aliased pixels at the tiles' edges (Skia blends
    # a clipped edge slightly differently); a tile drawn in the wrong place is 10+.
    assert len(tiled) == len(whole) and mean_difference(whole, tiled) < 0.02


def test_cutting_a_runs_font_stack_to_its_first_font_changes_no_pixel(monkeypatch):
    maps = [journey_of(RTL_AND_EMOJI), journey_of((EXAMPLES / "smartwatch-purchase.zh.yaml").read_text("utf-8"))]

    def pictures():
        raster_text._laid_out.cache_clear()
        return [rasterise(svg_of(journey), "png", journey, raster=RasterOptions(scale=1.0)) for journey in maps]

    cut = pictures()
    assert any(raster_text._first_font_covers(text, style) for text, style in [
        ("Touchpoints", raster_text._key({"font-family": "DejaVu Sans, Noto Color Emoji"}))])
    monkeypatch.setattr(raster_text, "_first_font_covers", lambda text, style: False)
    assert pictures() == cut


def test_a_png_does_not_load_numpy():
    """Canvas.drawPicture in skia-python imports numpy (0.13 s of a small map's run)."""
    code = ("import sys\nfrom journeymap.validation import validate_text\n"
            "from journeymap.renderers.swimlane import svg_bytes\n"
            "from journeymap.renderers.options import RenderOptions\n"
            "from journeymap.renderers.raster import rasterise\n"
            f"journey = validate_text(open({str(EXAMPLES / 'grocery-delivery.de.yaml')!r}).read()).journey\n"
            "svg = svg_bytes(journey, RenderOptions()).decode()\n"
            "assert rasterise(svg, 'png', journey)[:4] == b'\\x89PNG'\n"
            "assert rasterise(svg, 'pdf', journey)[:4] == b'%PDF'\n"
            "print('numpy' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "False"


def test_the_png_band_writer_and_the_encoder_agree():
    image = pytest.importorskip("PIL.Image")
    drawing = raster_skia.record(raster_svg.parse(svg_of(journey_of(RTL_AND_EMOJI)).encode()))
    decoded = image.open(io.BytesIO(raster_skia.png(drawing, 0.5)))
    decoded.load()
    again = raster_skia.encode_png(decoded.convert("RGBA").tobytes(), *decoded.size)
    assert image.open(io.BytesIO(again)).tobytes() == decoded.tobytes()
