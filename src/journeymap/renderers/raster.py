"""`png` and `pdf` of the swimlane, without a browser: the SVG is drawn by
CairoSVG (cairo, the library Graphviz and GTK draw with).

CairoSVG uses one font per run of text and no fallback, which is why the SVG
names the font of every run; a character none of those fonts has would come
out as an empty box, so we check the installed fonts' coverage with
fontconfig and warn."""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings
from functools import cache

from ..errors import EnvironmentProblem
from ..layout.fonts import BASE_FAMILY, EMOJI_FAMILY, cjk_family, runs
from ..loading import NONCHARACTERS
from ..model import Journey
from . import RenderError

# What fontconfig says a family covers: (first, last) code-point ranges.
Coverage = tuple[tuple[int, int], ...]

PNG_SCALE = 2.0  # pixels per SVG unit: sharp on high-density screens and in print
FIXED_DATE = "2000-01-01T00:00:00Z"


class FontWarning(UserWarning):
    """The picture was made, but some text may show as empty boxes."""


def rasterise(svg: str, fmt: str, journey: Journey, locale: str | None = None) -> bytes:
    """`svg` drawn as `fmt` (png or pdf); `locale` is the language the SVG
    was written in (the map's own unless chosen), whose CJK font it names."""
    try:
        import cairosvg
    except (ImportError, OSError) as exc:  # OSError: the cairo library itself is missing
        raise EnvironmentProblem(
            f"PNG and PDF need CairoSVG and the cairo library ({exc}); "
            "install cairo (apt-get install libcairo2) and reinstall journeymap") from exc
    svg = _without_noncharacters(svg)
    _warn_about_missing_glyphs(svg, locale or journey.locale)
    _warn_about_shaping(svg)
    try:
        if fmt == "png":
            png: bytes = cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=PNG_SCALE)
            return png
        return _pdf(svg)
    except Exception as exc:  # cairo's refusal is this map's failure, not a crash
        raise RenderError(f"cairo could not draw this map ({type(exc).__name__}: {exc}); "
                          "the svg and html formats may still show it") from exc


# Noncharacters (U+FDD0-U+FDEF, U+xFFFE and U+xFFFF of every plane), raw or as
# character references: cairo rejects a string holding one ("input string not
# valid UTF-8"). The loader refuses them; a map built in Python may not.
_NONCHARACTER = re.compile(f"[{NONCHARACTERS}]")
_CHARACTER_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def _without_noncharacters(svg: str) -> str:
    """The SVG with every noncharacter drawn as the replacement character."""
    def reference(match: re.Match[str]) -> str:
        code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        is_non = code <= 0x10FFFF and _NONCHARACTER.match(chr(code)) is not None
        return "&#xFFFD;" if is_non else match.group()

    return _CHARACTER_REFERENCE.sub(reference, _NONCHARACTER.sub("\ufffd", svg))


def _pdf(svg: str) -> bytes:
    """cairo stamps the time of making into a PDF; the same map must give the
    same bytes on any day, so the surface gets a fixed creation date."""
    import io

    import cairocffi  # type: ignore[import-untyped]  # ships no type information
    from cairosvg.parser import Tree
    from cairosvg.surface import PDFSurface

    output = io.BytesIO()
    surface = PDFSurface(Tree(bytestring=svg.encode("utf-8")), output, 96)
    surface.cairo.set_metadata(cairocffi.PDF_METADATA_CREATE_DATE, FIXED_DATE)
    surface.finish()
    return output.getvalue()


# Scripts whose letters change shape or order in context, and emoji sequences:
# cairo's text API draws one glyph per character, left to right.
_NEEDS_SHAPING = re.compile("[\u0590-\u08ff\u0900-\u0dff\u0e00-\u0eff\u0f00-\u109f\u1780-\u17ff"
                            "\ufb1d-\ufdff\ufe70-\ufeff\u200d]")


def _warn_about_shaping(svg: str) -> None:
    import html

    found = _NEEDS_SHAPING.search(html.unescape(_visible_text(svg)))
    if found:
        warnings.warn(FontWarning(
            "this map has text that needs shaping (right-to-left or joined scripts such as Arabic "
            "and Hebrew, Indic scripts, or emoji sequences), which PNG and PDF, drawn by cairo, show "
            "letter by letter; the svg and html formats show it correctly"), stacklevel=2)


def _visible_text(svg: str) -> str:
    text = re.sub(r"<title.*?</title>|<desc.*?</desc>", "", svg, flags=re.S)
    return re.sub(r"<[^>]+>", "", text)


def _warn_about_missing_glyphs(svg: str, locale: str) -> None:
    families = {"base": BASE_FAMILY, "cjk": cjk_family(locale), "emoji": EMOJI_FAMILY}
    missing: dict[str, set[str]] = {}
    import html

    for script, text in runs(html.unescape(_visible_text(svg))):
        covered = _coverage(families[script])
        if covered is None:
            return  # fontconfig cannot tell us; do not guess
        for char in set(text):
            if not char.isspace() and ord(char) >= 0x20 and not _in(covered, ord(char)) \
                    and not ("\ufe00" <= char <= "\ufe0f" or char == "\u200d"):
                missing.setdefault(families[script], set()).add(char)
    if missing:
        detail = "; ".join(f"{family} lacks {''.join(sorted(chars))[:20]}"
                           for family, chars in sorted(missing.items()))
        warnings.warn(FontWarning(
            f"some text may show as empty boxes, no installed font covers it ({detail}); on Debian "
            "or Ubuntu: apt-get install fonts-dejavu-core fonts-noto-cjk fonts-noto-color-emoji"),
            stacklevel=2)


@cache
def _coverage(family: str) -> Coverage | None:
    """The code-point ranges an installed family covers (None: unknown)."""
    program = shutil.which("fc-list")
    if program is None:
        return None
    try:
        done = subprocess.run([program, "--format", "%{family}\t%{charset}\n", family],
                              capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None  # a font check that cannot run is no reason to fail the picture
    ranges: list[tuple[int, int]] = []
    for line in done.stdout.splitlines():
        names, _, charset = line.partition("\t")
        if family not in names.split(","):
            continue
        for part in charset.split():
            first, _, last = part.partition("-")
            ranges.append((int(first, 16), int(last or first, 16)))
    return tuple(sorted(ranges))


def _in(ranges: Coverage, codepoint: int) -> bool:
    return any(first <= codepoint <= last for first, last in ranges)
