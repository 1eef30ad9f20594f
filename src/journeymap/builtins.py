"""What the format knows without being told: channels, icons, lanes, kinds."""

from __future__ import annotations

MAP_TYPES = ("current-state", "future-state", "day-in-the-life", "service-blueprint")
SOURCE_KINDS = ("survey", "interview", "focus-group", "observation", "analytics",
                "usability-test", "desk-research", "other")
EVIDENCE_LEVELS = ("observed", "reported", "inferred", "hypothesis")
CONTROLS = ("direct", "indirect")
MODES = ("online", "offline")
BETTER = ("higher", "lower")

# id -> (English name, mode, icon)
BUILTIN_CHANNELS: dict[str, tuple[str, str, str]] = {
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

ICONS = ("bot", "box", "calendar", "card", "chat", "document", "envelope", "globe",
         "handshake", "kiosk", "letter", "megaphone", "message", "mobile", "person",
         "phone", "qr", "search", "social", "speech", "star", "store", "ticket",
         "travel", "video")

LANES = ("touchpoints", "channels", "actions", "thoughts", "feelings", "emotions", "pains",
         "opportunities", "owners", "metrics", "evidence", "physical_evidence", "frontstage",
         "backstage", "support")

DEFAULT_LANES: dict[str, tuple[str, ...]] = {
    "current-state": ("touchpoints", "actions", "thoughts", "emotions", "pains", "opportunities"),
    "future-state": ("touchpoints", "actions", "thoughts", "emotions", "pains", "opportunities"),
    "day-in-the-life": ("touchpoints", "actions", "thoughts", "emotions", "pains"),
    "service-blueprint": ("physical_evidence", "actions", "frontstage", "backstage", "support",
                          "emotions"),
}
