"""Money figures on the shipped data: kind of money, bounds, prudent value, price base."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from loaders.store import Store
from metrics.money import (
    CAPITAL_RECEIPT,
    MONEY_COLUMNS,
    MULTI_YEAR,
    ONE_OFF,
    RECURRING,
    UNSPECIFIED,
    achieved_only,
    bounds,
    money_figures,
)


@pytest.fixture(scope="module")
def money(store: Store) -> pd.DataFrame:
    return money_figures(store.figures).set_index("figure_id")


def test_only_money_figures_with_every_column(store: Store, money: pd.DataFrame) -> None:
    gbp = store.figures[store.figures["unit"] == "GBP"]
    assert set(money.index) == set(gbp["figure_id"])
    assert list(money.reset_index().columns) == MONEY_COLUMNS


def test_a_recurring_saving_with_its_prudent_value(money: pd.DataFrame) -> None:
    row = money.loc["ov-sa-016"]  # "cashable savings of £430,000 per year", estimate
    assert row["kind"] == RECURRING and row["is_saving"]
    assert (row["lower"], row["central"], row["upper"]) == (430_000, 430_000, 430_000)
    assert not row["upper_open"]
    # estimate -> grade B, 25% off: £430,000 x 0.75 = £322,500
    assert row["prudent"] == pytest.approx(322_500)
    assert row["annual_central"] == 430_000


def test_at_least_has_an_open_upper_bound(money: pd.DataFrame) -> None:
    row = money.loc["ov-se-003"]  # "combined annual savings of over £1.5 million"
    assert (row["lower"], row["central"]) == (1_500_000, 1_500_000)
    assert math.isnan(row["upper"]) and row["upper_open"]


def test_up_to_runs_from_zero(money: pd.DataFrame) -> None:
    row = money.loc["ov-se-006"]  # "by up to £1.490m", period not stated
    assert row["kind"] == UNSPECIFIED
    assert (row["lower"], row["central"], row["upper"]) == (0, 1_490_000, 1_490_000)


def test_approx_counts_as_its_value(money: pd.DataFrame) -> None:
    row = money.loc["ov-se-046"]  # "around £16,000 per year"
    assert (row["lower"], row["central"], row["upper"]) == (16_000, 16_000, 16_000)


def test_kinds_of_money(money: pd.DataFrame) -> None:
    assert money.loc["ov-se-023", "kind"] == ONE_OFF  # avoided "six-figure investment"
    assert money.loc["ov-se-004", "kind"] == MULTI_YEAR  # £1.5m over the next 10 years
    assert money.loc["ov-jcr-006", "kind"] == "by_date"  # £1.7m of savings by 2021
    assert money.loc["ov-se-048", "kind"] == UNSPECIFIED  # Planned Maintenance savings
    assert money.loc["ov-se-049", "kind"] == CAPITAL_RECEIPT
    assert money.loc["ov-se-005", "kind"] == "transfer"
    assert money.loc["ov-se-001", "kind"] == "grant"
    assert money.loc["ov-jcr-004", "kind"] == "cost"
    assert money.loc["ov-wc-003", "kind"] == "wider_benefit"
    assert money.loc["ov-se-051", "kind"] == "baseline"
    assert not money.loc["ov-se-005", "is_saving"]


def test_multi_year_total_keeps_its_annual_equivalent(money: pd.DataFrame) -> None:
    row = money.loc["ov-se-004"]
    # £1,500,000 over 10 years = £150,000 a year; the total stays the central value
    assert row["central"] == 1_500_000
    assert row["annual_central"] == 150_000


def test_money_that_is_not_a_claim_gets_no_prudent_value(money: pd.DataFrame) -> None:
    row = money.loc["ov-se-005"]  # "up to £580000 p.a." paid by police to fire
    assert (row["lower"], row["central"]) == (0, 580_000)
    assert math.isnan(row["prudent"])
    # a capital receipt is a benefit: achieved, 10% off: £400,000 x 0.9 = £360,000
    assert money.loc["ov-se-042", "prudent"] == pytest.approx(360_000)


def test_restatements_are_marked_not_primary(money: pd.DataFrame) -> None:
    # the ministerial paper's "being reduced by £1.490m" restates the overview's ov-se-006
    assert money.loc["ov-se-006", "is_primary"]
    assert not money.loc["mp-017", "is_primary"]


def test_caller_adjustments(store: Store) -> None:
    rows = money_figures(store.figures, adjustments={"estimate": 0.5}).set_index("figure_id")
    # £430,000 x (1 - 0.5) = £215,000; achieved keeps its default 10%: £14,000 x 0.9 = £12,600
    assert rows.loc["ov-sa-016", "prudent"] == pytest.approx(215_000)
    assert rows.loc["ov-se-047", "prudent"] == pytest.approx(12_600)


def test_price_base(store: Store) -> None:
    rows = money_figures(store.figures, price_base_year=2024).set_index("figure_id")
    row = rows.loc["ov-sa-016"]  # a 2016 document: 2016-17 prices (index 76.0754)
    # £430,000 x 100 / 76.0754 = £565,228.71; prudent 75% of that = £423,921.53
    assert row["central"] == pytest.approx(565_228.71, abs=0.01)
    assert row["prudent"] == pytest.approx(423_921.53, abs=0.01)
    assert row["cash_central"] == 430_000
    assert row["price_factor"] == pytest.approx(100 / 76.0754)


def test_bounds_of_a_range_and_less_than() -> None:
    rows = pd.DataFrame(
        {
            "qualifier": ["range", "less_than"],
            "value": [3_500_000.0, 10_000.0],
            "low": [3_000_000.0, None],
            "high": [4_000_000.0, 10_000.0],
        }
    )
    result = bounds(rows)
    # £3m-£4m: midpoint (3m + 4m) / 2 = £3.5m; "less than £10,000": 0 to £10,000
    assert result["lower"].tolist() == [3_000_000, 0]
    assert result["central"].tolist() == [3_500_000, 10_000]
    assert result["upper"].tolist() == [4_000_000, 10_000]


def test_per_month_is_put_on_a_per_year_footing(store: Store) -> None:
    row = store.figures[store.figures["figure_id"] == "ov-se-047"].copy()
    row = row.assign(
        figure_id="test-month",
        quote="£10k per month",
        value=10_000.0,
        low=10_000.0,
        high=10_000.0,
        recurrence="per_month",
        annual_value=120_000.0,
        compare_key=None,
    )
    result = money_figures(row).iloc[0]
    # £10,000 x 12 = £120,000 a year; actual, 10% off: £108,000
    assert result["kind"] == RECURRING
    assert result["central"] == 120_000
    assert result["prudent"] == pytest.approx(108_000)


def test_achieved_only(store: Store) -> None:
    kept = achieved_only(store.figures, include_estimates=False)
    assert set(kept["basis"]) == {"actual"}
    assert achieved_only(store.figures, include_estimates=True) is store.figures


def test_no_money_gives_an_empty_table(store: Store) -> None:
    none = money_figures(store.figures[store.figures["unit"] != "GBP"])
    assert none.empty and list(none.columns) == MONEY_COLUMNS
