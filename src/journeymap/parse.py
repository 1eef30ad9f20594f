"""Loaded data -> `Journey`, with pydantic's errors turned into diagnostics
that name the line, what was expected, what was found and a suggestion."""

from __future__ import annotations

import typing

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .diagnostics import CODES, Diagnostic, PathPart
from .fields import closest
from .loading import Document, describe
from .model import Journey

KIND_NAMES = {
    "Journey": "journey map", "Persona": "persona", "Empathy": "empathy map",
    "Channel": "channel", "Source": "source", "Metric": "metric", "Evidence": "evidence",
    "Touchpoint": "touchpoint", "Stage": "stage", "Scale": "scale", "CustomLane": "custom lane",
}


def parse(document: Document) -> tuple[Journey | None, list[Diagnostic]]:
    """Validate the structure; on failure, every structural problem at once."""
    try:
        return Journey.model_validate(document.data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        return None, [_translate(error, document) for error in errors]


def _translate(error: ErrorDetails, document: Document) -> Diagnostic:
    smap = document.sourcemap
    path: list[PathPart] = [p for p in error["loc"] if not (isinstance(p, str) and p.startswith("~"))]
    at_key = bool(path) and path[-1] == "[key]"
    if at_key:
        path.pop()
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")

    if kind in CODES:
        return smap.diagnostic_for(path, kind, error["msg"], suggestion=ctx.get("suggestion"),
                                   at_key=at_key)
    if kind == "missing":
        field = path[-1]
        owner = _kind_name(path[:-1])
        return smap.diagnostic_for(path[:-1], "missing-field",
                                   f"expected the required field '{field}' in this {owner}, found none",
                                   suggestion=f"add `{field}:`")
    if kind == "extra_forbidden":
        return _unknown_key(path, document)
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return smap.diagnostic_for(path, "wrong-type", f"expected a mapping ({_kind_name(path)}), "
                                   f"found {describe(value)}")
    if kind == "list_type":
        return smap.diagnostic_for(path, "wrong-type", f"expected a list, found {describe(value)}")
    if kind == "too_short":
        return smap.diagnostic_for(path, "missing-field",
                                   f"expected at least one item in '{path[-1]}', found none")
    message = error["msg"][0].lower() + error["msg"][1:]
    return smap.diagnostic_for(path, "wrong-type", f"{message}, found {describe(value)}")


def _unknown_key(path: list[PathPart], document: Document) -> Diagnostic:
    key = str(path[-1])
    model = model_at(path[:-1])
    known = list(model.model_fields) if model else []
    near = closest(key, known)
    owner = _kind_name(path[:-1])
    if key == "persona" and isinstance(document.data, dict) and len(path) == 1:
        message = "expected either `persona` or `personas`, found both"
        return document.sourcemap.diagnostic_for(path, "unknown-key", message, at_key=True,
                                                 suggestion="move the persona into the `personas` list")
    suggestion = f"did you mean '{near}'?" if near else (
        "keys of other tools start with 'x-' and are ignored" if known else None)
    return document.sourcemap.diagnostic_for(
        path, "unknown-key", f"expected a field of a {owner}, found the unknown key {key!r}",
        suggestion=suggestion, at_key=True)


def _kind_name(path: list[PathPart]) -> str:
    model = model_at(path)
    return KIND_NAMES.get(model.__name__, "mapping") if model else "mapping"


def model_at(path: list[PathPart]) -> type[BaseModel] | None:
    """The model class that validates the mapping at `path`, if any."""
    current: object = Journey
    parts = list(path)
    while parts:
        current = _unwrap(current)
        part = parts.pop(0)
        if isinstance(current, type) and issubclass(current, BaseModel):
            if not isinstance(part, str) or part not in current.model_fields:
                if part == "persona" and current is Journey:
                    current = Journey.model_fields["personas"].annotation
                    parts.insert(0, 0)
                    continue
                return None
            current = current.model_fields[part].annotation
        else:
            origin = typing.get_origin(current)
            args = typing.get_args(current)
            if origin is list and isinstance(part, int):
                current = args[0]
            elif origin is dict:
                current = args[1]
            else:
                return None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _unwrap(annotation: object) -> object:
    """Strip Optional, Annotated and tagged unions down to the model type."""
    for _ in range(10):
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Union:
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [_unwrap(a) for a in args]
            picked = [m for m in models if isinstance(m, type) and issubclass(m, BaseModel)]
            containers = [m for m in models if typing.get_origin(m) in (list, dict)]
            annotation = (picked or containers or args)[0]
        else:
            return annotation
    return annotation


# The whole-map errors still worth reporting for a map that failed parsing:
# those a pruned copy shows truly (a reference to nothing, an id used twice).
LENIENT_CODES = ("duplicate-id", "unresolved-reference")
_PRUNE_ROUNDS = 8


def parse_leniently(document: Document) -> Journey | None:
    """The map with every part pydantic rejected left out, when that leaves
    a map: so that one run reports the reference and id errors too, not only
    after the structure is fixed. Only a key of a mapping is ever left out
    (never an id, never a list item, which would shift the positions); a map
    that cannot be mended so gives None."""
    data: object = document.data
    for _ in range(_PRUNE_ROUNDS):
        try:
            return Journey.model_validate(data)
        except ValidationError as exc:
            pruned = _without(data, [error["loc"] for error in exc.errors(include_url=False)])
        if pruned is None:
            return None
        data = pruned
    return None


def _without(data: object, locations: list[tuple[int | str, ...]]) -> object | None:
    """A copy of `data` without the keys at these locations; None when one
    of them is not a key that can be left out."""
    copy = _copied(data)
    for loc in locations:
        path = [p for p in loc if not (isinstance(p, str) and p.startswith("~"))]
        if path and path[-1] == "[key]":
            path.pop()
        if not path or not isinstance(path[-1], str) or path[-1] in ("id", "stages", "title"):
            return None
        parent: object | None = copy
        for part in path[:-1]:
            parent = _child(parent, part)
        if not isinstance(parent, dict) or path[-1] not in parent:
            return None
        del parent[path[-1]]
    return copy


def _child(container: object, part: int | str) -> object | None:
    found: object | None = None
    if isinstance(container, dict):
        found = container.get(part)
    elif isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container):
        found = container[part]
    return found


def _copied(data: object) -> object:
    """A copy of the containers of loaded data (the values are immutable)."""
    if isinstance(data, dict):
        return {key: _copied(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_copied(value) for value in data]
    return data
