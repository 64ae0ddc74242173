"""Server-side PNG and SVG export of briefing charts with kaleido 1.x and a local Chromium.

Each plain `fig.write_image()` starts a browser (~2 s) and, unless told otherwise, fetches
MathJax from the internet. Here one long-lived kaleido server is started on the first export,
with MathJax off, and stopped at exit: later exports take ~0.2 s. Renders are serialised,
because the server's request and reply queues are shared, and time-limited, because a server
whose browser failed to start would otherwise never answer.

Presets (layout px x scale = image px; the PNG records its dpi, so Word and PowerPoint paste it
at the intended size):

- SLIDE: 1600x900 (16:9) at scale 2 = 3200x1800 px, 240 dpi = 13.33 in, a 16:9 slide's width.
- DOCUMENT: 1100x756 (about 16:11) at scale 1880/1100 = 1880x1292 px, 300 dpi = 6.27 in
  (159 mm), the text column of A4 with 2.54 cm margins. Laid out at 1100 px so a chart with
  long category names (ranked schemes) keeps room for its bars; 20 px type prints at about
  8 pt, the title at about 13 pt.
"""

from __future__ import annotations

import atexit
import os
import shutil
import struct
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from charts.briefing import DESIGN_HEIGHT, DESIGN_WIDTH, DOWNLOAD_SCALE, relayout_for_size

CHROMIUM_PATH = "/usr/bin/chromium"
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
RENDER_TIMEOUT_S = 90.0
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class ExportUnavailable(RuntimeError):
    """No browser for kaleido: server-side export cannot work on this machine."""


class ExportFailed(RuntimeError):
    """The browser was there but the render failed or did not finish in time."""


@dataclass(frozen=True)
class ExportPreset:
    """Layout size in px, render scale, and the dpi the PNG says it was made for."""

    name: str
    width: int
    height: int
    scale: float
    dpi: int

    @property
    def pixel_size(self) -> tuple[int, int]:
        """Size of the exported PNG in pixels."""
        return round(self.width * self.scale), round(self.height * self.scale)


SLIDE = ExportPreset("slide", DESIGN_WIDTH, DESIGN_HEIGHT, DOWNLOAD_SCALE, dpi=240)
DOCUMENT = ExportPreset("document", 1100, 756, 1880 / 1100, dpi=300)
PRESETS = {preset.name: preset for preset in (SLIDE, DOCUMENT)}

_start_lock = threading.Lock()
_render_lock = threading.Lock()
_server_running = False
_stop_registered = False


# --- browser ------------------------------------------------------------------------------


def _is_executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def find_browser() -> str | None:
    """The Chromium/Chrome kaleido will drive: BROWSER_PATH if set, else the usual places."""
    override = os.environ.get("BROWSER_PATH")
    if override:
        return override if _is_executable(override) else None
    if _is_executable(CHROMIUM_PATH):
        return CHROMIUM_PATH
    for name in BROWSER_NAMES:
        if found := shutil.which(name):
            return found
    return None


def export_available() -> tuple[bool, str]:
    """Whether server-side export can work here, and a sentence saying why for a person."""
    browser = find_browser()
    if browser:
        return True, f"Charts are exported with the browser at {browser}."
    override = os.environ.get("BROWSER_PATH")
    if override:
        return False, (
            f"Image export is unavailable: BROWSER_PATH is {override!r}, which is not an "
            "executable Chromium or Chrome. Fix or unset BROWSER_PATH."
        )
    return False, (
        "Image export is unavailable: it needs Chromium or Chrome and none was found "
        f"(BROWSER_PATH unset, no {CHROMIUM_PATH}, none of {', '.join(BROWSER_NAMES)} on PATH). "
        "Install it with `bash scripts/install_chromium.sh` (Debian's chromium package) or set "
        "BROWSER_PATH. The chart's camera button still downloads a PNG from your own browser."
    )


# --- kaleido server -----------------------------------------------------------------------


def _ensure_server() -> None:
    """Start the one kaleido server on first use (MathJax off, so nothing is fetched)."""
    global _server_running, _stop_registered
    with _start_lock:
        if _server_running:
            return
        available, message = export_available()
        if not available:
            raise ExportUnavailable(message)
        import kaleido

        kaleido.start_sync_server(mathjax=False, path=find_browser(), silence_warnings=True)
        _server_running = True
        if not _stop_registered:
            atexit.register(stop_server)
            _stop_registered = True


def stop_server() -> None:
    """Stop the kaleido server and its browser; the next export starts a new one."""
    global _server_running
    with _start_lock:
        if not _server_running:
            return
        import kaleido

        kaleido.stop_sync_server(silence_warnings=True)
        _server_running = False


def _call_with_timeout(call: Callable[[], Any], timeout_s: float) -> Any:
    """Run call() one at a time in a daemon thread; give up waiting after timeout_s.

    The lock is held by the worker, so a late reply is taken by its own call, not the next one.
    """
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def work() -> None:
        try:
            with _render_lock:
                outcome["value"] = call()
        except BaseException as error:  # noqa: B036 - handed to the caller below
            outcome["error"] = error
        finally:
            done.set()

    threading.Thread(target=work, name="chart-export", daemon=True).start()
    if not done.wait(timeout_s):
        raise ExportFailed(f"Chart export did not finish within {timeout_s:.0f} s.")
    if "error" in outcome:
        raise ExportFailed(f"Chart export failed: {outcome['error']}") from outcome["error"]
    return outcome["value"]


def _render(fig: go.Figure, preset: ExportPreset, file_format: str) -> bytes:
    """Re-fit the figure to the preset, then render it with the shared kaleido server."""
    spec = relayout_for_size(fig, preset.width, preset.height).to_dict()
    opts = {
        "format": file_format,
        "width": preset.width,
        "height": preset.height,
        "scale": preset.scale,
    }
    _ensure_server()
    import kaleido

    image = _call_with_timeout(lambda: kaleido.calc_fig_sync(spec, opts=opts), RENDER_TIMEOUT_S)
    return image if isinstance(image, bytes) else str(image).encode("utf-8")


# --- PNG resolution -----------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """(type, data) for each chunk of a PNG."""
    chunks, offset = [], len(PNG_SIGNATURE)
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind = png[offset + 4 : offset + 8]
        chunks.append((kind, png[offset + 8 : offset + 8 + length]))
        offset += 12 + length
    return chunks


def with_dpi(png: bytes, dpi: int) -> bytes:
    """The same PNG stating `dpi` (pHYs chunk), so office software pastes it at the right size."""
    if not png.startswith(PNG_SIGNATURE):
        raise ExportFailed("The renderer did not return a PNG.")
    pixels_per_metre = round(dpi / 0.0254)
    phys = _chunk(b"pHYs", struct.pack(">IIB", pixels_per_metre, pixels_per_metre, 1))
    parts = [PNG_SIGNATURE]
    for kind, data in _chunks(png):
        if kind != b"pHYs":
            parts.append(_chunk(kind, data))
        if kind == b"IHDR":
            parts.append(phys)
    return b"".join(parts)


# --- API ----------------------------------------------------------------------------------


def to_png(fig: go.Figure, preset: ExportPreset = SLIDE) -> bytes:
    """PNG bytes of the chart at the preset's size, titles and notes included."""
    return with_dpi(_render(fig, preset, "png"), preset.dpi)


def to_svg(fig: go.Figure, preset: ExportPreset = SLIDE) -> bytes:
    """SVG bytes (UTF-8) of the chart laid out at the preset's size."""
    return _render(fig, preset, "svg")
