"""Fuzzing the user-facing readers: any input parses or gives the typed error, never another one.

Uploads reach the quote parser, the row models and the file readers with whatever a user's
spreadsheet holds, so these properties are checked on generated input (hypothesis), with
modest example counts so that the suite stays fast.
"""

from __future__ import annotations

import datetime as dt
import io
import math

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.csv_rows import validate_rows
from loaders.issues import DataIssue
from loaders.models import FigureRecord, Measure, Scheme, UserSource
from loaders.normalise import normalise_figure
from loaders.quote_parser import ParsedQuote, QuoteParseError, parse_quote
from loaders.store import Store
from loaders.templates import template_rows, template_workbook
from loaders.upload import UploadResult, merge_user_data, parse_upload

QUICK = settings(max_examples=200, deadline=None, database=None)
SLOW = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces of what people type in a spreadsheet cell, to build quote-like text.
QUOTE_PIECES = [
    "£",
    "$",
    "-",
    "−",
    "–",
    "(",
    ")",
    "%",
    ",",
    ".",
    " ",
    "0",
    "1",
    "5",
    "9",
    "48,000",
    "1.5",
    "k",
    "m",
    "bn",
    " million",
    " a year",
    " per annum",
    " p.a.",
    " over ",
    " up to ",
    " around ",
    " between ",
    " and ",
    " to ",
    " from ",
    " ... ",
    " minutes",
    " seconds",
    " calls",
    " by 2020",
    " over the next 10 years",
    "one",
    "twenty",
    "e",
    "E+",
    "\t",
    "\n",
    "=",
    "+",
    "@",
    "'",
    '"',
    "\u00a0",
    "\u200b",
    "\ufeff",
]
quote_like = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(QUOTE_PIECES), max_size=10).map("".join),
)


@QUICK
@given(quote_like)
def test_parse_quote_reads_or_raises_quote_parse_error(quote: str) -> None:
    try:
        parsed = parse_quote(quote)
    except QuoteParseError as error:
        assert error.quote == quote and error.expected
        return
    assert isinstance(parsed, ParsedQuote)
    assert math.isfinite(parsed.value)
    assert parsed.value >= 0


MEASURES = [
    Measure(
        measure="saving",
        label="Saving",
        unit_kind="money",
        better="higher",
        money_kind="saving",
        description="x",
    ),
    Measure(
        measure="calls_handled", label="Calls", unit_kind="count", better="higher", description="x"
    ),
    Measure(
        measure="response_time", label="Time", unit_kind="duration", better="lower", description="x"
    ),
    Measure(measure="year", label="Year", unit_kind="year", better="none", description="x"),
]


@QUICK
@given(
    quote_like.filter(lambda q: q.strip()),
    st.sampled_from(MEASURES),
    st.sampled_from(["", "per_year", "one_off", "total_over_period", "cumulative_by_date"]),
    st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False)),
)
def test_normalise_any_quote_gives_a_figure_or_issues(
    quote: str, measure: Measure, recurrence: str, override: float | None
) -> None:
    cells = {
        "figure_id": "fz-1",
        "measure": measure.measure,
        "subject": "fuzzed figure",
        "quote": quote,
        "source_id": "src-1",
        "locator": "here",
        "basis": "actual",
        "recurrence": recurrence,
    }
    if override is not None:
        cells |= {"override_value": override, "override_unit": "GBP", "override_reason": "why"}
    record = FigureRecord.model_validate(cells)
    normalised, issues = normalise_figure("fuzz.csv", 2, record, measure)
    assert (normalised is None) == bool(issues)
    assert all(isinstance(issue, DataIssue) and str(issue) for issue in issues)


CELLS = ["", " ", "2016", "live", "a;b", "x-1", "£5m", "inf", "-1", "actual", "x" * 30, None]


def cell_dicts(model: type) -> st.SearchStrategy[dict]:
    keys = st.sampled_from([*model.model_fields, "junk"])
    values = st.one_of(st.sampled_from(CELLS), st.text(max_size=6))
    rows = st.dictionaries(keys, values, max_size=len(model.model_fields) + 1)
    extra = st.one_of(st.just({}), st.just({None: ["stray"]}))  # csv.DictReader's extra cells
    return st.builds(lambda row, more: {**row, **more}, rows, extra)


@settings(max_examples=100, deadline=None, database=None)
@given(
    st.sampled_from([UserSource, Scheme, FigureRecord]).flatmap(
        lambda model: st.tuples(st.just(model), st.lists(cell_dicts(model), max_size=3))
    )
)
def test_validate_rows_reports_or_accepts_every_row(case: tuple) -> None:
    model, rows = case
    good, issues = validate_rows("fuzz.csv", rows, model)
    accepted = {number for number, _ in good}
    refused = {issue.row for issue in issues}
    assert accepted.isdisjoint(refused)
    assert accepted | refused == set(range(2, len(rows) + 2))
    assert all(isinstance(record, model) for _, record in good)


FILE_NAMES = ["f.csv", "f.CSV", "f.xlsx", "f.txt", "f", "f.xls", "f.pdf", "../f.csv", ""]


@QUICK
@given(st.sampled_from(FILE_NAMES), st.binary(max_size=3000))
def test_parse_upload_of_random_bytes_never_raises(name: str, content: bytes) -> None:
    result = parse_upload(name, content)
    assert isinstance(result, UploadResult)
    assert result.tables or result.issues
    assert all(isinstance(issue, DataIssue) and str(issue) for issue in result.issues)


@pytest.fixture(scope="module")
def template_book() -> bytes:
    return template_workbook()


@SLOW
@given(st.data())
def test_damaged_workbook_never_raises(template_book: bytes, data: st.DataObject) -> None:
    content = bytearray(template_book)
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(content) - 1))
        content[position] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(4, len(content)))
    result = parse_upload("damaged.xlsx", bytes(content[:cut]))
    assert result.tables or result.issues


def _cell_values(kind: str) -> st.SearchStrategy[dict[str, str]]:
    """Rows of plausible and implausible cells for one template."""
    header, example = template_rows(kind)
    plausible = {
        "figure_id": ["sw-1", "sw-2", "ov-fr-001", "Bad Id", ""],
        "scheme_id": [
            example[header.index("scheme_id")] if kind != "sources" else "",
            "se-cheshire-shared-hq",
            "nope",
            "",
            "wc-suffolk-joint-safe-and-well-visits",
        ],
        "measure": ["saving", "running_cost", "calls_handled", "response_time", "savings", ""],
        "quote": [
            "an estimated £48,000 a year",
            "-£5k",
            "(£5,000)",
            "£150bn",
            "40 calls",
            "8 minutes",
            "=1+1",
            "£1m and £2m",
            "",
        ],
        "basis": ["actual", "estimate", "context", "hoped", ""],
        "override_value": ["", "", "5", "-5", "1e400", "nan", "x"],
        "override_reason": ["", "because"],
        "org_ids": ["frs-suffolk;pol-suffolk", "pol-atlantis", "Essex Police", ""],
        "area_ids": ["suffolk", "suffolk;essex", "atlantis", ""],
        "source_ids": ["suffolk-safe-and-well-review-2023", "escwg-overview-2016", "x", ""],
        "source_id": ["suffolk-safe-and-well-review-2023", "escwg-overview-2016", "src-2", ""],
        "year": ["2023", "1800", "twenty", ""],
    }
    odd = ["", " ", "=1+1", "x" * 25, "-1", "1e400", "\u00e9\u00a3", "a;b"]
    return st.fixed_dictionaries(
        {
            column: st.sampled_from([value, *plausible.get(column, [value] * 3), *odd])
            for column, value in zip(header, example, strict=True)
        }
    )


def _csv_text(kind: str, rows: list[dict[str, str]], drop: list[str]) -> bytes:
    import csv

    header = [c for c in template_rows(kind)[0] if c not in drop]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row[c] for c in header])
    return out.getvalue().encode()


def _every_row_accounted_for(store: Store, uploads: list[UploadResult]) -> None:
    merged = merge_user_data(store, uploads)
    rows_in = {
        kind: sum(len(t.rows) for u in uploads for t in u.tables if t.kind == kind)
        for kind in ("sources", "schemes", "figures")
    }
    parse_issues = {issue for u in uploads for issue in u.issues}
    refused = {}
    labels = {t.label: t.kind for u in uploads for t in u.tables}
    for issue in merged.user_issues:
        if issue not in parse_issues and issue.file in labels:
            refused.setdefault(labels[issue.file], set()).add((issue.file, issue.row))
    counts = {k: int((getattr(merged, k)["origin"] == "user").sum()) for k in rows_in}
    for kind, n_in in rows_in.items():
        assert counts[kind] + len(refused.get(kind, ())) == n_in, kind
    assert len(merged.figures) >= len(store.figures)


@SLOW
@given(
    st.lists(_cell_values("sources"), max_size=2),
    st.lists(_cell_values("schemes"), max_size=2),
    st.lists(_cell_values("figures"), max_size=4),
    st.lists(st.sampled_from(["notes", "override_reason", "period", "quote"]), max_size=2),
)
def test_merge_accepts_or_reports_every_uploaded_row(
    store: Store, sources: list, schemes: list, figures: list, drop: list[str]
) -> None:
    uploads = [
        parse_upload("sources.csv", _csv_text("sources", sources, [])),
        parse_upload("schemes.csv", _csv_text("schemes", schemes, [])),
        parse_upload("figures.csv", _csv_text("figures", figures, drop)),
    ]
    _every_row_accounted_for(store, uploads)


spreadsheet_values = st.one_of(
    st.none(),
    # text a workbook can hold (no control characters); '=' would make openpyxl write a formula
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20).filter(
        lambda t: not t.startswith("=")
    ),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
)


@SLOW
@given(st.lists(st.lists(spreadsheet_values, min_size=1, max_size=22), max_size=3))
def test_workbook_cells_of_any_type_are_read_as_text(rows: list[list]) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("figures")
    sheet.append(template_rows("figures")[0])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    result = parse_upload("cells.xlsx", out.getvalue())
    assert result.tables or result.issues
    for table in result.tables:
        assert all(isinstance(v, str) for _, row in table.rows for v in row.values())
