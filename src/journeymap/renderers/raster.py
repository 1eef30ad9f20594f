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
from typing import Any

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
    data = _without_noncharacters(svg).encode("utf-8")
    if not skia_available():
        from .raster_cairo import cairo_rasterise

        _warn_fallback()
        return cairo_rasterise(data.decode("utf-8"), fmt, png_scale(*_size(data), chosen.scale))
    from . import raster_skia

    try:
        document = raster_skia.parse(data)
        if fmt == "png":
            return raster_skia.png(document, png_scale(document.width, document.height, chosen.scale))
        return _pdf(document, journey, locale or journey.locale, chosen)
    except RenderError:
        raise
    except Exception as exc:  # Skia's refusal is this map's failure, not a crash
        raise RenderError(f"Skia could not draw this map ({type(exc).__name__}: {exc}); "
                          "the svg and html formats may still show it") from exc


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


def _pdf(document: Any, journey: Journey, locale: str, chosen: RasterOptions) -> bytes:
    from . import raster_skia
    from .raster_pdf import creation_date, with_language_and_date

    paper = chosen.page_size()
    if paper is None:
        pages = [raster_skia.single_page(document, LARGEST_PDF_PAGE)]
    else:
        from .raster_pages import paged

        pages = paged(document, paper, journey.title)
    metadata = {"title": journey.title, "author": journey.owner or "",
                "subject": journey.scenario or ""}
    data = raster_skia.pdf(document, pages, metadata)
    return with_language_and_date(data, locale, creation_date())


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
# refuses them; a map built in Python may not.
_NONCHARACTER = re.compile(f"[{NONCHARACTERS}]")
_CHARACTER_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def _without_noncharacters(svg: str) -> str:
    """The SVG with every noncharacter drawn as the replacement character."""
    def reference(match: re.Match[str]) -> str:
        code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        is_non = code <= 0x10FFFF and _NONCHARACTER.match(chr(code)) is not None
        return "&#xFFFD;" if is_non else match.group()

    return _CHARACTER_REFERENCE.sub(reference, _NONCHARACTER.sub("\ufffd", svg))
