"""A copied link reopens the same view: filters, search and chosen schemes round-trip the URL.

The Overview is the app's default page: a link without a page opens it.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.pages.conftest import go_to, open_page, tables_with

SCHEMES = "pages/schemes.py"
NORFOLK = "se-norfolk-shared-estates"
MALTBY = "se-south-yorkshire-maltby"
LINK = {"theme": "shared-estates", "status": "live", "q": "Norfolk", "scheme": NORFOLK}


def _params(at: AppTest) -> dict[str, str]:
    return {key: at.query_params[key] for key in at.query_params}


def test_a_link_reopens_filters_search_and_scheme() -> None:
    at = open_page(query=LINK)
    assert at.sidebar.multiselect(key="f_themes").value == ["shared-estates"]
    assert at.sidebar.multiselect(key="f_statuses").value == ["live"]
    at = go_to(at, SCHEMES)
    assert at.text_input(key="sc_query").value == "Norfolk"
    assert at.multiselect(key="sc_schemes").value == [NORFOLK]
    assert at.subheader[0].value.startswith("Norfolk police and fire shared estates")
    listed = tables_with(at, "matched_in")[0]
    # live shared-estates schemes mentioning Norfolk: Sheringham (NFRS, Norfolk Constabulary)
    assert NORFOLK in set(listed["scheme_id"])
    assert "se-norfolk-fire-hq-relocation" not in set(listed["scheme_id"])  # planned
    at.run()  # a rerun keeps the view and the URL
    assert not at.exception
    assert _params(at) == LINK
    assert at.multiselect(key="sc_schemes").value == [NORFOLK]


def test_changes_are_written_back_to_the_url() -> None:
    at = open_page(SCHEMES, {"scheme": NORFOLK})
    at.text_input(key="sc_query").set_value("Maltby").run()
    assert at.query_params["q"] == "Maltby"
    at.multiselect(key="sc_schemes").set_value([NORFOLK, MALTBY]).run()
    assert at.query_params["scheme"] == f"{NORFOLK},{MALTBY}"
    assert at.subheader[0].value == "Comparing 2 schemes"
    at.multiselect(key="sc_schemes").set_value([]).run()
    at.text_input(key="sc_query").set_value("").run()
    assert "scheme" not in at.query_params and "q" not in at.query_params


def test_unknown_ids_in_a_link_are_ignored() -> None:
    at = open_page(SCHEMES, {"scheme": f"no-such-scheme,{MALTBY}"})
    assert at.multiselect(key="sc_schemes").value == [MALTBY]
    assert at.query_params["scheme"] == MALTBY


def test_overview_keeps_its_filters_and_price_base() -> None:
    at = open_page(query={"theme": "shared-estates", "prices": "2020"})
    assert at.sidebar.multiselect(key="f_themes").value == ["shared-estates"]
    assert at.selectbox(key="ov_prices").value == "2020"
    at.run()
    assert _params(at) == {"theme": "shared-estates", "prices": "2020"}
    at.selectbox(key="ov_prices").set_value("cash").run()
    assert "prices" not in at.query_params
    assert at.query_params["theme"] == "shared-estates"
