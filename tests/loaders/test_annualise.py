"""Table-driven tests of annualise(): annual equivalents and the assumption stated with them."""

from __future__ import annotations

import doctest

import pytest

from loaders import annualise as annualise_module
from loaders.annualise import annualise
from loaders.quote_parser import Recurrence, parse_quote

R = Recurrence

# (quote, row recurrence, row period_years, annual value, words the assumption must contain)
CASES = [
    # the quote says it
    ("£14,000 per annum", None, None, 14000.0, "stated per year"),
    ("up to £580000 p.a.", None, None, 580000.0, "stated per year"),
    ("£371,028 (full year effect)", None, None, 371028.0, "stated per year"),
    ("approx. £899,000 from year 3", None, None, 899000.0, "stated per year"),
    ("£10k per month", None, None, 120000.0, "per month x 12"),
    ("£1,000 weekly", None, None, 52000.0, "per week x 52"),
    ("£50 a day", None, None, 18250.0, "per day x 365"),
    ("700 patients a week", None, None, 36400.0, "per week x 52"),
    ("£2m a year for 5 years", None, None, 2e6, "stated per year"),
    ("£1.5m of on going savings over the next 10 years", None, None, 150000.0,
     "spread evenly over 10 years"),
    ("£77,544 for 2 years", None, None, 38772.0, "spread evenly over 2 years"),
    ("£1.7m of savings by 2021", None, None, None, "cumulative by 2021: no annual equivalent"),
    ("£250,000 one-off", None, None, None, "one-off: no annual equivalent"),
    ("£1.490m", None, None, None, "recurrence not stated"),
    # the data row fills in what the quote leaves unsaid
    ("£1.490m", R.per_year, None, 1490000.0, "per year (recurrence from the data row)"),
    ("£1.490m", "per_year", None, 1490000.0, "stated per year"),
    ("£1.490m", R.one_off, None, None, "one-off: no annual equivalent"),
    ("£4.68 million", R.total_over_period, 5.0, 936000.0, "spread evenly over 5 years"),
    ("£4.68 million", R.total_over_period, None, None, "unstated period"),
    ("£4.68 million", R.total_over_period, float("nan"), None, "unstated period"),
    ("£4.68 million", R.cumulative_by_date, None, None, "cumulative by a date"),
    ("£1.490m", "", None, None, "recurrence not stated"),
    ("£1.490m", float("nan"), None, None, "recurrence not stated"),
    # the quote's period wins over the row's
    ("£77,544 for 2 years", R.total_over_period, 4.0, 38772.0, "spread evenly over 2 years"),
    ("£14,000 per annum", R.per_year, None, 14000.0, "stated per year"),
    # not amounts
    ("79.3%", None, None, None, "not an amount"),
    ("1:1.6", R.per_year, None, None, "not an amount"),
]


@pytest.mark.parametrize(
    ("quote", "recurrence", "period_years", "annual", "words"),
    [pytest.param(*c, id=f"{c[0].replace('£', 'GBP')} | row={c[1]!s} {c[2]}") for c in CASES],
)
def test_annualise(
    quote: str,
    recurrence: Recurrence | None,
    period_years: float | None,
    annual: float | None,
    words: str,
) -> None:
    value, assumption = annualise(parse_quote(quote), recurrence, period_years)
    assert value == annual
    assert words in assumption


@pytest.mark.parametrize(
    ("quote", "recurrence", "period_years", "message"),
    [
        pytest.param("£14,000 per annum", R.one_off, None, "per_year", id="quote-vs-row-conflict"),
        pytest.param("£250,000 one-off", R.per_year, None, "one_off", id="one-off-vs-per-year"),
        pytest.param("£4.68 million", R.total_over_period, 0.0, "positive", id="zero-period"),
        pytest.param("£4.68 million", R.total_over_period, -2.0, "positive", id="negative-period"),
        pytest.param("£4.68 million", "fortnightly", None, "fortnightly", id="unknown-recurrence"),
    ],
)
def test_annualise_refuses(
    quote: str, recurrence: Recurrence | str, period_years: float | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        annualise(parse_quote(quote), recurrence, period_years)  # type: ignore[arg-type]


def test_conflict_names_both() -> None:
    with pytest.raises(ValueError) as caught:
        annualise(parse_quote("£14,000 per annum"), R.one_off)
    assert "per_year" in str(caught.value) and "one_off" in str(caught.value)


def test_doctests() -> None:
    failed, attempted = doctest.testmod(annualise_module)
    assert attempted > 0 and failed == 0
