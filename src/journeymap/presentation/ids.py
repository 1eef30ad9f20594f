"""The id of a persona, stage or touchpoint, as a text."""

from __future__ import annotations

from ..model import Persona, Stage, Touchpoint


def id_of(item: Persona | Stage | Touchpoint) -> str:
    """Its id. A validated map has an id on everything (derived from the
    position where the file gave none); a model built by hand without one
    cannot be shown."""
    if item.id is None:
        raise ValueError(f"{type(item).__name__} {item.name!r} has no id: validate the map first")
    return str(item.id)
