"""Real terms: quoted money rebased with the shipped GDP deflator (2024-25 = 100)."""

from __future__ import annotations

import pandas as pd
import pytest

from loaders.reference import load_deflator
from metrics.real_terms import (
    CASH,
    financial_year_label,
    fy_start_of_price_year,
    price_base_label,
    price_base_options,
    rebase_factors,
    to_price_base,
)


@pytest.fixture(scope="module")
def deflator() -> pd.DataFrame:
    return load_deflator()


def test_price_year_is_read_as_the_financial_year_starting_then() -> None:
    assert fy_start_of_price_year(2016) == 2016  # 2016 prices -> 2016-17


def test_one_million_in_2016_prices_to_2024_25_prices(deflator: pd.DataFrame) -> None:
    # index 2016-17 = 76.0754, 2024-25 = 100: £1,000,000 x 100 / 76.0754 = £1,314,485.36
    rebased = to_price_base(pd.Series([1_000_000.0]), pd.Series([2016]), 2024, deflator)
    assert rebased[0] == pytest.approx(1_314_485.36, abs=0.01)


def test_2014_money_to_2016_17_prices(deflator: pd.DataFrame) -> None:
    # index 2014-15 = 74.0662, 2016-17 = 76.0754: 76.0754 / 74.0662 = 1.0271271;
    # £580,000 x 1.0271271 = £595,733.71
    rebased = to_price_base(pd.Series([580_000.0]), pd.Series([2014]), 2016, deflator)
    assert rebased[0] == pytest.approx(595_733.71, abs=0.01)


def test_each_value_uses_its_own_price_year(deflator: pd.DataFrame) -> None:
    # 2020-21 = 85.1002 and 2016-17 = 76.0754, both to 2024-25 = 100
    factors = rebase_factors(pd.Series([2020, 2016]), 2024, deflator)
    assert factors.tolist() == pytest.approx([100 / 85.1002, 100 / 76.0754])


def test_money_already_in_the_target_year_is_unchanged(deflator: pd.DataFrame) -> None:
    rebased = to_price_base(pd.Series([14_000.0]), pd.Series([2024]), 2024, deflator)
    assert rebased[0] == 14_000.0


def test_cash_terms_leave_values_alone(deflator: pd.DataFrame) -> None:
    values = pd.Series([1.0, 2.5])
    assert to_price_base(values, pd.Series([1990, 2099]), None, deflator).tolist() == [1.0, 2.5]


def test_a_price_year_without_a_deflator_is_a_clear_error(deflator: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="price year.*2001"):
        to_price_base(pd.Series([1.0]), pd.Series([2001]), 2024, deflator)


def test_a_target_year_without_a_deflator_is_a_clear_error(deflator: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="no GDP deflator for 2030-31"):
        to_price_base(pd.Series([1.0]), pd.Series([2016]), 2030, deflator)


def test_labels() -> None:
    assert financial_year_label(2024) == "2024-25"
    assert financial_year_label(1999) == "1999-00"
    assert price_base_label(None) == CASH == "cash terms"
    assert price_base_label(2024) == "2024-25 prices (GDP deflator)"


def test_price_base_options_are_the_deflator_years_latest_first(deflator: pd.DataFrame) -> None:
    options = price_base_options(deflator)
    assert options[0] == 2025  # 2025-26, a forecast in the March 2026 vintage
    assert options[-1] == 2008
    assert 2016 in options
