"""Savings page (AppTest): filters and page choices change the savings shown, and go in the URL.

Lincolnshire's Blue Light Collaboration Programme is the only scheme in Lincolnshire. Its money:
cashable savings of £430,000 per year (estimate), approx. £899,000 from year 3 (target) and
capital receipts of £2.9m (estimate).
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import chart_titles, open_page, table_with

PAGE = "pages/savings.py"


def cards(at: AppTest) -> dict[str, tuple[str, str]]:
    """Metric label -> (value, delta)."""
    return {m.label: (m.value, m.proto.delta) for m in at.metric}


@pytest.fixture(scope="module")
def lincolnshire() -> AppTest:
    return open_page(PAGE, {"area": "lincolnshire"})


def test_cards_show_each_kind_with_its_prudent_value(lincolnshire: AppTest) -> None:
    shown = cards(lincolnshire)
    # £430,000 + £899,000 = £1,329,000; prudent £430,000 x 0.75 + £899,000 x 0.6 = £861,900
    assert shown["Recurring savings (per year)"] == ("£1.33m a year", "prudent £862k")
    # £2,900,000 estimate; prudent £2,900,000 x 0.75 = £2,175,000
    assert shown["Capital receipts (sale of sites or assets)"] == ("£2.9m", "prudent £2.18m")
    assert shown["One-off savings"][0] == "none quoted"


def test_charts_state_the_finding(lincolnshire: AppTest) -> None:
    titles = chart_titles(lincolnshire)
    assert titles[0] == (
        "All quoted recurring savings come from the strategic alliances and partnerships "
        "theme: £1.33m a year"
    )
    assert titles[1] == (
        "Only Lincolnshire Blue Light Collaboration Programme quotes a recurring saving: "
        "£1.33m a year"
    )
    # achieved: £0 of £1,329,000
    assert titles[2] == (
        "None of the quoted recurring savings has been achieved yet: all are estimates or "
        "targets"
    )


def test_every_number_shows_its_quote_and_source(lincolnshire: AppTest) -> None:
    figures = table_with(lincolnshire, "Quote").set_index("Figure id")
    assert figures.loc["ov-sa-016", "Quote"] == "cashable savings of £430,000 per year"
    assert figures.loc["ov-sa-016", "Quoted (central)"] == "£430k"
    assert figures.loc["ov-sa-016", "Source"] == "National Overview 2016 (2016)"
    assert figures.loc["ov-sa-017", "Evidence"] == "C: Anticipated or potential"


def test_price_base_choice_rebases_and_goes_into_the_url(lincolnshire: AppTest) -> None:
    at = lincolnshire
    at.selectbox(key="sv_prices").set_value("2024").run()
    assert not at.exception
    # 2016 prices to 2024-25: £1,329,000 x 100 / 76.0754 = £1,746,951
    assert cards(at)["Recurring savings (per year)"][0] == "£1.75m a year"
    assert at.query_params["prices"] == "2024"
    at.selectbox(key="sv_prices").set_value("cash").run()
    assert "prices" not in at.query_params


def test_page_choices_from_the_url() -> None:
    at = open_page(
        PAGE,
        {"area": "lincolnshire", "kind": "capital_receipt", "by": "basis", "adj": "10,50,40,40"},
    )
    assert at.selectbox(key="sv_by").value == "basis"
    assert chart_titles(at)[0] == "100% of quoted capital receipts (£2.9m) are estimates"
    # estimates cut by 50% instead of 25%: £2,900,000 x 0.5 = £1,450,000
    assert cards(at)["Capital receipts (sale of sites or assets)"][1] == "prudent £1.45m"
    assert at.slider(key="sv_adj_estimate").value == 50
    at.toggle(key="sv_estimates").set_value(False).run()
    # achieved figures only: Lincolnshire has none
    assert any(
        "1 scheme matches; none reports a quantified saving." in i.value for i in at.info
    )
    assert at.query_params["estimates"] == "0"


def test_a_further_sidebar_filter_changes_the_savings() -> None:
    at = open_page(PAGE, {"area": "lincolnshire"}, filters={"f_themes": ["shared-estates"]})
    # no Lincolnshire scheme is about shared estates
    assert any(
        "0 schemes match; none reports a quantified saving." in i.value for i in at.info
    )
    assert not at.get("plotly_chart")
    assert not at.metric
