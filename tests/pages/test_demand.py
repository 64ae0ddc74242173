"""Demand management page (AppTest): filters and the page's own choice change the numbers shown."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import chart_titles, open_page, set_filters, table_with, texts

PAGE = "pages/demand.py"


@pytest.fixture(scope="module")
def all_schemes() -> AppTest:
    return open_page(PAGE)


def test_all_schemes(all_schemes: AppTest) -> None:
    at = all_schemes
    assert at.title[0].value == "Demand management"
    resolved = table_with(at, "Share").set_index("Figure id")
    assert resolved.loc["ov-dm-029", "Share"] == "79.3%"  # JRU: no ambulance needed
    assert resolved.loc["ov-jcr-001", "Share"] == "up to 90%"  # anecdotal, on occasion
    assert "mp-011" in resolved.loc["ov-dm-029", "Also stated in"]
    # Lancashire: 138 hours in five months; 138 / (5 / 12) = 331.2 -> '331 h' a year
    released = table_with(at, "Time released").set_index("Figure id")
    assert released.loc["ov-dm-008", "Time released"] == "138 h"
    assert released.loc["ov-dm-008", "Per year"] == "331 h"
    assert {m.label: m.value for m in at.metric}["Lancashire"] == "138 h"
    # forced entry by default: Lancashire 355 in five months = 852 a year; Surrey 646 in 2015
    volumes = table_with(at, "As quoted").set_index("Figure id")
    assert volumes.loc["ov-dm-002", "Per year"] == "852"
    assert volumes.loc["ov-dm-004", "Per year"] == "646"
    assert "ov-dm-026" not in volumes.index  # JRU incidents are not forced entry
    assert table_with(at, "Time").set_index("Figure id").loc["ov-dm-005", "Time"] == "8 min 46 s"
    pairs = table_with(at, "Before").set_index("Figure id")
    # 196 -> 29 conveyances: -167, -167 / 196 = -85%; fewer is better
    assert pairs.loc["ov-dm-032", "Change"] == "-167 (-85%)"
    assert pairs.loc["ov-dm-032", "Direction"] == "improved"
    assert pairs.loc["ov-dm-030", "Change"] == "+22.3 points"  # 60% -> 82.3%


def test_sidebar_filter_changes_the_numbers(all_schemes: AppTest) -> None:
    at = all_schemes
    set_filters(at, {"f_areas": ["surrey"]})
    volumes = table_with(at, "As quoted")
    assert set(volumes["Area"]) == {"Surrey"}
    assert "ov-dm-002" not in set(volumes["Figure id"])  # Lancashire is filtered out
    assert any("none reports a share of requests resolved" in t for t in texts(at))
    assert any("none reports a figure as a change" in t for t in texts(at))
    assert not [df for df in at.dataframe if "Share" in df.value.columns]


def test_activity_scope_from_the_url() -> None:
    at = open_page(PAGE, {"activity": "all"})
    assert at.radio(key="dm_activity").value == "all"
    volumes = table_with(at, "As quoted").set_index("Figure id")
    # JRU activations: 21,187 over Nov 2012 - Dec 2015 (38 months) = 6,690.6 a year -> '6,690'
    assert volumes.loc["ov-dm-025", "Per year"] == "6,690"
    assert volumes.loc["ov-dm-025", "As quoted"] == "21,187"
    assert any(t.startswith("London reports the most activity") for t in chart_titles(at))
    at.radio(key="dm_activity").set_value("forced-entry").run()
    assert "activity" not in at.query_params
    assert "ov-dm-025" not in set(table_with(at, "As quoted")["Figure id"])
