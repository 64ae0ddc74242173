"""Schemes page in AppTest: search, one scheme's figures with quotes, comparison, empty states.

Expected rows are read off data/schemes.csv and data/figures.csv by hand.
"""

from __future__ import annotations

from tests.pages.conftest import open_page, table_with

PAGE = "pages/schemes.py"
MALTBY = "se-south-yorkshire-maltby"
NORFOLK = "se-norfolk-shared-estates"
MALTBY_NAME = "Maltby fire and police shared station (South Yorkshire)"
NORFOLK_NAME = "Norfolk police and fire shared estates (Sheringham and others)"


def test_one_scheme_shows_every_figure_with_its_quote_and_source() -> None:
    at = open_page(PAGE, {"scheme": MALTBY})
    assert at.title[0].value == "Schemes"
    assert at.subheader[0].value.replace("\\", "") == MALTBY_NAME
    profile = at.table[0].value.iloc[:, 0]
    assert profile["Theme"] == "Shared estates and assets"
    assert profile["Status"] == "Planned / future"
    figures = table_with(at, "quote").set_index("figure_id")
    # ov-se-046: 'around £16,000 per year', National Overview, an estimate
    assert figures.at["ov-se-046", "quote"] == "around £16,000 per year"
    assert figures.at["ov-se-046", "value_text"] == "about £16,000 a year"
    assert figures.at["ov-se-046", "source"] == "National Overview 2016 (2016)"
    assert figures.at["ov-se-046", "evidence"] == "Estimated"
    assert figures.at["ov-se-026", "quote"] == "£560,000"
    assert figures.at["ov-se-026", "locator"].startswith("Shared Estates and Assets")


def test_search_lists_matching_schemes_and_asks_for_a_choice() -> None:
    at = open_page(PAGE, {"q": "defibrillator"})
    listed = table_with(at, "matched_in")
    assert "London police defibrillator response to cardiac arrests" in set(listed["name"])
    assert (listed["matched_in"] != "").all()
    assert any("mention every word of “defibrillator”" in c.value for c in at.caption)
    assert "Choose a scheme above" in at.info[0].value


def test_two_schemes_are_compared_side_by_side() -> None:
    at = open_page(PAGE, {"scheme": f"{MALTBY},{NORFOLK}"})
    assert at.subheader[0].value == "Comparing 2 schemes"
    table = table_with(at, "figure_ids").set_index("field")
    assert list(table.columns[:2]) == [MALTBY_NAME, NORFOLK_NAME]
    # Norfolk: '£14,000 per annum' (ov-se-047) and 'Planned Maintenance savings: £250,000'
    assert "£14,000 a year" in table.at["Saving", NORFOLK_NAME]
    assert "£250k" in table.at["Saving", NORFOLK_NAME]
    assert table.at["Status", MALTBY_NAME] == "Planned / future"
    assert len(at.expander) == 2


def test_the_evidence_filter_hides_figures_and_says_so() -> None:
    # Norfolk has 5 figures: ov-se-031 is a target, the other 4 are achieved (actual)
    at = open_page(PAGE, {"scheme": NORFOLK, "basis": "actual"})
    figures = table_with(at, "quote")
    assert set(figures["figure_id"]) == {"ov-se-032", "ov-se-047", "ov-se-048", "ov-se-049"}
    assert any("(1 more hidden by the evidence filter)" in c.value for c in at.caption)


def test_a_search_with_no_match_explains_itself() -> None:
    at = open_page(PAGE, {"q": "zzzz-no-such-word"})
    assert "mentions “zzzz" in at.info[0].value and "Try fewer" in at.info[0].value
