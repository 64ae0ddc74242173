"""Savings charts for briefings: totals by category, schemes ranked, strength of evidence.

Each takes a metrics.savings result and returns a finished briefing figure whose title states
what the data show. Bars are the central quoted value; a thin line under each bar runs from its
lower to its upper bound (an arrow where there is no upper limit); a diamond marks the prudent
(optimism-adjusted) value. Display tables for the same results are at the end of the module.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from charts.briefing import (
    DESIGN_HEIGHT,
    DESIGN_WIDTH,
    apply_briefing_layout,
    source_line,
    wrap_lines,
)
from charts.formatting import format_count, format_money, format_percent, money_ticks
from charts.style import BASIS_COLOURS, FONT_SIZE, PALETTE, SECONDARY_TEXT_COLOUR
from metrics.evidence import GRADES

KIND_WORDS: Mapping[str, str] = {
    "recurring": "recurring savings",
    "one_off": "one-off savings",
    "multi_year": "multi-year savings",
    "by_date": "savings by a date",
    "unspecified": "savings with no stated period",
    "capital_receipt": "capital receipts",
}
KIND_SINGULAR: Mapping[str, str] = {
    "recurring": "recurring saving",
    "one_off": "one-off saving",
    "multi_year": "multi-year saving",
    "by_date": "saving by a date",
    "unspecified": "saving with no stated period",
    "capital_receipt": "capital receipt",
}
PER_YEAR = {"recurring": " a year"}
BASIS_WORDS: Mapping[str, str] = {
    "actual": "achieved and measured",
    "estimate": "estimates",
    "target": "targets",
    "anecdotal": "anecdotes",
    "context": "context figures",
}
DIMENSION_WORDS: Mapping[str, str] = {
    "theme": "theme",
    "sub_theme": "sub-theme",
    "area": "main area",
    "area_any": "area covered",
    "services": "services involved",
    "status": "status",
    "basis": "strength of evidence",
}

QUOTED_COLOUR = PALETTE[0]
PRUDENT_COLOUR = PALETTE[2]
MIXED_COLOUR = PALETTE[4]
MIXED_LEGEND = "Mixed"
RANGE_COLOUR = SECONDARY_TEXT_COLOUR
LABEL_WIDTH_PX = 300
SCHEME_LABEL_WIDTH_PX = 420
BAR_WIDTH = 0.56
RANGE_OFFSET = 0.4
LABEL_GAP = "\u00a0\u00a0"
TOTAL_LABEL_ROOM = 1.2
"""Axis headroom past the longest stacked bar, for its total label."""


@dataclass(frozen=True)
class SavingsContext:
    """What every savings chart says besides its data: scope, prices, sources, adjustments."""

    sources: Sequence[str]
    scope: str = "all schemes"
    years: str = ""
    price_base: str = "cash terms (each document's own prices)"
    adjustments: Mapping[str, float] = field(
        default_factory=lambda: {basis: g.adjustment for basis, g in GRADES.items()}
    )
    estimates_included: bool = True
    real_terms_note: str = ""


# --- words --------------------------------------------------------------------------------------


def money_text(value: float, kind: str) -> str:
    """'£2m a year' for a recurring total, '£1.7m' for the rest."""
    return format_money(value) + PER_YEAR.get(kind, "")


def _pct(share: float) -> str:
    return format_percent(share * 100, places=0)


def group_phrase(by: str, group: str) -> tuple[str, str]:
    """How a title names a group, and the verb that agrees with it.

    >>> group_phrase("theme", "Joint control rooms")
    ('The joint control rooms theme', 'quotes')
    >>> group_phrase("area", "Cheshire")
    ('Schemes in Cheshire', 'quote')
    """
    if by == "theme":
        return f"The {group[0].lower()}{group[1:]} theme", "quotes"
    if by == "sub_theme":
        return f"The ‘{group}’ sub-theme", "quotes"
    if by == "area":
        return f"Schemes in {group}", "quote"
    if by == "area_any":
        return f"Schemes covering {group}", "quote"
    return f"{group} schemes", "quote"


def savings_by_title(rows: pd.DataFrame, kind: str, by: str) -> str:
    """The finding of a by-category chart (savings_by rows, largest first): who quotes most."""
    top = rows.iloc[0]
    words = KIND_WORDS[kind]
    amount = money_text(top["central"], kind)
    if by == "basis":
        basis = _basis_of_label(top["group"])
        return f"{_pct(top['share'])} of quoted {words} ({amount}) are {BASIS_WORDS[basis]}"
    phrase, verb = group_phrase(by, top["group"])
    if len(rows) == 1:
        return f"All quoted {words} come from {phrase[0].lower()}{phrase[1:]}: {amount}"
    return (
        f"{phrase} {verb} the largest {words}: {amount}, "
        f"{_pct(top['share'])} of the {format_money(top['kind_total'])} total"
    )


def _basis_of_label(label: str) -> str:
    """'B: Estimated' -> 'estimate' (the basis behind a grade label)."""
    for basis, grade in GRADES.items():
        if label.endswith(grade.label):
            return basis
    raise ValueError(f"not a grade label: {label!r}")


def ranked_title(ranked: pd.DataFrame, kind: str) -> str:
    """The finding of the ranked chart: the largest scheme and its share of the total."""
    top = ranked.iloc[0]
    words = KIND_SINGULAR[kind]
    if len(ranked) == 1:
        return f"Only {top['name']} quotes a {words}: {money_text(top['central'], kind)}"
    return (
        f"{top['name']} quotes the largest {words}: {money_text(top['central'], kind)}, "
        f"{_pct(top['share'])} of the total"
    )


def evidence_title(mix: pd.DataFrame, kind: str) -> str:
    """The finding of the evidence chart: how much of the money has actually been achieved."""
    words = KIND_WORDS[kind]
    shares = dict(zip(mix["basis"], mix["share"], strict=True))
    achieved = shares.get("actual", 0.0)
    rest = [BASIS_WORDS[b] for b in GRADES if b != "actual" and shares.get(b, 0.0) > 0]
    rest_text = " or ".join(rest) if len(rest) <= 2 else ", ".join(rest[:-1]) + " or " + rest[-1]
    if achieved <= 0:
        return f"None of the quoted {words} has been achieved yet: all are {rest_text}"
    if achieved < 0.005:  # would round to "0%", which reads as none
        return f"Less than 1% of quoted {words} are achieved; the rest are {rest_text}"
    if achieved < 0.5:
        return f"Only {_pct(achieved)} of quoted {words} are achieved; the rest are {rest_text}"
    if not rest:
        return f"All quoted {words} are achieved and measured"
    return f"{_pct(achieved)} of quoted {words} are achieved and measured"


def subtitle(what: str, context: SavingsContext) -> str:
    """What is measured, where, when and with which filters, as briefly as it can be said."""
    parts = [what, context.scope]
    if not context.estimates_included:
        parts.append("achieved figures only")
    parts.append(context.price_base)
    if context.years:
        parts.append(f"reported in {context.years}")
    return "; ".join(p for p in parts if p)


def _adjustment_text(adjustments: Mapping[str, float]) -> str:
    names = {"actual": "achieved", "estimate": "estimated", "target": "anticipated"}
    parts = [f"{names[b]} {_pct(adjustments[b])}" for b in names if b in adjustments]
    if "anecdotal" in adjustments:
        parts.append(f"anecdotal {_pct(adjustments['anecdotal'])}")
    return ", ".join(parts)


def bounds_note(context: SavingsContext, show_prudent: bool) -> str:
    """How to read a bar: central value, bounds and (optionally) the prudent diamond."""
    text = (
        "Bars: central quoted values; grey line: lower to upper bound ('up to' starts at £0), "
        "arrow: no upper limit ('at least', 'over')."
    )
    if show_prudent:
        text += (
            " Diamond: prudent value, each figure cut by its strength of evidence ("
            + _adjustment_text(context.adjustments)
            + "; after the Green Book's optimism bias)."
        )
    return text


def exclusions_note(kind: str, headline: pd.DataFrame | None) -> str:
    """Which other kinds of money the chart leaves out, with their totals, so none is lost."""
    tail = "costs, grants and payments between services (not savings); restated facts count once."
    if headline is None or headline.empty:
        return tail[0].upper() + tail[1:]
    others = headline[(headline["kind"] != kind) & (headline["n_figures"] > 0)]
    listed = [
        f"{KIND_WORDS[row.kind]} {format_money(row.central)}"
        for row in others.itertuples(index=False)
    ]
    return "Not added in: " + "; ".join([*listed, tail])


def _notes(
    kind: str, context: SavingsContext, headline: pd.DataFrame | None, show_prudent: bool
) -> list[str]:
    notes = [bounds_note(context, show_prudent), exclusions_note(kind, headline)]
    if context.real_terms_note:
        notes.append(context.real_terms_note)
    return notes


# --- the shared bar-with-range layout -----------------------------------------------------------


def wrap_label(text: str, width_px: float = LABEL_WIDTH_PX) -> str:
    """A category label wrapped onto lines (plotly <br>) so long names keep the plot wide."""
    return "<br>".join(wrap_lines(str(text), width_px, FONT_SIZE, break_words=False))


def _value_label(row: pd.Series, kind: str, show_prudent: bool) -> str:
    """'£2m a year · prudent £1.5m', after a small gap so a diamond at the bar end stays clear."""
    text = LABEL_GAP + format_money(row["central"])
    if show_prudent and pd.notna(row.get("prudent")):
        text += f" · prudent {format_money(row['prudent'])}"
    return text


def _range_trace(rows: pd.DataFrame, ys: list[float]) -> go.Scatter | None:
    """Thin lines from lower to upper bound, under each bar; None if every range is a point."""
    xs: list[float | None] = []
    yy: list[float | None] = []
    for (_, row), y in zip(rows.iterrows(), ys, strict=True):
        top = row["central"] if row["upper_open"] else row["upper"]
        if row["lower"] == top and not row["upper_open"]:
            continue
        xs += [row["lower"], top, None]
        yy += [y - RANGE_OFFSET, y - RANGE_OFFSET, None]
    if not xs:
        return None
    return go.Scatter(
        x=xs,
        y=yy,
        mode="lines+markers",
        marker={"symbol": "line-ns", "size": 12, "line": {"width": 2, "color": RANGE_COLOUR}},
        line={"color": RANGE_COLOUR, "width": 2},
        name="Quoted range",
        showlegend=False,
        hoverinfo="skip",
    )


def _open_trace(rows: pd.DataFrame, ys: list[float]) -> go.Scatter | None:
    """Arrows at the end of ranges with no upper limit."""
    open_rows = [(row, y) for (_, row), y in zip(rows.iterrows(), ys, strict=True)]
    open_rows = [(row, y) for row, y in open_rows if row["upper_open"]]
    if not open_rows:
        return None
    return go.Scatter(
        x=[row["central"] for row, _ in open_rows],
        y=[y - RANGE_OFFSET for _, y in open_rows],
        mode="markers",
        marker={"symbol": "arrow-right", "size": 16, "color": RANGE_COLOUR},
        name="No upper limit",
        showlegend=False,
        hoverinfo="skip",
    )


def _prudent_trace(rows: pd.DataFrame, ys: list[float]) -> go.Scatter:
    return go.Scatter(
        x=rows["prudent"].tolist(),
        y=ys,
        mode="markers",
        marker={
            "symbol": "diamond",
            "size": 18,
            "color": PRUDENT_COLOUR,
            "line": {"width": 2, "color": "white"},
        },
        name="Prudent",
        customdata=[format_money(v) for v in rows["prudent"]],
        hovertemplate="Prudent value: %{customdata}<extra></extra>",
    )


def _bar(
    rows: pd.DataFrame, ys: list[float], name: str, colour: str, kind: str, show_prudent: bool
) -> go.Bar:
    hover = [
        f"{money_text(r['central'], kind)} from {format_count(r['n_figures'])} figure(s)"
        f"<br>{r['figure_ids'].replace(';', ', ')}"
        for _, r in rows.iterrows()
    ]
    return go.Bar(
        x=rows["central"].tolist(),
        y=ys,
        orientation="h",
        width=BAR_WIDTH,
        marker={"color": colour},
        name=name,
        text=[_value_label(r, kind, show_prudent) for _, r in rows.iterrows()],
        textposition="outside",
        cliponaxis=False,
        customdata=hover,
        hovertemplate="%{customdata}<extra></extra>",
    )


def _finish_axes(fig: go.Figure, rows: pd.DataFrame, labels: list[str], ys: list[float]) -> None:
    """Money ticks on x from 0; group labels on y, largest at the top."""
    tops = pd.concat([rows["central"], rows["upper"].fillna(0), rows["prudent"].fillna(0)])
    ticks = money_ticks(float(tops.max()) if len(tops) else 1.0)
    fig.update_xaxes(**ticks, range=[0, ticks["tickvals"][-1]], title=None)
    fig.update_yaxes(
        tickmode="array",
        tickvals=ys,
        ticktext=labels,
        range=[-0.5 - RANGE_OFFSET, len(ys) - 0.5],
        showgrid=False,
        zeroline=False,
    )
    fig.update_layout(bargap=0.3, showlegend=True)


def _range_bars(
    rows: pd.DataFrame,
    labels: list[str],
    kind: str,
    show_prudent: bool,
    colours: Sequence[tuple[str, str]] | None = None,
) -> go.Figure:
    """Bars for rows (largest first, drawn at the top) with range lines and prudent diamonds.

    `colours` gives (legend name, colour) per row; rows sharing a name share a trace.
    """
    ys = [float(len(rows) - 1 - i) for i in range(len(rows))]
    fig = go.Figure()
    names = colours or [("Quoted", QUOTED_COLOUR)] * len(rows)
    for name, colour in sorted(dict.fromkeys(names), key=lambda item: _legend_rank(item[0])):
        picked = [i for i, item in enumerate(names) if item == (name, colour)]
        fig.add_trace(
            _bar(rows.iloc[picked], [ys[i] for i in picked], name, colour, kind, show_prudent)
        )
    for trace in (_range_trace(rows, ys), _open_trace(rows, ys)):
        if trace is not None:
            fig.add_trace(trace)
    if show_prudent:
        fig.add_trace(_prudent_trace(rows, ys))
    _finish_axes(fig, rows, labels, ys)
    return fig


def _legend_rank(name: str) -> int:
    """Evidence legends run from strongest (A) to weakest, then 'Mixed'."""
    grades = [short_grade(basis) for basis in GRADES]
    return next((i for i, label in enumerate(grades) if name.endswith(label)), len(grades))


def _require(rows: pd.DataFrame, what: str) -> None:
    if rows.empty:
        raise ValueError(f"nothing to chart: no {what} in the data given")


# --- the three charts ---------------------------------------------------------------------------


def savings_by_chart(
    grouped: pd.DataFrame,
    *,
    kind: str,
    by: str,
    context: SavingsContext,
    headline: pd.DataFrame | None = None,
    show_prudent: bool = True,
    width: int = DESIGN_WIDTH,
    height: int = DESIGN_HEIGHT,
) -> go.Figure:
    """Horizontal bars of one kind of saving by category (a savings_by result), with bounds."""
    rows = grouped[(grouped["kind"] == kind) & (grouped["n_figures"] > 0)]
    rows = rows.sort_values(["central", "group"], ascending=[False, True])
    _require(rows, KIND_WORDS[kind])
    fig = _range_bars(rows, [wrap_label(g) for g in rows["group"]], kind, show_prudent)
    n_schemes = len({s for ids in rows["scheme_ids"] for s in ids.split(";") if s})
    quoting = "1 scheme quotes one" if n_schemes == 1 else f"{n_schemes} schemes quote one"
    what = f"{KIND_WORDS[kind].capitalize()} by {DIMENSION_WORDS[by]} ({quoting})"
    return apply_briefing_layout(
        fig,
        title=savings_by_title(rows.reset_index(drop=True), kind, by),
        subtitle=subtitle(what, context),
        source=source_line(context.sources),
        notes=_notes(kind, context, headline, show_prudent),
        width=width,
        height=height,
    )


def ranked_schemes_chart(
    ranked: pd.DataFrame,
    *,
    kind: str,
    context: SavingsContext,
    headline: pd.DataFrame | None = None,
    top: int = 8,
    show_prudent: bool = True,
    width: int = DESIGN_WIDTH,
    height: int = DESIGN_HEIGHT,
) -> go.Figure:
    """The schemes quoting most of one kind of saving (a ranked_schemes result), coloured by
    strength of evidence."""
    _require(ranked, KIND_WORDS[kind])
    rows = ranked.head(top)
    colours = [(_short_evidence(e), _evidence_colour(e)) for e in rows["evidence"]]
    labels = [wrap_label(name, SCHEME_LABEL_WIDTH_PX) for name in rows["name"]]
    fig = _range_bars(rows, labels, kind, show_prudent, colours)
    if len(ranked) > len(rows):
        shown = f"the {len(rows)} largest of {len(ranked)} schemes quoting one"
    elif len(ranked) == 1:
        shown = "the one scheme quoting one"
    else:
        shown = "all schemes quoting one"
    what = f"{KIND_WORDS[kind].capitalize()} by scheme and strength of evidence, {shown}"
    return apply_briefing_layout(
        fig,
        title=ranked_title(ranked, kind),
        subtitle=subtitle(what, context),
        source=source_line(context.sources),
        notes=_notes(kind, context, headline, show_prudent),
        width=width,
        height=height,
    )


SHORT_GRADE_NAMES: Mapping[str, str] = {
    "actual": "Achieved",
    "estimate": "Estimated",
    "target": "Anticipated",
    "anecdotal": "Anecdotal",
    "context": "Context",
}


def short_grade(basis: str) -> str:
    """'A: Achieved': a legend-sized name for a strength of evidence."""
    code = GRADES[basis].code
    return SHORT_GRADE_NAMES[basis] if basis == "context" else f"{code}: {SHORT_GRADE_NAMES[basis]}"


def _short_evidence(label: str) -> str:
    """The legend name for a ranked scheme's evidence label ('Mixed' for several)."""
    for basis, grade in GRADES.items():
        if label.endswith(grade.label):
            return short_grade(basis)
    return MIXED_LEGEND


def _evidence_colour(label: str) -> str:
    for basis, grade in GRADES.items():
        if label.endswith(grade.label):
            return BASIS_COLOURS[basis]
    return MIXED_COLOUR


def evidence_chart(
    by_evidence: pd.DataFrame,
    mix: pd.DataFrame,
    *,
    kind: str,
    by: str,
    context: SavingsContext,
    width: int = DESIGN_WIDTH,
    height: int = DESIGN_HEIGHT,
) -> go.Figure:
    """Stacked bars: each category's total of one kind of saving split by strength of evidence
    (a savings_by_evidence result; `mix` is evidence_mix of it, for the title)."""
    _require(by_evidence, KIND_WORDS[kind])
    groups = list(dict.fromkeys(by_evidence["group"]))
    labels = {g: wrap_label(g) for g in groups}
    order = [labels[g] for g in reversed(groups)]
    fig = go.Figure()
    for basis in GRADES:
        part = by_evidence[by_evidence["basis"] == basis]
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=part["central"].tolist(),
                y=[labels[g] for g in part["group"]],
                orientation="h",
                name=short_grade(basis),
                marker={"color": BASIS_COLOURS[basis]},
                text=[format_money(v) for v in part["central"]],
                textposition="inside",
                insidetextanchor="middle",
                textangle=0,
                customdata=part["figure_ids"].str.replace(";", ", "),
                hovertemplate="%{x:,.0f}<br>%{customdata}<extra>%{fullData.name}</extra>",
            )
        )
    totals = by_evidence.drop_duplicates("group")
    fig.add_trace(
        go.Scatter(
            x=totals["group_central"].tolist(),
            y=[labels[g] for g in totals["group"]],
            mode="text",
            text=[LABEL_GAP + format_money(v) for v in totals["group_central"]],
            textposition="middle right",
            showlegend=False,
            hoverinfo="skip",
            cliponaxis=False,
        )
    )
    ticks = money_ticks(float(totals["group_central"].max()) * TOTAL_LABEL_ROOM)
    fig.update_layout(barmode="stack", showlegend=True)
    fig.update_xaxes(**ticks, range=[0, ticks["tickvals"][-1]])
    fig.update_yaxes(categoryorder="array", categoryarray=order)
    what = f"{KIND_WORDS[kind].capitalize()} by {DIMENSION_WORDS[by]} and strength of evidence"
    notes = [
        "A achieved: reported as delivered; B estimated: business case or projection; "
        "C anticipated: an aim or potential; D anecdotal: no method stated.",
        exclusions_note(kind, None),
    ]
    if context.real_terms_note:
        notes.append(context.real_terms_note)
    return apply_briefing_layout(
        fig,
        title=evidence_title(mix, kind),
        subtitle=subtitle(what, context),
        source=source_line(context.sources),
        notes=notes,
        width=width,
        height=height,
    )


# --- display tables -----------------------------------------------------------------------------


def _bounds_text(row: pd.Series) -> str:
    """'£0 to £580k', '£1.5m to no upper limit', or 'none' when the figure is a point."""
    if row.get("n_figures", 1) == 0:
        return "–"
    if not row["upper_open"] and row["lower"] == row["upper"]:
        return "none (a point figure)"
    upper = "no upper limit" if row["upper_open"] else format_money(row["upper"])
    return f"{format_money(row['lower'])} to {upper}"


def totals_table(totals: pd.DataFrame, first: str = "group") -> pd.DataFrame:
    """A savings_by / headline_savings / non_savings_money result as the reader sees it."""
    columns = {"Group": totals[first]} if first != "label" else {}
    return pd.DataFrame(
        {
            **columns,
            "Kind of money": totals["label"],
            "Quoted (central)": totals["central"].map(format_money),
            "Range": totals.apply(_bounds_text, axis=1),
            "Prudent": totals["prudent"].map(format_money),
            "Figures": totals["n_figures"].astype(int),
            "Schemes quoting": totals["n_schemes"].astype(int),
            "Schemes quoting none": totals["n_schemes_without"].astype(int),
            "Figure ids": totals["figure_ids"].str.replace(";", ", "),
        }
    )


def figures_table(contributing: pd.DataFrame) -> pd.DataFrame:
    """Each figure behind a chart: its words, its source, and what the totals made of it."""
    rows = contributing
    return pd.DataFrame(
        {
            "Group": rows["group"],
            "Scheme": rows["scheme"].fillna(""),
            "Quote": rows["quote"],
            "Quoted (central)": rows["central"].map(format_money),
            "Range": rows.apply(_bounds_text, axis=1),
            "Prudent": rows["prudent"].map(format_money),
            "Evidence": rows["grade"],
            "Counted": rows["counted"].map({True: "yes", False: "no: restated elsewhere"}),
            "Source": rows["source"],
            "Locator": rows["locator"],
            "Kind of money": rows["kind_label"],
            "Flags": rows["flags"].fillna("").str.replace(";", ", "),
            "Figure id": rows["figure_id"],
        }
    )


def ranked_table(ranked: pd.DataFrame) -> pd.DataFrame:
    """A ranked_schemes result as the reader sees it, with each scheme's quotes."""
    return pd.DataFrame(
        {
            "Rank": ranked["rank"],
            "Scheme": ranked["name"],
            "Main area": ranked["area"],
            "Quoted (central)": ranked["central"].map(format_money),
            "Range": ranked.apply(_bounds_text, axis=1),
            "Prudent": ranked["prudent"].map(format_money),
            "Evidence": ranked["evidence"],
            "Quotes (source, locator)": ranked["quotes"],
            "Figure ids": ranked["figure_ids"].str.replace(";", ", "),
        }
    )


def evidence_table(by_evidence: pd.DataFrame) -> pd.DataFrame:
    """A savings_by_evidence result as the reader sees it."""
    return pd.DataFrame(
        {
            "Group": by_evidence["group"],
            "Strength of evidence": by_evidence["basis_label"],
            "Quoted (central)": by_evidence["central"].map(format_money),
            "Share of the total": (by_evidence["share"] * 100).map(
                lambda p: format_percent(p, places=0)
            ),
            "Figures": by_evidence["n_figures"].astype(int),
            "Figure ids": by_evidence["figure_ids"].str.replace(";", ", "),
        }
    )
