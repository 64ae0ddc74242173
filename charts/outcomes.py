"""Co-responding and demand-management charts for briefings, and the tables behind them.

Inputs are the tables from metrics.outcomes and metrics.demand. Each chart's title states the
finding worked out from those rows, its subtitle says what is measured and which filters apply,
and its notes carry the caveats (different comparator groups, periods and denominators,
self-reported figures, flags from the data). Two sets of caveats: `*_chart_notes` are short
enough to stay legible in a document-sized export; `*_notes` are the full caveats a page writes
out beside the chart. `display_table` builds the table behind each chart. Every number is
written by charts.formatting.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from charts.briefing import (
    apply_briefing_layout,
    note_lines,
    source_line,
    text_width_px,
    wrap_lines,
)
from charts.formatting import (
    MISSING,
    format_count,
    format_duration,
    format_percent,
    format_value,
    is_missing,
)
from charts.style import (
    BASIS_COLOURS,
    EDGE_PAD,
    FONT_SIZE,
    FOOTNOTE_SIZE,
    PALETTE,
    SUBTITLE_SIZE,
    TEXT_COLOUR,
    TITLE_SIZE,
)
from metrics.evidence import GRADES
from metrics.outcomes import EIGHT_MINUTES_S, STANDARD_SHARE

SCREEN_WIDTH = 1140
"""Layout width for the page: a chart's column beside the sidebar in a 1600 px window. Streamlit
stretches a chart to its column but keeps the texts wrapped for the layout width; downloads are
laid out again at their own sizes (charts.export presets)."""
LABEL_SHARE = 0.32
"""Category labels (scheme names, patient groups) are wrapped to this share of the width."""
LABEL_LINES = 2
"""Category labels longer than this many lines are cut at a word with '…'."""
ROW_PX = 80
"""Least height of a bar or dot row when a chart sizes itself to its rows."""
REFERENCE_DASH = "dash"
DIRECTION_COLOURS = {
    "improved": PALETTE[0],
    "worsened": PALETTE[3],
    "unchanged": PALETTE[4],
    "no preferred direction": PALETTE[4],
}
MEASURE_SYMBOLS = ("circle", "diamond", "square", "triangle-up")
FLAG_WORDS = {
    "conflict": "documents give different numbers",
    "suspected_typo": "suspected typo in the source",
    "ambiguous_scope": "scope unclear in the source",
    "ambiguous_period": "period unclear in the source",
    "missing_unit": "unit missing in the source",
    "override": "read with a documented override",
}
MEASURE_NOUNS = {
    "incidents_attended": "incidents or calls attended",
    "calls_handled": "calls or requests handled",
    "deployments": "deployments",
    "rosc_cases": "patients with ROSC",
    "forced_entry_requests": "forced entry requests",
    "conveyances": "conveyances to hospital",
    "people_helped": "people helped",
    "count_other": "counted events",
}
"""What a volume counts, as a title says it ('852 deployments a year')."""
SELF_REPORTED = "All figures are self-reported by the services and not independently audited."


# --- words and numbers ------------------------------------------------------------------------


def _qualifier(value: object) -> str | None:
    return None if is_missing(value) or value == "exact" else str(value)


def figure_text(
    value: float,
    unit: str,
    qualifier: object = None,
    low: float | None = None,
    high: float | None = None,
) -> str:
    """A figure as the house writes it; a range shows both ends ('2%–8%').

    >>> figure_text(526, "seconds"), figure_text(90, "percent", "up_to")
    ('8 min 46 s', 'up to 90%')
    >>> figure_text(5, "percent", "range", 2, 8)
    '2%–8%'
    """
    qualifier = _qualifier(qualifier)
    if qualifier == "range":
        return f"{format_value(low, unit)}–{format_value(high, unit)}"
    return format_value(value, unit, qualifier)


def _round_sig(value: float, sig: int = 3) -> float:
    """Derived rates to 3 significant figures: 6,690.6 a year claims no more than 6,690."""
    if value == 0 or is_missing(value):
        return value
    return round(value, sig - 1 - int(math.floor(math.log10(abs(value)))))


def rate_text(value: float, qualifier: object = None) -> str:
    """A per-year count, rounded to 3 significant figures: 'about 4,000', '852'."""
    if is_missing(value):
        return MISSING
    return format_count(_round_sig(float(value)), _qualifier(qualifier))


def hours_text(hours: float) -> str:
    """'138 h', '331 h'."""
    return MISSING if is_missing(hours) else format_duration(float(hours) * 3600)


def plot_px(fig: go.Figure) -> float:
    """Room the category rows need: each row its label's lines plus a gap, ROW_PX at least."""
    labels = dict.fromkeys(str(v) for t in fig.data if t.y is not None for v in t.y)
    rows = [max(ROW_PX, (label.count("<br>") + 2) * FONT_SIZE * 1.3) for label in labels]
    return max(320.0, sum(rows))


def fitted_height(fig: go.Figure, texts: dict[str, object], width: int) -> int:
    """A height that gives the plot the room its rows need once the title, subtitle, legend,
    axis, source and notes have theirs, so long notes never squash the plot."""
    text_px = width - 2 * EDGE_PAD

    def block(text: str, size: int, bold: bool = False) -> float:
        return len(wrap_lines(text, text_px, size, bold)) * size * 1.3 if text else 0.0

    footer = "\n".join([str(texts["source"]), *note_lines(list(texts["notes"]))])
    fixed = (
        2 * EDGE_PAD
        + block(str(texts["title"]), TITLE_SIZE, bold=True)
        + block(str(texts["subtitle"]), SUBTITLE_SIZE)
        + block(footer, FOOTNOTE_SIZE)
        + 48  # legend row
        + 80  # axis labels and title
        + 40  # gaps between blocks
    )
    return int(min(1800, fixed + plot_px(fig)))


def _layout(
    fig: go.Figure,
    *,
    width: int,
    height: int | None,
    title: str,
    subtitle: str,
    source: str,
    notes: Sequence[str],
) -> go.Figure:
    """apply_briefing_layout at the page's width, tall enough for the rows and the notes."""
    texts = {"title": title, "subtitle": subtitle, "source": source, "notes": notes}
    chosen = height or fitted_height(fig, texts, width)
    return apply_briefing_layout(fig, width=width, height=chosen, **texts)


def _briefing(
    fig: go.Figure,
    drawn: pd.DataFrame,
    *,
    title: str,
    what: str,
    filters: Sequence[str],
    source: Source,
    notes: Sequence[str],
    width: int,
    height: int | None,
) -> go.Figure:
    """_layout with the subtitle saying what is measured under which filters, and the source
    line naming the documents of the rows drawn."""
    return _layout(
        fig,
        width=width,
        height=height,
        title=title,
        subtitle=_subtitle(what, filters),
        source=chart_source(source, drawn),
        notes=notes,
    )


def _label_px(width: int) -> float:
    return LABEL_SHARE * width


def _wrapped(text: str, width: float, max_lines: int | None = None) -> str:
    """Text wrapped to width for plotly (escaped, <br>-joined); past max_lines it is cut at a
    word with '…', since a label taller than its row overlaps the next (the table and the
    hover text keep the full words)."""
    lines = wrap_lines(str(text), width, FONT_SIZE, break_words=False)
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        words = lines[-1].split()
        while len(words) > 1 and text_width_px(" ".join(words) + " …", FONT_SIZE) > width:
            words.pop()
        lines[-1] = " ".join(words).rstrip(",;:") + " …"
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def _hover(row: pd.Series, shown: str) -> str:
    """Hover text: the figure, its verbatim quote and where it is from (escaped)."""
    parts = [
        str(row["label"]),
        shown,
        f"Quote: “{row['quote']}”",
        f"{row['source']}, {row['locator']}",
    ]
    lines = [_wrapped(part, 560) for part in parts]
    lines[0] = f"<b>{lines[0]}</b>"
    return "<br>".join(lines)


Source = str | Mapping[str, str]
"""A ready source line, or document titles by source_id (the chart names those it draws)."""


def chart_source(source: Source, drawn: pd.DataFrame) -> str:
    """The source line for the rows a chart draws."""
    if isinstance(source, str):
        return source
    return source_line(source.get(s, s) for s in sorted(set(drawn["source_id"])))


def _subtitle(what: str, filters: Sequence[str]) -> str:
    where = "; ".join(filters) if filters else "all schemes, no filters"
    return f"{what}; {where}"


def _count_words(k: int, n: int) -> str:
    if n == 2 and k == 2:
        return "Both"
    if k == n:
        return f"All {n}"
    return f"{k} of {n}"


def _places(rows: pd.DataFrame) -> str:
    """'London', 'London and Surrey', 'London, Surrey and Essex'."""
    names = list(dict.fromkeys(rows["area"].astype(str)))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def flag_note(rows: pd.DataFrame) -> str | None:
    """One line naming the rows the data flag, and why: 'Flagged in the data: ...'."""
    parts = []
    for _, row in rows.iterrows():
        words = [FLAG_WORDS[f] for f in str(row["flags"]).split(";") if f in FLAG_WORDS]
        if words:
            parts.append(f"{row['label']} ({', '.join(words)})")
    if not parts:
        return None
    return "Flagged in the data, see the table: " + "; ".join(parts) + "."


def short_flag_note(rows: pd.DataFrame) -> str | None:
    """'Flagged in the data (see the table): Surrey, documents give different numbers.'"""
    parts = []
    for _, row in rows.iterrows():
        words = [FLAG_WORDS[f] for f in str(row["flags"]).split(";") if f in FLAG_WORDS]
        if words:
            parts.append(f"{row['area']}, {' and '.join(dict.fromkeys(words))}")
    if not parts:
        return None
    return "Flagged in the data (see the table): " + "; ".join(dict.fromkeys(parts)) + "."


def data_notes(rows: pd.DataFrame) -> list[str]:
    """The curators' notes on flagged rows, each sentence once (they explain the flags)."""
    flagged = rows[rows["flags"].astype(str).str.len() > 0]
    sentences: dict[str, None] = {}
    for note in flagged["notes"].dropna():
        for sentence in str(note).replace(". ", ".\n").splitlines():
            if sentence.strip():
                sentences[sentence.strip()] = None
    return list(sentences)


def _restated_note(rows: pd.DataFrame) -> str | None:
    restated = rows[rows["also_stated_in"].astype(str).str.len() > 0]
    if restated.empty:
        return None
    differs = restated["also_stated_in"].str.contains("differs")
    tail = f", {int(differs.sum())} with a different number" if differs.any() else ""
    verb = "is" if len(restated) == 1 else "are"
    return (
        f"{len(restated)} of these figures {verb} also stated in another document{tail}; "
        "each is counted once (the National Overview's wording), the others are in the table."
    )


def _notes(*parts: str | None | Sequence[str | None]) -> list[str]:
    notes: list[str | None] = []
    for part in parts:
        if part is None:
            continue
        notes.extend([part] if isinstance(part, str) else part)
    return [n for n in notes if n]


def _provenance(rows: pd.DataFrame) -> list[str | None]:
    """The closing caveats most tables carry: flags in the data, restatements, self-reporting."""
    return [flag_note(rows), _restated_note(rows), SELF_REPORTED]


def _unstated_periods(rows: pd.DataFrame) -> str | None:
    """'None of the 2 figures states its period.' / '1 of 3 figures does not ...'."""
    unstated = int(rows["period"].isna().sum())
    if not unstated:
        return None
    if unstated == len(rows):
        if unstated == 1:
            return "The figure does not state its period."
        return f"None of the {len(rows)} figures states its period."
    verb = "does" if unstated == 1 else "do"
    return f"{unstated} of {len(rows)} figures {verb} not state their period."


def _evidence_name(basis: str) -> str:
    return GRADES[basis].label if basis in GRADES else str(basis)


# --- a horizontal bar chart, one bar per row, coloured by strength of evidence ------------------


def _bars(
    rows: pd.DataFrame,
    values: pd.Series,
    texts: Sequence[str],
    *,
    colour_by: str = "basis",
    names: Callable[[str], str] = _evidence_name,
    width: int = SCREEN_WIDTH,
) -> go.Figure:
    """Bars in the rows' order (top to bottom), one trace per colour group so the legend
    says what the colours mean."""
    fig = go.Figure()
    data = rows.assign(
        _value=values.to_numpy(),
        _text=list(texts),
        _y=_distinct([_wrapped(label, _label_px(width), LABEL_LINES) for label in rows["label"]]),
    )
    data["_hover"] = [_hover(r, t) for (_, r), t in zip(data.iterrows(), texts, strict=True)]
    groups = list(dict.fromkeys(data[colour_by]))
    if colour_by == "basis":
        groups.sort(key=lambda b: list(GRADES).index(b) if b in GRADES else len(GRADES))
    colours = _colour_map(colour_by, groups)
    for group in groups:
        part = data[data[colour_by] == group]
        fig.add_trace(
            go.Bar(
                x=part["_value"],
                y=part["_y"],
                orientation="h",
                name=names(group),
                marker_color=colours[group],
                text=part["_text"],
                textposition="outside",
                cliponaxis=False,
                hovertext=part["_hover"],
                hoverinfo="text",
            )
        )
    fig.update_yaxes(
        categoryorder="array", categoryarray=list(data["_y"]), autorange="reversed", title=None
    )
    fig.update_layout(barmode="overlay", bargap=0.35, showlegend=len(groups) > 1)
    return fig


def _distinct(labels: list[str]) -> list[str]:
    """Category labels made unique with invisible zero-width spaces, so two rows whose labels
    read the same (or were cut to the same words) still get a bar each."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, -1) + 1
        out.append(label + "\u200b" * seen[label])
    return out


def _colour_map(colour_by: str, groups: list[str]) -> dict[str, str]:
    if colour_by == "basis":
        return {g: BASIS_COLOURS.get(g, PALETTE[4]) for g in groups}
    return {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(groups)}


def _reference_line(fig: go.Figure, x: float, text: str) -> None:
    """A dashed vertical line with its label just inside the top of the plot."""
    fig.add_vline(x=x, line_dash=REFERENCE_DASH, line_color=TEXT_COLOUR, line_width=2)
    fig.add_annotation(
        x=x,
        y=1,
        xref="x",
        yref="paper",
        xanchor="left",
        yanchor="bottom",
        xshift=6,
        showarrow=False,
        text=html.escape(text, quote=False),
        font={"size": FOOTNOTE_SIZE, "color": TEXT_COLOUR},
    )


def _duration_ticks(top: float) -> dict:
    step = next((s for s in (60, 120, 300, 600, 1800) if top / s <= 6), 3600)
    values = [i * step for i in range(int(top // step) + 1)]
    return {
        "tickmode": "array",
        "tickvals": values,
        "ticktext": [format_duration(v) if v else "0" for v in values],
    }


def _percent_axis(fig: go.Figure, title: str) -> None:
    values = list(range(0, 101, 20))
    fig.update_xaxes(
        range=[0, 112],
        tickmode="array",
        tickvals=values,
        ticktext=[format_percent(v) for v in values],
        title=title,
    )


def _percent_bars(rows: pd.DataFrame, axis_title: str, width: int) -> go.Figure:
    """Bars of percentage figures (as quoted, 'up to' kept) on a 0-100% axis."""
    texts = [figure_text(r["value"], "percent", r["qualifier"]) for _, r in rows.iterrows()]
    fig = _bars(rows, rows["value"], texts, width=width)
    _percent_axis(fig, axis_title)
    return fig


def _require(rows: pd.DataFrame, what: str) -> None:
    if rows.empty:
        raise ValueError(f"No {what} to chart.")


# --- response times ---------------------------------------------------------------------------


def response_title(times: pd.DataFrame, standard_s: float = EIGHT_MINUTES_S) -> str:
    """'1 of 2 reported average times is within 8 minutes; the fastest, 5 min, is in London'."""
    times = times[times["measure"] == "response_time"]
    fastest = times.loc[times["value"].idxmin()]
    fast = figure_text(fastest["value"], "seconds", fastest["qualifier"])
    minutes = format_duration(standard_s)
    if len(times) == 1:
        gap = abs(fastest["value"] - standard_s)
        side = "under" if fastest["value"] <= standard_s else "over"
        return (
            f"{fastest['area']}'s reported average time is {fast}, "
            f"{format_duration(gap)} {side} the {minutes} standard"
        )
    within = int(times["within_standard"].astype(bool).sum())
    verb = "is" if within == 1 else "are"
    return (
        f"{_count_words(within, len(times))} reported average times {verb} within {minutes}; "
        f"the fastest, {fast}, is in {fastest['area']}"
    )


def response_notes(times: pd.DataFrame) -> list[str]:
    """Caveats for the response-time chart and table."""
    periods = "; ".join(
        f"{r['label']}: {r['period'] if not is_missing(r['period']) else 'period not stated'}"
        for _, r in times.iterrows()
    )
    saved = (times["measure"] == "time_saved").sum()
    return _notes(
        "Each time is an average its scheme reported for its own kind of call and period "
        f"({periods}); they are not comparable across areas without caution.",
        "The 8-minute standard is the ambulance target for the most urgent calls; it is drawn "
        "for reference, and other services' attendance times are not bound by it.",
        f"{saved} time-saved figures are in the table, not drawn." if saved else None,
        _provenance(times),
    )


def response_chart_notes(times: pd.DataFrame) -> list[str]:
    """The caveats a pasted chart must carry, short enough for a document-sized export."""
    return _notes(
        "Self-reported averages for different kinds of call and period; not comparable across "
        "areas without caution. The 8-minute standard is the ambulance target for the most "
        "urgent calls, drawn for reference only.",
        short_flag_note(times[times["measure"] == "response_time"]),
    )


def response_time_chart(
    times: pd.DataFrame,
    *,
    source: Source,
    filters: Sequence[str] = (),
    standard_s: float = EIGHT_MINUTES_S,
    width: int = SCREEN_WIDTH,
    height: int | None = None,
) -> go.Figure:
    """Average response or attendance times as bars against a dashed 8-minute line."""
    drawn = times[times["measure"] == "response_time"]
    _require(drawn, "response times")
    texts = [figure_text(r["value"], "seconds", r["qualifier"]) for _, r in drawn.iterrows()]
    fig = _bars(drawn, drawn["value"], texts, width=width)
    top = max(float(drawn["value"].max()), standard_s) * 1.2
    fig.update_xaxes(range=[0, top], title="Average time to arrive", **_duration_ticks(top))
    _reference_line(fig, standard_s, f"{format_duration(standard_s)} standard")
    return _briefing(
        fig,
        drawn,
        title=response_title(times, standard_s),
        what="Average response or attendance time as each scheme reported it, against the "
        "8-minute ambulance standard (dashed)",
        filters=filters,
        source=source,
        notes=response_chart_notes(times),
        width=width,
        height=height,
    )


# --- attainment of the 8-minute standard -------------------------------------------------------


def attainment_title(attainment: pd.DataFrame, standard: float = STANDARD_SHARE) -> str:
    """How many measured shares reach the 75% standard, and the highest."""
    measured = attainment[attainment["basis"] == "actual"]
    pool = measured if len(measured) else attainment
    kind = "measured" if len(measured) else "reported"
    best = pool.iloc[0]
    best_text = figure_text(best["value"], "percent", best["qualifier"])
    meets = int(pool["meets_standard"].astype(bool).sum())
    if len(pool) == 1:
        gap = best["value"] - standard
        side = "above" if gap >= 0 else "below"
        points = format_percent(abs(gap))[:-1]
        return (
            f"{best['area']}: {best_text} of incidents reached within 8 minutes, "
            f"{points} points {side} the {format_percent(standard)} standard"
        )
    verb = "reaches" if meets == 1 else "reach"
    return (
        f"{_count_words(meets, len(pool))} {kind} figures {verb} the {format_percent(standard)} "
        f"standard for 8-minute responses; the highest is {best['area']}, {best_text}"
    )


def attainment_notes(attainment: pd.DataFrame) -> list[str]:
    """Caveats for the 8-minute attainment chart and table."""
    peaks = attainment[attainment["qualifier"] == "up_to"]
    return _notes(
        "Each share is of the scheme's own incidents (e.g. co-responder calls, or police-"
        "requested calls), not of all ambulance calls in the area.",
        f"'Up to' figures ({', '.join(peaks['area'])}) are best periods, not averages."
        if len(peaks)
        else None,
        "Targets are shown in their own colour: they are aims, not results."
        if (attainment["basis"] == "target").any()
        else None,
        flag_note(attainment),
        SELF_REPORTED,
    )


def attainment_chart_notes(attainment: pd.DataFrame) -> list[str]:
    peaks = (
        "; 'up to' marks a best period, not an average"
        if (attainment["qualifier"] == "up_to").any()
        else ""
    )
    aims = " Targets are aims, not results." if (attainment["basis"] == "target").any() else ""
    return _notes(
        f"Self-reported shares of each scheme's own incidents{peaks}.{aims}",
        short_flag_note(attainment),
    )


def attainment_chart(
    attainment: pd.DataFrame,
    *,
    source: Source,
    filters: Sequence[str] = (),
    standard: float = STANDARD_SHARE,
    width: int = SCREEN_WIDTH,
    height: int | None = None,
) -> go.Figure:
    """Share of incidents reached within 8 minutes, against the dashed 75% standard."""
    _require(attainment, "8-minute attainment figures")
    fig = _percent_bars(attainment, "Share of incidents reached within 8 minutes", width)
    _reference_line(fig, standard, f"{format_percent(standard)} standard")
    return _briefing(
        fig,
        attainment,
        title=attainment_title(attainment, standard),
        what="Share of incidents reached within 8 minutes, as each scheme reported it, against "
        "the national 75% standard (dashed)",
        filters=filters,
        source=source,
        notes=attainment_chart_notes(attainment),
        width=width,
        height=height,
    )


# --- first on scene ----------------------------------------------------------------------------


def first_on_scene_title(rows: pd.DataFrame) -> str:
    top, low = rows.iloc[0], rows.iloc[-1]
    top_text = figure_text(top["value"], "percent", top["qualifier"])
    if len(rows) == 1:
        return (
            f"In {top['area']}, the co-responder arrived before the ambulance in {top_text} "
            "of cases"
        )
    low_text = figure_text(low["value"], "percent", low["qualifier"])
    return (
        f"Co-responders arrived before the ambulance in {low_text} to {top_text} of cases; "
        f"most often in {top['area']}"
    )


def first_on_scene_notes(rows: pd.DataFrame) -> list[str]:
    return _notes(
        "Each share is of the scheme's own co-responding cases; rurality, case mix and "
        "dispatch rules differ, so the shares are not comparable across areas without caution.",
        _unstated_periods(rows),
        _provenance(rows),
    )


def first_on_scene_chart_notes(rows: pd.DataFrame) -> list[str]:
    periods = " Periods are not stated." if rows["period"].isna().all() else ""
    return _notes(
        "Self-reported shares of each scheme's own co-responding cases; rurality, case mix and "
        f"dispatch rules differ, so compare areas with caution.{periods}",
        short_flag_note(rows),
    )


def first_on_scene_chart(
    rows: pd.DataFrame,
    *,
    source: Source,
    filters: Sequence[str] = (),
    width: int = SCREEN_WIDTH,
    height: int | None = None,
) -> go.Figure:
    """Share of cases where the fire or police co-responder arrived before the ambulance."""
    _require(rows, "first-on-scene figures")
    fig = _percent_bars(rows, "Share of cases where the co-responder arrived first", width)
    return _briefing(
        fig,
        rows,
        title=first_on_scene_title(rows),
        what="Share of co-responding cases in which fire or police arrived before the ambulance",
        filters=filters,
        source=source,
        notes=first_on_scene_chart_notes(rows),
        width=width,
        height=height,
    )


# --- ROSC, survival, bystander CPR -------------------------------------------------------------


def clinical_title(rows: pd.DataFrame) -> str:
    """The spread of survival (else ROSC) across the patient groups reported."""
    survival = rows[rows["measure"] == "survival_rate"]
    pool = survival if len(survival) else rows[rows["measure"] == "rosc_rate"]
    if pool.empty:
        pool = rows
    label = pool.iloc[0]["measure_label"]
    places = _places(pool)
    if len(pool) == 1:
        row = pool.iloc[0]
        return f"{places}: {label} {format_percent(row['value'])} for {row['comparator']}"
    low, high = pool.loc[pool["value"].idxmin()], pool.loc[pool["value"].idxmax()]
    return (
        f"{places}: {label.lower()} ranges from {format_percent(low['value'])} to "
        f"{format_percent(high['value'])} depending on the patient group"
    )


def clinical_notes(rows: pd.DataFrame) -> list[str]:
    return _notes(
        "Each rate is for the patient group named on its row (a different comparator group "
        "each time); rates for different groups, or from different areas, are not comparable.",
        [n for n in data_notes(rows) if not n.lower().startswith("period not stated")],
        _unstated_periods(rows),
        _restated_note(rows),
        SELF_REPORTED,
    )


def clinical_chart_notes(rows: pd.DataFrame) -> list[str]:
    return _notes(
        "Each rate is for the patient group on its row; rates for different groups or areas "
        "are not comparable. Self-reported.",
        [n for n in data_notes(rows) if not n.lower().startswith("period not stated")],
    )


def clinical_chart(
    rows: pd.DataFrame,
    *,
    source: Source,
    filters: Sequence[str] = (),
    width: int = SCREEN_WIDTH,
    height: int | None = None,
) -> go.Figure:
    """Dot plot of ROSC, survival and bystander CPR rates, one row per comparator group."""
    _require(rows, "ROSC or survival rates")
    fig = go.Figure()
    data = rows.assign(
        _y=[_wrapped(c, _label_px(width), LABEL_LINES) for c in rows["comparator"]],
        _text=[figure_text(r["value"], "percent", r["qualifier"]) for _, r in rows.iterrows()],
    )
    for i, measure in enumerate(dict.fromkeys(data["measure"])):
        part = data[data["measure"] == measure]
        fig.add_trace(
            go.Scatter(
                x=part["value"],
                y=part["_y"],
                mode="markers+text",
                name=str(part.iloc[0]["measure_label"]),
                marker={
                    "size": 18,
                    "color": PALETTE[i % len(PALETTE)],
                    "symbol": MEASURE_SYMBOLS[i % len(MEASURE_SYMBOLS)],
                },
                text=part["_text"],
                textposition="middle right",
                textfont={"size": FONT_SIZE},
                cliponaxis=False,
                hovertext=[
                    _hover(r, t) for (_, r), t in zip(part.iterrows(), part["_text"], strict=True)
                ],
                hoverinfo="text",
            )
        )
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=list(dict.fromkeys(data["_y"])),
        autorange="reversed",
        showgrid=True,
    )
    _percent_axis(fig, "Share of patients")
    fig.update_layout(showlegend=True)
    return _briefing(
        fig,
        rows,
        title=clinical_title(rows),
        what="Cardiac arrest outcomes as reported, each for the patient group named on its row",
        filters=filters,
        source=source,
        notes=clinical_chart_notes(rows),
        width=width,
        height=height,
    )


# --- activity volumes per year -----------------------------------------------------------------


def drawable_volumes(vols: pd.DataFrame) -> pd.DataFrame:
    """The volumes a chart draws: achieved counts with a per-year rate. Aims and estimates
    (modelled or business-case counts) are not activity done, so they stay in the table."""
    return vols[vols["per_year"].notna() & (vols["basis"] == "actual")]


def volumes_title(vols: pd.DataFrame) -> str:
    """The largest per-year volume: 'Hampshire reports the most activity: about 10,000 ...'."""
    top = drawable_volumes(vols).iloc[0]
    top_text = rate_text(top["per_year"], top["qualifier"])
    noun = MEASURE_NOUNS.get(top["measure"], top["measure_label"].lower())
    return f"{top['area']} reports the most activity: {top_text} {noun} a year"


def volumes_subtitle(vols: pd.DataFrame, what: str, filters: Sequence[str]) -> str:
    drawn = len(drawable_volumes(vols))
    return _subtitle(
        "Achieved activity per year as each scheme reported it, or worked out from its stated "
        f"period ({drawn} of {len(vols)} {what})",
        filters,
    )


def volumes_notes(vols: pd.DataFrame) -> list[str]:
    rated = vols[vols["per_year"].notna()]
    drawn = drawable_volumes(vols)
    derived = drawn[drawn["per_year_how"].str.contains("divided by|spread evenly")]
    example = None
    if len(derived):
        row = derived.iloc[0]
        example = f"e.g. {row['label']}: {row['per_year_how']}"
    missing = len(vols) - len(rated)
    aims = len(rated) - len(drawn)
    return _notes(
        "Per-year rates are as stated, or a stated total divided by the length of its stated "
        "period, assuming an even rate" + (f" ({example})" if example else "") + ".",
        _table_only(
            missing,
            ("a cumulative count, or no period stated", "cumulative counts, or no period stated"),
            "no per-year rate",
        ),
        _table_only(
            aims,
            ("an aim, estimate or anecdote", "aims, estimates or anecdotes"),
            "not a count of activity done",
        ),
        "Bars count different things (incidents, calls, deployments, people); they show scale, "
        "not performance, and are not comparable across areas without caution.",
        _provenance(drawn),
    )


def _table_only(n: int, kinds: tuple[str, str], why: str) -> str | None:
    """'2 figures (aims, estimates or anecdotes) are in the table only: not counts of ...'."""
    if not n:
        return None
    if n == 1:
        return f"1 figure ({kinds[0]}) is in the table only: {why}."
    return f"{n} figures ({kinds[1]}) are in the table only: {why}."


def volumes_chart_notes(vols: pd.DataFrame) -> list[str]:
    drawn = drawable_volumes(vols)
    left_out = len(vols) - len(drawn)
    table_only = (
        f" {left_out} figures without a per-year rate, or not counts of activity done, are in "
        "the table only."
        if left_out
        else ""
    )
    return _notes(
        "Per year as stated, or a stated total divided by its stated period (even rate "
        f"assumed).{table_only}",
        "Bars count different things and are self-reported: they show scale, not performance.",
        short_flag_note(drawn),
    )


def volumes_chart(
    vols: pd.DataFrame,
    *,
    source: Source,
    filters: Sequence[str] = (),
    what: str = "activity figures",
    width: int = SCREEN_WIDTH,
    height: int | None = None,
) -> go.Figure:
    """Activity per year (where the period allows), coloured by what is counted."""
    rated = drawable_volumes(vols)
    _require(rated, "achieved volumes with a per-year rate")
    texts = [rate_text(r["per_year"], r["qualifier"]) for _, r in rated.iterrows()]
    fig = _bars(rated, rated["per_year"], texts, colour_by="measure_label", names=str, width=width)
    fig.update_xaxes(rangemode="tozero", title="Per year", tickformat=",")
    fig.update_layout(showlegend=True)
    return _layout(
        fig,
        width=width,
        height=height,
        title=volumes_title(vols),
        subtitle=volumes_subtitle(vols, what, filters),
        source=chart_source(source, rated),
        notes=volumes_chart_notes(vols),
    )


# --- resolved without an ambulance -------------------------------------------------------------


def resolved_title(rows: pd.DataFrame) -> str:
    measured = rows[rows["basis"] == "actual"]
    pool = measured if len(measured) else rows
    kind = "Measured" if len(measured) else "Reported"
    if len(pool) == 1:
        row = pool.iloc[0]
        text = figure_text(row["value"], "percent", row["qualifier"])
        return f"{row['area']}: {text} of police requests resolved without sending an ambulance"
    low, high = pool.iloc[-1], pool.iloc[0]
    return (
        f"{kind} shares of police requests resolved without an ambulance range from "
        f"{figure_text(low['value'], 'percent', low['qualifier'])} to "
        f"{figure_text(high['value'], 'percent', high['qualifier'])} (highest: {high['area']})"
    )


def resolved_notes(rows: pd.DataFrame) -> list[str]:
    return _notes(
        "Denominators differ: all police requests to the ambulance service, the calls a "
        "triage desk took, or the attendances of a response car (see each row's subject).",
        "Targets and anecdotal figures are shown in their own colours; 'up to' marks a best case."
        if rows["basis"].isin(["target", "anecdotal"]).any()
        else None,
        _provenance(rows),
    )


def resolved_chart_notes(rows: pd.DataFrame) -> list[str]:
    return _notes(
        "Denominators differ (all police requests, a desk's calls, a response car's "
        "attendances); 'up to' marks a best case. Self-reported.",
        short_flag_note(rows),
    )


def resolved_chart(
    rows: pd.DataFrame,
    *,
    source: Source,
    filters: Sequence[str] = (),
    width: int = SCREEN_WIDTH,
    height: int | None = None,
) -> go.Figure:
    """Share of police requests resolved without an ambulance, coloured by evidence."""
    _require(rows, "resolved-without-ambulance shares")
    fig = _percent_bars(rows, "Share resolved without sending an ambulance", width)
    return _briefing(
        fig,
        rows,
        title=resolved_title(rows),
        what="Share of police (or partner) requests resolved by clinical advice or a single "
        "responder, without sending an ambulance",
        filters=filters,
        source=source,
        notes=resolved_chart_notes(rows),
        width=width,
        height=height,
    )


# --- staff time released ----------------------------------------------------------------------


def staff_time_caption(row: pd.Series) -> str:
    """'first 5 months (June-October 2015); about 331 h a year'."""
    period = row["period"] if not is_missing(row["period"]) else "period not stated"
    return f"{period}; per year: {hours_text(row['hours_per_year'])}"


def staff_time_help(row: pd.Series) -> str:
    """Tooltip for a time-released card: what is counted, the quote and where it is from."""
    return markdown_escape(
        f"{row['subject']}. Quote: “{row['quote']}” ({row['source']}, {row['locator']})"
    )


def staff_time_notes(rows: pd.DataFrame) -> list[str]:
    return _notes(
        "Hours are as the services reported them; a per-year rate divides a stated total by "
        "the length of its stated period, assuming an even rate.",
        "Time released is capacity freed for other work, not a cash saving.",
        _provenance(rows),
    )


# --- before and after --------------------------------------------------------------------------


def change_parts(row: pd.Series) -> list[str]:
    """['+22.3 points'] or ['-167', '-85%']: the change in the figure's unit, and relative."""
    change = float(row["change"])
    sign = "+" if change > 0 else "-" if change < 0 else "±"
    if row["unit"] == "percent":
        return [f"{sign}{format_percent(abs(change))[:-1]} points"]
    parts = [f"{sign}{format_value(abs(change), row['unit'])}"]
    if not is_missing(row["relative_change"]):
        parts.append(f"{sign}{format_percent(abs(row['relative_change']) * 100, places=0)}")
    return parts


def change_text(row: pd.Series) -> str:
    """'+22.3 points', '-167 (-85%)'."""
    first, *rest = change_parts(row)
    return f"{first} ({rest[0]})" if rest else first


def before_after_title(pairs: pd.DataFrame) -> str:
    judged = pairs[pairs["direction"].isin(["improved", "worsened", "unchanged"])]
    if judged.empty and len(pairs) == 1:
        row = pairs.iloc[0]
        ends = (
            f"{figure_text(row['before'], row['unit'])} to {figure_text(row['after'], row['unit'])}"
        )
        return f"{row['area']}: from {ends}, on a measure with no preferred direction"
    if judged.empty:
        return f"{len(pairs)} before/after figures reported; none has a preferred direction"
    improved = int((judged["direction"] == "improved").sum())
    biggest = judged.loc[judged["relative_change"].abs().idxmax()]
    moved = "rose" if biggest["change"] > 0 else "fell"
    pct = format_percent(abs(biggest["relative_change"]) * 100, places=0)
    ends = (
        f"{figure_text(biggest['before'], biggest['unit'])} to "
        f"{figure_text(biggest['after'], biggest['unit'])}"
    )
    return (
        f"{_count_words(improved, len(judged))} changes with a preferred direction improved; "
        f"the largest: {biggest['measure_label'].lower()} in {biggest['area']} {moved} {pct} "
        f"({ends})"
    )


def _pair_name(row: pd.Series) -> str:
    """'London, conveyances to hospital'; the area alone for a catch-all measure."""
    if row["measure"] in ("percentage_other", "count_other"):
        return str(row["area"])
    return f"{row['area']}, {str(row['measure_label']).lower()}"


def before_after_notes(pairs: pd.DataFrame) -> list[str]:
    periods = "; ".join(
        f"{_pair_name(r)}: {r['period'] if not is_missing(r['period']) else 'periods not stated'}"
        for _, r in pairs.iterrows()
    )
    return _notes(
        f"Before and after periods as the documents give them ({periods}); they often differ "
        "in length, and other changes at the same time are not ruled out: these are not "
        "controlled comparisons.",
        "Each row has its own scale; grey marks a measure with no preferred direction."
        if (pairs["direction"] == "no preferred direction").any()
        else "Each row has its own scale.",
        "Anecdotal figures are views, not measurements."
        if (pairs["basis"] == "anecdotal").any()
        else None,
        flag_note(pairs),
        SELF_REPORTED,
    )


def before_after_chart_notes(pairs: pd.DataFrame) -> list[str]:
    grey = (
        "; grey: no preferred direction"
        if (pairs["direction"] == "no preferred direction").any()
        else ""
    )
    anecdotal = pairs.loc[pairs["basis"] == "anecdotal", "area"]
    views = (
        f" Anecdotal figures ({', '.join(dict.fromkeys(anecdotal))}) are views, not measurements."
        if len(anecdotal)
        else ""
    )
    return _notes(
        "Periods as the documents give them, often unequal; not controlled comparisons. Each "
        f"row has its own scale{grey}. Self-reported.{views}",
        short_flag_note(pairs),
    )


def before_after_chart(
    pairs: pd.DataFrame,
    *,
    source: Source,
    filters: Sequence[str] = (),
    width: int = SCREEN_WIDTH,
    height: int | None = None,
) -> go.Figure:
    """Dumbbells: before (open) to after (filled, coloured by direction), one row per figure,
    each on its own scale because the units differ."""
    _require(pairs, "before/after figures")
    n = len(pairs)
    fig = make_subplots(rows=n, cols=1, vertical_spacing=0.12 / max(n, 1))
    shown: set[str] = set()
    for i, (_, row) in enumerate(pairs.iterrows(), start=1):
        _dumbbell(fig, row, i, shown, width)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(showgrid=False)
    fig.update_layout(showlegend=True)
    return _briefing(
        fig,
        pairs,
        title=before_after_title(pairs),
        what="Figures quoted as a change, before the scheme (open circle) and after (filled)",
        filters=filters,
        source=source,
        notes=before_after_chart_notes(pairs),
        width=width,
        height=height,
    )


def _dumbbell(fig: go.Figure, row: pd.Series, i: int, shown: set[str], width: int) -> None:
    y = [_wrapped(row["label"], _label_px(width), LABEL_LINES + 1)] * 2
    before, after = float(row["before"]), float(row["after"])
    colour = DIRECTION_COLOURS[row["direction"]]
    texts = [figure_text(before, row["unit"]), figure_text(after, row["unit"])]
    left_first = before <= after
    positions = ["middle left", "middle right"] if left_first else ["middle right", "middle left"]
    hover = _hover(row, f"{texts[0]} → {texts[1]} ({change_text(row)}, {row['direction']})")
    fig.add_trace(
        go.Scatter(
            x=[before, after], y=y, mode="lines", line={"color": colour, "width": 4},
            showlegend=False, hoverinfo="skip",
        ),
        row=i, col=1,
    )  # fmt: skip
    name = f"After: {row['direction']}"
    fig.add_trace(
        go.Scatter(
            x=[before], y=y[:1], mode="markers+text", name="Before",
            marker={"size": 20, "color": "white", "line": {"color": colour, "width": 3}},
            text=[texts[0]], textposition=positions[0], cliponaxis=False,
            hovertext=[hover], hoverinfo="text", showlegend="Before" not in shown,
        ),
        row=i, col=1,
    )  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=[after], y=y[:1], mode="markers+text", name=name,
            marker={"size": 20, "color": colour},
            text=[f"{texts[1]} ({', '.join(change_parts(row))})"], textposition=positions[1],
            cliponaxis=False, hovertext=[hover], hoverinfo="text", showlegend=name not in shown,
        ),
        row=i, col=1,
    )  # fmt: skip
    shown.update({"Before", name})
    top = max(before, after)
    fig.update_xaxes(range=[-0.45 * top, 1.6 * top], row=i, col=1)


# --- tables behind the charts ------------------------------------------------------------------

_PROVENANCE = {
    "evidence": "Evidence",
    "period": "Period",
    "quote": "Quote (verbatim)",
    "source": "Source",
    "locator": "Section",
    "also_stated_in": "Also stated in",
    "flags": "Flags",
    "notes": "Notes",
    "figure_ids": "Figure id",
}


def _figure_column(rows: pd.DataFrame) -> list[str]:
    return [
        figure_text(r["value"], r["unit"], r["qualifier"], r["low"], r["high"])
        for _, r in rows.iterrows()
    ]


def display_table(result: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The table behind a chart: formatted numbers first, then quote, source and section.

    `kind` is one of response, attainment, first_on_scene, clinical, volumes, resolved,
    staff_time, before_after, standards.
    """
    rows = result.reset_index(drop=True)
    lead: dict[str, list | pd.Series] = {"Scheme or figure": rows["label"], "Area": rows["area"]}
    lead.update(_KIND_COLUMNS[kind](rows))
    lead["What is counted"] = rows["subject"]
    table = pd.DataFrame(lead)
    for column, heading in _PROVENANCE.items():
        table[heading] = rows[column].fillna("") if column in rows else ""
    return table


def _response_columns(rows: pd.DataFrame) -> dict:
    within = rows["within_standard"].map(
        lambda w: MISSING if is_missing(w) else ("within" if w else "over")
    )
    gap = [
        MISSING if is_missing(g) else format_duration(abs(g)) + (" under" if g <= 0 else " over")
        for g in rows["gap_s"]
    ]
    return {
        "Measure": rows["measure_label"],
        "Time": _figure_column(rows),
        "8-minute standard": within,
        "Difference": gap,
    }


def _attainment_columns(rows: pd.DataFrame) -> dict:
    gap = [
        f"{'+' if g >= 0 else '-'}{format_percent(abs(g))[:-1]} points" for g in rows["gap_points"]
    ]
    return {"Reached in 8 minutes": _figure_column(rows), "Against 75% standard": gap}


def _share_columns(rows: pd.DataFrame) -> dict:
    return {"Share": _figure_column(rows)}


def _clinical_columns(rows: pd.DataFrame) -> dict:
    return {
        "Measure": rows["measure_label"],
        "Patient group (comparator)": rows["comparator"],
        "Rate": _figure_column(rows),
    }


def _volume_columns(rows: pd.DataFrame) -> dict:
    return {
        "Measure": rows["measure_label"],
        "As quoted": _figure_column(rows),
        "Per year": [
            rate_text(v, q) for v, q in zip(rows["per_year"], rows["qualifier"], strict=True)
        ],
        "How the per-year rate was worked out": rows["per_year_how"],
    }


def _staff_time_columns(rows: pd.DataFrame) -> dict:
    return {
        "Time released": [hours_text(h) for h in rows["hours"]],
        "Per year": [hours_text(h) for h in rows["hours_per_year"]],
        "How the per-year rate was worked out": rows["per_year_how"],
    }


def _before_after_columns(rows: pd.DataFrame) -> dict:
    return {
        "Measure": rows["measure_label"],
        "Before": [figure_text(v, u) for v, u in zip(rows["before"], rows["unit"], strict=True)],
        "After": [figure_text(v, u) for v, u in zip(rows["after"], rows["unit"], strict=True)],
        "Change": [change_text(r) for _, r in rows.iterrows()],
        "Direction": rows["direction"],
    }


def _standard_columns(rows: pd.DataFrame) -> dict:
    return {"Measure": rows["measure_label"], "Standard": _figure_column(rows)}


_KIND_COLUMNS: dict[str, Callable[[pd.DataFrame], dict]] = {
    "response": _response_columns,
    "attainment": _attainment_columns,
    "first_on_scene": _share_columns,
    "resolved": _share_columns,
    "clinical": _clinical_columns,
    "volumes": _volume_columns,
    "staff_time": _staff_time_columns,
    "before_after": _before_after_columns,
    "standards": _standard_columns,
}


def markdown_escape(text: str) -> str:
    """Text from the data made inert for st.markdown (no emphasis, links or headings)."""
    return "".join("\\" + c if c in "\\`*_{}[]()#+-.!|<>~$" else c for c in str(text))
