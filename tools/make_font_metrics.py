"""Regenerate the advance-width tables in src/journeymap/layout/metrics/.

    python3 tools/make_font_metrics.py /usr/share/fonts/truetype/dejavu

The swimlane SVG asks for DejaVu Sans (Debian's fonts-dejavu-core) and wraps
text by these widths, so that what the browser draws fits its box. Widths are
in font units (units_per_em per em), as runs [first, last, advance] of code
points sharing an advance."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

OUT = Path(__file__).resolve().parent.parent / "src" / "journeymap" / "layout" / "metrics"


def table(path: Path) -> dict:
    font = TTFont(path)
    metrics = font["hmtx"].metrics
    cmap = font.getBestCmap()
    runs: list[list[int]] = []
    for codepoint in sorted(cmap):
        advance = metrics[cmap[codepoint]][0]
        if runs and runs[-1][1] == codepoint - 1 and runs[-1][2] == advance:
            runs[-1][1] = codepoint
        else:
            runs.append([codepoint, codepoint, advance])
    return {"family": font["name"].getDebugName(1), "units_per_em": font["head"].unitsPerEm,
            "runs": runs}


def main(folder: str) -> None:
    for name, file in (("dejavu-sans", "DejaVuSans.ttf"), ("dejavu-sans-bold", "DejaVuSans-Bold.ttf")):
        data = table(Path(folder) / file)
        (OUT / f"{name}.json").write_text(json.dumps(data, separators=(",", ":")) + "\n", "utf-8")
        print(f"{name}: {len(data['runs'])} runs")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/dejavu")
