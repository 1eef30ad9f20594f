"""`journeymap watch --serve`: the live page in a real headless Chromium
(driven over the DevTools protocol on a pipe), and the server's promises:
127.0.0.1 by default, a clean message when the port is taken, Ctrl-C stops
it, requests for another host name are refused, the reload script passes
the page's Content-Security-Policy."""

from __future__ import annotations

import http.client
import inspect
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from conftest import SMALL_MAP
from devtools import DevToolsPipe
from journeymap.integrations.serve import host_allowed, serve
from journeymap.integrations.serve_page import allow_reload, error_page, inject

GOOD = SMALL_MAP
BAD = GOOD.format(title="Broken").replace(
    "        emotion: -1\n", '        pain: ["<img src=x onerror=alert(1)>"]\n')
BAD_AT = "map.yaml:10:9: error[unknown-key]"
SRC = str(Path(__file__).resolve().parents[2] / "src")


def need(name: str) -> str:
    """The program's path; a skip without it, a failure under CI=true."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


class Server:
    """`serve()` in a thread, on a free port, stopped at the end."""

    def __init__(self, path: Path, **kwargs: object) -> None:
        self.stop = threading.Event()
        self.ready = threading.Event()
        self.address: tuple[str, int] = ("", 0)
        self.status: int | None = None
        self.log = tempfile.TemporaryFile("w+")  # noqa: SIM115 - read back in close()

        def ready(host: str, port: int) -> None:
            self.address = (host, port)
            self.ready.set()

        def run() -> None:
            self.status = serve(str(path), port=0, stop_event=self.stop, ready=ready, log=self.log, **kwargs)
            self.ready.set()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        assert self.ready.wait(15), "the server did not start"
        self.url = f"http://{self.address[0]}:{self.address[1]}/"

    def get(self, path: str, host: str | None = None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection(*self.address, timeout=5)
        headers = {"Host": host} if host else {}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()

    def close(self) -> str:
        self.stop.set()
        self.thread.join(10)
        assert not self.thread.is_alive() and self.status == 0
        self.log.seek(0)
        return self.log.read()


class Chromium(DevToolsPipe):
    """Headless Chromium with a page per test, driven by session."""

    def open(self, url: str) -> str:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=session)
        self.call("Log.enable", session=session)
        self.call("Page.navigate", {"url": url}, session=session)
        return session

    def evaluate(self, session: str, expression: str) -> object:
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)
        return result["result"].get("value")


@pytest.fixture(scope="module")
def chromium():
    names = ("chromium", "chromium-browser", "google-chrome")
    program = next((p for p in map(shutil.which, names) if p), None)
    if program is None:
        need("chromium")
    with tempfile.TemporaryDirectory() as profile:
        browser = Chromium(program, profile)
        try:
            yield browser
        finally:
            browser.close()


STATE = """(() => {
  const h1 = document.querySelector("h1"), pre = document.getElementById("journeymap-diagnostics");
  const nav = performance.getEntriesByType("navigation")[0];
  return {title: h1 ? h1.textContent : null, errors: pre ? pre.textContent : null,
          svg: !!document.querySelector("figure.map svg"), img: document.querySelectorAll("img").length,
          script: !!document.querySelector('script[src^="/_journeymap/reload.js"]'),
          navigation: nav ? nav.type : null, ready: document.readyState};
})()"""


def wait_for(browser: Chromium, session: str, test, timeout: float = 10.0) -> dict:
    deadline = time.monotonic() + timeout
    state: dict = {}
    while time.monotonic() < deadline:
        state = browser.evaluate(session, STATE) or {}
        if state.get("ready") == "complete" and test(state):
            return state
        time.sleep(0.05)
    raise AssertionError(f"the page never got there; last seen: {state}")


def save(path: Path, text: str) -> None:
    """As an editor saves: a new file renamed over the old one."""
    temporary = path.with_name(path.name + ".tmp~")
    temporary.write_text(text, "utf-8")
    os.replace(temporary, path)


def test_live_reload_in_chromium_good_bad_good(tmp_path, chromium):
    path = tmp_path / "map.yaml"
    path.write_text(GOOD.format(title="Booking a business flight"), "utf-8")
    server = Server(path)
    try:
        session = chromium.open(server.url)
        first = wait_for(chromium, session, lambda s: s["title"] == "Booking a business flight")
        assert first["svg"] and first["script"] and first["errors"] is None

        save(path, BAD)
        broken = wait_for(chromium, session, lambda s: s["errors"] is not None)
        assert BAD_AT in broken["errors"] and "did you mean 'pains'?" in broken["errors"]
        assert '"<img src=x onerror=alert(1)>"' in broken["errors"]  # shown as text ...
        assert broken["img"] == 0 and not broken["svg"]  # ... never as markup
        assert broken["navigation"] == "reload"  # the page reloaded itself
        assert server.get("/")[0] == 200  # and the server is still up

        save(path, GOOD.format(title="Booking, second draft"))
        again = wait_for(chromium, session, lambda s: s["title"] == "Booking, second draft")
        assert again["svg"] and again["errors"] is None
        time.sleep(0.3)  # no reload loop: one navigation per save
        chromium.evaluate(session, "0")  # reads the events that came meanwhile
        loads = [e for e in chromium.events if e["method"] == "Page.loadEventFired"
                 and e.get("sessionId") == session]
        assert len(loads) == 3
        blocked = [e["params"]["entry"]["text"] for e in chromium.events if e["method"] == "Log.entryAdded"
                   and e["params"]["entry"]["level"] == "error"]
        assert blocked == []  # nothing refused by the Content-Security-Policy
    finally:
        log = server.close()
    assert "map.yaml: errors, shown in the page" in log and BAD_AT in log


def test_events_announce_each_save_and_a_stale_page_at_once(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text(GOOD.format(title="First"), "utf-8")
    server = Server(path)
    try:
        stream = socket.create_connection(server.address, timeout=5)
        stream.sendall(b"GET /events?v=stale HTTP/1.1\r\nHost: localhost\r\n\r\n")
        reader = stream.makefile("rb")
        head = [reader.readline() for _ in range(1)]
        assert b"200" in head[0]

        def next_version() -> str:
            for line in iter(reader.readline, b""):
                if line.startswith(b"data: "):
                    return line[6:].strip().decode()
            raise AssertionError("the stream ended")

        current = next_version()  # at once: the page asking is out of date
        assert f"/_journeymap/reload.js?v={current}".encode() in server.get("/")[1]
        save(path, GOOD.format(title="Second"))
        newer = next_version()
        assert newer != current and b"<h1>Second</h1>" in server.get("/")[1]
        path.unlink()  # an editor that deletes, then writes
        next_version()
        assert b'id="journeymap-diagnostics"' in server.get("/")[1]
        path.write_text(GOOD.format(title="Third"), "utf-8")
        next_version()
        assert b"<h1>Third</h1>" in server.get("/")[1]
        stream.close()
    finally:
        server.close()


def test_binds_127_0_0_1_by_default_and_refuses_other_host_names(tmp_path):
    defaults = inspect.signature(serve).parameters
    assert defaults["host"].default == "127.0.0.1" and defaults["port"].default == 8000
    path = tmp_path / "map.yaml"
    path.write_text(GOOD.format(title="Local"), "utf-8")
    server = Server(path)
    try:
        host, port = server.address
        assert host == "127.0.0.1"
        if os.path.exists("/proc/net/tcp"):  # the kernel's own view of the listening socket
            listening = [line.split()[1] for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
                         if line.split()[3] == "0A"]
            assert f"0100007F:{port:04X}" in listening
            assert f"00000000:{port:04X}" not in listening
        assert server.get("/", host=f"localhost:{port}")[0] == 200
        assert server.get("/", host=f"127.0.0.1:{port}")[0] == 200
        status, body = server.get("/", host=f"rebind.example:{port}")
        assert status == 403 and b"Booking" not in body and b"Local" not in body
        assert server.get("/_journeymap/reload.js")[0] == 200
        assert server.get("/../../etc/passwd")[0] == 404
    finally:
        server.close()


def test_port_in_use_is_a_clean_message(tmp_path, capsys):
    path = tmp_path / "map.yaml"
    path.write_text(GOOD.format(title="Busy"), "utf-8")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert serve(str(path), port=port) == 2
    err = capsys.readouterr().err
    assert f"journeymap: error: cannot serve on 127.0.0.1:{port}: the port is in use" in err
    assert "Traceback" not in err


def test_missing_map_is_a_usage_error(tmp_path, capsys):
    assert serve(str(tmp_path / "nothing.yaml"), port=0) == 2
    assert serve(str(tmp_path), port=0) == 2
    err = capsys.readouterr().err
    assert "nothing.yaml: no such file" in err and "serves one map file" in err


def test_ctrl_c_stops_it(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text(GOOD.format(title="Interrupted"), "utf-8")
    code = ("import sys\nfrom journeymap.integrations.serve import serve\n"
            "sys.exit(serve(sys.argv[1], port=0, ready=lambda h, p: print(p, flush=True)))")
    process = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": SRC}, text=True)
    try:
        port = int(process.stdout.readline())
        assert http.client.HTTPConnection("127.0.0.1", port, timeout=5) is not None
        process.send_signal(signal.SIGINT)
        assert process.wait(10) == 0
    finally:
        process.kill()
    err = process.stderr.read()
    assert "stopped" in err and "Traceback" not in err and f"http://127.0.0.1:{port}/" in err


def test_the_page_policy_is_widened_for_the_script_only():
    assert allow_reload("default-src 'none'; style-src 'unsafe-inline'; img-src data:") == (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'self'; connect-src 'self'")
    assert allow_reload("script-src 'none'; connect-src https://x") == (
        "script-src 'self'; connect-src https://x 'self'")
    page = (b"<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">"
            b"</head><body>x</body></html>")
    served = inject(page, "v1")
    assert b'<script src="/_journeymap/reload.js?v=v1" defer></script>\n</head>' in served
    assert b"script-src &#x27;self&#x27;; connect-src &#x27;self&#x27;" in served
    tag = b'<script src="/_journeymap/reload.js?v=v2" defer></script>'
    assert inject(b"<p>no head</p>", "v2").endswith(tag)


def test_error_page_escapes_everything():
    page = error_page("<b>x</b>.yaml", "x.yaml:1:1: error[yaml-syntax]: </pre><script>alert(1)</script>\n")
    assert b"<script>" not in page and b"&lt;/pre&gt;&lt;script&gt;" in page
    assert b"&lt;b&gt;x&lt;/b&gt;.yaml has errors" in page


@pytest.mark.parametrize(("header", "allowed"), [
    (None, True), ("localhost:8000", True), ("127.0.0.1:8000", True), ("[::1]:8000", True),
    ("app.localhost:8000", True), ("10.0.0.5:8000", True), ("LOCALHOST.", True),
    ("attacker.example:8000", False), ("127.0.0.1.nip.io:8000", False),
])
def test_host_header(header, allowed):
    assert host_allowed(header, "127.0.0.1") is allowed
