"""The `journeymap` fenced blocks of a Markdown text, found as CommonMark finds
them, and the text rewritten block by block.

A regular expression gets fences wrong (a fence inside a longer fence, one
inside a list item or a block quote, an indented code block, an unclosed
fence that runs to the end of its container), so markdown-it-py parses the
text and each fence token's `.map` says which lines it covers. Everything
else is sliced from the original text by lines, so the rest of a document
stays byte for byte: CRLF line ends, front matter, tables, other fences.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

LANGUAGE = "journeymap"
# What a block may say after `journeymap` in its info string.
ATTRIBUTES = ("src", "theme", "lanes", "locale", "alt", "download")

_BREAK = re.compile(r"(\r\n|\r|\n)")  # the line ends CommonMark knows, and no others
_ATTRIBUTE = re.compile(r"""([A-Za-z][\w-]*)=(?:"([^"]*)"|'([^']*)'|([^\s"']+))(?=\s|$)""")
_FRONT_MATTER_OPEN = re.compile(r"---[ \t]*\Z")
_FRONT_MATTER_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*\Z")


@dataclass(frozen=True)
class Line:
    text: str    # without its line end
    ending: str  # "\n", "\r\n", "\r" or "" (the last line of a text without one)


def split_lines(text: str) -> list[Line]:
    """The lines of a text as CommonMark counts them: split at LF, CRLF and CR
    only (not at U+2028 or form feeds, which `str.splitlines` splits at)."""
    parts = _BREAK.split(text)
    lines = [Line(parts[i], parts[i + 1]) for i in range(0, len(parts) - 1, 2)]
    if parts[-1]:
        lines.append(Line(parts[-1], ""))
    return lines


@dataclass(frozen=True)
class Block:
    """One `journeymap` fence. Line indexes are 0-based into `split_lines`;
    `body_lines` and `offsets` say where each line of `body` sits in the
    document (1-based line, characters before it on that line)."""

    number: int                 # 1-based, in document order
    info: str
    start: int                  # the opening fence's line
    end: int                    # one past the block's last line
    prefix: str                 # what precedes the fence on its line
    body: str
    body_lines: tuple[int, ...]
    offsets: tuple[int, ...]
    closed: bool
    attrs: Mapping[str, str] = field(default_factory=dict)
    attr_problems: tuple[str, ...] = ()

    @property
    def line(self) -> int:
        """The opening fence's 1-based line."""
        return self.start + 1

    @property
    def column(self) -> int:
        return len(self.prefix) + 1

    def locate(self, line: int, column: int) -> tuple[int, int]:
        """A 1-based position in `body` -> the same position in the document.
        A position past the last body line (the end of the map) is the
        closing fence; anything in an empty block is the opening fence."""
        if not self.body_lines:
            return self.line, self.column
        if 1 <= line <= len(self.body_lines):
            return self.body_lines[line - 1], column + self.offsets[line - 1]
        if line < 1:
            return self.body_lines[0], column + self.offsets[0]
        closing = self.end if self.closed else self.body_lines[-1]
        return closing, column + (len(self.prefix) if self.closed else self.offsets[-1])


def parse_attributes(rest: str) -> tuple[dict[str, str], tuple[str, ...]]:
    """`src=../x.yaml theme="dark"` -> attributes, and what could not be read."""
    attrs: dict[str, str] = {}
    problems: list[str] = []
    position = 0
    for match in _ATTRIBUTE.finditer(rest):
        skipped = rest[position:match.start()].strip()
        if skipped:
            problems.append(f"expected `name=value` after `journeymap`, found `{skipped}`")
        name = match.group(1)
        value = next(v for v in match.group(2, 3, 4) if v is not None)
        if name in attrs:
            problems.append(f"expected each attribute once, found `{name}` twice")
        attrs[name] = value
        position = match.end()
    if rest[position:].strip():
        problems.append(f"expected `name=value` after `journeymap`, found `{rest[position:].strip()}`")
    return attrs, tuple(problems)


def _parse_text(lines: list[Line], front_matter: bool) -> str:
    """The text markdown-it reads: front matter (a `---` first line up to a
    `---` or `...` line) blanked, so line numbers stay those of the file."""
    texts = [line.text for line in lines]
    if front_matter and texts and _FRONT_MATTER_OPEN.match(texts[0]):
        for index in range(1, len(texts)):
            if _FRONT_MATTER_CLOSE.match(texts[index]):
                texts[: index + 1] = [""] * (index + 1)
                break
    return "".join(text + "\n" for text in texts)


def find_blocks(text: str, front_matter: bool = True) -> list[Block]:
    """Every `journeymap` fence of a Markdown text, in document order."""
    from markdown_it import MarkdownIt

    lines = split_lines(text)
    tokens = MarkdownIt("commonmark").parse(_parse_text(lines, front_matter))
    blocks: list[Block] = []
    for token in tokens:
        words = token.info.split(None, 1)
        if token.type != "fence" or token.map is None or not words or words[0] != LANGUAGE:
            continue
        start, end = token.map
        content = token.content.split("\n")
        if content[-1] == "":  # the line break that ends the last line
            content.pop()
        body, numbers, offsets = [], [], []
        for index, piece in enumerate(content):
            original = lines[start + 1 + index].text
            # markdown-it replaces NUL with U+FFFD; the body keeps what was written
            if original.replace("\0", "\ufffd").endswith(piece):
                offset = len(original) - len(piece)
                body.append(original[offset:])
            else:  # a tab in the container's indentation, expanded by markdown-it
                offset = max(0, len(original) - len(piece))
                body.append(piece)
            numbers.append(start + 2 + index)
            offsets.append(offset)
        opening = lines[start].text
        prefix = opening[: max(0, opening.find(token.markup))]
        attrs, problems = parse_attributes(words[1] if len(words) > 1 else "")
        blocks.append(Block(len(blocks) + 1, token.info, start, end, prefix,
                            "".join(line + "\n" for line in body), tuple(numbers), tuple(offsets),
                            end - start - 1 > len(content), attrs, problems))
    return blocks


def continuation(prefix: str) -> str:
    """The prefix of a following line in the same container: list markers
    become spaces, block quote markers stay."""
    return re.sub(r"[^>\s]", " ", prefix)


# No blank line is needed between a replacement and a line before it that
# holds no paragraph (a heading, a fence), or a line after it that a
# paragraph cannot absorb (those, a bullet or `1.` list item, HTML).
_ENDS_BLOCK = re.compile(r"[ >]*(?:#{1,6}(?:[ \t]|$)|```|~~~)")
_INTERRUPTS = re.compile(r"[ >]*(?:#{1,6}(?:[ \t]|$)|```|~~~|[-*+][ \t]|1[.)][ \t]|<)")


def _apart(line: Line, pattern: re.Pattern[str]) -> bool:
    return not line.text.replace(">", "").strip() or bool(pattern.match(line.text))


def replace_blocks(text: str, blocks: list[Block], replacement: Callable[[Block], list[str] | None]) -> str:
    """`text` with each block whose `replacement` is not None replaced by those
    lines (each written after the block's container prefix); a blank line
    keeps a replacement from joining a paragraph around it. Every other
    character of `text` is kept."""
    lines = split_lines(text)
    newline = next((line.ending for line in lines if line.ending), "\n")
    out: list[str] = []
    position = 0
    for block in blocks:
        new = replacement(block)
        if new is None:
            continue
        out.extend(line.text + line.ending for line in lines[position:block.start])
        cont = continuation(block.prefix)
        written = [(block.prefix if i == 0 else cont) + piece for i, piece in enumerate(new)]
        opens_item = bool(block.prefix.strip(" >"))  # the fence is on a list item's first line
        if block.start > 0 and not opens_item and not _apart(lines[block.start - 1], _ENDS_BLOCK):
            out.append(cont.rstrip() + newline)
        out.extend(piece.rstrip() + newline for piece in written[:-1])
        out.append(written[-1] + lines[block.end - 1].ending)  # "" only at the end of the text
        if block.end < len(lines) and not _apart(lines[block.end], _INTERRUPTS):
            out.append(cont.rstrip() + newline)
        position = block.end
    out.extend(line.text + line.ending for line in lines[position:])
    return "".join(out)
