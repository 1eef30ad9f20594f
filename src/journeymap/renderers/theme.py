"""Colours per theme, shared by the graphical renderers.

The emotion scale is diverging orange -> grey -> purple (after ColorBrewer's
PuOr), which stays distinguishable for the common forms of colour blindness;
every renderer also writes the score as text, so nothing depends on colour
alone (and the print theme's greys read on a black-and-white printer)."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Scale
from ..presentation.emotions import face_index
from ..presentation.numbers import scale_position


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
    font: str = "Noto Sans, DejaVu Sans, Noto Sans CJK SC, Noto Sans CJK JP, Arial, sans-serif"


THEMES: dict[str, Theme] = {
    "light": Theme("light", "#ffffff", "#1f2328", "#57606a", "#f6f8fa", "#eaeef2", "#d0d7de",
                   "#57606a", "#8250df", "#bf8700",
                   ("#e66101", "#fdb863", "#f7f7f7", "#b2abd2", "#5e3c99"),
                   ("#ffffff", "#1f2328", "#1f2328", "#1f2328", "#ffffff"), "#ffffff"),
    "dark": Theme("dark", "#0d1117", "#e6edf3", "#9198a1", "#161b22", "#21262d", "#3d444d",
                  "#9198a1", "#d2a8ff", "#e3b341",
                  ("#f0883e", "#d29922", "#6e7681", "#a371f7", "#8957e5"),
                  ("#0d1117", "#0d1117", "#ffffff", "#0d1117", "#ffffff"), "#0d1117",
                  curve="#58a6ff", met="#3fb950", missed="#f85149"),
    "print": Theme("print", "#ffffff", "#000000", "#404040", "#f2f2f2", "#e0e0e0", "#808080",
                   "#404040", "#000000", "#000000",
                   ("#404040", "#8c8c8c", "#d9d9d9", "#f2f2f2", "#ffffff"),
                   ("#ffffff", "#000000", "#000000", "#000000", "#000000"), "#ffffff",
                   curve="#000000", met="#000000", missed="#000000"),
}


def theme(name: str) -> Theme:
    """The theme of that name (the light one for a name we do not know)."""
    return THEMES.get(name, THEMES["light"])


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
