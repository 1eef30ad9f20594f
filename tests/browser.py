"""Headless Chromium as a test client: one browser start checks many SVGs.

The SVGs are inlined in one page (which also tests that their ids never
collide); a script in that page measures the rendered geometry and writes the
findings into the page, which Chromium prints with --dump-dom."""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

MEASURE = r"""
const out = [];
const ids = new Map();
for (const element of document.querySelectorAll('[id]')) {
  ids.set(element.id, (ids.get(element.id) || 0) + 1);
}
const duplicateIds = [...ids].filter(([, n]) => n > 1).map(([id]) => id);
for (const figure of document.querySelectorAll('div.map')) {
  const svg = figure.querySelector('svg');
  const frame = svg.getBoundingClientRect();
  const problems = [];
  const texts = [...svg.querySelectorAll('text')];
  const boxes = texts.map(t => t.getBoundingClientRect());
  const tolerance = 0.5;
  texts.forEach((text, i) => {
    const b = boxes[i];
    if (!b.width) return;
    const group = text.closest('g.jm-box');
    if (!group) { problems.push(['no box', text.textContent]); return; }
    const r = group.querySelector('rect').getBoundingClientRect();
    if (b.left < r.left - tolerance || b.right > r.right + tolerance ||
        b.top < r.top - tolerance || b.bottom > r.bottom + tolerance) {
      problems.push(['leaves its box', text.textContent,
                     [b.left - r.left, r.right - b.right, b.top - r.top, r.bottom - b.bottom]]);
    }
  });
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (!a.width || !b.width) continue;
      if (a.left < b.right - tolerance && b.left < a.right - tolerance &&
          a.top < b.bottom - tolerance && b.top < a.bottom - tolerance) {
        problems.push(['overlap', texts[i].textContent, texts[j].textContent]);
      }
    }
  }
  for (const element of svg.querySelectorAll('rect, path, circle, line, polygon, text')) {
    const b = element.getBoundingClientRect();
    if (b.left < frame.left - tolerance || b.right > frame.right + tolerance ||
        b.top < frame.top - tolerance || b.bottom > frame.bottom + tolerance) {
      problems.push(['outside the drawing', element.tagName, element.textContent.slice(0, 40)]);
    }
  }
  out.push({name: figure.dataset.name, texts: texts.length, problems: problems.slice(0, 20),
            count: problems.length});
}
const pre = document.createElement('pre');
pre.id = 'journeymap-result';
pre.textContent = JSON.stringify({maps: out, duplicateIds});
document.body.appendChild(pre);
"""


def find_chromium():
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def measure(svgs: dict[str, str], chromium: str) -> dict:
    """{name: svg text} -> what the browser found, per map."""
    figures = "\n".join(f'<div class="map" data-name="{html.escape(name)}">{svg}</div>'
                        for name, svg in svgs.items())
    page = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>body{{margin:0}}"
            f"div.map{{margin:0 0 20px}}</style></head><body>{figures}"
            f"<script>{MEASURE}</script></body></html>")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_text(page, "utf-8")
        profile = Path(folder) / "profile"
        done = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
             f"--user-data-dir={profile}", "--virtual-time-budget=60000", "--run-all-compositor-stages-before-draw",
             "--dump-dom", path.as_uri()],
            capture_output=True, timeout=300, env={**os.environ, "LANG": "C.UTF-8"})
    dom = done.stdout.decode("utf-8", "replace")
    start = dom.find('<pre id="journeymap-result">')
    if start < 0:
        raise RuntimeError(f"Chromium gave no result: {done.stderr.decode(errors='replace')[-2000:]}")
    end = dom.find("</pre>", start)
    return json.loads(html.unescape(dom[start + len('<pre id="journeymap-result">'):end]))
