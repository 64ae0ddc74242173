"""Blue-light collaboration benefits dashboard: entry point and router.

Run with `bash scripts/run.sh` (or `streamlit run app.py`). Pages live in `pages/`; this file
sets the page config, loads the data once, draws the shared sidebar filters and routes.
"""

from __future__ import annotations

import streamlit as st

from pages.shared import sidebar_filters, store_or_stop

PAGES = [
    st.Page(
        "pages/overview.py",
        title="Overview",
        icon=":material/dashboard:",
        default=True,
    ),
    st.Page("pages/savings.py", title="Savings", icon=":material/savings:", url_path="savings"),
    st.Page(
        "pages/co_responding.py",
        title="Co-responding & first response",
        icon=":material/ecg_heart:",
        url_path="co-responding",
    ),
    st.Page(
        "pages/demand.py",
        title="Demand management",
        icon=":material/call_split:",
        url_path="demand",
    ),
    st.Page(
        "pages/value_for_money.py",
        title="Value for money",
        icon=":material/balance:",
        url_path="value-for-money",
    ),
    st.Page("pages/schemes.py", title="Schemes", icon=":material/list_alt:", url_path="schemes"),
    st.Page(
        "pages/data_method.py", title="Data & method", icon=":material/database:", url_path="data"
    ),
    st.Page(
        "pages/presentation.py",
        title="Presentation view",
        icon=":material/slideshow:",
        url_path="present",
        visibility="hidden",
    ),
]


def main() -> None:
    st.set_page_config(
        page_title="Blue-light collaboration benefits",
        page_icon=":material/emergency:",
        layout="wide",
    )
    navigation = st.navigation(PAGES)
    store = store_or_stop()
    sidebar_filters(store)
    navigation.run()


main()
