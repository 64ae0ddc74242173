"""Overview page in AppTest: cards, charts and links, with filters and price base from the URL.

Expected numbers are read off data/schemes.csv, figures.csv and organisations.csv by hand.
"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import chart_titles, metrics, open_page

# The Overview is the app's default page: open_page() without a page file stays on it.


@pytest.fixture(scope="module")
def maltby() -> AppTest:
    # Only se-south-yorkshire-maltby names the town of Maltby
    return open_page(query={"area": "maltby"})


def test_page_shows_title_charts_and_journey_links(maltby: AppTest) -> None:
    assert maltby.title[0].value == "Blue-light collaboration: overview"
    assert len(maltby.get("plotly_chart")) == 3
    links = {link.proto.label for link in maltby.get("page_link")}
    assert {"Savings", "Schemes"} <= links
    assert "Filtered to 1 of" in maltby.caption[0].value


def test_cards_for_one_scheme(maltby: AppTest) -> None:
    cards = metrics(maltby)
    assert cards["Schemes"] == "1"
    # maltby is a town in the South Yorkshire force area (E23000011)
    assert cards["Police force areas reached"] == "1 of 43"
    # SYP (police), SYFR (fire), DCLG (other)
    assert cards["Organisations"] == "3"
    assert (cards["Police"], cards["Fire and rescue"], cards["Ambulance"], cards["Other"]) == (
        "1",
        "1",
        "0",
        "1",
    )
    assert cards["Documents"] == "1"


def test_savings_cards_beside_their_prudent_values(maltby: AppTest) -> None:
    cards = metrics(maltby)
    # ov-se-046 'around £16,000 per year', an estimate: prudent £16,000 x 0.75 = £12,000
    assert cards["Recurring savings a year, as quoted"] == "£16,000"
    assert cards["Recurring savings a year, prudent"] == "£12,000"
    # ov-se-023 'six-figure investment' avoided, an estimate: £100,000 x 0.75 = £75,000
    assert cards["One-off savings, as quoted"].endswith("£100k")
    assert cards["One-off savings, prudent"] == "£75k"
    captions = [c.value for c in maltby.caption]
    assert "1 figure from 1 scheme; 0 schemes quote none" in captions


def test_charts_state_the_finding_for_the_filter(maltby: AppTest) -> None:
    titles = chart_titles(maltby)
    assert "Shared estates and assets schemes quote £16,000 a year" in titles[0]
    # Maltby's status is planned
    assert titles[1] == "Shared estates and assets: 1 scheme, none live"
    assert titles[2] == (
        "South Yorkshire has the most schemes (1); schemes reach 1 of 43 force areas"
    )
    subtitle = json.loads(maltby.get("plotly_chart")[0].proto.spec)["layout"]["annotations"]
    assert any("Maltby" in (a.get("text") or "") for a in subtitle)


def test_tables_behind_the_charts_show_quotes(maltby: AppTest) -> None:
    frames = [df.value for df in maltby.dataframe]
    quotes = [f for f in frames if "quote" in f.columns]
    assert quotes, "no table with quotes"
    assert "around £16,000 per year" in set(quotes[0]["quote"])
    by_area = [f for f in frames if "force_area" in f.columns][0]
    assert by_area.set_index("force_area").at["South Yorkshire", "n_schemes"] == 1


def test_sidebar_filter_changes_the_numbers(maltby: AppTest) -> None:
    assert maltby.sidebar.multiselect(key="f_areas").value == ["maltby"]
    at = open_page(query={"area": "maltby"}, filters={"f_areas": ["maltby", "stanhope"]})
    assert at.query_params["area"] == "maltby,stanhope"
    cards = metrics(at)
    # Stanhope adds fr-durham-community-safety-responders (stanhope;durham), which quotes no money
    assert cards["Schemes"] == "2"
    # South Yorkshire (Maltby) and Durham (Stanhope, durham)
    assert cards["Police force areas reached"] == "2 of 43"
    assert cards["Recurring savings a year, as quoted"] == "£16,000"


def test_price_base_from_the_url() -> None:
    at = open_page(query={"area": "maltby", "prices": "2024"})
    assert at.selectbox(key="ov_prices").value == "2024"
    # £16,000 x 100 / 76.0754 (GDP deflator 2024-25 over 2016-17) = £21,032 -> '£21k'
    assert metrics(at)["Recurring savings a year, as quoted"] == "£21k"
    assert any("2024-25 prices" in c.value for c in at.caption)
    assert at.query_params["prices"] == "2024"


def test_empty_savings_explain_themselves() -> None:
    # fr-durham-community-safety-responders (Stanhope) quotes no money
    at = open_page(query={"area": "stanhope"})
    assert metrics(at)["Recurring savings a year, as quoted"] == "none quoted"
    assert any("none quotes a recurring saving" in i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 2
