"""Hypothesis strategies shared by the property tests: arbitrary journeys
with tricky text (YAML look-alikes, scripts, line breaks)."""

import string

from hypothesis import strategies as st

TRICKY = ["no", "yes", "on", "12:30", "1.10", "0755", "2024-10-01", "- ", ": ", "#", "---",
          "null", "~", "", " lead", "trail ", "a: b", "[x]", "{y}", "&a", "*a", "!tag", "%x",
          "@at", "`tick`", "'", '"', "|", ">", "中文旅程", "Путь клиента", "árvíztűrő",
          "שלום", "مرحبا", "🧳✈️", "line\nbreak", "tab\there", "\u2028sep"]

text = st.one_of(
    st.sampled_from(TRICKY),
    # Cn: unassigned code points, among them the noncharacters a map may not hold
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn"), blacklist_characters="\ufeff"),
            max_size=30),
    st.text(st.sampled_from("\t\n x"), max_size=4),
)
ident = st.text(string.ascii_lowercase + string.digits + "-_.中ä", min_size=1, max_size=8)


@st.composite
def journeys(draw):
    persona_ids = draw(st.lists(ident, min_size=0, max_size=3, unique=True))
    personas = [{"id": pid, "name": draw(text), "goals": draw(st.lists(text, max_size=2)),
                 "demographics": draw(st.dictionaries(ident, st.one_of(text, st.integers(0, 99)),
                                                      max_size=2))}
                for pid in persona_ids]
    scale_min = draw(st.integers(-5, 0))
    scale_max = draw(st.integers(1, 5))
    tp_ids = draw(st.lists(ident, min_size=1, max_size=6, unique=True))
    stages, position = [], 0
    for stage_number in range(draw(st.integers(1, 3))):
        count = draw(st.integers(0, 3))
        tps = []
        for tp_id in tp_ids[position:position + count]:
            tp = {"id": tp_id, "name": draw(text), "thoughts": draw(st.lists(text, max_size=2)),
                  "pains": draw(st.lists(text, max_size=2)), "action": draw(st.none() | text),
                  "next": draw(st.lists(st.sampled_from(tp_ids), max_size=2, unique=True)),
                  "key": draw(st.booleans())}
            if draw(st.booleans()):
                tp["emotion"] = draw(st.integers(scale_min, scale_max))
            elif persona_ids and draw(st.booleans()):
                tp["emotion"] = {p: draw(st.integers(scale_min, scale_max)) for p in persona_ids}
            if draw(st.booleans()):
                tp["metrics"] = {draw(ident): {"value": draw(st.floats(-1e6, 1e6, allow_nan=False)),
                                               "target": draw(st.integers(-5, 5))}}
            tps.append(tp)
        position += count
        stages.append({"id": f"s{stage_number}", "name": draw(text), "phase": draw(st.none() | text),
                       "touchpoints": tps})
    used = {tp["id"] for stage in stages for tp in stage["touchpoints"]}
    for stage in stages:
        for tp in stage["touchpoints"]:
            tp["next"] = [target for target in tp["next"] if target in used]
    return {"title": draw(text), "version": draw(st.none() | text), "personas": personas,
            "scale": {"min": scale_min, "max": scale_max}, "stages": stages,
            "expectations": draw(st.lists(text, max_size=3))}
