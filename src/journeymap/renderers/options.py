"""What the user chose for an output, beyond the map itself, as typed fields."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .raster_options import RasterOptions

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Journey
    from ..presentation import Presentation
    from ..presentation.texts import Lane

THEMES = ("light", "dark", "print", "auto")


@dataclass(frozen=True)
class FlowOptions:
    """The Graphviz flow graph (`dot`, `flow.svg|png|pdf`)."""

    direction: str = "LR"                       # "LR" (left to right) or "TB" (top to bottom)
    personas: tuple[str, ...] | None = None     # show the emotions of these personas only
    edge_labels: bool = False                   # name the channel on edges that change it


@dataclass(frozen=True)
class RenderOptions:
    """`locale` and `lanes` override the map's own when given; `previous`
    holds the emotions of an earlier version of the map by touchpoint id
    ({persona id or "": value}), drawn under today's curve (`--compare`);
    `output_name` is the file name the output is written to (None: standard
    output, or a caller that does not say), so a page can link its siblings."""

    theme: str = "light"
    locale: str | None = None
    lanes: tuple[str, ...] | None = None
    flow: FlowOptions = field(default_factory=FlowOptions)
    previous: Mapping[str, Mapping[str, int]] | None = None
    raster: RasterOptions = field(default_factory=RasterOptions)  # PNG and PDF
    output_name: str | None = None

    def locale_for(self, journey: Journey) -> str:
        return self.locale or journey.locale

    def lanes_for(self, journey: Journey) -> list[Lane]:
        """The lanes to draw: the map's own, or those chosen with --lanes (a
        built-in lane, or a custom lane this map declares; others are left out)."""
        from ..presentation.texts import chosen_lanes

        return chosen_lanes(journey, self.lanes)


def presentation(journey: Journey, options: RenderOptions) -> Presentation:
    """The map as the outputs show it, in the chosen language and lanes."""
    from ..presentation import Presentation

    return Presentation(journey, options.locale, options.lanes, options.previous)
