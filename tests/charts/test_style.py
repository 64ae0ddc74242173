"""The briefing template: registered once, built on afcharts, readable and quiet."""

from __future__ import annotations

import ast
import pathlib

import plotly.express as px
import plotly.graph_objects as go
import plotly.io as pio
from afcharts.af_colours import get_af_colours

from charts import style

CHARTS_DIR = pathlib.Path(style.__file__).parent


def test_template_is_registered_under_one_name():
    assert style.TEMPLATE == "briefing_white"
    assert style.COMPOSED_FROM == "plotly_white+briefing"
    assert style.TEMPLATE_NAME in pio.templates


def test_register_is_idempotent_and_keeps_the_first_template():
    first = pio.templates[style.TEMPLATE_NAME]
    assert style.register() == style.TEMPLATE
    assert style.register() == style.TEMPLATE
    assert pio.templates[style.TEMPLATE_NAME] is first


def test_register_restores_a_removed_template():
    saved = pio.templates[style.TEMPLATE_NAME]
    del pio.templates[style.TEMPLATE_NAME]
    try:
        style.register()
        assert style.TEMPLATE_NAME in pio.templates
    finally:
        pio.templates[style.TEMPLATE_NAME] = saved


def test_register_can_make_it_the_default():
    before = pio.templates.default
    try:
        style.register(make_default=True)
        assert pio.templates.default == style.TEMPLATE
        assert go.Figure().layout.template.layout.colorway == style.PALETTE
    finally:
        pio.templates.default = before


def test_palettes_come_from_afcharts():
    assert list(style.PALETTE) == get_af_colours("categorical")
    assert list(style.SEQUENTIAL) == get_af_colours("sequential")[::-1]  # light (low) to dark
    assert set(style.SERVICE_COLOURS.values()) <= set(style.PALETTE)
    assert set(style.BASIS_COLOURS.values()) <= set(style.PALETTE) | set(style.FOCUS)


def test_service_and_basis_colours_cover_the_vocabularies_and_differ():
    assert set(style.SERVICE_COLOURS) == {"police", "fire", "ambulance", "other"}
    assert set(style.BASIS_COLOURS) == {"actual", "estimate", "target", "anecdotal", "context"}
    assert len(set(style.SERVICE_COLOURS.values())) == 4
    assert len(set(style.BASIS_COLOURS.values())) == 5


def test_unknown_service_types_share_the_other_colour():
    assert style.service_colour("fire") == style.SERVICE_COLOURS["fire"]
    assert style.service_colour("health") == style.SERVICE_COLOURS["other"]
    assert style.service_colour("local_authority") == style.SERVICE_COLOURS["other"]


def test_a_figure_using_the_template_carries_afcharts_colours_and_large_type():
    fig = px.bar(x=["a", "b"], y=[1, 2], template=style.TEMPLATE)
    layout = fig.layout.template.layout
    assert list(layout.colorway) == get_af_colours("categorical")
    assert fig.data[0].marker.color == get_af_colours("categorical")[0]
    assert layout.font.size >= 16
    assert layout.title.font.size >= 16
    assert layout.title.font.size > layout.font.size
    assert layout.title.font.weight == "bold"
    assert layout.xaxis.tickfont.size >= 16
    assert layout.legend.font.size >= 16
    assert "Arial" in layout.font.family


def test_title_is_left_aligned():
    title = go.Figure(layout={"template": style.TEMPLATE}).layout.template.layout.title
    assert (title.x, title.xanchor, title.xref) == (0, "left", "container")


def test_no_chart_junk():
    layout = go.Figure(layout={"template": style.TEMPLATE}).layout.template.layout
    assert layout.plot_bgcolor == "white"
    assert layout.paper_bgcolor == "white"
    assert layout.xaxis.showgrid is False
    assert layout.yaxis.gridwidth == 1
    assert layout.yaxis.gridcolor == style.GRID_COLOUR
    for axis in (layout.xaxis, layout.yaxis):
        assert axis.ticks == ""
        assert axis.showline is False


def test_footnote_type_is_still_readable():
    assert style.FOOTNOTE_SIZE >= 16
    assert style.SUBTITLE_SIZE >= style.FONT_SIZE >= 16


def test_charts_package_never_imports_streamlit():
    """Charts must work from a notebook: no Streamlit anywhere in charts/."""
    for path in CHARTS_DIR.glob("*.py"):
        tree = ast.parse(path.read_text())
        imported = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        } | {
            (node.module or "").split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
        }
        assert "streamlit" not in imported, path.name
