"""`journeymap renderers`: every format that can be rendered, built-in or
from a plug-in, and whether its renderer loads."""

from __future__ import annotations

from .report import Report


def run_renderers() -> Report:
    """One line per format, built-in or plug-in; exit 1 if one cannot be loaded."""
    from ..renderers.registry import RendererLoadError, available, load

    lines, broken = [], 0
    for fmt, entry in available().items():
        origin = "built-in" if entry.builtin else f"plug-in from {entry.distribution}"
        try:
            name = getattr(load(fmt), "name", entry.target)
            lines.append(f"{fmt:<10} {name:<12} {origin} ({entry.target})")
        except RendererLoadError as exc:
            broken += 1
            lines.append(f"{fmt:<10} {'(broken)':<12} {origin} ({entry.target}): {exc.reason}")
    return Report(exit_code=1 if broken else 0, stdout_text="".join(line + "\n" for line in lines))
