"""The swimlane SVG at scale, in process: time and peak Python memory of
layout + SVG for maps of 1,000 and 10,000 touchpoints, as a ratio to load +
validate of the same file (targets at 10,000: <= 2x, < 300 MB). Whole
commands, start-up and the comparison with mmdc are in `bench_performance.py`.

    python3 benchmarks/bench_svg.py
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

from journeymap.renderers import RenderOptions  # noqa: E402
from journeymap.renderers.swimlane import svg_bytes  # noqa: E402
from journeymap.validation import validate_path  # noqa: E402


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def large_maps() -> None:
    # The command line runs without the cyclic garbage collector (see cli.py); so do we.
    gc.disable()
    print("swimlane SVG of large maps (best of 3, cyclic GC off as in the command)")
    with tempfile.TemporaryDirectory() as folder:
        for size in (1_000, 10_000):
            path = Path(folder) / f"m{size}.yaml"
            path.write_text(generate(size), "utf-8")
            floor = min(timed(lambda: validate_path(str(path)))[0] for _ in range(3))
            journey = validate_path(str(path)).journey
            took = min(timed(lambda: svg_bytes(journey, RenderOptions()))[0]
                       for _ in range(3))
            tracemalloc.start()
            document = svg_bytes(journey, RenderOptions())
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(f"  {size:>6} touchpoints: load + validate {floor * 1000:7.0f} ms, SVG {took * 1000:7.0f} ms "
                  f"(ratio {took / floor:4.2f}x), peak memory of SVG {peak / 1e6:6.1f} MB, "
                  f"{len(document) / 1e6:5.1f} MB of SVG")
    gc.enable()


if __name__ == "__main__":
    large_maps()
