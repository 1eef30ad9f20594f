"""Escaping user text for XML-based outputs (SVG, HTML, Graphviz HTML-like
labels): the text can never become markup, and characters XML cannot carry
are replaced so the document always parses."""

from __future__ import annotations

import re

_INVALID_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TABLE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


def xml_escape(text: str) -> str:
    """Text content or attribute value, quotes included."""
    return _INVALID_XML.sub("\ufffd", text).translate(_TABLE)
