"""Schemes: search every scheme, read all of one scheme's figures with their verbatim quotes and
sources, or compare two to four schemes side by side.

Thin page: metrics.schemes searches, describes and compares. The search text and the chosen
schemes live in the URL (?q=defibrillator&scheme=fr-london-cardiac-arrest,fr-essex-...), so a
copied link reopens the same view.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from charts.formatting import format_count, format_value
from loaders.store import Store
from metrics.schemes import (
    MAX_COMPARE,
    MIN_COMPARE,
    compare_schemes,
    scheme_detail,
    scheme_list,
    scheme_profile,
    search_schemes,
)
from pages.shared import current_filters, filter_caption, filtered, get_store

SEARCH_KEY, SEARCH_PARAM = "sc_query", "q"
CHOSEN_KEY, CHOSEN_PARAM = "sc_schemes", "scheme"
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|$~<>])")

FIGURE_COLUMNS = {
    "value_text": st.column_config.TextColumn("Value", width="medium"),
    "quote": st.column_config.TextColumn("Verbatim quote", width="large"),
    "subject": st.column_config.TextColumn("What is counted", width="large"),
    "evidence": st.column_config.TextColumn("Evidence", width="small"),
    "source": st.column_config.TextColumn("Source", width="medium"),
    "locator": st.column_config.TextColumn("Where in the source", width="medium"),
    "measure_label": st.column_config.TextColumn("Measure", width="small"),
    "period": st.column_config.TextColumn("Period", width="small"),
    "flags": st.column_config.TextColumn("Quality flags", width="small"),
    "notes": st.column_config.TextColumn("Notes", width="large"),
    "same_fact_as": st.column_config.TextColumn("Same fact in", width="small"),
    "figure_id": st.column_config.TextColumn("Figure id", width="small"),
}
# Tables are tall enough to show their rows without scrolling, up to about 20 rows.
ROW_PX, MAX_TABLE_PX = 35, 740
LIST_COLUMNS = {
    "name": st.column_config.TextColumn("Scheme", width="large"),
    "theme": st.column_config.TextColumn("Theme", width="medium"),
    "status": st.column_config.TextColumn("Status", width="small"),
    "areas": st.column_config.TextColumn("Areas", width="medium"),
    "organisations": st.column_config.TextColumn("Organisations", width="medium"),
    "services": st.column_config.TextColumn("Services", width="medium"),
    "start": st.column_config.TextColumn("Start", width="small"),
    "n_figures": st.column_config.NumberColumn("Figures", width="small"),
    "matched_in": st.column_config.TextColumn("Words found in", width="small"),
    "scheme_id": st.column_config.TextColumn("Scheme id", width="medium"),
}


def _height(rows: int, cap: int = MAX_TABLE_PX) -> int:
    return min(cap, ROW_PX * (rows + 1) + 3)


def plain(text: str) -> str:
    """Data text made safe for st.markdown: its markdown marks shown as typed."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


# --- page state, kept in the URL ---------------------------------------------------------------


def search_box() -> str:
    """The free-text search, started from ?q= and written back to it."""
    if SEARCH_KEY not in st.session_state:
        st.session_state[SEARCH_KEY] = st.query_params.get(SEARCH_PARAM, "")
    st.text_input(
        "Search schemes",
        key=SEARCH_KEY,
        placeholder="e.g. defibrillator, Cheshire, shared HQ, NWAS",
        help="Looks in names, summaries, sub-themes, areas and organisations; every word must "
        "appear.",
    )
    query = st.session_state[SEARCH_KEY].strip()
    if query:
        st.query_params[SEARCH_PARAM] = query
    else:
        st.query_params.pop(SEARCH_PARAM, None)
    return query


def choose_schemes(schemes: pd.DataFrame, matches: pd.DataFrame) -> list[str]:
    """Up to four schemes, started from ?scheme=a,b and written back; chosen schemes stay
    choosable when a new search no longer matches them."""
    names = schemes.set_index("scheme_id")["name"]
    if CHOSEN_KEY not in st.session_state:
        wanted = st.query_params.get(CHOSEN_PARAM, "").split(",")
        st.session_state[CHOSEN_KEY] = [s for s in wanted if s in names.index][:MAX_COMPARE]
    chosen = [s for s in st.session_state[CHOSEN_KEY] if s in names.index]
    options = list(dict.fromkeys([*chosen, *matches["scheme_id"]]))
    st.multiselect(
        f"Choose one scheme to read all its figures, or {MIN_COMPARE} to {MAX_COMPARE} to "
        "compare them",
        options,
        key=CHOSEN_KEY,
        format_func=lambda s: str(names.get(s, s)),
        max_selections=MAX_COMPARE,
        placeholder="Type a scheme's name",
    )
    chosen = list(st.session_state[CHOSEN_KEY])
    if chosen:
        st.query_params[CHOSEN_PARAM] = ",".join(chosen)
    else:
        st.query_params.pop(CHOSEN_PARAM, None)
    return chosen


# --- views -------------------------------------------------------------------------------------


def scheme_table(matches: pd.DataFrame, n_filtered: int, query: str) -> None:
    """The schemes that match the filters and the search, or why there are none."""
    if matches.empty:
        st.info(
            f"None of the {format_count(n_filtered)} schemes under the filters mentions "
            f"“{plain(query)}”. Try fewer or shorter words, or clear the sidebar filters."
        )
        return
    if query:
        st.caption(
            f"{format_count(len(matches))} of {format_count(n_filtered)} schemes under the "
            f"filters {'mentions' if len(matches) == 1 else 'mention'} every word of "
            f"“{plain(query)}”."
        )
    listed = scheme_list(matches).assign(matched_in=matches["matched_in"].to_numpy())
    columns = [c for c in LIST_COLUMNS if query or c != "matched_in"]
    st.dataframe(
        listed[columns],
        hide_index=True,
        width="stretch",
        height=min(420, _height(len(listed))),
        column_config=LIST_COLUMNS,
    )


def figures_table(store: Store, scheme_id: str, bases: tuple[str, ...]) -> None:
    """All figures of one scheme, each with its value in words, quote, source and locator."""
    shown = scheme_detail(store.figures, store.sources, scheme_id, fmt=format_value, bases=bases)
    every = scheme_detail(store.figures, store.sources, scheme_id, fmt=format_value)
    if every.empty:
        st.info(
            "This scheme quotes no figures: the documents describe it in words only "
            "(see the summary above)."
        )
        return
    if shown.empty:
        st.info(
            f"This scheme has {format_count(len(every))} figures, none with the strength of "
            "evidence chosen in the sidebar."
        )
        return
    hidden = len(every) - len(shown)
    st.caption(
        f"{format_count(len(shown))} figures, in the order the documents give them"
        + (f" ({format_count(hidden)} more hidden by the evidence filter)" if hidden else "")
        + ". “Same fact in” names the figure that states the same fact in another document."
    )
    st.dataframe(
        shown[list(FIGURE_COLUMNS)],
        hide_index=True,
        width="stretch",
        height=_height(len(shown)),
        column_config=FIGURE_COLUMNS,
    )


def detail_view(store: Store, scheme_id: str, bases: tuple[str, ...], in_filters: bool) -> None:
    """One scheme: what it is, where it is described, and every figure it quotes."""
    name = str(store.schemes.set_index("scheme_id").at[scheme_id, "name"])
    st.subheader(plain(name))
    if not in_filters:
        st.caption("Shown because it is chosen, although the sidebar filters leave it out.")
    # st.table wraps the long summary and notes instead of cutting them.
    profile = scheme_profile(store.schemes, scheme_id)
    st.table(
        profile.rename(columns={"field": "About the scheme", "value": ""}).set_index(
            "About the scheme"
        )
    )
    figures_table(store, scheme_id, bases)


def compare_view(store: Store, chosen: list[str], bases: tuple[str, ...]) -> None:
    """Two to four schemes side by side, then each one's figures with their quotes."""
    st.subheader(f"Comparing {len(chosen)} schemes")
    table = compare_schemes(store.schemes, store.figures, chosen, fmt=format_value, bases=bases)
    st.caption(
        "Figures are listed by what they measure, each fact once; open a scheme below for "
        "every figure with its verbatim quote and source."
    )
    st.dataframe(
        table.drop(columns="row_kind"),
        hide_index=True,
        width="stretch",
        height=_height(len(table), cap=2 * MAX_TABLE_PX),
        column_config={"field": st.column_config.TextColumn("Compared", width="medium")},
    )
    names = store.schemes.set_index("scheme_id")["name"]
    for scheme_id in chosen:
        with st.expander(f"{plain(str(names[scheme_id]))}: every figure with its quote"):
            figures_table(store, scheme_id, bases)


# --- page --------------------------------------------------------------------------------------

store = get_store()
result = filtered(store)
st.title("Schemes")
st.markdown(
    "Search the collaboration schemes, read every figure a scheme quotes with its source's own "
    "words, or compare schemes side by side."
)
filter_caption(store, result)

query = search_box()
matches = search_schemes(result.schemes, store.scheme_organisations, query)
scheme_table(matches, len(result.schemes), query)
chosen = choose_schemes(store.schemes, matches)
bases = current_filters().bases

if not chosen:
    st.info(
        "Choose a scheme above to see all its figures with their quotes, or choose "
        f"{MIN_COMPARE} to {MAX_COMPARE} schemes to compare them."
    )
elif len(chosen) == 1:
    detail_view(store, chosen[0], bases, chosen[0] in set(result.schemes["scheme_id"]))
else:
    compare_view(store, chosen, bases)
