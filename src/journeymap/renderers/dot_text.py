"""User text and ids as they go into DOT, safely.

Every label is an HTML-like label built from escaped text, so no user text
can add nodes, edges or attributes, or be read by Graphviz as an entity or a
record field. Graphviz still expands `\\N` (node name), `\\G` (graph name)
and friends inside HTML-like labels, even when written `&#92;N`, and reads
`\\\\` as one backslash: so every backslash of user text is doubled. Node
names are built from ids, whose characters cannot end a quoted DOT string.

Graphviz's scanner rejects a quoted or HTML string holding a run of more than
16,384 bytes ("longer than 16384?"). A user text is cut, at a grapheme
boundary, to a budget of escaped UTF-8 with an ellipsis; an id too long to be
a DOT name is shortened to a prefix and a hash of the whole id, which no real
id can equal (`~` is not an id character).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping

from ..layout.wrap import cell_width, graphemes, wrap
from ..model import Stage, Touchpoint
from ..presentation.ids import id_of
from .markup import xml_escape

LABEL_WIDTH = 26  # terminal cells per label line
# Most bytes (UTF-8, after escaping) of one user text in a label: a dozen
# lines of a node at most, and far below Graphviz's 16,384-byte strings.
TEXT_BYTES = 1024
SHORT_TEXT_BYTES = 256  # a persona's name in every node's emotion row, an edge label
ID_BYTES = 512  # ids longer than this are shortened (with a hash) in DOT names
ELLIPSIS = "…"

Escape = Callable[[str], str]


def quoted_escape(text: str) -> str:
    """Text inside a double-quoted DOT string."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def q(text: str) -> str:
    """A quoted DOT id; our ids never hold `"` or `\\`, but be certain."""
    return '"' + quoted_escape(text) + '"'


def attrs(values: Mapping[str, str]) -> str:
    """`[a=1, b="x"]` with the attributes sorted, for byte-stable output."""
    parts = []
    for key in sorted(values):
        value = values[key]
        if key == "label" and value.startswith("<") and value.endswith(">"):
            # our labels are HTML-like and escaped; any other value (a tooltip
            # holding a name such as `<b>`) is always a quoted string
            parts.append(f"{key}={value}")
        else:
            parts.append(f"{key}={q(value)}")
    return "[" + ", ".join(parts) + "]"


def label_escape(text: str) -> str:
    """Text for an HTML-like label: markup escaped, backslashes doubled so that
    `\\N`, `\\G`, `\\L` and the like stay what they are, and `]` written as a
    character reference (Graphviz 2.43 rejects a text that is just `]`)."""
    return xml_escape(text).replace("\\", "\\\\").replace("]", "&#93;")


def fitting_prefix(text: str, budget: int, escape: Escape) -> str:
    """The longest prefix of whole graphemes that fits `budget` bytes escaped."""
    used = kept = 0
    for cluster in graphemes(text):
        size = len(escape(cluster).encode("utf-8"))
        if used + size > budget:
            break
        used += size
        kept += len(cluster)
    return text[:kept]


def cut(text: str, budget: int, escape: Escape = label_escape) -> tuple[str, bool]:
    """`text`, or as much of it as fits `budget` bytes once escaped, at a
    grapheme boundary, with an ellipsis; and whether it was cut."""
    if len(text) * 6 <= budget or len(escape(text).encode("utf-8")) <= budget:
        return text, False  # (no character escapes to more than 6 bytes)
    room = budget - len(ELLIPSIS.encode("utf-8"))
    return fitting_prefix(text, room, escape).rstrip() + ELLIPSIS, True


def label_text(value: str, width: int = LABEL_WIDTH) -> str:
    """Escaped, wrapped text for an HTML-like label (Graphviz rejects an empty
    <b></b>, so an empty text becomes a no-break space). The caller has cut
    `value` to fit first."""
    text = "<br/>".join(label_escape(line) for line in wrap(value, width, cell_width))
    return text if text.replace("<br/>", "").strip() else "&#160;"


def dot_id(identifier: str) -> str:
    """An id as it goes into a DOT name: as it is, unless too long for
    Graphviz; then a prefix and a hash of the whole id (unique, stable)."""
    if len(identifier.encode("utf-8")) <= ID_BYTES:
        return identifier
    prefix = fitting_prefix(identifier, ID_BYTES // 4, str)
    digest = hashlib.sha256(identifier.encode("utf-8")).hexdigest()[:20]
    return f"{prefix}~{digest}"


def node_name(touchpoint: Touchpoint) -> str:
    return f"tp:{dot_id(id_of(touchpoint))}"


def cluster_name(stage: Stage) -> str:
    return f"cluster_stage_{dot_id(id_of(stage))}"


def title_name(stage: Stage) -> str:
    """The node that holds a stage's title (and goal)."""
    return f"title:{dot_id(id_of(stage))}"


def empty_name(stage: Stage) -> str:
    """The placeholder node of a stage without touchpoints."""
    return f"empty:{dot_id(id_of(stage))}"


def named(kind: str, identifier: str) -> str:
    """`touchpoint 'pay'`, the id cut short if long: what a warning names."""
    return f"{kind} '{cut(identifier, 40, str)[0]}'"
