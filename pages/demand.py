"""Demand management: police requests resolved without an ambulance, police time released,
forced entry, and figures quoted as a change before and after a scheme.

Thin page: metrics.demand builds the tables, charts.outcomes draws and formats them.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts import outcomes as oc
from metrics import demand as dm
from metrics import outcomes as om
from pages.shared import (
    describe_labels,
    filter_caption,
    filtered,
    get_store,
    show_chart,
    source_titles,
)

ACTIVITY_SCOPES = {
    "forced-entry": "Forced entry schemes",
    "all": "All demand management schemes",
}
ACTIVITY_PARAM, ACTIVITY_KEY, ACTIVITY_DEFAULT = "activity", "dm_activity", "forced-entry"
DEMAND_THEME = "demand-management"


def _activity_scope() -> str:
    """Which schemes the activity chart covers; starts from the URL and is written back to it."""
    if ACTIVITY_KEY not in st.session_state:
        chosen = st.query_params.get(ACTIVITY_PARAM, ACTIVITY_DEFAULT)
        st.session_state[ACTIVITY_KEY] = chosen if chosen in ACTIVITY_SCOPES else ACTIVITY_DEFAULT
    st.radio(
        "Activity from",
        list(ACTIVITY_SCOPES),
        format_func=ACTIVITY_SCOPES.get,
        key=ACTIVITY_KEY,
        horizontal=True,
    )
    scope = st.session_state[ACTIVITY_KEY]
    if scope == ACTIVITY_DEFAULT:
        st.query_params.pop(ACTIVITY_PARAM, None)
    else:
        st.query_params[ACTIVITY_PARAM] = scope
    return scope


def _table(result: pd.DataFrame, kind: str, caption: str) -> None:
    st.caption(caption)
    st.dataframe(oc.display_table(result, kind), hide_index=True, width="stretch")


def _caveats(notes: list[str]) -> None:
    with st.expander("Caveats"):
        st.markdown("\n".join(f"- {oc.markdown_escape(note)}" for note in notes))


st.title("Demand management")
st.caption(
    "Whether collaboration sends the right service: police requests resolved without an "
    "ambulance, police time released, fire crews gaining entry for the ambulance service, and "
    "what changed before and after a scheme. Every figure as its scheme reported it, with its "
    "quote and source in the table beneath each chart."
)

store = get_store()
result = filtered(store)
filter_caption(store, result)
filters = describe_labels(store)
titles = {sid: source_titles(store, [sid])[0] for sid in store.sources["source_id"]}
rows = om.outcome_rows(result.figures, store)

# --- resolved without an ambulance --------------------------------------------------------

st.header("Police requests resolved without an ambulance")
resolved = dm.resolved_without_ambulance(rows)
st.write(
    om.coverage(resolved, result.schemes).sentence(
        "a share of requests resolved without an ambulance"
    )
)
if len(resolved):
    show_chart(
        oc.resolved_chart(resolved, source=titles, filters=filters),
        name="Police requests resolved without an ambulance",
        data=resolved,
        key="dm-resolved",
    )
    _table(resolved, "resolved", "The shares behind the chart, with their quotes and sources.")
    _caveats(oc.resolved_notes(resolved))

# --- police time released -----------------------------------------------------------------

st.header("Police and staff time released")
released = dm.staff_time_released(rows)
st.write(om.coverage(released, result.schemes).sentence("officer or staff time released"))
if len(released):
    cards = st.columns(min(len(released), 4))
    for card, (_, row) in zip(cards, released.head(4).iterrows(), strict=False):
        card.metric(row["area"], oc.hours_text(row["hours"]), help=oc.staff_time_help(row))
        card.caption(oc.staff_time_caption(row))
    _table(
        released,
        "staff_time",
        "Time released as quoted, and per year where the stated period allows.",
    )
    _caveats(oc.staff_time_notes(released))

# --- forced entry and other activity ------------------------------------------------------

st.header("Forced entry and other activity")
scope = _activity_scope()
if scope == ACTIVITY_DEFAULT:
    ids = dm.forced_entry_scheme_ids(store.schemes, rows)
    vols = dm.forced_entry_volumes(rows, store.schemes)
    coverage = om.coverage(vols, result.schemes, scheme_ids=ids, noun="forced entry schemes")
    what = "forced entry activity figures"
else:
    vols = om.volumes(rows, themes=[DEMAND_THEME])
    coverage = om.coverage(
        vols, result.schemes, themes=[DEMAND_THEME], noun="demand management schemes"
    )
    what = "demand management activity figures"
st.write(coverage.sentence("an activity volume"))
if len(oc.drawable_volumes(vols)):
    show_chart(
        oc.volumes_chart(vols, source=titles, filters=filters, what=what),
        name="Demand management activity per year",
        data=vols,
        key="dm-volumes",
    )
elif len(vols):
    st.info(
        f"{len(vols)} activity figures match, but none is an achieved count whose stated "
        "period allows a per-year rate; they are listed below as quoted."
    )
if len(vols):
    _table(
        vols,
        "volumes",
        "Every activity figure as quoted, with its per-year rate where the stated period "
        "allows one and how it was worked out (or why not).",
    )
    _caveats(oc.volumes_notes(vols))

st.subheader("Forced entry attendance times")
entry_times = dm.forced_entry_times(rows, store.schemes)
st.write(
    om.coverage(
        entry_times,
        result.schemes,
        scheme_ids=dm.forced_entry_scheme_ids(store.schemes, rows),
        noun="forced entry schemes",
    ).sentence("an attendance time")
)
if len(entry_times):
    _table(
        entry_times,
        "response",
        "Average attendance times at requests to gain entry, against the 8-minute ambulance "
        "standard for reference.",
    )
    _caveats(oc.response_notes(entry_times))

# --- before and after ---------------------------------------------------------------------

st.header("Before and after")
pairs = dm.before_after(rows)
st.write(om.coverage(pairs, result.schemes).sentence("a figure as a change from before to after"))
if len(pairs):
    show_chart(
        oc.before_after_chart(pairs, source=titles, filters=filters),
        name="Before and after",
        data=pairs,
        key="dm-before-after",
    )
    _table(
        pairs,
        "before_after",
        "Both ends of each change, the change in the figure's own unit, and whether it moved "
        "the way the measure prefers.",
    )
    _caveats(oc.before_after_notes(pairs))
