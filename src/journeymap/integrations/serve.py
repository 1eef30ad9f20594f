"""`journeymap watch MAP --serve`: the map's HTML page on a local web server,
reloaded in the browser on every save through Server-Sent Events.

Only the standard library: `ThreadingHTTPServer` answers `/` (the page),
`/_journeymap/reload.js` (the script that listens) and `/events` (the event
stream); a thread watches the file and rebuilds the page (serve_watch.py).
It listens on 127.0.0.1 unless told otherwise, and answers only requests
addressed to this machine by name or address (a page elsewhere cannot read
the map through DNS rebinding)."""

from __future__ import annotations

import errno
import ipaddress
import os
import socket
import socketserver
import sys
import threading
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TextIO
from urllib.parse import parse_qs, urlsplit

from journeymap.renderers import RenderOptions
from journeymap.safetext import inert

from .serve_page import EVENTS_PATH, RELOAD_PATH, RELOAD_SCRIPT
from .serve_watch import LivePage, MapWatcher

KEEPALIVE_SECONDS = 10.0  # a comment on idle streams, so closed tabs are noticed
_WILDCARDS = {"0.0.0.0", "::", ""}


class ServeError(Exception):
    """The server cannot start (the port is taken, the host is unknown)."""


def host_allowed(header: str | None, bound: str) -> bool:
    """Whether a request's Host names this machine: localhost, an IP address,
    the host the server was bound to, or this machine's name. A DNS-rebinding
    page comes with its own domain name, and gets 403."""
    if not header:
        return True
    name = header.strip().lower()
    if name.startswith("["):
        name = name[1:name.find("]")] if "]" in name else name[1:]
    elif name.count(":") == 1:
        name = name.split(":", 1)[0]
    name = name.rstrip(".")
    if name in {"localhost", bound.lower(), socket.gethostname().lower()} or name.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_port = False  # two servers on one port would split the requests

    def __init__(self, address: tuple[str, int], page: LivePage, bound: str, family: int) -> None:
        self.address_family = family
        self.page, self.bound = page, bound
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks the host up in DNS (getfqdn): not needed here.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "journeymap"
    sys_version = ""

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not logged: the terminal shows the map's problems."""

    def _answer(self, body: bool) -> None:
        if not host_allowed(self.headers.get("Host"), self.server.bound):
            self._send(403, "text/plain; charset=utf-8",
                       b"journeymap serves this page to this machine only; open it by its address.\n", body)
            return
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            self._send(200, "text/html; charset=utf-8", self.server.page.current()[1], body)
        elif url.path == RELOAD_PATH:
            self._send(200, "text/javascript; charset=utf-8", RELOAD_SCRIPT, body)
        elif url.path == EVENTS_PATH and body:
            self._events(parse_qs(url.query).get("v", [""])[0])
        else:
            self._send(404, "text/plain; charset=utf-8", b"not found\n", body)

    def _headers(self, status: int, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")

    def _send(self, status: int, content_type: str, data: bytes, body: bool) -> None:
        self._headers(status, content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _events(self, seen: str) -> None:
        """Server-Sent Events: `reload` with the new version after each build
        (at once if the page asking is already out of date)."""
        self.close_connection = True
        self._headers(200, "text/event-stream; charset=utf-8")
        self.end_headers()
        page = self.server.page
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while True:
                version = page.wait_for_change(seen, KEEPALIVE_SECONDS)
                if page.closed:
                    return
                if version is None:
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    self.wfile.write(f"event: reload\ndata: {version}\n\n".encode())
                    seen = version
        except OSError:  # the tab was closed or reloaded
            return


def _address(host: str, port: int) -> tuple[int, tuple[str, int]]:
    try:
        found = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        raise ServeError(f"cannot serve on {host}: unknown host ({exc})") from None
    family, _, _, _, address = found[0]
    return family, (str(address[0]), int(address[1]))


def make_server(host: str, port: int, page: LivePage) -> _Server:
    """A server listening on (host, port); ServeError with a sentence if not."""
    if not 0 <= port <= 65535:
        raise ServeError(f"--port must be between 0 and 65535, not {port}")
    family, address = _address(host, port)
    try:
        return _Server(address, page, host, family)
    except OSError as exc:
        where = f"{host}:{port}"
        if exc.errno == errno.EADDRINUSE:
            reason = "the port is in use (stop the other server, or choose another with --port)"
        elif exc.errno == errno.EACCES:
            reason = "permission denied (ports below 1024 need privileges; choose another with --port)"
        elif exc.errno == errno.EADDRNOTAVAIL:
            reason = f"{host} is not an address of this machine"
        else:
            reason = exc.strerror or str(exc)
        raise ServeError(f"cannot serve on {where}: {reason}") from None


def page_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in _WILDCARDS else host
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def serve(map_path: str, host: str = "127.0.0.1", port: int = 8000, options: RenderOptions | None = None,
          stop_event: threading.Event | None = None, ready: Callable[[str, int], None] | None = None,
          *, ignore: Iterable[str] = (), log: TextIO | None = None) -> int:
    """Serve the map's page until Ctrl-C or `stop_event`; returns the exit
    status (0, or 2 when the map is missing or the server cannot start).
    `ready(host, port)` is called with the address actually bound, once the
    page is built and saves are being watched."""
    log = log or sys.stderr
    if not os.path.isfile(map_path):
        what = "a folder: --serve serves one map file" if os.path.isdir(map_path) else "no such file"
        log.write(f"journeymap: error: {inert(map_path)}: {what}\n")
        return 2
    stop = stop_event or threading.Event()
    page = LivePage()
    try:
        server = make_server(host, port, page)
    except ServeError as exc:
        log.write(f"journeymap: error: {inert(str(exc))}\n")
        return 2
    watcher = MapWatcher(map_path, map_path, options or RenderOptions(), ignore, page, log)
    watcher.rebuild()  # before the first request is answered
    threads = [threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                                name="journeymap-serve", daemon=True),
               threading.Thread(target=watcher.run, args=(stop,), name="journeymap-watch", daemon=True)]
    for thread in threads:
        thread.start()
    try:
        watcher.armed.wait(5.0)
        bound_host, bound_port = server.server_address[:2]
        url = page_url(host, int(bound_port))
        log.write(f"serving {inert(map_path)} at {inert(url)} (Ctrl-C to stop)\n")
        if host in _WILDCARDS:
            log.write(f"journeymap: warning: listening on {inert(host or '*')}: "
                      "other machines can open the page\n")
        log.flush()
        if ready is not None:
            ready(str(bound_host), int(bound_port))
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        log.write("stopped\n")
    finally:
        stop.set()
        page.close()
        server.shutdown()
        server.server_close()
        for thread in threads:
            thread.join(2.0)
    return 0
