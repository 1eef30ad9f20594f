"""Validate speed, as ratios against baselines measured in the same run.

    python3 benchmarks/bench_validate.py

1. Large maps: `validate` against the floor of parsing the same file with
   `yaml.CSafeLoader` into plain dicts (target: <= 3x at 10,000 touchpoints).
2. Start-up: `journeymap validate small.yaml` start to exit against
   `python -c "import yaml, pydantic"` (target: <= 2x).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402
from timing import best_of, command_median  # noqa: E402

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


def start_up() -> None:
    small = HERE.parent / "examples" / "family-flight-booking.yaml"
    base = command_median([sys.executable, "-c", "import yaml, pydantic"])
    ours = command_median([sys.executable, "-m", "journeymap", "validate", str(small)])
    print("start to exit (median of 15)")
    print(f"  python -c 'import yaml, pydantic': {base * 1000:6.1f} ms")
    print(f"  journeymap validate small.yaml:    {ours * 1000:6.1f} ms, ratio {ours / base:4.2f}x "
          "(target <= 2x)")


if __name__ == "__main__":
    if "--start-up-only" not in sys.argv:
        large_maps()
    start_up()
