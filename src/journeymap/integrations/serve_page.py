"""The pages `journeymap watch --serve` shows: the `html` renderer's page with
a reload script added, or the diagnostics of a broken save.

The script is served from the same origin (`/_journeymap/reload.js`) rather
than inlined, and the page's own Content-Security-Policy is widened by just
`script-src 'self'` and `connect-src 'self'`, so that the policy keeps
forbidding everything else (inline script, any other origin)."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass

from journeymap.diagnostics import INFO
from journeymap.renderers import RenderError, RenderOptions
from journeymap.renderers.registry import load as load_renderer
from journeymap.run.reporting import format_text
from journeymap.safetext import inert
from journeymap.validation import validate_path

RELOAD_PATH = "/_journeymap/reload.js"
EVENTS_PATH = "/events"

# Reloads the page when the server announces a version other than the one
# this page was built from; asking with `?v=` closes the gap between loading
# the page and connecting (a save in between is announced at once).
RELOAD_SCRIPT = b"""\
// journeymap watch --serve: reload this page when its map is saved again.
(function () {
  "use strict";
  var me = document.currentScript;
  var version = me ? new URL(me.src).searchParams.get("v") || "" : "";
  var source = new EventSource("/events?v=" + encodeURIComponent(version));
  source.addEventListener("reload", function (event) {
    if (event.data !== version) {
      source.close();
      window.location.reload();
    }
  });
})();
"""

_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)
_META = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
_IS_CSP = re.compile(rb"""http-equiv\s*=\s*["']?content-security-policy["'\s/>]""", re.IGNORECASE)
_CONTENT = re.compile(rb"""(\bcontent\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_WIDENED = ("script-src", "script-src-elem", "connect-src")
_ADDED = ("script-src", "connect-src")


def script_tag(version: str) -> bytes:
    return f'<script src="{RELOAD_PATH}?v={html.escape(version)}" defer></script>'.encode()


def allow_reload(policy: str) -> str:
    """`policy` with 'self' allowed for scripts and connections, nothing else."""
    directives = []
    named = set()
    for directive in filter(None, (part.strip() for part in policy.split(";"))):
        name, *sources = directive.split()
        if name.lower() in _WIDENED:
            named.add(name.lower())
            sources = [s for s in sources if s.lower() != "'none'"]
            if "'self'" not in (s.lower() for s in sources):
                sources.append("'self'")
            directive = " ".join([name, *sources])
        directives.append(directive)
    directives += [f"{name} 'self'" for name in _ADDED if name not in named]
    return "; ".join(directives)


def _widen_meta(tag: re.Match[bytes]) -> bytes:
    text = tag.group()
    if not _IS_CSP.search(text):
        return text

    def rewrite(content: re.Match[bytes]) -> bytes:
        value = (content.group(2) if content.group(2) is not None else content.group(3)).decode()
        widened = html.escape(allow_reload(html.unescape(value)), quote=True)
        return content.group(1) + f'"{widened}"'.encode()

    return _CONTENT.sub(rewrite, text, count=1)


def inject(page: bytes, version: str) -> bytes:
    """The page with the reload script in its head and its CSP widened for it."""
    match = _HEAD_END.search(page)
    if match is None:  # no head: keep the page as it is and add the script at the end
        end = _BODY_END.search(page)
        at = end.start() if end else len(page)
        return page[:at] + script_tag(version) + page[at:]
    head = _META.sub(_widen_meta, page[:match.start()])
    return head + script_tag(version) + b"\n" + page[match.start():]


_ERROR_STYLE = """
body { margin: 0; font-family: system-ui, sans-serif; background: #fff8f7; color: #1f1f1f; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { color: #b3261e; font-size: 1.5rem; }
pre { background: #fff; border: 1px solid #e6b8b4; border-radius: 6px; padding: 12px 16px;
  overflow-x: auto; font: 14px/1.45 "DejaVu Sans Mono", ui-monospace, monospace; white-space: pre; }
"""


def error_page(name: str, report: str) -> bytes:
    """A page of diagnostics, every character of them escaped."""
    shown = html.escape(inert(name))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{shown}: errors</title>
<style>{_ERROR_STYLE}</style>
</head>
<body>
<main>
<h1 id="journeymap-errors">{shown} has errors</h1>
<p>Fix them and save: the map comes back here.</p>
<pre id="journeymap-diagnostics">{html.escape(report)}</pre>
</main>
</body>
</html>
""".encode()


@dataclass(frozen=True)
class Build:
    """One rebuild: the page (without the reload script), whether the map
    itself is in it, the diagnostics as text, and how long it took."""

    page: bytes
    ok: bool
    report: str
    seconds: float


def build(path: str, name: str, options: RenderOptions, ignore: Iterable[str] = ()) -> Build:
    """Validate and render the map at `path`; never raises for a bad map or a
    failing renderer: that becomes the page to show."""
    start = time.perf_counter()
    result = validate_path(path, name, tuple(ignore))
    report = format_text([d for d in result.diagnostics if d.severity != INFO])
    if result.journey is None:
        return Build(error_page(name, report), False, report, time.perf_counter() - start)
    try:
        page = bytes(load_renderer("html").render(result.journey, options, "html"))
    except RenderError as exc:
        problem = f"{name}: html: {inert(str(exc))}\n"
        return Build(error_page(name, report + problem), False, report + problem,
                     time.perf_counter() - start)
    except Exception as exc:  # a bug in a renderer: shown, and the server stays up
        problem = (f"{name}: the 'html' renderer failed ({type(exc).__name__}: {inert(str(exc))}); "
                   "this is a bug, please report it\n")
        return Build(error_page(name, report + problem), False, report + problem,
                     time.perf_counter() - start)
    return Build(page, True, report, time.perf_counter() - start)
