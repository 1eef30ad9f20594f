"""`render --check --diff`: what would change in an output, as black and
ruff show it: a unified diff of a text output (svg, md, mmd, json, dot,
html, and any plug-in's text), "binary file differs" for the others.

The lines come from files a map's author controls: each is shown inert (no
control character reaches the terminal or CI log), so the diff is for
reading rather than for `patch`."""

from __future__ import annotations

import difflib
from pathlib import Path

from ..safetext import inert

CONTEXT_LINES = 3


def as_text(data: bytes) -> list[str] | None:
    """The lines of a text output; None for binary data (not UTF-8, or a NUL)."""
    if b"\0" in data:
        return None
    try:
        return data.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return None


def unified(path: Path, old: bytes | None, new: bytes) -> str:
    """The change from the file on disk (`old`; None: missing) to the output."""
    shown = inert(str(path))
    old_lines = [] if old is None else as_text(old)
    new_lines = as_text(new)
    if old_lines is None or new_lines is None:
        return f"binary file {shown} differs\n"
    before = "/dev/null" if old is None else f"{shown}\t(on disk)"
    lines = difflib.unified_diff(old_lines, new_lines, before, f"{shown}\t(rendered)",
                                 n=CONTEXT_LINES, lineterm="")
    return "".join(inert(line) + "\n" if index >= 2 else line + "\n"
                   for index, line in enumerate(lines))
