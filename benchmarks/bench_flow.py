"""The Graphviz flow at scale.

    python3 benchmarks/bench_flow.py [--naive]

1. `dot -Tsvg` layout time of the DOT we write, for maps of 100, 1,000 and
   3,000 touchpoints (one back-edge in ten; target: 1,000 in <= 5 s), and
   with --naive the same graphs with back-edges written as they run (what
   Graphviz must then break cycles for), with a 120 s limit.
2. DOT generation for 10,000 touchpoints as a ratio to load + validate.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

from journeymap.renderers import RenderOptions  # noqa: E402
from journeymap.renderers.graphviz import build_dot  # noqa: E402
from journeymap.validation import validate_path  # noqa: E402

_BACK = re.compile(r'^  ("tp:[^"]+") -> ("tp:[^"]+") \[(.*)dir="back", (.*)\];$', re.MULTILINE)


def naive(source: str) -> str:
    """The same graph with each back-edge drawn from its source to its target."""
    return _BACK.sub(lambda m: f"  {m.group(2)} -> {m.group(1)} [{m.group(3)}{m.group(4)}];", source)


def stages_in_order(source: str) -> str:
    """A fast layout can be a degenerate one: check that every stage's
    cluster starts right of the one before, and each forward edge runs right."""
    done = subprocess.run(["dot", "-Tjson"], input=source.encode(), capture_output=True, timeout=300)
    graph = __import__("json").loads(done.stdout)
    lefts = [float(o["bb"].split(",")[0]) for o in graph["objects"] if o["name"].startswith("cluster_stage_")]
    pos = {o["_gvid"]: float(o["pos"].split(",")[0]) for o in graph["objects"] if "pos" in o}
    forward = [e for e in graph.get("edges", []) if e.get("dir") != "back" and e.get("style") != "invis"]
    rightward = sum(1 for e in forward if pos[e["head"]] > pos[e["tail"]])
    ordered = "stages in order" if lefts == sorted(lefts) else "STAGES OUT OF ORDER"
    return f"{ordered}, {rightward}/{len(forward)} forward edges run rightwards"


def lay_out(source: str, limit: float = 120.0) -> str:
    start = time.perf_counter()
    try:
        done = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return f"> {limit:.0f} s (stopped)"
    took = time.perf_counter() - start
    if done.returncode != 0:
        return f"failed after {took:.1f} s: {done.stderr.decode(errors='replace').strip()[:80]}"
    return f"{took:6.2f} s"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        print("dot -Tsvg layout time (one back-edge in ten touchpoints)")
        for long in (False, True):
            kind = "long back-edges (up to 500 back)" if long else "short back-edges (15 back)"
            print(f" {kind}")
            for size in (100, 1_000, 3_000):
                path = Path(folder) / f"m{size}.yaml"
                path.write_text(generate(size, long_back_edges=long), "utf-8")
                journey = validate_path(str(path)).journey
                source = build_dot(journey, RenderOptions())
                backs = source.count('dir="back"')
                line = (f"  {size:>5} touchpoints, {backs:>4} back-edges: ours {lay_out(source)} "
                        f"({stages_in_order(source)})")
                if "--naive" in sys.argv:
                    line += f"; naive {lay_out(naive(source))}"
                print(line, flush=True)
        path = Path(folder) / "m10000.yaml"
        path.write_text(generate(10_000), "utf-8")
        start = time.perf_counter()
        journey = validate_path(str(path)).journey
        floor = time.perf_counter() - start
        start = time.perf_counter()
        build_dot(journey, RenderOptions())
        took = time.perf_counter() - start
        print(f"DOT for 10,000 touchpoints: {took * 1000:.0f} ms, load + validate {floor * 1000:.0f} ms, "
              f"ratio {took / floor:.2f}")


if __name__ == "__main__":
    main()
