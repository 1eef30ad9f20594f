"""Renderers: the validated journey in, the bytes of one artifact out.

A renderer is found through the entry-point group `journeymap.renderers`. The
entry point's name is the format it writes (`md`, `flow.svg`, ...) and its
value an object with a `render(journey, options, fmt) -> bytes` method; the
built-in renderers are registered in journeymap's own package metadata
exactly the way a plug-in registers its own (see docs/plugins.md).

A renderer reads no files and no command line: everything it needs is in the
journey and the options, so `--check`, tests and plug-ins all work in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Protocol, runtime_checkable

THEMES = ("light", "dark", "print")


@dataclass(frozen=True)
class RenderOptions:
    """What the user chose, beyond the journey itself.

    `locale` and `lanes` override the map's own when given; `settings` carries
    renderer-specific options (for example `direction` for the flow graph).
    """

    theme: str = "light"
    locale: Optional[str] = None
    lanes: Optional[tuple[str, ...]] = None
    settings: Mapping[str, Any] = field(default_factory=dict)

    def locale_for(self, journey) -> str:
        return self.locale or journey.locale

    def lanes_for(self, journey) -> list:
        """The lanes to draw: the map's own, or those chosen with --lanes (a
        built-in lane, or a custom lane this map declares; others are left out)."""
        if self.lanes is None:
            return list(journey.lanes or [])
        from ..builtins import LANES

        by_id = {getattr(lane, "id", lane): lane for lane in (journey.lanes or [])}
        return [by_id.get(name, name) for name in self.lanes if name in by_id or name in LANES]


@runtime_checkable
class Renderer(Protocol):
    """The interface a renderer (built-in or plug-in) provides."""

    #: A short human name, shown by `journeymap renderers`.
    name: str

    def render(self, journey, options: RenderOptions, fmt: str) -> bytes:
        """The complete bytes of the artifact in format `fmt`."""
        ...


class RenderError(Exception):
    """A renderer could not produce its artifact for a reason the user can fix
    (a missing program, say); the message is shown as it is."""

    def __init__(self, message: str, usage: bool = False):
        super().__init__(message)
        self.usage = usage


__all__ = ["RenderOptions", "Renderer", "RenderError", "THEMES"]
