"""Golden files: compared byte for byte, and rewritten only with
`--update-goldens`, after the new output has passed the invariants that any
output of that format must meet (it parses with its real parser, and every
touchpoint of the map is in it). A regression can then never be blessed into
a golden file by a careless update."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from markdown_it import MarkdownIt

from journeymap.importers.mermaid import decode_entities
from journeymap.model import Journey


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _svg_text(data: bytes) -> str:
    root = ET.fromstring(data)
    return " ".join(" ".join(node.itertext()) for node in root.iter() if node.tag.endswith("}text"))


def _markdown_text(data: bytes) -> str:
    tokens = MarkdownIt("commonmark").enable("table").parse(data.decode("utf-8"))
    return " ".join(child.content for token in tokens if token.type == "inline"
                    for child in token.children or [] if child.type == "text")


def _json_text(data: bytes) -> str:
    def refuse(constant: str) -> None:
        raise ValueError(f"not JSON: {constant}")

    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [text for key, item in value.items() for text in [key, *strings(item)]]
        if isinstance(value, list):
            return [text for item in value for text in strings(item)]
        return []

    return " ".join(strings(json.loads(data, parse_constant=refuse)))


def _html_text(data: bytes) -> str:
    text = data.decode("utf-8")
    assert text.startswith("<!DOCTYPE html>"), text[:40]
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def _dot_text(data: bytes) -> str:
    text = data.decode("utf-8")
    assert text.startswith(("digraph", "strict digraph")), text[:40]
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def _mermaid_text(data: bytes) -> str:
    text = data.decode("utf-8")
    assert text.startswith("journey\n"), text[:40]
    return decode_entities(text)


# format -> what a person reads in the output, once its real parser read it
READERS = {"svg": _svg_text, "md": _markdown_text, "json": _json_text, "html": _html_text,
           "dot": _dot_text, "mmd": _mermaid_text}


def check_invariants(journey: Journey, fmt: str, data: bytes) -> None:
    """Raise AssertionError unless `data` parses and shows every touchpoint."""
    shown = _squeezed(READERS[fmt](data))
    missing = [tp.name for _, tp in journey.all_touchpoints() if _squeezed(tp.name) not in shown]
    assert not missing, f"{fmt}: touchpoints missing from the output: {missing}"


def compare_golden(golden: Path, journey: Journey, fmt: str, data: bytes, update: bool) -> None:
    """Assert that `data` equals the golden file; with `update`, first check
    the invariants, then write it."""
    if update:
        check_invariants(journey, fmt, data)
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(data)
    assert golden.exists(), f"no golden file {golden.name}: run pytest --update-goldens"
    assert data == golden.read_bytes(), f"{golden.name} differs: run pytest --update-goldens and read the diff"
