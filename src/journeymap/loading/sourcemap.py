"""From a path in the data (`stages[0].touchpoints[2].emotion`) back to the
line and column where the user wrote it.

The composed YAML node graph is the source map: we walk it along the path only
when a diagnostic needs a position, which costs nothing for valid files.
Paths from the model may use the long form of a shorthand (`personas[0]` for
`persona:`, `pains[0]` for a single text); the walk then stops at the deepest
node that exists, which is where the user wrote the shorthand.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from typing import Protocol

from yaml.nodes import MappingNode, Node, SequenceNode

from ..diagnostics import CODES, Diagnostic, PathPart, format_path


class Mark(Protocol):
    """A position PyYAML or libyaml reports; only its character offset is used."""

    @property
    def index(self) -> int: ...


# The long name a model path uses -> the shorthand a user may have written.
SHORTHANDS = {"personas": "persona"}

# Line ends as editors and CI annotations count them. PyYAML's marks also
# count NEL, LS and PS (YAML 1.1), so its line and column are never used:
# every position is taken from the mark's character offset instead.
EDITOR_LINE_BREAK = re.compile("\r\n|\r|\n")


class SourceMap:
    """The text of one file and its composed node graph: the one place where
    an offset, a YAML mark or a path in the data becomes a line and column."""

    def __init__(self, filename: str, text: str, root: Node | None):
        self.filename = filename
        self.text = text
        self.root = root
        self._starts: list[int] | None = None

    def _line_starts(self) -> list[int]:
        """Where each editor line starts; a final line break ends the last
        line rather than starting an empty one."""
        if self._starts is None:
            starts = [0] + [m.end() for m in EDITOR_LINE_BREAK.finditer(self.text)]
            if len(starts) > 1 and starts[-1] == len(self.text):
                starts.pop()
            self._starts = starts
        return self._starts

    @property
    def line_count(self) -> int:
        return len(self._line_starts())

    def line_text(self, line: int) -> str:
        """Line `line` (1-based) without its line break; "" outside the file."""
        starts = self._line_starts()
        if not 1 <= line <= len(starts):
            return ""
        begin = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[begin:end].rstrip("\r\n")

    def line_start(self, line: int) -> int:
        """The offset where line `line` (1-based, clamped to the file) starts."""
        starts = self._line_starts()
        return starts[min(max(line, 1), len(starts)) - 1]

    def place(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of the character at `offset`: the one
        mapping every diagnostic goes through. It never points past the end:
        the line is one of the file's, the column at most one past its text."""
        offset = min(max(offset, 0), len(self.text))
        if 0 < offset < len(self.text) and self.text[offset - 1:offset + 1] == "\r\n":
            offset -= 1  # inside a CRLF: the line break starts at the CR
        starts = self._line_starts()
        index = bisect_right(starts, offset) - 1
        column = min(offset - starts[index], len(self.line_text(index + 1))) + 1
        return index + 1, column

    def place_mark(self, mark: Mark | None) -> tuple[int, int]:
        """A YAML mark's position, from its character offset (PyYAML's own line
        and column count NEL, LS and PS as line breaks, and the end of a file
        without a final newline as a line of its own)."""
        if mark is None:
            return 1, 1
        return self.place(mark.index)

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
        return self.place_mark(node.start_mark)

    def is_written(self, path: Sequence[PathPart]) -> bool:
        """Whether the author wrote a value at `path` (a value the model
        derived, such as an id left out, is not in the file). A shorthand
        counts: `persona: {id: a}` writes `personas[0].id`."""
        node = self.root
        if node is None:
            return False
        for part in path:
            if part == 0 and not isinstance(node, SequenceNode):
                continue  # a shorthand: one item written where a list is meant
            node, _ = _child(node, part)
            if node is None:
                return False
        return True

    def diagnostic(self, code: str, message: str, *, offset: int = 0,
                   path: Sequence[PathPart] | str = "", suggestion: str | None = None,
                   severity: str | None = None) -> Diagnostic:
        """A diagnostic at the character `offset` of the text."""
        return self._diagnostic(code, message, self.place(offset), path, suggestion, severity)

    def diagnostic_at(self, node: Node, code: str, message: str,
                      suggestion: str | None = None) -> Diagnostic:
        return self._diagnostic(code, message, self.place_mark(node.start_mark), "",
                                suggestion, None)

    def diagnostic_at_mark(self, mark: Mark | None, code: str, message: str,
                           suggestion: str | None = None) -> Diagnostic:
        return self._diagnostic(code, message, self.place_mark(mark), "", suggestion, None)

    def diagnostic_for(self, path: Sequence[PathPart], code: str, message: str,
                       suggestion: str | None = None, at_key: bool = False,
                       severity: str | None = None) -> Diagnostic:
        return self._diagnostic(code, message, self.position(path, at_key=at_key), path,
                                suggestion, severity)

    def _diagnostic(self, code: str, message: str, where: tuple[int, int],
                    path: Sequence[PathPart] | str, suggestion: str | None,
                    severity: str | None) -> Diagnostic:
        line, column = where
        shown_path = path if isinstance(path, str) else format_path(path)
        return Diagnostic(
            file=self.filename, line=line, column=column,
            severity=severity or CODES[code], code=code, message=message,
            path=shown_path, suggestion=suggestion, source_line=self.line_text(line))


def _child(node: Node, part: PathPart) -> tuple[Node | None, Node | None]:
    """The value node at `part` below `node`, and its key node if any."""
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
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part], None
    return None, None
