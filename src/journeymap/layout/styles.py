"""The sizes and text styles of the swimlane, in one place so that every part
of the page agrees on them."""

from __future__ import annotations

from .geometry import TextStyle

PAD = 24.0            # around the page
GAP = 12.0            # between blocks
LABEL_W = 160.0       # the lane-title column
REPEAT_W = 104.0      # a repeated lane-title column on a wide grid
COL_W = 200.0         # one touchpoint column, where the content does not size it
MIN_COL = 160.0       # the narrowest column
MAX_COL = 320.0       # the widest column
CELL_PAD = 8.0
CARD_W = 300.0        # a persona card
CHART_H = 140.0       # the emotion chart inside its lane
FACE_R = 9.0
MIN_ROW = 36.0
LINE_BAND = 22.0      # the band a blueprint line and its label take
MIN_WIDTH = 960.0     # the narrowest page

TITLE = TextStyle(24, bold=True)
SUBTITLE = TextStyle(12, colour="muted")
BODY = TextStyle(12)
BOLD = TextStyle(12, bold=True)
SMALL = TextStyle(11, colour="muted")
SMALL_BOLD = TextStyle(11, bold=True)
HEADING = TextStyle(14, bold=True)
NAME = TextStyle(13, bold=True)
QUOTE = TextStyle(12, italic=True)
NOTE = TextStyle(11, italic=True, colour="muted")
LINE_LABEL = TextStyle(10, italic=True, colour="muted")
AVATAR = TextStyle(13, bold=True)
REPEAT = TextStyle(11, bold=True, colour="muted")
