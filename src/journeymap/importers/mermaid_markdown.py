"""`journeymap import mermaid README.md`: every ```mermaid block of a Markdown
document that holds a `journey` diagram becomes one map; blocks of other
diagram types are skipped.

The blocks are found as CommonMark finds fences (markdown-it-py, whose token
`.map` gives each fence's lines), so a fence inside a list or a block quote
counts and a fence inside a longer fence does not. Every diagnostic is moved
to its line and column in the Markdown file.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..diagnostics import Diagnostic
from .mermaid_syntax import problem, text_lines

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mdx")
_LANGUAGES = ("mermaid", "{mermaid}")  # CommonMark, MyST


@dataclass(frozen=True)
class MermaidBlock:
    """One ```mermaid fence: its body, and where each body line sits in the
    document (1-based line, characters before it on that line)."""

    line: int  # the opening fence's 1-based line
    body: str
    body_lines: tuple[int, ...]
    offsets: tuple[int, ...]

    def locate(self, diagnostic: Diagnostic) -> Diagnostic:
        """`diagnostic` (positioned in the body) positioned in the document."""
        if 1 <= diagnostic.line <= len(self.body_lines):
            index = diagnostic.line - 1
            return dataclasses.replace(diagnostic, line=self.body_lines[index],
                                       column=diagnostic.column + self.offsets[index])
        return dataclasses.replace(diagnostic, line=self.line, column=1)


def is_markdown(filename: str, text: str) -> bool:
    """A Markdown document (by its name, or, for standard input, by holding a
    ```mermaid fence instead of starting with a diagram)."""
    if filename.lower().endswith(MARKDOWN_SUFFIXES):
        return True
    return not is_journey(text) and bool(mermaid_blocks(text))


def is_journey(diagram: str) -> bool:
    """Whether a diagram is a `journey` (after front matter and comments)."""
    lines = text_lines(diagram)
    index = 0
    if lines and lines[0].strip() == "---":
        closing = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        index = len(lines) if closing is None else closing + 1
    for line in lines[index:]:
        stripped = line.strip()
        if stripped and not stripped.startswith("%%"):
            return stripped.split()[0] == "journey"
    return False


def mermaid_blocks(text: str) -> list[MermaidBlock]:
    """Every ```mermaid fence of a Markdown text, in document order."""
    from markdown_it import MarkdownIt

    from ..integrations.fences import split_lines

    lines = split_lines(text)
    tokens = MarkdownIt("commonmark").parse("".join(line.text + "\n" for line in lines))
    blocks = []
    for token in tokens:
        words = token.info.split(None, 1)
        if token.type != "fence" or token.map is None or not words or words[0] not in _LANGUAGES:
            continue
        start = token.map[0]
        content = token.content.split("\n")
        if content[-1] == "":
            content.pop()
        body, numbers, offsets = [], [], []
        for index, piece in enumerate(content):
            original = lines[start + 1 + index].text
            same = original.replace("\0", "\ufffd").endswith(piece)
            offset = len(original) - len(piece) if same else max(0, len(original) - len(piece))
            body.append(original[offset:] if same else piece)
            numbers.append(start + 2 + index)
            offsets.append(offset)
        blocks.append(MermaidBlock(start + 1, "".join(line + "\n" for line in body),
                                   tuple(numbers), tuple(offsets)))
    return blocks


def convert_document(text: str, filename: str) -> tuple[list[str] | None, list[Diagnostic]]:
    """A diagram or a Markdown document -> (one journey YAML text per
    diagram, diagnostics); None when any diagram cannot be imported."""
    from .mermaid import convert

    if not is_markdown(filename, text):
        yaml_text, diagnostics = convert(text, filename)
        return (None if yaml_text is None else [yaml_text]), diagnostics
    blocks = mermaid_blocks(text)
    journeys = [block for block in blocks if is_journey(block.body)]
    if not journeys:
        others = f" ({len(blocks)} ```mermaid block{'s' * (len(blocks) != 1)} of other diagram types)" \
            if blocks else ""
        return None, [problem(filename, 1, 1, "expected a ```mermaid block holding a `journey` "
                               f"diagram, found none{others}", text_lines(text)[0],
                               "a user-journey block starts with the line `journey`")]
    document = text_lines(text)
    maps: list[str] = []
    found: list[Diagnostic] = []
    for block in journeys:
        yaml_text, diagnostics = convert(block.body, filename, f", line {block.line}")
        for diagnostic in map(block.locate, diagnostics):
            found.append(dataclasses.replace(diagnostic, source_line=document[diagnostic.line - 1]))
        if yaml_text is not None:
            maps.append(yaml_text)
    failed = any(d.is_error for d in found)
    return (None if failed else maps), found
