"""The Sphinx extension (`extensions = ["journeymap.sphinx"]`): a
`.. journeymap::` directive that draws a map from a file or from its content,
and the same directive in MyST (```` ```{journeymap} ````).

The directive validates when the document is read, so a bad map is a Sphinx
warning at the file and line of the problem (`sphinx-build -W` fails on it;
`suppress_warnings = ["journeymap.<code>"]` silences one warning code). The
node keeps the map's text, and each builder draws it when writing: HTML gets
the SVG inline (or a PNG file), LaTeX a PDF file it includes, text and man
pages the alt text. Drawing goes through the renderer registry like every
other output.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from ..diagnostics import Diagnostic
from ..renderers import THEMES, RenderOptions
from ..safetext import inert
from ..validation import validate_path, validate_text
from .documents import render_map
from .inline import figure, image, page_svg

logger = logging.getLogger(__name__)
FORMATS = ("svg", "png")


class journeymap(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """A validated map, drawn by the builder that writes it."""


def _message(d: Diagnostic, where: str = "") -> str:
    path = f"{d.path}: " if d.path else ""
    hint = f"; {d.suggestion}" if d.suggestion else ""
    return inert(f"{d.severity}[{d.code}]: {path}{d.message} (column {d.column}{hint}){where}")


def _report(d: Diagnostic, location: str, where: str = "") -> None:
    if d.severity == "info":
        logger.verbose(_message(d, where), location=location)
    else:  # errors and warnings: `-W` fails, `suppress_warnings` may name the code
        logger.warning(_message(d, where), location=location, type="journeymap", subtype=d.code)


class JourneymapDirective(SphinxDirective):
    """`.. journeymap:: path/to/map.yaml`, or the map as the content."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {
        "format": lambda value: directives.choice(value, FORMATS),
        "theme": lambda value: directives.choice(value, THEMES),
        "lanes": directives.unchanged,
        "locale": directives.unchanged,
        "alt": directives.unchanged,
        "class": directives.class_option,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        if bool(self.arguments) == bool(self.content):
            raise self.error("journeymap: expected a map file as the argument or a map as the content, "
                             "found " + ("both" if self.arguments else "neither"))
        text = self._from_file(self.arguments[0]) if self.arguments else self._from_content()
        if text is None:
            return []
        node = journeymap(text=text, format=self.options.get("format", self.config.journeymap_format),
                          theme=self.options.get("theme", self.config.journeymap_theme),
                          lanes=self.options.get("lanes", ""), locale=self.options.get("locale", ""),
                          alt=self.options.get("alt", ""), classes=self.options.get("class", []))
        self.set_source_info(node)
        self.add_name(node)
        return [node]

    def _from_file(self, argument: str) -> str | None:
        relative, path = self.env.relfn2path(argument)
        self.env.note_dependency(relative)
        result = validate_path(str(path), str(relative))
        where = f" [journeymap directive at {self.env.doc2path(self.env.docname, False)}:{self.lineno}]"
        for d in result.diagnostics:
            _report(d, f"{path}:{d.line}", where)
        return Path(path).read_text("utf-8") if result.journey is not None else None

    def _from_content(self) -> str | None:
        """The content is validated as it is; each diagnostic is moved to the
        file, line and column the content has in its source (found there
        after the directive's line: MyST does not count its option lines in
        `content_offset`, so the offset alone cannot be trusted)."""
        text = "\n".join(self.content) + "\n"
        source, line = self.state_machine.get_source_and_line(self.lineno)
        result = validate_text(text, str(source))
        places = _places(str(source), (line or self.lineno) - 1, list(self.content))
        for d in result.diagnostics:
            index = min(max(d.line, 1), len(self.content)) - 1
            at, indent = places[index] if places else (self.lineno + index + 1, 0)
            _report(Diagnostic(str(source), at, d.column + indent, d.severity, d.code, d.message, d.path,
                               d.suggestion), f"{source}:{at}")
        return text if result.journey is not None else None


def _places(source: str, start: int, content: list[str]) -> list[tuple[int, int]] | None:
    """(1-based line, characters before it) of each content line in the
    source file: the first run of lines from `start` on that ends with them,
    only indentation or `>` before each."""
    try:
        lines = Path(source).read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for first in range(max(start, 0), len(lines) - len(content) + 1):
        pairs = list(zip(lines[first:first + len(content)], content, strict=True))
        if all(raw.endswith(piece) and not raw[:len(raw) - len(piece)].replace(">", "").strip()
               for raw, piece in pairs):
            return [(first + 1 + i, len(raw) - len(piece)) for i, (raw, piece) in enumerate(pairs)]
    return None


def _draw(translator: SphinxTranslator, node: journeymap, fmt: str) -> bytes | None:
    """The node's map in `fmt`, or None (and a warning at the node) when
    it cannot be drawn."""
    result = validate_text(node["text"], "<journeymap>")
    lanes = tuple(x.strip() for x in node["lanes"].split(",") if x.strip()) or None
    options = RenderOptions(theme=node["theme"], locale=node["locale"] or None, lanes=lanes)
    try:
        assert result.journey is not None
        return render_map(result.journey, options, fmt)
    except Exception as exc:  # a renderer's failure belongs to this page, with its line
        logger.warning(inert(f"journeymap: the map could not be drawn as {fmt}: {exc}"), location=node,
                       type="journeymap")
        return None


def _write(translator: SphinxTranslator, node: journeymap, fmt: str, data: bytes) -> str:
    """Writes a drawing among the builder's images; its path from the page."""
    key = "\0".join([node["text"], node["theme"], node["lanes"], node["locale"], fmt])
    name = f"journeymap-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}.{fmt}"
    builder: Any = translator.builder
    folder = Path(builder.outdir) / builder.imagedir
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return f"{builder.imgpath}/{name}" if builder.imgpath else name


def _alt(node: journeymap) -> str:
    if node["alt"]:
        return str(node["alt"])
    result = validate_text(node["text"], "<journeymap>")
    return result.journey.title if result.journey is not None else "journey map"


def visit_html(self: SphinxTranslator, node: journeymap) -> None:
    data = _draw(self, node, node["format"])
    if data is not None:
        if node["format"] == "svg":
            used: set[str] = self.__dict__.setdefault("_journeymap_ids", set())
            inner = page_svg(data, used)
        else:
            inner = image(_write(self, node, node["format"], data), _alt(node))
        self.body.append(figure(inner, {}))  # type: ignore[attr-defined]
    raise nodes.SkipNode


def visit_latex(self: SphinxTranslator, node: journeymap) -> None:
    data = _draw(self, node, "pdf")
    if data is not None:
        name = _write(self, node, "pdf", data)
        self.body.append(f"\n\n\\begin{{center}}\\sphinxincludegraphics[]{{{name}}}\\end{{center}}\n\n")  # type: ignore[attr-defined]
    raise nodes.SkipNode


def visit_text(self: SphinxTranslator, node: journeymap) -> None:
    self.new_state(0)  # type: ignore[attr-defined]  # a paragraph of its own
    self.add_text(f"[journey map: {_alt(node)}]")  # type: ignore[attr-defined]
    self.end_state()  # type: ignore[attr-defined]
    raise nodes.SkipNode


def visit_body(self: SphinxTranslator, node: journeymap) -> None:
    self.body.append(f"[journey map: {_alt(node)}]")  # type: ignore[attr-defined]
    raise nodes.SkipNode


_DRAWN_BY = ("html", "latex", "text", "man", "texinfo")


def _elsewhere(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Builders with no way to draw (XML, a third-party PDF writer): the map
    becomes its alternative text, never an unknown node."""
    if app.builder.format not in _DRAWN_BY:
        for node in list(doctree.findall(journeymap)):
            node.replace_self(nodes.paragraph(text=f"[journey map: {_alt(node)}]"))


def setup(app: Sphinx) -> dict[str, Any]:
    from .. import __version__

    app.add_config_value("journeymap_theme", "light", "env", types=[str])
    app.add_config_value("journeymap_format", "svg", "env", types=[str])
    app.add_node(journeymap, html=(visit_html, None), latex=(visit_latex, None), text=(visit_text, None),
                 man=(visit_body, None), texinfo=(visit_body, None))
    app.add_directive("journeymap", JourneymapDirective)
    app.connect("doctree-resolved", _elsewhere)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
