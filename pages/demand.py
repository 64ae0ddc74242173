"""Demand management: police requests resolved without an ambulance, police time released,
forced entry, and figures quoted as a change before and after a scheme.

Thin page: metrics.demand builds the tables, charts.outcomes draws and formats them.
"""

from __future__ import annotations

import streamlit as st

from charts import outcomes as oc
from metrics import demand as dm
from metrics import outcomes as om
from pages.outcome_sections import caveats, chart_section, table, volumes_section
from pages.shared import (
    describe_labels,
    filter_caption,
    filtered,
    get_store,
    source_titles,
    url_choice,
)

ACTIVITY_SCOPES = {
    "forced-entry": "Forced entry schemes",
    "all": "All demand management schemes",
}
ACTIVITY_PARAM, ACTIVITY_KEY, ACTIVITY_DEFAULT = "activity", "dm_activity", "forced-entry"
DEMAND_THEME = "demand-management"


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
chart_section(
    resolved,
    lambda: oc.resolved_chart(resolved, source=titles, filters=filters),
    name="Police requests resolved without an ambulance",
    key="dm-resolved",
    kind="resolved",
    caption="The shares behind the chart, with their quotes and sources.",
    notes=oc.resolved_notes,
)

# --- police time released -----------------------------------------------------------------

st.header("Police and staff time released")
released = dm.staff_time_released(rows)
st.write(om.coverage(released, result.schemes).sentence("officer or staff time released"))
if len(released):
    cards = st.columns(min(len(released), 4))
    for card, (_, row) in zip(cards, released.head(4).iterrows(), strict=False):
        card.metric(row["area"], oc.hours_text(row["hours"]), help=oc.staff_time_help(row))
        card.caption(oc.staff_time_caption(row))
    table(
        released,
        "staff_time",
        "Time released as quoted, and per year where the stated period allows.",
    )
    caveats(oc.staff_time_notes(released))

# --- forced entry and other activity ------------------------------------------------------

st.header("Forced entry and other activity")
scope = url_choice(
    "Activity from",
    ACTIVITY_SCOPES,
    param=ACTIVITY_PARAM,
    key=ACTIVITY_KEY,
    default=ACTIVITY_DEFAULT,
)
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
volumes_section(
    vols,
    source=titles,
    filters=filters,
    what=what,
    name="Demand management activity per year",
    key="dm-volumes",
)

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
    table(
        entry_times,
        "response",
        "Average attendance times at requests to gain entry, against the 8-minute ambulance "
        "standard for reference.",
    )
    caveats(oc.response_notes(entry_times))

# --- before and after ---------------------------------------------------------------------

st.header("Before and after")
pairs = dm.before_after(rows)
st.write(om.coverage(pairs, result.schemes).sentence("a figure as a change from before to after"))
chart_section(
    pairs,
    lambda: oc.before_after_chart(pairs, source=titles, filters=filters),
    name="Before and after",
    key="dm-before-after",
    kind="before_after",
    caption="Both ends of each change, the change in the figure's own unit, and whether it moved "
    "the way the measure prefers.",
    notes=oc.before_after_notes,
)
