"""The names a spreadsheet gives its rows (grid) or columns (rows shape), in
every shipped locale, and the faces an Emotion row may hold.

A name is recognised after folding case, accents of the Latin script stay;
spaces, `_`, `-` and a trailing `:` or `s` do not count ("Pain points:",
"pain_point" and "PAINS" are one name). The lane titles journeymap writes in
each locale (i18n/*.json) are recognised too, so a sheet exported in Russian
comes back.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# field -> names, beside the lane titles of every locale
SYNONYMS: dict[str, tuple[str, ...]] = {
    "stage": ("stage", "stages", "phase", "step", "steps", "journey stage", "этап", "этапы",
              "阶段", "ステージ", "段階", "etapa", "fase", "étape", "phase", "szakasz"),
    "touchpoint": ("touchpoint", "touch point", "touchpoints", "name", "task", "interaction",
                   "точка контакта", "触点", "接触点", "タッチポイント", "punto de contacto",
                   "point de contact", "punto di contatto", "kontaktpunkt"),
    "channel": ("channel", "channels", "medium", "канал", "渠道", "チャネル", "canal", "canale", "kanal"),
    "action": ("action", "actions", "doing", "does", "activities", "user actions", "customer actions",
               "действие", "действия", "行为", "行動", "acción", "acciones", "azione", "azioni",
               "aktivität", "aktivitäten"),
    "thoughts": ("thought", "thoughts", "thinking", "thinks", "мысли", "想法", "思考", "pensamientos",
                 "pensées", "pensieri", "gedanken"),
    "feelings": ("feeling", "feelings", "feels", "чувства", "感受", "sentimientos", "ressentis",
                 "sensazioni", "gefühle"),
    "emotion": ("emotion", "emotions", "emotional curve", "mood", "score", "sentiment", "эмоция",
                "эмоции", "情绪", "感情曲線", "emoción", "emociones", "émotion", "emozione", "emozioni"),
    "pains": ("pain", "pains", "pain point", "pain points", "painpoints", "problems", "frustrations",
              "боли", "痛点", "ペインポイント", "puntos de dolor", "points de douleur", "punti critici",
              "schmerzpunkte"),
    "opportunities": ("opportunity", "opportunities", "ideas", "improvements", "возможности", "机会",
                      "机会点", "機会", "oportunidades", "opportunités", "opportunità", "chancen"),
    "owner": ("owner", "owners", "responsible", "ответственный", "ответственные", "负责人", "担当",
              "responsable", "responsables", "responsabile", "verantwortlich"),
    "metrics": ("metric", "metrics", "kpi", "kpis", "measures", "метрики", "指标", "指標",
                "métricas", "indicateurs", "metriche", "kennzahlen"),
    "evidence": ("evidence", "research", "quotes", "данные исследований", "证据", "エビデンス"),
    "physical_evidence": ("physical evidence", "props"),
    "frontstage": ("frontstage", "front stage", "frontstage actions", "front office", "onstage"),
    "backstage": ("backstage", "back stage", "backstage actions", "back office"),
    "support": ("support", "support processes", "supporting processes", "systems support"),
}

# the lane title key of a locale file -> the field
_LANE_KEYS = {"lane.touchpoints": "touchpoint", "lane.channels": "channel", "lane.actions": "action",
              "lane.thoughts": "thoughts", "lane.feelings": "feelings", "lane.emotions": "emotion",
              "lane.pains": "pains", "lane.opportunities": "opportunities", "lane.owners": "owner",
              "lane.metrics": "metrics", "lane.evidence": "evidence",
              "lane.physical_evidence": "physical_evidence", "lane.frontstage": "frontstage",
              "lane.backstage": "backstage", "lane.support": "support",
              "stage": "stage", "phase": "stage", "channel": "channel", "owner": "owner"}

# a field -> the built-in lane that draws it
LANE_OF = {"touchpoint": "touchpoints", "channel": "channels", "action": "actions",
           "thoughts": "thoughts", "feelings": "feelings", "emotion": "emotions", "pains": "pains",
           "opportunities": "opportunities", "owner": "owners", "metrics": "metrics",
           "evidence": "evidence", "physical_evidence": "physical_evidence",
           "frontstage": "frontstage", "backstage": "backstage", "support": "support"}

# faces, from the bottom of the scale (0) to its top (4)
FACES = {"😞": 0, "😢": 0, "😡": 0, "😠": 0, "😫": 0, "🙁": 1, "☹": 1, "😕": 1, "😟": 1,
         "😐": 2, "😶": 2, "😑": 2, "🙂": 3, "😊": 3, "😀": 4, "😃": 4, "😄": 4, "😁": 4, "😍": 4}

_IGNORED = re.compile(r"[\s_\-:.*]+")


def fold(name: str) -> str:
    """The form in which two spellings of one name are equal."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", name).casefold())


@cache
def _names() -> dict[str, str]:
    from .. import i18n

    table: dict[str, str] = {}
    for locale in i18n.SHIPPED:
        words = i18n.words(locale)
        for key, field in _LANE_KEYS.items():
            if key in words:
                table.setdefault(fold(words[key]), field)
    for field, names in SYNONYMS.items():
        for name in names:
            table.setdefault(fold(name), field)
    return table


def field_of(name: str) -> str | None:
    """The field a row or column name stands for, or None (a custom lane)."""
    folded = fold(name)
    if not folded:
        return None
    found = _names().get(folded)
    if found is None and folded.endswith("s"):
        found = _names().get(folded[:-1])
    return found


def face_step(text: str) -> int | None:
    """0..4 for the first face in `text`, or None."""
    for char in text:
        if char in FACES:
            return FACES[char]
    return None
