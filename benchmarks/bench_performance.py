"""Every performance goal of journeymap in one run, each figure beside the
baseline it is measured against in the same run, and met or missed:

1. start-up: `journeymap render small.yaml -f svg` against `python -c "import
   yaml, pydantic"` (goal <= 2x, stretch 1.5x) and against `mmdc` drawing the
   same journey (goal: 10x faster); the floors the command stands on beside it;
2. linear growth: validate and render (svg, md, json, dot) of 1,000 and 20,000
   touchpoints in a `next` chain, and of 1,000 and 20,000 stages: time(20k) /
   time(1k) <= 30 (lean maps: every field of 20,000 touchpoints is more than
   the 10 MB a journey file may have);
3. 10,000 touchpoints to SVG: <= 3x `validate` of the same map, <= 300 MB;
4. 10,000 touchpoints to PNG and to a paged PDF (A3): <= 60 s, <= 1.5 GB;
5. watch: from the save of a small map to its new SVG on disk, median of 20
   saves <= 100 ms (stretch 50 ms), beside the render's own cost;
6. 1,000 small maps in one `render` run with all cores: <= 10 ms per map.

Peak memory is that of the journeymap process alone, read by a small parent.

    python3 benchmarks/bench_performance.py [--quick] [--only 1,2,...]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402
from timing import child_run, commands_median  # noqa: E402

ROOT = HERE.parent
SMALL_MAP = ROOT / "examples" / "grocery-delivery.de.yaml"
JOURNEYMAP = [shutil.which("journeymap") or sys.executable] + ([] if shutil.which("journeymap")
                                                               else ["-m", "journeymap"])
PUPPETEER = {"executablePath": "/usr/bin/chromium",
             "args": ["--no-sandbox", "--disable-gpu", "--headless", "--disable-background-networking",
                      "--disable-component-update", "--disable-sync", "--no-first-run"]}
MB = 1024 * 1024


def verdict(passed: bool) -> str:
    return "met" if passed else "MISSED"


def start_up(folder: Path, runs: int) -> None:
    print(f"1. Start-up: one small map ({SMALL_MAP.name}) to SVG, whole commands (median of {runs})")
    py = sys.executable
    commands = {
        "python -c pass": [py, "-c", "pass"],
        "python -c 'import yaml, pydantic' (baseline)": [py, "-c", "import yaml, pydantic"],
        "python -c 'import yaml, typer, pydantic.main'": [py, "-c", "import yaml, typer, pydantic.main"],
        "journeymap --version": [*JOURNEYMAP, "--version"],
        "journeymap validate small.yaml": [*JOURNEYMAP, "validate", str(SMALL_MAP), "-q"],
        "journeymap render small.yaml -f svg": [*JOURNEYMAP, "render", str(SMALL_MAP), "-f", "svg",
                                                "-o", str(folder / "small.svg"), "-q"],
    }
    mmdc = shutil.which("mmdc")
    if mmdc:
        (folder / "small.mmd").write_bytes(subprocess.run(
            [*JOURNEYMAP, "render", str(SMALL_MAP), "-f", "mmd", "-o", "-"], capture_output=True,
            check=True).stdout)
        (folder / "puppeteer.json").write_text(json.dumps(PUPPETEER), "utf-8")
        commands["mmdc -i small.mmd -o small.svg"] = [
            mmdc, "-p", str(folder / "puppeteer.json"), "-i", str(folder / "small.mmd"),
            "-o", str(folder / "mmdc.svg")]
    # In an empty folder: no settings file of this checkout is read.
    seconds = commands_median(commands, runs, cwd=str(folder))
    base = seconds["python -c 'import yaml, pydantic' (baseline)"]
    for name, value in seconds.items():
        print(f"   {name:48} {value * 1000:7.0f} ms  {value / base:5.2f}x baseline")
    ours = seconds["journeymap render small.yaml -f svg"]
    print(f"   render: {ours / base:.2f}x baseline, goal <= 2x: {verdict(ours <= 2 * base)}, "
          f"stretch 1.5x: {verdict(ours <= 1.5 * base)}")
    if mmdc and (folder / "mmdc.svg").exists():
        faster = seconds["mmdc -i small.mmd -o small.svg"] / ours
        print(f"   {faster:.1f}x faster than mmdc, goal >= 10x: {verdict(faster >= 10)}")
    else:
        print("   mmdc: not installed or wrote nothing (npm install -g @mermaid-js/mermaid-cli)")
    start_up_profile(folder)


def start_up_profile(folder: Path) -> None:
    """Where the start-up goes: import time by package (python -X importtime),
    the rest being the work itself. This is what bounds goal 1."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "journeymap", "render",
                           str(SMALL_MAP), "-f", "svg", "-o", str(folder / "profiled.svg"), "-q"],
                          capture_output=True, text=True, cwd=folder)
    by_package: dict[str, float] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, _, name = (part.strip() for part in line[len("import time:"):].split("|"))
        parts = name.split(".")
        package = ".".join(parts[:2]) if parts[0] == "journeymap" and len(parts) > 1 else parts[0]
        by_package[package] = by_package.get(package, 0.0) + int(own) / 1000
    total = sum(by_package.values())
    top = sorted(by_package.items(), key=lambda item: -item[1])[:12]
    print(f"   imports take {total:.0f} ms in all (self time, under -X importtime); the largest:")
    print("   " + ", ".join(f"{name} {ms:.0f}" for name, ms in top))


def _timed(function, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def linear(folder: Path, quick: bool) -> None:
    from journeymap.renderers import RenderOptions
    from journeymap.renderers.registry import load
    from journeymap.validation import validate_path

    small, large = (500, 5_000) if quick else (1_000, 20_000)
    goal = 30 * (large / small) / 20  # 30 for 1,000 -> 20,000: growth at most 1.5x the size's
    print(f"2. Linear growth: time({large:,}) / time({small:,}), in process (best of 2), goal <= {goal:g}")
    formats = ("svg", "md", "json", "dot")
    gc.disable()  # as the command line runs
    for shape, per_stage in (("touchpoints in a next chain", 10), ("stages", 1)):
        times: dict[str, list[float]] = {}
        for size in (small, large):
            path = folder / f"{shape[:5]}-{size}.yaml"
            path.write_text(generate(size, per_stage=per_stage, lean=True), "utf-8")
            repeat = 2 if size == small or not quick else 1
            times.setdefault("validate", []).append(
                _timed(lambda path=path: validate_path(str(path)), repeat))
            journey = validate_path(str(path)).journey
            assert journey is not None, f"the generated map {path.name} does not validate"
            for fmt in formats:
                renderer = load(fmt)
                times.setdefault(fmt, []).append(_timed(
                    lambda r=renderer, j=journey, f=fmt: r.render(j, RenderOptions(), f), repeat))
        print(f"   {shape}:")
        for name, (a, b) in times.items():
            growth = b / a
            print(f"     {name:8} {a * 1000:8.0f} ms -> {b * 1000:8.0f} ms   {growth:5.1f}x  "
                  f"{verdict(growth <= goal)}")
    gc.enable()


def large_svg(folder: Path, touchpoints: int) -> None:
    print(f"3. {touchpoints:,} touchpoints to SVG, whole commands (one run each, peak of the child)")
    path = folder / f"big-{touchpoints}.yaml"
    path.write_text(generate(touchpoints), "utf-8")
    validate = child_run([*JOURNEYMAP, "validate", str(path), "-q"], 600)
    svg = child_run([*JOURNEYMAP, "render", str(path), "-f", "svg", "-o", str(folder / "big.svg"), "-q"],
                    600)
    assert isinstance(validate["seconds"], float) and isinstance(svg["seconds"], float)
    ratio = svg["seconds"] / validate["seconds"]
    print(f"   validate (baseline) {validate['seconds']:6.1f} s  {validate['peak_mib']:6.0f} MiB")
    print(f"   render -f svg       {svg['seconds']:6.1f} s  {svg['peak_mib']:6.0f} MiB  exit {svg['code']}  "
          f"{ratio:4.2f}x validate, goal <= 3x: {verdict(ratio <= 3)}; "
          f"<= 300 MB: {verdict(svg['peak_mib'] * MB <= 300e6)}")


def large_raster(folder: Path, touchpoints: int) -> None:
    print(f"4. {touchpoints:,} touchpoints to PNG and to a paged PDF (one run each, peak of the child)")
    path = folder / f"big-{touchpoints}.yaml"
    if not path.exists():
        path.write_text(generate(touchpoints), "utf-8")
    validate = child_run([*JOURNEYMAP, "validate", str(path), "-q"], 600)
    print(f"   validate (baseline)      {validate['seconds']:6.1f} s  {validate['peak_mib']:6.0f} MiB")
    for label, extra in (("render -f png", ["-f", "png"]), ("render -f pdf --paper a3",
                                                            ["-f", "pdf", "--paper", "a3"])):
        report = child_run([*JOURNEYMAP, "render", str(path), *extra, "-o", str(folder / "raster"),
                            "-q"], 300)
        if report["code"] is None:
            print(f"   {label:24} did not finish in 300 s: goal <= 60 s MISSED")
            continue
        seconds, peak = float(report["seconds"] or 0), float(report["peak_mib"] or 0)
        print(f"   {label:24} {seconds:6.1f} s  {peak:6.0f} MiB  exit {report['code']}  "
              f"<= 60 s: {verdict(seconds <= 60)}; <= 1.5 GB: {verdict(peak * MB <= 1.5e9)}")


WATCHED = "title: draft {n}\nstages:\n  - name: Stage\n    touchpoints:\n      - name: Step {n}\n"


def watch(folder: Path, saves: int = 20) -> None:
    from journeymap.renderers import RenderOptions
    from journeymap.renderers.registry import load
    from journeymap.validation import validate_path

    print(f"5. watch: save of a small map -> its new SVG on disk ({saves} saves)")
    path, out = folder / "watched.yaml", folder / "watched-out"
    path.write_text(WATCHED.format(n=0), "utf-8")
    renderer, alone = load("svg"), []
    for _ in range(saves):
        start = time.perf_counter()
        renderer.render(validate_path(str(path)).journey, RenderOptions(), "svg")
        alone.append(time.perf_counter() - start)
    target = out / "watched.svg"
    process = subprocess.Popen([*JOURNEYMAP, "watch", str(path), "-f", "svg", "-o", str(out)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=folder)
    try:
        _wait_for(target, "draft 0", 30)
        time.sleep(0.5)  # the watcher is set up after the first render
        latency = []
        for n in range(1, saves + 1):
            time.sleep(0.2)  # one save at a time, as a person saves
            start = time.perf_counter()
            path.write_text(WATCHED.format(n=n), "utf-8")
            _wait_for(target, f"draft {n}", 10)
            latency.append(time.perf_counter() - start)
    finally:
        process.terminate()
        process.wait(10)
    median, base = statistics.median(latency), statistics.median(alone)
    print(f"   validate + SVG alone (baseline) median {base * 1000:6.1f} ms")
    print(f"   save -> new SVG on disk         median {median * 1000:6.1f} ms "
          f"(min {min(latency) * 1000:.1f}, max {max(latency) * 1000:.1f})  "
          f"goal <= 100 ms: {verdict(median <= 0.1)}; stretch 50 ms: {verdict(median <= 0.05)}")


def _wait_for(target: Path, text: str, timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    needle = text.encode()
    while time.perf_counter() < deadline:
        try:
            if needle in target.read_bytes():
                return
        except OSError:
            pass
        time.sleep(0.001)
    raise RuntimeError(f"{target} did not show {text!r} within {timeout} s")


def many_maps(folder: Path, count: int) -> None:
    print(f"6. {count:,} small maps in one render run, all cores ({os.cpu_count()}), -f svg (median of 3)")
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    maps = folder / "many"
    maps.mkdir()
    for n in range(count):
        shutil.copy(examples[n % len(examples)], maps / f"{n:04d}-{examples[n % len(examples)].name}")
    one = sorted(maps.iterdir())[0]
    runs = commands_median({
        "one": [*JOURNEYMAP, "render", str(one), "-f", "svg", "-o", str(folder / "one"), "-q", "-j", "0"],
        "all": [*JOURNEYMAP, "render", str(maps), "-f", "svg", "-o", str(folder / "all"), "-q", "-j", "0"],
    }, runs=3)
    per_map = (runs["all"] - runs["one"]) / (count - 1)
    print(f"   one map (baseline) {runs['one'] * 1000:7.0f} ms; {count:,} maps {runs['all']:6.1f} s; "
          f"{per_map * 1000:5.2f} ms per further map, goal <= 10 ms: {verdict(per_map <= 0.010)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="smaller maps and fewer runs: a check that it works, not the figures")
    parser.add_argument("--only", default="1,2,3,4,5,6", help="which sections, e.g. 1,5")
    args = parser.parse_args()
    sections = {int(s) for s in args.only.split(",")}
    touchpoints = 1_000 if args.quick else 10_000
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        steps = {1: lambda: start_up(folder, 5 if args.quick else 11),
                 2: lambda: linear(folder, args.quick),
                 3: lambda: large_svg(folder, touchpoints),
                 4: lambda: large_raster(folder, touchpoints),
                 5: lambda: watch(folder, 5 if args.quick else 20),
                 6: lambda: many_maps(folder, 100 if args.quick else 1_000)}
        for number in sorted(sections):
            steps[number]()
            sys.stdout.flush()


if __name__ == "__main__":
    main()
