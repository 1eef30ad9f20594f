"""journeymap: customer journey maps as code.

The library, without the command line. `load` and `validate` read a file;
`loads` and `validate_string` read YAML given as text (str or bytes), as
`json.load` and `json.loads` do:

    import journeymap

    journey = journeymap.load("examples/family-flight-booking.yaml")
    journey = journeymap.loads("title: T\\nstages: [{name: S, touchpoints: [{name: A}]}]\\n")
    problems = journeymap.validate("examples/family-flight-booking.yaml")
    problems = journeymap.validate_string(text, name="map.yaml")

`load` and `loads` return the normalised, frozen model (`journeymap.Journey`)
and raise `journeymap.JourneyError`, carrying every diagnostic, when the map
has errors. `validate` and `validate_string` return every diagnostic (errors,
warnings and notes), an empty list for a clean map. A file that cannot be read
raises the OSError that says why (FileNotFoundError, or a `NotARegularFile`
for a folder or a pipe), as `open` would.

Importing journeymap is light and changes nothing in the process: YAML,
pydantic and the model are imported when one of these is first called.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from .errors import JourneyError, JourneymapError

if TYPE_CHECKING:  # pragma: no cover
    from .diagnostics import Diagnostic
    from .model import Channel, Evidence, Journey, Metric, Persona, Source, Stage, Touchpoint
    from .validation import Result

__version__ = "0.1.0"

_FilePath = str | os.PathLike[str]


def load(path: _FilePath) -> Journey:
    """The journey map in the file at `path`, normalised: every default
    filled in. Raises JourneyError when the map has errors, OSError when the
    file cannot be read."""
    return _journey(_read(path))


def loads(text: str | bytes, name: str = "<string>") -> Journey:
    """The journey map written in `text` (YAML, bytes as UTF-8); `name` is
    the file name diagnostics give. Raises JourneyError when it has errors."""
    return _journey(_read_string(text, name))


def validate(path: _FilePath) -> list[Diagnostic]:
    """Every error, warning and note of the journey map in the file at
    `path`. Raises OSError when the file cannot be read."""
    return _read(path).diagnostics


def validate_string(text: str | bytes, name: str = "<string>") -> list[Diagnostic]:
    """Every error, warning and note of the journey map written in `text`."""
    return _read_string(text, name).diagnostics


def _read(path: _FilePath) -> Result:
    if isinstance(path, str) and "\n" in path:
        raise ValueError("journeymap.load() and validate() read a file: "
                         "give YAML text to loads() or validate_string()")
    from .validation import validate_file

    return validate_file(path)


def _read_string(text: str | bytes, name: str) -> Result:
    from .validation import validate_bytes, validate_text

    if isinstance(text, bytes):
        return validate_bytes(text, name)
    return validate_text(text, name)


def _journey(result: Result) -> Journey:
    if result.journey is None:
        raise JourneyError(result.diagnostics)
    return result.journey


_MODEL_NAMES = frozenset({"Journey", "Stage", "Touchpoint", "Persona", "Channel", "Source",
                          "Metric", "Evidence"})


def __getattr__(name: str) -> object:
    """The model classes and Diagnostic, imported when first asked for."""
    if name in _MODEL_NAMES:
        from . import model

        return getattr(model, name)
    if name == "Diagnostic":
        from .diagnostics import Diagnostic

        return Diagnostic
    raise AttributeError(f"module 'journeymap' has no attribute {name!r}")


__all__ = ["Channel", "Diagnostic", "Evidence", "Journey", "JourneyError", "JourneymapError",
           "Metric", "Persona", "Source", "Stage", "Touchpoint", "__version__", "load", "loads",
           "validate", "validate_string"]
