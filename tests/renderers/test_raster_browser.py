"""Skia's PNG against headless Chromium's screenshot of the same SVG at the
same pixel size: right-to-left text and emoji must come out as close to the
browser as plain Latin text does (docs/rasterisers.md)."""

from __future__ import annotations

import io
import math
import os
import subprocess
import xml.etree.ElementTree as ET

import pytest
from test_raster import RTL_AND_EMOJI, journey_of, svg_of

from browser import find_chromium
from journeymap.renderers.raster import rasterise

np = pytest.importorskip("numpy")
Image = pytest.importorskip("PIL.Image")
pytest.importorskip("skia")

LATIN = """\
journeymap: 1
title: "Family flight booking"
type: current-state
locale: en
owner: "Experience team"
persona: {id: p, name: "Sofia Almeida", quote: "I just want to know what I pay for", goals: ["Which fare has luggage?"]}
stages:
  - id: s0
    name: "Search"
    touchpoints:
      - {id: t0, name: "Compares fares", action: "Filters results by price", emotion: -1,
         pains: ["Hard to find"], opportunities: ["Show the weight"]}
  - id: s1
    name: "Booking"
    touchpoints:
      - {id: t1, name: "Chooses seats", action: "Pays extra for the children", emotion: 1}
"""
# Measured: Latin map 0.61, the RTL/emoji map 0.39; RTL lines drawn from the wrong end
# give 2.51 and CairoSVG 2.78. Skia anti-aliases text a little lighter than Chromium (no gamma or hinting
# setting in skia-python): on Latin text alone that is a mean of 0.7-1.3 grey
# levels over a whole map. Wrong shaping or reversed right-to-left text
# (CairoSVG) costs 3-4.5 on the same map (research tables), so a margin of
# 0.6 above the Latin map's difference allows for font hinting, not for errors.
MARGIN = 0.6


def chromium_png(svg: str, folder, name: str, chromium: str):
    root = ET.fromstring(svg)
    width, height = math.ceil(float(root.get("width"))), math.ceil(float(root.get("height")))
    path = folder / f"{name}.svg"
    path.write_text(svg, "utf-8")
    shot = folder / f"{name}-chromium.png"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
         f"--user-data-dir={folder / 'profile'}", "--force-device-scale-factor=2",
         f"--window-size={width},{height}", f"--screenshot={shot}", path.as_uri()],
        capture_output=True, timeout=120, env={**os.environ, "LANG": "C.UTF-8"}, check=False)
    assert shot.exists(), "Chromium took no screenshot"
    return np.asarray(Image.open(shot).convert("RGB"), dtype=np.int16)


def difference(name: str, text: str, folder, chromium: str) -> float:
    journey = journey_of(text)
    svg = svg_of(journey)
    ours = np.asarray(Image.open(io.BytesIO(rasterise(svg, "png", journey))).convert("RGB"),
                      dtype=np.int16)
    browser = chromium_png(svg, folder, name, chromium)
    height, width = min(ours.shape[0], browser.shape[0]), min(ours.shape[1], browser.shape[1])
    assert height > 0.98 * ours.shape[0] and width > 0.98 * ours.shape[1]
    Image.fromarray(ours.astype("uint8")).save(folder / f"{name}-skia.png")
    return float(np.abs(ours[:height, :width] - browser[:height, :width]).mean())


def test_right_to_left_and_emoji_are_as_close_to_chromium_as_latin(tmp_path):
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("no Chromium")
    latin = difference("latin", LATIN, tmp_path, chromium)
    rtl = difference("rtl-emoji", RTL_AND_EMOJI, tmp_path, chromium)
    assert latin < 2.0, f"even Latin differs from Chromium by {latin:.2f}; images in {tmp_path}"
    assert rtl <= latin + MARGIN, (
        f"right-to-left/emoji map differs by {rtl:.2f}, Latin by {latin:.2f}; images in {tmp_path}")
