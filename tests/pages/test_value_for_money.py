"""Value for money page (AppTest): filters and page choices change the ratios and paybacks shown."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from charts.briefing import plain_text
from tests.pages.conftest import chart_titles, metrics, open_page, table_with

PAGE = "pages/value_for_money.py"


@pytest.fixture(scope="module")
def greater_manchester() -> AppTest:
    return open_page(PAGE, {"theme": "wider-collaboration", "area": "greater-manchester"})


def test_ratios_quoted_and_recomputed(greater_manchester: AppTest) -> None:
    at = greater_manchester
    assert at.title[0].value == "Value for money"
    ratios = table_with(at, "Benefit per £1")
    by_quote = ratios.set_index("Quote")
    assert by_quote.loc["1:1.6", "Benefit per £1"] == "1 : 1.6"
    assert by_quote.loc["1:1.6", "Value for money"] == "Medium"
    assert by_quote.loc["1:1.3", "Value for money"] == "Low"
    assert by_quote.loc["1:1.8", "Scheme"] == "Salford Integrated Prevention Hub (SIPH)"
    # £1,356,589 / £820,152 = 1.654 -> '1 : 1.65', consistent with 1:1.6
    recomputed = ratios[ratios["Ratio"] == "Recomputed"].iloc[0]
    assert recomputed["Benefit per £1"] == "1 : 1.65"
    assert recomputed["Check"] == "consistent with the quoted ratio to 1 decimal place"
    assert recomputed["Figure ids"] == "ov-wc-003;ov-wc-002"
    assert metrics(at)["Recomputed ratios consistent with the quote"] == "1 of 1"
    assert any("cost-benefit ratios return more than £1" in t for t in chart_titles(at))
    assert "Download" not in [h.value for h in at.header]


def test_no_investment_in_greater_manchester_says_so(greater_manchester: AppTest) -> None:
    assert any("none quotes an investment" in i.value for i in greater_manchester.info)


def test_quoted_only_choice_goes_into_the_url(greater_manchester: AppTest) -> None:
    at = greater_manchester
    at.radio(key="vfm_ratios").set_value("quoted").run()
    ratios = table_with(at, "Benefit per £1")
    assert set(ratios["Ratio"]) == {"Quoted"}
    assert at.query_params["ratios"] == "quoted"


def test_quoted_only_from_the_url() -> None:
    at = open_page(PAGE, {"ratios": "quoted", "theme": "wider-collaboration"})
    assert at.radio(key="vfm_ratios").value == "quoted"
    assert set(table_with(at, "Benefit per £1")["Ratio"]) == {"Quoted"}


def test_maltby_payback_sensitivity_and_empty_states() -> None:
    at = open_page(PAGE, filters={"f_areas": ["south-yorkshire"]})
    investments = table_with(at, "Payback (years)").set_index("Investment quote")
    # £1,200,000 / about £16,000 a year = about 75 years
    assert investments.loc["total cost of £1.2 million", "Payback (years)"] == "about 75"
    assert metrics(at)["Quoted investments with a payback"] == "1 of 1"
    assert any("about 75 years to pay back" in t for t in chart_titles(at))
    at.toggle(key="vfm_unstated").set_value(True).run()
    assert at.query_params["unstated"] == "annual"
    (investment_chart,) = [
        json.loads(el.proto.spec) for el in at.get("plotly_chart") if "pay back" in el.proto.spec
    ]
    labels = plain_text(" ".join(investment_chart["layout"]["yaxis"]["categoryarray"]))
    # £1,200,000 / (£16,000 + £40,000) = 21.4 years
    assert "payback about 75 years (21.4 years*)" in labels

    at.sidebar.multiselect(key="f_areas").set_value([])
    at.sidebar.multiselect(key="f_themes").set_value(["information-sharing"]).run()
    assert not at.exception
    messages = " ".join(i.value for i in at.info)
    assert "none quotes a cost-benefit ratio" in messages
    assert "none quotes an investment" in messages
    assert not at.get("plotly_chart")
