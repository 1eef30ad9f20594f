"""Markdown documents that hold journey maps in `journeymap` fenced blocks.

`journeymap render doc.md -o OUT` writes `OUT/doc.md` with every block
replaced by an image link and the images beside it; `journeymap validate
doc.md` checks the blocks. A block holds a map, or names one with
`src=path.yaml` (relative to the document, inside the project root). The
same checks serve the MkDocs plug-in, so a block means the same everywhere.

Diagnostics of a block carry positions in the document (its line, and its
column after the block's indentation and container markers); those of a map
named by `src=` carry that file's own.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from ..diagnostics import Diagnostic
from ..renderers import RenderOptions
from ..validation import validate_path, validate_text
from .fences import ATTRIBUTES, Block, find_blocks, replace_blocks, split_lines

if TYPE_CHECKING:
    from ..model import Journey

SUFFIXES = (".md", ".markdown")
IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp")
MAX_BYTES = 10_000_000
_FENCE_HINT = re.compile(rb"^[ \t>*+\-0-9.)]*(?:```|~~~)[`~]*[ \t]*journeymap(?:[ \t\r]|$)", re.MULTILINE)
_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


@dataclass
class MapBlock:
    """One block, checked: its diagnostics, the journey when it has no errors,
    and what it asked for (options, alt text, extra formats to link)."""

    block: Block
    diagnostics: list[Diagnostic]
    journey: Journey | None
    options: RenderOptions
    alt: str = ""
    downloads: tuple[str, ...] = ()
    source: str | None = None  # the file a `src=` block names, resolved


@dataclass
class DocumentOutput:
    """The rewritten document (None when a block has errors: nothing of a
    document is written then), the images by file name, every diagnostic."""

    text: bytes | None
    images: dict[str, bytes] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def files(self, folder: Path, name: str) -> dict[Path, bytes]:
        """Every file to write: `folder/name` and the images beside it."""
        if self.text is None:
            return {}
        return {folder / name: self.text, **{folder / image: data for image, data in self.images.items()}}


def is_document(path: str | os.PathLike[str]) -> bool:
    return str(path).lower().endswith(SUFFIXES)


def holds_journeymap_fence(path: str | os.PathLike[str]) -> bool:
    """A quick look for a folder search: whether a Markdown file may hold a
    `journeymap` block (the parser decides later; unreadable files: no)."""
    try:
        with open(path, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return False
            return bool(_FENCE_HINT.search(handle.read(MAX_BYTES)))
    except OSError:
        return False


def escape_alt(text: str) -> str:
    """Alt text that stays text inside `![...]`: every ASCII punctuation
    character backslash-escaped, line breaks and controls as one space."""
    return _PUNCTUATION.sub(r"\\\1", _CONTROL.sub(" ", text)).strip()


Problem = Callable[..., Diagnostic]  # (code, message, suggestion=None) -> a diagnostic at the fence


def _at_fence(name: str, block: Block, lines: list[str], line_offset: int) -> Problem:
    def problem(code: str, message: str, suggestion: str | None = None) -> Diagnostic:
        return Diagnostic(name, block.line + line_offset, block.column, "error", code, message,
                          suggestion=suggestion, source_line=lines[block.start])
    return problem


def _moved(d: Diagnostic, name: str, block: Block, lines: list[str], line_offset: int) -> Diagnostic:
    line, column = block.locate(d.line, d.column)
    return dataclasses.replace(d, file=name, line=line + line_offset, column=column,
                               source_line=lines[line - 1] if line <= len(lines) else "")


def check_block(block: Block, name: str, lines: list[str], base: Path, root: Path,
                options: RenderOptions, ignore: Iterable[str] = (), line_offset: int = 0,
                known_formats: Sequence[str] = ()) -> MapBlock:
    """Validate one block: its attributes, then its map (inline or `src=`)."""
    from ..renderers import THEMES

    problems: list[Diagnostic] = []
    here = _at_fence(name, block, lines, line_offset)
    for message in block.attr_problems:
        problems.append(here("invalid-value", message))
    attrs = dict(block.attrs)
    for key in attrs:
        if key not in ATTRIBUTES:
            near = difflib.get_close_matches(key, ATTRIBUTES, 1)
            problems.append(here("unknown-key", f"expected an attribute of a journeymap block "
                                 f"({', '.join(ATTRIBUTES)}), found `{key}`",
                                 f"did you mean `{near[0]}`?" if near else None))
    if "theme" in attrs and attrs["theme"] not in THEMES:
        problems.append(here("unknown-value", f"expected theme to be one of {', '.join(THEMES)}, "
                             f"found `{attrs['theme']}`"))
    downloads = tuple(f for f in re.split(r"[\s,]+", attrs.get("download", "")) if f)
    for fmt in downloads:
        if known_formats and fmt not in known_formats:
            problems.append(here("unknown-value", f"expected download formats among "
                                 f"{', '.join(known_formats)}, found `{fmt}`"))
    lanes = tuple(x for x in re.split(r"[\s,]+", attrs.get("lanes", "")) if x)
    block_options = dataclasses.replace(
        options, theme=attrs.get("theme") or options.theme, locale=attrs.get("locale") or options.locale,
        lanes=lanes or options.lanes)
    result = MapBlock(block, list(problems), None, block_options, attrs.get("alt", ""), downloads)
    if "src" in attrs:
        _check_source(result, attrs["src"], name, base, root, here, ignore)
    else:
        checked = validate_text(block.body, name, ignore)
        result.diagnostics += [_moved(d, name, block, lines, line_offset) for d in checked.diagnostics]
        result.journey = checked.journey
    if problems:
        result.journey = None
    return result


def _check_source(result: MapBlock, src: str, name: str, base: Path, root: Path, problem: Problem,
                  ignore: Iterable[str]) -> None:
    """A block that names its map: a relative `.yaml`/`.yml` path inside the
    root, so that a document can never make a CI log show another file."""
    if result.block.body.strip():
        result.diagnostics.append(problem("invalid-value", "expected either `src=` or a map in the "
                                          "block, found both"))
        return
    target = (base / src).resolve()
    if os.path.isabs(src) or not src.lower().endswith((".yaml", ".yml")):
        result.diagnostics.append(problem("invalid-value", "expected src to be a relative path to a "
                                          f"`.yaml` or `.yml` file, found `{src}`"))
    elif not target.is_relative_to(root.resolve()):
        result.diagnostics.append(problem("invalid-value", f"expected src inside {root}, found `{src}`",
                                          "a block may name maps of its own project only"))
    elif not target.is_file():
        found = "something that is not a file" if target.exists() else "nothing there"
        result.diagnostics.append(problem("io-error", f"expected a journey file at `{src}`, found {found}"))
    else:
        shown = os.path.normpath(os.path.join(os.path.dirname(name), src))
        checked = validate_path(str(target), shown, ignore)
        result.diagnostics += checked.diagnostics
        result.journey = checked.journey
        result.source = str(target)


def check_text(text: str, name: str, base: Path, root: Path, options: RenderOptions | None = None,
               ignore: Iterable[str] = (), front_matter: bool = True, line_offset: int = 0,
               known_formats: Sequence[str] = ()) -> list[MapBlock]:
    """Every block of a Markdown text, checked. `base` is the folder `src=`
    paths start from, `root` the folder they must stay inside."""
    lines = [line.text for line in split_lines(text)]
    chosen = options or RenderOptions()
    return [check_block(block, name, lines, base, root, chosen, ignore, line_offset, known_formats)
            for block in find_blocks(text, front_matter)]


def read_document(path: str | os.PathLike[str], name: str) -> tuple[str | None, list[Diagnostic]]:
    """The text of a Markdown file (a BOM kept), or why it cannot be read."""
    def failed(code: str, message: str, line: int = 1, column: int = 1) -> tuple[None, list[Diagnostic]]:
        return None, [Diagnostic(name, line, column, "error", code, message)]

    try:
        with open(path, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return failed("io-error", "expected a regular file, found something else")
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return failed("io-error", f"expected a readable file, found {exc.strerror or exc}")
    if len(raw) > MAX_BYTES:
        return failed("too-large", "expected a file of at most 10 MB, found more")
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        return failed("encoding", f"expected UTF-8 text, found the byte 0x{raw[exc.start]:02x}", line,
                      len(before) - (before.rfind(b"\n") + 1) + 1)


def _formats() -> list[str]:
    from ..renderers.registry import available

    return sorted(available())


def validate_document(path: str | os.PathLike[str], display_name: str | None = None,
                      ignore: Iterable[str] = (), root: Path | None = None) -> list[Diagnostic]:
    """What `journeymap validate doc.md` reports: every block's diagnostics."""
    name = display_name or str(path)
    text, problems = read_document(path, name)
    if text is None:
        return problems
    checked = check_text(text.removeprefix("\ufeff"), name, Path(path).parent, root or Path.cwd(),
                         ignore=ignore, known_formats=_formats())
    return [d for item in checked for d in item.diagnostics]


def render_map(journey: Journey, options: RenderOptions, fmt: str) -> bytes:
    """The one way every integration renders: the renderer registered for
    `fmt`. Its errors (RenderError, a missing program) propagate."""
    from ..renderers.registry import load as load_renderer

    return bytes(load_renderer(fmt).render(journey, options, fmt))


def image_name(stem: str, number: int, fmt: str) -> str:
    """`guide` + block 2 + `svg` -> `guide-2.svg`: deterministic, and unique
    beside any other document's images (their stems differ)."""
    return f"{stem}-{number}.{fmt}"


def link_lines(item: MapBlock, stem: str, fmt: str, images: dict[str, bytes]) -> list[str]:
    """The Markdown lines that replace a block; renders what they link."""
    assert item.journey is not None
    alt = escape_alt(item.alt or item.journey.title or "journey map")
    name = image_name(stem, item.block.number, fmt)
    images[name] = render_map(item.journey, item.options, fmt)
    bang = "!" if name.lower().endswith(IMAGE_SUFFIXES) else ""
    lines = [f"{bang}[{alt}]({quote(name)})"]
    extra = [f for f in item.downloads if f != fmt]
    for other in extra:
        images[image_name(stem, item.block.number, other)] = render_map(item.journey, item.options, other)
    if extra:
        lines += ["", " · ".join(f"[{f.upper()}]({quote(image_name(stem, item.block.number, f))})"
                                 for f in extra)]
    return lines


def render_document(path: str | os.PathLike[str], fmt: str = "svg", options: RenderOptions | None = None,
                    display_name: str | None = None, ignore: Iterable[str] = (),
                    root: Path | None = None) -> DocumentOutput:
    """`journeymap render doc.md`: the document with each block replaced by a
    link to its image (`<stem>-<n>.<fmt>`), and the images. Nothing but
    diagnostics when any block has an error."""
    name = display_name or str(path)
    raw, problems = read_document(path, name)
    if raw is None:
        return DocumentOutput(None, {}, problems)
    bom = "\ufeff" if raw.startswith("\ufeff") else ""
    text = raw[len(bom):]
    checked = check_text(text, name, Path(path).parent, root or Path.cwd(), options, ignore,
                         known_formats=_formats())
    diagnostics = [d for item in checked for d in item.diagnostics]
    if any(item.journey is None for item in checked):
        return DocumentOutput(None, {}, diagnostics)
    stem = Path(path).stem
    images: dict[str, bytes] = {}
    by_number = {item.block.number: item for item in checked}
    rewritten = replace_blocks(text, [item.block for item in checked],
                               lambda block: link_lines(by_number[block.number], stem, fmt, images))
    return DocumentOutput((bom + rewritten).encode("utf-8"), images, diagnostics)
