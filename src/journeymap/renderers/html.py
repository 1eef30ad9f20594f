"""`html`: one self-contained page: the swimlane, the persona(s) and the
details of every touchpoint (thoughts, evidence with quotes and sources,
metrics). No external resource and a content-security policy that forbids
loading anything; its one inline script (zoom, pan, filters, details) only
adds controls, so the page reads the same with JavaScript off, and prints."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import PurePath
from typing import TYPE_CHECKING, TypeAlias
from urllib.parse import quote

from markupsafe import Markup

from ..model import CustomLane, Journey, Touchpoint
from ..presentation.numbers import signed, text_or_number
from .html_page import colour_properties, policy, safe_colour, without_page_header
from .options import RenderOptions, presentation
from .swimlane import prefix_for, svg_document
from .theme import auto_style, emotion_colour, emotion_text_colour, persona_colour, theme

if TYPE_CHECKING:  # pragma: no cover
    import jinja2

# (persona name or None for everyone, the value as text, its colour class number)
ShownEmotion: TypeAlias = tuple[str | None, str, int]


@lru_cache(maxsize=2)
def _template(name: str) -> jinja2.Template:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("journeymap", "templates"),
        autoescape=name.endswith(".html.j2"),  # select_autoescape() would not cover .j2 names
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined)
    return environment.get_template(name)


@lru_cache(maxsize=1)
def _script() -> str:
    return (resources.files("journeymap") / "templates" / "page.js").read_text("utf-8")


class HtmlRenderer:
    name = "html"

    def render(self, journey: Journey, options: RenderOptions, fmt: str = "html") -> bytes:
        view = presentation(journey, options)
        palette = theme(options.theme)

        painted: dict[tuple[str, str], int] = {}

        def emotions(touchpoint: Touchpoint) -> list[ShownEmotion]:
            """The emotion values given, in the map's persona order; each
            colour pair becomes a class of the page's stylesheet."""
            shown = []
            for pid, value in view.emotions(touchpoint):
                if value is None:
                    continue
                pair = (safe_colour(emotion_colour(value, journey.scale, palette), palette.panel),
                        safe_colour(emotion_text_colour(value, journey.scale, palette), palette.text))
                number = painted.setdefault(pair, len(painted) + 1)
                shown.append((None if pid is None else view.persona_name(pid), signed(value), number))
            return shown

        for stage in journey.stages:  # number the colours before the stylesheet is written
            for touchpoint in stage.touchpoints:
                emotions(touchpoint)
        personas = [p.id for p in journey.personas or [] if p.id is not None]
        drawn = {p: safe_colour(persona_colour(view.persona_colours[p], palette), palette.curve)
                 for p in personas}
        prefix = prefix_for(journey)
        svg = without_page_header(svg_document(view, palette).decode("utf-8"), prefix)
        style = _template("page.css.j2").render(
            colours=Markup(colour_properties(palette, [drawn[p] for p in personas], list(painted))),
            emotion_palette=list(painted), persona_palette=[drawn[p] for p in personas],
            # the pinned labels are copies outside the SVG: the `auto` theme repaints them too
            pinned_style=Markup(auto_style(prefix + "-pins") if palette.name == "auto" else ""))
        script = _script()
        page = _template("page.html.j2").render(
            j=journey, words=view.words, locale=view.locale, prefix=prefix,
            svg=Markup(svg),  # our own escaped SVG
            style=Markup(style), script=Markup(script),  # no user text: colours checked by safe_colour
            policy=Markup(policy(style, script, svg)), markdown=markdown_sibling(options.output_name),
            filtered=[p for p in journey.personas or [] if view.per_persona],
            persona_class={p: number for number, p in enumerate(personas, 1)},
            custom_lanes=[lane for lane in view.journey.lanes or [] if isinstance(lane, CustomLane)],
            channel=view.channel_name, emotions=emotions, metric=view.metric, evidence=view.evidence,
            text_or_number=text_or_number,
        )
        return page.encode("utf-8")


def markdown_sibling(page: str | None) -> tuple[str, str] | None:
    """The `-f md` text alternative beside the page, as (relative link,
    file name); None where the page goes to standard output. Quoted whole,
    so no file name can become a scheme (`javascript:`) or a path."""
    if not page:
        return None
    name = PurePath(page).stem + ".md"
    return quote(name, safe=""), name


renderer = HtmlRenderer()
