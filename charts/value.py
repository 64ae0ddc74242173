"""Value-for-money charts: cost-benefit ratios against the appraisal bands, and investments
beside the recurring savings that would pay them back.

Inputs are the tables from metrics.value (value_for_money, investments_and_savings); the
texts (title stating the finding, subtitle, notes) are worked out from them here. Also the
display tables behind each chart, with every number written by charts.formatting.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from charts.briefing import apply_briefing_layout, wrap_lines
from charts.formatting import (
    MISSING,
    format_count,
    format_money,
    format_ratio,
    is_missing,
)
from charts.style import FONT_SIZE, FOOTNOTE_SIZE, PALETTE, SECONDARY_TEXT_COLOUR, SEQUENTIAL
from metrics.evidence import GRADES
from metrics.value import VFM_BANDS, band_label

QUOTED_COLOUR = PALETTE[0]
RECOMPUTED_COLOUR = PALETTE[3]
INVESTMENT_COLOUR = PALETTE[0]
SAVING_COLOUR = PALETTE[1]
BAND_COLOURS = dict(zip([b.name for b in VFM_BANDS], SEQUENTIAL[:4], strict=True))
BAND_OPACITY = 0.22
LABEL_SHARE = 0.4
"""Category labels (scheme names) are wrapped to this share of the figure's width."""
SCREEN_WIDTH = 1140
"""Width of a chart's column beside the sidebar in a 1600 px window; the default layout width,
since Streamlit stretches a chart to its column but keeps texts wrapped for the layout width.
Downloads are laid out again at their own sizes (charts.export presets)."""
SCREEN_HEIGHT = 1000

_ABBREVIATION = re.compile(r"^(?P<name>.+?)\s*\((?P<short>[A-Z][A-Z0-9&]{1,7})\)$")
_TRAILING_BRACKET = re.compile(r"\s*\([^()]*\)$")


def _qualified(qualifier: object) -> str | None:
    return None if is_missing(qualifier) else str(qualifier)


def short_name(name: str) -> str:
    """The abbreviation a scheme's name ends with, else the name: 'X Team (CRIT)' -> 'CRIT'."""
    match = _ABBREVIATION.match(name)
    return match["short"] if match else name


def plain_name(name: str) -> str:
    """The name without a trailing bracket, for titles: 'Maltby station (South Yorkshire)' ->
    'Maltby station'."""
    return _TRAILING_BRACKET.sub("", name) or name


def abbreviations_note(names: pd.Series) -> str:
    """'CRIT: Greater Manchester Community Risk Intervention Team; ...' for shortened names."""
    pairs = [_ABBREVIATION.match(n) for n in dict.fromkeys(names)]
    return "; ".join(f"{m['short']}: {m['name']}" for m in pairs if m) + "." if any(pairs) else ""


def _subtitle(what: str, filters: Sequence[str]) -> str:
    return f"{what}; " + ("; ".join(filters) if filters else "no filters")


def _wrapped(text: str, width: int, share: float = LABEL_SHARE) -> str:
    return "<br>".join(wrap_lines(text, share * width, FONT_SIZE, break_words=False))


def _grades(bases: pd.Series) -> str:
    """'grade B' or 'grades A to C': the evidence behind a chart, for its notes."""
    codes = sorted({GRADES[b].code for b in bases if GRADES[b].code.isalpha()})
    if not codes:
        return "context figures"
    return f"grade {codes[0]}" if len(codes) == 1 else f"grades {codes[0]} to {codes[-1]}"


# --- cost-benefit ratios -----------------------------------------------------------------------


def _ratio_label(row: pd.Series, width: int) -> str:
    """Category label: scheme (abbreviated), then whose and which benefits the ratio counts."""
    counted = str(row["coverage"])
    if row["benefit_scope"] != "benefit type not stated":
        counted += ", " + str(row["benefit_scope"]).replace(" benefits", "")
    return f"{_wrapped(short_name(row['scheme_name']), width)}<br><i>{counted}</i>"


def ratio_title(table: pd.DataFrame) -> str:
    """The finding: how many ratios return more than £1 and the best, from quoted ratios
    (recomputed ones when no ratio is quoted)."""
    quoted = table[table["ratio_kind"] == "quoted"]
    pool = quoted if len(quoted) else table
    kind = "quoted " if len(quoted) else "recomputed "
    best = pool.loc[pool["ratio"].idxmax()]
    best_value = format_money(best["ratio"], _qualified(best["qualifier"]))
    below, n = int((pool["ratio"] < 1).sum()), len(pool)
    if n == 1:
        return f"{plain_name(best['scheme_name'])} returns {best_value} for each £1 spent"
    if below == 0:
        return (
            f"All {n} {kind}cost-benefit ratios return more than £1 per £1; "
            f"the best is {best_value}"
        )
    return f"{below} of {n} {kind}cost-benefit ratios return less than £1 per £1 spent"


def _check_notes(table: pd.DataFrame) -> list[str]:
    """One short note per recomputed ratio: the sum and whether it matches the quote."""
    notes = []
    for _, r in table[table["ratio_kind"] == "recomputed"].iterrows():
        sum_text = (
            f"{short_name(r['scheme_name'])} recomputed: {format_money(r['benefit_value'])} "
            f"benefits / {format_money(r['cost_value'])} cost a year = "
            f"{format_ratio(r['ratio'], _qualified(r['qualifier']))}"
        )
        if r["verdict"] == "not checked":
            notes.append(f"{sum_text}; no quoted ratio of the same coverage to check against.")
        else:
            quoted = format_ratio(r["compared_ratio"])
            notes.append(f"{sum_text}, {r['verdict']} with the quoted {quoted}.")
    return notes


def _band_shading(fig: go.Figure, top: float) -> None:
    """Shade each value-for-money band and name it at the foot of the plot."""
    for band in VFM_BANDS:
        x0, x1 = max(band.lower, 0.0), min(band.upper, top)
        fig.add_vrect(
            x0=x0,
            x1=x1,
            fillcolor=BAND_COLOURS[band.name],
            opacity=BAND_OPACITY,
            layer="below",
            line_width=0,
        )
        fig.add_annotation(
            x=(x0 + x1) / 2,
            y=0,
            xref="x",
            yref="paper",
            yanchor="bottom",
            showarrow=False,
            text=band.label,
            font={"size": FOOTNOTE_SIZE, "color": SECONDARY_TEXT_COLOUR},
        )
    fig.add_vline(x=1, line_width=2, line_dash="dash", line_color=SECONDARY_TEXT_COLOUR)


def ratio_chart(
    table: pd.DataFrame,
    *,
    source: str,
    filters: Sequence[str] = (),
    period: str = "2016",
    width: int = SCREEN_WIDTH,
    height: int = SCREEN_HEIGHT,
) -> go.Figure:
    """Dot chart of benefit per £1: quoted (filled) and recomputed (open) markers on shaded
    value-for-money bands, one row per scheme and benefit coverage."""
    if table.empty:
        raise ValueError("No cost-benefit ratios to chart.")
    data = table.assign(label=table.apply(_ratio_label, axis=1, width=width))
    top = max(2.5, float(data["ratio"].max()) * 1.15)
    fig = go.Figure()
    _band_shading(fig, top)
    styles = {
        "quoted": ("Quoted", "circle", QUOTED_COLOUR, "top center"),
        "recomputed": (
            "Recomputed from quoted £",
            "diamond-open",
            RECOMPUTED_COLOUR,
            "bottom center",
        ),
    }
    for kind, (name, symbol, colour, position) in styles.items():
        rows = data[data["ratio_kind"] == kind]
        if rows.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=rows["ratio"],
                y=rows["label"],
                mode="markers+text",
                name=name,
                marker={
                    "symbol": symbol,
                    "size": 18,
                    "color": colour,
                    "line": {"width": 3, "color": colour},
                },
                text=[
                    format_ratio(r, _qualified(q))
                    for r, q in zip(rows["ratio"], rows["qualifier"], strict=True)
                ],
                textposition=position,
                textfont={"size": FONT_SIZE, "color": colour},
                customdata=rows[["figure_ids", "quote"]],
                hovertemplate="%{text}<br>%{customdata[1]}<br>figures %{customdata[0]}"
                "<extra></extra>",
            )
        )
    labels = list(dict.fromkeys(data["label"]))
    fig.update_yaxes(
        categoryorder="array", categoryarray=labels[::-1], range=[-0.8, len(labels) - 0.3]
    )
    step = 0.5 if top <= 4 else 1.0 if top <= 8 else 2.0
    ticks = [i * step for i in range(int(top / step) + 1)]
    fig.update_xaxes(
        range=[0, top],
        title_text="Benefit for each £1 of cost",
        tickmode="array",
        tickvals=ticks,
        ticktext=[format_money(t) for t in ticks],
    )
    fig.update_layout(showlegend=True)
    notes = [
        f"Shading: DfT value-for-money bands; dashed line: £1 back per £1. The ratios are the "
        f"schemes' own estimates ({_grades(table['basis'])}), not DfT appraisals.",
        *_check_notes(table),
        abbreviations_note(table["scheme_name"]),
    ]
    return apply_briefing_layout(
        fig,
        title=ratio_title(table),
        subtitle=_subtitle(f"Benefit per £1 of cost, as quoted and recomputed; {period}", filters),
        source=source,
        notes=notes,
        width=width,
        height=height,
    )


# --- investments and payback --------------------------------------------------------------------


def _payback_text(row: pd.Series, include_unspecified: bool) -> str:
    """What the chart says under the scheme name: payback, or why there is none."""
    text = _payback_only(row, include_unspecified)
    if "suspected typo" in str(row["checks"]):
        text += "; amount queried"
    return text


def _payback_only(row: pd.Series, include_unspecified: bool) -> str:
    sensitivity = row["payback_years_if_unspecified_annual"]
    if not is_missing(row["payback_years"]):
        text = f"payback {format_count(row['payback_years'], row['payback_qualifier'])} years"
        if include_unspecified and not is_missing(sensitivity):
            text += f" ({format_count(sensitivity)} years*)"
        return text
    if include_unspecified and not is_missing(sensitivity):
        return f"payback {format_count(sensitivity)} years*"
    if all(is_missing(row[c]) for c in ("annual_saving", "unspecified_savings", "one_off_savings")):
        return "no saving quoted"
    return "no recurring saving quoted"


def investment_title(table: pd.DataFrame) -> str:
    """The finding: payback of the schemes where it can be worked out, or that it cannot."""
    known = table[table["payback_years"].notna()]
    n = len(table)
    if known.empty:
        return (
            f"None of the {n} quoted investments has a recurring saving to pay it back"
            if n > 1
            else "The quoted investment has no recurring saving to pay it back"
        )
    if len(known) == 1:
        row = known.iloc[0]
        years = format_count(row["payback_years"], row["payback_qualifier"])
        investment = format_money(row["investment"], _qualified(row["investment_qualifier"]))
        return f"{plain_name(row['scheme_name'])}: {investment} takes {years} years to pay back"
    low, high = known["payback_years"].min(), known["payback_years"].max()
    return (
        f"Quoted investments take {format_count(low)} to {format_count(high)} years "
        "to pay back from quoted savings"
    )


def _log_ticks(values: pd.Series) -> dict:
    """Powers of ten across the values, written as money (£10,000, £100k, £1m...), and a
    range with room for the value labels beside the outermost markers."""
    positive = values[values > 0]
    low, high = math.log10(positive.min()) - 0.3, math.log10(positive.max()) + 0.3
    ticks = [10.0**p for p in range(math.ceil(low), math.floor(high) + 1)]
    return {"tickvals": ticks, "ticktext": [format_money(t) for t in ticks], "range": [low, high]}


def _investment_notes(table: pd.DataFrame, include_unspecified: bool) -> list[str]:
    """Method and what was left out, in as few words as a document-size export allows (queried
    amounts are marked on the chart; the table gives every check in full)."""
    notes = [
        "Payback = one-off investment / saving a year; cash, undiscounted; self-reported "
        f"({_grades(table['investment_basis'])})."
    ]
    for _, r in table[table["unspecified_savings"].notna()].iterrows():
        amount, name = format_money(r["unspecified_savings"]), plain_name(r["scheme_name"])
        if include_unspecified:
            notes.append(f"* If {name}'s {amount} of savings with no stated period were yearly.")
        else:
            notes.append(f"{name}: {amount} of savings with no stated period left out.")
    return notes


def investment_chart(
    table: pd.DataFrame,
    *,
    source: str,
    filters: Sequence[str] = (),
    include_unspecified: bool = False,
    period: str = "2016",
    width: int = SCREEN_WIDTH,
    height: int = SCREEN_HEIGHT,
) -> go.Figure:
    """Each investment beside its scheme's recurring saving per year (log money axis), with the
    payback in years written under the scheme name."""
    if table.empty:
        raise ValueError("No investments to chart.")
    labels = [
        f"{_wrapped(r['scheme_name'], width)}<br><i>{_payback_text(r, include_unspecified)}</i>"
        for _, r in table.iterrows()
    ]
    data = table.assign(label=labels)
    series = [
        (
            "Investment",
            "investment",
            "investment_qualifier",
            "diamond",
            INVESTMENT_COLOUR,
            "top left",
        ),
        (
            "Saving a year",
            "annual_saving",
            "annual_saving_qualifier",
            "circle",
            SAVING_COLOUR,
            "bottom right",
        ),
    ]
    if include_unspecified:
        series.append(
            (
                "Saving, period not stated",
                "unspecified_savings",
                None,
                "circle-open",
                SAVING_COLOUR,
                "top right",
            )
        )
    fig = go.Figure()
    for name, column, qualifier, symbol, colour, position in series:
        rows = data[data[column].notna()]
        if rows.empty:
            continue
        quals = rows[qualifier] if qualifier else [None] * len(rows)
        fig.add_trace(
            go.Scatter(
                x=rows[column],
                y=rows["label"],
                mode="markers+text",
                name=name,
                marker={
                    "symbol": symbol,
                    "size": 18,
                    "color": colour,
                    "line": {"width": 3, "color": colour},
                },
                text=[
                    format_money(v, _qualified(q)) for v, q in zip(rows[column], quals, strict=True)
                ],
                textposition=position,
                textfont={"size": FONT_SIZE, "color": colour},
                customdata=rows[["figure_ids"]],
                hovertemplate="%{text}<br>figures %{customdata[0]}<extra></extra>",
            )
        )
    values = pd.concat([data["investment"], data["annual_saving"], data["unspecified_savings"]])
    ticks = _log_ticks(values.dropna())
    fig.update_xaxes(
        type="log",
        tickmode="array",
        tickvals=ticks["tickvals"],
        ticktext=ticks["ticktext"],
        range=ticks["range"],
        title_text="£, cash as quoted (log scale)",
        showgrid=True,
    )
    order = list(dict.fromkeys(data["label"]))
    fig.update_yaxes(
        categoryorder="array", categoryarray=order[::-1], range=[-0.6, len(order) - 0.4]
    )
    fig.update_layout(showlegend=True)
    return apply_briefing_layout(
        fig,
        title=investment_title(table),
        subtitle=_subtitle(f"Quoted investment and savings a year, by scheme; {period}", filters),
        source=source,
        notes=_investment_notes(table, include_unspecified),
        width=width,
        height=height,
    )


# --- the tables behind the charts ----------------------------------------------------------------


def _titles(source_ids: str, titles: dict[str, str]) -> str:
    return "; ".join(titles.get(s, s) for s in str(source_ids).split(";") if s)


def ratio_display(table: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    """The ratio table as a reader sees it: formatted numbers, quotes, sources, locators."""
    return pd.DataFrame(
        {
            "Scheme": table["scheme_name"],
            "Ratio": table["ratio_kind"].str.capitalize(),
            "Benefit per £1": [
                format_ratio(r, _qualified(q))
                for r, q in zip(table["ratio"], table["qualifier"], strict=True)
            ],
            "Value for money": table["band"].map(band_label),
            "Benefits counted": table["benefit_scope"],
            "Coverage": table["coverage"],
            "Annual benefit": table["benefit_value"].map(format_money),
            "Annual cost": table["cost_value"].map(format_money),
            "Check": table["check"],
            "Evidence": table["basis"].map(lambda b: GRADES[b].label),
            "Quote": table["quote"],
            "What it counts": table["subject"],
            "Source": table["source_id"].map(lambda s: _titles(s, titles)),
            "Where in the document": table["locator"],
            "Figure ids": table["figure_ids"],
        }
    )


def investment_display(table: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    """The investment table as a reader sees it."""

    def years(value: float, qualifier: object = None) -> str:
        return MISSING if is_missing(value) else format_count(value, _qualified(qualifier))

    return pd.DataFrame(
        {
            "Scheme": table["scheme_name"],
            "Investment": [
                format_money(v, _qualified(q))
                for v, q in zip(table["investment"], table["investment_qualifier"], strict=True)
            ],
            "Investment quote": table["quote"],
            "Recurring saving per year": [
                format_money(v, _qualified(q))
                for v, q in zip(
                    table["annual_saving"], table["annual_saving_qualifier"], strict=True
                )
            ],
            "One-off savings": table["one_off_savings"].map(format_money),
            "Savings, period not stated": table["unspecified_savings"].map(format_money),
            "Payback (years)": [
                years(v, q)
                for v, q in zip(table["payback_years"], table["payback_qualifier"], strict=True)
            ],
            "Payback if unstated periods were annual (years)": table[
                "payback_years_if_unspecified_annual"
            ].map(years),
            "Checks": table["checks"],
            "Saving quotes": table["saving_quotes"],
            "Evidence (investment)": table["investment_basis"].map(lambda b: GRADES[b].label),
            "Source": table["source_id"].map(lambda s: _titles(s, titles)),
            "Where in the document": table["locator"],
            "Figure ids": table["figure_ids"],
        }
    )
