"""journeymap: customer journey maps as code.

The Python API mirrors the command line without it:

    >>> import journeymap
    >>> journey = journeymap.load("examples/family-flight-booking.yaml")
    >>> problems = journeymap.validate("examples/family-flight-booking.yaml")

Heavy modules are imported only when these are called, so that
`import journeymap` stays cheap for the command line.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Union

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .diagnostics import Diagnostic
    from .model import Journey


def _result(source: Union[str, os.PathLike, bytes]):
    from .validation import validate_bytes, validate_path, validate_text

    if isinstance(source, bytes):
        return validate_bytes(source, "<bytes>")
    if isinstance(source, os.PathLike):
        return validate_path(os.fspath(source))
    if "\n" not in source and os.path.isfile(source):
        return validate_path(source)
    return validate_text(source)


def load(source: Union[str, os.PathLike, bytes]) -> "Journey":
    """Load and validate a journey file (a path, or the YAML text itself).

    Returns the normalised model, every default filled in. Raises
    `journeymap.JourneyError`, carrying every diagnostic, when it has errors.
    """
    from .errors import JourneyError

    result = _result(source)
    if result.journey is None:
        raise JourneyError(result.diagnostics)
    return result.journey


def validate(source: Union[str, os.PathLike, bytes]) -> "list[Diagnostic]":
    """Every error and warning of a journey file (a path, or YAML text)."""
    return _result(source).diagnostics


def __getattr__(name: str):
    if name == "JourneyError":
        from .errors import JourneyError

        return JourneyError
    if name in ("Journey", "Stage", "Touchpoint", "Persona", "Channel", "Source", "Metric",
                "Evidence"):
        from . import model

        return getattr(model, name)
    if name == "Diagnostic":
        from .diagnostics import Diagnostic

        return Diagnostic
    raise AttributeError(name)


__all__ = ["load", "validate", "JourneyError", "Journey", "Diagnostic", "__version__"]
