"""A touchpoint's metrics and evidence as texts: the parts every output
arranges in its own way (a sentence, a table row, a mark beside a line)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Evidence, Journey, Metric
from .numbers import format_number
from .texts import given, source_title

NO_VALUE = "—"   # a planned metric: a target, no value yet


@dataclass(frozen=True)
class MetricView:
    """One metric: its figure, its target and whether the target is met."""

    name: str
    value: str                  # the number, formatted; NO_VALUE for a planned metric
    unit: str | None
    target: str | None          # the target, formatted; None without one
    better: str                 # "higher" or "lower"
    met: bool | None            # None without a target
    target_label: str           # "target", in the locale
    verdict: str | None         # "met" or "missed", in the locale; None without a target

    def amount(self, number: str) -> str:
        return f"{number} {self.unit}" if self.unit and number != NO_VALUE else number

    @property
    def figure(self) -> str:
        """`3.4 pts`"""
        return self.amount(self.value)

    @property
    def comparison(self) -> str:
        return "≥" if self.better == "higher" else "≤"

    @property
    def goal(self) -> str | None:
        """`≥ 4 pts`, or None without a target."""
        return None if self.target is None else f"{self.comparison} {self.amount(self.target)}"

    @property
    def mark(self) -> str:
        """✓ met, ✗ missed, nothing without a target."""
        return "" if self.met is None else ("✓" if self.met else "✗")

    @property
    def sentence(self) -> str:
        """`csat: 3.4 pts (target ≥ 4 pts, ✗ missed)`: the metric in one line of text."""
        text = f"{self.name}: {self.figure}"
        if self.goal is not None:
            text += f" ({self.target_label} {self.goal}, {self.mark} {self.verdict})"
        return text


def metric_view(name: str, metric: Metric, words: Mapping[str, str]) -> MetricView:
    met = metric.met
    return MetricView(
        name=name, value=NO_VALUE if metric.value is None else format_number(metric.value), unit=metric.unit,
        target=None if metric.target is None else format_number(metric.target),
        better=metric.better, met=met, target_label=words["target"],
        verdict=None if met is None else words["met" if met else "missed"])


@dataclass(frozen=True)
class EvidenceView:
    """One piece of evidence: the quote (as written), the source (its title,
    else its id) and how strong it is (the level and its word)."""

    quote: str | None
    source: str | None
    level: str | None           # observed | reported | inferred | hypothesis
    level_word: str | None      # the level in the locale


def evidence_view(journey: Journey, evidence: Evidence, words: Mapping[str, str]) -> EvidenceView:
    level = evidence.level
    return EvidenceView(
        quote=evidence.quote if given(evidence.quote) else None,
        source=None if evidence.source is None else source_title(journey, evidence.source),
        level=level, level_word=words[f"level.{level}"] if level else None)
