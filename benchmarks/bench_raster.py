"""PNG and PDF against the goals of issue #13, in one run, each figure beside
its baseline (measured in the same run) and its goal:

* the examples, whole runs (`journeymap render examples -f X -q -j 1`, start-up
  included): PNG within 5× and PDF within 3× the SVG time;
* a small map's PNG at least 5× faster than `mmdc -e png` of the same journey
  (skipped, with a message, where mmdc is missing), with the split of that run
  into start-up and SVG (the SVG run) and the raster steps (measured in a fresh
  interpreter);
* a 10,000-touchpoint map to PNG and to paged PDF (`--paper a3`) within 60 s and
  1.5 GB, the peak memory of the journeymap process alone; its SVG run beside
  them as the baseline.

    python3 benchmarks/bench_raster.py [--runs 5] [--touchpoints 10000] [--quick]

--quick: three runs, and no 10,000-touchpoint map (about 2 minutes of the whole).
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
from timing import child_run, command_median

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SMALL_MAP = EXAMPLES / "grocery-delivery.de.yaml"
JOURNEYMAP = [sys.executable, "-m", "journeymap"]
LARGE_TIMEOUT = 600.0   # seconds: far above the 60 s goal, so a slow run is reported, not waited for
LARGE_SECONDS, LARGE_MIB = 60.0, 1536.0
PUPPETEER = {"executablePath": "/usr/bin/chromium",
             "args": ["--no-sandbox", "--disable-gpu", "--headless", "--disable-background-networking",
                      "--disable-component-update", "--disable-sync", "--no-first-run"]}

# The raster steps of one small map's PNG, each timed once in a fresh interpreter
# (the first time is what a command pays: fonts opened, glyphs rasterised).
RASTER_STEPS = """
import sys, time
from journeymap.validation import validate_text
from journeymap.renderers.options import RenderOptions
from journeymap.renderers.swimlane import svg_bytes
journey = validate_text(open(sys.argv[1], encoding="utf-8").read()).journey
svg = svg_bytes(journey, RenderOptions(theme="light"))
steps, last = [], time.perf_counter()
def step(name):
    global last
    now = time.perf_counter()
    steps.append((name, now - last))
    last = now
import skia
step("import skia")
from journeymap.renderers import raster, raster_skia, raster_svg, raster_text
raster.skia_available(); raster_text._font_collection()
step("font manager, fonts, ICU")
drawing = raster_skia.record(raster_svg.parse(raster._without_noncharacters(svg)))
step("parse + record (shaping)")
png = raster_skia.png(drawing, raster.png_scale(drawing.width, drawing.height, 2.0))
step("pixels + PNG encoding")
for name, seconds in steps:
    print(f"{name}\\t{seconds}")
"""


def verdict(passed: bool) -> str:
    return "met" if passed else "MISSED"


def examples(out: Path, runs: int) -> None:
    print(f"Examples, whole runs (median of {runs}):")
    seconds = {fmt: command_median([*JOURNEYMAP, "render", str(EXAMPLES), "-f", fmt, "-o",
                                    str(out / fmt), "-q", "-j", "1"], runs)
               for fmt in ("svg", "png", "pdf")}
    size = sum(path.stat().st_size for path in (out / "png").glob("*.png"))
    print(f"  svg {seconds['svg']:6.2f} s   (baseline)")
    for fmt, goal in (("png", 5.0), ("pdf", 3.0)):
        ratio = seconds[fmt] / seconds["svg"]
        print(f"  {fmt} {seconds[fmt]:6.2f} s  {ratio:5.1f}× svg   goal ≤ {goal:g}× svg  "
              f"{verdict(ratio <= goal)}")
    print(f"  png files: {size / 1e6:.2f} MB in all")


def against_mmdc(out: Path, runs: int) -> None:
    print(f"Small map ({SMALL_MAP.name}) to PNG, against mmdc (median of {runs}):")
    ours = command_median([*JOURNEYMAP, "render", str(SMALL_MAP), "-f", "png", "-o",
                           str(out / "ours.png"), "-q"], runs)
    svg = command_median([*JOURNEYMAP, "render", str(SMALL_MAP), "-f", "svg", "-o",
                          str(out / "ours.svg"), "-q"], runs)
    print(f"  journeymap png {ours:6.2f} s = start-up and SVG {svg:.2f} s (the svg run) "
          f"+ raster {ours - svg:.2f} s")
    steps = subprocess.run([sys.executable, "-c", RASTER_STEPS, str(SMALL_MAP)], capture_output=True,
                           check=True, text=True).stdout.splitlines()
    print("  raster steps, first time in a fresh process: " + ", ".join(
        f"{name} {float(seconds) * 1000:.0f} ms" for name, seconds in (line.split("\t") for line in steps)))
    mmdc = shutil.which("mmdc")
    if mmdc is None:
        print("  mmdc: skipped, not installed (npm install -g @mermaid-js/mermaid-cli)")
        return
    mmd = subprocess.run([*JOURNEYMAP, "render", str(SMALL_MAP), "-f", "mmd", "-o", "-"],
                         capture_output=True, check=True).stdout
    (out / "small.mmd").write_bytes(mmd)
    (out / "puppeteer.json").write_text(json.dumps(PUPPETEER), encoding="utf-8")
    theirs = command_median([mmdc, "-p", str(out / "puppeteer.json"), "-i", str(out / "small.mmd"),
                             "-o", str(out / "mmdc.png"), "-e", "png"], runs)
    if not (out / "mmdc.png").exists():
        print("  mmdc: skipped, it ran but wrote no PNG (is /usr/bin/chromium there?)")
        return
    ratio = theirs / ours
    print(f"  mmdc {theirs:6.2f} s (baseline): journeymap {ratio:4.1f}× faster   goal ≥ 5×  "
          f"{verdict(ratio >= 5.0)}")


def measure_child(argv: list[str]) -> dict[str, float | int | None]:
    return child_run(argv, LARGE_TIMEOUT)


def large(out: Path, touchpoints: int) -> None:
    print(f"A {touchpoints:,}-touchpoint map (one run each, peak memory of the child alone):")
    source = out / "large.yaml"
    source.write_text(generate(touchpoints), encoding="utf-8")
    for label, extra in (("svg", ["-f", "svg"]), ("png", ["-f", "png"]),
                         ("pdf a3", ["-f", "pdf", "--paper", "a3"])):
        report = measure_child([*JOURNEYMAP, "render", str(source), *extra,
                                "-o", str(out / f"large.{extra[1]}"), "-q"])
        seconds, peak, code = report["seconds"] or 0.0, report["peak_mib"] or 0.0, report["code"]
        if code is None:
            print(f"  {label:7} did not finish in {LARGE_TIMEOUT:.0f} s   goal ≤ 60 s  MISSED")
            continue
        figure = f"  {label:7} {seconds:6.1f} s  {peak:6.0f} MiB  exit {code}"
        if label == "svg":
            print(f"{figure}   (baseline: the same map as SVG)")
            continue
        passed = code == 0 and seconds <= LARGE_SECONDS and peak <= LARGE_MIB
        size = (out / f"large.{extra[1]}").stat().st_size / 1e6 if code == 0 else 0.0
        print(f"{figure}   {size:5.0f} MB   goal ≤ {LARGE_SECONDS:.0f} s and ≤ {LARGE_MIB:.0f} MiB  "
              f"{verdict(passed)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--touchpoints", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="three runs; no 10,000-touchpoint map")
    arguments = parser.parse_args()
    runs = 3 if arguments.quick else arguments.runs
    with tempfile.TemporaryDirectory(prefix="bench-raster-") as directory:
        out = Path(directory)
        examples(out, runs)
        against_mmdc(out, runs)
        if arguments.quick:
            print(f"A {arguments.touchpoints:,}-touchpoint map: skipped (--quick)")
        else:
            large(out, arguments.touchpoints)


if __name__ == "__main__":
    main()
