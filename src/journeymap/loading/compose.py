"""libyaml composes the node graph with no implicit typing (our resolver tags
every untagged node "implicit"), within limits on nesting; its errors become
diagnostics at their position."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Protocol

import yaml
from yaml.nodes import Node

from ..diagnostics import Diagnostic
from .sourcemap import Mark, SourceMap

MAX_DEPTH = 64
# Above this many potential nesting levels the C composer's recursion could
# overflow even our enlarged stack; such files are first checked event by event.
SAFE_COMPOSE_DEPTH = 200_000
COMPOSE_STACK_BYTES = 256 * 1024 * 1024
IMPLICIT = "journeymap:implicit"
# YAML 1.1 line breaks, as PyYAML counts them (for bounds on its behaviour,
# never for positions: see SourceMap.place).
_YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


class _Composer(Protocol):
    """What composing needs of a PyYAML loader."""

    def get_single_node(self) -> Node | None: ...

    def dispose(self) -> None: ...


def _make_loader_class() -> tuple[Callable[[str], _Composer], bool]:
    """A loader that composes with libyaml (or, without it, in Python) and
    tags every untagged node IMPLICIT; whether libyaml is used."""
    from yaml.resolver import BaseResolver

    try:
        from yaml._yaml import CParser
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        return _python_loader_class(), False

    class CLoader(CParser, BaseResolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            BaseResolver.__init__(self)

        def resolve(self, kind: object, value: object, implicit: object) -> str:
            return IMPLICIT

    return CLoader, True


def _python_loader_class() -> Callable[[str], _Composer]:  # pragma: no cover
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.resolver import BaseResolver
    from yaml.scanner import Scanner

    class PyLoader(Reader, Scanner, Parser, Composer, BaseResolver):
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            BaseResolver.__init__(self)

        def resolve(self, kind: object, value: object, implicit: object) -> str:
            return IMPLICIT

    return PyLoader


_Loader, HAVE_LIBYAML = _make_loader_class()


class Problem(Exception):
    """A problem found while composing or walking: at a node, at a YAML mark,
    or (with neither) at the start of the file."""

    def __init__(self, code: str, message: str, node: Node | None = None,
                 mark: Mark | None = None, suggestion: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.node = node
        self.mark = mark
        self.suggestion = suggestion


def compose(text: str) -> Node | None:
    """Compose the single document; libyaml recurses in C, so it runs on a
    thread with a large stack, after a cheap bound on the nesting depth."""
    if _nesting_upper_bound(text) > SAFE_COMPOSE_DEPTH:
        _check_depth_by_events(text)
    result: dict[str, Node | None] = {}
    errors: list[BaseException] = []

    def run() -> None:
        try:
            loader = _Loader(text)
            try:
                result["node"] = loader.get_single_node()
            finally:
                loader.dispose()
        except BaseException as exc:  # handed to the calling thread
            errors.append(exc)

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
    if errors:
        error = errors[0]
        if isinstance(error, RecursionError):
            raise Problem("too-deep", f"expected nesting of at most {MAX_DEPTH} levels, "
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
                raise Problem("too-deep", f"expected nesting of at most {MAX_DEPTH} levels, "
                               f"found more", mark=event.start_mark)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def yaml_error(exc: yaml.MarkedYAMLError, text: str, sourcemap: SourceMap) -> Diagnostic:
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
    if "maximum nesting depth" in problem:  # newer libyaml stops deep nesting itself
        return sourcemap.diagnostic_at_mark(
            mark, "too-deep", f"expected nesting of at most {MAX_DEPTH} levels, found far deeper nesting")
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


def _indenting_tab(sourcemap: SourceMap, mark: Mark | None, problem: str) -> int | None:
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


def problem_diagnostic(problem: Problem, sourcemap: SourceMap) -> Diagnostic:
    if problem.node is not None:
        return sourcemap.diagnostic_at(problem.node, problem.code, problem.message,
                                       suggestion=problem.suggestion)
    return sourcemap.diagnostic_at_mark(problem.mark, problem.code, problem.message,
                                        suggestion=problem.suggestion)
