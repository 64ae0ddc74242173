"""The bulk parser gives exactly what parse_quote gives, row by row, on every quote we know of.

Agreement is checked field by field (value, unit, qualifier, bounds, recurrence, period, year,
before value, denominator, notes, and the error message of a refused quote) on: every shipped
quote (curated and staged), every quote in the parser's own test tables, a hundred thousand
synthetic quotes in the shipped styles, and random quotes built from the parser's vocabulary.
"""

from __future__ import annotations

import csv
import doctest
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import synthetic_quotes
from loaders import bulk_parse
from loaders.bulk_parse import COLUMNS, parse_quotes
from loaders.quote_parser import QuoteParseError, parse_quote
from tests.loaders.test_quote_parser import DOCUMENT_QUOTES, FAILURES, OTHER_STYLES

DATA = Path(__file__).resolve().parents[2] / "data"
NUMBERS = ["value", "low", "high", "period_years", "value_before", "denominator"]


def expected_row(quote: str) -> dict[str, object]:
    """What parse_quote says, in the bulk parser's columns."""
    try:
        parsed = parse_quote(quote)
    except QuoteParseError as error:
        return {**{name: None for name in COLUMNS}, "error": str(error)}
    row: dict[str, object] = {name: getattr(parsed, name) for name in NUMBERS}
    row.update(
        unit=parsed.unit.value,
        qualifier=parsed.qualifier.value,
        recurrence=parsed.recurrence.value if parsed.recurrence else None,
        by_year=parsed.by_year,
        notes="; ".join(parsed.notes),
        error=None,
    )
    return row


def _plain(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def disagreements(quotes: list[str]) -> list[tuple[str, dict[str, tuple[object, object]]]]:
    """Quotes where a bulk column differs from parse_quote: (quote, {column: (bulk, parser)})."""
    frame = parse_quotes(pd.Series(quotes, dtype=object))
    records = frame.to_dict("records")
    found = []
    for quote, got in zip(quotes, records, strict=True):
        want = expected_row(quote)
        diff = {
            name: (_plain(got[name]), want[name])
            for name in COLUMNS
            if _plain(got[name]) != want[name]
        }
        if diff:
            found.append((quote, diff))
    return found


def shipped_quotes() -> list[str]:
    files = [DATA / "figures.csv", *sorted((DATA / "staging").glob("*/figures.csv"))]
    quotes = []
    for path in files:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            quotes += [row["quote"] for row in csv.DictReader(handle) if row.get("quote")]
    return quotes


def test_every_shipped_quote_agrees() -> None:
    quotes = shipped_quotes()
    assert len(quotes) > 300
    assert disagreements(quotes) == []


def test_every_quote_in_the_parser_tables_agrees() -> None:
    quotes = [p.values[0] for p in DOCUMENT_QUOTES + OTHER_STYLES]
    quotes += [q for q, _ in FAILURES]
    assert len(quotes) > 60
    assert disagreements(quotes) == []


@pytest.mark.parametrize("seed", [0, 1])
def test_synthetic_quotes_agree(seed: int) -> None:
    quotes = synthetic_quotes(50_000, seed=seed).tolist()
    assert disagreements(quotes) == []


def test_synthetic_quotes_mostly_take_the_fast_path() -> None:
    frame = parse_quotes(synthetic_quotes(20_000, seed=3))
    # The shipped styles the fast path leaves to the parser ("05 of 9"-like value checks,
    # ratios with a zero term) are rare: under 2% of rows go one by one.
    assert frame.attrs["parsed_one_by_one"] < 0.02 * len(frame)
    assert frame.attrs["templates"] < len(frame) / 10


# Years, leading zeros, decimals, thousands and every way two numbers pair up: the digits of a
# template are replaced, so these are the cases where a template could read unlike its rows.
EDGE_CASES = [
    "£1.7m of savings by 2021", "£1.7m of savings by 2019", "by 2021", "£5m by 1899",
    "2020 incidents", "1999", "formed in 2014", "£2,019", "£20.19m", "19 of the 20",
    "05 of the 9", "0.5 of the 0.4", "10 of the 9", "0 of the 0", "1:0", "0:1.6", "3:1.5",
    "1.5:2.25", "£1:£1.30", "from 0 to 5", "between 5 and 3", "£4m-£3m", "£3m-£4m",
    "2%-8%", "2.5%-3.25%", "1.5 hours", "2 hours 10 mins", "2.5 hours and 10 mins",
    "8 minutes and 46 seconds", "£1m over 0 years", "£1m over 0.5 years", "£77,544 for 2 years",
    "55.%", "05.%", "5.%", "1,2", "1.2.3", "£1,234,567,890,123,456", "12345678901234567890",
    "£1e5", "-5 calls", "for 10 years", "for 0 years", "approx. £899,000 from year 3",
    "from year 0", "40/60 basis", "1,000,000.5 calls", ".5 calls", "c2002", "c.500",
    "£1m and £2m and £3m", "1 2 3 4", "six-monthly", "6-monthly", "by 31 March 2020",
    "by the end of 2019", "£3.5m (circa)", "900+ calls", "12 per cent", "100m", "250k",
]


def test_edge_cases_agree() -> None:
    assert disagreements(EDGE_CASES) == []


FRAGMENTS = [
    "up to ", "over ", "around ", "approx. ", "c.", "circa ", "£", "%", " per cent", " p.a.",
    " a year", " a week", " by ", " by March ", "from ", " to ", " ... ", "between ", " and ",
    "-", "\u2013", " of the ", ":", " minutes", " hours", " seconds", "m", "k", "bn",
    " million", " days", " years", " months", " over the next ", " for ", "the first ", "six ",
    "three", "a dozen ", "one-off ", "annual ", "savings of ", " calls", "(circa)", " or more",
    "+", ".", " ", ",", "/", "from year ", "\n",
]
NUMBERS_ST = st.one_of(
    st.integers(0, 10**9).map(str),
    st.integers(0, 10**9).map("{:,}".format),
    st.tuples(st.integers(0, 999), st.integers(0, 999)).map(lambda t: f"{t[0]}.{t[1]}"),
    st.sampled_from(["1999", "2021", "1900", "2100", "05", "0", "0.0", "20", "19"]),
)


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.lists(st.one_of(NUMBERS_ST, st.sampled_from(FRAGMENTS)), min_size=1,
                         max_size=7).map("".join), min_size=1, max_size=40))
def test_random_quotes_agree(quotes: list[str]) -> None:
    assert disagreements(quotes) == []


def test_columns_index_and_dtypes() -> None:
    series = pd.Series(["£1.5m", "around 31%", "£1m and £2m"], index=[10, 20, 30])
    frame = parse_quotes(series)
    assert list(frame.columns) == COLUMNS
    assert list(frame.index) == [10, 20, 30]
    assert frame["value"].dtype == np.float64
    assert str(frame["by_year"].dtype) == "Int64"
    assert isinstance(frame["unit"].dtype, pd.CategoricalDtype)
    assert frame.loc[20, "unit"] == "percent"
    assert pd.isna(frame.loc[30, "value"]) and "more than one number" in frame.loc[30, "error"]


@pytest.mark.parametrize(
    "dtype", [object, "str", "string[pyarrow]", pd.ArrowDtype(pa.string()),
              pd.ArrowDtype(pa.large_string())]
)
def test_any_string_storage(dtype: object) -> None:
    series = pd.Series(["£14,000 per annum", "18 of the 29"], dtype=dtype)
    frame = parse_quotes(series.iloc[1:])  # a slice: arrow offsets start past zero
    assert frame["value"].tolist() == [18.0]
    assert frame["denominator"].tolist() == [29.0]


def test_empty_and_blank() -> None:
    assert parse_quotes(pd.Series([], dtype=object)).shape == (0, len(COLUMNS))
    frame = parse_quotes(pd.Series(["", " "]))
    assert frame["error"].str.contains("expected a number").all()


def test_missing_quote_is_a_type_error_as_for_parse_quote() -> None:
    with pytest.raises(TypeError, match="quote must be a str"):
        parse_quotes(pd.Series(["£1m", None]))
    with pytest.raises(TypeError, match="quote must be a str"):
        parse_quotes(pd.Series(["£1m", 5], dtype=object))


def test_plan_cache_can_be_cleared() -> None:
    parse_quotes(pd.Series(["£1m"]))
    bulk_parse.clear_plan_cache()
    assert bulk_parse._plan.cache_info().currsize == 0


def test_doctests() -> None:
    assert doctest.testmod(bulk_parse, raise_on_error=False).failed == 0
