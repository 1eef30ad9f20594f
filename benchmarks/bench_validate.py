"""Validate speed, as ratios against baselines measured in the same run.

    python3 benchmarks/bench_validate.py

Large maps: `validate` against the floor of parsing the same file with
`yaml.CSafeLoader` into plain dicts (target: <= 3x at 10,000 touchpoints).
Start-up is measured with every other goal by `bench_performance.py`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402
from timing import best_of  # noqa: E402

from journeymap.validation import validate_path  # noqa: E402


def floor(path: Path) -> None:
    with open(path, "rb") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)


def large_maps() -> None:
    print("validate of large maps (best of 3), ratio to CSafeLoader parsing alone")
    with tempfile.TemporaryDirectory() as folder:
        for size in (1_000, 10_000):
            path = Path(folder) / f"map-{size}.yaml"
            path.write_text(generate(size), "utf-8")
            result = validate_path(str(path))
            assert result.journey is not None, result.diagnostics[:3]
            base = best_of(lambda: floor(path), 3)
            ours = best_of(lambda: validate_path(str(path)), 3)
            mb = path.stat().st_size / 1e6
            print(f"  {size:>6} touchpoints ({mb:5.1f} MB): floor {base * 1000:7.1f} ms, "
                  f"validate {ours * 1000:7.1f} ms, ratio {ours / base:4.2f}x (target <= 3x)")


if __name__ == "__main__":
    large_maps()
