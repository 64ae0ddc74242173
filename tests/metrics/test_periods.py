"""Table-driven tests of parse_period: period texts from the documents -> span in years."""

from __future__ import annotations

import doctest

import pytest

from metrics import periods as periods_module
from metrics.periods import DAYS_PER_YEAR, parse_period, span_words

# (period text, span in years or None, words the reading must contain)
READ = [
    # shipped data: dates to dates, month ranges, year ranges, stated lengths
    ("1 November 2015 to 1 February 2016", 92 / DAYS_PER_YEAR, "= 92 days"),  # 30+31+31 days
    ("Nov 2012 – Dec 2015", 38 / 12, "38 months"),  # Nov-Dec 2012 (2) + 36 months of 2013-15
    ("March 2014 – December 2016", 34 / 12, "34 months"),  # 10 + 12 + 12
    ("April 2016 to September 2016", 6 / 12, "6 months (counting both end months)"),
    ("June-October 2015 (first five months)", 5 / 12, "5 months"),  # both parts agree
    ("first 5 months (June-October 2015)", 5 / 12, "= 5 months"),
    ("first five months of the pilot", 5 / 12, "= 5 months"),
    ("first 6 months of delivery", 0.5, "= 6 months"),
    ("mid-June to mid-Sept (2015)", 3 / 12, "mid-month to mid-month"),  # mid to mid: 3 months
    ("12 months to 3 September 2020", 1.0, "= 12 months"),
    ("the past year", 1.0, "= 1 year"),
    ("2015", 1.0, "calendar year 2015"),
    ("2014-15", 1.0, "financial year 2014-15"),
    ("2015/2016", 1.0, "financial year 2015-16"),
    ("2010-2013", 4.0, "4 calendar years"),  # 2010, 2011, 2012, 2013
    # shapes the documents could use
    ("over a period of twelve months", 1.0, "= 12 months"),
    ("six-month", 0.5, "= 6 months"),
    ("July 2015", 1 / 12, "July 2015 = 1 month"),
    ("April to March 2016", 1.0, "April 2015 to March 2016"),  # start year before the end's
    ("2015/16", 1.0, "financial year 2015-16"),
]

NOT_READ = [
    (None, "period not stated"),
    ("", "period not stated"),
    ("since 1 April 2015", "open-ended"),
    ("since September", "open-ended"),
    ("by 2015", "open-ended"),
    ("before the JRU vs Nov 2012 – Dec 2015", "compares two periods"),
    ("2035 compared with 2010", "compares two periods"),
    ("awarded July 2015", "names an event"),
    ("training began 25 January 2016", "names an event"),
    ("Phase 2", "names an event or a stage"),
    ("from year 3", "names an event"),
    ("2014 (commissioned research)", "is not read as a span"),
    ("mid-June to September 2015", "is not read as a span"),  # one end mid-month: unclear
    ("1 February 2016 to 1 November 2015", "is not read as a span"),  # ends reversed
]


@pytest.mark.parametrize(("text", "years", "words"), READ, ids=[r[0] for r in READ])
def test_reads_span(text: str, years: float, words: str) -> None:
    span = parse_period(text)
    assert span.years == pytest.approx(years)
    assert words in span.reading
    assert span.text == text


@pytest.mark.parametrize(("text", "why"), NOT_READ, ids=[str(r[0]) for r in NOT_READ])
def test_gives_no_span_and_says_why(text: str | None, why: str) -> None:
    span = parse_period(text)
    assert span.years is None
    assert why in span.reading


def test_nan_cell_is_not_stated() -> None:
    assert parse_period(float("nan")).reading == "period not stated"


def test_every_shipped_period_reads_or_says_why(store) -> None:
    for text in store.figures["period"].dropna().unique():
        span = parse_period(text)
        assert span.reading, text
        assert span.years is None or span.years > 0, text


@pytest.mark.parametrize(
    ("years", "words"),
    [(5 / 12, "5 months"), (1.0, "1 year"), (4.0, "4 years"), (38 / 12, "38 months"),
     (92 / DAYS_PER_YEAR, "92 days"), (4.5, "4.5 years")],
)  # fmt: skip
def test_span_words(years: float, words: str) -> None:
    assert span_words(years) == words


def test_doctests() -> None:
    assert doctest.testmod(periods_module).failed == 0
