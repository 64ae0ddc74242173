"""The overview's three briefing charts: savings by theme, schemes by theme and status, and a
map of schemes by police force area.

Each builder takes a metric result (metrics.savings.savings_by, metrics.overview) and returns a
plotly figure in the house style, its title stating the finding computed from the data.

The map works offline: plotly's geo base layers (land, coastlines, countries) are fetched from
a CDN at draw time and, without a network, the whole chart fails to draw. So every base layer
is switched off and Great Britain is drawn from a small outline kept here (Natural Earth
1:110m, public domain), with the bubbles at ONS police force area centroids on top.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from charts.briefing import (
    DESIGN_HEIGHT,
    DESIGN_WIDTH,
    apply_briefing_layout,
    source_line,
    text_width_px,
    wrap_lines,
)
from charts.formatting import format_count, format_money, money_ticks
from charts.style import FONT_SIZE, FOOTNOTE_SIZE, PALETTE, TEXT_COLOUR

CENTROID_ATTRIBUTION = (
    "Force area centroids: ONS Open Geography (Dec 2016), OGL v3.0. "
    "Contains OS data © Crown copyright and database right 2016"
)
OUTLINE_ATTRIBUTION = "Coastline: Natural Earth (public domain)"

# Great Britain, Natural Earth 1:110m admin-0 (public domain), lon/lat.
GREAT_BRITAIN: tuple[tuple[float, float], ...] = (
    (-3.005, 58.635), (-4.074, 57.553), (-3.055, 57.690), (-1.959, 57.685), (-2.220, 56.870),
    (-3.119, 55.974), (-2.085, 55.910), (-2.006, 55.805), (-1.115, 54.625), (-0.430, 54.464),
    (0.185, 53.325), (0.470, 52.930), (1.682, 52.740), (1.560, 52.100), (1.051, 51.807),
    (1.450, 51.289), (0.550, 50.766), (-0.788, 50.775), (-2.490, 50.500), (-2.956, 50.697),
    (-3.617, 50.228), (-4.543, 50.342), (-5.245, 49.960), (-5.777, 50.160), (-4.310, 51.210),
    (-3.415, 51.426), (-3.423, 51.427), (-4.984, 51.593), (-5.267, 51.991), (-4.222, 52.301),
    (-4.770, 52.840), (-4.580, 53.495), (-3.094, 53.405), (-3.092, 53.404), (-2.945, 53.985),
    (-3.615, 54.601), (-3.630, 54.615), (-4.844, 54.791), (-5.083, 55.062), (-4.719, 55.508),
    (-5.048, 55.784), (-5.586, 55.311), (-5.645, 56.275), (-6.150, 56.785), (-5.787, 57.819),
    (-5.010, 58.630), (-4.211, 58.551), (-3.005, 58.635),
)  # fmt: skip
MAP_LAT_RANGE = (49.85, 55.85)
MAP_LON_RANGE = (-5.9, 2.0)
LAND_COLOUR = "#EFEFEF"
COAST_COLOUR = "#B1B4B6"
MAX_BUBBLE_PX = 44
LABELLED_FROM = 5
"""Bubbles for this many schemes or more are big enough to show their count inside."""
RANKED_AREAS = 5
MAX_NAMED_LEADERS = 3
"""A map title names at most this many force areas tied for the most schemes."""
"""How many force areas the list beside the map names."""
MAP_WIDTH = 0.42
"""Share of the plot area's width the map takes; the ranked list sits to its right."""

STATUS_COLOURS = {
    "live": PALETTE[0],
    "pilot": PALETTE[1],
    "planned": PALETTE[3],
    "completed": PALETTE[4],
}
QUOTED_COLOUR, PRUDENT_COLOUR = PALETTE[0], PALETTE[1]
LABEL_PX = 280
"""Theme labels wrap at this width so the bars keep room on a 900 px screen chart."""
TEXT_ROOM_PX, BAR_ROOM_PX, DESIGN_HEIGHT_SCREEN = 600, 70, 1000
"""Height of the texts round a screen chart, room per bar, and the most a screen chart takes."""
GAP_TEXT = "\u2002"
"""An en space between a bar's end and its label."""
LABEL_ROOM = 1.55
"""The money axis runs to this multiple of the largest bar, leaving room for its label."""


# --- shared texts ------------------------------------------------------------------------------


def money_total_text(lower: float, central: float, upper: float, upper_open: bool) -> str:
    """A total of quoted money in words, honest about its bounds.

    >>> money_total_text(2e6, 2e6, float("nan"), True)
    'at least £2m'
    >>> money_total_text(0, 1.49e6, 1.49e6, False)
    'up to £1.49m'
    >>> money_total_text(1e6, 1.5e6, 2e6, False)
    '£1.5m (£1m to £2m)'
    """
    if upper_open:
        if lower < central:
            return f"{format_money(central)} (at least {format_money(lower)})"
        return format_money(central, "at_least")
    if lower < central:
        if lower == 0 and upper == central:
            return format_money(central, "up_to")
        return f"{format_money(central)} ({format_money(lower)} to {format_money(upper)})"
    return format_money(central)


def fitted_height(n_bars: int) -> int:
    """A screen height that gives each bar room and no more: a one-theme chart stays short."""
    return min(DESIGN_HEIGHT_SCREEN, TEXT_ROOM_PX + BAR_ROOM_PX * max(n_bars, 1))


def for_screen(fig: go.Figure) -> go.Figure:
    """The figure as shown in the page: legend at the plot area's left edge.

    Streamlit stretches a chart to its column, wider than it was laid out; the briefing legend,
    placed left of the plot area in paper units, then reaches past the figure's edge and
    plotly widens the left margin, pushing the plot off the title's line. Exports lay the
    figure out again at their own size (charts.export), legend included. Modifies and
    returns `fig`.
    """
    return fig.update_layout(legend_x=0)


def subtitle_text(what: str, filters: Sequence[str] = (), when: str = "") -> str:
    """'<what>; documents of <when>; <filters>' (or 'all schemes'): the chart's subtitle."""
    parts = [what]
    if when:
        parts.append(f"documents of {when}")
    parts.append("filtered to " + "; ".join(filters) if filters else "all schemes")
    return "; ".join(parts)


def _with_map_attribution(sources: Sequence[str]) -> str:
    return source_line([*sources, CENTROID_ATTRIBUTION, OUTLINE_ATTRIBUTION])


# --- savings by theme --------------------------------------------------------------------------


def savings_by_theme_chart(
    by_theme: pd.DataFrame,
    *,
    sources: Sequence[str],
    filters: Sequence[str] = (),
    when: str = "",
    price_base: str = "cash terms",
    other_kinds_note: str = "",
    width: int = DESIGN_WIDTH,
    height: int | None = DESIGN_HEIGHT,
) -> go.Figure:
    """Recurring savings a year per theme: a bar as quoted, a diamond at the prudent value.

    `by_theme` is metrics.savings.savings_by(..., by="theme", kinds=["recurring"]). Themes
    that quote no recurring saving get no bar; a note names them, so none goes missing.
    `height=None` fits the height to the bars (for screens; exports use their own sizes).
    """
    every = by_theme[by_theme["kind"] == "recurring"]
    rows = every[every["n_figures"] > 0].sort_values(["central", "group"], ascending=[True, False])
    silent = every[every["n_figures"] == 0]
    labels = [
        _theme_label(r.group, f"({r.n_schemes} of {r.n_schemes_in_group})")
        for r in rows.itertuples(index=False)
    ]
    texts = [
        f"{money_total_text(r.lower, r.central, r.upper, r.upper_open)}<br>"
        f"prudent {format_money(r.prudent)}"
        for r in rows.itertuples(index=False)
    ]
    fig = go.Figure(
        [
            go.Bar(
                name="As quoted",
                y=labels,
                x=rows["central"],
                orientation="h",
                marker_color=QUOTED_COLOUR,
                customdata=rows["figure_ids"],
                hovertext=[t.replace("<br>", ", ") for t in texts],
                hovertemplate="%{y}<br>%{hovertext}<br>Figures: %{customdata}<extra></extra>",
            ),
            go.Scatter(
                name="Prudent (cut for strength of evidence)",
                y=labels,
                x=rows["prudent"],
                mode="markers",
                marker={
                    "symbol": "diamond",
                    "size": 16,
                    "color": PRUDENT_COLOUR,
                    "line": {"width": 1.5, "color": "white"},
                },
                hoverinfo="skip",
            ),
            # Value labels as text beside the bars, inside the plot area: never shrunk or hidden.
            go.Scatter(
                y=labels,
                x=rows["central"],
                mode="text",
                text=[GAP_TEXT + t.replace("<br>", "<br>" + GAP_TEXT) for t in texts],
                textposition="middle right",
                textfont={"size": FOOTNOTE_SIZE + 1, "color": TEXT_COLOUR},
                showlegend=False,
                hoverinfo="skip",
            ),
        ]
    )
    top = max(float(rows["central"].max()), 1.0) if len(rows) else 1.0
    fig.update_layout(bargap=0.35, showlegend=True)
    fig.update_xaxes(**money_ticks(top), range=[0, top * LABEL_ROOM], title_text=None)
    fig.update_yaxes(title_text=None, tickmode="array", tickvals=labels, ticktext=labels)
    n_figures, n_schemes = int(rows["n_figures"].sum()), int(rows["n_schemes"].sum())
    notes = [
        "(k of n): schemes quoting a recurring saving, of all in the theme; each fact counted "
        "once.",
        "Prudent: cut for strength of evidence (achieved 10%, estimated 25%, target or "
        "anecdotal 40%).",
    ]
    if len(silent):
        notes.append(
            "None quoted in: "
            + ", ".join(f"{r.group} ({r.n_schemes_in_group})" for r in silent.itertuples())
            + "."
        )
    if other_kinds_note:
        notes.append(other_kinds_note)
    return apply_briefing_layout(
        fig,
        title=_savings_title(rows, len(every)),
        subtitle=subtitle_text(
            f"Recurring savings a year quoted by collaboration schemes, by theme ({n_figures} "
            f"figures from {n_schemes} schemes), {price_base}",
            filters,
            when,
        ),
        source=source_line(sources),
        notes=notes,
        width=width,
        height=fitted_height(len(rows)) if height is None else height,
    )


def _theme_label(theme: str, count: str) -> str:
    """The theme wrapped to LABEL_PX, its count kept whole on the last line or the next."""
    lines = wrap_lines(theme, LABEL_PX, FONT_SIZE)
    if text_width_px(f"{lines[-1]} {count}", FONT_SIZE) <= LABEL_PX:
        lines[-1] = f"{lines[-1]} {count}"
    else:
        lines.append(count)
    return "<br>".join(lines)


def _savings_title(quoted: pd.DataFrame, n_themes: int) -> str:
    if quoted.empty:
        return "No scheme in this selection quotes a recurring saving"
    best = quoted.sort_values("central", ascending=False).iloc[0]
    amount = money_total_text(best.lower, best.central, best.upper, best.upper_open)
    if n_themes == 1:
        return f"{best.group} schemes quote {amount} a year of recurring savings"
    lead = f"{best.group} schemes quote the most recurring savings, {amount} a year"
    if len(quoted) == n_themes:
        return lead
    return f"{lead}; {len(quoted)} of {n_themes} themes quote any"


# --- schemes by theme and status ---------------------------------------------------------------


def schemes_by_theme_status_chart(
    by_status: pd.DataFrame,
    *,
    sources: Sequence[str],
    filters: Sequence[str] = (),
    when: str = "",
    width: int = DESIGN_WIDTH,
    height: int | None = DESIGN_HEIGHT,
) -> go.Figure:
    """Stacked horizontal bars: schemes per theme split by status, the total at each bar's end.

    `by_status` is metrics.overview.schemes_by_theme_status. `height=None` fits the height
    to the bars (for screens; exports use their own sizes).
    """
    ordered = by_status.sort_values("theme_rank", ascending=False)
    themes = list(dict.fromkeys(ordered["theme_label"]))
    traces: list[go.BaseTraceType] = []
    for status in dict.fromkeys(by_status["status"]):
        part = ordered[ordered["status"] == status]
        counts = part.set_index("theme_label").loc[themes]
        traces.append(
            go.Bar(
                name=str(counts["status_label"].iloc[0]),
                y=themes,
                x=counts["n_schemes"],
                orientation="h",
                marker_color=STATUS_COLOURS.get(str(status), PALETTE[5]),
                text=[format_count(n) if n else "" for n in counts["n_schemes"]],
                textposition="inside",
                insidetextanchor="middle",
                hovertemplate="%{y}<br>%{fullData.name}: %{x}<extra></extra>",
            )
        )
    totals = ordered.drop_duplicates("theme_label").set_index("theme_label").loc[themes]
    traces.append(
        go.Scatter(
            x=totals["theme_total"],
            y=themes,
            mode="text",
            text=[f"  {format_count(n)}" for n in totals["theme_total"]],
            textposition="middle right",
            textfont={"size": FONT_SIZE, "color": TEXT_COLOUR},
            cliponaxis=False,
            showlegend=False,
            hoverinfo="skip",
        )
    )
    fig = go.Figure(traces)
    top = float(totals["theme_total"].max()) if len(totals) else 1.0
    fig.update_layout(barmode="stack", bargap=0.3, legend_traceorder="normal")
    fig.update_xaxes(range=[0, top * 1.12], title_text="Number of schemes")
    # Every theme keeps its label at small sizes (plotly would skip every other one).
    fig.update_yaxes(tickmode="array", tickvals=themes, ticktext=themes)
    return apply_briefing_layout(
        fig,
        title=_status_title(by_status),
        subtitle=subtitle_text(
            "Collaboration schemes between police, fire and rescue and ambulance services, "
            "by theme and status, England and Wales",
            filters,
            when,
        ),
        source=source_line(sources),
        notes=[
            "Each scheme has one theme; status as its document describes it ('planned' includes "
            "proposed schemes)."
        ],
        width=width,
        height=fitted_height(len(themes)) if height is None else height,
    )


def _status_title(by_status: pd.DataFrame) -> str:
    if by_status.empty or by_status["n_schemes"].sum() == 0:
        return "No scheme matches this selection"
    total = int(by_status["n_schemes"].sum())
    top = by_status[by_status["theme_rank"] == 1]
    live = int(by_status.loc[by_status["status"] == "live", "n_schemes"].sum())
    name = str(top["theme_label"].iloc[0])
    if by_status["theme"].nunique() == 1:
        noun = "scheme" if total == 1 else "schemes"
        share = "none" if live == 0 else "all" if live == total else f"{live} of them"
        return f"{name}: {total} {noun}, {share} live"
    lead = f"{name} has the most schemes: {int(top['theme_total'].iloc[0])} of {total}"
    return f"{lead}; {live} of the {total} are live"


# --- map of schemes by police force area -------------------------------------------------------


def schemes_map_chart(
    by_area: pd.DataFrame,
    *,
    n_unmapped: int,
    sources: Sequence[str],
    filters: Sequence[str] = (),
    when: str = "",
    width: int = DESIGN_WIDTH,
    height: int = DESIGN_HEIGHT,
) -> go.Figure:
    """Bubbles at police force area centroids sized by the number of schemes placed there.

    `by_area` is metrics.overview.map_table. Force areas with no scheme get no bubble and are
    named in a note; `n_unmapped` national schemes are said in the subtitle.
    """
    placed = by_area[by_area["n_schemes"] > 0]
    empty = by_area[by_area["n_schemes"] == 0]
    largest = float(placed["n_schemes"].max()) if len(placed) else 1.0
    sizeref = 2.0 * largest / MAX_BUBBLE_PX**2
    fig = go.Figure([*_outline_traces()])
    fig.add_trace(
        go.Scattergeo(
            lon=placed["lon"],
            lat=placed["lat"],
            mode="markers+text",
            text=[format_count(n) if n >= LABELLED_FROM else "" for n in placed["n_schemes"]],
            textposition="middle center",
            textfont={"size": FONT_SIZE - 2, "color": "white"},
            marker={
                "size": placed["n_schemes"],
                "sizemode": "area",
                "sizeref": sizeref,
                "sizemin": 4,
                "color": PALETTE[0],
                "opacity": 0.75,
                "line": {"width": 1, "color": "white"},
            },
            customdata=placed[["force_area", "n_schemes", "n_direct", "n_wider"]].to_numpy(),
            hovertemplate=(
                "<b>%{customdata[0]}</b><br>%{customdata[1]} schemes "
                "(%{customdata[2]} named here, %{customdata[3]} through a wider area)"
                "<extra></extra>"
            ),
            showlegend=False,
            name="Schemes",
        )
    )
    fig.add_annotation(_ranking(placed))
    fig.update_geos(
        domain={"x": [0, MAP_WIDTH], "y": [0, 1]},
        projection_type="mercator",
        lataxis_range=list(MAP_LAT_RANGE),
        lonaxis_range=list(MAP_LON_RANGE),
        visible=False,
        showland=False,
        showocean=False,
        showlakes=False,
        showrivers=False,
        showcountries=False,
        showcoastlines=False,
        showsubunits=False,
        showframe=False,
        bgcolor="white",
    )
    none_here = (
        " No scheme in " + ", ".join(sorted(empty["force_area"])) + "." if len(empty) else ""
    )
    notes = [
        "A scheme in a multi-force area (e.g. London) or a region counts in each of its force "
        "areas, a scheme in a town in that town's force area." + none_here,
        "Counts show where the documents describe schemes (an area may have a report of its "
        "own), not how much collaboration there is.",
    ]
    national = (
        f"; {n_unmapped} national scheme{'s' if n_unmapped != 1 else ''} not mapped"
        if n_unmapped
        else ""
    )
    return apply_briefing_layout(
        fig,
        title=_map_title(placed, len(by_area)),
        subtitle=subtitle_text(
            f"Schemes per police force area, England and Wales (bubble area = schemes){national}",
            filters,
            when,
        ),
        source=_with_map_attribution(sources),
        notes=notes,
        width=width,
        height=height,
    )


def _outline_traces() -> list[go.Scattergeo]:
    """Filled land shapes drawn from the outline above: no base map is fetched."""
    return [
        go.Scattergeo(
            lon=[lon for lon, _ in shape],
            lat=[lat for _, lat in shape],
            mode="lines",
            fill="toself",
            fillcolor=LAND_COLOUR,
            line={"color": COAST_COLOUR, "width": 1},
            hoverinfo="skip",
            showlegend=False,
            name=name,
        )
        for name, shape in (("Great Britain", GREAT_BRITAIN),)
    ]


def _ranking(placed: pd.DataFrame) -> dict[str, object]:
    """The force areas with most schemes as a list beside the map, so a pasted image names them."""
    top = placed.head(RANKED_AREAS)
    lines = [
        f"{area.force_area}: {format_count(area.n_schemes)}" for area in top.itertuples(index=False)
    ]
    more = len(placed) - len(top)
    if more > 0:
        lines.append(f"… {more} more force areas")
    return {
        "text": "<b>Most schemes</b><br>" + "<br>".join(html.escape(line) for line in lines),
        "xref": "paper",
        "yref": "paper",
        "x": MAP_WIDTH + 0.04,
        "y": 0.95,
        "xanchor": "left",
        "yanchor": "top",
        "align": "left",
        "showarrow": False,
        "font": {"size": FOOTNOTE_SIZE, "color": TEXT_COLOUR},
    }


def _map_title(placed: pd.DataFrame, n_areas: int) -> str:
    if placed.empty:
        return "No scheme in this selection is placed in a police force area"
    most = int(placed["n_schemes"].max())
    leaders = placed.loc[placed["n_schemes"] == most, "force_area"].tolist()
    reach = f"schemes reach {len(placed)} of {n_areas} force areas"
    if len(leaders) > MAX_NAMED_LEADERS:
        return f"{len(leaders)} force areas tie for the most schemes ({most} each); {reach}"
    who = leaders[0] if len(leaders) == 1 else " and ".join([", ".join(leaders[:-1]), leaders[-1]])
    verb = "has" if len(leaders) == 1 else "each have"
    return f"{who} {verb} the most schemes ({most}); {reach}"
