"""`journeymap renderers`: run.plugins -> its Report."""

from __future__ import annotations

from .common import finish


def renderers() -> None:
    """List the renderers found, built-in and plug-ins, with their formats."""
    from ..run.plugins import run_renderers

    finish(run_renderers())
