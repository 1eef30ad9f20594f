"""What the format knows without being told: channels, icons, lanes, kinds."""

from __future__ import annotations

import re
from typing import Literal, get_args

# A language tag as the `locale:` field takes it: `en`, `zh`, `pt-BR`.
LOCALE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z")

# Each closed list is a `Literal` type for the model and the type checker,
# and a tuple of its words for messages, menus and the JSON Schema.
MapType = Literal["current-state", "future-state", "day-in-the-life", "service-blueprint"]
SourceKind = Literal["survey", "interview", "focus-group", "observation", "analytics",
                     "usability-test", "desk-research", "other"]
EvidenceLevel = Literal["observed", "reported", "inferred", "hypothesis"]
Control = Literal["direct", "indirect"]
Mode = Literal["online", "offline"]
Better = Literal["higher", "lower"]
Icon = Literal["bot", "box", "calendar", "card", "chat", "document", "envelope", "globe",
               "handshake", "kiosk", "letter", "megaphone", "message", "mobile", "person",
               "phone", "qr", "search", "social", "speech", "star", "store", "ticket",
               "travel", "video"]
LaneName = Literal["touchpoints", "channels", "actions", "thoughts", "feelings", "emotions",
                   "pains", "opportunities", "owners", "metrics", "evidence", "physical_evidence",
                   "frontstage", "backstage", "support"]

MAP_TYPES: tuple[MapType, ...] = get_args(MapType)
SOURCE_KINDS: tuple[SourceKind, ...] = get_args(SourceKind)
EVIDENCE_LEVELS: tuple[EvidenceLevel, ...] = get_args(EvidenceLevel)
CONTROLS: tuple[Control, ...] = get_args(Control)
MODES: tuple[Mode, ...] = get_args(Mode)
BETTER: tuple[Better, ...] = get_args(Better)
ICONS: tuple[Icon, ...] = get_args(Icon)
LANES: tuple[LaneName, ...] = get_args(LaneName)

# id -> (English name, mode, icon)
BUILTIN_CHANNELS: dict[str, tuple[str, Mode, Icon]] = {
    "website": ("Website", "online", "globe"),
    "mobile-app": ("Mobile app", "online", "mobile"),
    "email": ("Email", "online", "envelope"),
    "phone": ("Phone", "offline", "phone"),
    "sms": ("SMS", "online", "message"),
    "chat": ("Chat", "online", "chat"),
    "social": ("Social media", "online", "social"),
    "ads": ("Advertising", "online", "megaphone"),
    "search": ("Search engine", "online", "search"),
    "store": ("Store", "offline", "store"),
    "in-person": ("In person", "offline", "person"),
    "mail": ("Mail", "offline", "letter"),
    "word-of-mouth": ("Word of mouth", "offline", "speech"),
    "review-site": ("Review site", "online", "star"),
    "event": ("Event", "offline", "calendar"),
    "partner": ("Partner", "offline", "handshake"),
    "product": ("Product", "offline", "box"),
}

DEFAULT_LANES: dict[MapType, tuple[LaneName, ...]] = {
    "current-state": ("touchpoints", "actions", "thoughts", "emotions", "pains", "opportunities"),
    "future-state": ("touchpoints", "actions", "thoughts", "emotions", "pains", "opportunities"),
    "day-in-the-life": ("touchpoints", "actions", "thoughts", "emotions", "pains"),
    "service-blueprint": ("physical_evidence", "actions", "frontstage", "backstage", "support",
                          "emotions"),
}
