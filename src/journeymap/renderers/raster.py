"""`png` and `pdf` of the swimlane, without a browser: Skia (skia-python) draws
the SVG, with journeymap's own text step for shaped, bidirectional text and
colour emoji (raster_skia.py, raster_text.py). Where Skia cannot be loaded,
CairoSVG draws it instead, with a warning: it gets many scripts wrong.
docs/rasterisers.md has the measurements behind this choice."""

from __future__ import annotations

import math
import os
import re
import sys
import warnings
from functools import cache

from ..i18n import word
from ..loading import NONCHARACTERS
from ..model import Journey
from . import RenderError
from .raster_options import RasterOptions

MAX_PIXELS = 16384 * 16384   # a 1 GiB RGBA surface: the largest PNG we draw
LARGEST_PDF_PAGE = 14400.0   # points (200 inches): Acrobat refuses larger pages


class RasterWarning(UserWarning):
    """The picture was made, but not quite as asked (smaller, or by the fallback)."""


FontWarning = RasterWarning  # the name earlier versions warned with


def rasterise(svg: str, fmt: str, journey: Journey, locale: str | None = None,
              raster: RasterOptions | None = None) -> bytes:
    """`svg` drawn as `fmt` (png or pdf); `locale` is the language the SVG was
    written in (the map's own unless chosen)."""
    chosen = raster if isinstance(raster, RasterOptions) else RasterOptions()
    if not skia_available():
        from .raster_cairo import cairo_rasterise

        _warn_fallback()
        data = _without_noncharacters(svg.encode("utf-8"))
        return cairo_rasterise(data.decode("utf-8"), fmt, png_scale(*_size(data), chosen.scale))
    try:
        return _skia(svg, fmt, journey, locale or journey.locale, chosen)
    except RenderError:
        raise
    except Exception as exc:  # Skia's refusal is this map's failure, not a crash
        raise RenderError(f"Skia could not draw this map ({type(exc).__name__}: {exc}); "
                          "the svg and html formats may still show it") from exc


def _skia(svg: str, fmt: str, journey: Journey, locale: str, chosen: RasterOptions) -> bytes:
    """The picture by Skia. Each stage lets go of what the next does not need (the
    SVG, then its parsed halves once recorded), which keeps a 10,000-touchpoint
    map within its memory budget."""
    from . import raster_skia
    from .raster_fonts import missing_by_script, warning_text
    from .raster_pages import paged, plan, single_page
    from .raster_svg import parse

    data = _without_noncharacters(svg.encode("utf-8"))
    document = parse(data)
    del data
    missing = missing_by_script("".join(document.root.itertext()))
    if missing:
        warnings.warn(RasterWarning(warning_text(missing)), stacklevel=3)
    paper = chosen.page_size() if fmt == "pdf" else None
    map_plan = plan(document.shapes, document.root, document.width, document.height) if paper else None
    drawing = raster_skia.record(document)
    del document
    if fmt == "png":
        return raster_skia.png(drawing, png_scale(drawing.width, drawing.height, chosen.scale))
    if paper is None or map_plan is None:
        pages = [single_page(drawing.width, drawing.height, LARGEST_PDF_PAGE)]
    else:
        pages = paged(map_plan, paper, journey.title, word(locale, "pdf.page_place"))
    metadata = {"title": journey.title, "author": journey.owner or "",
                "subject": journey.scenario or ""}
    return raster_skia.pdf(drawing, pages, metadata, locale)


def png_scale(width: float, height: float, scale: float) -> float:
    """`scale`, or the largest below it whose picture stays within MAX_PIXELS (with a warning)."""
    pixels = math.ceil(width * scale) * math.ceil(height * scale)
    if pixels <= MAX_PIXELS:
        return scale
    fitting = math.floor(math.sqrt(MAX_PIXELS / max(width * height, 1.0)) * 1000) / 1000
    while fitting > 0.001 and math.ceil(width * fitting) * math.ceil(height * fitting) > MAX_PIXELS:
        fitting -= 0.001
    fitting = max(fitting, 0.001)
    warnings.warn(RasterWarning(
        f"this map is too large for a PNG at scale {scale:g} ({math.ceil(width * scale)} × "
        f"{math.ceil(height * scale)} px, more than {MAX_PIXELS:,} pixels); drawn at scale "
        f"{fitting:g} instead ({math.ceil(width * fitting)} × {math.ceil(height * fitting)} px). "
        "Choose with --scale, or use svg or pdf, which have no such limit"), stacklevel=3)
    return fitting


@cache
def skia_available() -> bool:
    try:
        import skia  # type: ignore[import-not-found,unused-ignore]
    except (ImportError, OSError):  # OSError: libGL/libEGL missing
        return False
    _start_fontconfig_quietly(skia)
    return True


def _start_fontconfig_quietly(skia: object) -> None:
    """Skia's own fontconfig reads the system's configuration once, at the
    first font manager, and prints a warning on standard error for elements
    newer than itself (Debian's `reset-dirs`): harmless, and noise in every
    CI log. Silence standard error for that one moment, at the descriptor
    level, where the C library writes."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            skia.FontMgr()  # type: ignore[attr-defined]
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _warn_fallback() -> None:
    warnings.warn(RasterWarning(
        "skia-python could not be loaded, so PNG and PDF are drawn by CairoSVG, which shows "
        "right-to-left and joined scripts letter by letter and emoji sequences in pieces; "
        "reinstall journeymap, and on Debian or Ubuntu: apt-get install libegl1 libgl1"),
        stacklevel=3)


def _size(svg: bytes) -> tuple[float, float]:
    found = re.search(rb'<svg\b[^>]*?\bwidth="([0-9.]+)"[^>]*?\bheight="([0-9.]+)"', svg)
    return (float(found.group(1)), float(found.group(2))) if found else (0.0, 0.0)


# Noncharacters (U+FDD0-U+FDEF, U+xFFFE and U+xFFFF of every plane), raw or as
# character references: XML parsers and cairo reject some of them. The loader
# refuses them; a map built in Python may not. Raw ones are found as their UTF-8
# bytes: a set of literals is searched ten times faster than a character class.
_NONCHARACTER = re.compile(b"|".join(re.escape(c.encode("utf-8")) for c in (
    [chr(code) for code in range(0xFDD0, 0xFDF0)] + [chr(plane << 16 | low) for plane in range(17)
                                                     for low in (0xFFFE, 0xFFFF)])))
_CHARACTER_REFERENCE = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
_REPLACEMENT = "\ufffd".encode("utf-8")


def _without_noncharacters(svg: bytes) -> bytes:
    """The SVG (UTF-8) with every noncharacter drawn as the replacement character."""
    def reference(match: re.Match[bytes]) -> bytes:
        code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        is_non = code <= 0x10FFFF and re.fullmatch(f"[{NONCHARACTERS}]", chr(code)) is not None
        return b"&#xFFFD;" if is_non else match.group()

    return _CHARACTER_REFERENCE.sub(reference, _NONCHARACTER.sub(_REPLACEMENT, svg))
