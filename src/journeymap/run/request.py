"""What `journeymap render` and `watch` are asked, as one value: the
command line fills it in, `run_render` and `render --check`'s fix command
read it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class RenderRequest:
    """What `journeymap render` (or `watch`) was asked; None and empty: not
    given (the settings, then the defaults, decide)."""

    paths: Sequence[str] = ()
    formats: Sequence[str] = ()  # each may be comma-separated
    output: str | None = None  # a file, a folder, or - for standard output
    check: bool = False
    diff: bool = False  # --diff: --check, showing how each text output differs
    strict: bool | None = None
    theme: str | None = None
    locale: str | None = None
    ignore: Sequence[str] = ()
    report_format: str | None = None
    quiet: bool = False
    verbose: bool = False
    jobs: int | None = None
    config: str | None = None
    compare: str | None = None  # the old version: a file or REVISION:path
    lanes: Sequence[str] | None = None
    direction: str | None = None  # flow graph: LR or TB
    personas: Sequence[str] | None = None  # flow graph: these personas' emotions only
    edge_labels: bool = False  # flow graph: name the channel where it changes
    scale: float = 2.0  # PNG: pixels per unit of the picture
    paper: str = "fit"  # PDF: fit, or a paper the map is cut across
    orientation: str = "landscape"  # PDF: how that paper is turned
    exclude: Sequence[str] = ()  # glob patterns, on top of the settings' exclude
    only: frozenset[str] | None = None  # real paths: render just these of the inputs (watch)
    allow_empty: bool = False  # watch: no journey file yet is no error
