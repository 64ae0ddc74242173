"""Savings: how much collaboration schemes say they save, by category, kind and evidence.

Thin page: metrics.savings works the totals out, charts.savings draws and formats them. The
page choices (grouping, kind of money, evidence, prudent values, price base, adjustments) live
in the URL, so a copied link reopens the same view.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from charts.formatting import format_count, format_money, format_percent
from charts.savings import (
    KIND_WORDS,
    SavingsContext,
    evidence_chart,
    evidence_table,
    figures_table,
    money_text,
    ranked_schemes_chart,
    ranked_table,
    savings_by_chart,
    totals_table,
)
from loaders.reference import DEFLATOR_ATTRIBUTION, load_deflator
from loaders.store import Store
from metrics.evidence import DEFAULT_ADJUSTMENTS, GRADES, grading_table
from metrics.filters import Filtered
from metrics.money import (
    CAPITAL_RECEIPT,
    HEADLINE_KINDS,
    KIND_LABELS,
    NON_SAVING_KINDS,
    ONE_OFF,
    RECURRING,
    SAVING_KINDS,
    achieved_only,
    adjustments_from_percent,
    adjustments_text,
    adjustments_to_percent,
    parse_adjustments,
)
from metrics.real_terms import financial_year_label, price_base_label, price_base_options
from metrics.savings import (
    DIMENSIONS,
    contributing_figures,
    document_years,
    evidence_mix,
    has_figures,
    headline_savings,
    non_savings_money,
    ranked_schemes,
    savings_by,
    savings_by_evidence,
    source_ids_of,
)
from pages.shared import (
    describe_labels,
    filter_caption,
    filtered,
    get_store,
    show_chart,
    source_titles,
)

ADJUSTABLE = ("actual", "estimate", "target", "anecdotal")
CASH = "cash"
# On screen Streamlit stretches a chart to its column (1140 px beside the sidebar in a 1600 px
# window) but keeps the texts as wrapped for the layout width: laid out at 1600 they would be cut
# off. Downloads are laid out again at their own sizes (charts.export presets).
SCREEN_SIZE = {"width": 1140, "height": 1000}
CARDS = (RECURRING, ONE_OFF, CAPITAL_RECEIPT, "multi_year", "by_date", "unspecified")
CARD_HELP = {
    RECURRING: "Savings quoted per year (or per month, week or day, put on a per-year footing).",
    ONE_OFF: "Savings that happen once, such as an avoided refurbishment.",
    CAPITAL_RECEIPT: "Money from selling sites or assets that collaboration freed up.",
    "multi_year": "Totals over a stated number of years; the per-year equivalent is below.",
    "by_date": "Cumulative savings expected by a date; no per-year equivalent.",
    "unspecified": (
        "Savings whose documents do not say whether they are per year, one-off or a total: "
        "ambiguous, so never treated as annual."
    ),
}
# URL parameter, session key and default of each page choice.
URL_CHOICES = {
    "by": ("sv_by", "theme"),
    "kind": ("sv_kind", RECURRING),
    "prices": ("sv_prices", CASH),
}


@dataclass(frozen=True)
class Choice:
    """What the reader chose on this page."""

    by: str
    kind: str
    price_base: int | None
    estimates: bool
    prudent: bool
    adjustments: Mapping[str, float]


@dataclass(frozen=True)
class View:
    """Everything the sections need: the data under the filters and the reader's choices."""

    store: Store
    result: Filtered
    figures: pd.DataFrame
    choice: Choice
    headline: pd.DataFrame

    def metric_args(self) -> dict:
        """Arguments every metric call shares."""
        return {
            "adjustments": self.choice.adjustments,
            "price_base_year": self.choice.price_base,
            "deflator": _deflator(),
        }


@st.cache_data(show_spinner=False)
def _deflator() -> pd.DataFrame:
    return load_deflator()


# --- page choices, kept in the URL --------------------------------------------------------------


def _start_from_url(prices: list[str]) -> None:
    """On the first run, each widget starts from the URL; unknown values give the default."""
    options = {"by": list(DIMENSIONS), "kind": list(HEADLINE_KINDS), "prices": prices}
    for param, (key, default) in URL_CHOICES.items():
        if key not in st.session_state:
            value = st.query_params.get(param, default)
            st.session_state[key] = value if value in options[param] else default
    for key, param in (("sv_estimates", "estimates"), ("sv_prudent", "prudent")):
        if key not in st.session_state:
            st.session_state[key] = st.query_params.get(param, "1") != "0"
    parsed = parse_adjustments(st.query_params.get("adj", ""), ADJUSTABLE)
    start = parsed or {b: DEFAULT_ADJUSTMENTS[b] for b in ADJUSTABLE}
    for basis, percent in adjustments_to_percent(start).items():
        st.session_state.setdefault(f"sv_adj_{basis}", percent)


def _write_url(adjustments: Mapping[str, float]) -> None:
    """Put every choice that differs from its default in the URL."""
    values = {param: st.session_state[key] for param, (key, _) in URL_CHOICES.items()}
    defaults = {param: default for param, (_, default) in URL_CHOICES.items()}
    values["estimates"] = "1" if st.session_state["sv_estimates"] else "0"
    values["prudent"] = "1" if st.session_state["sv_prudent"] else "0"
    defaults["estimates"] = defaults["prudent"] = "1"
    values["adj"] = adjustments_text(adjustments, ADJUSTABLE)
    defaults["adj"] = adjustments_text(DEFAULT_ADJUSTMENTS, ADJUSTABLE)
    for param, value in values.items():
        if value == defaults[param]:
            st.query_params.pop(param, None)
        else:
            st.query_params[param] = value


def _price_label(deflator: pd.DataFrame) -> Callable[[str], str]:
    """How the price-base choices read: cash, or a financial year's prices (forecast marked)."""
    forecast = set(deflator.loc[deflator["is_forecast"], "fy_start"].astype(int))

    def label(option: str) -> str:
        if option == CASH:
            return "Cash (each document's own prices)"
        year = int(option)
        return f"{financial_year_label(year)} prices" + (" (forecast)" if year in forecast else "")

    return label


def controls(deflator: pd.DataFrame) -> Choice:
    """Draw the page controls (started from the URL, written back to it); return the choice."""
    prices = [CASH, *(str(y) for y in price_base_options(deflator))]
    _start_from_url(prices)
    left, middle, right = st.columns(3)
    left.selectbox("Group by", list(DIMENSIONS), key="sv_by", format_func=DIMENSIONS.get)
    middle.selectbox(
        "Kind of money", list(HEADLINE_KINDS), key="sv_kind", format_func=KIND_LABELS.get
    )
    right.selectbox(
        "Price base",
        prices,
        key="sv_prices",
        format_func=_price_label(deflator),
        help="Real terms use the GDP deflator; a document's price year Y is read as "
        "financial year Y to Y+1.",
    )
    toggle_left, toggle_right = st.columns(2)
    toggle_left.toggle(
        "Include estimates, targets and anecdotal figures",
        key="sv_estimates",
        help="Off: only savings reported as achieved and measured (grade A).",
    )
    toggle_right.toggle("Show prudent (optimism-adjusted) values in charts", key="sv_prudent")
    with st.expander("Prudent adjustment by strength of evidence"):
        st.caption(
            "Each figure is cut by a share set by its evidence grade before prudent totals are "
            "added up. Defaults follow the Green Book's optimism-bias idea; change them here."
        )
        for column, basis in zip(st.columns(len(ADJUSTABLE)), ADJUSTABLE, strict=True):
            column.slider(
                f"{GRADES[basis].code}: {GRADES[basis].label}",
                0,
                100,
                step=5,
                key=f"sv_adj_{basis}",
                format="%d%%",
            )
    adjustments = adjustments_from_percent({b: st.session_state[f"sv_adj_{b}"] for b in ADJUSTABLE})
    _write_url(adjustments)
    price = st.session_state["sv_prices"]
    return Choice(
        by=st.session_state["sv_by"],
        kind=st.session_state["sv_kind"],
        price_base=None if price == CASH else int(price),
        estimates=st.session_state["sv_estimates"],
        prudent=st.session_state["sv_prudent"],
        adjustments=adjustments,
    )


# --- words --------------------------------------------------------------------------------------


def _match(schemes: pd.DataFrame) -> str:
    """'1 scheme matches', '9 schemes match': how an empty state starts."""
    return "1 scheme matches" if len(schemes) == 1 else f"{len(schemes)} schemes match"


def _count(n: int, noun: str) -> str:
    """'1 figure', '8 figures'."""
    return f"{format_count(n)} {noun}" + ("" if n == 1 else "s")


def context(view: View, *frames: pd.DataFrame) -> SavingsContext:
    """What the charts say about scope, prices and sources, for the results they show."""
    store, result, choice = view.store, view.result, view.choice
    ids = source_ids_of(*frames)
    labels = describe_labels(store)
    scope = (
        f"{len(result.schemes)} of {len(store.schemes)} schemes ({'; '.join(labels)})"
        if labels
        else f"all {len(store.schemes)} schemes"
    )
    note = ""
    if choice.price_base is not None:
        note = (
            f"Money in {financial_year_label(choice.price_base)} prices: a document's price "
            f"year Y is read as financial year Y to Y+1. {DEFLATOR_ATTRIBUTION}."
        )
    return SavingsContext(
        sources=source_titles(store, ids) or ["Figure store"],
        scope=scope,
        years=document_years(ids, store.sources),
        price_base=price_base_label(choice.price_base),
        adjustments={**DEFAULT_ADJUSTMENTS, **choice.adjustments},
        estimates_included=choice.estimates,
        real_terms_note=note,
    )


# --- sections -----------------------------------------------------------------------------------


def cards(headline: pd.DataFrame) -> None:
    """Metric cards: each kind of saving and capital receipts, quoted and prudent, never summed."""
    rows = headline.set_index("kind")
    for start in (0, 3):
        for column, kind in zip(st.columns(3), CARDS[start : start + 3], strict=True):
            row = rows.loc[kind]
            quoted = bool(row["n_figures"])
            column.metric(
                KIND_LABELS[kind],
                money_text(row["central"], kind) if quoted else "none quoted",
                delta=f"prudent {format_money(row['prudent'])}" if quoted else None,
                delta_color="off",
                delta_arrow="off",
                help=CARD_HELP[kind],
                border=True,
            )
            if quoted:
                detail = f"{_count(row['n_figures'], 'figure')} from "
                detail += _count(row["n_schemes"], "scheme")
                if kind == "multi_year":
                    detail += f"; about {format_money(row['annual_central'])} a year"
                column.caption(detail)


def figure_rows(view: View, kinds) -> pd.DataFrame:
    """The figures behind a chart, in their documents' words."""
    rows = contributing_figures(
        view.figures,
        view.result.schemes,
        view.choice.by,
        kinds=kinds,
        scheme_areas=view.store.scheme_areas,
        sources=view.store.sources,
        **view.metric_args(),
    )
    return figures_table(rows)


def by_category(view: View) -> None:
    kind, by = view.choice.kind, view.choice.by
    st.subheader(f"{KIND_LABELS[kind]} by {DIMENSIONS[by].lower()}")
    grouped = savings_by(
        view.figures,
        view.result.schemes,
        by,
        kinds=[kind],
        scheme_areas=view.store.scheme_areas,
        **view.metric_args(),
    )
    if not has_figures(grouped):
        st.info(
            f"{_match(view.result.schemes)}; none quotes {KIND_WORDS[kind]}. "
            "Choose another kind of money above."
        )
        return
    fig = savings_by_chart(
        grouped,
        kind=kind,
        by=by,
        context=context(view, grouped),
        headline=view.headline,
        show_prudent=view.choice.prudent,
        **SCREEN_SIZE,
    )
    show_chart(fig, name=f"{KIND_WORDS[kind]} by {by}", data=grouped, key="savings-by")
    if by == "area_any":
        st.caption("A scheme covering several areas counts in each: these bars overlap.")
    with st.expander("Table behind this chart"):
        st.dataframe(totals_table(grouped, "group"), hide_index=True)
        st.markdown("**Each figure, in its document's words**")
        st.dataframe(figure_rows(view, [kind]), hide_index=True)


def ranked(view: View) -> None:
    kind = view.choice.kind
    st.subheader(f"Schemes ranked by {KIND_WORDS[kind]}")
    table = ranked_schemes(view.figures, view.result.schemes, kind=kind, **view.metric_args())
    if table.empty:
        st.info(f"{_match(view.result.schemes)}; none quotes {KIND_WORDS[kind]}.")
        return
    fig = ranked_schemes_chart(
        table,
        kind=kind,
        context=context(view, table),
        headline=view.headline,
        show_prudent=view.choice.prudent,
        **SCREEN_SIZE,
    )
    show_chart(fig, name=f"schemes ranked by {KIND_WORDS[kind]}", data=table, key="ranked")
    with st.expander("Table behind this chart"):
        st.dataframe(ranked_table(table), hide_index=True)


def evidence(view: View) -> None:
    kind, by = view.choice.kind, view.choice.by
    st.subheader("Strength of evidence")
    pieces = savings_by_evidence(
        view.figures,
        view.result.schemes,
        by,
        kind=kind,
        scheme_areas=view.store.scheme_areas,
        **view.metric_args(),
    )
    if pieces.empty:
        st.info(f"{_match(view.result.schemes)}; none quotes {KIND_WORDS[kind]}.")
        return
    fig = evidence_chart(
        pieces, evidence_mix(pieces), kind=kind, by=by, context=context(view, pieces),
        **SCREEN_SIZE,
    )
    show_chart(fig, name=f"{KIND_WORDS[kind]} by evidence", data=pieces, key="evidence")
    with st.expander("Table behind this chart"):
        st.dataframe(evidence_table(pieces), hide_index=True)


def not_savings(view: View) -> None:
    st.subheader("Money that is not a saving")
    st.caption(
        "Costs, grants, payments from one service to another, spend baselines and wider "
        "benefits to partners are reported here and never added to savings."
    )
    money = non_savings_money(
        view.figures, view.result.schemes, view.choice.adjustments, view.choice.price_base
    )
    if money.empty:
        st.info(f"{_match(view.result.schemes)}; none quotes money of these kinds.")
        return
    st.dataframe(totals_table(money, "label"), hide_index=True)
    with st.expander("Each figure, in its document's words"):
        st.dataframe(figure_rows(view, NON_SAVING_KINDS), hide_index=True)


def method(adjustments: Mapping[str, float]) -> None:
    with st.expander("How these numbers are made"):
        st.markdown(
            "- **Bounds.** 'Up to £X' runs from £0 to £X; 'at least' and 'over' have no upper "
            "limit; 'about' counts as the value; a range is shown by its midpoint.\n"
            "- **Kinds of money are never added together.** Recurring (per year), one-off, "
            "multi-year totals, savings by a date and savings with no stated period are shown "
            "apart; capital receipts beside them; costs, grants and payments between services "
            "are not savings.\n"
            "- **Restatements.** A fact stated in two documents is counted once (the National "
            "Overview's words preferred); the other row is listed as 'restated elsewhere'.\n"
            "- **Prudent values** cut each figure by its evidence grade (below).\n"
            "- **Real terms** use the GDP deflator; price year Y is read as financial year "
            "Y to Y+1."
        )
        grades = grading_table()
        percent = adjustments_to_percent({**DEFAULT_ADJUSTMENTS, **adjustments})
        grades["prudent_adjustment"] = grades["basis"].map(
            lambda b: format_percent(percent[b], places=0)
        )
        st.dataframe(grades, hide_index=True)


def headline_section(view: View) -> None:
    """The cards, or why there are none."""
    schemes = view.result.schemes
    if not has_figures(view.headline):
        st.info(f"{_match(schemes)}; none reports a quantified saving.")
        return
    cards(view.headline)
    st.caption(
        f"Cards never add kinds together. {price_base_label(view.choice.price_base).capitalize()}"
        "; prudent = optimism-adjusted by strength of evidence."
    )
    if not has_figures(view.headline, SAVING_KINDS):
        st.info(f"{_match(schemes)}; none reports a quantified saving (capital receipts only).")


# --- the page -----------------------------------------------------------------------------------

store = get_store()
result = filtered(store)
st.title("Savings")
st.caption(
    "How much collaboration schemes say they save, by category, kind of saving and strength of "
    "evidence. Every figure keeps its document's words: open a table to read them."
)
filter_caption(store, result)
choice = controls(_deflator())
figures = achieved_only(result.figures, choice.estimates)
headline = headline_savings(figures, result.schemes, choice.adjustments, choice.price_base)
view = View(store, result, figures, choice, headline)

headline_section(view)
if has_figures(headline, SAVING_KINDS):
    by_category(view)
    ranked(view)
    evidence(view)
with st.expander("All kinds of saving, with their figure ids"):
    st.dataframe(totals_table(headline, "label"), hide_index=True)
not_savings(view)
method(choice.adjustments)
