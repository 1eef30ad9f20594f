"""The journey map as pydantic models: the public data model of journeymap.

Validation here is structural (types, required fields, unknown keys, allowed
values, shorthands). Rules that need the whole map, such as references,
unique ids and emotion within the scale, live in `checks.py`; filling in the
defaults that depend on the whole map lives in `normalise.py`.
"""

from __future__ import annotations

from typing import Annotated, Any, Optional, Union

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag,
                      model_validator)

from . import builtins
from .fields import (Bool, Color, Count, Id, IdList, Int, Locale, Number, Text, TextList,
                     TextOrNumber, Url, choice)


class Node(BaseModel):
    """Common behaviour: unknown keys are errors, except `x-` extension keys,
    which other tools may use and which we drop."""

    model_config = ConfigDict(extra="forbid", validate_default=False,
                              json_schema_serialization_defaults_required=True,
                              json_schema_extra={"patternProperties": {"^x-": {}}})

    @model_validator(mode="before")
    @classmethod
    def _drop_extension_keys(cls, data: Any) -> Any:
        if isinstance(data, dict) and any(isinstance(k, str) and k.startswith("x-") for k in data):
            return {k: v for k, v in data.items() if not (isinstance(k, str) and k.startswith("x-"))}
        return data


class Empathy(Node):
    thinks: TextList = []
    feels: TextList = []
    says: TextList = []
    does: TextList = []


class Persona(Node):
    id: Optional[Id] = None
    name: Text
    role: Optional[Text] = None
    quote: Optional[Text] = None
    avatar: Optional[Text] = Field(None, description="an emoji or a short text; never fetched")
    color: Optional[Color] = None
    goals: TextList = []
    needs: TextList = []
    frustrations: TextList = []
    motivations: TextList = []
    behaviors: TextList = []
    demographics: dict[Text, TextOrNumber] = {}
    empathy: Empathy = Field(default_factory=Empathy)


class Channel(Node):
    id: Id
    name: Optional[Text] = None
    mode: Optional[choice(*builtins.MODES)] = None
    icon: Optional[choice(*builtins.ICONS)] = None


class Source(Node):
    id: Id
    kind: Optional[choice(*builtins.SOURCE_KINDS)] = None
    title: Optional[Text] = None
    n: Optional[Count] = None
    date: Optional[Text] = None
    url: Optional[Url] = None


def _metric_shorthand(value: Any) -> Any:
    """`csat: 3.4` is shorthand for `csat: {value: 3.4}`."""
    return value if isinstance(value, dict) else {"value": value}


class Metric(Node):
    value: Number
    target: Optional[Number] = None
    unit: Optional[Text] = None
    better: choice(*builtins.BETTER) = "higher"

    @property
    def met(self) -> Optional[bool]:
        """Whether the target is met; None without a target."""
        if self.target is None:
            return None
        return self.value >= self.target if self.better == "higher" else self.value <= self.target


def _allow_number(schema: dict) -> None:
    """In the JSON Schema, a metric may also be a bare number."""
    for key in ("additionalProperties", "patternProperties"):
        if key == "patternProperties":
            for pattern, inner in schema.get(key, {}).items():
                schema[key][pattern] = {"anyOf": [{"type": "number"}, inner]}
        elif isinstance(schema.get(key), dict):
            schema[key] = {"anyOf": [{"type": "number"}, schema[key]]}


MetricValue = Annotated[Metric, BeforeValidator(_metric_shorthand)]


class Evidence(Node):
    source: Optional[Id] = None
    quote: Optional[Text] = None
    level: Optional[choice(*builtins.EVIDENCE_LEVELS)] = None


def _emotion_kind(value: Any) -> str:
    return "~map" if isinstance(value, dict) else "~int"


Emotion = Annotated[
    Union[Annotated[Int, Tag("~int")], Annotated[dict[Id, Int], Tag("~map")]],
    Discriminator(_emotion_kind),
]


class Touchpoint(Node):
    id: Optional[Id] = None
    name: Text
    channel: Optional[Id] = None
    personas: IdList = []
    action: Optional[Text] = None
    thoughts: TextList = []
    feelings: TextList = []
    emotion: Optional[Emotion] = Field(
        None, description="an integer on the scale, or a mapping persona id -> integer")
    pains: TextList = []
    opportunities: TextList = []
    owner: Optional[Text] = None
    control: Optional[choice(*builtins.CONTROLS)] = None
    key: Bool = False
    metrics: dict[Text, MetricValue] = Field(default_factory=dict, json_schema_extra=_allow_number)
    evidence: list[Evidence] = []
    next: IdList = []
    duration: Optional[Text] = None
    physical_evidence: TextList = []
    frontstage: TextList = []
    backstage: TextList = []
    support: TextList = []
    lanes: dict[Id, Text] = {}
    notes: Optional[Text] = None

    def emotion_of(self, persona_id: Optional[str]) -> Optional[int]:
        """This touchpoint's emotion for one persona (None: not given)."""
        if isinstance(self.emotion, dict):
            return self.emotion.get(persona_id) if persona_id is not None else None
        return self.emotion


class Stage(Node):
    id: Optional[Id] = None
    name: Text
    goal: Optional[Text] = None
    description: Optional[Text] = None
    phase: Optional[Text] = None
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
    id: Id
    title: Text


def _lane_kind(value: Any) -> str:
    # Called on raw data when validating and on model objects when serialising.
    return "~custom" if isinstance(value, (dict, CustomLane)) else "~name"


Lane = Annotated[
    Union[Annotated[choice(*builtins.LANES), Tag("~name")], Annotated[CustomLane, Tag("~custom")]],
    Discriminator(_lane_kind),
]


class Journey(Node):
    """One customer journey map."""

    model_config = ConfigDict(title="journeymap journey file, version 1")

    journeymap: Int = 1
    title: Text
    type: choice(*builtins.MAP_TYPES) = "current-state"
    scenario: Optional[Text] = None
    description: Optional[Text] = None
    expectations: TextList = []
    owner: Optional[Text] = None
    version: Optional[Text] = None
    updated: Optional[Text] = None
    locale: Locale = "en"
    scale: Scale = Field(default_factory=Scale)
    tags: TextList = []
    personas: list[Persona] = []
    channels: list[Channel] = []
    sources: list[Source] = []
    lanes: Optional[list[Lane]] = None
    stages: list[Stage] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _persona_shorthand(cls, data: Any) -> Any:
        """`persona: {...}` is shorthand for `personas: [{...}]`."""
        if isinstance(data, dict) and "persona" in data and "personas" not in data:
            data = dict(data)
            single = data.pop("persona")
            data["personas"] = single if isinstance(single, list) else [single]
        return data

    @model_validator(mode="after")
    def _derive_ids(self) -> "Journey":
        """Ids left out are derived from the position, so that every persona,
        stage and touchpoint can be referred to and rendered with a stable id.
        They are written past pydantic's `fields_set`, which keeps telling the
        checks what the user wrote."""
        for number, persona in enumerate(self.personas, start=1):
            if persona.id is None:
                persona.__dict__["id"] = "persona" if len(self.personas) == 1 else f"persona-{number}"
        for number, stage in enumerate(self.stages, start=1):
            if stage.id is None:
                stage.__dict__["id"] = f"stage-{number}"
            for position, touchpoint in enumerate(stage.touchpoints, start=1):
                if touchpoint.id is None:
                    touchpoint.__dict__["id"] = f"{stage.id}.{position}"
        return self

    # Convenience for renderers and checks -------------------------------------------

    def all_touchpoints(self) -> list[tuple[Stage, Touchpoint]]:
        return [(stage, tp) for stage in self.stages for tp in stage.touchpoints]

    def channel(self, channel_id: Optional[str]) -> Optional[Channel]:
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
