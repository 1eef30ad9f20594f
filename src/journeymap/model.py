"""The journey map as pydantic models: the public data model of journeymap.

Validation here is structural (types, required fields, unknown keys, allowed
values, shorthands). Rules that need the whole map, such as references,
unique ids and emotion within the scale, live in `checks.py`; filling in the
defaults that depend on the whole map lives in `normalise.py`.

Every model is frozen: what validation returns is never changed afterwards.
Ids left out are filled into the raw data before validation (`ids.py`), and
`normalise` returns a new model.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag, model_validator

from . import builtins
from .builtins import Better, Control, EvidenceLevel, Icon, LaneName, MapType, Mode, SourceKind
from .fields import (
    Bool,
    Color,
    Count,
    Id,
    IdList,
    Int,
    Locale,
    Number,
    OneOf,
    Text,
    TextList,
    TextOrNumber,
    Url,
)
from .ids import with_derived_ids

BlueprintSide = Literal["customer", "frontstage", "backstage", "support"]
BLUEPRINT_SIDES: tuple[BlueprintSide, ...] = get_args(BlueprintSide)


class Node(BaseModel):
    """Common behaviour: frozen once validated; unknown keys are errors,
    except `x-` extension keys, which other tools may use and which we drop."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False,
                              json_schema_serialization_defaults_required=True,
                              json_schema_extra={"patternProperties": {"^x-": {}}})

    @model_validator(mode="before")
    @classmethod
    def _drop_extension_keys(cls, data: object) -> object:
        if isinstance(data, dict) and any(isinstance(k, str) and k.startswith("x-") for k in data):
            return {k: v for k, v in data.items() if not (isinstance(k, str) and k.startswith("x-"))}
        return data


class Empathy(Node):
    thinks: TextList = []
    feels: TextList = []
    says: TextList = []
    does: TextList = []


class Persona(Node):
    id: Id | None = None
    name: Text
    role: Text | None = None
    description: Text | None = None
    quote: Text | None = None
    avatar: Text | None = Field(None, description="an emoji or a short text; never fetched")
    color: Color | None = None
    goals: TextList = []
    needs: TextList = []
    frustrations: TextList = []
    motivations: TextList = []
    behaviors: TextList = []
    demographics: dict[Text, TextOrNumber] = {}
    empathy: Empathy = Field(default_factory=Empathy)


class Channel(Node):
    id: Id
    name: Text | None = None
    mode: Annotated[Mode, OneOf(builtins.MODES)] | None = None
    icon: Annotated[Icon, OneOf(builtins.ICONS)] | None = None


class Source(Node):
    id: Id
    kind: Annotated[SourceKind, OneOf(builtins.SOURCE_KINDS)] | None = None
    title: Text | None = None
    n: Count | None = None
    date: Text | None = None
    url: Url | None = None


def _metric_shorthand(value: object) -> object:
    """`csat: 3.4` is shorthand for `csat: {value: 3.4}`."""
    return value if isinstance(value, dict) else {"value": value}


class Metric(Node):
    """A measure; a planned one has a `target` and no `value` yet."""

    value: Number | None = None
    target: Number | None = None
    unit: Text | None = None
    better: Annotated[Better, OneOf(builtins.BETTER)] = "higher"

    @property
    def met(self) -> bool | None:
        """Whether the target is met; None without a target or without a value."""
        if self.target is None or self.value is None:
            return None
        return self.value >= self.target if self.better == "higher" else self.value <= self.target

    @property
    def planned(self) -> bool:
        """Measured not yet: a target without a value."""
        return self.value is None


def _allow_number(schema: dict[str, Any]) -> None:
    """In the JSON Schema, a metric may also be a bare number."""
    for key in ("additionalProperties", "patternProperties"):
        if key == "patternProperties":
            for pattern, inner in schema.get(key, {}).items():
                schema[key][pattern] = {"anyOf": [{"type": "number"}, inner]}
        elif isinstance(schema.get(key), dict):
            schema[key] = {"anyOf": [{"type": "number"}, schema[key]]}


MetricValue = Annotated[Metric, BeforeValidator(_metric_shorthand)]


class Evidence(Node):
    source: Id | None = None
    quote: Text | None = None
    level: Annotated[EvidenceLevel, OneOf(builtins.EVIDENCE_LEVELS)] | None = None


def _emotion_kind(value: object) -> str:
    return "~map" if isinstance(value, dict) else "~int"


def _one_or_many(value: object) -> str:
    return "~list" if isinstance(value, list) else "~one"


# `channel: website` or `channel: [website, email]`
ChannelRef = Annotated[
    Annotated[Id, Tag("~one")] | Annotated[list[Id], Tag("~list")],
    Discriminator(_one_or_many),
]

Emotion = Annotated[
    Annotated[Int, Tag("~int")] | Annotated[dict[Id, Int], Tag("~map")],
    Discriminator(_emotion_kind),
]


class Touchpoint(Node):
    id: Id | None = None
    name: Text
    channel: ChannelRef | None = Field(None, description="a channel id, or a list of them")
    personas: IdList = []
    action: Text | None = None
    thoughts: TextList = []
    feelings: TextList = []
    emotion: Emotion | None = Field(
        None, description="an integer on the scale, or a mapping persona id -> integer")
    pains: TextList = []
    opportunities: TextList = []
    owner: Text | None = None
    control: Annotated[Control, OneOf(builtins.CONTROLS)] | None = None
    key: Bool = False
    metrics: dict[Text, MetricValue] = Field(default_factory=dict, json_schema_extra=_allow_number)
    evidence: list[Evidence] = []
    next: IdList = []
    duration: Text | None = None
    physical_evidence: TextList = []
    frontstage: TextList = []
    backstage: TextList = []
    support: TextList = []
    lanes: dict[Id, Text] = {}
    notes: Text | None = None

    @property
    def channels(self) -> list[str]:
        """Every channel of the touchpoint, in order: `channel` read as a list."""
        if self.channel is None:
            return []
        return [self.channel] if isinstance(self.channel, str) else list(self.channel)


class Stage(Node):
    id: Id | None = None
    name: Text
    goal: Text | None = None
    description: Text | None = None
    phase: Text | None = None
    touchpoints: list[Touchpoint] = []


# The widest emotion scale: `max - min` at most this many steps. A scale is a
# handful of steps (−2..2, 1..5, 0..10); a wider one cannot be drawn so that
# two neighbouring values look different.
MAX_SCALE_STEPS = 100


class Scale(Node):
    """The emotion scale: integers from `min` to `max`, `min < max`, at most
    100 steps apart."""

    min: Int = -2
    max: Int = 2


class CustomLane(Node):
    """A lane of the map's own; `side` places it in a service blueprint
    (with the built-in lane of that name), else it follows the built-in lanes."""

    id: Id
    title: Text
    side: Annotated[BlueprintSide, OneOf(BLUEPRINT_SIDES)] | None = None


class Accessibility(Node):
    """What assistive technology reads for the drawn map (an SVG's <title>
    and <desc>) when it should differ from the title and description."""

    title: Text | None = None
    description: Text | None = None


def _lane_kind(value: object) -> str:
    # Called on raw data when validating and on model objects when serialising.
    return "~custom" if isinstance(value, (dict, CustomLane)) else "~name"


Lane = Annotated[
    Annotated[LaneName, OneOf(builtins.LANES), Tag("~name")] | Annotated[CustomLane, Tag("~custom")],
    Discriminator(_lane_kind),
]


class Journey(Node):
    """One customer journey map."""

    model_config = ConfigDict(title="journeymap journey file, version 1")

    journeymap: Int = 1
    title: Text
    type: Annotated[MapType, OneOf(builtins.MAP_TYPES)] = "current-state"
    scenario: Text | None = None
    description: Text | None = None
    accessibility: Accessibility | None = None
    expectations: TextList = []
    owner: Text | None = None
    version: Text | None = None
    updated: Text | None = None
    locale: Locale = "en"
    scale: Scale = Field(default_factory=Scale)
    tags: TextList = []
    personas: list[Persona] = []
    channels: list[Channel] = []
    sources: list[Source] = []
    lanes: list[Lane] | None = None
    stages: list[Stage] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _shorthands_and_ids(cls, data: object) -> object:
        """`persona: {...}` is shorthand for `personas: [{...}]`; ids left
        out are derived from the position (see `ids.py`)."""
        if isinstance(data, dict) and "persona" in data and "personas" not in data:
            data = dict(data)
            single = data.pop("persona")
            data["personas"] = single if isinstance(single, list) else [single]
        return with_derived_ids(data)

    # Convenience for renderers and checks -------------------------------------------

    def all_touchpoints(self) -> list[tuple[Stage, Touchpoint]]:
        """Every touchpoint with its stage, in the order of the map."""
        return [(stage, tp) for stage in self.stages for tp in stage.touchpoints]

    def channel(self, channel_id: str | None) -> Channel | None:
        """The declared channel, else the built-in one, with name and icon."""
        if channel_id is None:
            return None
        for channel in self.channels:
            if channel.id == channel_id:
                return channel
        if channel_id in builtins.BUILTIN_CHANNELS:
            name, mode, icon = builtins.BUILTIN_CHANNELS[channel_id]
            return Channel(id=channel_id, name=name, mode=mode, icon=icon)
        return None
