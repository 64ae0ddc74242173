"""One way to write every number the dashboard shows: charts, tables and metric cards.

A minister reads "£1.5m" in a chart and "£1.5m" in the table beside it, never "1500000" or
"£1,500,000.00". Rounding is to a few significant figures so no figure claims more precision than
a briefing needs, and always half-up (Python's round() would turn 12.5 h into "12 h").

>>> format_money(1_500_000)
'£1.5m'
>>> format_money(580_000, "up_to")
'up to £580k'
>>> format_duration(526)
'8 min 46 s'
>>> format_ratio(1.6)
'1 : 1.6'
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

MISSING = "–"

QUALIFIER_WORDS: dict[str, str] = {
    "at_least": "at least",
    "up_to": "up to",
    "approx": "about",
    "less_than": "under",
    "more_than": "over",
}

# Money below this is written in full ("£14,000"); from here up it gets a suffix ("£55k").
MONEY_FULL_BELOW = 20_000
MONEY_SIG_FIGS = 3

_MONEY_SCALES: tuple[tuple[int, str], ...] = ((10**9, "bn"), (10**6, "m"), (10**3, "k"))

_PLURAL_UNITS: dict[str, str] = {
    "miles": "mile",
    "days": "day",
    "weeks": "week",
    "months": "month",
    "years": "year",
}

UNITS: tuple[str, ...] = (
    "GBP",
    "seconds",
    "percent",
    "ratio",
    "count",
    "metres",
    *_PLURAL_UNITS,
)


def is_missing(value: Any) -> bool:
    """True for None, NaN, NaT and pandas.NA: the values that must show as a dash."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _decimal(value: Any) -> Decimal:
    """Exact decimal of what was displayed (str(float) is the shortest round-trip form)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _round(value: Decimal, places: int) -> Decimal:
    """Round half-up to `places` decimal places (negative places round to tens, hundreds...)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _round_sig(value: Decimal, sig_figs: int) -> Decimal:
    """Round half-up to `sig_figs` significant figures."""
    if value == 0:
        return value
    return _round(value, sig_figs - 1 - value.adjusted())


def _plain(value: Decimal, max_places: int) -> str:
    """Thousands-separated number with at most `max_places` decimals and no trailing zeros."""
    text = f"{_round(value, max_places):,.{max_places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _sign(value: Decimal) -> str:
    return "-" if value < 0 else ""


def _qualify(text: str, qualifier: str | None) -> str:
    """Put the qualifier's words in front: 'up_to' + '£580k' -> 'up to £580k'."""
    if not qualifier or qualifier == "exact":
        return text
    try:
        return f"{QUALIFIER_WORDS[qualifier]} {text}"
    except KeyError:
        known = ", ".join(QUALIFIER_WORDS)
        raise ValueError(f"Unknown qualifier {qualifier!r}; expected one of: {known}") from None


def _money_text(amount: Decimal) -> str:
    """Unqualified money text for a non-negative amount."""
    if amount < 10 and amount != amount.to_integral_value():
        return f"£{_round(amount, 2):,.2f}"
    if amount < MONEY_FULL_BELOW:
        return f"£{_round(amount, 0):,.0f}"
    rounded = _round_sig(amount, MONEY_SIG_FIGS)
    for factor, suffix in _MONEY_SCALES:
        if rounded >= factor:
            return f"£{_plain(rounded / factor, 2)}{suffix}"
    raise AssertionError("unreachable: amounts from MONEY_FULL_BELOW up have a scale")


def format_money(value: Any, qualifier: str | None = None) -> str:
    """'£1.5m', '£580k', '£14,000', '£1.2bn': three significant figures at most from £20k up.

    >>> format_money(1_234_567, "at_least")
    'at least £1.23m'
    """
    if is_missing(value):
        return MISSING
    amount = _decimal(value)
    return _qualify(_sign(amount) + _money_text(abs(amount)), qualifier)


def _duration_text(seconds: Decimal) -> str:
    """Unqualified duration text for a non-negative number of seconds."""
    if seconds < 1 and seconds != 0:
        return f"{_plain(seconds, 1)} s"
    whole = int(_round(seconds, 0))
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        minutes, secs = divmod(whole, 60)
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    total_minutes = int(_round(seconds / 60, 0))
    if total_minutes < 10 * 60:
        hours, minutes = divmod(total_minutes, 60)
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{int(_round(seconds / 3600, 0)):,} h"


def format_duration(seconds: Any, qualifier: str | None = None) -> str:
    """'8 min 46 s', '5 min', '2 h 10 min', '138 h': seconds under an hour, minutes under ten
    hours, whole hours beyond (response times and shift lengths, not calendars).
    """
    if is_missing(seconds):
        return MISSING
    amount = _decimal(seconds)
    return _qualify(_sign(amount) + _duration_text(abs(amount)), qualifier)


def format_percent(value: Any, qualifier: str | None = None, places: int = 1) -> str:
    """'79.3%' from 79.3: the value is already a percentage, not a fraction."""
    if is_missing(value):
        return MISSING
    return _qualify(f"{_plain(_decimal(value), places)}%", qualifier)


def format_ratio(value: Any, qualifier: str | None = None) -> str:
    """'1 : 1.6': a benefit-cost ratio, the benefit for each £1 of cost (3 s.f., 2 d.p. at most)."""
    if is_missing(value):
        return MISSING
    return _qualify(f"1 : {_plain(_round_sig(_decimal(value), 3), 2)}", qualifier)


def format_count(value: Any, qualifier: str | None = None) -> str:
    """'21,187': whole counts in full; an average such as 2.5 keeps one decimal."""
    if is_missing(value):
        return MISSING
    return _qualify(_plain(_decimal(value), 1), qualifier)


def _with_unit_word(value: Any, unit: str, qualifier: str | None) -> str:
    """'12 miles', '1 day', '850 m': a count followed by its unit, singular for exactly one."""
    amount = _decimal(value)
    number = _plain(amount, 1)
    if unit == "metres":
        word = "m"
    else:
        word = _PLURAL_UNITS[unit] if number in ("1", "-1") else unit
    return _qualify(f"{number} {word}", qualifier)


_FORMATTERS = {
    "GBP": format_money,
    "seconds": format_duration,
    "percent": format_percent,
    "ratio": format_ratio,
    "count": format_count,
}


def format_value(value: Any, unit: str, qualifier: str | None = None) -> str:
    """Format any figure by its unit, so tables and charts share one rule per unit.

    >>> format_value(3, "days", "at_least")
    'at least 3 days'
    """
    if unit not in UNITS:
        raise ValueError(f"Unknown unit {unit!r}; expected one of: {', '.join(UNITS)}")
    if is_missing(value):
        return MISSING
    if unit in _FORMATTERS:
        return _FORMATTERS[unit](value, qualifier)
    return _with_unit_word(value, unit, qualifier)


def _nice_step(span: float, count: int) -> float:
    """A 1, 2, 2.5 or 5 times a power of ten step giving about `count` intervals over span."""
    raw = span / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def _money_tick_scale(top: float) -> tuple[int, str]:
    """One scale for a whole axis, from its largest value: £ in full, k, m or bn."""
    if top < MONEY_FULL_BELOW:
        return 1, ""
    return next((f, s) for f, s in _MONEY_SCALES if top >= f)


def money_ticks(max_value: float, min_value: float = 0.0, count: int = 5) -> dict[str, list]:
    """tickvals and ticktext for a money axis, all in one unit: '£0', '£5m', '£10m'.

    Plotly's own SI format writes '£2M' and '£2G'; use fig.update_xaxes(**money_ticks(top)).

    >>> money_ticks(12_500_000)["ticktext"]
    ['£0', '£2.5m', '£5m', '£7.5m', '£10m', '£12.5m']
    """
    if max_value <= min_value:
        max_value = min_value + 1
    step = _nice_step(max_value - min_value, count)
    first = math.floor(min_value / step)
    values = [i * step for i in range(first, math.ceil(max_value / step) + 1)]
    factor, suffix = _money_tick_scale(max(abs(min_value), abs(max_value)))
    texts = []
    for value in values:
        amount = _round_sig(_decimal(value), 6) / factor
        number = _plain(abs(amount), 2) if suffix else f"{_round(abs(amount), 0):,.0f}"
        texts.append(f"{_sign(amount)}£{number}{suffix}" if amount else "£0")
    return {"tickvals": values, "ticktext": texts}
