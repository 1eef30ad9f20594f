"""Read a journey file into plain Python data, safely, knowing every position.

`yaml.safe_load` is not fit for this: it turns `no` into False and `12:30`
into 750, keeps only the last of two duplicate keys and lets alias bombs
through. So we let libyaml compose a node graph (no implicit typing at all:
our resolver tags every untagged node as "implicit") and walk it ourselves:

* plain scalars become `Plain` strings, so a text stays exactly as written and
  the model decides later whether a number or a boolean was meant;
* duplicate keys, explicit tags, non-text keys, control characters and
  noncharacters, deep nesting and alias expansion beyond a budget are errors
  at their position;
* the node graph is kept as the source map, so any error found later can be
  traced back to a line and column. Every position, here and later, is made
  by the source map from a character offset (see `SourceMap.place`), never
  from PyYAML's own line count;
* only a regular file is ever opened, and only up to the size limit.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import yaml

from ..diagnostics import Diagnostic
from .characters import FORBIDDEN, NONCHARACTERS, Plain, describe, forbidden_character, forbidden_hint
from .compose import HAVE_LIBYAML, Problem, compose, problem_diagnostic, yaml_error
from .files import MAX_BYTES, UNREADABLE_HINT, NotARegularFile, explain_os_error, open_regular_file
from .sourcemap import SourceMap
from .walker import Loaded, Walker


@dataclass
class Document:
    """A loaded journey file: its data (None when loading failed), the
    diagnostics found so far and the source map for later ones."""

    filename: str
    text: str
    data: dict[str, Loaded] | None
    diagnostics: list[Diagnostic]
    sourcemap: SourceMap


def load_path(path: str | os.PathLike[str], display_name: str | None = None) -> Document:
    """Load a file from disk; `display_name` is what diagnostics call it.
    Only a regular file is read, and one over the size limit not at all; a
    path that cannot be read gives a document with one `io-error`."""
    try:
        return load_file(path, display_name)
    except OSError as exc:
        return unreadable(display_name or os.fspath(path), explain_os_error(exc, path))


def load_file(path: str | os.PathLike[str], display_name: str | None = None) -> Document:
    """Like `load_path`, but a path that cannot be read raises the OSError
    (FileNotFoundError, NotARegularFile, ...), as `open` would."""
    name = display_name or os.fspath(path)
    with open_regular_file(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_BYTES:
            return _too_large(name, size)
        raw = handle.read(MAX_BYTES + 1)
    return load_bytes(raw, name)


def unreadable(name: str, message: str) -> Document:
    """The document of a path that could not be read: one `io-error`."""
    return _failed(name, "", "io-error", message, suggestion=UNREADABLE_HINT)


def _too_large(filename: str, size: int) -> Document:
    return _failed(filename, "", "too-large",
                   f"expected a file of at most 10 MB, found {size / 1e6:.1f} MB or more")


def load_bytes(raw: bytes, filename: str) -> Document:
    if len(raw) > MAX_BYTES:
        return _too_large(filename, len(raw))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Everything before the bad byte is valid, so its length is the
        # offset of the byte's replacement character in the shown text.
        offset = len(raw[: exc.start].decode("utf-8"))
        byte = raw[exc.start: exc.start + 1].hex()
        return _failed(filename, raw.decode("utf-8", errors="replace"), "encoding",
                       f"expected UTF-8 text, found the byte 0x{byte}",
                       offset=offset, suggestion="save the file as UTF-8")
    return load_text(text, filename)


def load_text(text: str, filename: str = "<string>") -> Document:
    """Load journey YAML that is already decoded."""
    if text.startswith("\ufeff"):
        text = text[1:]
    sourcemap = SourceMap(filename, text, None)
    diagnostics = _control_characters(text, sourcemap)
    if diagnostics:
        return Document(filename, text, None, diagnostics, sourcemap)
    try:
        root = compose(text)
    except yaml.MarkedYAMLError as exc:
        return Document(filename, text, None, [yaml_error(exc, text, sourcemap)], sourcemap)
    except yaml.YAMLError as exc:  # a ReaderError has no mark, only a position
        return Document(filename, text, None, [sourcemap.diagnostic(
            "yaml-syntax", f"expected YAML, found an unreadable input ({exc})")], sourcemap)
    except Problem as problem:
        return Document(filename, text, None, [problem_diagnostic(problem, sourcemap)], sourcemap)
    sourcemap.root = root
    if root is None:
        return Document(filename, text, None, [sourcemap.diagnostic(
            "not-a-mapping", "expected a journey map (a mapping with `title` and `stages`), "
            "found an empty document")], sourcemap)
    try:
        data = Walker(sourcemap).walk(root)
    except Problem as problem:
        return Document(filename, text, None, [problem_diagnostic(problem, sourcemap)], sourcemap)
    if not isinstance(data, dict):
        return Document(filename, text, None, [sourcemap.diagnostic_at(
            root, "not-a-mapping",
            f"expected a journey map (a mapping with `title` and `stages`), found {describe(data)}")],
            sourcemap)
    return Document(filename, text, data, [], sourcemap)


def _failed(filename: str, text: str, code: str, message: str, offset: int = 0,
            suggestion: str | None = None) -> Document:
    sourcemap = SourceMap(filename, text, None)
    return Document(filename, text, None,
                    [sourcemap.diagnostic(code, message, offset=offset, suggestion=suggestion)],
                    sourcemap)


def _control_characters(text: str, sourcemap: SourceMap) -> list[Diagnostic]:
    found = []
    for match in FORBIDDEN.finditer(text):
        found.append(sourcemap.diagnostic(
            "control-character", f"expected text, found {forbidden_character(match.group())}",
            offset=match.start(), suggestion=forbidden_hint(match.group())))
        if len(found) >= 20:
            break
    return found


__all__ = ["Document", "Plain", "load_path", "load_file", "load_bytes", "load_text", "describe", "MAX_BYTES",
           "open_regular_file", "explain_os_error", "unreadable", "NotARegularFile", "NONCHARACTERS",
           "HAVE_LIBYAML", "FORBIDDEN", "forbidden_character"]
