"""The house look: one plotly template, "briefing", used as "plotly_white+briefing".

It is the UK Government Analysis Function template from `afcharts` (colour-blind-safe palette,
AF colour guidance) with what a chart pasted into a ministerial briefing also needs: type large
enough to read at 1600x900, Arial (or its metric twin Liberation Sans), a left-aligned bold title,
white background, faint value gridlines only and no tick marks. Chart builders never hard-code
colours or fonts: they use the template and the colour maps below.
"""

from __future__ import annotations

import threading
from types import MappingProxyType

import afcharts.pio_template  # noqa: F401  (registers afcharts' "afcharts" plotly template)
import plotly.graph_objects as go
import plotly.io as pio
from afcharts.af_colours import get_af_colours

TEMPLATE_NAME = "briefing"
# "plotly_white+briefing", merged once at registration and kept under one name: plotly merges a
# "+"-composed name on every use (~0.7 s a figure), a registered name costs ~0.06 s.
COMPOSED_FROM = f"plotly_white+{TEMPLATE_NAME}"
TEMPLATE = "briefing_white"
SOURCE_PREFIX = "Source: "

# Colours, all from afcharts (Analysis Function palettes).
PALETTE: tuple[str, ...] = tuple(get_af_colours("categorical"))
"""Categorical colours in the AF order: use them in this order, at most six in one chart."""
SEQUENTIAL: tuple[str, ...] = tuple(reversed(get_af_colours("sequential")))
"""Light to dark, so low values are light and high values dark (plotly colour-scale order)."""
FOCUS: tuple[str, ...] = tuple(get_af_colours("focus"))
"""Highlight colour then the grey for everything else."""

_DARK_BLUE, _TURQUOISE, _DARK_PINK, _ORANGE, _DARK_GREY, _LIGHT_PURPLE = PALETTE
_FOCUS_GREY = FOCUS[1]

SERVICE_COLOURS = MappingProxyType(
    {"police": _DARK_BLUE, "fire": _ORANGE, "ambulance": _TURQUOISE, "other": _DARK_GREY}
)
BASIS_COLOURS = MappingProxyType(
    {
        "actual": _DARK_BLUE,
        "estimate": _TURQUOISE,
        "target": _ORANGE,
        "anecdotal": _LIGHT_PURPLE,
        "context": _FOCUS_GREY,
    }
)

# Type, in px at the 1600x900 design size.
FONT_FAMILY = 'Arial, "Liberation Sans", Helvetica, sans-serif'
FONT_SIZE = 20
TITLE_SIZE = 32
SUBTITLE_SIZE = 22
FOOTNOTE_SIZE = 17
TEXT_COLOUR = "#0B0C0C"
SECONDARY_TEXT_COLOUR = "#505A5F"
GRID_COLOUR = "#E1E1E1"
ZERO_LINE_COLOUR = "#8C8C8C"
EDGE_PAD = 28
"""Blank border (px) kept round the whole figure."""

_REGISTER_LOCK = threading.Lock()


def service_colour(service_type: str) -> str:
    """Colour of a service type; health, local authority and the rest share 'other'."""
    return SERVICE_COLOURS.get(service_type, SERVICE_COLOURS["other"])


def _axis_style() -> dict:
    """Quiet axes: no line, no tick marks, faint grid, visible zero line, readable labels."""
    return {
        "automargin": True,
        "showline": False,
        "ticks": "",
        "ticklabelstandoff": 6,
        "showgrid": True,
        "gridcolor": GRID_COLOUR,
        "gridwidth": 1,
        "zeroline": True,
        "zerolinecolor": ZERO_LINE_COLOUR,
        "zerolinewidth": 1,
        "tickfont": {"size": FONT_SIZE, "color": TEXT_COLOUR},
        "title": {"font": {"size": FONT_SIZE, "color": TEXT_COLOUR}, "standoff": 12},
    }


def _layout_overrides() -> dict:
    """What the briefing look changes in afcharts' layout."""
    return {
        "font": {"family": FONT_FAMILY, "size": FONT_SIZE, "color": TEXT_COLOUR},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "colorway": list(PALETTE),
        "colorscale": {"sequential": list(SEQUENTIAL)},
        "title": {
            "font": {"size": TITLE_SIZE, "color": TEXT_COLOUR, "weight": "bold"},
            "x": 0,
            "xref": "container",
            "xanchor": "left",
            "pad": {"l": EDGE_PAD},
        },
        "legend": {
            "orientation": "h",
            "font": {"size": FONT_SIZE},
            "xref": "container",
            "yref": "paper",
            "x": 0,
            "xanchor": "left",
            "y": 1,
            "yanchor": "bottom",
            "itemclick": "toggle",
        },
        "annotationdefaults": {"font": {"size": FONT_SIZE}, "showarrow": False},
        "hovermode": "closest",
        "hoverlabel": {"font": {"size": 16, "family": FONT_FAMILY}},
        "uniformtext": {"minsize": 14, "mode": "hide"},
        "margin": {"l": EDGE_PAD, "r": EDGE_PAD, "t": EDGE_PAD, "b": EDGE_PAD, "pad": 0},
        "xaxis": {**_axis_style(), "showgrid": False},
        "yaxis": _axis_style(),
    }


def build_template() -> go.layout.Template:
    """A fresh copy of afcharts' template with the briefing overrides applied."""
    template = go.layout.Template(pio.templates["afcharts"])
    template.layout.update(_layout_overrides())
    template.data.bar = [go.Bar(marker={"line": {"width": 0}}, textfont={"size": FONT_SIZE})]
    return template


def register(*, make_default: bool = False) -> str:
    """Register the "briefing" template (once) and return the name to use: TEMPLATE.

    Safe to call any number of times and from several Streamlit threads.
    """
    with _REGISTER_LOCK:
        if TEMPLATE_NAME not in pio.templates:
            pio.templates[TEMPLATE_NAME] = build_template()
        if TEMPLATE not in pio.templates:
            pio.templates[TEMPLATE] = pio.templates[COMPOSED_FROM]
        if make_default:
            pio.templates.default = TEMPLATE
    return TEMPLATE


# Registered on import so `template=TEMPLATE` works as soon as this module is imported.
register()
