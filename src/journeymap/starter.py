"""`journeymap init`: a commented starter map that validates as written and
shows every part of the format, so people learn it by editing."""

from __future__ import annotations

from . import builtins
from .schema import SCHEMA_ID

_HEADER = """\
# yaml-language-server: $schema={schema}
# A journey map kept as code. Validate it with `journeymap validate {name}`,
# render it with `journeymap render {name}`. The format is described field by
# field in the journeymap documentation; keys starting with `x-` are ignored.
journeymap: 1
title: {title}
type: {type}
scenario: Describe the situation the persona is in and what they set out to do
expectations: [What the persona expects to happen]
owner: Your team
version: "0.1"
locale: {locale}                    # language of the labels journeymap writes
scale: {{min: -2, max: 2}}          # emotion scale: -2 very negative .. 2 very positive

persona:
  name: Alex Example
  role: Who this person is
  description: A few sentences on their situation, as research found it
  quote: "Something this person said in research."
  avatar: "🙂"
  goals: [What they want to achieve]
  frustrations: [What gets in their way]

sources:                        # the research behind the map
  - {{id: interviews, kind: interview, title: Customer interviews, n: 8, date: "2026-10"}}

"""

_JOURNEY = """\
stages:
  - id: discover
    name: Discover
    goal: Find out that a solution exists
    touchpoints:
      - id: sees-ad
        name: Sees an advert
        channel: social
        action: Scrolls past an advert and clicks it
        thoughts: Is this for me?
        emotion: 0
        control: direct
        evidence:
          - {source: interviews, quote: "I found you on Instagram.", level: reported}
  - id: decide
    name: Decide
    goal: Choose the right option
    touchpoints:
      - id: compares
        name: Compares the options
        channel: [website, email]         # one channel, or a list
        action: Reads the price page
        thoughts: [Which one do I need?]
        emotion: -1
        pains: [The differences between the plans are unclear]
        opportunities: [A side-by-side comparison of the plans]
        key: true
        metrics:
          conversion: {value: 0.08, target: 0.1}
          nps: {target: 40}               # planned: a target, no value yet
        next: [buys]
  - id: use
    name: Use
    touchpoints:
      - id: buys
        name: Buys and starts using it
        channel: website
        emotion: 1
{extra}"""

_BLUEPRINT_EXTRA = """\
        physical_evidence: [Confirmation email]
        frontstage: [Checkout page confirms the order]
        backstage: [Payment is captured and the order is created]
        support: [Payment provider, order system]
"""


def starter(map_type: str = "current-state", locale: str = "en", name: str = "journey.yaml",
            schema: str = SCHEMA_ID) -> str:
    """The text of a starter file for a map type and a locale."""
    if map_type not in builtins.MAP_TYPES:
        raise ValueError(map_type)
    title = {
        "current-state": "How customers buy today",
        "future-state": "How customers will buy",
        "day-in-the-life": "A day in the life of a customer",
        "service-blueprint": "Service blueprint of buying online",
    }[map_type]
    extra = _BLUEPRINT_EXTRA if map_type == "service-blueprint" else ""
    return _HEADER.format(schema=schema, name=name, title=title, type=map_type,
                          locale=locale) + _JOURNEY.replace("{extra}", extra)
