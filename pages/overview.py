"""Overview: the dashboard's front page. Headline counts and savings, three briefing charts
(savings by theme, schemes by theme and status, schemes on the map) and a link to every journey.

Thin page: metrics.overview and metrics.savings compute, charts.overview draws. The price base
is kept in the URL (?prices=2024, the same parameter as the Savings page).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from charts.formatting import format_count, format_money
from charts.overview import (
    for_screen,
    money_total_text,
    savings_by_theme_chart,
    schemes_by_theme_status_chart,
    schemes_map_chart,
)
from loaders.reference import load_deflator, load_pfa
from loaders.store import Store
from metrics.filters import Filtered
from metrics.money import KIND_LABELS, ONE_OFF, RECURRING
from metrics.overview import (
    SERVICE_NAMES,
    SERVICE_ORDER,
    count_value,
    headline_counts,
    map_table,
    schemes_by_theme_status,
    unmapped_schemes,
)
from metrics.real_terms import financial_year_label, price_base_label, price_base_options
from metrics.savings import contributing_figures, document_years, headline_savings, savings_by
from pages.shared import describe_labels, filter_caption, filtered, get_store, show_chart
from pages.shared import source_titles as titles_of

CASH = "cash"
PRICES_KEY, PRICES_PARAM = "ov_prices", "prices"
JOURNEYS = (
    ("pages/savings.py", "Savings", ":material/savings:", "how much, by theme, area, kind of "
     "money and strength of evidence"),
    ("pages/co_responding.py", "Co-responding & first response", ":material/ecg_heart:",
     "response times against 8 minutes, first on scene, ROSC and survival"),
    ("pages/demand.py", "Demand management", ":material/call_split:",
     "calls resolved without an ambulance, police hours released"),
    ("pages/value_for_money.py", "Value for money", ":material/balance:",
     "cost-benefit ratios, investment beside savings, payback"),
    ("pages/schemes.py", "Schemes", ":material/list_alt:",
     "search, read every figure with its quote, compare schemes"),
    ("pages/data_method.py", "Data & method", ":material/database:",
     "sources, evidence grading, data quality, downloads"),
)  # fmt: skip
# Column headings for the tables behind the charts (the CSV keeps the plain names).
LABELS = {
    "theme_label": "Theme",
    "status_label": "Status",
    "status": "Status",
    "n_schemes": "Schemes",
    "theme_total": "Schemes in the theme",
    "scheme_ids": "Scheme ids",
    "scheme_id": "Scheme id",
    "name": "Scheme",
    "area_names": "Areas",
    "source_ids": "Documents",
    "locator": "Where the document describes it",
    "force_area": "Police force area",
    "n_direct": "Named there",
    "n_wider": "Through a wider area",
    "via_areas": "Wider areas",
    "scheme_names": "Scheme names",
}
OTHER_KINDS = ("multi_year", "by_date", "unspecified", "capital_receipt")
BOUNDS = ("lower", "central", "upper", "upper_open")
ROOT = Path(__file__).resolve().parents[1]
SCREEN_SIZE: dict[str, int | None] = {"width": 900, "height": None}  # None: fitted to the bars
MAP_SCREEN_SIZE = {"width": 900, "height": 1000}
# Charts are laid out for the screen column (they stretch to it, texts never cut); the
# downloads are laid out again at their own sizes by pages.shared.show_chart.


@st.cache_data(show_spinner=False)
def _deflator() -> pd.DataFrame:
    return load_deflator()


@st.cache_data(show_spinner=False)
def _pfa() -> pd.DataFrame:
    return load_pfa()


def _many(n: int, noun: str) -> str:
    """'1 figure', '8 figures'."""
    return f"{format_count(n)} {noun}{'' if n == 1 else 's'}"


def _ids_in(column: pd.Series) -> list[str]:
    """The ids in a ';'-joined id column, for source lines."""
    return sorted({i for cell in column.dropna() for i in str(cell).split(";") if i})


# --- page controls -----------------------------------------------------------------------------


def price_base(deflator: pd.DataFrame) -> int | None:
    """The price base chosen (financial-year start), None for cash terms; kept in the URL."""
    options = [CASH, *(str(y) for y in price_base_options(deflator))]
    if PRICES_KEY not in st.session_state:
        wanted = st.query_params.get(PRICES_PARAM, CASH)
        st.session_state[PRICES_KEY] = wanted if wanted in options else CASH
    st.columns([1, 2])[0].selectbox(
        "Prices",
        options,
        key=PRICES_KEY,
        format_func=lambda p: (
            "Cash (each document's own prices)"
            if p == CASH
            else f"{financial_year_label(int(p))} prices"
        ),
        help="Real terms use the GDP deflator; a document's price year Y is read as the "
        "financial year Y to Y+1.",
    )
    chosen = st.session_state[PRICES_KEY]
    if chosen == CASH:
        st.query_params.pop(PRICES_PARAM, None)
        return None
    st.query_params[PRICES_PARAM] = chosen
    return int(chosen)


# --- sections ----------------------------------------------------------------------------------


def count_cards(counts: pd.DataFrame, n_force_areas: int) -> None:
    """Schemes, places, organisations by service type, documents and figures."""
    cards = st.columns(5)
    cards[0].metric("Schemes", format_count(count_value(counts, "schemes")))
    cards[1].metric(
        "Police force areas reached",
        f"{format_count(count_value(counts, 'force_areas'))} of {n_force_areas}",
        help="A scheme in a region or multi-force area reaches each of its force areas.",
    )
    cards[2].metric("Organisations", format_count(count_value(counts, "organisations")))
    cards[3].metric("Documents", format_count(count_value(counts, "documents")))
    cards[4].metric(
        "Figures",
        format_count(count_value(counts, "figures")),
        help="Each fact once: a figure restated in a second document is not counted again.",
    )
    st.caption("Organisations taking part, by service type")
    by_type = st.columns(len(SERVICE_ORDER))
    for column, service in zip(by_type, SERVICE_ORDER, strict=True):
        column.metric(
            SERVICE_NAMES[service], format_count(count_value(counts, f"organisations_{service}"))
        )


def savings_cards(headline: pd.DataFrame, prices: str) -> None:
    """Quoted recurring and one-off savings, each beside its prudent value."""
    rows = headline.set_index("kind")
    cards = st.columns(4)
    for offset, kind, label in (
        (0, RECURRING, "Recurring savings a year"),
        (2, ONE_OFF, "One-off savings"),
    ):
        row = rows.loc[kind]
        quoted = (
            money_total_text(row["lower"], row["central"], row["upper"], row["upper_open"])
            if row["n_figures"]
            else "none quoted"
        )
        cards[offset].metric(f"{label}, as quoted", quoted)
        cards[offset + 1].metric(
            f"{label}, prudent",
            format_money(row["prudent"]) if row["n_figures"] else "–",
            help="Each figure cut by its strength of evidence: achieved 10%, estimated 25%, "
            "target or anecdotal 40% (see Data & method).",
        )
        cards[offset].caption(
            f"{_many(row['n_figures'], 'figure')} from {_many(row['n_schemes'], 'scheme')}; "
            f"{_many(row['n_schemes_without'], 'scheme')} quote none"
        )
    others = [
        f"{KIND_LABELS[k].lower()}: {money_total_text(*rows.loc[k, list(BOUNDS)])}"
        for k in OTHER_KINDS
        if rows.loc[k, "n_figures"]
    ]
    st.caption(
        f"In {prices}. Never added together, and not in the cards above: "
        + ("; ".join(others) if others else "no other kind of saving is quoted")
        + ". The Savings page breaks every kind down."
    )


def journeys() -> None:
    """One link per journey page: every view is within three clicks of here."""
    st.subheader("Explore")
    columns = st.columns(3)
    for i, (page, label, icon, what) in enumerate(JOURNEYS):
        with columns[i % 3]:
            if (ROOT / page).exists():
                st.page_link(page, label=label, icon=icon)
            else:  # a page still being built: say so rather than fail
                st.markdown(f"{label} (not available yet)")
            st.caption(what)


def savings_section(store: Store, result: Filtered, prices_year: int | None) -> None:
    """Recurring savings by theme, quoted and prudent, with the figures behind them."""
    st.subheader("Recurring savings by theme")
    by_theme = savings_by(
        result.figures, result.schemes, "theme", kinds=[RECURRING], price_base_year=prices_year
    )
    quoted = by_theme[by_theme["n_figures"] > 0]
    if quoted.empty:
        st.info(
            f"{len(result.schemes)} schemes match the filters; none quotes a recurring saving. "
            "Other kinds of money are on the Savings page."
        )
        return
    source_ids = _ids_in(quoted["source_ids"])
    fig = savings_by_theme_chart(
        by_theme,
        sources=titles_of(store, source_ids),
        filters=describe_labels(store),
        when=document_years(source_ids, store.sources),
        price_base=price_base_label(prices_year),
        other_kinds_note="Not included: one-off, multi-year, by-a-date and undated savings, "
        "and capital receipts (see the Savings page).",
        **SCREEN_SIZE,
    )
    table = _theme_table(by_theme)
    show_chart(for_screen(fig), name="Recurring savings by theme", data=table, key="ov-savings")
    with st.expander("Table behind this chart, and every figure with its quote"):
        st.dataframe(table, hide_index=True, width="stretch", column_config=LABELS)
        behind = contributing_figures(
            result.figures,
            result.schemes,
            "theme",
            kinds=[RECURRING],
            price_base_year=prices_year,
            sources=store.sources,
        )
        st.dataframe(_figure_table(behind), hide_index=True, width="stretch")


def _theme_table(by_theme: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "theme": by_theme["group"],
            "quoted a year": [
                money_total_text(r.lower, r.central, r.upper, r.upper_open) if r.n_figures else "–"
                for r in by_theme.itertuples(index=False)
            ],
            "prudent a year": [
                format_money(r.prudent) if r.n_figures else "–"
                for r in by_theme.itertuples(index=False)
            ],
            "central": by_theme["central"],
            "prudent": by_theme["prudent"],
            "figures": by_theme["n_figures"],
            "schemes quoting": by_theme["n_schemes"],
            "schemes quoting none": by_theme["n_schemes_without"],
            "figure_ids": by_theme["figure_ids"],
        }
    )


def _figure_table(behind: pd.DataFrame) -> pd.DataFrame:
    """Each money figure with its verbatim quote, source and locator."""
    return pd.DataFrame(
        {
            "theme": behind["group"],
            "scheme": behind["scheme"],
            "kind": behind["kind_label"],
            "value": behind["central"].map(format_money),
            "prudent": behind["prudent"].map(format_money),
            "quote": behind["quote"],
            "source": behind["source"],
            "locator": behind["locator"],
            "evidence": behind["grade"],
            "counted": behind["counted"],
            "figure_id": behind["figure_id"],
        }
    )


def status_section(store: Store, result: Filtered) -> None:
    """Schemes by theme and status, with the schemes behind the counts."""
    st.subheader("Schemes by theme and status")
    by_status = schemes_by_theme_status(result.schemes, store.themes)
    if by_status.empty:
        st.info("No scheme matches the filters.")
        return
    source_ids = _ids_in(result.schemes["source_ids"])
    fig = schemes_by_theme_status_chart(
        by_status,
        sources=titles_of(store, source_ids),
        filters=describe_labels(store),
        when=document_years(source_ids, store.sources),
        **SCREEN_SIZE,
    )
    table = by_status[["theme_label", "status_label", "n_schemes", "theme_total", "scheme_ids"]]
    show_chart(for_screen(fig), name="Schemes by theme and status", data=table, key="ov-status")
    with st.expander("Table behind this chart, and where each scheme is described"):
        st.dataframe(table, hide_index=True, width="stretch", column_config=LABELS)
        st.dataframe(
            result.schemes[
                [
                    "name",
                    "theme_label",
                    "status",
                    "area_names",
                    "source_ids",
                    "locator",
                    "scheme_id",
                ]
            ],
            column_config=LABELS,
            hide_index=True,
            width="stretch",
        )


def map_section(store: Store, result: Filtered) -> None:
    """Schemes by police force area on the offline map, with the table and unmapped schemes."""
    st.subheader("Where the schemes are")
    by_area = map_table(result.schemes, store.scheme_areas, store.areas, _pfa())
    national = unmapped_schemes(result.schemes, store.scheme_areas, store.areas)
    if not (by_area["n_schemes"] > 0).any():
        st.info(
            f"{len(result.schemes)} schemes match the filters; none is placed in a police "
            "force area."
        )
        return
    source_ids = _ids_in(result.schemes["source_ids"])
    fig = schemes_map_chart(
        by_area,
        n_unmapped=len(national),
        sources=titles_of(store, source_ids),
        filters=describe_labels(store),
        when=document_years(source_ids, store.sources),
        **MAP_SCREEN_SIZE,
    )
    table = by_area[by_area["n_schemes"] > 0][
        [
            "force_area",
            "n_schemes",
            "n_direct",
            "n_wider",
            "via_areas",
            "scheme_names",
            "scheme_ids",
        ]
    ]
    show_chart(fig, name="Schemes by police force area", data=table, key="ov-map")
    with st.expander("Table behind this map, and the national schemes it leaves out"):
        st.dataframe(table, hide_index=True, width="stretch", column_config=LABELS)
        if len(national):
            st.caption(f"{len(national)} national schemes have no force area and are not mapped:")
            st.dataframe(national, hide_index=True, width="stretch", column_config=LABELS)


# --- page --------------------------------------------------------------------------------------

store = get_store()
result = filtered(store, keep_context=True)
st.title("Blue-light collaboration: overview")
st.markdown(
    "What police, fire and rescue and ambulance collaboration schemes in England and Wales "
    "report, every number traceable to the words of its source document."
)
filter_caption(store, result)

counts = headline_counts(
    result.schemes, store.scheme_areas, store.scheme_organisations, result.figures, store.areas
)
count_cards(counts, len(_pfa()))

st.subheader("Quoted savings")
deflator = _deflator()
prices_year = price_base(deflator)
headline = headline_savings(result.figures, result.schemes, price_base_year=prices_year)
savings_cards(headline, price_base_label(prices_year))

journeys()
savings_section(store, result, prices_year)
status_section(store, result)
map_section(store, result)
