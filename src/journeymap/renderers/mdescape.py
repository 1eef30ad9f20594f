"""User text as inert Markdown (CommonMark + GFM): the same characters on the
page, and no structure of its own, in a paragraph, heading, list item or
table cell alike.

Why each rule:

* ASCII punctuation that CommonMark, GFM or a common extension reads as
  syntax anywhere in a line (emphasis, code, links, HTML, entities, tables,
  strikethrough, math, footnotes, marks, attributes, GitHub mentions) is
  backslash-escaped: CommonMark guarantees that an escaped ASCII punctuation
  character is literal text, inside a table cell too (`\\|`).
* `.` followed by a non-space, and `/` followed by `/`, are escaped too:
  that breaks the domains, `www.`, `://` and `//host` that GFM autolinks and
  linkify turn into links, while "end. Next" stays readable.
* At the start of a text, where a paragraph, heading or list item begins,
  `-`, `:`, `!` and the `.` or `)` after a number are escaped: there they
  open a list, a rule, a setext heading, a definition or an admonition.
* Spaces other than U+0020 and invisible format characters (U+FEFF, bidi
  controls, zero-width space, tag characters) become numeric references
  such as `&#xA0;`: parsers trim the first at the ends of a paragraph or
  cell, and a reviewer cannot see the second in the source.
* A text is one line of Markdown: its line breaks become `<br />` (the form
  that MDX accepts too), and ASCII spaces and tabs at its ends are dropped,
  as every parser drops them.
"""

from __future__ import annotations

import re

BR = "<br />"

# Unicode spaces other than U+0020 (category Zs) and format characters
# (category Cf) except ZWNJ and ZWJ, which shape scripts and emoji. A test
# keeps this list a superset of what the running Python's unicodedata says.
INVISIBLE = ("\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
             "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
             "\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
             "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
             "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f")
LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")

_ANYWHERE = "\\\\`*_{}\\[\\]<>#&|~$^=+@"
_ESCAPE = re.compile(f"[{_ANYWHERE}]|[.](?=\\S)|/(?=/)|[{INVISIBLE}]")
_AT_START = re.compile(r"[-:!]|\d+[.)]")
# A text with none of the above, no line break and nothing to trim.
_AS_IT_IS = re.compile(f"(?![-:!\\d \t])[^{_ANYWHERE}./{INVISIBLE}\r\n\x85\u2028\u2029]*(?<![ \t])\\Z")


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    return "\\" + char if char.isascii() else f"&#x{ord(char):X};"


def tidy(text: str) -> str:
    """`text` with "\\n" for each line break and no spaces, tabs or line
    breaks at its ends: what a page shows of it."""
    return LINE_BREAK.sub("\n", text).strip(" \t\n")


def escape(text: str) -> str:
    """`text` as Markdown that shows exactly `tidy(text)` (line breaks as `<br />`)."""
    if _AS_IT_IS.match(text):  # the common case, at C speed
        return text
    lines = tidy(text).split("\n")
    body = BR.join(_ESCAPE.sub(_escaped, line) for line in lines)
    start = _AT_START.match(body)
    if start:  # a list marker, rule or definition where a block begins
        end = start.end()
        body = body[:end - 1] + "\\" + body[end - 1:]
    return body
