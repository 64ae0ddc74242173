"""Value for money: cost-benefit ratios (quoted, recomputed, banded) and investments with payback.

Thin page: metrics.value works the numbers out, charts.value draws and formats them.
"""

from __future__ import annotations

import streamlit as st

from charts.briefing import source_line
from charts.value import investment_chart, investment_display, ratio_chart, ratio_display
from metrics.value import (
    VFM_SOURCE,
    document_years,
    investments_and_savings,
    select_ratio_kinds,
    source_ids,
    value_for_money,
    vfm_summary,
)
from pages.shared import (
    describe_labels,
    filter_caption,
    filtered,
    get_store,
    show_chart,
    source_titles,
    url_choice,
)

RATIO_VIEWS = {
    "both": ("Quoted and recomputed", ("quoted", "recomputed")),
    "quoted": ("Quoted only", ("quoted",)),
}
RATIO_PARAM, UNSTATED_PARAM = "ratios", "unstated"


def _init_state() -> None:
    """The sensitivity toggle starts from the URL, so a copied link reopens the same view."""
    if "vfm_unstated" not in st.session_state:
        st.session_state["vfm_unstated"] = st.query_params.get(UNSTATED_PARAM) == "annual"


def _sync_query() -> None:
    """Write the sensitivity toggle back to the URL (off, the default, is left out)."""
    if st.session_state["vfm_unstated"]:
        st.query_params[UNSTATED_PARAM] = "annual"
    else:
        st.query_params.pop(UNSTATED_PARAM, None)


st.title("Value for money")
st.caption(
    "What schemes say they return for each £1 spent, checked against their own cost and "
    "benefit figures and placed in the value-for-money bands used in UK appraisal; and how long "
    "quoted investments would take to pay back from quoted recurring savings."
)

store = get_store()
result = filtered(store)
filter_caption(store, result)
_init_state()
filters = describe_labels(store)
titles = dict(zip(store.sources["source_id"], store.sources["title"], strict=True))

ratios = value_for_money(result.figures, store.schemes)
investments = investments_and_savings(result.figures, store.schemes)
summary = vfm_summary(ratios, investments)

cards = st.columns(4)
cards[0].metric("Quoted cost-benefit ratios", summary["quoted"])
cards[1].metric(
    "Ratios recomputed from quoted money",
    summary["recomputed"],
    help="Where a scheme quotes both an annual cost and an annual benefit in money.",
)
cards[2].metric(
    "Recomputed ratios consistent with the quote",
    f"{summary['consistent']} of {summary['recomputed']}",
)
cards[3].metric(
    "Quoted investments with a payback",
    f"{summary['with_payback']} of {summary['investments']}",
)

# --- cost-benefit ratios ----------------------------------------------------------------------

st.header("Cost-benefit ratios")
view = url_choice(
    "Ratios shown",
    {view: label for view, (label, _) in RATIO_VIEWS.items()},
    param=RATIO_PARAM,
    key="vfm_ratios",
    default="both",
)
shown = select_ratio_kinds(ratios, RATIO_VIEWS[view][1])

if shown.empty:
    st.info(
        f"{len(result.schemes)} schemes match the filters; none quotes a cost-benefit ratio "
        "or both an annual cost and an annual benefit in money, so there is no ratio to show."
    )
else:
    ids = source_ids(shown)
    fig = ratio_chart(
        shown,
        source=source_line(source_titles(store, ids)),
        filters=filters,
        period=document_years(ids, store.sources),
    )
    show_chart(fig, name="Cost-benefit ratios", data=shown, key="vfm-ratios")
    st.subheader("The ratios behind the chart")
    st.dataframe(ratio_display(shown, titles), hide_index=True, width="stretch")
    with st.expander("How ratios are banded and checked"):
        st.markdown(
            f"- **Bands**: {VFM_SOURCE}. They are a convention for appraised schemes; these "
            "ratios come from the schemes' own evaluations.\n"
            "- **Recomputed** = quoted benefit per year / quoted cost per year, for schemes that "
            "quote both. It agrees with the quoted ratio when the two differ by less than one "
            "unit in the quote's last decimal place (0.1 for `1:1.6`), which allows for a quote "
            "that was rounded or cut short.\n"
            "- **Benefits counted**: *fiscal* benefits are savings to public bodies across "
            "agencies; *some beneficiaries only* leaves out the provider's own benefits.\n"
            "- A restated figure (same fact in two documents) is counted once, from the "
            "National Overview."
        )

# --- investments and payback ------------------------------------------------------------------

st.header("Investment beside the savings it enables")
st.toggle(
    "Sensitivity: treat savings with no stated period as annual",
    key="vfm_unstated",
    help="Off by default: a saving whose period is not stated is never assumed to recur.",
)
_sync_query()

if investments.empty:
    st.info(
        f"{len(result.schemes)} schemes match the filters; none quotes an investment "
        "(capital or set-up cost), so there is no payback to work out."
    )
else:
    ids = source_ids(investments)
    fig = investment_chart(
        investments,
        source=source_line(source_titles(store, ids)),
        filters=filters,
        include_unspecified=st.session_state["vfm_unstated"],
        period=document_years(ids, store.sources),
    )
    show_chart(fig, name="Investment and payback", data=investments, key="vfm-investments")
    st.subheader("The investments behind the chart")
    st.dataframe(investment_display(investments, titles), hide_index=True, width="stretch")
    st.caption(
        "Payback = one-off investment / recurring saving per year (savings to the services "
        "only), in cash and not discounted. Savings with no stated period are shown apart and "
        "never treated as annual except in the sensitivity column."
    )
