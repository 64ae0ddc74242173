"""Read a whole column of quotes at once, with exactly the answers `parse_quote` gives row by row.

`parse_quote` reads one quote in ~50 µs: fine for the curated store, slow for a million quotes
(national overviews, uploaded local schemes). The bulk path rests on one observation: how a quote
reads depends on its words and on the *shape* of its numbers, never on their digits, except for
a few checks (zero, order) and years ("by 2021"). So:

1. every quote gets a *template*: ASCII digits become ``1`` (a run starting ``19``/``20`` keeps
   those two, so years stay years), done on the raw UTF-8 bytes in numpy;
2. each distinct template is read once by the parser itself, which says what the figure is
   (single number, duration, ratio, fraction, before/after, range), its unit, qualifier,
   recurrence and notes, and where each number sits (a :class:`_Plan`);
3. the numbers of every row are gathered from the same byte positions and combined in numpy,
   with the same exact decimal arithmetic as the parser (one IEEE operation on exact integers);
4. rows the plan cannot vouch for (a template the parser refuses, a zero or out-of-order value,
   an over-long number) go to `parse_quote`, once per distinct quote.

No objects are built per row on the fast path. ``python -m benchmarks`` measures the speed;
``tests/loaders/test_bulk_parse.py`` checks agreement with `parse_quote` on every shipped quote.

>>> frame = parse_quotes(pd.Series(["up to £580000 p.a.", "18 of the 29", "£1m and £2m"]))
>>> row = frame.iloc[0]
>>> float(row.value), row.unit, row.qualifier, row.recurrence
(580000.0, 'GBP', 'up_to', 'per_year')
>>> float(frame.loc[1, "denominator"]), bool(pd.isna(frame.loc[2, "value"]))
(29.0, True)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from loaders import quote_parser as qp
from loaders.quote_parser import ParsedQuote, Qualifier, QuoteParseError, Unit, parse_quote

COLUMNS = [
    "value",
    "unit",
    "qualifier",
    "low",
    "high",
    "recurrence",
    "period_years",
    "by_year",
    "value_before",
    "denominator",
    "notes",
    "error",
]
FLOAT_COLUMNS = ["value", "low", "high", "period_years", "value_before", "denominator"]
TEXT_COLUMNS = ["unit", "qualifier", "recurrence", "notes", "error"]

_IS_DIGIT = (np.arange(256) >= ord("0")) & (np.arange(256) <= ord("9"))  # byte -> is a digit
_TO_ONE = np.where(_IS_DIGIT, ord("1"), np.arange(256)).astype(np.uint8)  # byte -> template
_NUM_RE = re.compile(r"[0-9]+(?:[,.][0-9]+)*")  # a number as the bytes show it: "1,356,589.5"
_MAX_DIGITS = 15  # mantissas stay below 2**53, so every int -> float step is exact
_EXACT = 2**53
_SMALL_DIVISOR = 2**20  # keeps a decimal quotient clear of double-rounding (see _ratio)
_MAX_POW10 = 22  # 10**22 is the largest power of ten a double holds exactly

# A text with the row's numbers in it: literal strings and indices of the row's numbers.
Pieces = tuple[str | int, ...]

# The parser's refusals that depend on the digits, not on the words: never read off a template.
_VALUE_ERRORS = (
    "a number of ordinary size",
    "a ratio whose terms are not zero",
    "a fraction whose part is no larger than its whole",
    "a range whose first end is not above its second",
    "a period longer than zero",
)

# How the numbers of a row combine into the figure.
SINGLE, DURATION, RATIO, FRACTION, BEFORE_AFTER, RANGE, CONSTANT = range(7)


@dataclass(frozen=True)
class _Plan:
    """How to read every row of one template: constants from the parser, plus number slots."""

    kind: int
    text: dict[str, str | None]  # unit, qualifier, recurrence, notes, error
    pieces: dict[str, Pieces]  # notes or error that quote the row's own numbers
    spans: tuple[tuple[int, int], ...]  # character spans of the numbers, for `pieces`
    const: dict[str, float | int | None]  # outputs that do not depend on the digits
    digit_bytes: tuple[tuple[int, ...], ...]  # byte offsets of each number's digits
    decimals: tuple[int, ...]  # digits after the point, per number
    scale: tuple[tuple[int, int], ...]  # (c, k): multiplier and unit scale c * 10**k, per token
    token_slots: tuple[int, ...]  # which numbers are the figure's tokens, in order
    period_slot: int  # number holding the period length ("over 10 years"), or -1
    per_year: int  # periods in a year for that length (1, 12, 52, 365)
    year_slot: int  # number holding the "by 2021" year, or -1
    year_kept: bool  # the parser reports the year (not for percentages and ratios)
    low_is_value: bool
    high_is_value: bool


def parse_quotes(quotes: pd.Series) -> pd.DataFrame:
    """Parse a Series of quotes; one row per quote, same index, columns `COLUMNS`.

    A quote `parse_quote` refuses gets NaN numbers and its error message in ``error``; ``notes``
    joins the parser's notes with "; ". Text columns are categorical.
    """
    array = _as_arrow(quotes)
    n = len(array)
    if n == 0:
        return _empty(quotes.index)
    data, offsets = _buffers(array)
    template = _templates(array, data, offsets)
    encoded = pc.dictionary_encode(template)
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.intp)
    plans = [_plan(t) for t in encoded.dictionary.to_pylist()]

    out = _Columns.allocate(n)
    fast = _fill_fast(out, plans, codes, data, offsets[:-1].astype(np.int64))
    _fill_pieces(out, plans, codes, fast, array)
    slow = np.flatnonzero(~fast)
    if len(slow):
        _fill_slow(out, array, slow)
    frame = out.frame(quotes.index, plans, codes)
    frame.attrs["templates"] = len(plans)
    frame.attrs["parsed_one_by_one"] = len(slow)
    return frame


def clear_plan_cache() -> None:
    """Forget the templates read so far (benchmarks time the first reading)."""
    _plan.cache_clear()
    _try_parse.cache_clear()


@lru_cache(maxsize=1 << 14)
def _try_parse(text: str) -> ParsedQuote | QuoteParseError:
    """The parser's answer or refusal; a template is read several times while planning."""
    try:
        return parse_quote(text)
    except QuoteParseError as exc:
        return exc


# ---------------------------------------------------------------------------------------------
# Input: arrow bytes and templates
# ---------------------------------------------------------------------------------------------


def _as_arrow(quotes: pd.Series) -> pa.Array:
    """The quotes as one arrow string array; a missing or non-text quote is a TypeError."""
    arrow = getattr(quotes.array, "_pa_array", None)  # str, string[pyarrow], ArrowDtype
    if arrow is not None and (
        pa.types.is_string(arrow.type) or pa.types.is_large_string(arrow.type)
    ):
        array = arrow.combine_chunks() if isinstance(arrow, pa.ChunkedArray) else arrow
    else:
        objects = quotes.to_numpy(dtype=object)
        bad = [v for v in objects if not isinstance(v, str)]
        if bad:
            raise TypeError(f"quote must be a str, not {type(bad[0]).__name__}")
        array = pa.array(objects, type=pa.string())
    if array.null_count:
        raise TypeError("quote must be a str, not NoneType (missing quote)")
    return array


def _buffers(array: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """The UTF-8 bytes and the n + 1 offsets into them (absolute positions)."""
    width = np.int64 if pa.types.is_large_string(array.type) else np.int32
    _, offset_buf, data_buf = array.buffers()
    offsets = np.frombuffer(offset_buf, dtype=width)[array.offset : array.offset + len(array) + 1]
    if data_buf is None:  # every quote empty
        return np.zeros(0, dtype=np.uint8), offsets
    data = np.frombuffer(data_buf, dtype=np.uint8)
    return data, offsets


def _templates(array: pa.Array, data: np.ndarray, offsets: np.ndarray) -> pa.Array:
    """Each quote with its digits as ``1``, except a leading ``19``/``20`` of a run of digits.

    ASCII digit bytes never occur inside a multi-byte UTF-8 character, so this is a byte map that
    keeps every string's length and every number's byte positions.
    """
    digit = _IS_DIGIT[data]
    mapped = _TO_ONE[data]
    # A kept "19"/"20" starts with a "1" or "2" that begins a run of digits in its string.
    cand = np.flatnonzero((data == ord("1")) | (data == ord("2")))
    cand = cand[cand + 1 < len(data)]
    first = np.zeros(len(data) + 1, dtype=bool)  # first byte of a string (or past the end)
    first[offsets] = True
    starts_run = first[cand] | ~digit[np.maximum(cand - 1, 0)]
    pair = np.where(data[cand] == ord("1"), ord("9"), ord("0"))
    century = cand[starts_run & (data[cand + 1] == pair) & ~first[cand + 1]]
    mapped[century] = data[century]
    mapped[century + 1] = data[century + 1]
    return pa.Array.from_buffers(
        array.type,
        len(array),
        [None, array.buffers()[1], pa.py_buffer(mapped)],
        offset=array.offset,
    )


# ---------------------------------------------------------------------------------------------
# Plans: the parser reads each template once
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def _plan(template: str) -> _Plan | None:
    """What the parser makes of a template, or None when its rows must be parsed one by one."""
    numbers = list(_NUM_RE.finditer(template))
    if not numbers:
        return _constant_plan(template, None, ())
    if len(numbers) > 3:
        return None
    spans = tuple(m.span() for m in numbers)
    parsed = _try_parse(template)
    if isinstance(parsed, QuoteParseError):
        if parsed.expected in _VALUE_ERRORS:
            return None  # the real rows may differ (e.g. "05 of the 9"): let the parser say
        return _constant_plan(template, parsed, spans)
    pieces = _text_pieces(template, spans, "notes")
    if pieces is None:
        return None
    layout = _layout(template, numbers)
    if layout is None:
        return None
    token_slots, period_slot, per_year, year_slot, scales, kind = layout
    digit_bytes, decimals = _digit_layout(template, numbers)
    if digit_bytes is None:
        return None
    if kind == DURATION and any(
        k < decimals[slot] for (_, k), slot in zip(scales, token_slots, strict=True)
    ):
        return None  # fractional durations: left to the parser's Decimal sums
    return _Plan(
        kind=kind,
        text=_text(parsed, None),
        pieces=pieces,
        spans=spans,
        const={
            "period_years": parsed.period_years if period_slot < 0 else None,
            "by_year": parsed.by_year if year_slot < 0 else None,
        },
        digit_bytes=digit_bytes,
        decimals=decimals,
        scale=scales,
        token_slots=token_slots,
        period_slot=period_slot,
        per_year=per_year,
        year_slot=year_slot,
        year_kept=parsed.by_year is not None,
        low_is_value=parsed.low is not None and kind != RANGE,
        high_is_value=parsed.high is not None and kind != RANGE,
    )


def _constant_plan(
    template: str, error: QuoteParseError | None, spans: tuple[tuple[int, int], ...]
) -> _Plan | None:
    """Rows whose numbers change nothing but (maybe) the error message: the parser's answer.

    A quote with no digits is its own template; a refusal for the words ("two figures")
    holds for every row of the template, with the row's numbers in its message.
    """
    parsed = None
    if error is None:
        answer = _try_parse(template)
        parsed, error = (None, answer) if isinstance(answer, QuoteParseError) else (answer, None)
    pieces: dict[str, Pieces] = {}
    if error is not None and spans:
        found = _text_pieces(template, spans, "error")
        if found is None:
            return None
        pieces = found
    const: dict[str, float | int | None] = {name: None for name in FLOAT_COLUMNS + ["by_year"]}
    if parsed is not None:
        const.update({name: getattr(parsed, name) for name in FLOAT_COLUMNS + ["by_year"]})
    return _Plan(
        CONSTANT,
        _text(parsed, str(error) if error else None),
        pieces,
        spans,
        const,
        (),
        (),
        (),
        (),
        -1,
        1,
        -1,
        False,
        False,
        False,
    )


def _text_pieces(
    template: str, spans: tuple[tuple[int, int], ...], name: str
) -> dict[str, Pieces] | None:
    """How `name` (notes or error) quotes the numbers, if it does; None if that is unclear.

    The template is read again with each number's digits set to 3/4/5 and then 6/7/8: every
    number-like piece of the text must be one of those numbers, and the pieces must rebuild
    all three readings exactly.
    """
    readings = [_reading(template, name)]
    if readings[0] is None or not any(c.isdigit() for c in readings[0]):
        return {}  # the words alone decide it: the same for every row
    variants = []
    for digits in ("345", "678"):
        variant = _variant(template, spans, digits)
        variants.append(variant)
        readings.append(_reading(variant, name))
    if any(r is None for r in readings):
        return None
    strings = [[v[a:b] for a, b in spans] for v in variants]
    if len(set(strings[0])) != len(spans):
        return None  # two numbers read alike: cannot tell which is which
    pieces: list[str | int] = []
    pos = 0
    for m in _NUM_RE.finditer(readings[1]):
        if m.group(0) not in strings[0]:
            return None
        pieces += [readings[1][pos : m.start()], strings[0].index(m.group(0))]
        pos = m.end()
    pieces.append(readings[1][pos:])
    numbers = [[template[a:b] for a, b in spans], *strings]
    if any(
        _join(tuple(pieces), nums) != reading
        for nums, reading in zip(numbers, [readings[0], *readings[1:]], strict=True)
    ):
        return None
    return {name: tuple(pieces)}


def _reading(quote: str, name: str) -> str | None:
    """The parser's notes or error message for `quote` (None for the one it does not have)."""
    parsed = _try_parse(quote)
    if isinstance(parsed, QuoteParseError):
        return str(parsed) if name == "error" else None
    return "; ".join(parsed.notes) if name == "notes" else None


def _variant(template: str, spans: tuple[tuple[int, int], ...], digits: str) -> str:
    """The template with number i's digits set to digits[i], a kept "19"/"20" left as it is."""
    chars = list(template)
    for i, (a, b) in enumerate(spans):
        for run in re.finditer(r"[0-9]+", template[a:b]):
            start = a + run.start()
            keep = 2 if template[start : start + 2] in ("19", "20") else 0
            chars[start + keep : a + run.end()] = digits[i] * (run.end() - run.start() - keep)
    return "".join(chars)


def _join(pieces: Pieces, numbers: list[str]) -> str:
    return "".join(numbers[p] if isinstance(p, int) else p for p in pieces)


def _text(parsed: ParsedQuote | None, error: str | None) -> dict[str, str | None]:
    if parsed is None:
        return {"unit": None, "qualifier": None, "recurrence": None, "notes": None, "error": error}
    return {
        "unit": parsed.unit.value,
        "qualifier": parsed.qualifier.value,
        "recurrence": parsed.recurrence.value if parsed.recurrence else None,
        "notes": "; ".join(parsed.notes),
        "error": None,
    }


def _layout(template: str, numbers: list[re.Match[str]]):  # noqa: ANN202 - private tuple
    """Which number is which for the parser: tokens, period length, year; and the figure's form.

    Returns (token slots, period slot, periods per year, year slot, per-token (c, k) scales,
    kind), slots indexing `numbers`; None when a number is not read whole or the form is rare.
    """
    text = qp._normalise(template)
    if [m.group(0) for m in _NUM_RE.finditer(text)] != [m.group(0) for m in numbers]:
        return None
    slots = {m.span(): i for i, m in enumerate(_NUM_RE.finditer(text))}
    phrases, masked, tokens, _ = qp._read_phrases(template, text)
    shift = _mask_shift(phrases)
    claimed: dict[int, str] = {}
    token_slots = []
    for tok in tokens:
        m = qp._TOKEN_RE.match(masked, tok.start)
        if m is None or m["digits"] is None:
            return None  # number words mixed with digits: rare, left to the parser
        span = (shift(m.start("digits")), shift(m.end("digits") - 1) + 1)
        if span not in slots:
            return None  # a token's digits are not a whole number as the bytes show it
        token_slots.append(slots[span])
    period_slot, per_year, year_slot, inert = -1, 1, -1, []
    for m in phrases:
        if m["period"] is not None and m["pn"][0].isdigit():
            period_slot = slots.get(m.span("pn"), -2)
            per_year = int(qp._PER_YEAR[m["pu"][0].lower()])
        elif m["by"] is not None:
            year_slot = slots.get(m.span("year"), -2)
        elif m["fromyear"] is not None:  # "from year 3": only its note shows the number
            inert += [i for span, i in slots.items() if m.start() <= span[0] < m.end()]
    claimed = [*token_slots, *inert]
    claimed += [s for s in (period_slot, year_slot) if s != -1]
    if sorted(claimed) != list(range(len(numbers))):
        return None
    merged = qp._merge_durations(masked, tokens)
    kind, scaled = _kind(template, tokens, merged)
    if kind is None:
        return None
    scales = tuple(_scale(template, tok) for tok in scaled)
    return tuple(token_slots), period_slot, per_year, year_slot, scales, kind


def _kind(template: str, tokens: list, merged: list) -> tuple[int | None, list]:
    """The figure's form, and the tokens whose scales apply (after '£'/unit inheritance)."""
    if len(merged) == 1:
        return (SINGLE if len(tokens) == 1 else DURATION), tokens
    if len(merged) != 2 or len(tokens) != 2:
        return None, []
    parsed = _try_parse(template)
    assert isinstance(parsed, ParsedQuote)  # planned only after a successful reading
    if parsed.unit is Unit.ratio:
        return RATIO, list(qp._inherit(template, *tokens))
    if parsed.denominator is not None:
        return FRACTION, tokens
    if parsed.value_before is not None:
        return BEFORE_AFTER, list(qp._inherit(template, *tokens))
    if parsed.qualifier is Qualifier.range:
        return RANGE, list(qp._inherit(template, *tokens))
    return None, []


def _scale(template: str, tok: qp._Token) -> tuple[int, int]:
    """The token's multiplier x unit scale as c * 10**k with c an integer not ending in 0."""
    value, _, _ = qp._resolve(template, tok._replace(number=Decimal(1)))
    sign, digits, exponent = value.normalize().as_tuple()
    return int("".join(map(str, digits))), int(exponent)


def _mask_shift(phrases: list[re.Match[str]]):  # noqa: ANN202 - returns a position map
    """Map a position in the masked text back to the normalised text (a phrase is 1 char)."""
    starts = []
    removed = 0
    for m in phrases:
        starts.append((m.start() - removed, len(m.group(0)) - 1))
        removed += len(m.group(0)) - 1

    def shift(pos: int) -> int:
        return pos + sum(extra for start, extra in starts if start < pos)

    return shift


def _digit_layout(
    template: str, numbers: list[re.Match[str]]
) -> tuple[tuple[tuple[int, ...], ...] | None, tuple[int, ...]]:
    """Byte offsets (from the string's start) of each number's digits, and its decimals."""
    layout, decimals = [], []
    for m in numbers:
        digits = [i for i in range(m.start(), m.end()) if template[i].isdigit()]
        if len(digits) > _MAX_DIGITS:
            return None, ()
        layout.append(tuple(len(template[:i].encode("utf-8")) for i in digits))
        point = m.group(0).find(".")
        decimals.append(0 if point < 0 else sum(c.isdigit() for c in m.group(0)[point:]))
    return tuple(layout), tuple(decimals)


# ---------------------------------------------------------------------------------------------
# Fast path: numbers gathered and combined in numpy
# ---------------------------------------------------------------------------------------------


class _Columns:
    """Output arrays being filled: numbers per row; text per template, or per row where needed."""

    def __init__(self, n: int) -> None:
        self.num = {name: np.full(n, np.nan) for name in FLOAT_COLUMNS}
        self.by_year = np.zeros(n, dtype=np.int64)
        self.by_year_set = np.zeros(n, dtype=bool)
        self.row_text: dict[str, list[tuple[np.ndarray, list[str | None]]]] = {
            name: [] for name in TEXT_COLUMNS
        }

    @classmethod
    def allocate(cls, n: int) -> _Columns:
        return cls(n)

    def set_text(self, name: str, rows: np.ndarray, values: list[str | None]) -> None:
        self.row_text[name].append((rows, values))

    def frame(self, index: pd.Index, plans: list[_Plan | None], codes: np.ndarray) -> pd.DataFrame:
        columns: dict[str, object] = {}
        for name in COLUMNS:
            if name in FLOAT_COLUMNS:
                columns[name] = self.num[name]
            elif name == "by_year":
                columns[name] = pd.arrays.IntegerArray(self.by_year, ~self.by_year_set)
            else:
                columns[name] = self._text_column(name, plans, codes)
        return pd.DataFrame(columns, index=index)

    def _text_column(
        self, name: str, plans: list[_Plan | None], codes: np.ndarray
    ) -> pd.Categorical:
        """Per-template text taken by code; rows with their own text overwrite theirs."""
        per_plan = [plan.text[name] if plan else None for plan in plans]
        found = {v for v in per_plan if v is not None}
        for _, values in self.row_text[name]:
            found.update(v for v in values if v is not None)
        categories = sorted(found)
        lookup = {v: i for i, v in enumerate(categories)}
        plan_codes = np.array([-1 if v is None else lookup[v] for v in per_plan], dtype=np.int32)
        row_codes = plan_codes[codes]
        for rows, values in self.row_text[name]:
            row_codes[rows] = [-1 if v is None else lookup[v] for v in values]
        return pd.Categorical.from_codes(row_codes, categories=categories)


def _fill_fast(
    out: _Columns,
    plans: list[_Plan | None],
    codes: np.ndarray,
    data: np.ndarray,
    starts: np.ndarray,
) -> np.ndarray:
    """Fill every row whose template has a plan; return which rows were filled."""
    fast = np.zeros(len(codes), dtype=bool)
    data = np.append(data, np.uint8(ord("0")))  # what right-aligned digit slots pad with
    by_kind: dict[int, list[int]] = {}
    for code, plan in enumerate(plans):
        if plan is not None:
            by_kind.setdefault(plan.kind, []).append(code)
    for kind, plan_codes in by_kind.items():
        group_plans = [plans[c] for c in plan_codes]
        lookup = np.full(len(plans), -1, dtype=np.intp)
        lookup[plan_codes] = np.arange(len(plan_codes))
        local = lookup[codes]
        rows = np.flatnonzero(local >= 0)
        if not len(rows):
            continue
        ok = _fill_kind(out, kind, group_plans, local[rows], rows, data, starts[rows])
        fast[rows[ok]] = True
    return fast


def _fill_kind(
    out: _Columns,
    kind: int,
    plans: list[_Plan],
    which: np.ndarray,
    rows: np.ndarray,
    data: np.ndarray,
    starts: np.ndarray,
) -> np.ndarray:
    """Compute the numbers of rows sharing one kind of figure; False where the parser must."""
    if kind == CONSTANT:
        for name in FLOAT_COLUMNS:
            out.num[name][rows] = _per_plan(plans, which, lambda p, n=name: p.const[n])
        _set_year(out, rows, _per_plan(plans, which, lambda p: p.const["by_year"]))
        return np.ones(len(rows), dtype=bool)
    x = _Numbers(plans, which, data, starts)
    ok = np.ones(len(rows), dtype=bool)
    value, low, high, before, denominator = _FORMS[kind](x, ok)
    period, ok_period = _period(x)
    ok &= ok_period & np.isfinite(value)
    keep = rows[ok]
    for name, column in (
        ("value", value),
        ("low", low),
        ("high", high),
        ("value_before", before),
        ("denominator", denominator),
        ("period_years", period),
    ):
        out.num[name][keep] = column[ok]
    _set_year(out, keep, _year(x)[ok])
    return ok


def _per_plan(
    plans: list[_Plan], which: np.ndarray, get: Callable[[_Plan], object], default: float = np.nan
) -> np.ndarray:
    """One number per plan, spread to its rows (None -> default)."""
    table = np.array([default if (v := get(p)) is None else v for p in plans], dtype=float)
    return table[which]


def _set_year(out: _Columns, rows: np.ndarray, year: np.ndarray) -> None:
    has = ~np.isnan(year)
    out.by_year[rows[has]] = year[has].astype(np.int64)
    out.by_year_set[rows] = has


def _mantissa(
    plans: list[_Plan], which: np.ndarray, data: np.ndarray, starts: np.ndarray, slot: int
) -> np.ndarray:
    """The digits of number `slot` of each row as one integer (0 where the row has none).

    Layouts are right-aligned; the padding points at the "0" `_fill_fast` appends, so every
    row is one gather and one dot product, whatever its number of digits.
    """
    layouts = [p.digit_bytes[slot] if slot < len(p.digit_bytes) else () for p in plans]
    depth = max((len(lay) for lay in layouts), default=0)
    if depth == 0:
        return np.zeros(len(which), dtype=np.int64)
    table = np.full((len(plans), depth), -1, dtype=np.int64)
    for i, lay in enumerate(layouts):
        if lay:
            table[i, depth - len(lay) :] = lay
    sentinel = len(data) - 1
    mant = np.zeros(len(which), dtype=np.int64)
    for j in range(depth):
        rel = table[:, j][which]
        index = np.where(rel >= 0, starts + rel, sentinel)
        mant = mant * 10 + (data[index].astype(np.int64) - 48)
    return mant


class _Numbers:
    """The numbers of rows sharing one kind of figure, read through their plans."""

    def __init__(
        self, plans: list[_Plan], which: np.ndarray, data: np.ndarray, starts: np.ndarray
    ) -> None:
        self.plans, self.which = plans, which
        self.rows = np.arange(len(which))
        width = max(len(p.digit_bytes) for p in plans)
        self.mant = np.stack([_mantissa(plans, which, data, starts, s) for s in range(width)])
        self.dec = np.stack(
            [
                _per_plan(plans, which, lambda p, s=s: p.decimals[s] if s < len(p.decimals) else 0)
                for s in range(width)
            ]
        ).astype(np.int64)

    def per_plan(self, get: Callable[[_Plan], object], default: float = np.nan) -> np.ndarray:
        return _per_plan(self.plans, self.which, get, default)

    def slot(self, slot: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Mantissa and decimals of number `slot` (one slot per row; -1 gives 0)."""
        safe = np.where(slot >= 0, slot, 0).astype(np.intp)
        return self.mant[safe, self.rows], self.dec[safe, self.rows]

    def token(self, token: int) -> tuple[np.ndarray, np.ndarray]:
        """Token `token` as (N, e): the exact value N * 10**e, multiplier and unit applied."""

        def get(p: _Plan, i: int) -> int | None:
            return p.scale[token][i] if token < len(p.scale) else None

        slot = self.per_plan(
            lambda p: p.token_slots[token] if token < len(p.token_slots) else None, -1
        )
        m, d = self.slot(slot)
        c = self.per_plan(lambda p: get(p, 0), 0).astype(np.int64)
        k = self.per_plan(lambda p: get(p, 1), 0).astype(np.int64)
        return m * c, k - d

    def bounds(self, value: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        low_is = self.per_plan(lambda p: p.low_is_value, 0).astype(bool)
        high_is = self.per_plan(lambda p: p.high_is_value, 0).astype(bool)
        return np.where(low_is, value, np.nan), np.where(high_is, value, np.nan)

    def nan(self) -> np.ndarray:
        return np.full(len(self.which), np.nan)


def _to_float(n: np.ndarray, e: np.ndarray) -> np.ndarray:
    """N * 10**e correctly rounded, as float(Decimal) gives it; NaN where that is not certain.

    With N < 2**53 and |e| <= 22 both operands are exact doubles, so one multiplication or
    division rounds once, correctly (Clinger's fast path).
    """
    safe = (np.abs(n) < _EXACT) & (np.abs(e) <= _MAX_POW10)
    power = 10.0 ** np.abs(np.where(safe, e, 0))
    nf = n.astype(float)
    result = np.where(e >= 0, nf * power, nf / power)
    return np.where(safe, result, np.nan)


def _align(n1: np.ndarray, e1: np.ndarray, n2: np.ndarray, e2: np.ndarray):  # noqa: ANN202
    """Two exact decimals as integers a, b over a common exponent e, and where that fits."""
    e = np.minimum(e1, e2)
    s1, s2 = e1 - e, e2 - e
    fits = (s1 <= 15) & (s2 <= 15)
    a = n1 * 10 ** np.where(fits, s1, 0)
    b = n2 * 10 ** np.where(fits, s2, 0)
    fits &= (np.abs(a) < _EXACT) & (np.abs(b) < _EXACT)
    return a, b, e, fits


Form = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _single(x: _Numbers, ok: np.ndarray) -> Form:
    value = _to_float(*x.token(0))
    return value, *x.bounds(value), x.nan(), x.nan()


def _duration(x: _Numbers, ok: np.ndarray) -> Form:
    """ "8 minutes and 46 seconds": whole seconds added as integers (plans ensure e >= 0)."""
    count = x.per_plan(lambda p: len(p.token_slots), 0).astype(int)
    total = np.zeros(len(x.which), dtype=np.int64)
    for token in range(int(count.max())):
        n, e = x.token(token)
        total += np.where(count > token, n * 10 ** np.clip(e, 0, 15), 0)
    ok &= total < _EXACT
    value = total.astype(float)
    return value, *x.bounds(value), x.nan(), x.nan()


def _ratio(x: _Numbers, ok: np.ndarray) -> Form:
    """ "1:1.6" = second / first: one division of exact integers.

    The parser divides Decimals (28 digits) and then rounds to a double; with a divisor under
    2**20 the true quotient is never near enough to a rounding tie for the two to differ.
    """
    first, second, _, fits = _align(*x.token(0), *x.token(1))
    ok &= fits & (first > 0) & (second > 0) & (first < _SMALL_DIVISOR)
    value = second / np.where(first > 0, first, 1)
    return value, *x.bounds(value), x.nan(), x.nan()


def _fraction(x: _Numbers, ok: np.ndarray) -> Form:
    """ "18 of the 29": the part is the value; the parser refuses a zero or smaller whole."""
    (n1, e1), (n2, e2) = x.token(0), x.token(1)
    part, whole, _, fits = _align(n1, e1, n2, e2)
    ok &= fits & (whole > 0) & (part <= whole)
    value = _to_float(n1, e1)
    return value, *x.bounds(value), x.nan(), _to_float(n2, e2)


def _before_after(x: _Numbers, ok: np.ndarray) -> Form:
    """ "from 196 ... to 29": the after value, with the before value kept."""
    (n1, e1), (n2, e2) = x.token(0), x.token(1)
    value = _to_float(n2, e2)
    return value, *x.bounds(value), _to_float(n1, e1), x.nan()


def _range(x: _Numbers, ok: np.ndarray) -> Form:
    """ "£3m-£4m": the midpoint of two exact decimals; a low end above the high is refused."""
    low, high, e, fits = _align(*x.token(0), *x.token(1))
    total = low + high
    ok &= fits & (low <= high) & (total < _EXACT)
    value = np.where(total % 2 == 0, _to_float(total // 2, e), _to_float(total * 5, e - 1))
    return value, _to_float(low, e), _to_float(high, e), x.nan(), x.nan()


_FORMS: dict[int, Callable[[_Numbers, np.ndarray], Form]] = {
    SINGLE: _single,
    DURATION: _duration,
    RATIO: _ratio,
    FRACTION: _fraction,
    BEFORE_AFTER: _before_after,
    RANGE: _range,
}


def _period(x: _Numbers) -> tuple[np.ndarray, np.ndarray]:
    """Period length in years from its digits ("for 2 years"), and False where it is zero.

    The parser refuses a zero period even for a percentage, which then reports no period.
    """
    slot = x.per_plan(lambda p: p.period_slot, -1)
    const = x.per_plan(lambda p: p.const["period_years"])
    has = slot >= 0
    if not has.any():
        return const, np.ones(len(x.which), dtype=bool)
    m, d = x.slot(slot)
    divisor = x.per_plan(lambda p: p.per_year, 1).astype(np.int64) * 10 ** np.clip(d, 0, 15)
    reported = x.per_plan(lambda p: p.text["unit"] not in _NO_PERIOD_UNITS, 0).astype(bool)
    years = np.where(reported, m / divisor, np.nan)
    return np.where(has, years, const), ~has | ((m > 0) & (divisor < _SMALL_DIVISOR))


_NO_PERIOD_UNITS = (Unit.percent.value, Unit.ratio.value)


def _year(x: _Numbers) -> np.ndarray:
    """The "by 2021" year where the parser reports one."""
    slot = x.per_plan(lambda p: p.year_slot if p.year_kept else -1, -1)
    const = x.per_plan(lambda p: p.const["by_year"])
    m, _ = x.slot(slot)
    return np.where(slot >= 0, m.astype(float), const)


# ---------------------------------------------------------------------------------------------
# Slow path: the parser itself, once per distinct quote
# ---------------------------------------------------------------------------------------------


def _fill_pieces(
    out: _Columns,
    plans: list[_Plan | None],
    codes: np.ndarray,
    fast: np.ndarray,
    array: pa.Array,
) -> None:
    """Notes and errors that quote the row's numbers, built from the row's own digits.

    A number written with a leading zero ("05") may be shown differently by the parser
    (as 5), so such rows go to the parser.
    """
    wanted = np.array([plan is not None and bool(plan.pieces) for plan in plans], dtype=bool)
    selected = np.flatnonzero(wanted[codes] & fast)
    if not len(selected):
        return
    selected = selected[np.argsort(codes[selected], kind="stable")]
    bounds = np.flatnonzero(np.diff(codes[selected])) + 1
    for rows in np.split(selected, bounds):
        plan = plans[codes[rows[0]]]
        assert plan is not None
        quotes = array.take(pa.array(rows))
        numbers = [pc.utf8_slice_codeunits(quotes, a, b) for a, b in plan.spans]
        zero_led = np.zeros(len(rows), dtype=bool)
        for texts in numbers:
            zero_led |= pc.match_substring_regex(texts, "^0[0-9]").to_numpy(zero_copy_only=False)
        fast[rows[zero_led]] = False
        keep = pa.array(~zero_led)
        for name, pieces in plan.pieces.items():
            parts = [numbers[p] if isinstance(p, int) else pa.scalar(p, type=quotes.type)
                     for p in pieces]
            joined = pc.binary_join_element_wise(*parts, pa.scalar("", type=quotes.type))
            out.set_text(name, rows[~zero_led], joined.filter(keep).to_pylist())


def _fill_slow(out: _Columns, array: pa.Array, rows: np.ndarray) -> None:
    """The parser itself for the rows left, once per distinct quote."""
    quotes = array.take(pa.array(rows)).to_pylist()
    cache: dict[str, tuple[ParsedQuote | None, dict[str, str | None]]] = {}
    for quote in quotes:
        if quote not in cache:
            try:
                parsed = parse_quote(quote)
                cache[quote] = (parsed, _text(parsed, None))
            except QuoteParseError as exc:
                cache[quote] = (None, _text(None, str(exc)))
    results = [cache[q] for q in quotes]
    for name in TEXT_COLUMNS:
        out.set_text(name, rows, [text[name] for _, text in results])
    for row, (parsed, _) in zip(rows, results, strict=True):
        if parsed is None:
            continue
        for name in FLOAT_COLUMNS:
            value = getattr(parsed, name)
            out.num[name][row] = np.nan if value is None else value
        if parsed.by_year is not None:
            out.by_year[row] = parsed.by_year
            out.by_year_set[row] = True


def _empty(index: pd.Index) -> pd.DataFrame:
    frame = pd.DataFrame({name: pd.Series(dtype=float) for name in FLOAT_COLUMNS}, index=index)
    frame["by_year"] = pd.array([], dtype="Int64")
    for name in TEXT_COLUMNS:
        frame[name] = pd.Categorical([])
    return frame[COLUMNS]
