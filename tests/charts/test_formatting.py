"""Number formats: one table of value -> text per unit, plus the edges that bit."""

from __future__ import annotations

import doctest
import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from charts import formatting
from charts.formatting import (
    MISSING,
    format_count,
    format_duration,
    format_money,
    format_percent,
    format_ratio,
    format_value,
    money_ticks,
)

MONEY = [
    # examples from the brief
    (1_500_000, None, "£1.5m"),
    (580_000, None, "£580k"),
    (14_000, None, "£14,000"),
    (1_200_000_000, None, "£1.2bn"),
    (2_000_000, "at_least", "at least £2m"),
    (580_000, "up_to", "up to £580k"),
    (55_000, "approx", "about £55k"),
    (1_000_000, "less_than", "under £1m"),
    (3_000, "more_than", "over £3,000"),
    # three significant figures at most from £20k up, no false precision
    (1_234_567, None, "£1.23m"),
    (12_345_678, None, "£12.3m"),
    (583_450, None, "£583k"),
    (23_456, None, "£23.5k"),
    (20_000, None, "£20k"),
    (2_200_000, None, "£2.2m"),
    (123_456_789_012, None, "£123bn"),
    # rounding carries into the next unit, half-up
    (999_600, None, "£1m"),
    (999_499, None, "£999k"),
    (1_245_000, None, "£1.25m"),
    (19_999.6, None, "£20,000"),
    # below £20k in full, to the pound; pence only for small non-whole amounts
    (19_999, None, "£19,999"),
    (1_234, None, "£1,234"),
    (580, None, "£580"),
    (12.5, None, "£13"),
    (2.5, None, "£2.50"),
    (0, None, "£0"),
    (5, "exact", "£5"),
    # negatives keep the sign in front
    (-1_500_000, None, "-£1.5m"),
    (-14_000, None, "-£14,000"),
    # other numeric types
    (np.int64(580_000), None, "£580k"),
    (np.float64(1.5e6), None, "£1.5m"),
    (Decimal("2200000"), None, "£2.2m"),
]

DURATIONS = [
    (526, "8 min 46 s"),
    (300, "5 min"),
    (496_800, "138 h"),
    (7_800, "2 h 10 min"),
    (45, "45 s"),
    (0, "0 s"),
    (0.5, "0.5 s"),
    (59.6, "1 min"),
    (60, "1 min"),
    (61, "1 min 1 s"),
    (3_599.4, "59 min 59 s"),
    (3_599.6, "1 h"),
    (3_600, "1 h"),
    (5_430, "1 h 31 min"),
    (35_940, "9 h 59 min"),
    (36_000, "10 h"),
    (45_000, "13 h"),  # 12.5 h rounds half-up, not to even
    (3_600_000, "1,000 h"),
    (-30, "-30 s"),
]

PERCENTS = [
    (79.3, "79.3%"),
    (80.0, "80%"),
    (80, "80%"),
    (79.25, "79.3%"),
    (76.7, "76.7%"),
    (0.04, "0%"),
    (0.05, "0.1%"),
    (100, "100%"),
    (-2.5, "-2.5%"),
    (12.345, "12.3%"),
]

RATIOS = [
    (1.6, "1 : 1.6"),
    (2, "1 : 2"),
    (1.25, "1 : 1.25"),
    (12.46, "1 : 12.5"),
    (0.853, "1 : 0.85"),
    (4.0, "1 : 4"),
]

COUNTS = [
    (21_187, "21,187"),
    (3_000, "3,000"),
    (18, "18"),
    (0, "0"),
    (2.5, "2.5"),
    (1_234_567, "1,234,567"),
    (np.int64(29), "29"),
    (7.0, "7"),
]

VALUES = [
    (1_500_000, "GBP", None, "£1.5m"),
    (580_000, "GBP", "up_to", "up to £580k"),
    (526, "seconds", None, "8 min 46 s"),
    (76.7, "percent", None, "76.7%"),
    (1.6, "ratio", None, "1 : 1.6"),
    (21_187, "count", "approx", "about 21,187"),
    (3_000, "count", "more_than", "over 3,000"),
    (850, "metres", None, "850 m"),
    (12, "miles", None, "12 miles"),
    (1, "miles", None, "1 mile"),
    (1, "days", None, "1 day"),
    (3, "days", "at_least", "at least 3 days"),
    (6, "weeks", None, "6 weeks"),
    (1, "weeks", None, "1 week"),
    (18, "months", None, "18 months"),
    (10, "years", "up_to", "up to 10 years"),
    (1, "years", None, "1 year"),
    (2.5, "years", None, "2.5 years"),
]

MISSING_VALUES = [None, float("nan"), np.nan, pd.NA, pd.NaT, math.nan]


@pytest.mark.parametrize(("value", "qualifier", "expected"), MONEY)
def test_format_money(value, qualifier, expected):
    assert format_money(value, qualifier) == expected


@pytest.mark.parametrize(("seconds", "expected"), DURATIONS)
def test_format_duration(seconds, expected):
    assert format_duration(seconds) == expected


@pytest.mark.parametrize(("value", "expected"), PERCENTS)
def test_format_percent(value, expected):
    assert format_percent(value) == expected


@pytest.mark.parametrize(("value", "expected"), RATIOS)
def test_format_ratio(value, expected):
    assert format_ratio(value) == expected


@pytest.mark.parametrize(("value", "expected"), COUNTS)
def test_format_count(value, expected):
    assert format_count(value) == expected


@pytest.mark.parametrize(("value", "unit", "qualifier", "expected"), VALUES)
def test_format_value(value, unit, qualifier, expected):
    assert format_value(value, unit, qualifier) == expected


@pytest.mark.parametrize("value", MISSING_VALUES, ids=repr)
@pytest.mark.parametrize("unit", formatting.UNITS)
def test_missing_values_show_a_dash_whatever_the_unit(value, unit):
    assert format_value(value, unit) == MISSING == "–"
    assert format_value(value, unit, "up_to") == MISSING


def test_every_formatter_shows_missing_as_a_dash():
    for formatter in (format_money, format_duration, format_percent, format_ratio, format_count):
        assert formatter(None) == MISSING
        assert formatter(float("nan")) == MISSING


def test_unknown_unit_is_an_error_not_a_guess():
    with pytest.raises(ValueError, match="Unknown unit 'furlongs'"):
        format_value(3, "furlongs")


def test_unknown_qualifier_is_an_error_not_dropped():
    with pytest.raises(ValueError, match="Unknown qualifier 'roughly'"):
        format_money(1_000, "roughly")


MONEY_TICKS = [
    (12_500_000, ["£0", "£2.5m", "£5m", "£7.5m", "£10m", "£12.5m"]),
    (18_000, ["£0", "£5,000", "£10,000", "£15,000", "£20,000"]),
    (60_000, ["£0", "£20k", "£40k", "£60k"]),
    (900_000, ["£0", "£200k", "£400k", "£600k", "£800k", "£1,000k"]),
    (2_400_000_000, ["£0", "£0.5bn", "£1bn", "£1.5bn", "£2bn", "£2.5bn"]),
]


@pytest.mark.parametrize(("top", "expected"), MONEY_TICKS)
def test_money_ticks_share_one_unit(top, expected):
    ticks = money_ticks(top)
    assert ticks["ticktext"] == expected
    assert len(ticks["tickvals"]) == len(expected)
    assert ticks["tickvals"][-1] >= top


def test_money_ticks_cover_negative_values():
    ticks = money_ticks(1_000_000, -500_000)
    assert ticks["ticktext"] == ["-£0.5m", "£0", "£0.5m", "£1m"]


def test_docstring_examples_run():
    result = doctest.testmod(formatting)
    assert result.attempted > 0
    assert result.failed == 0
