"""PNG and PDF against their goals, in one run, each figure beside its goal:

* the examples, whole runs (`journeymap render examples -f X -q -j 1`, start-up
  included): PNG within 5× and PDF within 3× the SVG time;
* a small map's PNG at least 5× faster than `mmdc -e png` of the same journey
  (skipped, with a message, where mmdc is missing);
* a 10,000-touchpoint map to PNG and to paged PDF (`--paper a3`) within 60 s and
  1.5 GB, the peak memory of the journeymap process alone.

    python3 benchmarks/bench_raster.py [--runs 5] [--touchpoints 10000]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generate import generate
from timing import command_median

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SMALL_MAP = EXAMPLES / "grocery-delivery.de.yaml"
JOURNEYMAP = [sys.executable, "-m", "journeymap"]
LARGE_TIMEOUT = 600.0   # seconds: far above the 60 s goal, so a slow run is reported, not waited for
PUPPETEER = {"executablePath": "/usr/bin/chromium",
             "args": ["--no-sandbox", "--disable-gpu", "--headless", "--disable-background-networking",
                      "--disable-component-update", "--disable-sync", "--no-first-run"]}

# Run in a fresh, small parent, so that RUSAGE_CHILDREN holds the child alone.
MEASURE_CHILD = """
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


def verdict(passed: bool) -> str:
    return "ok" if passed else "MISSED"


def examples(out: Path, runs: int) -> None:
    print(f"Examples, whole runs (median of {runs}):")
    seconds = {fmt: command_median([*JOURNEYMAP, "render", str(EXAMPLES), "-f", fmt, "-o",
                                    str(out / fmt), "-q", "-j", "1"], runs)
               for fmt in ("svg", "png", "pdf")}
    size = sum(path.stat().st_size for path in (out / "png").glob("*.png"))
    print(f"  svg {seconds['svg']:6.2f} s")
    for fmt, goal in (("png", 5.0), ("pdf", 3.0)):
        ratio = seconds[fmt] / seconds["svg"]
        print(f"  {fmt} {seconds[fmt]:6.2f} s  {ratio:5.1f}× svg   "
              f"goal ≤ {goal:g}×  {verdict(ratio <= goal)}")
    print(f"  png files: {size / 1e6:.2f} MB in all")


def against_mmdc(out: Path, runs: int) -> None:
    print(f"Small map ({SMALL_MAP.name}) to PNG, against mmdc (median of {runs}):")
    mmdc = shutil.which("mmdc")
    if mmdc is None:
        print("  skipped: mmdc is not installed (npm install -g @mermaid-js/mermaid-cli)")
        return
    mmd = subprocess.run([*JOURNEYMAP, "render", str(SMALL_MAP), "-f", "mmd", "-o", "-"],
                         capture_output=True, check=True).stdout
    (out / "small.mmd").write_bytes(mmd)
    (out / "puppeteer.json").write_text(json.dumps(PUPPETEER), encoding="utf-8")
    ours = command_median([*JOURNEYMAP, "render", str(SMALL_MAP), "-f", "png", "-o",
                           str(out / "ours.png"), "-q"], runs)
    theirs = command_median([mmdc, "-p", str(out / "puppeteer.json"), "-i", str(out / "small.mmd"),
                             "-o", str(out / "mmdc.png"), "-e", "png"], runs)
    if not (out / "mmdc.png").exists():
        print("  skipped: mmdc ran but wrote no PNG (is /usr/bin/chromium there?)")
        return
    ratio = theirs / ours
    print(f"  journeymap {ours:6.2f} s   mmdc {theirs:6.2f} s   {ratio:5.1f}× faster   "
          f"goal ≥ 5×  {verdict(ratio >= 5.0)}")


def large(out: Path, touchpoints: int) -> None:
    print(f"A {touchpoints:,}-touchpoint map (one run each, peak memory of the child):")
    source = out / "large.yaml"
    source.write_text(generate(touchpoints), encoding="utf-8")
    for label, extra in (("png", ["-f", "png"]), ("pdf a3", ["-f", "pdf", "--paper", "a3"])):
        argv = [*JOURNEYMAP, "render", str(source), *extra, "-o", str(out / f"large.{extra[1]}"), "-q"]
        report = json.loads(subprocess.run(
            [sys.executable, "-c", MEASURE_CHILD, json.dumps(argv), str(LARGE_TIMEOUT)],
            capture_output=True, check=True, text=True).stdout)
        if report["code"] is None:
            print(f"  {label:7} did not finish in {LARGE_TIMEOUT:.0f} s   goal ≤ 60 s  MISSED")
            continue
        passed = report["code"] == 0 and report["seconds"] <= 60 and report["peak_mib"] <= 1536
        print(f"  {label:7} {report['seconds']:6.1f} s  {report['peak_mib']:7.0f} MiB  exit {report['code']}"
              f"   goal ≤ 60 s, ≤ 1.5 GB  {verdict(passed)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--touchpoints", type=int, default=10_000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-raster-") as directory:
        out = Path(directory)
        examples(out, arguments.runs)
        against_mmdc(out, arguments.runs)
        large(out, arguments.touchpoints)


if __name__ == "__main__":
    main()
