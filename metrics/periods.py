"""Read a figure's `period` text ("1 November 2015 to 1 February 2016") as a span in years.

Volumes are quoted over whatever period a document happened to report, so a per-year rate is
only honest when the period's length can be read from its words. This module reads the few
shapes the documents use and says in words how it read them; anything else (open-ended
"since May 2015", comparisons "before the JRU vs ...", events "awarded July 2015", "Phase 2")
gives no span, with the reason, rather than a guess.

Assumptions (each is repeated in the `reading` of the span it applies to):
- dates to dates count the days between them ("1 Nov 2015 to 1 Feb 2016" = 92 days), a year
  being 365.25 days;
- month ranges count both end months ("June-October 2015" = 5 months) unless both ends are
  "mid-" a month ("mid-June to mid-Sept" = 3 months);
- year ranges with four-digit ends count both end years ("2010-2013" = 4 years), but two
  consecutive years written "2014-15", "2015/16" or "2015/2016" are one financial year;
- a bare year ("2015") is that calendar year, a bare month ("July 2015") that month;
- "first five months", "the past year", "12 months to 3 September 2020" are their stated length.

>>> parse_period("June-October 2015 (first five months)").years * 12
5.0
>>> parse_period("since 1 April 2015").years is None
True
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

DAYS_PER_YEAR = 365.25

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_NUMBER_WORDS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18,
    "twenty-four": 24,
}  # fmt: skip
_UNIT_YEARS = {"year": 1.0, "month": 1 / 12, "week": 7 / DAYS_PER_YEAR, "day": 1 / DAYS_PER_YEAR}

# Words that make a period something other than one closed span.
_NOT_A_SPAN = (
    (re.compile(r"\b(?:vs|versus|compared)\b"), "compares two periods"),
    (re.compile(r"\b(?:since|by|until|till|onwards?)\b"), "is open-ended (no start or no end)"),
    (re.compile(r"\b(?:from year|phase|began|begun|awarded|launched)\b"), "names an event or a "
     "stage, not a span"),
)  # fmt: skip

_DATE_RANGE = re.compile(
    rf"""^(?P<d1>\d{{1,2}})\s(?P<m1>{_MONTH})\s(?P<y1>\d{{4}})   # 1 November 2015
        \s(?:to|-)\s
        (?P<d2>\d{{1,2}})\s(?P<m2>{_MONTH})\s(?P<y2>\d{{4}})$""",  # 1 February 2016
    re.VERBOSE,
)
_MONTH_RANGE = re.compile(
    rf"""^(?P<mid1>mid-?\s?)?(?P<m1>{_MONTH})(?:\s(?P<y1>\d{{4}}))?   # (mid-)June (2015)
        \s?(?:to|-)\s?
        (?P<mid2>mid-?\s?)?(?P<m2>{_MONTH})\s(?P<y2>\d{{4}})$""",  # (mid-)October 2015
    re.VERBOSE,
)
_YEAR_RANGE = re.compile(r"^(?P<y1>\d{4})\s?(?P<sep>-|/|to)\s?(?P<y2>\d{4}|\d{2})$")
_ONE_MONTH = re.compile(rf"^(?P<m>{_MONTH})\s(?P<y>\d{{4}})$")
_ONE_YEAR = re.compile(r"^(?P<y>\d{4})$")
_DURATION = re.compile(
    r"""^(?:over\s|for\s|during\s|in\s)?(?:a\speriod\sof\s)?(?:the\s)?
        (?:(?:first|past|last|following|initial)\s)?
        (?:(?P<n>\d+(?:\.\d+)?|[a-z]+(?:-[a-z]+)?)[\s-])?
        (?P<unit>year|month|week|day)s?
        (?:\s(?:of|to)\s.+)?$""",  # "of delivery", "to 3 September 2020"
    re.VERBOSE,
)


@dataclass(frozen=True)
class PeriodSpan:
    """A period text, its length in years (None when it has none) and how it was read."""

    text: str | None
    years: float | None
    reading: str


def parse_period(text: str | None) -> PeriodSpan:
    """The span a period text states, or None years with the reason in `reading`.

    >>> parse_period("1 November 2015 to 1 February 2016").reading
    '1 November 2015 to 1 February 2016 = 92 days'
    >>> parse_period("first 5 months (June-October 2015)").reading
    "'first 5 months (June-October 2015)' = 5 months"
    >>> parse_period("2014 (commissioned research)").reading
    "'2014 (commissioned research)' is not read as a span"
    """
    if text is None or (isinstance(text, float) and math.isnan(text)) or not str(text).strip():
        return PeriodSpan(None, None, "period not stated")
    text = str(text).strip()
    norm = _normalise(text)
    for pattern, why in _NOT_A_SPAN:
        if pattern.search(norm):
            return PeriodSpan(text, None, f"'{text}' {why}: no per-year rate")
    found = _read(norm.replace("(", " ").replace(")", " "))
    if found is None and "(" in norm:
        found = _read_with_parenthesis(norm)
    if found is None:
        return PeriodSpan(text, None, f"'{text}' is not read as a span")
    years, reading = found
    if reading.startswith("="):  # a stated length: quote the words it was read from
        reading = f"'{text}' {reading}"
    return PeriodSpan(text, years, reading)


def _normalise(text: str) -> str:
    """Lower case, one kind of dash, single spaces."""
    text = re.sub(r"[\u2012-\u2015\u2212]", "-", text.lower())
    text = re.sub(r"\s*-\s*(?=\d{4}\b|[a-z])", "-", text)  # "Nov 2012 - Dec 2015" keeps its shape
    return re.sub(r"\s+", " ", text).strip()


def _read_with_parenthesis(norm: str) -> tuple[float, str] | None:
    """'June-October 2015 (first five months)': both parts must read, and agree."""
    match = re.fullmatch(r"(?P<out>[^()]+?)\s?\((?P<inside>[^()]+)\)", norm)
    if not match:
        return None
    outside, inside = _read(match["out"]), _read(match["inside"])
    if outside is None or inside is None:
        return None
    if not math.isclose(outside[0], inside[0], rel_tol=0.02):
        return None
    return outside


def _read(norm: str) -> tuple[float, str] | None:
    """Try each shape in turn on the whole text: (years, reading) or None."""
    norm = re.sub(r"\s+", " ", norm).strip()
    for reader in (_date_range, _month_range, _year_range, _one_month, _one_year, _duration):
        found = reader(norm)
        if found is not None:
            return found
    return None


def _month(word: str) -> int:
    return _MONTHS[word[:3]]


def _date_range(norm: str) -> tuple[float, str] | None:
    m = _DATE_RANGE.match(norm)
    if not m:
        return None
    start = date(int(m["y1"]), _month(m["m1"]), int(m["d1"]))
    end = date(int(m["y2"]), _month(m["m2"]), int(m["d2"]))
    days = (end - start).days
    if days <= 0:
        return None
    words = f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y} = {days} days"
    return days / DAYS_PER_YEAR, words


def _month_range(norm: str) -> tuple[float, str] | None:
    m = _MONTH_RANGE.match(norm)
    if not m:
        return None
    m1, m2, y2 = _month(m["m1"]), _month(m["m2"]), int(m["y2"])
    y1 = int(m["y1"]) if m["y1"] else (y2 if m1 <= m2 else y2 - 1)
    both_mid = bool(m["mid1"] and m["mid2"])
    months = (y2 * 12 + m2) - (y1 * 12 + m1) + (0 if both_mid else 1)
    if months <= 0 or bool(m["mid1"]) != bool(m["mid2"]):
        return None
    start, end = date(y1, m1, 1), date(y2, m2, 1)
    how = "mid-month to mid-month" if both_mid else "counting both end months"
    words = f"{start:%B %Y} to {end:%B %Y} = {_plural(months, 'month')} ({how})"
    return months / 12, words


def _year_range(norm: str) -> tuple[float, str] | None:
    m = _YEAR_RANGE.match(norm)
    if not m:
        return None
    y1, tail = int(m["y1"]), m["y2"]
    y2 = int(tail) if len(tail) == 4 else (y1 // 100) * 100 + int(tail)
    if y2 == y1 + 1 and (len(tail) == 2 or m["sep"] == "/" or m["sep"] == "-"):
        return 1.0, f"financial year {y1}-{str(y2)[2:]} = 1 year"
    if y2 <= y1:
        return None
    years = y2 - y1 + 1
    return float(years), f"{y1} to {y2} = {years} calendar years (counting both end years)"


def _one_month(norm: str) -> tuple[float, str] | None:
    m = _ONE_MONTH.match(norm)
    if not m:
        return None
    return 1 / 12, f"{date(int(m['y']), _month(m['m']), 1):%B %Y} = 1 month"


def _one_year(norm: str) -> tuple[float, str] | None:
    m = _ONE_YEAR.match(norm)
    if not m:
        return None
    return 1.0, f"calendar year {m['y']} = 1 year"


def _duration(norm: str) -> tuple[float, str] | None:
    m = _DURATION.match(norm)
    if not m:
        return None
    number = m["n"]
    if number is None:
        count = 1.0
    elif number[0].isdigit():
        count = float(number)
    elif number in _NUMBER_WORDS:
        count = float(_NUMBER_WORDS[number])
    else:
        return None
    unit = m["unit"]
    return count * _UNIT_YEARS[unit], f"= {_plural(count, unit)}"


def _plural(count: float, unit: str) -> str:
    shown = f"{count:g}"
    return f"{shown} {unit}" if shown == "1" else f"{shown} {unit}s"


def span_words(years: float) -> str:
    """A length in years as a reader says it: '5 months', '1 year', '3.2 years'.

    >>> span_words(0.4166666667), span_words(1.0), span_words(38 / 12)
    ('5 months', '1 year', '38 months')
    """
    if years >= 1 and math.isclose(years, round(years), abs_tol=1e-6):
        return _plural(round(years), "year")
    months = years * 12
    if months < 48 and math.isclose(months, round(months), abs_tol=0.01):
        return _plural(round(months), "month")
    if years < 1:
        return _plural(round(years * DAYS_PER_YEAR), "day")
    return f"{years:.1f} years"
