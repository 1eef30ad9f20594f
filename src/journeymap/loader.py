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

import errno
import os
import re
import stat
import threading
import unicodedata
from dataclasses import dataclass
from typing import Any, BinaryIO

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
_CONTROL_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ud800-\udfff"
# Noncharacters (a regex class body): U+FDD0-U+FDEF and the last two code
# points of every plane.
# They are reserved for a program's internal use, and cairo refuses them.
NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
# What text may not hold (fields.py applies the same rule to the model).
_CONTROL = re.compile(f"[{_CONTROL_CHARACTERS}{NONCHARACTERS}]")
# YAML 1.1 line breaks, as PyYAML counts them (for bounds on its behaviour,
# never for positions: see SourceMap.place).
_YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


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
    """A problem found while composing or walking: at a node, at a YAML mark,
    or (with neither) at the start of the file."""

    def __init__(self, code: str, message: str, node: Node | None = None,
                 mark: Any = None, suggestion: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.node = node
        self.mark = mark
        self.suggestion = suggestion


class NotARegularFile(OSError):
    """A path that names a FIFO, a socket, a device or a folder: reading one
    can wait for ever (a FIFO, /dev/stdin) or never end (/dev/zero), so it is
    refused without being opened."""


_FILE_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
               (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
               (stat.S_ISBLK, "a block device"))
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def _refuse_unless_regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = next((name for is_kind, name in _FILE_KINDS if is_kind(mode)), "a special file")
        raise NotARegularFile(kind)


def open_regular_file(path: str | os.PathLike) -> BinaryIO:
    """Open `path` for reading if, and only if, it is a regular file.

    The path is checked before opening (opening a FIFO waits for a writer,
    opening a device can have effects), then the opened descriptor is checked
    again, since the path may have been replaced in between. O_NONBLOCK keeps
    even that window from blocking on a FIFO."""
    _refuse_unless_regular(os.stat(path).st_mode)
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        _refuse_unless_regular(os.fstat(descriptor).st_mode)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def explain_os_error(exc: OSError, path: str | os.PathLike, what: str = "file") -> str:
    """An `expected ..., found ...` message for a path that cannot be read."""
    if isinstance(exc, NotARegularFile):
        return f"expected a regular {what}, found {exc}"
    if exc.errno == errno.ELOOP:
        found = "a loop of symbolic links"
    elif exc.errno in (errno.ENOENT, errno.ENOTDIR) and os.path.islink(path):
        found = "a symbolic link to a missing file"
    elif exc.errno in (errno.ENOENT, errno.ENOTDIR):
        found = "nothing at that path (it was removed or renamed)"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        found = "no permission to read it"
    else:
        found = f"an error reading it ({exc.strerror or exc})"
    return f"expected a readable {what}, found {found}"


UNREADABLE_HINT = "journeymap reads regular files only; fix or remove this entry (- reads standard input)"


def load_path(path: str, display_name: str | None = None) -> Document:
    """Load a file from disk; `display_name` is what diagnostics call it.
    Only a regular file is read, and one over the size limit not at all."""
    name = display_name or str(path)
    try:
        with open_regular_file(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                return _too_large(name, size)
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return unreadable(name, explain_os_error(exc, path))
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
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        return Document(filename, text, None, [_yaml_error(exc, text, sourcemap)], sourcemap)
    except yaml.YAMLError as exc:  # a ReaderError has no mark, only a position
        return Document(filename, text, None, [sourcemap.diagnostic(
            "yaml-syntax", f"expected YAML, found an unreadable input ({exc})")], sourcemap)
    except _Problem as problem:
        return Document(filename, text, None, [_problem_diagnostic(problem, sourcemap)], sourcemap)
    sourcemap.root = root
    if root is None:
        return Document(filename, text, None, [sourcemap.diagnostic(
            "not-a-mapping", "expected a journey map (a mapping with `title` and `stages`), "
            "found an empty document")], sourcemap)
    try:
        data = _Walker(sourcemap).walk(root)
    except _Problem as problem:
        return Document(filename, text, None, [_problem_diagnostic(problem, sourcemap)], sourcemap)
    if not isinstance(data, dict):
        return Document(filename, text, None, [sourcemap.diagnostic_at(
            root, "not-a-mapping",
            f"expected a journey map (a mapping with `title` and `stages`), found {describe(data)}")],
            sourcemap)
    return Document(filename, text, data, [], sourcemap)


def _failed(filename, text, code, message, offset=0, suggestion=None) -> Document:
    sourcemap = SourceMap(filename, text, None)
    return Document(filename, text, None,
                    [sourcemap.diagnostic(code, message, offset=offset, suggestion=suggestion)],
                    sourcemap)


def forbidden_character(char: str) -> str:
    """How a character that text may not hold is named in messages."""
    code = ord(char)
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return f"the noncharacter U+{code:04X}"
    if 0xD800 <= code <= 0xDFFF:
        return f"the lone surrogate U+{code:04X}"
    return f"the control character U+{code:04X}"


def _forbidden_hint(char: str, escaped: bool = False) -> str:
    what = "the escape that produces it" if escaped else "it"
    if forbidden_character(char).startswith("the noncharacter"):
        return (f"remove {what}: noncharacters are reserved for a program's own use, "
                "and no font can draw them")
    return f"remove {what}"


def _control_characters(text: str, sourcemap: SourceMap) -> list[Diagnostic]:
    found = []
    for match in _CONTROL.finditer(text):
        found.append(sourcemap.diagnostic(
            "control-character", f"expected text, found {forbidden_character(match.group())}",
            offset=match.start(), suggestion=_forbidden_hint(match.group())))
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
                           "found far deeper nesting")
        raise error
    return result["node"]


def _nesting_upper_bound(text: str) -> int:
    """A cheap bound that nesting can never exceed: every flow collection
    needs a bracket, every block level a column or an indicator."""
    longest = max((len(line) for line in _YAML_LINE_BREAK.split(text)), default=0)
    return text.count("[") + text.count("{") + 2 * (longest + 1)


def _check_depth_by_events(text: str) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Problem("too-deep", f"expected nesting of at most {MAX_DEPTH} levels, "
                               f"found more", mark=event.start_mark)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def _yaml_error(exc: yaml.MarkedYAMLError, text: str, sourcemap: SourceMap) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    problem = (exc.problem or "").strip()
    if isinstance(exc, yaml.composer.ComposerError) and "single document" in (exc.context or ""):
        return sourcemap.diagnostic_at_mark(
            mark, "multiple-documents", "expected a single YAML document, found another one",
            suggestion="put each journey map in its own file")
    tab = _indenting_tab(sourcemap, mark, problem)
    if tab is not None:
        return sourcemap.diagnostic(
            "tab-indentation", "expected spaces for indentation, found a tab", offset=tab,
            suggestion="YAML indents with spaces only; replace the tab with spaces")
    if "escape" in problem and "Unicode" in problem:
        return sourcemap.diagnostic_at_mark(
            mark, "control-character", "expected a valid character, found an escape of a lone "
            "surrogate or another invalid code point",
            suggestion="write the character itself, or a valid \\u escape")
    if not problem:
        problem = str(exc).splitlines()[0]
    context = ""
    if exc.context:
        context = f" {exc.context}"
        start = exc.context_mark
        if start is not None and mark is not None:
            start_line, start_column = sourcemap.place_mark(start)
            if start_line != sourcemap.place_mark(mark)[0]:
                context += f" that starts at line {start_line}, column {start_column}"
    return sourcemap.diagnostic_at_mark(
        mark, "yaml-syntax",
        f"expected valid YAML, found a syntax error: {problem}{context}".rstrip())


def _indenting_tab(sourcemap: SourceMap, mark: Any, problem: str) -> int | None:
    """The offset of the tab in the indentation of the error's line, when a
    tab there is the likely cause of the error."""
    line, _ = sourcemap.place_mark(mark)
    line_text = sourcemap.line_text(line)
    indentation = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
    if "\t" in indentation and (
            "tab" in problem or "\\t" in problem or "cannot start any token" in problem
            or "mapping values" in problem or "block" in problem):
        return sourcemap.line_start(line) + indentation.index("\t")
    return None


def _problem_diagnostic(problem: _Problem, sourcemap: SourceMap) -> Diagnostic:
    if problem.node is not None:
        return sourcemap.diagnostic_at(problem.node, problem.code, problem.message,
                                       suggestion=problem.suggestion)
    return sourcemap.diagnostic_at_mark(problem.mark, problem.code, problem.message,
                                        suggestion=problem.suggestion)


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

    def __init__(self, sourcemap: SourceMap):
        self.sourcemap = sourcemap
        # Without aliases a document can never spend more than about twice its
        # length (a character per scalar character, one per node).
        self.budget = EXPANSION_FACTOR * max(len(sourcemap.text), 100)
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
        forbidden = _CONTROL.search(value)
        if forbidden:
            bad = forbidden.group()
            raise _Problem("control-character", f"expected text, found {forbidden_character(bad)}",
                           node=node, suggestion=_forbidden_hint(bad, escaped=True))
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
                first_line, _ = self.sourcemap.place_mark(first.start_mark)
                raise _Problem("duplicate-key", f"expected each key once, found {key!r} again "
                               f"(first at line {first_line})", node=key_node,
                               suggestion="merge the two entries or rename one")
            if depth == 1:
                self.entry = (str(key), value_node)
            result[str(key)] = self.walk(value_node, depth + 1)
        return result


__all__ = ["Document", "Plain", "load_path", "load_bytes", "load_text", "describe",
           "open_regular_file", "explain_os_error", "unreadable", "NotARegularFile", "NONCHARACTERS",
           "HAVE_LIBYAML", "ERROR"]
