"""`journeymap watch --serve`: the time from saving the map to the new page
being ready, against the validate + html render alone, measured in the same run.

    python3 benchmarks/bench_serve.py

Twenty saves of a small map (each changes its title). For each: the time
until the server's event stream announces the new version (the moment a
browser starts reloading), and until the new page has been fetched over
HTTP. Goal: under 100 ms (median).
"""

from __future__ import annotations

import http.client
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from journeymap.integrations.serve import serve  # noqa: E402
from journeymap.renderers import RenderOptions  # noqa: E402
from journeymap.renderers.registry import load  # noqa: E402
from journeymap.validation import validate_path  # noqa: E402

EDITS = 20
MAP = """\
journeymap: 1
title: Booking a business flight, draft {n}
persona: {{name: María López, role: Frequent business traveller}}
stages:
  - name: Search
    touchpoints:
      - id: compare-fares
        name: Compares fares on the website
        channel: website
        emotion: -1
        pains: [Fare rules are hidden behind a link]
        opportunities: [Show luggage allowance on every fare card]
        next: [choose-seat]
  - name: Book
    touchpoints:
      - {{id: choose-seat, name: Chooses a seat, channel: mobile-app, emotion: 1}}
"""


def ms(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p90 = ordered[int(len(ordered) * 0.9) - 1]
    median = statistics.median(seconds)
    return f"median {median * 1000:6.1f} ms (min {ordered[0] * 1000:5.1f}, p90 {p90 * 1000:5.1f})"


def render_alone(path: Path) -> list[float]:
    renderer = load("html")
    times = []
    for n in range(EDITS):
        path.write_text(MAP.format(n=1000 + n), "utf-8")
        start = time.perf_counter()
        journey = validate_path(str(path)).journey
        renderer.render(journey, RenderOptions(), "html")
        times.append(time.perf_counter() - start)
    return times


def save_to_page(path: Path) -> tuple[list[float], list[float]]:
    path.write_text(MAP.format(n=0), "utf-8")
    stop, ready = threading.Event(), threading.Event()
    address: list[tuple[str, int]] = []
    log = open(os.devnull, "w")  # noqa: SIM115 - open while the server thread runs
    thread = threading.Thread(target=serve, args=(str(path),), daemon=True, kwargs={
        "port": 0, "stop_event": stop, "log": log,
        "ready": lambda h, p: (address.append((h, p)), ready.set())})
    thread.start()
    ready.wait(15)
    stream = socket.create_connection(address[0])
    stream.sendall(b"GET /events HTTP/1.1\r\nHost: localhost\r\n\r\n")
    reader = stream.makefile("rb")

    def next_event() -> None:
        for line in iter(reader.readline, b""):
            if line.startswith(b"data: "):
                return
        raise RuntimeError("the event stream ended")

    next_event()  # the version of the first build
    to_event, to_page = [], []
    for n in range(1, EDITS + 1):
        time.sleep(0.15)  # one save at a time, as a person saves
        start = time.perf_counter()
        path.write_text(MAP.format(n=n), "utf-8")
        next_event()
        to_event.append(time.perf_counter() - start)
        connection = http.client.HTTPConnection(*address[0])
        connection.request("GET", "/")
        page = connection.getresponse().read()
        to_page.append(time.perf_counter() - start)
        assert f"draft {n}</h1>".encode() in page, "the page fetched is not the new one"
    stream.close()
    stop.set()
    thread.join(5)
    log.close()
    return to_event, to_page


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "map.yaml"
        baseline = render_alone(path)
        to_event, to_page = save_to_page(path)
    print(f"journeymap watch --serve, {EDITS} saves of a small map")
    print(f"  baseline: validate + html render alone   {ms(baseline)}")
    print(f"  save -> reload event sent to the browser {ms(to_event)}")
    print(f"  save -> new page fetched over HTTP       {ms(to_page)}")
    overhead = statistics.median(to_event) - statistics.median(baseline)
    goal = "met" if statistics.median(to_page) < 0.1 else "MISSED"
    print(f"  watching + serving add {overhead * 1000:.1f} ms to the render; goal < 100 ms: {goal}")


if __name__ == "__main__":
    main()
