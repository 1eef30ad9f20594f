"""The node graph walked into dicts, lists, str and Plain, enforcing the
format's structural rules on the way: no tags, text keys, each key once, no
forbidden characters, limited nesting and alias expansion."""

from __future__ import annotations

import unicodedata
from typing import TypeAlias

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .characters import FORBIDDEN, Plain, forbidden_character, forbidden_hint
from .compose import IMPLICIT, MAX_DEPTH, Problem
from .sourcemap import SourceMap

EXPANSION_FACTOR = 10
NULLS = frozenset({"", "~", "null", "Null", "NULL"})

# What a journey file holds once walked (a `Plain` for an unquoted text).
Loaded: TypeAlias = "dict[str, Loaded] | list[Loaded] | str | None"


class Walker:
    """Turns the node graph into dicts, lists, str and Plain, enforcing the
    format's structural rules on the way."""

    def __init__(self, sourcemap: SourceMap):
        self.sourcemap = sourcemap
        # Without aliases a document can never spend more than about twice its
        # length (a character per scalar character, one per node).
        self.budget = EXPANSION_FACTOR * max(len(sourcemap.text), 100)
        # The top-level entry being walked: where an alias bomb is reported,
        # a stable place whatever node the budget happens to run out at.
        self.entry: tuple[str, Node] | None = None

    def walk(self, node: Node, depth: int = 1) -> Loaded:
        if depth > MAX_DEPTH:
            raise Problem("too-deep", f"expected nesting of at most {MAX_DEPTH} levels, "
                           "found deeper nesting (or an alias that refers to itself)", node=node)
        if node.tag != IMPLICIT:
            raise Problem("yaml-tag", f"expected a value without a YAML tag, found the tag {node.tag!r}",
                           node=node, suggestion="remove the tag; journey files carry only "
                           "text, numbers, booleans, lists and mappings")
        self.budget -= 1 + (len(node.value) if isinstance(node, ScalarNode) else 0)
        if self.budget < 0:
            where, at = (f" under {self.entry[0]!r}", self.entry[1]) if self.entry else ("", node)
            raise Problem("alias-bomb", "expected aliases that expand the document at most "
                           f"{EXPANSION_FACTOR}x, found aliases{where} that expand it far beyond that",
                           node=at, suggestion="write the repeated content out, or repeat it "
                           "fewer times")
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode):
            return [self.walk(child, depth + 1) for child in node.value]
        if isinstance(node, MappingNode):
            return self._mapping(node, depth)
        raise TypeError(f"PyYAML composed an unknown kind of node: {node!r}")

    def _scalar(self, node: ScalarNode) -> str | None:
        """A scalar's text (a `Plain` when unquoted), None for a plain null."""
        if not node.style and node.value in NULLS:  # None from PyYAML, '' from libyaml
            return None
        return self._text(node)

    def _text(self, node: ScalarNode) -> str:
        value: str = node.value
        forbidden = FORBIDDEN.search(value)
        if forbidden:
            bad = forbidden.group()
            raise Problem("control-character", f"expected text, found {forbidden_character(bad)}",
                           node=node, suggestion=forbidden_hint(bad, escaped=True))
        return value if node.style else Plain(value)

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Loaded]:
        result: dict[str, Loaded] = {}
        for key_node, value_node in node.value:
            if key_node.tag != IMPLICIT:
                raise Problem("yaml-tag", f"expected a key without a YAML tag, found the tag "
                               f"{key_node.tag!r}", node=key_node)
            if not isinstance(key_node, ScalarNode) or (
                    not key_node.style and key_node.value in NULLS):
                what = "an empty key" if isinstance(key_node, ScalarNode) else (
                    "a list" if isinstance(key_node, SequenceNode) else "a mapping")
                raise Problem("key-not-text", f"expected a text key, found {what}", node=key_node)
            key = unicodedata.normalize("NFC", self._text(key_node))
            if key in result:
                first = next(k for k, _ in node.value
                             if isinstance(k, ScalarNode) and unicodedata.normalize("NFC", k.value) == key)
                first_line, _ = self.sourcemap.place_mark(first.start_mark)
                raise Problem("duplicate-key", f"expected each key once, found {key!r} again "
                               f"(first at line {first_line})", node=key_node,
                               suggestion="merge the two entries or rename one")
            if depth == 1:
                self.entry = (str(key), value_node)
            result[str(key)] = self.walk(value_node, depth + 1)
        return result
