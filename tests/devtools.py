"""Headless Chromium driven over the DevTools protocol on a pipe (file
descriptors 3 and 4), with nothing but the standard library: one browser
started once for many checks, as the project's browser tests do."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import time

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--remote-debugging-pipe"]


class DevToolsPipe:
    """A Chromium process and its protocol: `call` sends one command (to a
    page's session, if given) and returns its result; events seen meanwhile
    are kept in `events`."""

    def __init__(self, program: str, profile: str) -> None:
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()

        def as_fds_3_and_4() -> None:
            first, second = os.dup(commands_read), os.dup(replies_write)
            os.dup2(first, 3)
            os.dup2(second, 4)

        self.process = subprocess.Popen(
            [program, *FLAGS, f"--user-data-dir={profile}", "about:blank"], preexec_fn=as_fds_3_and_4,
            close_fds=False, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)  # its own process group: close() ends every helper process too
        os.close(commands_read)
        os.close(replies_write)
        self._buffer = b""
        self._id = 0
        self.events: list[dict] = []

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._id += 1
        message = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self._commands, data):]
        deadline = time.monotonic() + 20
        while True:
            while b"\0" in self._buffer:
                raw, _, self._buffer = self._buffer.partition(b"\0")
                reply = json.loads(raw)
                if reply.get("id") == self._id:
                    if "error" in reply:
                        raise RuntimeError(f"{method}: {reply['error']}")
                    return reply["result"]
                if "method" in reply:
                    self.events.append(reply)
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._replies], [], [], remaining)[0]:
                raise TimeoutError(f"Chromium did not answer {method}")
            chunk = os.read(self._replies, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk

    def close(self) -> None:
        """Ends Chromium and all its helper processes before returning, so none
        writes into the profile folder while the caller removes it."""
        group = self.process.pid
        self._signal_group(group, signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        for number, seconds in ((0, 10.0), (signal.SIGKILL, 5.0)):  # wait, then insist
            deadline = time.monotonic() + seconds
            while self._signal_group(group, number) and time.monotonic() < deadline:
                time.sleep(0.05)  # helpers still running (or zombies no one reaps: the deadline ends it)
        os.close(self._commands)
        os.close(self._replies)

    @staticmethod
    def _signal_group(group: int, number: int) -> bool:
        """Sends `number` to the process group; whether any process was left in it."""
        try:
            os.killpg(group, number)
        except (ProcessLookupError, PermissionError):
            return False
        return True
