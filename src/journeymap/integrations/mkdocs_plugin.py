"""The MkDocs plug-in: `plugins: [journeymap]` draws every `journeymap` fence
of the site's pages, and `fence_format` does the same as a custom fence of
`pymdownx.superfences` (for fences nested in admonitions or tabs).

A block is checked like `journeymap validate` checks a document (documents.py),
so a bad map is a warning with its page, line and column, which
`mkdocs build --strict` turns into a failure. A block is replaced by a
placeholder before Markdown runs and by its HTML afterwards, so Python-Markdown
never parses the SVG. Nothing is cached between builds: `mkdocs serve`
re-reads each page, and each map a `src=` names is watched.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from ..diagnostics import Diagnostic
from ..renderers import THEMES, RenderOptions
from ..safetext import inert
from .documents import MapBlock, check_block, check_text, image_name, render_map
from .fences import Block, replace_blocks, split_lines
from .inline import figure, image, page_svg

log = get_plugin_logger("journeymap")


class JourneymapConfig(Config):  # type: ignore[no-untyped-call]  # mkdocs' own signature
    inline = c.Type(bool, default=True)
    theme = c.Choice(THEMES, default="light")
    locale = c.Optional(c.Type(str))
    lanes = c.Optional(c.ListOfItems(c.Type(str)))
    download = c.ListOfItems(c.Type(str), default=[])
    ignore = c.ListOfItems(c.Type(str), default=[])


def describe(d: Diagnostic) -> str:
    """One log line: `file:line:col: severity[code]: path: message (hint)`."""
    where = f"{d.path}: " if d.path else ""
    hint = f" ({d.suggestion})" if d.suggestion else ""
    return inert(f"{d.file}:{d.line}:{d.column}: {d.severity}[{d.code}]: {where}{d.message}{hint}")


def report(diagnostics: list[Diagnostic]) -> None:
    """Errors and warnings are MkDocs warnings (`--strict` fails on them);
    notes are debug output (`mkdocs build --verbose`)."""
    for d in diagnostics:
        log.log(logging.DEBUG if d.severity == "info" else logging.WARNING, describe(d))


@dataclass
class _PageState:
    name: str                      # as diagnostics call the page
    base: Path                     # where its `src=` paths start
    lines: list[str]
    line_offset: int               # lines of front matter MkDocs removed
    dest: Path | None              # the folder of the page's HTML
    stem: str
    fragments: dict[str, str] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)
    located: set[int] = field(default_factory=set)
    count: int = 0


_active: JourneymapPlugin | None = None  # the plug-in rendering a page now, for fence_format
_standalone: WeakKeyDictionary[Any, JourneymapPlugin] = WeakKeyDictionary()  # by Markdown instance


class JourneymapPlugin(BasePlugin[JourneymapConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self._watched: set[str] = set()
        self._server: LiveReloadServer | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this object across the rebuilds of
        `mkdocs serve`: it remembers the server to watch new `src=` maps."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._setup(Path(config.config_file_path or config.docs_dir).resolve().parent)
        return config

    def _setup(self, root: Path) -> None:
        """Per build: nothing from an earlier build of `mkdocs serve` is kept."""
        self._root = root
        self._page: _PageState | None = None
        self._options = RenderOptions(theme=self.config.theme, locale=self.config.locale,
                                      lanes=tuple(self.config.lanes) if self.config.lanes else None)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> None:
        self._server = server
        for path in sorted(self._watched):
            server.watch(path, recursive=False)

    def _watch(self, path: str) -> None:
        if path not in self._watched:
            self._watched.add(path)
            if self._server is not None:
                self._server.watch(path, recursive=False)

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        global _active
        source = page.file.abs_src_path
        name = os.path.relpath(source, self._root) if source else page.file.src_uri
        offset = 0
        if source:
            original = page.file.content_string
            if original.endswith(markdown):
                offset = original[: len(original) - len(markdown)].count("\n")
        dest = Path(page.file.abs_dest_path).parent if page.file.abs_dest_path else None
        self._page = state = _PageState(name, Path(source).parent if source else Path(config.docs_dir),
                                        [line.text for line in split_lines(markdown)], offset, dest,
                                        Path(page.file.src_uri).stem)
        _active = self
        checked = check_text(markdown, name, state.base, self._root, self._options, self.config.ignore,
                             front_matter=False, line_offset=offset)
        tokens: dict[int, str] = {}
        digest = hashlib.sha256(markdown.encode("utf-8")).hexdigest()[:16]
        for item in checked:
            fragment = self.fragment(item)
            if fragment is not None:
                tokens[item.block.number] = token = f"journeymap{digest}x{item.block.number}y"
                state.fragments[token] = fragment
        return replace_blocks(markdown, [item.block for item in checked],
                              lambda block: [tokens[block.number]] if block.number in tokens else None)

    def fragment(self, item: MapBlock) -> str | None:
        """The HTML of a checked block (None, and the block stays code, when it
        has errors or cannot be drawn); diagnostics logged."""
        report(item.diagnostics)
        if item.source:
            self._watch(item.source)
        state = self._page
        if item.journey is None or state is None:
            return None
        state.count += 1
        where = f"{state.name}:{item.block.line + state.line_offset}"
        wanted = item.downloads or tuple(self.config.download)
        if wanted and state.dest is None:
            log.warning(inert(f"{where}: download= needs the journeymap plug-in (plugins: [journeymap])"))
            wanted = ()
        try:
            data = render_map(item.journey, item.options, "svg")
            downloads = {fmt: self._write(state, fmt, render_map(item.journey, item.options, fmt))
                         for fmt in wanted}
        except Exception as exc:  # a renderer's failure is this page's problem, said with its line
            log.warning(inert(f"{where}: the map could not be drawn: {exc}"))
            return None
        alt = item.alt or item.journey.title
        inline = self.config.inline
        inner = page_svg(data, state.ids) if inline else image(self._write(state, "svg", data), alt)
        return figure(inner, downloads)

    def _write(self, state: _PageState, fmt: str, data: bytes) -> str:
        """Writes an artifact beside the page's HTML; its URL from the page."""
        name = image_name(state.stem, state.count, fmt)
        if state.dest is not None:
            write_file(data, str(state.dest / name))
        return name

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        global _active
        state, self._page, _active = self._page, None, None
        for token, fragment in (state.fragments.items() if state else ()):
            html = html.replace(f"<p>{token}</p>", fragment).replace(token, fragment)
        return html

    def fenced(self, source: str, options: dict[str, str]) -> str | None:
        """A superfences block on the page being rendered, found in its
        Markdown to give diagnostics their page line."""
        state = self._page
        assert state is not None
        block, name, lines = _locate(source, options, state)
        item = check_block(block, name, lines, state.base, self._root, self._options,
                           self.config.ignore, state.line_offset if lines is state.lines else 0)
        return self.fragment(item)


def _locate(source: str, options: dict[str, str], state: _PageState) -> tuple[Block, str, list[str]]:
    """A superfences fence as a Block: where its lines are on the page (the
    first place not yet taken that holds them all after indentation or `>`),
    or, when nowhere, a block of its own whose lines count from its fence."""
    body = source.split("\n")
    info = " ".join(["journeymap"] + [f'{k}="{v}"' for k, v in options.items()])
    lines = state.lines
    for first in range(1, len(lines) - len(body) + 1):
        offsets = [len(lines[first + j]) - len(text) for j, text in enumerate(body)]
        if first not in state.located and all(
                lines[first + j].endswith(text) and not lines[first + j][:offsets[j]].replace(">", "").strip()
                for j, text in enumerate(body)):
            state.located.add(first)
            opening = lines[first - 1]
            prefix = opening[: len(opening) - len(opening.lstrip(" \t>"))]
            return (Block(0, info, first - 1, first + len(body) + 1, prefix, source + "\n",
                          tuple(first + 1 + j for j in range(len(body))), tuple(offsets), True, options),
                    state.name, lines)
    own = [f"```{info}", *body, "```"]
    return (Block(0, info, 0, len(own), "", source + "\n", tuple(range(2, len(body) + 2)),
                  (0,) * len(body), True, options), f"{state.name} (a journeymap fence)", own)


def fence_validator(language: str, inputs: dict[str, str], options: dict[str, str],
                    attrs: dict[str, str], md: Any) -> bool:
    """superfences `validator`: every `name="value"` of the fence's header is
    an attribute of the block (checked when it is drawn)."""
    options.update(inputs)
    return True


def fence_format(source: str, language: str, class_name: str, options: dict[str, str], md: Any,
                 **kwargs: Any) -> str:
    """superfences `format`: the map's HTML, or the source as code (and a
    warning) when it has errors. Works without the plug-in too (inline SVG,
    `src=` relative to the current folder)."""
    import html

    plugin = _active
    if plugin is None or plugin._page is None:  # superfences without the plug-in: one state per page
        plugin = _standalone.get(md)
        if plugin is None:
            plugin = _standalone[md] = JourneymapPlugin()
            plugin.load_config({})
            plugin._setup(Path.cwd())
            plugin._page = _PageState("<journeymap fence>", Path.cwd(), [], 0, None, "journeymap")
    fragment = plugin.fenced(source, options)
    if fragment is not None:
        return fragment
    return f'<pre class="{html.escape(class_name)}"><code>{html.escape(source)}</code></pre>'
