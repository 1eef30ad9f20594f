"""PNG (2×) and PDF time of every example, as a ratio to its SVG time, in one run.

    python3 benchmarks/bench_raster.py
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from journeymap.model import Journey
from journeymap.renderers import RenderOptions
from journeymap.renderers.raster import rasterise
from journeymap.renderers.swimlane import svg_bytes
from journeymap.validation import validate_path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def median_ms(action: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def draw(journey: Journey, options: RenderOptions, fmt: str) -> bytes:
    """From the map, as `journeymap render -f png|pdf` does: SVG, then the rasteriser."""
    return rasterise(svg_bytes(journey, options).decode("utf-8"), fmt, journey)


def main() -> None:
    print(f"{'map':34} {'svg ms':>7} {'png ms':>7} {'pdf ms':>7} {'png/svg':>8} {'pdf/svg':>8}")
    for path in sorted(EXAMPLES.glob("*.yaml")):
        journey = validate_path(path).journey
        if journey is None:
            continue
        options = RenderOptions()
        svg = svg_bytes(journey, options).decode("utf-8")
        rasterise(svg, "pdf", journey)  # first call sets up the fonts
        svg_ms = median_ms(partial(svg_bytes, journey, options))
        png_ms = median_ms(partial(draw, journey, options, "png"))
        pdf_ms = median_ms(partial(draw, journey, options, "pdf"))
        print(f"{path.stem:34} {svg_ms:7.0f} {png_ms:7.0f} {pdf_ms:7.0f} "
              f"{png_ms / svg_ms:8.1f} {pdf_ms / svg_ms:8.1f}")


if __name__ == "__main__":
    main()
