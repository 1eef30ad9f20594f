"""The fallback rasteriser, CairoSVG, used only where Skia cannot be loaded.

cairo draws one glyph per character, left to right, with one font per run
and no fallback: right-to-left and joined scripts and emoji sequences come out
wrong (docs/rasterisers.md), so the caller warns before it is used."""

from __future__ import annotations

import io

from ..errors import EnvironmentProblem
from . import RenderError

FIXED_DATE = "2000-01-01T00:00:00Z"


def cairo_rasterise(svg: str, fmt: str, scale: float) -> bytes:
    """`svg` drawn by CairoSVG as `fmt` (png or pdf)."""
    try:
        import cairosvg
    except (ImportError, OSError) as exc:  # OSError: the cairo library itself is missing
        raise EnvironmentProblem(
            f"PNG and PDF need skia-python ({exc}); reinstall journeymap, and on Debian or "
            "Ubuntu: apt-get install libegl1 libgl1") from exc
    try:
        if fmt == "png":
            png: bytes = cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale)
            return png
        return cairo_pdf(svg)
    except Exception as exc:  # cairo's refusal is this map's failure, not a crash
        raise RenderError(f"cairo could not draw this map ({type(exc).__name__}: {exc}); "
                          "the svg and html formats may still show it") from exc


def cairo_pdf(svg: str) -> bytes:
    """cairo stamps the time of making into a PDF; the same map must give the
    same bytes on any day, so the surface gets a fixed creation date."""
    import cairocffi  # type: ignore[import-untyped]  # ships no type information
    from cairosvg.parser import Tree
    from cairosvg.surface import PDFSurface

    output = io.BytesIO()
    surface = PDFSurface(Tree(bytestring=svg.encode("utf-8")), output, 96)
    surface.cairo.set_metadata(cairocffi.PDF_METADATA_CREATE_DATE, FIXED_DATE)
    surface.finish()
    return output.getvalue()
