"""Renderers: the validated journey in, the bytes of one artifact out.

A renderer is found through the entry-point group `journeymap.renderers`. The
entry point's name is the format it writes (`md`, `flow.svg`, ...) and its
value an object with a `render(journey, options, fmt) -> bytes` method; the
built-in renderers are registered in journeymap's own package metadata
exactly the way a plug-in registers its own (see docs/plugins.md).

A renderer reads no files and no command line: everything it needs is in the
journey and the options, so `--check`, tests and plug-ins all work in memory.
What it shows of the map comes from `journeymap.presentation`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from .options import THEMES, FlowOptions, RenderOptions

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Journey


@runtime_checkable
class Renderer(Protocol):
    """The interface a renderer (built-in or plug-in) provides."""

    #: A short human name, shown by `journeymap renderers`.
    name: str

    def render(self, journey: Journey, options: RenderOptions, fmt: str) -> bytes:
        """The complete bytes of the artifact in format `fmt`."""
        ...


class RenderError(Exception):
    """A renderer could not produce the artifact of this map (a number JSON
    cannot carry, a layout Graphviz refuses); the message is shown as it is
    and the run exits with status 1. A program or library the machine lacks
    is `journeymap.errors.EnvironmentProblem` instead (exit 2)."""


__all__ = ["RenderOptions", "FlowOptions", "Renderer", "RenderError", "THEMES"]
