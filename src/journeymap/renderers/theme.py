"""Colours per theme, shared by the graphical renderers.

Every text reads at 4.5:1 or more on what is behind it, and every curve and
mark at 3:1 (WCAG 2.2, 1.4.3 and 1.4.11). The emotion scale is Paul Tol's
diverging "sunset" (red -> pale -> blue) and the persona colours come from
Okabe & Ito's and Paul Tol's sets: any two stay apart (CIEDE2000 >= 10) for
deuteranopia, protanopia and tritanopia too (tests/renderers/test_themes.py
measures it). Nothing depends on colour alone: every value is written as
text and every persona's curve has its own dash and marker; the print
theme's emotion greys differ in lightness for a black-and-white printer.

`auto` is the light theme in a form that follows `prefers-color-scheme`: its
colours are the light ones, each nudged to be unique per role, and
`auto_style` gives the CSS that repaints them in the dark theme's."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from ..model import Scale
from ..presentation.emotions import face_index
from ..presentation.numbers import scale_position
from ..presentation.personas import PERSONA_COLOURS

FONT = "DejaVu Sans, Noto Sans, Noto Sans CJK SC, Noto Sans CJK JP, Noto Color Emoji, Arial, sans-serif"


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    text: str
    muted: str
    panel: str          # stage columns, clusters
    panel_alt: str      # phase bands
    border: str
    edge: str
    back_edge: str
    accent: str         # key touchpoints
    emotions: tuple[str, str, str, str, str]
    emotion_text: tuple[str, str, str, str, str]
    no_emotion: str
    curve: str = "#0969da"
    met: str = "#1a7f37"
    missed: str = "#cf222e"
    personas: tuple[str, ...] = ("#0072b2", "#bb5566", "#117733", "#882255", "#009988", "#004488")
    font: str = FONT


# Tol's sunset: darker ends on light paper, lighter ends on a dark screen.
SUNSET_LIGHT = ("#a50026", "#f67e4b", "#eaeccc", "#6ea6cd", "#364b9a")
SUNSET_DARK = ("#dd3d2d", "#fdb366", "#eaeccc", "#98cae1", "#4a7bb7")
# Greys 25, 45, 64, 82 and 100 in CIELAB lightness: distinct on any printer.
PRINT_GREYS = ("#3b3b3b", "#6a6a6a", "#9b9b9b", "#cccccc", "#ffffff")

LIGHT = Theme("light", "#ffffff", "#1f2328", "#59636e", "#f6f8fa", "#eaeef2", "#d0d7de",
              "#59636e", "#8250df", "#9a6700", SUNSET_LIGHT,
              ("#ffffff", "#000000", "#000000", "#000000", "#ffffff"), "#ffffff")
DARK = Theme("dark", "#0d1117", "#e6edf3", "#9198a1", "#161b22", "#21262d", "#3d444d",
             "#9198a1", "#d2a8ff", "#e3b341", SUNSET_DARK,
             ("#000000", "#000000", "#000000", "#000000", "#000000"), "#0d1117",
             curve="#58a6ff", met="#3fb950", missed="#f85149",
             personas=("#56b4e9", "#ee6677", "#009e73", "#ddcc77", "#cc79a7", "#99ddff"))
PRINT = Theme("print", "#ffffff", "#000000", "#404040", "#f2f2f2", "#e0e0e0", "#808080",
              "#404040", "#000000", "#000000", PRINT_GREYS,
              ("#ffffff", "#ffffff", "#000000", "#000000", "#000000"), "#ffffff",
              curve="#000000", met="#000000", missed="#000000",
              personas=("#000000", "#0072b2", "#bb5566", "#117733", "#882255", "#004488"))


def _unique_per_role(light: Theme, dark: Theme) -> tuple[Theme, dict[str, str]]:
    """The light theme with each colour made unique to what it turns into in
    the dark (nudged by one step of blue where two roles share one), and the
    map from those colours to the dark ones."""
    dark_of: dict[str, str] = {}

    def claim(colour: str, then: str) -> str:
        red, green, blue = int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
        for step in (0, -1, 1, -2, 2, -3, 3, -4, 4):
            candidate = f"#{red:02x}{green:02x}{min(255, max(0, blue + step)):02x}"
            if dark_of.setdefault(candidate, then) == then:
                return candidate
        raise ValueError(f"too many roles share {colour}")  # pragma: no cover - fixed palettes

    changes: dict[str, object] = {}
    for field in fields(Theme):
        before, after = getattr(light, field.name), getattr(dark, field.name)
        if field.name in ("name", "font"):
            continue
        if isinstance(before, tuple):
            changes[field.name] = tuple(claim(b, a) for b, a in zip(before, after, strict=True))
        else:
            changes[field.name] = claim(before, after)
    return replace(light, name="auto", **changes), dark_of  # type: ignore[arg-type]


AUTO, AUTO_DARK = _unique_per_role(LIGHT, DARK)

THEMES: dict[str, Theme] = {"light": LIGHT, "dark": DARK, "print": PRINT, "auto": AUTO}


def theme(name: str) -> Theme:
    """The theme of that name (the light one for a name we do not know)."""
    return THEMES.get(name, THEMES["light"])


def auto_style(root_id: str) -> str:
    """The CSS of the `auto` theme: custom properties per colour, the dark
    theme's under `prefers-color-scheme: dark`, and rules that paint every
    fill and stroke of a light colour with its property (scoped to the one
    map, so maps inlined side by side do not meet)."""
    names = {light: f"--jm-c{number}" for number, light in enumerate(sorted(AUTO_DARK))}
    light_vars = "".join(f"{names[c]}:{c};" for c in sorted(AUTO_DARK))
    dark_vars = "".join(f"{names[c]}:{AUTO_DARK[c]};" for c in sorted(AUTO_DARK))
    rules = "".join(f'#{root_id} [{attribute}="{c}"]{{{attribute}:var({names[c]})}}'
                    for c in sorted(AUTO_DARK) for attribute in ("fill", "stroke"))
    return (f"#{root_id}{{{light_vars}color-scheme:light dark}}"
            f"@media (prefers-color-scheme: dark){{#{root_id}{{{dark_vars}}}}}{rules}")


def persona_colour(colour: str, palette: Theme) -> str:
    """A persona's colour in the theme: ours by its place in the default set,
    a colour the map gives its persona as it is."""
    try:
        index = PERSONA_COLOURS.index(colour)
    except ValueError:
        return colour
    return palette.personas[index % len(palette.personas)]


def emotion_index(value: float, scale: Scale) -> int:
    """Which of the five emotion colours a value takes (its face's)."""
    return face_index(scale_position(value, scale))


def emotion_colour(value: float | None, scale: Scale, palette: Theme) -> str:
    if value is None:
        return palette.no_emotion
    return palette.emotions[emotion_index(value, scale)]


def emotion_text_colour(value: float | None, scale: Scale, palette: Theme) -> str:
    if value is None:
        return palette.text
    return palette.emotion_text[emotion_index(value, scale)]
