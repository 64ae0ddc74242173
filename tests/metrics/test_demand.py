"""Demand-management tables on the shipped data: numbers worked out by hand from the quotes.

Rows are picked by figure id, so the tests hold as unrelated figures are curated.
"""

from __future__ import annotations

import doctest

import pandas as pd
import pytest

from loaders.store import Store
from metrics import demand as demand_module
from metrics.demand import (
    before_after,
    direction,
    forced_entry_scheme_ids,
    forced_entry_times,
    forced_entry_volumes,
    resolved_without_ambulance,
    staff_time_released,
)
from metrics.outcomes import outcome_rows


@pytest.fixture(scope="module")
def rows(store: Store) -> pd.DataFrame:
    return outcome_rows(store.figures, store)


def by_id(table: pd.DataFrame, figure_id: str) -> pd.Series:
    (row,) = [r for _, r in table.iterrows() if r["figure_id"] == figure_id]
    return row


# --- before and after -------------------------------------------------------------------------


def test_jru_target_met_before_and_after(rows: pd.DataFrame) -> None:
    # "from 60% ... to 82.3%": 82.3 - 60 = +22.3 points; 22.3 / 60 = +37.2%; higher is better
    pair = by_id(before_after(rows), "ov-dm-030")
    assert (pair["before"], pair["after"]) == (60, 82.3)
    assert pair["change"] == pytest.approx(22.3)
    assert pair["relative_change"] == pytest.approx(22.3 / 60)
    assert pair["relative_change"] == pytest.approx(0.3717, abs=1e-4)
    assert pair["direction"] == "improved"


def test_police_conveyances_before_and_after(rows: pd.DataFrame) -> None:
    # "from 196 ... to 29": 29 - 196 = -167; -167 / 196 = -85.2%; fewer is better
    pair = by_id(before_after(rows), "ov-dm-032")
    assert (pair["before"], pair["after"]) == (196, 29)
    assert pair["change"] == -167
    assert pair["relative_change"] == pytest.approx(-0.852, abs=1e-3)
    assert pair["better"] == "lower"
    assert pair["direction"] == "improved"
    assert pair["label"].startswith("Casualties taken to hospital by police officers")


def test_change_without_a_preferred_direction(rows: pd.DataFrame) -> None:
    # public confidence "from 51% to 60%": +9 points, a view (anecdotal), no preferred direction
    pair = by_id(before_after(rows), "ov-dm-040")
    assert pair["change"] == 9
    assert pair["direction"] == "no preferred direction"
    assert pair["basis"] == "anecdotal"


@pytest.mark.parametrize(
    ("before", "after", "better", "expected"),
    [
        (60, 82.3, "higher", "improved"),
        (82.3, 60, "higher", "worsened"),
        (196, 29, "lower", "improved"),
        (29, 196, "lower", "worsened"),
        (5, 5, "higher", "unchanged"),
        (51, 60, "none", "no preferred direction"),
    ],
)
def test_direction(before: float, after: float, better: str, expected: str) -> None:
    assert direction(before, after, better) == expected


# --- resolved without an ambulance, time released ----------------------------------------------


def test_resolved_without_ambulance(rows: pd.DataFrame) -> None:
    resolved = resolved_without_ambulance(rows)
    jru = by_id(resolved, "ov-dm-029")
    assert jru["value"] == 79.3
    assert "mp-011, same figure" in jru["also_stated_in"]  # the ministerial paper repeats it
    london_desk = by_id(resolved, "ov-dm-014")
    assert london_desk["basis"] == "target"  # an aim in the overview...
    assert "mp-007" in london_desk["also_stated_in"]  # ...reported as achieved in the paper
    assert "mp-007" not in set(resolved["figure_id"])  # one row per fact
    assert by_id(resolved, "ov-dm-018")["value"] == 42  # Merseyside hear and treat
    assert list(resolved["value"]) == sorted(resolved["value"], reverse=True)


def test_police_hours_released(rows: pd.DataFrame) -> None:
    # Lancashire: 138 hours in the first five months; 138 / (5 / 12) = 331.2 hours a year
    released = by_id(staff_time_released(rows), "ov-dm-008")
    assert released["hours"] == 138  # 496,800 s / 3,600
    assert released["hours_per_year"] == pytest.approx(331.2)
    assert "5 months" in released["per_year_how"]
    assert "mp-012" in released["also_stated_in"]


# --- forced entry -------------------------------------------------------------------------------


def test_forced_entry_schemes(rows: pd.DataFrame, store: Store) -> None:
    ids = forced_entry_scheme_ids(store.schemes, rows)
    assert {"dm-lancashire-forced-entry", "dm-surrey-sussex-forced-entry"} <= ids
    assert "dm-west-midlands-missing-persons" not in ids  # same heading, not forced entry


def test_forced_entry_volumes_per_year(rows: pd.DataFrame, store: Store) -> None:
    vols = forced_entry_volumes(rows, store.schemes)
    # Lancashire: 355 deployments / (5 / 12) = 852 a year; Surrey: 646 requests in 2015
    assert by_id(vols, "ov-dm-002")["per_year"] == pytest.approx(852)
    assert by_id(vols, "ov-dm-004")["per_year"] == 646
    assert by_id(vols, "ov-dm-006")["value"] == 48  # boarding-up contract used 48 times
    assert "mp-013" not in set(vols["figure_id"])  # the paper's 644 is not counted again


def test_forced_entry_attendance_time(rows: pd.DataFrame, store: Store) -> None:
    times = forced_entry_times(rows, store.schemes)
    surrey = by_id(times, "ov-dm-005")
    assert surrey["value"] == 526  # 8 min 46 s
    assert surrey["gap_s"] == 46  # 526 - 480
    assert "dm-london-jru" not in set(times["scheme_id"])


def test_doctests() -> None:
    assert doctest.testmod(demand_module).failed == 0
