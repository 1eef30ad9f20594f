"""From a path in the data (`stages[0].touchpoints[2].emotion`) back to the
line and column where the user wrote it.

The composed YAML node graph is the source map: we walk it along the path only
when a diagnostic needs a position, which costs nothing for valid files.
Paths from the model may use the long form of a shorthand (`personas[0]` for
`persona:`, `pains[0]` for a single text); the walk then stops at the deepest
node that exists, which is where the user wrote the shorthand.
"""

from __future__ import annotations

import unicodedata
from typing import Sequence

from yaml.nodes import MappingNode, Node, SequenceNode

from .diagnostics import CODES, Diagnostic, PathPart, format_path

# The long name a model path uses -> the shorthand a user may have written.
SHORTHANDS = {"personas": "persona"}


class SourceMap:
    def __init__(self, filename: str, text: str, root: Node | None):
        self.filename = filename
        self.text = text
        self.root = root
        self._lines: list[str] | None = None

    def line_text(self, line: int) -> str:
        if self._lines is None:
            self._lines = self.text.split("\n")
        if 1 <= line <= len(self._lines):
            return self._lines[line - 1].rstrip("\r")
        return ""

    def position(self, path: Sequence[PathPart], at_key: bool = False) -> tuple[int, int]:
        """The 1-based line and column of the value at `path` (or of its key)."""
        node = self.root
        if node is None:
            return 1, 1
        key_node = None
        for part in path:
            if isinstance(part, int) and not isinstance(node, SequenceNode):
                continue  # a shorthand: one item written where a list is meant
            child, child_key = _child(node, part)
            if child is None:
                break
            node, key_node = child, child_key
        else:
            if at_key and key_node is not None:
                node = key_node
        mark = node.start_mark
        return mark.line + 1, mark.column + 1

    def diagnostic(self, code: str, message: str, line: int, column: int,
                   path: Sequence[PathPart] | str = "", suggestion: str | None = None,
                   severity: str | None = None) -> Diagnostic:
        shown_path = path if isinstance(path, str) else format_path(path)
        return Diagnostic(
            file=self.filename, line=line, column=column,
            severity=severity or CODES[code], code=code, message=message,
            path=shown_path, suggestion=suggestion, source_line=self.line_text(line))

    def diagnostic_at(self, node: Node, code: str, message: str,
                      suggestion: str | None = None) -> Diagnostic:
        mark = node.start_mark
        return self.diagnostic(code, message, mark.line + 1, mark.column + 1,
                               suggestion=suggestion)

    def diagnostic_for(self, path: Sequence[PathPart], code: str, message: str,
                       suggestion: str | None = None, at_key: bool = False,
                       severity: str | None = None) -> Diagnostic:
        line, column = self.position(path, at_key=at_key)
        return self.diagnostic(code, message, line, column, path=path,
                               suggestion=suggestion, severity=severity)


def _child(node: Node, part: PathPart) -> tuple[Node | None, Node | None]:
    if isinstance(node, MappingNode) and isinstance(part, str):
        wanted = (part, SHORTHANDS.get(part))
        for name in wanted:
            if name is None:
                continue
            for key_node, value_node in node.value:
                if isinstance(key_node.value, str) and \
                        unicodedata.normalize("NFC", key_node.value) == name:
                    return value_node, key_node
        return None, None
    if isinstance(node, SequenceNode) and isinstance(part, int):
        if 0 <= part < len(node.value):
            return node.value[part], None
    return None, None
