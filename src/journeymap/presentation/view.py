"""`Presentation`: one map as every output shows it, in one language, with
one choice of lanes. What the outputs ask again and again (names, colours,
the curves to draw) is worked out once, here, and never written back into
the model."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from .. import i18n
from ..model import Evidence, Journey, Metric, Persona, Touchpoint
from .details import EvidenceView, MetricView, evidence_view, metric_view
from .emotions import PersonaEmotion, curve_personas, emotion_for, face, previous_emotion, touchpoint_emotions
from .ids import id_of
from .lanes import shown_lanes
from .personas import named_participants, persona_colours, persona_names
from .texts import Lane, channel_name, chosen_lanes, lane_title


class Presentation:
    """The map and what its outputs show of it.

    `locale` overrides the map's own language, `lanes` (lane names) its own
    lanes; `previous` holds the emotions of an earlier version of the map by
    touchpoint id ({persona id or "": value}), for `render --compare`."""

    def __init__(self, journey: Journey, locale: str | None = None, lanes: Sequence[str] | None = None,
                 previous: Mapping[str, Mapping[str, int]] | None = None):
        self.journey = journey
        self.locale: str = locale or journey.locale
        self.words: Mapping[str, str] = i18n.words(self.locale)
        self.lanes: tuple[Lane, ...] = tuple(chosen_lanes(journey, lanes))
        # the swimlane's lanes: the content decides where the map chose none
        self.shown_lanes: tuple[Lane, ...] = tuple(shown_lanes(journey, lanes))
        self.previous = previous
        self.persona_names = persona_names(journey)
        self.persona_colours = persona_colours(journey)
        # (persona id or None for everyone, its colour or None) of each curve
        self.curves: tuple[tuple[str | None, str | None], ...] = tuple(
            (pid, self.persona_colours[pid] if pid is not None else None) for pid in curve_personas(journey))

    # Labels ------------------------------------------------------------------------------

    def word(self, key: str) -> str:
        return self.words[key]

    def lane_title(self, lane: Lane) -> str:
        return lane_title(lane, self.words)

    def channel_name(self, channel_id: str | None) -> str:
        return channel_name(self.journey, channel_id, self.words)

    def channel_names(self, touchpoint: Touchpoint) -> str:
        """Every channel of a touchpoint by name: `Website, Email`."""
        return ", ".join(self.channel_name(cid) for cid in touchpoint.channels)

    def persona_name(self, persona_id: str) -> str:
        return self.persona_names.get(persona_id, persona_id)

    def participants(self, touchpoint: Touchpoint) -> list[Persona]:
        """The personas to name on a touchpoint that not everyone takes part in."""
        return named_participants(self.journey, touchpoint)

    # Emotions ----------------------------------------------------------------------------

    @property
    def per_persona(self) -> bool:
        """Whether there is a curve per persona (rather than one for everyone)."""
        return self.curves[0][0] is not None

    def emotion(self, touchpoint: Touchpoint, persona_id: str | None) -> int | None:
        return emotion_for(touchpoint, persona_id)

    def emotions(self, touchpoint: Touchpoint, chosen: Collection[str] | None = None) -> list[PersonaEmotion]:
        return touchpoint_emotions(self.journey, touchpoint, chosen)

    def face(self, value: int | None) -> str:
        return face(value, self.journey.scale)

    def previous_emotion(self, touchpoint: Touchpoint, persona_id: str | None) -> int | None:
        return previous_emotion(self.previous, id_of(touchpoint), persona_id)

    # Details -----------------------------------------------------------------------------

    def metric(self, name: str, metric: Metric) -> MetricView:
        return metric_view(name, metric, self.words)

    def evidence(self, evidence: Evidence) -> EvidenceView:
        return evidence_view(self.journey, evidence, self.words)
