"""Write a journey back out as YAML that journeymap reads as the same map.

Used by `journeymap import` and by the round-trip property tests. Strings that
YAML could read as something else, or that hold line breaks, are written
double-quoted with escapes, and no line is folded: a text always stays on
its own line, so no user text can start a line of the output (where a CI
log would read `::error::` as a command)."""

from __future__ import annotations

from typing import Any

import yaml

from .model import Journey

_FIELD_ORDER_HEADER = "# yaml-language-server: $schema={schema}\n"
_SPECIAL_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029", "\ufeff")


class _Dumper(yaml.SafeDumper):
    """SafeDumper that never lets a text be re-read as a different text."""

    def represent_str(self, data: str) -> yaml.ScalarNode:
        if any(ch in data for ch in _SPECIAL_BREAKS) or data != data.strip(" \t"):
            return self.represent_scalar("tag:yaml.org,2002:str", data, style='"')
        return super().represent_str(data)

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_Dumper.add_representer(str, _Dumper.represent_str)


def journey_to_data(journey: Journey) -> dict[str, Any]:
    """The journey as plain data, leaving out what is empty or default (but
    always saying which format version it is)."""
    data = journey.model_dump(mode="json", exclude_defaults=True, exclude_none=True)
    data.pop("journeymap", None)
    return {"journeymap": journey.journeymap, **data}


def dump(journey: Journey, schema: str | None = None) -> str:
    """YAML text of a journey (with a schema comment for editors, if given)."""
    body = yaml.dump(journey_to_data(journey), Dumper=_Dumper, allow_unicode=True,
                     sort_keys=False, width=float("inf"), default_flow_style=False)
    header = _FIELD_ORDER_HEADER.format(schema=schema) if schema else ""
    return header + body
