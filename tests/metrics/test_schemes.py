"""Scheme search, detail and comparison on the shipped data, checked against data/*.csv rows.

Values are formatted with the dashboard's own formatter (charts.formatting.format_value).
"""

from __future__ import annotations

import pandas as pd
import pytest

from charts.formatting import format_value
from loaders.store import Store
from metrics.schemes import (
    compare_schemes,
    figure_value_text,
    scheme_detail,
    scheme_list,
    scheme_profile,
    search_schemes,
    services_in_words,
)

MALTBY = "se-south-yorkshire-maltby"
NORFOLK = "se-norfolk-shared-estates"
JRU = "dm-london-jru"


def _figure(store: Store, figure_id: str) -> pd.Series:
    return store.figures[store.figures["figure_id"] == figure_id].iloc[0]


def _ids(found: pd.DataFrame) -> set[str]:
    return set(found["scheme_id"])


# --- search ------------------------------------------------------------------------------------


def test_search_finds_a_word_in_the_name(store: Store) -> None:
    found = search_schemes(store.schemes, store.scheme_organisations, "Maltby")
    assert MALTBY in _ids(found)
    row = found.set_index("scheme_id").loc[MALTBY]
    assert "name" in row["matched_in"] and "areas" in row["matched_in"]


def test_search_needs_every_word_in_any_order_and_case(store: Store) -> None:
    both = search_schemes(store.schemes, store.scheme_organisations, "SHERINGHAM norfolk")
    assert NORFOLK in _ids(both)
    assert MALTBY not in _ids(both)
    none = search_schemes(store.schemes, store.scheme_organisations, "Sheringham Maltby")
    assert none.empty


def test_search_looks_in_organisation_full_names(store: Store) -> None:
    # NWAS is 'North West Ambulance Service NHS Trust'; the Merseyside scheme lists NWAS
    found = search_schemes(store.schemes, store.scheme_organisations, "north west ambulance")
    assert "fr-merseyside-cardiac-arrest" in _ids(found)
    merseyside = found.set_index("scheme_id").loc["fr-merseyside-cardiac-arrest"]
    assert "organisations" in merseyside["matched_in"].split("; ")


def test_empty_search_keeps_every_scheme(store: Store) -> None:
    found = search_schemes(store.schemes, store.scheme_organisations, "   ")
    assert len(found) == len(store.schemes)


def test_scheme_list_says_status_and_services_in_words(store: Store) -> None:
    listed = scheme_list(store.schemes[store.schemes["scheme_id"] == MALTBY])
    row = listed.iloc[0]
    assert row["status"] == "Planned / future"
    # SYP (police), SYFR (fire), DCLG (other)
    assert row["services"] == "Police, Fire and rescue, Other"
    assert services_in_words("ambulance;fire;police") == "Police, Fire and rescue, Ambulance"


# --- one figure in words -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("figure_id", "expected"),
    [
        ("ov-se-046", "about £16,000 a year"),  # 'around £16,000 per year'
        ("ov-se-047", "£14,000 a year"),  # '£14,000 per annum'
        ("ov-se-004", "£1.5m over 10 years"),  # '... over the next 10 years'
        ("ov-jcr-006", "£1.7m by 2021"),  # '... savings by 2021'
        ("ov-dm-002", "355 over 5 months"),  # 'in the first five months'
        ("ov-dm-032", "from 196 to 29"),  # 'from 196 ... to 29'
        ("ov-se-019", "18 of 29"),  # '18 of the 29 fire stations'
        ("ov-nat-012", "2% to 8%"),  # 'between 2%-8% of all ambulance demand'
        ("ov-sa-022", "2015"),  # a year is a year, not '2,015'
        ("ov-dm-029", "79.3%"),
    ],
)
def test_figure_value_text(store: Store, figure_id: str, expected: str) -> None:
    assert figure_value_text(_figure(store, figure_id), format_value) == expected


# --- scheme detail -----------------------------------------------------------------------------


def test_detail_has_every_figure_with_quote_source_and_locator(store: Store) -> None:
    detail = scheme_detail(store.figures, store.sources, MALTBY, fmt=format_value)
    expected = set(store.figures.loc[store.figures["scheme_id"] == MALTBY, "figure_id"])
    assert set(detail["figure_id"]) == expected
    row = detail.set_index("figure_id").loc["ov-se-046"]
    assert row["value_text"] == "about £16,000 a year"
    assert row["quote"] == "around £16,000 per year"
    assert row["source"] == "National Overview 2016 (2016)"
    assert row["locator"] == "Shared Estates and Assets > Joint Facilities > Benefits > Savings"
    assert (row["grade"], row["evidence"]) == ("B", "Estimated")


def test_detail_names_the_same_fact_in_another_document(store: Store) -> None:
    detail = scheme_detail(store.figures, store.sources, JRU, fmt=format_value).set_index(
        "figure_id"
    )
    assert detail.at["ov-dm-029", "same_fact_as"] == "mp-011"
    assert detail.at["mp-011", "same_fact_as"] == "ov-dm-029"
    assert detail.at["mp-011", "source"] == (
        "Paper 2: National Overview of Collaboration Initiatives (2016)"
    )
    assert detail.at["ov-dm-023", "same_fact_as"] == ""


def test_detail_keeps_only_the_chosen_evidence(store: Store) -> None:
    detail = scheme_detail(
        store.figures, store.sources, NORFOLK, fmt=format_value, bases=["actual"]
    )
    assert set(detail["basis"]) == {"actual"}
    # ov-se-047 '£14,000 per annum' is basis actual
    assert "ov-se-047" in set(detail["figure_id"])


def test_detail_of_a_scheme_without_figures_is_empty(store: Store) -> None:
    # fr-merseyside-cardiac-arrest is described in words only
    detail = scheme_detail(
        store.figures, store.sources, "fr-merseyside-cardiac-arrest", fmt=format_value
    )
    assert detail.empty
    assert "quote" in detail.columns


def test_profile_lists_what_a_reader_needs(store: Store) -> None:
    profile = scheme_profile(store.schemes, MALTBY).set_index("field")["value"]
    assert profile["Theme"] == "Shared estates and assets"
    assert profile["Areas"] == "Maltby (South Yorkshire); South Yorkshire"
    assert profile["Status"] == "Planned / future"
    assert profile["Start"] == "2016-03"
    assert profile["End"] == "not stated"
    assert profile["Scheme id"] == MALTBY
    with pytest.raises(ValueError, match="unknown scheme"):
        scheme_profile(store.schemes, "no-such-scheme")


# --- comparison --------------------------------------------------------------------------------


def test_compare_puts_schemes_side_by_side(store: Store) -> None:
    table = compare_schemes(store.schemes, store.figures, [MALTBY, NORFOLK], fmt=format_value)
    maltby = "Maltby fire and police shared station (South Yorkshire)"
    norfolk = "Norfolk police and fire shared estates (Sheringham and others)"
    assert list(table.columns) == ["field", "row_kind", maltby, norfolk, "figure_ids"]
    rows = table.set_index("field")
    assert rows.at["Status", maltby] == "Planned / future"
    assert rows.at["Status", norfolk] == "Live"
    # Norfolk's savings: '£14,000 per annum' (ov-se-047), 'Planned Maintenance savings: £250,000'
    assert "£14,000 a year" in rows.at["Saving", norfolk]
    assert "£250k" in rows.at["Saving", norfolk]
    assert "about £16,000 a year" in rows.at["Saving", maltby]
    assert {"ov-se-046", "ov-se-047"} <= set(rows.at["Saving", "figure_ids"].split(";"))
    # Norfolk has no grant; Maltby's is '£560,000' (ov-se-026)
    assert rows.at["Grant or external funding", norfolk] == "–"
    assert rows.at["Grant or external funding", maltby] == "£560k one-off"


def test_compare_states_a_restated_fact_once(store: Store) -> None:
    table = compare_schemes(store.schemes, store.figures, [JRU, NORFOLK], fmt=format_value)
    rows = table.set_index("field")
    jru = store.schemes.set_index("scheme_id").at[JRU, "name"]
    # ov-dm-029 and mp-011 both say 79.3%: one fact, shown once
    assert rows.at["Resolved without an ambulance", jru] == "79.3%"


@pytest.mark.parametrize("ids", [[MALTBY], [MALTBY, NORFOLK, JRU, "dm-london-clinical-desk", "x"]])
def test_compare_needs_two_to_four_schemes(store: Store, ids: list[str]) -> None:
    with pytest.raises(ValueError, match="2 to 4"):
        compare_schemes(store.schemes, store.figures, ids, fmt=format_value)


def test_compare_refuses_unknown_ids(store: Store) -> None:
    with pytest.raises(ValueError, match="no-such-scheme"):
        compare_schemes(store.schemes, store.figures, [MALTBY, "no-such-scheme"], fmt=format_value)
