"""`dot` and `flow.svg|png|pdf`: the touchpoint flow as a Graphviz graph.

The DOT source is built here in pure Python (dot_source.py, with the
escaping of dot_text.py), deterministic to the byte; the `flow.*` formats
hand it to the Graphviz `dot` program (dot_program.py). We write DOT
ourselves rather than through the `graphviz` Python package: the safety of
every label rests on escaping we fully control.
"""

from __future__ import annotations

import warnings

from ..model import Journey
from .dot_program import CJK, has_cjk_font, run_dot
from .dot_source import FlowWarning, build_dot
from .options import RenderOptions


class GraphvizRenderer:
    name = "graphviz"

    def render(self, journey: Journey, options: RenderOptions, fmt: str = "dot") -> bytes:
        source = build_dot(journey, options)
        if fmt == "dot":
            return source.encode("utf-8")
        kind = fmt.split(".", 1)[1]
        if CJK.search(source) and not has_cjk_font():
            warnings.warn(FlowWarning(
                "the map has Chinese, Japanese or Korean text and no font for it is installed: "
                "Graphviz would draw empty boxes (on Debian/Ubuntu: apt-get install fonts-noto-cjk)"),
                stacklevel=2)
        return run_dot(source.encode("utf-8"), kind)


renderer = GraphvizRenderer()
