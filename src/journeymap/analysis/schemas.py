"""JSON Schemas of `stats --format json` and `diff --format json`, so that
pipelines can rely on the shape (committed in schemas/, kept fresh by a test)."""

from __future__ import annotations

import json
from typing import Any, TypeAlias

from ..schema import SCHEMAS_URL as SCHEMA_BASE

Schema: TypeAlias = dict[str, Any]  # a JSON Schema, as JSON-ready data

_NUM = {"type": ["number", "null"]}
_STR = {"type": "string"}
_STRN = {"type": ["string", "null"]}
_EMOTION = {"type": ["integer", "object", "null"], "additionalProperties": {"type": "integer"}}


def _obj(properties: Schema, required: list[str] | None = None) -> Schema:
    return {"type": "object", "properties": properties,
            "required": list(properties) if required is None else required, "additionalProperties": False}


def _list(item: Schema) -> Schema:
    return {"type": "array", "items": item}


_POINT = _obj({"stage": _STR, "touchpoint": _STR, "name": _STR, "emotion": {"type": "integer"}})

STATS = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_BASE + "stats.schema.json",
    "title": "journeymap stats --format json",
    **_obj({
        "maps": _list(_obj({
            "map": _STR, "title": _STR, "type": _STR, "stages": {"type": "integer"},
            "touchpoints": {"type": "integer"},
            "emotion": _list(_obj({
                "persona": _STRN, "points": {"type": "integer"}, "lowest": _POINT, "highest": _POINT,
                "average": {"type": "number"},
                "stages": _list(_obj({"stage": _STR, "name": _STR, "average": _NUM})),
                "steepest_drops": _list(_obj({"from": _STR, "to": _STR, "from_name": _STR, "to_name": _STR,
                                              "change": {"type": "integer", "maximum": -1}})),
            }, required=["persona", "points", "stages", "steepest_drops"])),
            "pains": _obj({
                "total": {"type": "integer"},
                "per_stage": _list(_obj({"stage": _STR, "name": _STR, "pains": {"type": "integer"}})),
                "per_channel": _list(_obj({"channel": _STR, "pains": {"type": "integer"}})),
                "without_opportunity": _list(_obj({"stage": _STR, "touchpoint": _STR, "pain": _STR})),
            }),
            "channels": _obj({
                "channels": _list(_obj({"channel": _STR, "name": _STRN, "stages": _list(_STR)})),
                "online": {"type": "integer"}, "offline": {"type": "integer"},
                "mode_unspecified": {"type": "integer"}, "direct": {"type": "integer"},
                "indirect": {"type": "integer"}, "control_unspecified": {"type": "integer"},
            }),
            "key_touchpoints": _list(_obj({
                "touchpoint": _STR, "name": _STR, "stage": _STR, "emotion": _EMOTION,
                "metrics": {"type": "object", "additionalProperties": _obj(
                    {"value": {"type": "number"}, "target": _NUM, "met": {"type": ["boolean", "null"]}})},
            })),
            "metrics": _list(_obj({
                "touchpoint": _STR, "stage": _STR, "metric": _STR, "value": {"type": "number"},
                "target": {"type": "number"}, "unit": _STRN, "better": {"enum": ["higher", "lower"]},
                "met": {"type": "boolean"}, "gap": {"type": "number"}, "relative_gap": _NUM,
            })),
            "evidence": _obj({
                "touchpoints": {"type": "integer"}, "backed": {"type": "integer"},
                "share_backed": {"type": "number", "minimum": 0, "maximum": 1},
                "hypothesis_only": _list(_STR),
                "sources": _list(_obj({"source": _STR, "title": _STRN, "kind": _STRN,
                                       "n": {"type": ["integer", "null"]}, "date": _STRN})),
            }),
        })),
        "summary": _list(_obj({
            "map": _STR, "title": _STR, "touchpoints": {"type": "integer"}, "average_emotion": _NUM,
            "lowest": _STRN, "pains": {"type": "integer"}, "metrics_missed": {"type": "integer"},
            "share_backed": {"type": "number"},
        })),
    }),
}

_CHANGE = _obj({"old": _NUM, "new": _NUM, "change": _NUM})
DIFF = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_BASE + "diff.schema.json",
    "title": "journeymap diff --format json",
    **_obj({
        "old": _STR, "new": _STR, "changed": {"type": "boolean"},
        "stages": _obj({
            "added": _list(_obj({"id": _STR, "name": _STR})),
            "removed": _list(_obj({"id": _STR, "name": _STR})),
            "renamed": _list(_obj({"old": _STR, "new": _STR, "from": _STR, "to": _STR})),
        }),
        "touchpoints": _obj({
            "added": _list(_obj({"id": _STR, "name": _STR, "stage": _STR})),
            "removed": _list(_obj({"id": _STR, "name": _STR, "stage": _STR})),
            "changed": _list(_obj({
                "old": _STR, "new": _STR, "matched_by": {"enum": ["id", "name"]}, "name": _STR,
                "renamed_from": _STR, "moved": _obj({"from": _STR, "to": _STR}),
                "emotion": {"type": "object", "additionalProperties": _CHANGE},
                "metrics": {"type": "object", "additionalProperties": _obj(
                    {"old": _NUM, "new": _NUM, "old_met": {"type": ["boolean", "null"]},
                     "new_met": {"type": ["boolean", "null"]}})},
            }, required=["old", "new", "matched_by", "name"])),
        }),
        "stage_emotion": _list(_obj({"stage": _STR, "persona": _STRN, "old": _NUM, "new": _NUM,
                                     "change": _NUM})),
        "pains": _obj({"solved": _list(_STR), "new": _list(_STR)}),
        "opportunities": _obj({"realised": _list(_STR), "new": _list(_STR)}),
    }),
}


def schema_text(which: str) -> str:
    return json.dumps(STATS if which == "stats" else DIFF, ensure_ascii=False, indent=2) + "\n"
