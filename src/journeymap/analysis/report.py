"""Stats and diffs for people (rich tables), for docs (Markdown) and for
pipelines (JSON). The figures come ready from stats.py and diff.py."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any, TypeAlias

from ..presentation.numbers import format_number, signed
from ..renderers.mdescape import escape
from ..safetext import inert
from .stats import LARGEST, JsonObject, writable

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console

Table: TypeAlias = tuple[str, Sequence[str], Sequence[Sequence[str]]]  # title, header, rows


def _num(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, int) and not writable(value):
        return f"{Decimal(value):.6e}"
    if isinstance(value, float) and not value.is_integer():
        return format_number(value)
    return str(int(value)) if isinstance(value, (int, float)) else str(value)


def _change(value: float | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, int) and not writable(value):
        return ("+" if value > 0 else "−") + _num(abs(value))
    return signed(value)


def _percent(share: float, spec: str) -> str:
    """`share` as a percentage, even where share * 100 is beyond a float."""
    scaled = share * 100
    return f"{scaled if math.isfinite(scaled) else Decimal(share) * 100:{spec}}%"


def stats_tables(entry: JsonObject) -> list[Table]:
    tables: list[Table] = []
    for curve in entry["emotion"]:
        who = f" ({curve['persona']})" if curve["persona"] else ""
        rows = [[s["name"], _num(s["average"])] for s in curve["stages"]]
        if curve.get("lowest"):
            rows.append(["lowest", f"{curve['lowest']['name']} ({_change(curve['lowest']['emotion'])})"])
            rows.append(["highest", f"{curve['highest']['name']} ({_change(curve['highest']['emotion'])})"])
            rows.append(["average", _num(curve["average"])])
        for drop in curve["steepest_drops"]:
            rows.append(["steep drop",
                         f"{drop['from_name']} → {drop['to_name']} ({_change(drop['change'])})"])
        tables.append((f"Emotion curve{who}", ["stage / measure", "value"], rows))
    pains = entry["pains"]
    rows = [[s["name"], str(s["pains"])] for s in pains["per_stage"]]
    rows += [[f"channel: {c['channel']}", str(c["pains"])] for c in pains["per_channel"]]
    rows += [[f"no opportunity in stage {o['stage']}", o["pain"]] for o in pains["without_opportunity"]]
    tables.append((f"Pain points ({pains['total']})", ["where", "pains"], rows))
    channels = entry["channels"]
    rows = [[c["name"], ", ".join(c["stages"])] for c in channels["channels"]]
    rows.append(["online / offline / unspecified",
                 f"{channels['online']} / {channels['offline']} / {channels['mode_unspecified']}"])
    rows.append(["direct / indirect / unspecified",
                 f"{channels['direct']} / {channels['indirect']} / {channels['control_unspecified']}"])
    tables.append(("Channel coverage", ["channel", "stages"], rows))
    if entry["key_touchpoints"]:
        rows = []
        for key in entry["key_touchpoints"]:
            emotion = key["emotion"]
            shown = ", ".join(f"{p} {_change(v)}" for p, v in emotion.items()) if isinstance(emotion, dict) \
                else _change(emotion)
            metrics = ", ".join(f"{n} {_num(m['value'])}" + _verdict(m["met"])
                                for n, m in key["metrics"].items())
            rows.append([key["name"], shown, metrics or "–"])
        tables.append(("Key touchpoints", ["touchpoint", "emotion", "metrics"], rows))
    if entry["metrics"]:
        rows = [[m["metric"], m["touchpoint"], _num(m["value"]), _num(m["target"]),
                 "met" if m["met"] else "missed", _change(m["gap"]),
                 "–" if m["relative_gap"] is None else _percent(m["relative_gap"], "+.1f")]
                for m in entry["metrics"]]
        tables.append(("Metrics against targets (worst first)",
                       ["metric", "touchpoint", "value", "target", "", "gap", "gap %"], rows))
    evidence = entry["evidence"]
    rows = [["backed by observed or reported evidence",
             f"{evidence['backed']} of {evidence['touchpoints']} "
             f"({_percent(evidence['share_backed'], '.0f')})"]]
    if evidence["hypothesis_only"]:
        rows.append(["resting on hypotheses only", ", ".join(evidence["hypothesis_only"])])
    rows += [[f"source: {s['title'] or s['source']}",
              f"{s['kind'] or ''} n={_num(s['n'])} {s['date'] or ''}".strip()]
             for s in evidence["sources"]]
    tables.append(("Evidence coverage", ["", ""], rows))
    return tables


def summary_table(rows: list[JsonObject]) -> Table:
    return ("Summary", ["map", "touchpoints", "average emotion", "lowest point", "pains", "metrics missed",
                        "evidence"],
            [[r["map"], str(r["touchpoints"]), _num(r["average_emotion"]), r["lowest"] or "–",
              str(r["pains"]),
              str(r["metrics_missed"]), _percent(r["share_backed"], ".0f")] for r in rows])


def diff_tables(result: JsonObject) -> list[Table]:
    tables: list[Table] = []
    stages = result["stages"]
    rows = [["added", f"{s['name']} ({s['id']})"] for s in stages["added"]]
    rows += [["removed", f"{s['name']} ({s['id']})"] for s in stages["removed"]]
    rows += [["renamed", f"{s['from']} → {s['to']}"] for s in stages["renamed"]]
    if rows:
        tables.append(("Stages", ["change", "stage"], rows))
    tps = result["touchpoints"]
    rows = [["added", f"{t['name']} ({t['stage']})"] for t in tps["added"]]
    rows += [["removed", f"{t['name']} ({t['stage']})"] for t in tps["removed"]]
    for t in tps["changed"]:
        if "renamed_from" in t:
            rows.append(["renamed", f"{t['renamed_from']} → {t['name']}"])
        if "moved" in t:
            rows.append(["moved", f"{t['name']}: {t['moved']['from']} → {t['moved']['to']}"])
    if rows:
        tables.append(("Touchpoints", ["change", "touchpoint"], rows))
    rows = []
    for t in tps["changed"]:
        for persona, change in (t.get("emotion") or {}).items():
            who = "" if persona == "all" else f" ({persona})"
            rows.append([t["name"] + who, _change(change["old"]), _change(change["new"]),
                         _change(change["change"])])
    if rows:
        tables.append(("Emotion per touchpoint", ["touchpoint", "before", "after", "change"], rows))
    rows = [[s["stage"] + (f" ({s['persona']})" if s["persona"] else ""), _num(s["old"]), _num(s["new"]),
             _change(s["change"])] for s in result["stage_emotion"]
            if s["change"] != 0 and not (s["old"] is None and s["new"] is None)]
    if rows:
        tables.append(("Emotion per stage (average)", ["stage", "before", "after", "change"], rows))
    rows = [["solved", p] for p in result["pains"]["solved"]] + [["new", p] for p in result["pains"]["new"]]
    if rows:
        tables.append(("Pain points", ["", "pain"], rows))
    rows = [["realised", o] for o in result["opportunities"]["realised"]] + \
        [["new", o] for o in result["opportunities"]["new"]]
    if rows:
        tables.append(("Opportunities", ["", "opportunity"], rows))
    rows = []
    for t in tps["changed"]:
        for name, m in (t.get("metrics") or {}).items():
            rows.append([t["name"], name, _num(m["old"]) + _verdict(m["old_met"]),
                         _num(m["new"]) + _verdict(m["new_met"])])
    if rows:
        tables.append(("Metrics", ["touchpoint", "metric", "before", "after"], rows))
    return tables


def _verdict(met: bool | None) -> str:
    return "" if met is None else (" ✓" if met else " ✗")


# Output formats ---------------------------------------------------------------------------

# Characters JSON may carry raw in a string but a terminal or a CI log acts
# on (C0 controls are escaped by json.dumps itself), and lone surrogates,
# which no UTF-8 stream can write.
_INERT_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _json_ready(data: Any) -> Any:
    """`data` with every number one JSON can carry: no NaN or infinity
    (clamped to the largest double, NaN as null) and no integer too long for
    Python to write (as the largest double with its sign). The figures of
    stats and diff are finite already; this guards the numbers they echo."""
    if isinstance(data, dict):
        return {key: _json_ready(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [_json_ready(value) for value in data]
    if isinstance(data, bool):
        return data
    if isinstance(data, int) and not writable(data):
        return LARGEST if data > 0 else -LARGEST
    if isinstance(data, float) and not math.isfinite(data):
        return None if math.isnan(data) else math.copysign(LARGEST, data)
    return data


def as_json(data: Any, ascii_only: bool = False) -> str:
    """Strict JSON (no NaN or Infinity), with the characters a terminal would
    act on written as \\u escapes: the same data to a parser, inert on screen.
    `ascii_only` for a stream that cannot write UTF-8: there, the stream's own
    fallback would write `\\U0001f600`, which is not JSON."""
    text = json.dumps(_json_ready(data), ensure_ascii=ascii_only, indent=2, allow_nan=False)
    return _INERT_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"


def writes_unicode(stream: IO[str]) -> bool:
    """Whether `stream` can write any character (its encoding is a UTF)."""
    try:
        "\U0010ffff".encode(getattr(stream, "encoding", None) or "ascii")
    except (UnicodeError, LookupError):
        return False
    return True


# A figure cell (`+2`, `0.18 ✗`, `-22.5%`, `–`): nothing in it means anything
# inside a table cell, so it is written as it is, readable in the source.
_FIGURE = re.compile(r"[+\-−]?\d+(?:\.\d+)?(?:e[+-]?\d+)?%?(?: [✓✗])?|–")


def _md_cell(text: str) -> str:
    return text if _FIGURE.fullmatch(text) else _md(text)


def _md(text: str) -> str:
    """User text as Markdown text (the md renderer's escaping), with the
    control characters that leaves shown as escapes."""
    return inert(escape(text))


def _md_heading(level: int, text: str) -> str:
    """A heading of user text (`escape` writes every `#` as `\\#`, so the
    text cannot close the heading early)."""
    return f"{'#' * level} {_md(text)}"


def as_markdown(heading: str, tables: list[Table], level: int = 2, empty: str = "") -> str:
    out = [_md_heading(level, heading), ""]
    if not tables and empty:
        out += [empty, ""]
    for title, header, rows in tables:
        out += [_md_heading(level + 1, title), ""]
        out.append("| " + " | ".join(_md(h) or " " for h in header) + " |")
        out.append("|" + "---|" * len(header))
        for row in rows:
            out.append("| " + " | ".join(_md_cell(str(c)) for c in row) + " |")
        out.append("")
    return "\n".join(out)


def print_rich(heading: str, tables: list[Table], console: Console | None = None) -> None:
    """Tables on standard output (through sys.stdout, so the command line's
    choice of how to write what the terminal cannot show holds). Every text
    is a rich Text of inert characters: no markup, no emoji codes, no
    highlighting, no control sequences from a map."""
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    console = console or Console(markup=False, emoji=False, highlight=False)
    console.print(Text(inert(heading), style="bold"))
    for title, header, rows in tables:
        table = RichTable(title=Text(inert(title)), title_justify="left", show_header=any(header))
        for column in header:
            table.add_column(Text(inert(column)))
        for row in rows:
            table.add_row(*[Text(inert(str(cell))) for cell in row])
        console.print(table)
