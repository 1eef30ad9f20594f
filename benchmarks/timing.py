"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import time


def best_of(function, repeat: int = 3) -> float:
    """The fastest of `repeat` runs, in seconds (the least disturbed one)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def command_median(argv: list[str], runs: int = 9) -> float:
    """The median wall time of a whole command, in seconds, with byte code
    cached as an installed package has it (`pip install` compiles it; a
    development checkout under PYTHONDONTWRITEBYTECODE would recompile every
    module on every start and measure the compiler instead)."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(argv, check=False, capture_output=True, env=environment)  # warm: writes the cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=False, capture_output=True, env=environment)
        times.append(time.perf_counter() - start)
    return statistics.median(times)
