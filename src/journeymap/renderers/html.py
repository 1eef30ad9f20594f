"""`html`: one self-contained page: the swimlane, the persona(s) and the
details of every touchpoint (thoughts, evidence with quotes and sources,
metrics). No script, no external resource, a content-security policy that
forbids loading anything; readable offline and printable."""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

from .. import i18n
from ..layout.swimlane import persona_colour
from ..model import CustomLane, Journey
from . import RenderOptions
from ..presentation.formatting import channel_name, format_number, signed
from .swimlane import prefix_for, render_svg
from .theme import emotion_colour, emotion_text_colour, theme


@lru_cache(maxsize=1)
def _template():
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
        locale = options.locale_for(journey)
        words = i18n.words(locale)
        palette = theme(options.theme)
        names = {p.id: p.name for p in journey.personas}
        sources = {s.id: s for s in journey.sources}

        def emotions(tp):
            if isinstance(tp.emotion, dict):
                pairs = [(names.get(p, p), v) for p, v in tp.emotion.items()]
            elif tp.emotion is not None:
                pairs = [(None, tp.emotion)]
            else:
                return []
            return [(who, signed(v), emotion_colour(v, journey.scale, palette),
                     emotion_text_colour(v, journey.scale, palette)) for who, v in pairs]

        page = _template().render(
            j=journey, words=words, locale=locale, theme=palette, prefix=prefix_for(journey),
            svg=Markup(render_svg(journey, options)),  # our own escaped SVG
            persona_colours=[persona_colour(journey, i) for i in range(len(journey.personas))],
            custom_lanes=[lane for lane in journey.lanes or [] if isinstance(lane, CustomLane)],
            channel=lambda cid: channel_name(journey, cid, words),
            source_title=lambda sid: (sources[sid].title or sid) if sid in sources else sid,
            emotions=emotions,
            number=lambda v: v if isinstance(v, str) else format_number(v),
        )
        return page.encode("utf-8")


renderer = HtmlRenderer()
