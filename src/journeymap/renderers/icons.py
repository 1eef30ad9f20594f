"""Channel icons as small stroke drawings in a 16 x 16 box: plain SVG paths,
so they look the same in every browser and rasteriser (no icon font, no
emoji)."""

from __future__ import annotations

ICON_PATHS: dict[str, str] = {
    "bot": "M4 5h8v8H4zM8 5V2M6.5 8.5h.01M9.5 8.5h.01M6 11h4",
    "box": "M8 1.5l6 3v7l-6 3-6-3v-7zM2 4.5l6 3 6-3M8 7.5v7",
    "calendar": "M2 3.5h12v11H2zM2 7h12M5 1.5v3M11 1.5v3",
    "card": "M1.5 4h13v9h-13zM1.5 7h13M4 10.5h3",
    "chat": "M2 3h12v8H7l-3 3v-3H2zM5.5 7h.01M8 7h.01M10.5 7h.01",
    "document": "M3 1.5h7l3 3v10H3zM10 1.5v3h3M5.5 8h5M5.5 10.5h5",
    "envelope": "M1.5 3.5h13v9h-13zM1.5 3.5L8 9l6.5-5.5",
    "globe": "M8 1.5a6.5 6.5 0 1 0 0.01 0zM1.5 8h13M8 1.5c-2.5 2-2.5 11 0 13M8 1.5c2.5 2 2.5 11 0 13",
    "handshake": "M1 7l3-3 4 2 4-2 3 3-3 4-2-1-2 2-2-2-2 1zM6 7l2 2",
    "kiosk": "M4 1.5h8v9H4zM8 10.5v3M5 14.5h6M6 4h4",
    "letter": "M2 2.5h12v11H2zM4.5 5.5h7M4.5 8h7M4.5 10.5h4",
    "megaphone": "M2 6v4h2l8 3.5v-11L4 6zM4 10l1 4",
    "message": "M2 3h12v8H6l-3 3v-3H2z",
    "mobile": "M4.5 1.5h7v13h-7zM7 12.5h2",
    "person": "M8 2a2.5 2.5 0 1 0 0.01 0zM3 14.5c0-3 2.2-5 5-5s5 2 5 5",
    "phone": "M4 1.5l2.5 0.5 1 3-1.5 1.5c1 2 2.5 3.5 4.5 4.5l1.5-1.5 3 1 0.5 2.5-2 2C7 14 2 9 2 3.5z",
    "qr": "M2 2h5v5H2zM9 2h5v5H9zM2 9h5v5H2zM9.5 9.5h1.5v1.5H9.5zM12.5 12.5h1.5v1.5h-1.5zM12.5 9.5h1.5",
    "search": "M7 2a5 5 0 1 0 0.01 0zM10.5 10.5l4 4",
    "social": ("M4 8a2 2 0 1 0 0.01 0zM12 3a2 2 0 1 0 0.01 0zM12 13a2 2 0 1 0 0.01 0z"
               "M5.8 7l4.4-2.5M5.8 9l4.4 2.5"),
    "speech": "M2 2.5h12v8H9l-4 3v-3H2zM5 5.5h6M5 7.5h4",
    "star": "M8 1.5l1.9 4 4.4.5-3.2 3 .9 4.4L8 11.2l-4 2.2.9-4.4-3.2-3 4.4-.5z",
    "store": "M1.5 6.5l1.5-4h10l1.5 4zM2.5 6.5v8h11v-8M6.5 14.5v-4h3v4",
    "ticket": "M1.5 4h13v2.5a1.5 1.5 0 0 0 0 3V12h-13V9.5a1.5 1.5 0 0 0 0-3zM10 4v8",
    "travel": "M2 5h12v9H2zM5.5 5V2.5h5V5M5 5v9M11 5v9",
    "video": "M1.5 4h9v8h-9zM10.5 7l4-2.5v7l-4-2.5",
}
