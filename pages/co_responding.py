"""Co-responding & first response: response times against the 8-minute standard, first on
scene, ROSC and survival, and activity per year.

Thin page: metrics.outcomes builds the tables, charts.outcomes draws and formats them.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts import outcomes as oc
from metrics import outcomes as om
from pages.shared import (
    describe_labels,
    filter_caption,
    filtered,
    get_store,
    show_chart,
    source_titles,
)

VOLUME_SCOPES = {
    "first-response": "First response and co-responding schemes",
    "all": "All schemes that pass the filters",
}
VOLUME_PARAM, VOLUME_KEY, VOLUME_DEFAULT = "volumes", "cr_volumes", "first-response"


def _volume_scope() -> str:
    """Which schemes the activity chart covers; starts from the URL and is written back to it."""
    if VOLUME_KEY not in st.session_state:
        chosen = st.query_params.get(VOLUME_PARAM, VOLUME_DEFAULT)
        st.session_state[VOLUME_KEY] = chosen if chosen in VOLUME_SCOPES else VOLUME_DEFAULT
    st.radio(
        "Activity from",
        list(VOLUME_SCOPES),
        format_func=VOLUME_SCOPES.get,
        key=VOLUME_KEY,
        horizontal=True,
    )
    scope = st.session_state[VOLUME_KEY]
    if scope == VOLUME_DEFAULT:
        st.query_params.pop(VOLUME_PARAM, None)
    else:
        st.query_params[VOLUME_PARAM] = scope
    return scope


def _table(result: pd.DataFrame, kind: str, caption: str) -> None:
    st.caption(caption)
    st.dataframe(oc.display_table(result, kind), hide_index=True, width="stretch")


def _caveats(notes: list[str]) -> None:
    with st.expander("Caveats"):
        st.markdown("\n".join(f"- {oc.markdown_escape(note)}" for note in notes))


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
    _table(times, "response", "The times behind the chart, with their quotes and sources.")
    _caveats(oc.response_notes(times))

st.subheader("Share of incidents reached within 8 minutes")
attainment = om.target_attainment(rows)
st.write(om.coverage(attainment, result.schemes).sentence("how often it meets 8 minutes"))
if len(attainment):
    show_chart(
        oc.attainment_chart(attainment, source=titles, filters=filters),
        name="Share of incidents reached within 8 minutes",
        data=attainment,
        key="cr-attainment",
    )
    _table(attainment, "attainment", "The shares behind the chart.")
    _caveats(oc.attainment_notes(attainment))

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
if len(first):
    show_chart(
        oc.first_on_scene_chart(first, source=titles, filters=filters),
        name="Co-responders first on scene",
        data=first,
        key="cr-first",
    )
    _table(first, "first_on_scene", "The shares behind the chart.")
    _caveats(oc.first_on_scene_notes(first))

# --- cardiac arrest outcomes --------------------------------------------------------------

st.header("Cardiac arrest outcomes: ROSC and survival")
clinical = om.clinical_outcomes(rows)
st.write(om.coverage(clinical, result.schemes).sentence("a ROSC, survival or bystander CPR rate"))
if len(clinical):
    show_chart(
        oc.clinical_chart(clinical, source=titles, filters=filters),
        name="Cardiac arrest outcomes",
        data=clinical,
        key="cr-clinical",
    )
    _table(
        clinical,
        "clinical",
        "Each rate with the patient group it is for (its comparator group), quote and source.",
    )
    _caveats(oc.clinical_notes(clinical))

# --- activity per year --------------------------------------------------------------------

st.header("Activity per year")
scope = _volume_scope()
themes = ["first-response"] if scope == "first-response" else None
vols = om.volumes(rows, themes=themes)
noun = "first response schemes" if themes else "schemes"
coverage = om.coverage(vols, result.schemes, themes=themes, noun=noun)
st.write(coverage.sentence("an activity volume"))
if len(oc.drawable_volumes(vols)):
    show_chart(
        oc.volumes_chart(vols, source=titles, filters=filters, what="activity figures"),
        name="Co-responding activity per year",
        data=vols,
        key="cr-volumes",
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
