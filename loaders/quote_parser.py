"""Read a curated quote ("up to £580000 p.a.") into one number with its unit, bounds and period.

Quotes are stored verbatim (data/CURATION.md), so the parser reads the document's own words and
refuses anything it cannot read unambiguously instead of guessing: a garbled figure is fixed by an
override in the data row, never here. Money is computed in Decimal so that "£1.490m" is exactly
1490000.0. Everything is precompiled at import and no objects heavier than a NamedTuple are built
per quote, because the whole store (and fuzzing) runs through here.

Run ``python -m loaders.quote_parser "QUOTE" ...`` to see how quotes read.
"""

from __future__ import annotations

import itertools
import math
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple


class Unit(StrEnum):
    """What the value counts; durations under a day are held in seconds so they add up."""

    GBP = "GBP"
    seconds = "seconds"
    percent = "percent"
    ratio = "ratio"
    count = "count"
    metres = "metres"
    miles = "miles"
    days = "days"
    weeks = "weeks"
    months = "months"
    years = "years"


class Qualifier(StrEnum):
    """How the document hedges the figure ("up to", "approx.", "£3m-£4m")."""

    exact = "exact"
    approx = "approx"
    at_least = "at_least"
    up_to = "up_to"
    less_than = "less_than"
    range = "range"


class Recurrence(StrEnum):
    """How often the amount comes round, as the quote itself says it."""

    per_year = "per_year"
    per_month = "per_month"
    per_week = "per_week"
    per_day = "per_day"
    one_off = "one_off"
    total_over_period = "total_over_period"
    cumulative_by_date = "cumulative_by_date"


class QuoteParseError(ValueError):
    """A quote the parser will not read; ``expected`` says what it was looking for.

    >>> str(QuoteParseError("£abc", "a number after '£'"))
    "cannot parse quote '£abc': expected a number after '£'"
    """

    def __init__(self, quote: str, expected: str) -> None:
        shown = quote if len(quote) <= 120 else quote[:117] + "..."
        super().__init__(f"cannot parse quote {shown!r}: expected {expected}")
        self.quote = quote
        self.expected = expected

    def __reduce__(self) -> tuple[type[QuoteParseError], tuple[str, str]]:
        # Keep the error picklable (multiprocessing) despite the two-argument constructor.
        return (type(self), (self.quote, self.expected))


@dataclass(frozen=True, slots=True)
class ParsedQuote:
    """One figure as read from its quote; ``notes`` record every reading a reviewer should see."""

    quote: str
    value: float
    unit: Unit
    qualifier: Qualifier
    low: float | None
    high: float | None
    recurrence: Recurrence | None
    period_years: float | None
    by_year: int | None
    value_before: float | None
    denominator: float | None
    notes: tuple[str, ...]


class _Token(NamedTuple):
    """A number in the masked text with the words stuck to it, not yet turned into a unit."""

    start: int
    end: int
    cur: bool  # a "£" sign before it
    number: Decimal  # as written, before multiplier and unit scale
    mult: str  # "m", "k", "million", ... (lower case) or ""
    unit: str  # key of _UNIT_TABLE or ""
    plus: bool  # "900+"
    tdot: bool  # "55.%": a decimal point with no digits


class _Figure(NamedTuple):
    value: Decimal
    unit: Unit
    qualifier: Qualifier
    low: Decimal | None
    high: Decimal | None
    value_before: Decimal | None
    denominator: Decimal | None
    notes: list[str]


# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

_ONES = "one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_NUMBER_WORDS: dict[str, int] = {
    **{word: n for n, word in enumerate(_ONES, 1)},
    **{word: n for n, word in enumerate(_TEENS, 10)},
    **{word: 10 * n for n, word in enumerate(_TENS, 2)},
}

_MULTIPLIERS: dict[str, Decimal] = {
    "hundred": Decimal(100), "dozen": Decimal(12),
    "k": Decimal(1000), "thousand": Decimal(1000),
    "m": Decimal(1000000), "mn": Decimal(1000000), "million": Decimal(1000000),
    "bn": Decimal(1000000000), "billion": Decimal(1000000000),
}

_UNIT_ROWS = (
    ("% percent pc", Unit.percent, 1),
    ("second seconds sec secs", Unit.seconds, 1),
    ("minute minutes min mins", Unit.seconds, 60),
    ("hour hours hr hrs", Unit.seconds, 3600),
    ("day days", Unit.days, 1),
    ("week weeks wk wks weekly", Unit.weeks, 1),  # "-weekly" only as in "two-weekly"
    ("month months mth mths monthly", Unit.months, 1),
    ("year years yr yrs yearly", Unit.years, 1),
    ("metre metres meter meters", Unit.metres, 1),
    ("kilometre kilometres kilometer kilometers km", Unit.metres, 1000),
    ("mile miles", Unit.miles, 1),
)
_UNIT_TABLE: dict[str, tuple[Unit, Decimal]] = {
    word: (unit, Decimal(scale)) for words, unit, scale in _UNIT_ROWS for word in words.split()
}

# Period lengths in a year, for "over the first five months" and the like.
_PER_YEAR: dict[str, Decimal] = {"y": Decimal(1), "m": Decimal(12), "w": Decimal(52),
                                 "d": Decimal(365)}

# Qualifier phrase -> (qualifier, low is the value, high is the value).
_QUALIFIERS: dict[str, tuple[Qualifier, bool, bool]] = {
    **dict.fromkeys(
        ("approximately", "approximated", "approx", "around", "about", "circa", "c", "roughly",
         "some", "in the region of", "in the range of", "in the order of"),
        (Qualifier.approx, False, False)),
    **dict.fromkeys(("almost", "nearly", "just under", "just below", "just short of"),
                    (Qualifier.approx, False, True)),
    **dict.fromkeys(("just over", "just above"), (Qualifier.approx, True, False)),
    **dict.fromkeys(
        ("at least", "over", "above", "well over", "well above", "more than", "greater than",
         "in excess of", "upwards of", "exceeding", "a minimum of", "minimum of",
         "no less than", "not less than", "no fewer than", "not fewer than", "+", "or more",
         "or over", "or above", "and over", "and above", "and upwards"),
        (Qualifier.at_least, True, False)),
    **dict.fromkeys(
        ("up to", "as much as", "as many as", "as high as", "a maximum of", "maximum of",
         "within", "no more than", "not more than", "or less", "or fewer", "or under",
         "or below"),
        (Qualifier.up_to, False, True)),
    **dict.fromkeys(("less than", "fewer than", "under", "below"),
                    (Qualifier.less_than, False, True)),
}

# ---------------------------------------------------------------------------------------------
# Regular expressions. Text is normalised first: single spaces, "..." as " ... ", dashes as "-".
# ---------------------------------------------------------------------------------------------

_FLAGS = re.VERBOSE | re.IGNORECASE | re.ASCII
_MASK = "\x1e"  # stands in for a phrase already read; str.split() never leaves one in a quote

_SMALL = rf"(?:(?:{'|'.join(_TENS)})(?:[\s-](?:{'|'.join(_ONES)}))?|{'|'.join(_TEENS + _ONES)})"
_WORDS = rf"""
    (?:(?:{_SMALL}|a)\ hundred(?:\ (?:and\ )?{_SMALL})?   # "a hundred and six"
     | (?:a\ )?dozen
     | {_SMALL}                                          # "three", "twenty-five"
     | a(?=\ (?:thousand|million|billion|mn|bn)\b)       # "a million"
    )(?![A-Za-z])
"""
_DIGITS = r"(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+)(?![0-9]|,[0-9])"
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)

_NORMALISE_ELISION_RE = re.compile(r"\s*(?:\.{3,}|\u2026)\s*")
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-"})
_EXPONENT_RE = re.compile(r"[0-9][eE][+-]?[0-9]")
_WORD_SPLIT_RE = re.compile(r"[\s-]+")

# Phrases read before the numbers, so that their own numbers ("10 years", "2021", "one-off")
# are not taken for the figure.
_PHRASE_RE = re.compile(
    rf"""
    (?<![A-Za-z0-9])
    (?:
        (?P<period>                                  # "over the next 10 years", "for 2 years"
            (?:(?:over|for|during|within|across|in)\ (?:a\ period\ of\ |an?\ )?
               (?:the\ (?:next|first|last|past|coming|following|initial)\ )?
             | the\ (?:next|first|last|past|coming|following|initial)\ )
            (?P<pn>[0-9]+(?:\.[0-9]+)?|{_WORDS})
            [\ -]?(?P<pu>years?|yrs?|months?|mths?|weeks?|wks?|days?)(?![A-Za-z0-9])
            (?:\ period(?![A-Za-z]))?
        )
      | (?<!£)(?<!£\ )(?P<every>                       # "six-monthly": an interval, not a rate
            (?:[0-9]{{1,2}}|{_SMALL})
            (?:-(?:monthly|weekly|yearly)|\ (?:monthly|weekly|yearly)(?=\ basis\b)))
      | (?P<fromyear>from\ (?:year|yr)\ (?:[0-9]+|{_WORDS}))(?![0-9A-Za-z]|\.[0-9])
      | (?P<by>by\ (?:the\ end\ of\ )?                # "by 2021", "by March 2020"
            (?:(?:[0-9]{{1,2}}(?:st|nd|rd|th)?\ )?(?:{_MONTHS})\ )?
            (?P<year>(?:19|20)[0-9]{{2}}))(?![0-9]|[.,/][0-9]|\ ?%)
      | (?P<rec>\(?full\ year\ effect\)?
            | per\ annum | p\.\ ?a\.? | pa
            | per\ (?:calendar\ )?(?:year|month|week|day)
            | (?:a|each|every)\ (?:year|month|week|day)
            | annual(?:ly|ised|ized)? | yearly | monthly | weekly | daily
            | one[\ -]off
        )(?![A-Za-z])
    )
    """,
    _FLAGS,
)

_TOKEN_RE = re.compile(
    rf"""
    (?:(?P<cur>£)\ ?                                 # a pound sign,
     | (?<![A-Za-z0-9_,.])                           # a number alone: not "A8", "1,2", "1.2.3",
     | (?=[0-9])(?:(?<=\bc)|(?<=\bc\.)|(?<=\bapprox\.))  # but "c2002", "c.500", "approx.500"
    )
    (?:(?P<digits>{_DIGITS}) | (?P<words>{_WORDS}))
    (?P<tdot>\.(?=[%A-Za-z]))?                        # "55.%"
    (?:\ ?(?P<mult>bn|billion|mn|million|thousand|hundred|dozen|k|m)(?![A-Za-z]))?
    (?P<plus>\+)?                                     # "900+"
    (?:[\ -]?(?P<unit>                                # "six-month", "5 minute", "12 per cent"
        % | per\ ?cent | pc
      | seconds? | secs? | minutes? | mins? | hours? | hrs? | days? | weeks? | wks?
      | months? | mths? | years? | yrs? | monthly | weekly | yearly
      | kilomet(?:re|er)s? | km | met(?:re|er)s? | miles?
    )(?![A-Za-z]))?
    (?![A-Za-z0-9])                                   # "1st", "5kg": not a figure we know
    """,
    _FLAGS,
)

_QUALIFIER_RE = re.compile(
    r"""
    (?<![A-Za-z])
    (?P<q>just\ (?:over|above|under|below|short\ of) | well\ (?:over|above)
      | no[t]?\ (?:less|fewer|more)\ than
      | at\ least | (?:more|greater)\ than | in\ excess\ of | upwards\ of | exceeding
      | (?:a\ )?minimum\ of | over | above
      | up\ to | as\ (?:much|many|high)\ as | (?:a\ )?maximum\ of | within
      | (?:less|fewer)\ than | under | below
      | approximately | approximated | approx\.? | around | about | circa | c\.? | roughly | some
      | in\ the\ (?:region|range|order)\ of | almost | nearly
    )
    \ ?(?:\.\.\.\ ?)?\(?\ ?$                          # may be split off by " ... " or "("
    """,
    _FLAGS,
)
_SUFFIX_QUALIFIER_RE = re.compile(
    r"""
    \ ?(?:(?P<q>or\ (?:more|over|above|less|fewer|under|below)|and\ (?:over|above|upwards))
         (?![A-Za-z])
       | \(\ ?(?P<p>circa|c\.|approx\.?|approximately|roughly)\ ?\))     # "£1m (circa)"
    """,
    _FLAGS,
)

_DURATION_JOIN_RE = re.compile(r"\ ?(?:,\ ?)?(?:and\ )?", _FLAGS)  # "8 minutes and 46 seconds"
_RATIO_GAP_RE = re.compile(r"\ ?:\ ?", _FLAGS)  # "1:1.6", "£1 : £1.30"
_FRACTION_GAP_RE = re.compile(r"\ (?:out\ )?of\ (?:the\ )?", _FLAGS)  # "18 of the 29"
_RANGE_GAP_RE = re.compile(r"\ ?-\ ?|\ to\ ", _FLAGS)  # "£3m-£4m", "£3m to £4m"
_AND_GAP_RE = re.compile(r"\ and\ ", _FLAGS)  # "between 3 and 4"
_BETWEEN_END_RE = re.compile(r"(?<![A-Za-z])between\ ?$", _FLAGS)
_FROM_END_RE = re.compile(r"(?<![A-Za-z])from\ ?(?:\.\.\.\ ?)?$", _FLAGS)
_TO_END_RE = re.compile(r"(?<![A-Za-z])to\ ?$", _FLAGS)


# ---------------------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------------------


def parse_quote(quote: str) -> ParsedQuote:
    """Read the one figure in a verbatim quote, or raise QuoteParseError saying why not.

    Surrounding words are ignored; qualifier words before the number, units after it and period
    phrases anywhere are read. A quote holding two figures, or none, is refused.

    >>> p = parse_quote("up to £580000 p.a.")
    >>> p.value, p.unit.value, p.qualifier.value, p.low, p.high, p.recurrence.value
    (580000.0, 'GBP', 'up_to', None, 580000.0, 'per_year')
    >>> p = parse_quote("£1.5m of on going savings over the next 10 years")
    >>> p.value, p.recurrence.value, p.period_years
    (1500000.0, 'total_over_period', 10.0)
    >>> parse_quote("8 minutes and 46 seconds").value
    526.0
    >>> parse_quote("£1m and £2m")
    Traceback (most recent call last):
    ...
    loaders.quote_parser.QuoteParseError: cannot parse quote '£1m and £2m': expected one \
figure, but found more than one number: '£1m', '£2m'
    """
    if not isinstance(quote, str):
        raise TypeError(f"quote must be a str, not {type(quote).__name__}")
    try:
        return _parse(quote)
    except ArithmeticError as exc:  # Decimal or float trouble on absurd input
        raise QuoteParseError(quote, "a number of ordinary size") from exc


def _parse(quote: str) -> ParsedQuote:
    """Mask the period phrases, find the figure, then attach the period to it."""
    text = _normalise(quote)
    if _EXPONENT_RE.search(text):
        raise QuoteParseError(quote, "a plain number, not exponent notation")
    phrases, masked, tokens, notes = _read_phrases(quote, text)
    fig = _figure(quote, masked, tokens)
    recurrence, period, by_year, period_notes = _periods(quote, phrases, fig.unit)
    notes += period_notes
    return ParsedQuote(
        quote=quote,
        value=_to_float(quote, fig.value),
        unit=fig.unit,
        qualifier=fig.qualifier,
        low=_opt_float(quote, fig.low),
        high=_opt_float(quote, fig.high),
        recurrence=recurrence,
        period_years=_opt_float(quote, period),
        by_year=by_year,
        value_before=_opt_float(quote, fig.value_before),
        denominator=_opt_float(quote, fig.denominator),
        notes=tuple(dict.fromkeys(fig.notes + notes)),
    )


def _read_phrases(
    quote: str, text: str
) -> tuple[list[re.Match[str]], str, list[_Token], list[str]]:
    """Period phrases, the text with them masked, the numbers left, and notes on the reading.

    When nothing but a period is left, the period is the figure itself ("for over 10 years" of
    working together), so only the wordy recurrence phrases stay masked.
    """
    phrases = [m for m in _PHRASE_RE.finditer(text) if m["every"] is None]
    masked = _mask(text, phrases)
    tokens = _tokens(quote, masked)
    if tokens or all(m["rec"] is not None for m in phrases):
        return phrases, masked, tokens, []
    notes = [f"{m.group(0)!r} read as the figure, not as a period" for m in phrases
             if m["rec"] is None]
    phrases = [m for m in phrases if m["rec"] is not None]
    masked = _mask(text, phrases)
    return phrases, masked, _tokens(quote, masked), notes


def _normalise(quote: str) -> str:
    """Collapse whitespace and spell elisions and dashes one way, so the regexes stay simple.

    >>> _normalise("from 196\\n before ...to  29 \u2013 x")
    'from 196 before ... to 29 - x'
    """
    text = " ".join(quote.split())
    text = _NORMALISE_ELISION_RE.sub(" ... ", text).strip()
    return text.translate(_DASHES)


def _mask(text: str, phrases: Sequence[re.Match[str]]) -> str:
    """Replace phrases already read with a marker that no number or qualifier can span."""
    if not phrases:
        return text
    parts, pos = [], 0
    for m in phrases:
        parts += [text[pos : m.start()], _MASK]
        pos = m.end()
    parts.append(text[pos:])
    return "".join(parts)


def _tokens(quote: str, text: str) -> list[_Token]:
    """Every number in ``text`` with its '£', multiplier, '+' and unit words.

    >>> [(t.cur, t.number, t.mult, t.unit) for t in _tokens("", "£3-4m and 55.%")]
    [(True, Decimal('3'), '', ''), (False, Decimal('4'), 'm', ''), (False, Decimal('55'), '', '%')]
    """
    found = []
    for m in _TOKEN_RE.finditer(text):
        start = m.start()
        if start and text[start - 1] == "-" and (start == 1 or text[start - 2] in " (" + _MASK):
            raise QuoteParseError(quote, f"a positive number, not '-{m.group(0)}'")
        unit = (m["unit"] or "").lower().replace(" ", "")
        number = _number(quote, m["digits"], m["words"])
        found.append(
            _Token(start, m.end(), m["cur"] is not None, number, (m["mult"] or "").lower(),
                   unit, m["plus"] is not None, m["tdot"] is not None)
        )
    return found


def _number(quote: str, digits: str | None, words: str | None) -> Decimal:
    """The number as written, in digits ("21,187") or words ("twenty-five")."""
    if digits is None:
        return _words_value(words or "")
    plain = digits.replace(",", "")
    if len(plain) - ("." in plain) > 18:  # beyond any amount a document states
        raise QuoteParseError(quote, f"a number of at most 18 digits, not {digits[:24]!r}...")
    return Decimal(plain)


def _words_value(words: str) -> Decimal:
    """Add up number words; "a" counts as one only before a scale word.

    >>> _words_value("one hundred and fifty"), _words_value("a dozen"), _words_value("a")
    (Decimal('150'), Decimal('12'), Decimal('1'))
    """
    total = 0
    for word in _WORD_SPLIT_RE.split(words.lower()):
        if word in ("hundred", "dozen"):
            total = (total or 1) * (100 if word == "hundred" else 12)
        else:
            total += _NUMBER_WORDS.get(word, 0)  # "a" and "and" add nothing
    return Decimal(total or 1)


def _figure(quote: str, text: str, tokens: list[_Token]) -> _Figure:
    """Recognise the composite forms and insist that exactly one figure is left."""
    tokens = _merge_durations(text, tokens)
    _check_leftovers(quote, text, tokens)
    if not tokens:
        raise QuoteParseError(quote, "a number")
    if len(tokens) == 1:
        return _single(quote, text, tokens[0])
    if len(tokens) == 2:
        pair = _pair(quote, text, tokens[0], tokens[1])
        if pair is not None:
            return pair
    shown = _listing(text[t.start : t.end] for t in tokens)
    raise QuoteParseError(quote, f"one figure, but found more than one number: {shown}")


def _listing(items: Iterable[str], limit: int = 6) -> str:
    """"'£1m', '£2m'" for an error message, cut short for pathological input."""
    shown = [repr(item) for item in itertools.islice(items, limit + 1)]
    return ", ".join(shown[:limit]) + (", ..." if len(shown) > limit else "")


def _merge_durations(text: str, tokens: list[_Token]) -> list[_Token]:
    """Join "2 hours 10 mins" into one token counted in its smallest part (130 mins)."""
    merged = tokens[:1]
    for tok in tokens[1:]:
        prev = merged[-1]
        if (
            _is_clock(prev)
            and _is_clock(tok)
            and _UNIT_TABLE[prev.unit][1] > _UNIT_TABLE[tok.unit][1]
            and _DURATION_JOIN_RE.fullmatch(text, prev.end, tok.start)
        ):
            ratio = _UNIT_TABLE[prev.unit][1] / _UNIT_TABLE[tok.unit][1]
            number = prev.number * ratio + tok.number
            merged[-1] = tok._replace(start=prev.start, number=number, plus=prev.plus or tok.plus)
        else:
            merged.append(tok)
    return merged


def _is_clock(tok: _Token) -> bool:
    return bool(tok.unit) and not (tok.cur or tok.mult) and _UNIT_TABLE[tok.unit][0] is Unit.seconds


def _check_leftovers(quote: str, text: str, tokens: list[_Token]) -> None:
    """Refuse a '£', '%' or digit that no number claimed ("£abc", "Cat A8", "1,2")."""
    parts, pos = [], 0
    for tok in tokens:
        parts.append(text[pos : tok.start])
        pos = tok.end
    rest = _MASK.join([*parts, text[pos:]])
    if "£" in rest:
        raise QuoteParseError(quote, "a number after '£'")
    if "%" in rest:
        raise QuoteParseError(quote, "a number before '%'")
    stray = [word for word in rest.split() if any(c.isdigit() for c in word)]
    if stray and tokens:
        shown = _listing(stray)
        raise QuoteParseError(quote, f"one figure, but found more than one number: {shown}")
    if stray:
        raise QuoteParseError(quote, f"a number standing on its own, not inside {stray[0]!r}")


def _single(quote: str, text: str, tok: _Token) -> _Figure:
    """A lone figure: its qualifier comes from the words just before or after it."""
    if _BETWEEN_END_RE.search(text, 0, tok.start):
        raise QuoteParseError(quote, "two ends after 'between'")
    value, unit, notes = _resolve(quote, tok)
    qualifier, low, high = _qualify(quote, text[: tok.start], text[tok.end :], tok.plus, value)
    return _Figure(value, unit, qualifier, low, high, None, None, notes)


def _pair(quote: str, text: str, a: _Token, b: _Token) -> _Figure | None:
    """Two numbers that make one figure: ratio, fraction, before/after or range."""
    gap = text[a.end : b.start]
    if _RATIO_GAP_RE.fullmatch(gap):
        return _ratio(quote, text, a, b)
    if _FRACTION_GAP_RE.fullmatch(gap):
        return _fraction(quote, text, a, b)
    gap_rest, _ = _split_qualifier(gap)
    prefix_rest, prefix_qualifier = _split_qualifier(text[: a.start])
    if _TO_END_RE.search(gap_rest) and (_FROM_END_RE.search(prefix_rest) or "..." in gap_rest):
        return _before_after(quote, text, a, b, prefix_qualifier)
    between = _BETWEEN_END_RE.search(text, 0, a.start)
    if _RANGE_GAP_RE.fullmatch(gap) or (between and _AND_GAP_RE.fullmatch(gap)):
        return _range(quote, text, a, b, prefix_qualifier)
    return None


def _ratio(quote: str, text: str, a: _Token, b: _Token) -> _Figure:
    """"1:1.6" is 1.6 of the second per 1 of the first (benefit per cost)."""
    a, b = _inherit(quote, a, b)
    first, unit_a, notes_a = _resolve(quote, a)
    second, unit_b, notes_b = _resolve(quote, b)
    if unit_a != unit_b or unit_a not in (Unit.count, Unit.GBP):
        raise QuoteParseError(quote, "a ratio of two plain numbers or two amounts of money")
    if not first or not second:
        raise QuoteParseError(quote, "a ratio whose terms are not zero")
    value = second / first
    qualifier, low, high = _qualify(quote, text[: a.start], text[b.end :], b.plus, value)
    notes = [*notes_a, *notes_b, "ratio read as second term per first term"]
    return _Figure(value, Unit.ratio, qualifier, low, high, None, None, notes)


def _fraction(quote: str, text: str, a: _Token, b: _Token) -> _Figure:
    """"18 of the 29": the count is the value, the whole is kept as the denominator."""
    part, unit_a, notes_a = _resolve(quote, a)
    whole, unit_b, notes_b = _resolve(quote, b)
    if unit_a is not Unit.count or unit_b is not Unit.count or a.mult or b.mult:
        raise QuoteParseError(quote, "a fraction of two plain counts, like '18 of the 29'")
    if not whole or part > whole:
        raise QuoteParseError(quote, "a fraction whose part is no larger than its whole")
    qualifier, low, high = _qualify(quote, text[: a.start], "", a.plus, part)
    return _Figure(part, Unit.count, qualifier, low, high, None, whole, notes_a + notes_b)


def _before_after(
    quote: str, text: str, a: _Token, b: _Token, before_qualifier: str | None
) -> _Figure:
    """"from 196 ... to 29": the figure is the after value; the before value is kept."""
    a, b = _inherit(quote, a, b)
    before, unit_a, notes_a = _resolve(quote, a)
    after, unit_b, notes_b = _resolve(quote, b)
    if unit_a != unit_b:
        raise QuoteParseError(quote, "before and after values in the same unit")
    gap, suffix = text[a.end : b.start], text[b.end :]
    qualifier, low, high = _qualify(quote, gap, suffix, b.plus, after)
    notes = notes_a + notes_b
    if before_qualifier:
        notes.append(f"qualifier {before_qualifier!r} on the before value not modelled")
    return _Figure(after, unit_b, qualifier, low, high, before, None, notes)


def _range(quote: str, text: str, a: _Token, b: _Token, qualifier: str | None) -> _Figure:
    """"£3-4m" is £3m to £4m, read at its midpoint with both ends kept."""
    a, b = _inherit(quote, a, b)
    low, unit_a, notes_a = _resolve(quote, a)
    high, unit_b, notes_b = _resolve(quote, b)
    if unit_a != unit_b:
        raise QuoteParseError(quote, "both ends of a range in the same unit")
    if low > high:
        raise QuoteParseError(quote, "a range whose first end is not above its second")
    notes = notes_a + notes_b
    if qualifier:
        notes.append(f"qualifier {qualifier!r} ignored for a range")
    return _Figure((low + high) / 2, unit_a, Qualifier.range, low, high, None, None, notes)


def _inherit(quote: str, a: _Token, b: _Token) -> tuple[_Token, _Token]:
    """Share '£', multiplier and unit when only one end states them ("£3-4m", "3-4 minutes")."""
    stated = {Unit.GBP if t.cur else _UNIT_TABLE[t.unit][0] for t in (a, b) if t.cur or t.unit}
    if len(stated) > 1:
        raise QuoteParseError(quote, "both numbers in the same unit")
    cur = a.cur or b.cur
    return (
        a._replace(cur=cur, mult=a.mult or b.mult, unit=a.unit or b.unit),
        b._replace(cur=cur, mult=b.mult or a.mult, unit=b.unit or a.unit),
    )


def _resolve(quote: str, tok: _Token) -> tuple[Decimal, Unit, list[str]]:
    """Apply multiplier and unit: "£1.490m" is 1490000 GBP, "100m" is 100 metres.

    >>> _resolve("", _tokens("", "£0.28m")[0])
    (Decimal('280000.00'), <Unit.GBP: 'GBP'>, [])
    """
    notes = [f"trailing decimal point with no digits read as {tok.number}"] if tok.tdot else []
    if tok.unit.endswith("ly"):
        notes.append(f"'{tok.unit}' after a number read as an interval, not a rate")
    if tok.cur and tok.unit:
        raise QuoteParseError(quote, f"one unit, not both '£' and {tok.unit!r}")
    unit, scale = _UNIT_TABLE[tok.unit] if tok.unit else (Unit.count, Decimal(1))
    if tok.mult == "m" and not (tok.cur or tok.unit):
        notes.append("bare 'm' read as metres (no '£' sign)")
        return tok.number, Unit.metres, notes
    if tok.mult == "k" and not (tok.cur or tok.unit):
        notes.append("bare 'k' read as thousands of pounds (no '£' sign)")
        unit = Unit.GBP
    if tok.cur:
        unit = Unit.GBP
    value = tok.number * _MULTIPLIERS[tok.mult] if tok.mult else tok.number
    return value * scale, unit, notes


def _split_qualifier(text: str) -> tuple[str, str | None]:
    """Cut a qualifier phrase off the end of ``text``: ("savings of ", "over")."""
    tail = text[-48:]  # longer than any qualifier with its "... (" decorations
    m = _QUALIFIER_RE.search(tail)
    if m is None:
        return text, None
    return text[: len(text) - len(tail) + m.start()], m["q"]


def _qualify(
    quote: str, prefix: str, suffix: str, plus: bool, value: Decimal
) -> tuple[Qualifier, Decimal | None, Decimal | None]:
    """Qualifier and bounds from words before ("just over"), a '+' or words after ("or more")."""
    phrases = [_split_qualifier(prefix)[1], "+" if plus else None]
    after = _SUFFIX_QUALIFIER_RE.match(suffix)
    phrases.append(after["q"] or after["p"] if after else None)
    found = {p: _QUALIFIERS[" ".join(p.lower().rstrip(".").split())] for p in phrases if p}
    if not found:
        return Qualifier.exact, value, value
    if len({q for q, _, _ in found.values()}) > 1:
        raise QuoteParseError(quote, f"one qualifier, not {' and '.join(map(repr, found))}")
    qualifier, low_is_value, high_is_value = next(iter(found.values()))
    return qualifier, value if low_is_value else None, value if high_is_value else None


def _periods(
    quote: str, phrases: list[re.Match[str]], unit: Unit
) -> tuple[Recurrence | None, Decimal | None, int | None, list[str]]:
    """Recurrence, period length and 'by' year from the phrases masked before parsing."""
    rates: set[Recurrence] = set()
    period: Decimal | None = None
    by_year: int | None = None
    notes: list[str] = []
    for m in phrases:
        if m["rec"] is not None:
            rates.add(_rate_of(m["rec"]))
        elif m["fromyear"] is not None:
            rates.add(Recurrence.per_year)
            notes.append(f"{m['fromyear']!r} start delay not modelled")
        elif m["period"] is not None:
            if period is not None:
                raise QuoteParseError(quote, "one period, not two")
            period = _period_years(quote, m["pn"], m["pu"])
        else:
            if by_year is not None:
                raise QuoteParseError(quote, "one 'by' date, not two")
            by_year = int(m["year"])
    if len(rates) > 1:
        raise QuoteParseError(quote, f"one recurrence, not {' and '.join(sorted(rates))}")
    if unit in (Unit.percent, Unit.ratio):
        if rates or period is not None or by_year is not None:
            notes.append(f"period words ignored for a {unit.value}")
        return None, None, None, notes
    if rates:
        rate = rates.pop()
        if period is not None:
            notes.append(f"{rate.value} figure; the period is how long it runs")
        return rate, period, by_year, notes
    if period is not None:
        return Recurrence.total_over_period, period, by_year, notes
    if by_year is not None:
        return Recurrence.cumulative_by_date, None, by_year, notes
    return None, None, None, notes


def _rate_of(phrase: str) -> Recurrence:
    """Which rate a recurrence phrase names ("p.a." and "full year effect" are yearly)."""
    p = phrase.lower()
    if "one" in p:
        return Recurrence.one_off
    if "month" in p:
        return Recurrence.per_month
    if "week" in p:
        return Recurrence.per_week
    if "day" in p or "daily" in p:
        return Recurrence.per_day
    return Recurrence.per_year


def _period_years(quote: str, number: str, unit: str) -> Decimal:
    """Length of "over the first five months" in years (5/12)."""
    n = _number(quote, number, None) if number[0].isdigit() else _words_value(number)
    if not n:
        raise QuoteParseError(quote, "a period longer than zero")
    return n / _PER_YEAR[unit[0].lower()]


def _to_float(quote: str, value: Decimal) -> float:
    result = float(value)
    if not math.isfinite(result):
        raise QuoteParseError(quote, "a number of ordinary size")
    return result


def _opt_float(quote: str, value: Decimal | None) -> float | None:
    return None if value is None else _to_float(quote, value)


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def main(argv: Sequence[str]) -> int:
    """Print how each quote reads; exit status 1 if any could not be read."""
    if not argv:
        print('usage: python -m loaders.quote_parser "QUOTE" ["QUOTE" ...]', file=sys.stderr)
        return 2
    status = 0
    for quote in argv:
        try:
            parsed = parse_quote(quote)
        except QuoteParseError as error:
            print(f"error: {error}")
            status = 1
            continue
        print(repr(quote))
        for field in fields(parsed)[1:]:
            value = getattr(parsed, field.name)
            shown = value.value if isinstance(value, StrEnum) else value
            print(f"  {field.name}: {shown}")
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
