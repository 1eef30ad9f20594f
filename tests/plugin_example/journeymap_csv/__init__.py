import csv
import io

from journeymap.renderers import RenderOptions


class CsvRenderer:
    name = "touchpoint-csv"

    def render(self, journey, options: RenderOptions, fmt: str) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["stage", "touchpoint", "channel", "emotion", "pains"])
        for stage in journey.stages:
            for tp in stage.touchpoints:
                emotion = tp.emotion if not isinstance(tp.emotion, dict) else \
                    "; ".join(f"{k}={v}" for k, v in tp.emotion.items())
                writer.writerow([stage.name, tp.name, tp.channel or "",
                                 "" if emotion is None else emotion, "; ".join(tp.pains)])
        return buffer.getvalue().encode("utf-8")


renderer = CsvRenderer()
