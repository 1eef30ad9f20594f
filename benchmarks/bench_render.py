"""Render speed, as ratios against load + validate measured in the same run.

    python3 benchmarks/bench_render.py

1. One map of 10,000 touchpoints to `md` and `json`: load + validate + render
   against load + validate alone (target for md: <= 1.5x).
2. 100 small maps in one run of the command, text formats: the cost of each
   map after start-up (target: <= 10 ms each), with one worker and with all
   cores (`bench_performance.py` measures 1,000 maps to SVG).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402
from timing import best_of  # noqa: E402

from journeymap.renderers import RenderOptions  # noqa: E402
from journeymap.renderers.registry import load  # noqa: E402
from journeymap.validation import validate_path  # noqa: E402

EXAMPLES = HERE.parent / "examples"


def large_map(formats=("md", "json")) -> None:
    print("one map of 10,000 touchpoints (best of 3)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.yaml"
        path.write_text(generate(10_000), "utf-8")
        floor = best_of(lambda: validate_path(str(path)))
        print(f"  load + validate:          {floor * 1000:7.1f} ms")
        for fmt in formats:
            renderer = load(fmt)

            def full():
                journey = validate_path(str(path)).journey
                return renderer.render(journey, RenderOptions(), fmt)

            total = best_of(full)
            print(f"  load + validate + {fmt:<6}  {total * 1000:7.1f} ms, ratio {total / floor:4.2f}x")


def command(argv) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - start


def many_small_maps(count: int = 100) -> None:
    print(f"{count} small maps in one run (median of 3), -f md -f mmd -f json")
    examples = sorted(EXAMPLES.glob("*.yaml"))
    with tempfile.TemporaryDirectory() as folder:
        src = Path(folder) / "maps"
        src.mkdir()
        for n in range(count):
            shutil.copy(examples[n % len(examples)], src / f"{n:03d}-{examples[n % len(examples)].name}")
        one = src / "000-" f"{examples[0].name}"
        base = [sys.executable, "-m", "journeymap", "render", "-f", "md", "-f", "mmd", "-f", "json",
                "--quiet"]
        for jobs in ("1", "0"):
            single, many = [], []
            for run in range(3):
                out = Path(folder) / f"out-{jobs}-{run}"
                single.append(command(base + ["-j", jobs, "-o", str(out / "one"), str(one)]))
                many.append(command(base + ["-j", jobs, "-o", str(out / "all"), str(src)]))
            single_t, many_t = sorted(single)[1], sorted(many)[1]
            per_map = (many_t - single_t) / (count - 1)
            label = "1 worker " if jobs == "1" else "all cores"
            print(f"  {label}: 1 map {single_t * 1000:6.1f} ms, {count} maps {many_t * 1000:7.1f} ms, "
                  f"{per_map * 1000:5.2f} ms per extra map (target <= 10 ms)")


if __name__ == "__main__":
    large_map()
    many_small_maps()
