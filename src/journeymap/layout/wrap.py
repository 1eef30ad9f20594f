"""Breaking text into lines that fit a width, in any script.

Latin and Cyrillic break at spaces and after hyphens; Chinese, Japanese and
Korean may break between any two characters; a word longer than the line is
broken where it must (typeset: where its language's dictionary allows,
layout/hyphenate.py). Widths come from a `measure` function, so the same code
serves terminal cells (Graphviz labels) and font advance widths (the SVG).
The unit that is never split is the grapheme cluster (a letter with its
combining marks, an emoji with its modifiers)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

from .hyphenate import break_points

Measure = Callable[[str], float]

# Characters after which a line may break between two CJK characters.
_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
                   r"\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
                   r"\U00020000-\U0003fffd]")
_NO_LINE_START = set("，。、；：！？）》」』】〕〉”’,.;:!?)]}%·…ー")


def graphemes(text: str) -> Iterator[str]:
    """Grapheme clusters, approximately: a base character with the combining
    marks, variation selectors, zero-width joiners and what they join."""
    cluster = ""
    join_next = False
    for char in text:
        category = unicodedata.category(char)
        extends = (category in ("Mn", "Me", "Mc") or "\ufe00" <= char <= "\ufe0f"
                   or "\U0001f3fb" <= char <= "\U0001f3ff" or "\U000e0020" <= char <= "\U000e007f")
        if cluster and (extends or join_next or char == "\u200d"):
            cluster += char
            join_next = char == "\u200d"
            continue
        if cluster:
            yield cluster
        cluster = char
        join_next = False
    if cluster:
        yield cluster


def is_wide(cluster: str) -> bool:
    return bool(_WIDE.match(cluster))


# Text without wide characters or combining sequences: one character is one
# grapheme, and a regular expression finds the break opportunities.
_COMPLEX = re.compile(r"[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f"
                      r"\u0900-\u0dff\u0e31-\u0e4e\u1100-\u115f\u200d\u20d0-\u20ff\u2e80-\ua4cf"
                      r"\uac00-\ud7a3\uf900-\ufaff\ufe00-\ufe0f\ufe20-\ufe4f\uff00-\uffef"
                      r"\U0001f000-\U0001ffff\U00020000-\U0003fffd\U000e0000-\U000e01ef]"
                      r"|[^\x00-\u02ff\u0370-\u0482\u048a-\u0590\u05d0-\u05ff\u0620-\u064a\u0660-\u06ff"
                      r"\u2000-\u20cf\u2100-\u2e7f]")
_SIMPLE_TOKEN = re.compile(r"[^\s\-‐/–]*[\s\-‐/–]|[^\s\-‐/–]+")


def _tokens(text: str) -> list[str]:
    """Pieces between which a line may break: words with their trailing
    spaces or hyphen, and single CJK characters (with closing punctuation)."""
    if not _COMPLEX.search(text):
        return _SIMPLE_TOKEN.findall(text)
    tokens: list[str] = []
    current = ""
    for cluster in graphemes(text):
        if is_wide(cluster) or (cluster in _NO_LINE_START and current and is_wide(current[-1])):
            if cluster in _NO_LINE_START and current:
                current += cluster
                continue
            if current:
                tokens.append(current)
            current = cluster
            continue
        if current and is_wide(current[-1:]) and not cluster.isspace():
            tokens.append(current)
            current = ""
        current += cluster
        if cluster.isspace() or cluster in "-‐/–":
            tokens.append(current)
            current = ""
    if current:
        tokens.append(current)
    return tokens


HYPHEN = "\u2010"   # the hyphen a forced break adds (U+2010, never in the author's word)


def wrap(text: str, width: float, measure: Measure, typeset: bool = False) -> list[str]:
    """Lines of `text` no wider than `width` (each at least one grapheme).

    Explicit line breaks are kept; trailing spaces do not count. `typeset`
    (the SVG) adds a hyphen where a word of a hyphenating script is forced
    across lines, and leaves no single CJK character alone on a last line."""
    if text.isprintable() and text.strip() and measure(text.rstrip()) <= width:
        return [text.rstrip()]
    lines: list[str] = []
    for paragraph in re.split(r"\r\n|[\n\r\x85\u2028\u2029]", text):
        broken = _wrap_paragraph(paragraph, width, measure, typeset)
        lines.extend(_balanced(broken, width, measure) if typeset else broken)
    return lines


def _hyphenates(cluster: str) -> bool:
    """Letters of scripts that mark a broken word with a hyphen (Latin,
    Greek, Cyrillic, Armenian); not CJK, Hebrew, Arabic or Thai."""
    return cluster[:1].isalpha() and ord(cluster[0]) < 0x0590


def _balanced(lines: list[str], width: float, measure: Measure) -> list[str]:
    """No CJK character alone on the last line: the line above gives one."""
    if len(lines) < 2 or not _WIDE.match(lines[-1]):  # most lines: no wide character to move
        return lines
    last = list(graphemes(lines[-1]))
    if len(last) != 1:
        return lines
    above = list(graphemes(lines[-2]))
    if is_wide(last[0]) and len(above) > 2 and is_wide(above[-1]):
        moved = above[-1] + last[0]
        if measure(moved) <= width:
            return [*lines[:-2], "".join(above[:-1]), moved]
    return lines


def _wrap_paragraph(text: str, width: float, measure: Measure, typeset: bool = False) -> list[str]:
    """Greedy line filling. `measure` must add up (the width of a + b is the
    width of a plus the width of b), so a line's width is kept as a sum."""
    if not text.strip():
        return [""]
    lines: list[str] = []
    line, line_width = "", 0.0          # the line so far, trailing spaces included
    for token in _tokens(text):
        visible = token.rstrip()
        visible_width = measure(visible)
        if line_width + visible_width <= width or not line.strip():
            if line_width + visible_width <= width:
                trailing = token[len(visible):]
                line = line + token
                line_width += visible_width + (measure(trailing) if trailing else 0.0)
                continue
            # a token wider than a whole line: break it where it must
            if line.strip():
                lines.append(line.rstrip())
            pieces = _break_long(token, width, measure, typeset)
            lines.extend(pieces[:-1])
            line, line_width = pieces[-1], measure(pieces[-1])
            continue
        lines.append(line.rstrip())
        line = token.lstrip() if token.strip() else ""
        line_width = measure(line)
        if measure(line.rstrip()) > width:
            pieces = _break_long(line, width, measure, typeset)
            lines.extend(pieces[:-1])
            line, line_width = pieces[-1], measure(pieces[-1])
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _break_long(token: str, width: float, measure: Measure, typeset: bool = False) -> list[str]:
    """A word wider than the line, broken where it must; typeset, at the
    break points of its language's dictionary where one fits, else between
    any two letters, with a hyphen between two letters of a hyphenating script."""
    if not typeset:
        return _break_anywhere(token, width, measure)
    letters = next((index for index, char in enumerate(token) if not char.isalpha()), len(token))
    points = break_points(token[:letters]) if letters >= 4 else []
    pieces: list[str] = []
    start = 0
    while measure(token[start:].rstrip()) > width:
        fitting = [point for point in points
                   if point > start and measure(token[start:point] + HYPHEN) <= width]
        if not fitting:
            break
        pieces.append(token[start:fitting[-1]] + HYPHEN)
        start = fitting[-1]
    return pieces + _break_anywhere(token[start:], width, measure, typeset)


def _break_anywhere(token: str, width: float, measure: Measure, typeset: bool = False) -> list[str]:
    """A word broken between any two graphemes, as late as the line allows."""
    pieces: list[str] = []
    piece: list[str] = []
    for cluster in graphemes(token):
        if piece and measure("".join(piece + [cluster]).rstrip()) > width:
            if typeset and _hyphenates(piece[-1]) and _hyphenates(cluster):
                if len(piece) > 1 and measure("".join(piece) + HYPHEN) > width:
                    cluster = piece.pop() + cluster   # one letter moves down to make room
                fits = measure("".join(piece) + HYPHEN) <= width
                pieces.append("".join(piece) + (HYPHEN if fits else ""))
            else:
                pieces.append("".join(piece))
            piece = list(graphemes(cluster))
        else:
            piece.append(cluster)
    pieces.append("".join(piece))
    return pieces


def cell_width(text: str) -> int:
    """Terminal-cell width: the measure for plain-text layouts."""
    if text.isascii():
        return len(text)
    from wcwidth import wcswidth, wcwidth

    width = wcswidth(text)
    return width if width >= 0 else sum(max(wcwidth(c), 0) for c in text)
