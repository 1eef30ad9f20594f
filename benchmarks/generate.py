"""Generate large journey maps with every field filled, for the benchmarks.

    python3 benchmarks/generate.py 10000 > big.yaml
"""

from __future__ import annotations

import sys

WORDS = ("compare fares price luggage seat family mobile check-in queue support "
         "payment confirmation email delay refund loyalty").split()


def _text(i: int, n: int = 6) -> str:
    return " ".join(WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(n)).capitalize()


def generate(touchpoints: int, per_stage: int = 10, long_back_edges: bool = False,
             lean: bool = False) -> str:
    """YAML text of a map with `touchpoints` touchpoints, two personas, every field
    (`lean`: name, channel, action, emotion, a pain and `next` only, so that
    20,000 touchpoints stay under the 10 MB a journey file may have).

    One touchpoint in ten has a back-edge: 15 touchpoints back, or with
    `long_back_edges` anywhere up to 500 back (across many stages)."""
    out = [
        "# yaml-language-server: $schema=../schemas/journeymap.schema.json",
        "journeymap: 1",
        f"title: Generated map with {touchpoints} touchpoints",
        "type: current-state",
        "scenario: A generated scenario for benchmarks",
        "expectations: [Fast, Clear, Fair]",
        "owner: Benchmarks",
        'version: "1.0"',
        "locale: en",
        "personas:",
        "  - {id: p1, name: First persona, role: Traveller, goals: [Arrive], needs: [Clarity]}",
        "  - {id: p2, name: Second persona, role: Partner, goals: [Relax], frustrations: [Waiting]}",
        "channels:",
        "  - {id: kiosk, name: Kiosk, mode: offline, icon: kiosk}",
        "sources:",
        "  - {id: s1, kind: survey, title: Survey, n: 400, date: '2026-01'}",
        "  - {id: s2, kind: analytics, title: Funnel, n: 90000, date: '2026-02'}",
        "lanes: [touchpoints, actions, thoughts, feelings, emotions, pains, opportunities, owners,"
        " metrics, evidence, {id: systems, title: Systems}]",
        "stages:",
    ]
    stages = (touchpoints + per_stage - 1) // per_stage
    number = 0
    for s in range(stages):
        out += [f"  - id: s{s}", f"    name: Stage {s} {_text(s, 2)}", f"    goal: {_text(s + 1, 4)}",
                f"    phase: Phase {s // 3}", "    touchpoints:"]
        for k in range(min(per_stage, touchpoints - number)):
            i = number
            distance = 15 + (i * 7919) % 486 if long_back_edges else 15
            back = f"t{max(0, i - distance)}"
            nxt = f"[t{i + 1}]" if i + 1 < touchpoints else "[]"
            if i % 10 == 9 and i >= 15:
                nxt = f"[t{i + 1}, {back}]" if i + 1 < touchpoints else f"[{back}]"
            if lean:
                out += [f"      - id: t{i}", f"        name: {_text(i, 3)}",
                        f"        channel: {('website', 'mobile-app', 'kiosk', 'email')[i % 4]}",
                        f"        action: {_text(i + 2, 4)}",
                        f"        emotion: {{p1: {(i % 5) - 2}, p2: {((i + 2) % 5) - 2}}}",
                        f"        pains: [{_text(i + 6, 3)}]", f"        next: {nxt}"]
                number += 1
                continue
            out += [
                f"      - id: t{i}",
                f"        name: {_text(i)}",
                f"        channel: {('website', 'mobile-app', 'kiosk', 'email')[i % 4]}",
                f"        action: {_text(i + 2, 8)}",
                f"        thoughts: [{_text(i + 3)}, {_text(i + 4, 3)}]",
                f"        feelings: {_text(i + 5, 2)}",
                f"        emotion: {{p1: {(i % 5) - 2}, p2: {((i + 2) % 5) - 2}}}",
                f"        pains: [{_text(i + 6)}]",
                f"        opportunities: [{_text(i + 7)}]",
                f"        owner: Team {i % 7}",
                f"        control: {('direct', 'indirect')[i % 2]}",
                f"        key: {'true' if i % 25 == 0 else 'false'}",
                "        metrics:",
                f"          conversion: {{value: 0.{(i % 89) + 10}, target: 0.5}}",
                f"          wait: {{value: {i % 30}, target: 10, unit: min, better: lower}}",
                "        evidence:",
                f"          - {{source: s{1 + i % 2}, quote: \"{_text(i + 8)}\", level: observed}}",
                f"        next: {nxt}",
                "        duration: 5m",
                f"        lanes: {{systems: System {i % 13}}}",
                f"        notes: {_text(i + 9, 10)}",
            ]
            number += 1
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
