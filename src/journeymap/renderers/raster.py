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
from functools import lru_cache

from ..layout.fonts import BASE_FAMILY, EMOJI_FAMILY, cjk_family, runs
from ..model import Journey
from . import RenderError

PNG_SCALE = 2.0  # pixels per SVG unit: sharp on high-density screens and in print


class FontWarning(UserWarning):
    """The picture was made, but some text may show as empty boxes."""


def rasterise(svg: str, fmt: str, journey: Journey) -> bytes:
    try:
        import cairosvg
    except (ImportError, OSError) as exc:  # OSError: the cairo library itself is missing
        raise RenderError(f"PNG and PDF need CairoSVG and the cairo library ({exc}); "
                          "install cairo (apt-get install libcairo2) and reinstall journeymap",
                          usage=True) from exc
    _warn_about_missing_glyphs(svg, journey)
    if fmt == "png":
        return cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=PNG_SCALE)
    data = cairosvg.svg2pdf(bytestring=svg.encode("utf-8"))
    return _stable_pdf(data)


def _stable_pdf(data: bytes) -> bytes:
    """cairo stamps the time of making into the PDF; the same map must give
    the same bytes, so the stamp is replaced with a fixed one of equal length."""
    return re.sub(rb"/CreationDate \(D:[0-9+\-Z']+\)",
                  lambda m: b"/CreationDate (D:" + b"0" * (len(m.group()) - 18) + b")", data)


def _visible_text(svg: str) -> str:
    text = re.sub(r"<title.*?</title>|<desc.*?</desc>", "", svg, flags=re.S)
    return re.sub(r"<[^>]+>", "", text)


def _warn_about_missing_glyphs(svg: str, journey: Journey) -> None:
    families = {"base": BASE_FAMILY, "cjk": cjk_family(journey.locale), "emoji": EMOJI_FAMILY}
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
            "or Ubuntu: apt-get install fonts-dejavu-core fonts-noto-cjk fonts-noto-color-emoji"))


@lru_cache(maxsize=None)
def _coverage(family: str):
    """The code-point ranges an installed family covers (None: unknown)."""
    program = shutil.which("fc-list")
    if program is None:
        return None
    done = subprocess.run([program, "--format", "%{family}\t%{charset}\n", family],
                          capture_output=True, text=True, timeout=60)
    ranges: list[tuple[int, int]] = []
    for line in done.stdout.splitlines():
        names, _, charset = line.partition("\t")
        if family not in names.split(","):
            continue
        for part in charset.split():
            first, _, last = part.partition("-")
            ranges.append((int(first, 16), int(last or first, 16)))
    return tuple(sorted(ranges))


def _in(ranges, codepoint: int) -> bool:
    return any(first <= codepoint <= last for first, last in ranges)
