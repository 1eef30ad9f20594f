"""Finding renderers through entry points, lazily and once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from typing import TYPE_CHECKING

from . import Renderer

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

GROUP = "journeymap.renderers"

# The formats journeymap registers itself, as in pyproject.toml's entry points
# (a test keeps the two equal). A built-in format is loaded from here: reading
# every installed package's entry points costs each start ~10 ms, and a
# plug-in may not take a built-in format over anyway.
BUILTIN = {
    "md": "journeymap.renderers.markdown:renderer",
    "mmd": "journeymap.renderers.mermaid:renderer",
    "json": "journeymap.renderers.json_renderer:renderer",
    "svg": "journeymap.renderers.swimlane:renderer",
    "png": "journeymap.renderers.swimlane:renderer",
    "pdf": "journeymap.renderers.swimlane:renderer",
    "html": "journeymap.renderers.html:renderer",
    "dot": "journeymap.renderers.graphviz:renderer",
    "flow.svg": "journeymap.renderers.graphviz:renderer",
    "flow.png": "journeymap.renderers.graphviz:renderer",
    "flow.pdf": "journeymap.renderers.graphviz:renderer",
    "csv": "journeymap.renderers.sheets:renderer",
    "xlsx": "journeymap.renderers.sheets:renderer",
}


@dataclass(frozen=True)
class RendererEntry:
    """A format and where its renderer comes from, before it is imported."""

    fmt: str
    target: str          # "module:attribute"
    distribution: str    # the package that registers it
    entry_point: EntryPoint

    @property
    def builtin(self) -> bool:
        return self.distribution == "journeymap"


@lru_cache(maxsize=1)
def available() -> dict[str, RendererEntry]:
    """Every registered format. Reading entry points imports no renderer."""
    from importlib.metadata import entry_points

    found: dict[str, RendererEntry] = {}
    for ep in sorted(entry_points(group=GROUP), key=lambda e: (e.name, e.value)):
        dist = ep.dist.name if ep.dist is not None else "unknown"
        entry = RendererEntry(ep.name, ep.value, dist, ep)
        # A built-in format cannot be taken over silently by a plug-in.
        if ep.name not in found or (entry.builtin and not found[ep.name].builtin):
            found[ep.name] = entry
    return found


class RendererLoadError(Exception):
    def __init__(self, entry: RendererEntry, reason: str):
        super().__init__(f"the renderer for '{entry.fmt}' ({entry.target}, from "
                         f"{entry.distribution}) failed to load: {reason}")
        self.entry = entry
        self.reason = reason


_loaded: dict[str, Renderer] = {}


def load(fmt: str) -> Renderer:
    """The renderer object for a format; its module is imported now, once."""
    if fmt in _loaded:
        return _loaded[fmt]
    if fmt in BUILTIN:
        module, attribute = BUILTIN[fmt].split(":")
        _loaded[fmt] = getattr(import_module(module), attribute)
        return _loaded[fmt]
    entry = available().get(fmt)
    if entry is None:
        raise KeyError(fmt)
    try:
        renderer: Renderer = entry.entry_point.load()
    except Exception as exc:  # a broken plug-in must not break the others
        raise RendererLoadError(entry, f"{type(exc).__name__}: {exc}") from exc
    if not callable(getattr(renderer, "render", None)):
        raise RendererLoadError(entry, "it has no render(journey, options, fmt) method")
    _loaded[fmt] = renderer
    return renderer


def output_suffix(fmt: str) -> str:
    """`md` -> `.md`, `flow.svg` -> `.flow.svg`: the output file's ending."""
    return "." + fmt


def describe(fmt: str) -> str | None:
    entry = available().get(fmt)
    return entry.target if entry else None
