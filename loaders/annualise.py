"""Put a parsed figure on a per-year footing, saying in words what that assumed.

Savings are quoted per annum, per month, as one-off sums, as totals over some years or as
cumulative amounts by a date; only some of these have an honest annual equivalent. The quote's own
words win; the data row's ``recurrence`` and ``period_years`` columns only fill in what the quote
leaves unsaid, and a row that contradicts its quote is an error rather than a silent choice.
"""

from __future__ import annotations

import math

from loaders.quote_parser import ParsedQuote, Recurrence, Unit

# Rate -> (periods in a year, how the assumption reads).
_RATES: dict[Recurrence, tuple[int, str]] = {
    Recurrence.per_year: (1, "stated per year"),
    Recurrence.per_month: (12, "per month x 12"),
    Recurrence.per_week: (52, "per week x 52"),
    Recurrence.per_day: (365, "per day x 365"),
}


def annualise(
    p: ParsedQuote, recurrence: Recurrence | None = None, period_years: float | None = None
) -> tuple[float | None, str]:
    """The annual equivalent of ``p`` (None when there is none) and the assumption in words.

    >>> from loaders.quote_parser import parse_quote
    >>> annualise(parse_quote("£10k per month"))
    (120000.0, 'per month x 12')
    >>> annualise(parse_quote("£1.5m of on going savings over the next 10 years"))
    (150000.0, 'total spread evenly over 10 years')
    >>> annualise(parse_quote("£250,000"), Recurrence.one_off)
    (None, 'one-off: no annual equivalent (recurrence from the data row)')
    >>> annualise(parse_quote("79.3%"))
    (None, 'not an amount')
    """
    if p.unit in (Unit.percent, Unit.ratio):
        return None, "not an amount"
    rec, from_row = _recurrence(p, recurrence)
    source = " (recurrence from the data row)" if from_row else ""
    if rec in _RATES:
        per_year, words = _RATES[rec]
        return p.value * per_year, words + source
    if rec is Recurrence.total_over_period:
        years = p.period_years if p.period_years is not None else _years(period_years)
        if years is None:
            return None, "total over an unstated period: no annual equivalent" + source
        return p.value / years, f"total spread evenly over {years:g} years" + source
    if rec is Recurrence.one_off:
        return None, "one-off: no annual equivalent" + source
    if rec is Recurrence.cumulative_by_date:
        by = f"by {p.by_year}" if p.by_year is not None else "by a date"
        return None, f"cumulative {by}: no annual equivalent" + source
    return None, "recurrence not stated: no annual equivalent"


def _recurrence(p: ParsedQuote, row: Recurrence | str | None) -> tuple[Recurrence | None, bool]:
    """The quote's recurrence, else the row's; True when it came from the row.

    Blank cells (None, "" or NaN from pandas) count as unsaid.
    """
    if row is None or row == "" or (isinstance(row, float) and math.isnan(row)):
        return p.recurrence, False
    row = Recurrence(row)
    if p.recurrence is None:
        return row, True
    if p.recurrence is not row:
        raise ValueError(
            f"recurrence conflict: the quote {p.quote!r} says {p.recurrence.value} "
            f"but the data row says {row.value}"
        )
    return row, False


def _years(period_years: float | None) -> float | None:
    """The row's period length; NaN (a blank pandas cell) counts as unsaid."""
    if period_years is None or math.isnan(period_years):
        return None
    if not (0 < period_years < math.inf):
        raise ValueError(f"period_years must be a positive number of years, not {period_years}")
    return float(period_years)
