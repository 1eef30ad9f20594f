"""User text made inert for a terminal or a CI log.

A file name, a key or a value from a journey file is attacker-controlled in
CI: printed raw, an ESC starts a terminal control sequence, a newline starts a
line that GitHub Actions reads as a workflow command (`::error::...`), `##[`
anywhere in a line is a command to the runner's older parser, and a
bidirectional override or mark reorders what a reviewer sees. `inert()` shows
every such character as a visible escape, so the text reads as what it is.
"""

from __future__ import annotations

import re

# C0 controls (tab and newline included: a one-line message must stay one
# line), DEL, C1 controls, the line and paragraph separators, the
# bidirectional marks, embeddings, overrides and isolates, lone surrogates,
# and the `[` of `##[`.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                     "\u2066-\u2069\ud800-\udfff]|(?<=##)\\[")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str) -> str:
    """`text` with every control character shown as an escape (`\\x1b`, `\\n`)."""
    return _UNSAFE.sub(_escape, text)
