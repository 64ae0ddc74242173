"""Table-driven tests of the quote parser: document quotes, other real styles, strict failures."""

from __future__ import annotations

import doctest
import math
import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders import quote_parser
from loaders.quote_parser import (
    ParsedQuote,
    Qualifier,
    QuoteParseError,
    Recurrence,
    Unit,
    parse_quote,
)

U, Q, R = Unit, Qualifier, Recurrence
EXTRA_FIELDS = ("period_years", "by_year", "value_before", "denominator")


def _id(quote: str) -> str:
    """Readable, ASCII test ids: '£1.490m' -> 'GBP1.490m'."""
    text = " ".join(quote.split()).replace("£", "GBP").replace("\u2026", "...")
    return text or ("blank" if quote else "empty")


def case(
    quote: str,
    value: float,
    unit: Unit,
    qualifier: Qualifier,
    low: float | None,
    high: float | None,
    recurrence: Recurrence | None = None,
    **extra: float | int,
) -> object:
    """One row: the quote and every field it must read as (unlisted extras must be None)."""
    expected = dict(
        value=value, unit=unit, qualifier=qualifier, low=low, high=high, recurrence=recurrence
    )
    expected.update({name: extra.get(name) for name in EXTRA_FIELDS})
    assert set(extra) <= set(EXTRA_FIELDS), extra
    return pytest.param(quote, expected, id=_id(quote))


def _check(quote: str, expected: dict[str, object]) -> ParsedQuote:
    parsed = parse_quote(quote)
    got = {name: getattr(parsed, name) for name in expected}
    if expected["period_years"] is not None and got["period_years"] is not None:
        got["period_years"] = pytest.approx(got["period_years"])
    assert got == expected
    assert parsed.quote == quote
    return parsed


# (1) Quotes as they stand in the source documents (shared/seeds/).
DOCUMENT_QUOTES = [
    # money
    case("£1.490m", 1490000.0, U.GBP, Q.exact, 1490000.0, 1490000.0),
    case("250k", 250000.0, U.GBP, Q.exact, 250000.0, 250000.0),
    case("£500K", 500000.0, U.GBP, Q.exact, 500000.0, 500000.0),
    case("at least £2M", 2e6, U.GBP, Q.at_least, 2e6, None),
    case("in excess of £12m", 12e6, U.GBP, Q.at_least, 12e6, None),
    case("approx £55k", 55000.0, U.GBP, Q.approx, None, None),
    case("approx. £899,000 from year 3", 899000.0, U.GBP, Q.approx, None, None, R.per_year),
    case("circa £150m", 150e6, U.GBP, Q.approx, None, None),
    case("up to £580000 p.a.", 580000.0, U.GBP, Q.up_to, None, 580000.0, R.per_year),
    case("£14,000 per annum", 14000.0, U.GBP, Q.exact, 14000.0, 14000.0, R.per_year),
    case("£371,028 (full year effect)", 371028.0, U.GBP, Q.exact, 371028.0, 371028.0, R.per_year),
    case("£1.5m of on going savings over the next 10 years", 1.5e6, U.GBP, Q.exact, 1.5e6, 1.5e6,
         R.total_over_period, period_years=10.0),
    case("£1.7m of savings by 2021", 1.7e6, U.GBP, Q.exact, 1.7e6, 1.7e6, R.cumulative_by_date,
         by_year=2021),
    case("annual savings of over £1.5 million", 1.5e6, U.GBP, Q.at_least, 1.5e6, None,
         R.per_year),
    case("£77,544 for 2 years", 77544.0, U.GBP, Q.exact, 77544.0, 77544.0, R.total_over_period,
         period_years=2.0),
    case("£345 million a year", 345e6, U.GBP, Q.exact, 345e6, 345e6, R.per_year),
    case("£4.68 million", 4680000.0, U.GBP, Q.exact, 4680000.0, 4680000.0),
    case("over £430k", 430000.0, U.GBP, Q.at_least, 430000.0, None),
    case("£0.28m", 280000.0, U.GBP, Q.exact, 280000.0, 280000.0),
    case("in excess of £2.2 per annum", 2.2, U.GBP, Q.at_least, 2.2, None, R.per_year),
    case("£1.058m", 1058000.0, U.GBP, Q.exact, 1058000.0, 1058000.0),
    case("£0.58m", 580000.0, U.GBP, Q.exact, 580000.0, 580000.0),
    case("£6.6m", 6.6e6, U.GBP, Q.exact, 6.6e6, 6.6e6),
    case("£1.2 million", 1.2e6, U.GBP, Q.exact, 1.2e6, 1.2e6),
    case("in the region of 250k", 250000.0, U.GBP, Q.approx, None, None),
    case("in the range of £500K", 500000.0, U.GBP, Q.approx, None, None),
    case("around £45m a year", 45e6, U.GBP, Q.approx, None, None, R.per_year),
    case("an estimated £40,000 of savings", 40000.0, U.GBP, Q.exact, 40000.0, 40000.0),
    case("an estimated saving of around £16,000 per year", 16000.0, U.GBP, Q.approx, None, None,
         R.per_year),
    case("approximately £100k per annum", 100000.0, U.GBP, Q.approx, None, None, R.per_year),
    case("£430,000 per year", 430000.0, U.GBP, Q.exact, 430000.0, 430000.0, R.per_year),
    case("estimated annual savings in excess of £38,000", 38000.0, U.GBP, Q.at_least, 38000.0,
         None, R.per_year),
    case("net capital receipt of over £400,000", 400000.0, U.GBP, Q.at_least, 400000.0, None),
    case("estimated to be around £100,000", 100000.0, U.GBP, Q.approx, None, None),
    case("£820,152 annual cost", 820152.0, U.GBP, Q.exact, 820152.0, 820152.0, R.per_year),
    case("(annualised) £1,356,589", 1356589.0, U.GBP, Q.exact, 1356589.0, 1356589.0, R.per_year),
    case("approximately £0.28m", 280000.0, U.GBP, Q.approx, None, None),
    case("£18k", 18000.0, U.GBP, Q.exact, 18000.0, 18000.0),
    # durations
    case("8 minutes 46 seconds", 526.0, U.seconds, Q.exact, 526.0, 526.0),
    case("8 minutes and 46 seconds", 526.0, U.seconds, Q.exact, 526.0, 526.0),
    case("5 minute", 300.0, U.seconds, Q.exact, 300.0, 300.0),
    case("138 hours", 496800.0, U.seconds, Q.exact, 496800.0, 496800.0),
    case("the first 5 months saved 138 hours of police time", 496800.0, U.seconds, Q.exact,
         496800.0, 496800.0, R.total_over_period, period_years=5 / 12),
    case("eight minute", 480.0, U.seconds, Q.exact, 480.0, 480.0),
    case("six-month", 6.0, U.months, Q.exact, 6.0, 6.0),
    case("over 10 years", 10.0, U.years, Q.at_least, 10.0, None),
    # percentages and ratios
    case("79.3%", 79.3, U.percent, Q.exact, 79.3, 79.3),
    case("55.%", 55.0, U.percent, Q.exact, 55.0, 55.0),
    case("around 31%", 31.0, U.percent, Q.approx, None, None),
    case("9.0%", 9.0, U.percent, Q.exact, 9.0, 9.0),
    case("as high as 83%", 83.0, U.percent, Q.up_to, None, 83.0),
    case("up by over 6%", 6.0, U.percent, Q.at_least, 6.0, None),
    case("just over 70%", 70.0, U.percent, Q.approx, 70.0, None),
    case("between 2%-8%", 5.0, U.percent, Q.range, 2.0, 8.0),
    case("60% ... to 82.3%", 82.3, U.percent, Q.exact, 82.3, 82.3, value_before=60.0),
    case("from 51% to 60%", 60.0, U.percent, Q.exact, 60.0, 60.0, value_before=51.0),
    case("1:1.6", 1.6, U.ratio, Q.exact, 1.6, 1.6),
    case("1:1.3", 1.3, U.ratio, Q.exact, 1.3, 1.3),
    case("1:1.8", 1.8, U.ratio, Q.exact, 1.8, 1.8),
    # counts
    case("21,187", 21187.0, U.count, Q.exact, 21187.0, 21187.0),
    case("18 of the 29", 18.0, U.count, Q.exact, 18.0, 18.0, denominator=29.0),
    case("from 196 ... to 29", 29.0, U.count, Q.exact, 29.0, 29.0, value_before=196.0),
    case("from 196 before the introduction of the JRU to 29", 29.0, U.count, Q.exact, 29.0, 29.0,
         value_before=196.0),
    case("just over 3000 calls", 3000.0, U.count, Q.approx, 3000.0, None),
    case("almost 4000 EFR incidents", 4000.0, U.count, Q.approx, None, 4000.0),
    case("up to 100 medical emergencies attended to a year", 100.0, U.count, Q.up_to, None, 100.0,
         R.per_year),
    case("Three fire stations", 3.0, U.count, Q.exact, 3.0, 3.0),
    case("four London boroughs", 4.0, U.count, Q.exact, 4.0, 4.0),
    case("125 incidents", 125.0, U.count, Q.exact, 125.0, 125.0),
    case("700 patients a week", 700.0, U.count, Q.exact, 700.0, 700.0, R.per_week),
    case("100,000 calls a year", 100000.0, U.count, Q.exact, 100000.0, 100000.0, R.per_year),
    case("approximately 500,000 calls per year", 500000.0, U.count, Q.approx, None, None,
         R.per_year),
    case("355 deployments in the first five months of the project", 355.0, U.count, Q.exact,
         355.0, 355.0, R.total_over_period, period_years=5 / 12),
    case("219 such incidents over a period of twelve months", 219.0, U.count, Q.exact, 219.0,
         219.0, R.total_over_period, period_years=1.0),
    case("72 volunteers within 2 years", 72.0, U.count, Q.exact, 72.0, 72.0,
         R.total_over_period, period_years=2.0),
    case("over 900 calls", 900.0, U.count, Q.at_least, 900.0, None),
    case("approximately 1,200 staff", 1200.0, U.count, Q.approx, None, None),
    case("well over 60", 60.0, U.count, Q.at_least, 60.0, None),
    case("21,187 ... activations by JRUs", 21187.0, U.count, Q.exact, 21187.0, 21187.0),
    case("one of 4 areas", 1.0, U.count, Q.exact, 1.0, 1.0, denominator=4.0),
    case("some 10,000 co-responding incidents annually", 10000.0, U.count, Q.approx, None, None,
         R.per_year),
    case("approximated 10 'low tier'", 10.0, U.count, Q.approx, None, None),
    # durations and dates curated from the documents
    case("an average of 8 minutes and 46 seconds", 526.0, U.seconds, Q.exact, 526.0, 526.0),
    case("saved 138 hours of police time", 496800.0, U.seconds, Q.exact, 496800.0, 496800.0),
    case("one year pilot", 1.0, U.years, Q.exact, 1.0, 1.0),
    case("six monthly basis", 6.0, U.months, Q.exact, 6.0, 6.0),
    case("11-25 year old", 18.0, U.years, Q.range, 11.0, 25.0),
    case("over the next 5-10 years", 7.5, U.years, Q.range, 5.0, 10.0),
    case("evaluating the impact of it over 2 years", 2.0, U.years, Q.at_least, 2.0, None),
    case("formed in September 2014", 2014.0, U.count, Q.exact, 2014.0, 2014.0),
    case("Since c2002", 2002.0, U.count, Q.approx, None, None),
    case("by up to £1.490m", 1490000.0, U.GBP, Q.up_to, None, 1490000.0),
    # distances
    case("100m radius", 100.0, U.metres, Q.exact, 100.0, 100.0),
    case("within a 100m radius", 100.0, U.metres, Q.exact, 100.0, 100.0),
    case("extra 621m", 621.0, U.metres, Q.exact, 621.0, 621.0),  # the data row overrides it
    case("only three miles", 3.0, U.miles, Q.exact, 3.0, 3.0),
]

# (2) Other real styles of writing figures.
OTHER_STYLES = [
    case("£2.3 million", 2.3e6, U.GBP, Q.exact, 2.3e6, 2.3e6),
    case("£1.2bn", 1.2e9, U.GBP, Q.exact, 1.2e9, 1.2e9),
    case("£3m-£4m", 3.5e6, U.GBP, Q.range, 3e6, 4e6),
    case("£3m to £4m", 3.5e6, U.GBP, Q.range, 3e6, 4e6),
    case("£3m \u2013 £4m", 3.5e6, U.GBP, Q.range, 3e6, 4e6),
    case("£3-4m", 3.5e6, U.GBP, Q.range, 3e6, 4e6),
    case("£500k-£1m", 750000.0, U.GBP, Q.range, 500000.0, 1e6),
    case("c.£500,000", 500000.0, U.GBP, Q.approx, None, None),
    case("c. 500", 500.0, U.count, Q.approx, None, None),
    case("12 per cent", 12.0, U.percent, Q.exact, 12.0, 12.0),
    case("12 percent", 12.0, U.percent, Q.exact, 12.0, 12.0),
    case("12pc", 12.0, U.percent, Q.exact, 12.0, 12.0),
    case(".5%", 0.5, U.percent, Q.exact, 0.5, 0.5),
    case("2 hours 10 mins", 7800.0, U.seconds, Q.exact, 7800.0, 7800.0),
    case("90 secs", 90.0, U.seconds, Q.exact, 90.0, 90.0),
    case("1 hr", 3600.0, U.seconds, Q.exact, 3600.0, 3600.0),
    case("1 hr, 5 min and 3 secs", 3903.0, U.seconds, Q.exact, 3903.0, 3903.0),
    case("3-4 minutes", 210.0, U.seconds, Q.range, 180.0, 240.0),
    case("between 3 and 4 minutes", 210.0, U.seconds, Q.range, 180.0, 240.0),
    case("within 8 minutes", 480.0, U.seconds, Q.up_to, None, 480.0),
    case("just under 5 minutes", 300.0, U.seconds, Q.approx, None, 300.0),
    case("3 months", 3.0, U.months, Q.exact, 3.0, 3.0),
    case("2 weeks", 2.0, U.weeks, Q.exact, 2.0, 2.0),
    case("10 days", 10.0, U.days, Q.exact, 10.0, 10.0),
    case("over five years", 5.0, U.years, Q.at_least, 5.0, None),
    case("£1 : £1.30", 1.3, U.ratio, Q.exact, 1.3, 1.3),
    case("1 : 1.6", 1.6, U.ratio, Q.exact, 1.6, 1.6),
    case("around 1:2", 2.0, U.ratio, Q.approx, None, None),
    case("900+ calls", 900.0, U.count, Q.at_least, 900.0, None),
    case("less than 5%", 5.0, U.percent, Q.less_than, None, 5.0),
    case("fewer than 20 calls", 20.0, U.count, Q.less_than, None, 20.0),
    case("nearly £1m", 1e6, U.GBP, Q.approx, None, 1e6),
    case("some 300 calls", 300.0, U.count, Q.approx, None, None),
    case("£500,000 or more", 500000.0, U.GBP, Q.at_least, 500000.0, None),
    case("£1m (circa)", 1e6, U.GBP, Q.approx, None, None),
    case("c2002", 2002.0, U.count, Q.approx, None, None),
    case("2-weekly", 2.0, U.weeks, Q.exact, 2.0, 2.0),
    case("£5 monthly", 5.0, U.GBP, Q.exact, 5.0, 5.0, R.per_month),
    case("700 weekly visits", 700.0, U.count, Q.exact, 700.0, 700.0, R.per_week),
    case("a maximum of £40k", 40000.0, U.GBP, Q.up_to, None, 40000.0),
    case("no less than £3m", 3e6, U.GBP, Q.at_least, 3e6, None),
    case("savings in excess of ... £2.2m", 2.2e6, U.GBP, Q.at_least, 2.2e6, None),
    case("£250,000 one-off", 250000.0, U.GBP, Q.exact, 250000.0, 250000.0, R.one_off),
    case("a one off £250,000", 250000.0, U.GBP, Q.exact, 250000.0, 250000.0, R.one_off),
    case("£10k per month", 10000.0, U.GBP, Q.exact, 10000.0, 10000.0, R.per_month),
    case("£1,000 weekly", 1000.0, U.GBP, Q.exact, 1000.0, 1000.0, R.per_week),
    case("£50 a day", 50.0, U.GBP, Q.exact, 50.0, 50.0, R.per_day),
    case("£2m annually", 2e6, U.GBP, Q.exact, 2e6, 2e6, R.per_year),
    case("£2m a year for 5 years", 2e6, U.GBP, Q.exact, 2e6, 2e6, R.per_year, period_years=5.0),
    case("£1.5m over five years", 1.5e6, U.GBP, Q.exact, 1.5e6, 1.5e6, R.total_over_period,
         period_years=5.0),
    case("£60k over the first six months", 60000.0, U.GBP, Q.exact, 60000.0, 60000.0,
         R.total_over_period, period_years=0.5),
    case("£1m by March 2020", 1e6, U.GBP, Q.exact, 1e6, 1e6, R.cumulative_by_date, by_year=2020),
    case("reduced from £1.2m to £900k", 900000.0, U.GBP, Q.exact, 900000.0, 900000.0,
         value_before=1.2e6),
    case("increased from 20% to 35%", 35.0, U.percent, Q.exact, 35.0, 35.0, value_before=20.0),
    case("from 60 to 82.3%", 82.3, U.percent, Q.exact, 82.3, 82.3, value_before=60.0),
    case("18 out of 29", 18.0, U.count, Q.exact, 18.0, 18.0, denominator=29.0),
    case("18 of 29", 18.0, U.count, Q.exact, 18.0, 18.0, denominator=29.0),
    case("£5 thousand", 5000.0, U.GBP, Q.exact, 5000.0, 5000.0),
    case("£five million", 5e6, U.GBP, Q.exact, 5e6, 5e6),
    case("a dozen", 12.0, U.count, Q.exact, 12.0, 12.0),
    case("one hundred and fifty", 150.0, U.count, Q.exact, 150.0, 150.0),
    case("twenty-five calls", 25.0, U.count, Q.exact, 25.0, 25.0),
    case("6.47 million incidents", 6.47e6, U.count, Q.exact, 6.47e6, 6.47e6),
    case("5 km", 5000.0, U.metres, Q.exact, 5000.0, 5000.0),
    case("100 metres", 100.0, U.metres, Q.exact, 100.0, 100.0),
    case("  over\n£430k\t", 430000.0, U.GBP, Q.at_least, 430000.0, None),
]

# (3) Strict failures: each must raise QuoteParseError whose ``expected`` contains the text.
FAILURES = [
    ("", "a number"),
    ("   ", "a number"),
    ("no figure here", "a number"),
    ("£", "a number after '£'"),
    ("£abc", "a number after '£'"),
    ("%", "a number before '%'"),
    ("between 1 November 2015 and 1 February 2016 125 incidents", "more than one number"),
    ("£1m and £2m", "more than one number: '£1m', '£2m'"),
    ("in 2015, 646 incidents", "more than one number"),
    ("reduction of 42% compared to 10 years ago", "more than one number"),
    ("over 9 million 999 calls", "more than one number"),
    ("£1m over the next 5-10 years", "more than one number"),
    ("24/7", "more than one number"),
    ("1:0", "terms are not zero"),
    ("0:1", "terms are not zero"),
    ("£1e400", "exponent"),
    ("1" * 400, "at most 18 digits"),
    ("9" * 19 + "%", "at most 18 digits"),
    ("Cat A8", "on its own"),
    ("1,2", "on its own"),
    ("1st", "on its own"),
    ("5kg", "on its own"),
    ("1.2.3", "more than one number"),
    ("-5%", "positive number"),
    ("£4m-£3m", "range"),
    ("£500-£1m", "range"),
    ("£5%", "one unit"),
    ("3% to £4m", "same unit"),
    ("30 of the 29", "fraction"),
    ("£18 of £29", "fraction"),
    ("between 4 minutes", "two ends after 'between'"),
    ("up to £1m or more", "one qualifier"),
    ("£1m a year one-off", "one recurrence"),
    ("£1m per month per annum", "one recurrence"),
    ("£1m over 2 years for 3 years", "one period"),
    ("£1m over 0 years", "longer than zero"),
    ("\u0661\u0662\u0663 calls", "on its own"),
    # document quotes the data rows fix with an override
    ("both Major Operations Rooms", "a number"),
    ("less than a mile away", "a number"),
    ("a fifth site with TWFRS", "a number"),
    ("half an admin post", "a number"),
    ("40/60 basis", "more than one number"),
    ("£inf", "a number after '£'"),
    ("nan%", "a number before '%'"),
]


@pytest.mark.parametrize(("quote", "expected"), DOCUMENT_QUOTES)
def test_document_quotes(quote: str, expected: dict[str, object]) -> None:
    _check(quote, expected)


@pytest.mark.parametrize(("quote", "expected"), OTHER_STYLES)
def test_other_styles(quote: str, expected: dict[str, object]) -> None:
    _check(quote, expected)


@pytest.mark.parametrize(
    ("quote", "expected"), [pytest.param(q, e, id=_id(q)) for q, e in FAILURES]
)
def test_strict_failures(quote: str, expected: str) -> None:
    with pytest.raises(QuoteParseError) as caught:
        parse_quote(quote)
    assert caught.value.quote == quote
    assert expected in caught.value.expected


def test_table_is_large_enough() -> None:
    assert len(DOCUMENT_QUOTES) + len(OTHER_STYLES) + len(FAILURES) > 60


# Notes a reviewer relies on.
@pytest.mark.parametrize(
    ("quote", "note"),
    [
        ("55.%", "trailing decimal point with no digits read as 55"),
        ("1:1.6", "ratio read as second term per first term"),
        ("approx. £899,000 from year 3", "'from year 3' start delay not modelled"),
        ("250k", "bare 'k' read as thousands of pounds"),
        ("100m radius", "bare 'm' read as metres"),
        ("from around 60% to 82%", "qualifier 'around' on the before value not modelled"),
        ("12% a year", "period words ignored for a percent"),
        ("six-monthly", "'monthly' after a number read as an interval, not a rate"),
        ("for over 10 years", "'over 10 years' read as the figure, not as a period"),
    ],
    ids=_id,
)
def test_notes(quote: str, note: str) -> None:
    assert any(note in n for n in parse_quote(quote).notes)


def test_plain_quote_has_no_notes() -> None:
    assert parse_quote("£14,000 per annum").notes == ()


def test_error_message_and_type() -> None:
    with pytest.raises(QuoteParseError) as caught:
        parse_quote("£abc")
    error = caught.value
    assert isinstance(error, ValueError)
    assert str(error) == "cannot parse quote '£abc': expected a number after '£'"
    assert (error.quote, error.expected) == ("£abc", "a number after '£'")
    again = pickle.loads(pickle.dumps(error))
    assert (str(again), again.quote, again.expected) == (str(error), "£abc", error.expected)


def test_money_is_exact() -> None:
    assert parse_quote("£1.490m").value == 1490000.0
    assert parse_quote("£0.28m").value == 280000.0  # 0.28 * 1e6 in floats is 280000.00000000006


def test_enum_values() -> None:
    assert [u.value for u in Unit] == [
        "GBP", "seconds", "percent", "ratio", "count", "metres", "miles", "days", "weeks",
        "months", "years",
    ]  # fmt: skip
    assert [q.value for q in Qualifier] == [
        "exact", "approx", "at_least", "up_to", "less_than", "range"
    ]  # fmt: skip
    assert [r.value for r in Recurrence] == [
        "per_year", "per_month", "per_week", "per_day", "one_off", "total_over_period",
        "cumulative_by_date",
    ]  # fmt: skip


def test_non_string_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        parse_quote(None)  # type: ignore[arg-type]


# (4) Properties: nothing but a ParsedQuote or a QuoteParseError comes out, whatever goes in.
def _assert_sane(quote: str) -> None:
    try:
        parsed = parse_quote(quote)
    except QuoteParseError as error:
        assert error.quote == quote
        return
    assert isinstance(parsed, ParsedQuote)
    assert math.isfinite(parsed.value)
    assert isinstance(parsed.unit, Unit) and isinstance(parsed.qualifier, Qualifier)
    for bound in (parsed.low, parsed.high, parsed.value_before, parsed.denominator):
        assert bound is None or math.isfinite(bound)
    assert parsed.low is None or parsed.low <= parsed.value
    assert parsed.high is None or parsed.value <= parsed.high
    assert all(isinstance(note, str) for note in parsed.notes)


@settings(max_examples=500, deadline=None, database=None)
@given(st.text())
def test_any_text_parses_or_raises_quote_parse_error(quote: str) -> None:
    _assert_sane(quote)


FRAGMENTS = [
    "£", "1", "0", "29", "1.490", "21,187", "55.", ".5", "%", "m", "k", "K", "bn", "mn",
    "million", "thousand", "hundred", "per cent", "minutes", "mins", "seconds", "hours",
    "month", "years", "metres", "miles", "and", "to", "-", "\u2013", ":", "of the", "out of",
    "from", "...", "\u2026", "over", "just over", "up to", "approx.", "c.", "circa", "almost",
    "less than", "between", "+", "or more", "(circa)", "p.a.", "per annum", "a year", "a week",
    "one-off", "over the next 10 years", "by 2021", "by March 2020", "from year 3",
    "for 2 years", "in the first five months", "three", "twenty-five", "a dozen", "six-month",
    "e400", "9" * 30, " ", "\n", "calls", "(", ")", "A8", "1:", "/",
]  # fmt: skip


@settings(max_examples=1500, deadline=None, database=None)
@given(
    st.lists(st.sampled_from(FRAGMENTS), max_size=8),
    st.sampled_from(["", " "]),
)
def test_fragment_soup_parses_or_raises_quote_parse_error(parts: list[str], sep: str) -> None:
    _assert_sane(sep.join(parts))


@settings(max_examples=300, deadline=None, database=None)
@given(
    st.sampled_from(["", "over ", "up to ", "approx ", "just over ", "almost ", "less than "]),
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
    st.sampled_from(["", "k", "m", "bn"]),
)
def test_money_round_trips(qualifier: str, amount: object, multiplier: str) -> None:
    parsed = parse_quote(f"{qualifier}£{amount}{multiplier}")
    factor = {"": 1, "k": 10**3, "m": 10**6, "bn": 10**9}[multiplier]
    assert parsed.unit is Unit.GBP
    assert parsed.value == float(amount * factor)  # type: ignore[operator]


# (5) The docstring examples run.
@pytest.mark.parametrize("module", [quote_parser], ids=["quote_parser"])
def test_doctests(module: object) -> None:
    failed, attempted = doctest.testmod(module, raise_on_error=False)  # type: ignore[arg-type]
    assert attempted > 0 and failed == 0


def test_cli_prints_fields_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    status = quote_parser.main(["up to £580000 p.a.", "£1m and £2m"])
    out = capsys.readouterr().out
    assert status == 1
    assert "value: 580000.0" in out and "qualifier: up_to" in out
    assert "recurrence: per_year" in out
    assert re.search(r"error: cannot parse quote '£1m and £2m': expected one figure", out)
