"""Co-responding page (AppTest): filters and the page's own choice change the numbers shown."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import chart_titles, open_page, table_with, texts

PAGE = "pages/co_responding.py"


@pytest.fixture(scope="module")
def all_schemes() -> AppTest:
    return open_page(PAGE)


def test_all_schemes(all_schemes: AppTest) -> None:
    at = all_schemes
    assert at.title[0].value == "Co-responding & first response"
    times = table_with(at, "Time").set_index("Figure id")
    # Surrey: 8 min 46 s = 526 s, 46 s over 480 s; JRU: 5 min, 3 min under
    assert times.loc["ov-dm-005", "Time"] == "8 min 46 s"
    assert times.loc["ov-dm-005", "Difference"] == "46 s over"
    assert times.loc["ov-dm-028", "Difference"] == "3 min under"
    assert times.loc["ov-dm-005", "Quote (verbatim)"] == "an average of 8 minutes and 46 seconds"
    first = table_with(at, "Share").set_index("Figure id")
    assert first.loc["mp-005", "Share"] == "77%"  # Ormskirk
    assert first.loc["mp-004", "Share"] == "64%"  # Morecambe Bay
    clinical = table_with(at, "Patient group (comparator)").set_index("Figure id")
    assert clinical.loc["ov-fr-017", "Rate"] == "58.6%"
    # activity defaults to first response schemes: Humberside about 4,000 a year
    volumes = table_with(at, "As quoted").set_index("Figure id")
    assert volumes.loc["ov-fr-031", "Per year"] == "about 4,000"
    assert "ov-dm-026" not in volumes.index  # the JRU is demand management
    assert at.radio(key="cr_volumes").value == "first-response"
    assert any(t.startswith("Co-responders arrived before the ambulance") for t in chart_titles(at))


def test_area_filter_and_activity_scope_from_the_url() -> None:
    at = open_page(PAGE, {"area": "london", "volumes": "all"})
    assert at.sidebar.multiselect(key="f_areas").value == ["london"]
    times = table_with(at, "Time")
    assert list(times["Figure id"]) == ["ov-dm-028"]  # Surrey's time is filtered out
    # 300 s is 180 s under 480 s
    assert "London's reported average time is 5 min, 3 min under the 8 min standard" in (
        chart_titles(at)
    )
    assert not [df for df in at.dataframe if "Share" in df.value.columns]  # no first on scene
    assert any("none reports how often fire or police arrived" in t for t in texts(at))
    assert at.radio(key="cr_volumes").value == "all"
    volumes = table_with(at, "As quoted").set_index("Figure id")
    # JRU incidents: 16,694 over Nov 2012 - Dec 2015 (38 months) = 5,271.8 a year -> '5,270'
    assert volumes.loc["ov-dm-026", "Per year"] == "5,270"
    assert set(volumes["Area"]) == {"London"}

    at.radio(key="cr_volumes").set_value("first-response").run()
    assert not at.exception
    assert "volumes" not in at.query_params
    assert "ov-dm-026" not in set(table_with(at, "As quoted")["Figure id"])
