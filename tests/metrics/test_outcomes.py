"""Outcome tables on the shipped data: numbers worked out by hand from the quoted figures.

Rows are picked by figure id, so the tests hold as unrelated figures are curated.
"""

from __future__ import annotations

import doctest

import pandas as pd
import pytest

from loaders.store import Store
from metrics import outcomes as outcomes_module
from metrics.outcomes import (
    EIGHT_MINUTES_S,
    clinical_outcomes,
    comparator_group,
    coverage,
    first_on_scene,
    outcome_rows,
    per_year,
    quoted_standards,
    response_times,
    target_attainment,
    volumes,
)
from metrics.periods import DAYS_PER_YEAR


@pytest.fixture(scope="module")
def rows(store: Store) -> pd.DataFrame:
    return outcome_rows(store.figures, store)


def by_id(table: pd.DataFrame, figure_id: str) -> pd.Series:
    (row,) = [r for _, r in table.iterrows() if r["figure_id"] == figure_id]
    return row


# --- one row per fact ---------------------------------------------------------------------------


def test_restated_fact_is_one_row_naming_the_other_document(rows: pd.DataFrame) -> None:
    # Surrey's 8 min 46 s is in the overview (ov-dm-005) and the ministerial paper (mp-014)
    assert "ov-dm-005" in set(rows["figure_id"])
    assert "mp-014" not in set(rows["figure_id"])
    surrey = by_id(rows, "ov-dm-005")
    assert "mp-014, same figure" in surrey["also_stated_in"]
    assert surrey["figure_ids"] == "ov-dm-005"


def test_conflicting_restatement_says_it_differs(rows: pd.DataFrame) -> None:
    # 646 gain-entry requests in the overview, 644 in the ministerial paper
    surrey = by_id(rows, "ov-dm-004")
    assert surrey["value"] == 646
    assert '"644 requests to gain entry" (mp-013, differs)' in surrey["also_stated_in"]
    assert "conflict" in surrey["flags"]


def test_rows_carry_names_and_provenance(rows: pd.DataFrame) -> None:
    jru = by_id(rows, "ov-dm-028")
    assert jru["scheme"] == "London Joint Response Unit (paramedic car for police calls)"
    assert jru["area"] == "London"
    assert jru["source"] == "National Overview 2016 (2016)"
    assert jru["quote"] == "5 minute ... average response time"
    assert jru["locator"].startswith("Joint Response Unit (JRU)")
    assert jru["evidence"] == "Achieved and measured"
    assert jru["better"] == "lower"


# --- response times and the 8-minute standard ---------------------------------------------------


def test_response_times_against_eight_minutes(rows: pd.DataFrame) -> None:
    times = response_times(rows)
    jru, surrey = by_id(times, "ov-dm-028"), by_id(times, "ov-dm-005")
    # JRU: 5 min = 300 s; 300 s - 480 s = -180 s, within the standard
    assert jru["value"] == 300
    assert jru["gap_s"] == -180
    assert jru["within_standard"]
    # Surrey: 8 min 46 s = 480 + 46 = 526 s; 526 s - 480 s = +46 s, over the standard
    assert surrey["value"] == 526
    assert surrey["gap_s"] == 46
    assert not surrey["within_standard"]
    # fastest first
    assert list(times["figure_id"]).index("ov-dm-028") < list(times["figure_id"]).index("ov-dm-005")


def test_standards_are_not_performance(rows: pd.DataFrame, store: Store) -> None:
    times = response_times(rows)
    assert "ov-fr-026" not in set(times["figure_id"])  # national "eight minute response target"
    quoted = quoted_standards(store)
    national = by_id(quoted, "ov-fr-026")
    assert national["value"] == EIGHT_MINUTES_S  # 8 x 60 s
    assert by_id(quoted, "ov-fr-027")["value"] == 75  # "75% of the time"


def test_attainment_gap_to_75_percent(rows: pd.DataFrame) -> None:
    attainment = target_attainment(rows)
    # JRU after: 82.3% - 75% = +7.3 points; Humberside peak: 83% - 75% = +8 points
    assert by_id(attainment, "ov-dm-030")["gap_points"] == pytest.approx(7.3)
    humberside = by_id(attainment, "ov-fr-030")
    assert humberside["gap_points"] == pytest.approx(8.0)
    assert humberside["qualifier"] == "up_to"  # "as high as 83%"
    assert by_id(attainment, "ov-dm-030")["meets_standard"]


# --- first on scene and clinical outcomes -------------------------------------------------------


def test_first_on_scene_highest_first(rows: pd.DataFrame) -> None:
    first = first_on_scene(rows)
    ids = list(first["figure_id"])
    # Ormskirk 77% before Morecambe Bay 64%
    assert ids.index("mp-005") < ids.index("mp-004")
    assert by_id(first, "mp-005")["value"] == 77
    assert by_id(first, "mp-004")["area"] == "Morecambe Bay (Lancashire and Cumbria)"


def test_clinical_rates_keep_their_comparator_group(rows: pd.DataFrame) -> None:
    clinical = clinical_outcomes(rows)
    utstein = by_id(clinical, "ov-fr-013")
    assert utstein["comparator"] == "London cardiac arrest patients in the Utstein comparator group"
    assert "suspected_typo" in utstein["flags"]  # '55.%' in the source
    early = by_id(clinical, "ov-fr-017")
    assert early["value"] == 58.6
    assert early["comparator"] == "London cardiac arrest patients given early defibrillation"
    # ROSC rows come before survival rows, then bystander CPR
    measures = list(dict.fromkeys(clinical["measure"]))
    assert measures == ["rosc_rate", "survival_rate", "bystander_cpr_rate"]


@pytest.mark.parametrize(
    ("subject", "group"),
    [
        ("Survival to hospital discharge, all patients", "All patients"),
        ("Share who received bystander CPR", "Share who received bystander CPR"),
    ],
)
def test_comparator_group(subject: str, group: str) -> None:
    assert comparator_group(subject) == group


# --- activity per year --------------------------------------------------------------------------


def test_per_year_from_a_dated_span(rows: pd.DataFrame) -> None:
    # South Yorkshire: 125 incidents, 1 Nov 2015 to 1 Feb 2016 = 30 + 31 + 31 = 92 days;
    # 125 / (92 / 365.25) = 496.26 a year
    rate = per_year(by_id(rows, "ov-fr-032"))
    assert rate.value == pytest.approx(125 / (92 / DAYS_PER_YEAR))
    assert rate.value == pytest.approx(496.26, abs=0.01)
    assert "92 days" in rate.how and "even rate" in rate.how


def test_per_year_from_a_month_range(rows: pd.DataFrame) -> None:
    # JRU incidents: 16,694 from Nov 2012 to Dec 2015 = 38 months; 16,694 / (38 / 12) = 5,271.8
    rate = per_year(by_id(rows, "ov-dm-026"))
    assert rate.value == pytest.approx(16694 * 12 / 38)
    assert rate.value == pytest.approx(5271.79, abs=0.01)


def test_per_year_uses_the_loaders_annual_value(rows: pd.DataFrame) -> None:
    # Lancashire: 355 deployments in the first five months; 355 / (5 / 12) = 852 a year
    rate = per_year(by_id(rows, "ov-dm-002"))
    assert rate.value == pytest.approx(852)
    assert rate.how == "total over 5 months, spread evenly"
    # Hampshire: "some 10,000 co-responding incidents annually"
    assert per_year(by_id(rows, "ov-fr-042")).value == 10000


def test_one_calendar_year_is_its_own_rate(rows: pd.DataFrame) -> None:
    # Surrey: 646 gain-entry incidents in 2015 -> 646 a year
    rate = per_year(by_id(rows, "ov-dm-004"))
    assert rate.value == 646
    assert "calendar year 2015" in rate.how


def test_no_per_year_rate_without_a_closed_period(rows: pd.DataFrame) -> None:
    thames = per_year(by_id(rows, "ov-fr-041"))  # "just over 3000 calls" since 1 April 2015
    assert thames.value is None
    assert "cumulative" in thames.how and "since 1 April 2015" in thames.how
    hear_and_solve = per_year(by_id(rows, "ov-dm-019"))  # 88 calls, no period
    assert hear_and_solve.value is None
    assert hear_and_solve.how == "period not stated"


def test_volumes_leave_out_context_and_before_after(rows: pd.DataFrame) -> None:
    vols = volumes(rows)
    ids = set(vols["figure_id"])
    assert "ov-dm-023" not in ids  # context: 100,000 calls a year from the MPS to LAS
    assert "ov-dm-032" not in ids  # before/after: 196 -> 29 conveyances
    assert {"ov-fr-032", "ov-dm-026", "ov-dm-002"} <= ids
    # rated rows first, largest first; unrated (NaN) last
    rated = vols["per_year"].notna()
    assert list(rated) == sorted(rated, reverse=True)
    assert vols.loc[rated, "per_year"].is_monotonic_decreasing


def test_volumes_by_theme(rows: pd.DataFrame) -> None:
    first_response = volumes(rows, themes=["first-response"])
    assert set(first_response["theme"]) == {"first-response"}
    assert "ov-dm-026" not in set(first_response["figure_id"])  # JRU is demand management
    assert "ov-fr-031" in set(first_response["figure_id"])  # Humberside, about 4,000 a year


# --- coverage -----------------------------------------------------------------------------------


def test_coverage_counts_schemes_with_and_without(rows: pd.DataFrame, store: Store) -> None:
    times = response_times(rows)
    chosen = ["dm-london-jru", "dm-hampshire-sudden-deaths"]
    found = coverage(times, store.schemes[store.schemes["scheme_id"].isin(chosen)])
    # of the two schemes selected, only the JRU reports a time (ov-dm-028); Surrey's is not
    # in the selection, so it is not counted
    assert (found.n_schemes, found.n_schemes_without, found.n_schemes_selected) == (1, 1, 2)
    assert (found.n_figures, found.figure_ids) == (1, "ov-dm-028")
    assert found.sentence("a response time").startswith("1 of 2 schemes in the selection reports")


def test_coverage_sentence_when_nothing_is_reported(store: Store) -> None:
    empty = response_times(outcome_rows(store.figures.iloc[0:0], store))
    found = coverage(empty, store.schemes.head(9))
    assert found.sentence("a response time") == (
        "9 schemes match the filters; none reports a response time."
    )


def test_doctests() -> None:
    assert doctest.testmod(outcomes_module).failed == 0
