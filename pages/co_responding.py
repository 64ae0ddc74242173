"""Co-responding & first response: response times against the 8-minute standard, first on
scene, ROSC and survival, and activity per year.

Thin page: metrics.outcomes builds the tables, charts.outcomes draws and formats them.
"""

from __future__ import annotations

import streamlit as st

from charts import outcomes as oc
from metrics import outcomes as om
from pages.outcome_sections import caveats, chart_section, table, volumes_section
from pages.shared import (
    describe_labels,
    filter_caption,
    filtered,
    get_store,
    show_chart,
    source_titles,
    url_choice,
)

VOLUME_SCOPES = {
    "first-response": "First response and co-responding schemes",
    "all": "All schemes that pass the filters",
}
VOLUME_PARAM, VOLUME_KEY, VOLUME_DEFAULT = "volumes", "cr_volumes", "first-response"


st.title("Co-responding & first response")
st.caption(
    "How fast fire, police and ambulance co-responders arrive, how often they arrive first, "
    "what happens to cardiac arrest patients, and how much they do each year: every figure as "
    "its scheme reported it, with its quote and source in the table beneath each chart."
)

store = get_store()
result = filtered(store)
filter_caption(store, result)
filters = describe_labels(store)
titles = {sid: source_titles(store, [sid])[0] for sid in store.sources["source_id"]}
rows = om.outcome_rows(result.figures, store)

# --- response times -----------------------------------------------------------------------

st.header("Response times against the 8-minute standard")
times = om.response_times(rows)
drawn_times = times[times["measure"] == "response_time"]
st.write(om.coverage(times, result.schemes).sentence("a response or attendance time"))
if len(drawn_times):
    show_chart(
        oc.response_time_chart(times, source=titles, filters=filters),
        name="Response times against the 8-minute standard",
        data=times,
        key="cr-response",
    )
if len(times):
    table(times, "response", "The times behind the chart, with their quotes and sources.")
    caveats(oc.response_notes(times))

st.subheader("Share of incidents reached within 8 minutes")
attainment = om.target_attainment(rows)
st.write(om.coverage(attainment, result.schemes).sentence("how often it meets 8 minutes"))
chart_section(
    attainment,
    lambda: oc.attainment_chart(attainment, source=titles, filters=filters),
    name="Share of incidents reached within 8 minutes",
    key="cr-attainment",
    kind="attainment",
    caption="The shares behind the chart.",
    notes=oc.attainment_notes,
)

with st.expander("Where the standards come from"):
    quoted = om.quoted_standards(store)
    st.caption(
        "The 8-minute line and the 75% standard are drawn from these national figures, "
        "as the documents quote them."
    )
    st.dataframe(oc.display_table(quoted, "standards"), hide_index=True, width="stretch")

# --- first on scene -----------------------------------------------------------------------

st.header("First on scene")
first = om.first_on_scene(rows)
st.write(
    om.coverage(first, result.schemes).sentence(
        "how often fire or police arrived before the ambulance"
    )
)
chart_section(
    first,
    lambda: oc.first_on_scene_chart(first, source=titles, filters=filters),
    name="Co-responders first on scene",
    key="cr-first",
    kind="first_on_scene",
    caption="The shares behind the chart.",
    notes=oc.first_on_scene_notes,
)

# --- cardiac arrest outcomes --------------------------------------------------------------

st.header("Cardiac arrest outcomes: ROSC and survival")
clinical = om.clinical_outcomes(rows)
st.write(om.coverage(clinical, result.schemes).sentence("a ROSC, survival or bystander CPR rate"))
chart_section(
    clinical,
    lambda: oc.clinical_chart(clinical, source=titles, filters=filters),
    name="Cardiac arrest outcomes",
    key="cr-clinical",
    kind="clinical",
    caption="Each rate with the patient group it is for (its comparator group), quote and source.",
    notes=oc.clinical_notes,
)

# --- activity per year --------------------------------------------------------------------

st.header("Activity per year")
scope = url_choice(
    "Activity from",
    VOLUME_SCOPES,
    param=VOLUME_PARAM,
    key=VOLUME_KEY,
    default=VOLUME_DEFAULT,
)
themes = ["first-response"] if scope == "first-response" else None
vols = om.volumes(rows, themes=themes)
noun = "first response schemes" if themes else "schemes"
coverage = om.coverage(vols, result.schemes, themes=themes, noun=noun)
st.write(coverage.sentence("an activity volume"))
volumes_section(
    vols,
    source=titles,
    filters=filters,
    what="activity figures",
    name="Co-responding activity per year",
    key="cr-volumes",
)
