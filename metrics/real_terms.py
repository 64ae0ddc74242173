"""Money in one year's prices: rebase quoted figures with the GDP deflator.

Documents quote money in the prices of the year they were written (or a year they state). To
compare a 2014 figure with a 2020 one, both are put into one financial year's prices:

    value x index[target] / index[price year]

Assumption (documented on the page and in chart notes): a price year Y is read as the financial
year Y-(Y+1), i.e. `fy_start = Y`. The documents rarely say which, and public-service budgets are
set by financial year; for a 2016 document this means 2016-17 prices.

>>> deflator = pd.DataFrame({"fy_start": [2016, 2024], "index": [76.0754, 100.0]})
>>> round(to_price_base(pd.Series([1e6]), pd.Series([2016]), 2024, deflator)[0])
1314485
"""

from __future__ import annotations

import pandas as pd

CASH = "cash terms"
"""Each document's own prices, not adjusted for inflation (HM Treasury's usage)."""


def fy_start_of_price_year(price_year: int) -> int:
    """The financial year a price year stands for: Y -> Y-(Y+1), so fy_start = Y."""
    return int(price_year)


def financial_year_label(fy_start: int) -> str:
    """'2024-25' for fy_start 2024.

    >>> financial_year_label(2009)
    '2009-10'
    """
    return f"{fy_start}-{(fy_start + 1) % 100:02d}"


def price_base_label(target_fy_start: int | None) -> str:
    """How a chart or table says which prices its money is in."""
    if target_fy_start is None:
        return CASH
    return f"{financial_year_label(target_fy_start)} prices (GDP deflator)"


def price_base_options(deflator: pd.DataFrame) -> list[int]:
    """Financial years a user can choose as the price base, latest first (forecasts included)."""
    return sorted(deflator["fy_start"].astype(int).tolist(), reverse=True)


def deflator_index(deflator: pd.DataFrame) -> pd.Series:
    """Deflator index by financial-year start, e.g. index[2016] = 76.0754 (2024-25 = 100)."""
    return deflator.set_index(deflator["fy_start"].astype(int))["index"].astype(float)


def rebase_factors(
    price_years: pd.Series, target_fy_start: int, deflator: pd.DataFrame
) -> pd.Series:
    """index[target] / index[fy_start of each price year]; an unknown year is a clear error."""
    index = deflator_index(deflator)
    if target_fy_start not in index.index:
        raise ValueError(
            f"no GDP deflator for {financial_year_label(target_fy_start)}: choose one of "
            f"{financial_year_label(int(index.index.min()))} to "
            f"{financial_year_label(int(index.index.max()))}"
        )
    starts = price_years.map(fy_start_of_price_year)
    missing = sorted(set(starts) - set(index.index))
    if missing:
        raise ValueError(
            "no GDP deflator for price year(s) "
            + ", ".join(str(y) for y in missing)
            + f": the deflator table covers {int(index.index.min())} to {int(index.index.max())}"
        )
    return index[target_fy_start] / starts.map(index)


def to_price_base(
    values: pd.Series,
    price_years: pd.Series,
    target_fy_start: int | None,
    deflator: pd.DataFrame,
) -> pd.Series:
    """Values in the prices of `target_fy_start` (None keeps cash terms, unchanged)."""
    if target_fy_start is None:
        return values.astype(float)
    return values.astype(float) * rebase_factors(price_years, target_fy_start, deflator).to_numpy()
