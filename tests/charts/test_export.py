"""Server-side export: real PNG and SVG renders of a briefing chart in both presets.

Render tests need Chromium (scripts/install_chromium.sh) and are skipped, with the reason, when
there is none. The geometry tests read the rendered SVG, where the browser has measured every
text box, to check that no block overlaps another or runs off the image.
"""

from __future__ import annotations

import re
import struct
import threading
import zlib
from dataclasses import dataclass

import plotly.graph_objects as go
import pytest

from charts import export
from charts.briefing import apply_briefing_layout, source_line
from charts.export import DOCUMENT, PRESETS, SLIDE, ExportUnavailable, to_png, to_svg
from charts.formatting import format_money, money_ticks
from charts.style import BASIS_COLOURS, EDGE_PAD, TITLE_SIZE

AVAILABLE, WHY = export.export_available()
needs_browser = pytest.mark.skipif(not AVAILABLE, reason=f"no browser for kaleido: {WHY}")

TITLE = "Strategic alliances report the largest savings, about £12.5m a year"
SUBTITLE = (
    "Savings reported by collaboration schemes in England and Wales, by theme, 2014 to 2016; "
    "all services, all areas; only schemes that quote a figure"
)
SOURCES = ["National Overview 2016", "Paper 2: National Overview of Collaboration Initiatives"]
NOTES = [
    "Demo values. Most savings are estimates from business cases, not measured outcomes; where "
    "a document gives a range, the lower bound is shown.",
    "Savings are not adjusted for inflation and periods differ between schemes.",
]
THEMES = {
    "First response and co-responding": 2_400_000,
    "Demand management and rationalisation": 1_550_000,
    "Shared estates and assets": 5_800_000,
    "Joint control rooms": 3_100_000,
    "Strategic alliances and partnerships": 12_500_000,
    "Information sharing": 580_000,
    "Wider collaboration": 260_000,
}
DARK_BLUE_RGB = "rgb(18, 67, 109)"  # afcharts' first colour, #12436D


def savings_chart(legend: bool = False) -> go.Figure:
    """Savings by theme as horizontal bars, optionally split actual/estimate (with a legend)."""
    themes = sorted(THEMES, key=THEMES.get)
    values = [THEMES[t] for t in themes]
    bars = [("actual", values)] + ([("estimate", [v * 0.4 for v in values])] if legend else [])
    fig = go.Figure(
        [
            go.Bar(
                x=xs, y=themes, name=basis, orientation="h", marker_color=BASIS_COLOURS[basis],
                text=[format_money(x) for x in xs], textposition="outside",
            )
            for basis, xs in bars
        ]
    )
    fig.update_xaxes(title_text="Savings reported (£ a year)", **money_ticks(max(values)))
    return apply_briefing_layout(
        fig, title=TITLE, subtitle=SUBTITLE, source=source_line(SOURCES), notes=NOTES
    )


# --- reading PNG and SVG ----------------------------------------------------------------------


def png_chunks(png: bytes) -> dict[bytes, bytes]:
    chunks, offset = {}, 8
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind = png[offset + 4 : offset + 8]
        chunks[kind] = chunks.get(kind, b"") + png[offset + 8 : offset + 8 + length]
        offset += 12 + length
    return chunks


def png_size(png: bytes) -> tuple[int, int]:
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float


def annotation_boxes(svg: str) -> list[Box]:
    """Browser-measured boxes of the annotations, in data-index order."""
    found = re.findall(
        r'<g class="annotation" data-index="\d+".*?translate\(([\d.-]+),([\d.-]+)\)">'
        r'<rect class="bg" x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="([\d.]+)"',
        svg,
    )
    return [Box(float(x), float(y), float(x) + float(w), float(y) + float(h))
            for x, y, w, h in found]


def plot_area(svg: str) -> Box:
    x, w = re.search(r'id="clip[^"]*x"><rect x="([\d.]+)" y="0" width="([\d.]+)"', svg).groups()
    y, h = re.search(r'id="clip[^"]*y"><rect x="0" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"',
                     svg).groups()
    return Box(float(x), float(y), float(x) + float(w), float(y) + float(h))


def legend_box(svg: str) -> Box:
    x, y, w, h = re.search(
        r'<g class="legend"[^>]*translate\(([\d.-]+),([\d.-]+)\)"><rect class="bg"[^>]*'
        r'width="([\d.]+)" height="([\d.]+)"',
        svg,
    ).groups()
    return Box(float(x), float(y), float(x) + float(w), float(y) + float(h))


def title_baselines(svg: str) -> list[float]:
    """Baselines of the title's lines (plotly: tspans reset y; one line uses the text's dy)."""
    text = re.search(r'<text class="gtitle"[^>]*y="([\d.]+)"[^>]*dy="([\d.]+)em"[^>]*>(.*?)</text>',
                     svg)
    y, dy, inner = float(text.group(1)), float(text.group(2)), text.group(3)
    lines = re.findall(r'<tspan class="line" dy="([\d.]+)em" x="[\d.]+" y="([\d.]+)"', inner)
    if not lines:
        return [y + dy * TITLE_SIZE]
    return [float(line_y) + float(line_dy) * TITLE_SIZE for line_dy, line_y in lines]


def x_title_baseline(svg: str) -> float:
    return float(re.search(r'<text class="xtitle"[^>]*y="([\d.]+)"', svg).group(1))


# --- availability -------------------------------------------------------------------------------


def test_export_available_says_where_the_browser_is():
    available, message = export.export_available()
    assert isinstance(available, bool)
    assert message
    if available:
        assert export.find_browser() in message


def test_a_bad_browser_path_is_named(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nowhere/chrome")
    available, message = export.export_available()
    assert available is False
    assert "BROWSER_PATH" in message and "/nowhere/chrome" in message


def test_no_browser_at_all_says_how_to_get_one(monkeypatch):
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setattr(export, "CHROMIUM_PATH", "/nowhere/chromium")
    monkeypatch.setattr(export.shutil, "which", lambda name: None)
    available, message = export.export_available()
    assert available is False
    assert "chromium" in message.lower() and "install" in message.lower()


def test_export_without_a_browser_raises_export_unavailable(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nowhere/chrome")
    monkeypatch.setattr(export, "_server_running", False)
    with pytest.raises(ExportUnavailable, match="BROWSER_PATH"):
        to_png(savings_chart())


def test_the_server_is_started_once_without_mathjax(monkeypatch):
    import kaleido

    calls = []
    monkeypatch.setattr(export, "_server_running", False)
    monkeypatch.setattr(export, "find_browser", lambda: "/usr/bin/true")
    monkeypatch.setattr(export, "export_available", lambda: (True, "test"))
    monkeypatch.setattr(kaleido, "start_sync_server", lambda **kwargs: calls.append(kwargs))
    threads = [threading.Thread(target=export._ensure_server) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [{"mathjax": False, "path": "/usr/bin/true", "silence_warnings": True}]


# --- PNG resolution -----------------------------------------------------------------------------


def tiny_png(extra: bytes = b"") -> bytes:
    ihdr = export._chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    idat = export._chunk(b"IDAT", zlib.compress(b"\x00\xff"))
    return export.PNG_SIGNATURE + ihdr + extra + idat + export._chunk(b"IEND", b"")


@pytest.mark.parametrize("existing", [b"", export._chunk(b"pHYs", struct.pack(">IIB", 1, 1, 1))])
def test_with_dpi_sets_one_resolution_chunk(existing):
    png = export.with_dpi(tiny_png(existing), 300)
    assert png.count(b"pHYs") == 1
    x, y, unit = struct.unpack(">IIB", png_chunks(png)[b"pHYs"])
    assert (x, y, unit) == (11811, 11811, 1)  # 300 dpi in pixels per metre
    assert png.index(b"pHYs") > png.index(b"IHDR")
    assert png.index(b"pHYs") < png.index(b"IDAT")


def test_presets():
    assert PRESETS == {"slide": SLIDE, "document": DOCUMENT}
    assert SLIDE.pixel_size == (3200, 1800)
    assert SLIDE.width / SLIDE.height == 16 / 9
    assert DOCUMENT.pixel_size == (1880, 1292)
    assert DOCUMENT.width / DOCUMENT.height == pytest.approx(16 / 11, rel=0.01)
    assert DOCUMENT.pixel_size[0] / DOCUMENT.dpi == pytest.approx(6.27, abs=0.01)  # A4 column


# --- real renders -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str], bytes]:
    """PNG and SVG of the savings chart (with a legend) in both presets, rendered once."""
    if not AVAILABLE:
        pytest.skip(f"no browser for kaleido: {WHY}")
    fig = savings_chart(legend=True)
    images = {}
    for preset in (SLIDE, DOCUMENT):
        images[preset.name, "png"] = to_png(fig, preset)
        images[preset.name, "svg"] = to_svg(fig, preset)
    return images


@needs_browser
@pytest.mark.parametrize("preset", [SLIDE, DOCUMENT], ids=lambda p: p.name)
def test_png_has_the_preset_size_and_dpi(rendered, preset):
    png = rendered[preset.name, "png"]
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert png_size(png) == preset.pixel_size
    x, y, unit = struct.unpack(">IIB", png_chunks(png)[b"pHYs"])
    assert unit == 1 and x == y == round(preset.dpi / 0.0254)


@needs_browser
@pytest.mark.parametrize("preset", [SLIDE, DOCUMENT], ids=lambda p: p.name)
def test_png_is_not_blank(rendered, preset):
    png = rendered[preset.name, "png"]
    assert len(png) > 60_000  # a blank 1880x1292 PNG compresses to a few kB
    width, _ = png_size(png)
    pixels = zlib.decompress(png_chunks(png)[b"IDAT"])
    assert len(set(pixels[: width * 4 * 400])) > 16  # many shades, not one flat colour


@needs_browser
@pytest.mark.parametrize("preset", [SLIDE, DOCUMENT], ids=lambda p: p.name)
def test_png_uses_house_colours_and_keeps_a_white_border(rendered, preset):
    """The afcharts dark blue is in the image, and nothing runs into the edge (nothing cut)."""
    image_module = pytest.importorskip("PIL.Image")
    import io

    image = image_module.open(io.BytesIO(rendered[preset.name, "png"])).convert("RGB")
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20)}
    assert (18, 67, 109) in colours  # #12436D, the 'actual' bars
    width, height = image.size
    border = int(EDGE_PAD * preset.scale * 0.4)
    strips = [
        image.crop((0, 0, width, border)),
        image.crop((0, height - border, width, height)),
        image.crop((0, 0, border, height)),
        image.crop((width - border, 0, width, height)),
    ]
    for strip in strips:
        assert strip.getcolors(maxcolors=4) == [(strip.width * strip.height, (255, 255, 255))]


@needs_browser
@pytest.mark.parametrize("preset", [SLIDE, DOCUMENT], ids=lambda p: p.name)
def test_svg_contains_every_text_and_the_template(rendered, preset):
    svg = rendered[preset.name, "svg"].decode("utf-8")
    assert svg.lstrip().startswith("<svg")
    flat = re.sub(r"</tspan><tspan[^>]*>", " ", svg)
    for text in [TITLE, SUBTITLE, source_line(SOURCES), *NOTES]:
        for word in text.split():
            assert word.replace("&", "&amp;") in flat
    assert "Strategic alliances report the largest savings" in flat.replace("&amp;", "&")
    assert "Source: National Overview 2016; Paper 2:" in flat
    assert "Note 1: Demo values." in flat
    assert "Note 2: Savings are not adjusted for inflation" in flat
    assert "Arial" in svg and "font-size: 32px" in svg and "font-weight: bold" in svg
    assert DARK_BLUE_RGB in svg
    assert "£12.5m" in svg and "£2.5m" in svg  # house money format on bars and ticks


@needs_browser
@pytest.mark.parametrize("preset", [SLIDE, DOCUMENT], ids=lambda p: p.name)
def test_blocks_do_not_overlap_or_run_off_the_image(rendered, preset):
    svg = rendered[preset.name, "svg"].decode("utf-8")
    subtitle, source, notes = annotation_boxes(svg)
    plot, legend = plot_area(svg), legend_box(svg)
    baselines = title_baselines(svg)

    assert baselines[0] - 0.75 * TITLE_SIZE >= 0  # title not cut at the top
    assert baselines[-1] + 0.25 * TITLE_SIZE <= subtitle.top
    assert subtitle.bottom <= legend.top
    assert legend.bottom <= plot.top
    assert x_title_baseline(svg) + 6 <= source.top
    assert source.bottom <= notes.top
    assert notes.bottom <= preset.height
    for box in (subtitle, source, notes, legend):
        assert box.left == pytest.approx(EDGE_PAD, abs=1.5)  # lined up with the title
        assert box.right <= preset.width


@needs_browser
def test_title_first_line_sits_at_the_same_place_whether_it_wraps_or_not():
    """Guards the 0.7em plotly quirk that briefing._title compensates for."""
    one = go.Figure(go.Bar(x=[1], y=["a"], orientation="h"))
    two = go.Figure(go.Bar(x=[1], y=["a"], orientation="h"))
    apply_briefing_layout(one, title="Short title", subtitle="s", source="x")
    apply_briefing_layout(two, title="A much longer title " * 8, subtitle="s", source="x")
    first = [title_baselines(to_svg(fig).decode("utf-8")) for fig in (one, two)]
    assert len(first[0]) == 1 and len(first[1]) > 1
    assert first[0][0] == pytest.approx(EDGE_PAD + 0.7 * TITLE_SIZE, abs=1)
    assert first[1][0] == pytest.approx(first[0][0], abs=1)


@needs_browser
def test_export_does_not_change_the_figure():
    fig = savings_chart()
    before = fig.to_json()
    to_png(fig, DOCUMENT)
    assert fig.to_json() == before


@needs_browser
def test_exports_reuse_one_server(rendered):
    """Speed is measured by the benchmark, not here; this checks the server is kept."""
    to_png(savings_chart(), SLIDE)
    assert export._server_running
