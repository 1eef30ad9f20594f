"""Read a journey file into plain Python data, safely, knowing every position.

`yaml.safe_load` is not fit for this: it turns `no` into False and `12:30`
into 750, keeps only the last of two duplicate keys and lets alias bombs
through. So we let libyaml compose a node graph (no implicit typing at all:
our resolver tags every untagged node as "implicit") and walk it ourselves:

* plain scalars become `Plain` strings, so a text stays exactly as written and
  the model decides later whether a number or a boolean was meant;
* duplicate keys, explicit tags, non-text keys, control characters, deep
  nesting and alias expansion beyond a budget are errors at their position;
* the node graph is kept as the source map, so any error found later can be
  traced back to a line and column.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Diagnostic, ERROR
from .sourcemap import SourceMap

MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
EXPANSION_FACTOR = 10
# Above this many potential nesting levels the C composer's recursion could
# overflow even our enlarged stack; such files are first checked event by event.
SAFE_COMPOSE_DEPTH = 200_000
COMPOSE_STACK_BYTES = 256 * 1024 * 1024

IMPLICIT = "journeymap:implicit"
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# Tab, LF and CR are allowed; NEL, LS and PS are YAML line breaks.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ud800-\udfff]")


class Plain(str):
    """A plain (unquoted) YAML scalar: text that may also be read as a number
    or a boolean where the format expects one."""

    __slots__ = ()


@dataclass
class Document:
    """A loaded journey file: its data (None when loading failed), the
    diagnostics found so far and the source map for later ones."""

    filename: str
    text: str
    data: Any
    diagnostics: list[Diagnostic]
    sourcemap: SourceMap


def _resolve_implicitly(self, kind, value, implicit):
    return IMPLICIT


def _make_loader_class():
    try:
        from yaml.cyaml import CParser
        from yaml.resolver import BaseResolver

        class CLoader(CParser, BaseResolver):
            resolve = _resolve_implicitly

            def __init__(self, stream):
                CParser.__init__(self, stream)
                BaseResolver.__init__(self)

        return CLoader, True
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        from yaml.composer import Composer
        from yaml.parser import Parser
        from yaml.reader import Reader
        from yaml.resolver import BaseResolver
        from yaml.scanner import Scanner

        class PyLoader(Reader, Scanner, Parser, Composer, BaseResolver):
            resolve = _resolve_implicitly

            def __init__(self, stream):
                Reader.__init__(self, stream)
                Scanner.__init__(self)
                Parser.__init__(self)
                Composer.__init__(self)
                BaseResolver.__init__(self)

        return PyLoader, False


_Loader, HAVE_LIBYAML = _make_loader_class()


class _Problem(Exception):
    def __init__(self, code: str, message: str, node: Node | None = None,
                 line: int | None = None, column: int | None = None,
                 suggestion: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.node = node
        self.line = line
        self.column = column
        self.suggestion = suggestion


def load_path(path: str, display_name: str | None = None) -> Document:
    """Load a file from disk; `display_name` is what diagnostics call it."""
    name = display_name or str(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return _failed(name, "", "io-error", f"cannot read the file: {reason}", 1, 1)
    return load_bytes(raw, name)


def load_bytes(raw: bytes, filename: str) -> Document:
    if len(raw) > MAX_BYTES:
        return _failed(filename, "", "too-large",
                       f"expected a file of at most 10 MB, found {len(raw) / 1e6:.1f} MB or more",
                       1, 1)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        byte = raw[exc.start: exc.start + 1].hex()
        shown = before.rsplit("\n", 1)[-1]
        return _failed(filename, shown, "encoding",
                       f"expected UTF-8 text, found the byte 0x{byte}",
                       line, column, suggestion="save the file as UTF-8")
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
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        return Document(filename, text, None, [_yaml_error(exc, text, sourcemap)], sourcemap)
    except yaml.YAMLError as exc:  # a ReaderError has no mark, only a position
        return Document(filename, text, None, [sourcemap.diagnostic(
            "yaml-syntax", f"expected YAML, found an unreadable input ({exc})", 1, 1)], sourcemap)
    except _Problem as problem:
        return Document(filename, text, None, [_problem_diagnostic(problem, sourcemap)], sourcemap)
    sourcemap.root = root
    if root is None:
        return Document(filename, text, None, [sourcemap.diagnostic(
            "not-a-mapping", "expected a journey map (a mapping with `title` and `stages`), "
            "found an empty document", 1, 1)], sourcemap)
    try:
        data = _Walker(len(text)).walk(root)
    except _Problem as problem:
        return Document(filename, text, None, [_problem_diagnostic(problem, sourcemap)], sourcemap)
    if not isinstance(data, dict):
        return Document(filename, text, None, [sourcemap.diagnostic_at(
            root, "not-a-mapping",
            f"expected a journey map (a mapping with `title` and `stages`), found {describe(data)}")],
            sourcemap)
    return Document(filename, text, data, [], sourcemap)


def _failed(filename, text, code, message, line, column, suggestion=None) -> Document:
    sourcemap = SourceMap(filename, text, None)
    return Document(filename, text, None,
                    [sourcemap.diagnostic(code, message, line, column, suggestion=suggestion)],
                    sourcemap)


def _control_characters(text: str, sourcemap: SourceMap) -> list[Diagnostic]:
    found = []
    for match in _CONTROL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        found.append(sourcemap.diagnostic(
            "control-character",
            f"expected text, found the control character U+{ord(match.group()):04X}",
            line, column, suggestion="remove it, or write it as an escape in a double-quoted string"))
        if len(found) >= 20:
            break
    return found


def _compose(text: str) -> Node | None:
    """Compose the single document; libyaml recurses in C, so it runs on a
    thread with a large stack, after a cheap bound on the nesting depth."""
    if _nesting_upper_bound(text) > SAFE_COMPOSE_DEPTH:
        _check_depth_by_events(text)
    result: dict[str, Any] = {}

    def run():
        try:
            result["node"] = yaml.compose(text, Loader=_Loader)
        except BaseException as exc:  # handed to the calling thread
            result["error"] = exc

    previous = threading.stack_size()
    try:
        threading.stack_size(COMPOSE_STACK_BYTES)
        worker = threading.Thread(target=run, name="journeymap-compose")
        worker.start()
        worker.join()
    except (RuntimeError, ValueError, MemoryError):
        # No room for a thread with a large stack (a tight ulimit): check the
        # depth event by event, then compose on this thread's own stack.
        threading.stack_size(previous)
        _check_depth_by_events(text)
        run()
    finally:
        threading.stack_size(previous)
    if "error" in result:
        error = result["error"]
        if isinstance(error, RecursionError):
            raise _Problem("too-deep", f"expected nesting of at most {MAX_DEPTH} levels, "
                           "found far deeper nesting", line=1, column=1)
        raise error
    return result["node"]


def _nesting_upper_bound(text: str) -> int:
    """A cheap bound that nesting can never exceed: every flow collection
    needs a bracket, every block level a column or an indicator."""
    longest = max((len(line) for line in text.split("\n")), default=0)
    return text.count("[") + text.count("{") + 2 * (longest + 1)


def _check_depth_by_events(text: str) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise _Problem("too-deep", f"expected nesting of at most {MAX_DEPTH} levels, "
                               f"found more", line=mark.line + 1, column=mark.column + 1)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def _yaml_error(exc: yaml.MarkedYAMLError, text: str, sourcemap: SourceMap) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    problem = (exc.problem or "").strip()
    if isinstance(exc, yaml.composer.ComposerError) and "single document" in (exc.context or ""):
        return sourcemap.diagnostic(
            "multiple-documents", "expected a single YAML document, found another one",
            line, column, suggestion="put each journey map in its own file")
    line_text = sourcemap.line_text(line)
    if "\t" in line_text[: len(line_text) - len(line_text.lstrip(" \t"))] and (
            "tab" in problem or "\\t" in problem or "cannot start any token" in problem
            or "mapping values" in problem or "block" in problem):
        tab_col = line_text.index("\t") + 1
        return sourcemap.diagnostic(
            "tab-indentation", "expected spaces for indentation, found a tab",
            line, tab_col, suggestion="YAML indents with spaces only; replace the tab with spaces")
    if "escape" in problem and "Unicode" in problem:
        return sourcemap.diagnostic(
            "control-character", "expected a valid character, found an escape of a lone surrogate "
            "or another invalid code point", line, column,
            suggestion="write the character itself, or a valid \\u escape")
    if not problem:
        problem = str(exc).splitlines()[0]
    context = ""
    if exc.context:
        context = f" {exc.context}"
        start = exc.context_mark
        if start is not None and mark is not None and start.line != mark.line:
            context += f" that starts at line {start.line + 1}, column {start.column + 1}"
    return sourcemap.diagnostic(
        "yaml-syntax", f"expected valid YAML, found a syntax error: {problem}{context}".rstrip(),
        line, column)


def _problem_diagnostic(problem: _Problem, sourcemap: SourceMap) -> Diagnostic:
    if problem.node is not None:
        return sourcemap.diagnostic_at(problem.node, problem.code, problem.message,
                                       suggestion=problem.suggestion)
    return sourcemap.diagnostic(problem.code, problem.message, problem.line or 1,
                                problem.column or 1, suggestion=problem.suggestion)


def describe(value: Any) -> str:
    """How a loaded value is named in 'found ...' messages."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    return type(value).__name__


class _Walker:
    """Turns the node graph into dicts, lists, str and Plain, enforcing the
    format's structural rules on the way."""

    def __init__(self, text_length: int):
        # Without aliases a document can never spend more than about twice its
        # length (a character per scalar character, one per node).
        self.budget = EXPANSION_FACTOR * max(text_length, 100)
        # The top-level entry being walked: where an alias bomb is reported,
        # a stable place whatever node the budget happens to run out at.
        self.entry: tuple[str, Node] | None = None

    def walk(self, node: Node, depth: int = 1) -> Any:
        if depth > MAX_DEPTH:
            raise _Problem("too-deep", f"expected nesting of at most {MAX_DEPTH} levels, "
                           "found deeper nesting (or an alias that refers to itself)", node=node)
        if node.tag != IMPLICIT:
            raise _Problem("yaml-tag", f"expected a value without a YAML tag, found the tag {node.tag!r}",
                           node=node, suggestion="remove the tag; journey files carry only "
                           "text, numbers, booleans, lists and mappings")
        self.budget -= 1 + (len(node.value) if isinstance(node, ScalarNode) else 0)
        if self.budget < 0:
            where, at = (f" under {self.entry[0]!r}", self.entry[1]) if self.entry else ("", node)
            raise _Problem("alias-bomb", "expected aliases that expand the document at most "
                           f"{EXPANSION_FACTOR}x, found aliases{where} that expand it far beyond that",
                           node=at, suggestion="write the repeated content out, or repeat it "
                           "fewer times")
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode):
            return [self.walk(child, depth + 1) for child in node.value]
        return self._mapping(node, depth)

    def _scalar(self, node: ScalarNode):
        value = node.value
        if _CONTROL.search(value):
            bad = _CONTROL.search(value).group()
            raise _Problem("control-character",
                           f"expected text, found the control character U+{ord(bad):04X}", node=node,
                           suggestion="remove the escape that produces it")
        if not node.style:  # None from PyYAML, '' from libyaml: a plain scalar
            return None if value in NULLS else Plain(value)
        return value

    def _mapping(self, node: MappingNode, depth: int) -> dict:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag != IMPLICIT:
                raise _Problem("yaml-tag", f"expected a key without a YAML tag, found the tag "
                               f"{key_node.tag!r}", node=key_node)
            if not isinstance(key_node, ScalarNode) or (
                    not key_node.style and key_node.value in NULLS):
                what = "an empty key" if isinstance(key_node, ScalarNode) else (
                    "a list" if isinstance(key_node, SequenceNode) else "a mapping")
                raise _Problem("key-not-text", f"expected a text key, found {what}", node=key_node)
            key = unicodedata.normalize("NFC", self._scalar(key_node))
            if key in result:
                first = next(k for k, _ in node.value
                             if isinstance(k, ScalarNode) and unicodedata.normalize("NFC", k.value) == key)
                raise _Problem("duplicate-key", f"expected each key once, found {key!r} again "
                               f"(first at line {first.start_mark.line + 1})", node=key_node,
                               suggestion="merge the two entries or rename one")
            if depth == 1:
                self.entry = (str(key), value_node)
            result[str(key)] = self.walk(value_node, depth + 1)
        return result


__all__ = ["Document", "Plain", "load_path", "load_bytes", "load_text", "describe",
           "HAVE_LIBYAML", "ERROR"]
