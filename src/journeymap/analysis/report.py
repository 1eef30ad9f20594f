"""Stats and diffs for people (rich tables), for docs (Markdown) and for
pipelines (JSON). The figures come ready from stats.py and diff.py."""

from __future__ import annotations

import json
from typing import Sequence

from ..renderers.common import format_number, signed
from ..renderers.markdown import escape

Table = tuple[str, Sequence[str], list[Sequence[str]]]  # title, header, rows


def _num(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return format_number(value)
    return str(int(value)) if isinstance(value, (int, float)) else str(value)


def _change(value) -> str:
    return "–" if value is None else signed(value)


def stats_tables(entry: dict) -> list[Table]:
    tables: list[Table] = []
    for curve in entry["emotion"]:
        who = f" ({curve['persona']})" if curve["persona"] else ""
        rows = [[s["name"], _num(s["average"])] for s in curve["stages"]]
        if curve.get("lowest"):
            rows.append(["lowest", f"{curve['lowest']['name']} ({_change(curve['lowest']['emotion'])})"])
            rows.append(["highest", f"{curve['highest']['name']} ({_change(curve['highest']['emotion'])})"])
            rows.append(["average", _num(curve["average"])])
        for drop in curve["steepest_drops"]:
            rows.append(["steep drop", f"{drop['from_name']} → {drop['to_name']} ({_change(drop['change'])})"])
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
            metrics = ", ".join(f"{n} {_num(m['value'])}" + ("" if m["met"] is None else (" ✓" if m["met"] else " ✗"))
                                for n, m in key["metrics"].items())
            rows.append([key["name"], shown, metrics or "–"])
        tables.append(("Key touchpoints", ["touchpoint", "emotion", "metrics"], rows))
    if entry["metrics"]:
        rows = [[m["metric"], m["touchpoint"], _num(m["value"]), _num(m["target"]),
                 "met" if m["met"] else "missed", _change(m["gap"]),
                 "–" if m["relative_gap"] is None else f"{m['relative_gap'] * 100:+.1f}%"]
                for m in entry["metrics"]]
        tables.append(("Metrics against targets (worst first)",
                       ["metric", "touchpoint", "value", "target", "", "gap", "gap %"], rows))
    evidence = entry["evidence"]
    rows = [["backed by observed or reported evidence",
             f"{evidence['backed']} of {evidence['touchpoints']} ({evidence['share_backed'] * 100:.0f}%)"]]
    if evidence["hypothesis_only"]:
        rows.append(["resting on hypotheses only", ", ".join(evidence["hypothesis_only"])])
    rows += [[f"source: {s['title'] or s['source']}", f"{s['kind'] or ''} n={_num(s['n'])} {s['date'] or ''}".strip()]
             for s in evidence["sources"]]
    tables.append(("Evidence coverage", ["", ""], rows))
    return tables


def summary_table(rows: list[dict]) -> Table:
    return ("Summary", ["map", "touchpoints", "average emotion", "lowest point", "pains", "metrics missed",
                        "evidence"],
            [[r["map"], str(r["touchpoints"]), _num(r["average_emotion"]), r["lowest"] or "–", str(r["pains"]),
              str(r["metrics_missed"]), f"{r['share_backed'] * 100:.0f}%"] for r in rows])


def diff_tables(result: dict) -> list[Table]:
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
            rows.append([t["name"] + who, _change(change["old"]), _change(change["new"]), _change(change["change"])])
    if rows:
        tables.append(("Emotion per touchpoint", ["touchpoint", "before", "after", "change"], rows))
    rows = [[s["stage"] + (f" ({s['persona']})" if s["persona"] else ""), _num(s["old"]), _num(s["new"]),
             _change(s["change"])] for s in result["stage_emotion"] if s["change"] != 0]
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
            verdict = lambda met: "" if met is None else (" ✓" if met else " ✗")
            rows.append([t["name"], name, _num(m["old"]) + verdict(m["old_met"]), _num(m["new"]) + verdict(m["new_met"])])
    if rows:
        tables.append(("Metrics", ["touchpoint", "metric", "before", "after"], rows))
    return tables


# Output formats ---------------------------------------------------------------------------

def as_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def as_markdown(heading: str, tables: list[Table], level: int = 2) -> str:
    out = [f"{'#' * level} {escape(heading)}", ""]
    for title, header, rows in tables:
        out += [f"{'#' * (level + 1)} {escape(title)}", ""]
        out.append("| " + " | ".join(escape(h) or " " for h in header) + " |")
        out.append("|" + "---|" * len(header))
        for row in rows:
            out.append("| " + " | ".join(escape(str(c)) for c in row) + " |")
        out.append("")
    return "\n".join(out)


def print_rich(heading: str, tables: list[Table], console=None) -> None:
    from rich.console import Console
    from rich.table import Table as RichTable

    console = console or Console()
    console.print(f"[bold]{_rich_escape(heading)}[/bold]")
    for title, header, rows in tables:
        table = RichTable(title=title, title_justify="left", show_header=any(header))
        for column in header:
            table.add_column(column)
        for row in rows:
            table.add_row(*[_rich_escape(str(c)) for c in row])
        console.print(table)


def _rich_escape(text: str) -> str:
    from rich.markup import escape as rich_escape

    return rich_escape(text)
