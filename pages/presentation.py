"""Presentation view: one chart, large, with nothing around it, for screen capture."""

from __future__ import annotations

import streamlit as st

from charts.briefing import plotly_config

# Static CSS (no data in it): hide the sidebar and Streamlit chrome for a clean capture.
_CLEAN = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header,
[data-testid="stToolbar"] {display: none !important;}
.block-container {padding: 1rem 1rem 0 1rem; max-width: 100%;}
</style>
"""

chart = st.session_state.get("presentation_chart")
if chart is None:
    st.title("Presentation view")
    st.info(
        "No chart chosen yet. Open a page, pick a chart and press its "
        "“Presentation view” button to show it here on its own."
    )
    st.page_link("pages/overview.py", label="Back to the overview", icon=":material/arrow_back:")
else:
    name, fig = chart
    st.markdown(_CLEAN, unsafe_allow_html=True)
    st.plotly_chart(fig, theme=None, config=plotly_config(name), key="presentation")
    st.page_link("pages/overview.py", label="Back to the dashboard", icon=":material/arrow_back:")
