"""What several renderers need to say the same thing the same way: lane
titles, channel names, emotion faces, metric figures."""

from __future__ import annotations

from typing import Mapping, Optional, Union

from ..model import CustomLane, Journey, Metric, Scale, Touchpoint

FACES = ("😫", "🙁", "😐", "🙂", "😄")


def scale_position(value: float, scale: Scale) -> float:
    """0.0 at the bottom of the scale, 1.0 at the top."""
    return (value - scale.min) / (scale.max - scale.min)


def face(value: Optional[int], scale: Scale) -> str:
    if value is None:
        return ""
    index = round(scale_position(value, scale) * (len(FACES) - 1))
    return FACES[max(0, min(len(FACES) - 1, index))]


def signed(value: Union[int, float]) -> str:
    """`+1`, `0`, `−2`: with a real minus sign, as a chart label reads."""
    text = format_number(abs(value))
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else "0")


def format_number(value: Union[int, float]) -> str:
    """Fixed, machine-independent formatting: integers as such, others with up
    to four significant decimals and no trailing zeros."""
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def lane_id(lane: Union[str, CustomLane]) -> str:
    return lane.id if isinstance(lane, CustomLane) else lane


def lane_title(lane: Union[str, CustomLane], words: Mapping[str, str]) -> str:
    if isinstance(lane, CustomLane):
        return lane.title
    return words.get(f"lane.{lane}", lane)


def channel_name(journey: Journey, channel_id: Optional[str], words: Mapping[str, str]) -> str:
    """A declared channel's own name, else the built-in name in the locale."""
    if channel_id is None:
        return ""
    for channel in journey.channels:
        if channel.id == channel_id and channel.name:
            return channel.name
    return words.get(f"channel.{channel_id}", channel_id)


def metric_text(name: str, metric: Metric, words: Mapping[str, str]) -> str:
    unit = f" {metric.unit}" if metric.unit else ""
    text = f"{name}: {format_number(metric.value)}{unit}"
    if metric.target is not None:
        sign = "≥" if metric.better == "higher" else "≤"
        verdict = words["met"] if metric.met else words["missed"]
        mark = "✓" if metric.met else "✗"
        text += f" ({words['target']} {sign} {format_number(metric.target)}{unit}, {mark} {verdict})"
    return text


def persona_names(journey: Journey) -> dict[str, str]:
    return {persona.id: persona.name for persona in journey.personas}


def emotions_by_persona(journey: Journey, touchpoint: Touchpoint) -> list[tuple[Optional[str], Optional[int]]]:
    """[(persona id or None for everyone, value)] in persona order."""
    if isinstance(touchpoint.emotion, dict):
        return [(p.id, touchpoint.emotion[p.id]) for p in journey.personas if p.id in touchpoint.emotion]
    return [(None, touchpoint.emotion)]
