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


def commands_median(commands: dict[str, list[str]], runs: int = 9,
                    cwd: str | None = None) -> dict[str, float]:
    """The median wall time of each command, run in turns (a, b, c, a, b, c,
    ...) so that a busy moment of the machine falls on all of them alike."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for argv in commands.values():  # warm: byte code and the disk cache
        subprocess.run(argv, check=False, capture_output=True, env=environment, cwd=cwd)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            start = time.perf_counter()
            subprocess.run(argv, check=False, capture_output=True, env=environment, cwd=cwd)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


# Runs in a fresh, small parent, so that RUSAGE_CHILDREN holds the child alone
# (a child's peak also counts the pages of a large parent it was forked from).
_MEASURE_CHILD = """
import json, resource, subprocess, sys, time
argv, timeout = json.loads(sys.argv[1]), float(sys.argv[2])
start = time.perf_counter()
try:
    code = subprocess.run(argv, capture_output=True, timeout=timeout).returncode
except subprocess.TimeoutExpired:
    code = None
seconds = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": code, "seconds": seconds, "peak_mib": peak_kib / 1024}))
"""


def child_run(argv: list[str], timeout: float) -> dict[str, float | int | None]:
    """Wall time, exit code (None: timed out) and peak memory in MiB of one
    command, measured from a small parent process."""
    import json
    import sys

    out = subprocess.run([sys.executable, "-c", _MEASURE_CHILD, json.dumps(argv), str(timeout)],
                         capture_output=True, check=True).stdout
    result: dict[str, float | int | None] = json.loads(out)
    return result
