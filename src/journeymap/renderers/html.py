"""`html`: one self-contained page: the swimlane, the persona(s) and the
details of every touchpoint (thoughts, evidence with quotes and sources,
metrics). No script, no external resource, a content-security policy that
forbids loading anything; readable offline and printable."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, TypeAlias

from markupsafe import Markup

from ..model import CustomLane, Journey, Touchpoint
from ..presentation.numbers import signed, text_or_number
from .options import RenderOptions, presentation
from .swimlane import prefix_for, svg_document
from .theme import emotion_colour, emotion_text_colour, theme

if TYPE_CHECKING:  # pragma: no cover
    import jinja2

# (persona name or None for everyone, the value as text, its colour, its ink)
ShownEmotion: TypeAlias = tuple[str | None, str, str, str]


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("journeymap", "templates"),
        autoescape=True,  # select_autoescape() would not cover .j2 names
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined)
    return environment.get_template("page.html.j2")


class HtmlRenderer:
    name = "html"

    def render(self, journey: Journey, options: RenderOptions, fmt: str = "html") -> bytes:
        view = presentation(journey, options)
        palette = theme(options.theme)

        def emotions(touchpoint: Touchpoint) -> list[ShownEmotion]:
            """The emotion values given, in the map's persona order."""
            return [(None if pid is None else view.persona_name(pid), signed(value),
                     emotion_colour(value, journey.scale, palette),
                     emotion_text_colour(value, journey.scale, palette))
                    for pid, value in view.emotions(touchpoint) if value is not None]

        page = _template().render(
            j=journey, words=view.words, locale=view.locale, theme=palette, prefix=prefix_for(journey),
            svg=Markup(svg_document(view, palette).decode("utf-8")),  # our own escaped SVG
            persona_colours=view.persona_colours,
            custom_lanes=[lane for lane in view.journey.lanes or [] if isinstance(lane, CustomLane)],
            channel=view.channel_name, emotions=emotions, metric=view.metric, evidence=view.evidence,
            text_or_number=text_or_number,
        )
        return page.encode("utf-8")


renderer = HtmlRenderer()
