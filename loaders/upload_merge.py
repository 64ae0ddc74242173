"""Join a user's uploaded rows to the national data for their session only.

Uploaded rows go through the same models, reference checks and quote normaliser as `data/`
(loaders.store). On top of those: an upload may not reuse a national id, and money and counts
must be positive and of believable size. Quotes are not checked word for word (they come from
the user's own documents). Nothing is written anywhere and no module state is kept: the result
is a new Store that the caller holds in the user's session.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import pandas as pd
from pydantic import BaseModel

from loaders.csv_rows import validate_rows
from loaders.issues import DataIssue
from loaders.models import (
    DATE_PATTERN,
    ID_PATTERN,
    Area,
    FigureRecord,
    Measure,
    MoneyKind,
    Organisation,
    Scheme,
    Source,
    Theme,
    UserSource,
)
from loaders.quote_parser import QuoteParseError, parse_quote
from loaders.store import (
    FIGURE_COLUMNS,
    SHIPPED,
    USER,
    Store,
    check_figure_refs,
    check_scheme_refs,
    figure_rows,
    records_frame,
    scheme_tables,
)
from loaders.upload_files import UploadResult, UploadTable

MAX_GBP = 100e9  # £100bn: more than any collaboration saving could be
MAX_COUNT = 100e6  # 100 million: more people, calls or incidents than England and Wales hold
REPORT_COLUMNS = ["file", "row", "field", "value", "expected"]

NEGATIVE_SAVING = "a negative saving is a cost: use measure running_cost or investment"
_ACCOUNTS_NEGATIVE = re.compile(r"\(\s*£\s*[0-9][0-9,.]*\s*(?:k|m|bn|million|billion)?\s*\)")

# Reference table -> (what it holds, where a valid id comes from).
_REFERENCES = {
    "themes.csv": ("theme", "a theme_id from the national themes list"),
    "areas.csv": ("area", "an area_id from the national areas list"),
    "organisations.csv": ("organisation", "an org_id from the national organisations list"),
    "measures.csv": ("measure", "a measure from the national measures list"),
    "sources.csv": ("source", "a source_id from the national sources or your sources table"),
    "schemes.csv": ("scheme", "a scheme_id from the national schemes or your schemes table"),
}
# Pydantic's wording -> plain words, for people filling a spreadsheet.
_PLAIN_WORDS = [
    (
        f"String should match pattern '{ID_PATTERN}'",
        "expected an id of lower-case letters, digits and hyphens, such as 'my-local-scheme'",
    ),
    (
        f"String should match pattern '{DATE_PATTERN.pattern}'",
        "expected a date written 2015, 2015-11 or 2015-11-17",
    ),
    (
        "List should have at least 1 item after validation, not 0",
        "expected at least one id (several are separated by ';')",
    ),
    ("Value error, ", ""),
    ("Input should be", "expected"),
    ("String should have at least", "expected at least"),
]


def merge_user_data(store: Store, uploads: Sequence[UploadResult]) -> Store:
    """A new Store: `store`'s tables plus the valid uploaded rows (origin 'user').

    Every refused file, table and row is in `user_issues`, every caveat in `user_notes`;
    `store` itself is left as it was.
    """
    merge = _Merge(_National.of(store))
    for upload in uploads:
        merge.issues += upload.issues
        merge.notes += upload.notes
    tables = [table for upload in uploads for table in upload.tables]
    for kind in ("sources", "schemes", "figures"):
        for table in (t for t in tables if t.kind == kind):
            start = len(merge.issues)
            getattr(merge, f"add_{kind}")(table)
            merge.issues[start:] = sorted(merge.issues[start:], key=lambda i: i.row or 0)
    return merge.joined(store)


def issues_table(issues: Iterable[DataIssue]) -> pd.DataFrame:
    """The validation report: one line per problem with file, row, field, value and expectation."""
    rows = [
        {
            "file": issue.file,
            "row": issue.row,
            "field": issue.field,
            "value": issue.value,
            "expected": issue.problem,
        }
        for issue in issues
    ]
    frame = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    frame["row"] = frame["row"].astype("Int64")
    return frame


def user_row_counts(store: Store) -> dict[str, int]:
    """How many uploaded sources, schemes and figures joined the data."""
    return {
        name: int((frame["origin"] == USER).sum()) if "origin" in frame else 0
        for name, frame in (
            ("sources", store.sources),
            ("schemes", store.schemes),
            ("figures", store.figures),
        )
    }


@dataclass
class _National:
    """The data uploads are checked against, as validated records keyed by id."""

    sources: dict[str, tuple[int, BaseModel]]
    themes: dict[str, tuple[int, BaseModel]]
    areas: dict[str, tuple[int, BaseModel]]
    orgs: dict[str, tuple[int, BaseModel]]
    measures: dict[str, tuple[int, BaseModel]]
    schemes: dict[str, tuple[int, BaseModel]]
    origins: dict[tuple[str, str], str]  # (table, id) -> origin, for the wording of a clash
    figure_ids: set[str]
    compare_keys: dict[str, list[str]]  # compare_key -> national figure ids

    @classmethod
    def of(cls, store: Store) -> _National:
        figures = store.figures
        keyed = figures.dropna(subset=["compare_key"])
        compare_keys: dict[str, list[str]] = {}
        for key, figure_id in zip(keyed["compare_key"], keyed["figure_id"], strict=True):
            compare_keys.setdefault(key, []).append(figure_id)
        origins = {}
        for table, frame, key in (
            ("sources", store.sources, "source_id"),
            ("schemes", store.schemes, "scheme_id"),
            ("figures", figures, "figure_id"),
        ):
            if key not in frame:
                continue
            given = frame["origin"] if "origin" in frame else pd.Series(SHIPPED, index=frame.index)
            origins |= {
                (table, ident): origin for ident, origin in zip(frame[key], given, strict=True)
            }
        return cls(
            sources=_source_records(store.sources),
            themes=_records(store.themes, Theme, "theme_id"),
            areas=_records(store.areas, Area, "area_id"),
            orgs=_records(store.organisations, Organisation, "org_id"),
            measures=_records(store.measures, Measure, "measure"),
            schemes=_records(store.schemes, Scheme, "scheme_id"),
            origins=origins,
            figure_ids=set(figures["figure_id"]),
            compare_keys=compare_keys,
        )


def _records(frame: pd.DataFrame, model: type[BaseModel], key: str) -> dict:
    """Rebuild the validated records behind a tidy table (lists are ';'-joined there)."""
    fields = [f for f in model.model_fields if f in frame.columns]
    columns = [frame[f].tolist() for f in fields]
    records = {}
    for number, values in enumerate(zip(*columns, strict=True), start=2):
        cells = {f: "" if _is_missing(v) else v for f, v in zip(fields, values, strict=True)}
        records[cells[key]] = (number, model.model_validate(cells))
    return records


def _source_records(frame: pd.DataFrame) -> dict:
    """National sources name their document; uploaded ones (origin 'user') do not."""
    user = frame["origin"] == USER if "origin" in frame else pd.Series(False, index=frame.index)
    return _records(frame[~user], Source, "source_id") | _records(
        frame[user], UserSource, "source_id"
    )


def _is_missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


@dataclass
class _Merge:
    """Accepts uploaded rows table by table (sources, then schemes, then figures)."""

    national: _National
    issues: list[DataIssue] = field(default_factory=list)
    notes: list[DataIssue] = field(default_factory=list)
    sources: dict[str, tuple[int, BaseModel]] = field(default_factory=dict)
    schemes: dict[str, tuple[int, BaseModel]] = field(default_factory=dict)
    figures: list[dict] = field(default_factory=list)
    first_seen: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    rejected: dict[str, set[str]] = field(default_factory=dict)  # reference table -> ids

    def add_sources(self, table: UploadTable) -> None:
        for _, record in self._valid(table, UserSource, "source_id"):
            self.sources[record.source_id] = (len(self.sources), record)
        self._note_rejected(table, "sources.csv", "source_id", self.sources)

    def add_schemes(self, table: UploadTable) -> None:
        found: list[DataIssue] = []
        rows = self._without_refused(
            table.label,
            self._valid(table, Scheme, "scheme_id"),
            found,
            [("source_ids", "sources.csv")],
        )
        kept = check_scheme_refs(
            {record.scheme_id: (number, record) for number, record in rows},
            self.national.themes,
            self.national.areas,
            self.national.orgs,
            self.national.sources | self.sources,
            found,
            name=table.label,
            missing=self._missing,
        )
        self.issues += found
        for _, record in kept.values():
            self.schemes[record.scheme_id] = (len(self.schemes), record)
        self._note_rejected(table, "schemes.csv", "scheme_id", self.schemes)

    def add_figures(self, table: UploadTable) -> None:
        found: list[DataIssue] = []
        rows = self._without_refused(
            table.label,
            self._valid(table, FigureRecord, "figure_id"),
            found,
            [("scheme_id", "schemes.csv"), ("source_id", "sources.csv")],
        )
        measures = self.national.measures
        kept = check_figure_refs(
            {record.figure_id: (number, record) for number, record in rows},
            self.national.schemes | self.schemes,
            measures,
            self.national.sources | self.sources,
            self.national.areas,
            found,
            name=table.label,
            missing=self._missing,
        )
        kept = {
            figure_id: (number, record)
            for figure_id, (number, record) in kept.items()
            if not _negative_quote(table.label, number, record, measures[record.measure][1], found)
        }
        tidy = figure_rows(
            kept,
            self.national.schemes | self.schemes,
            measures,
            self.national.sources | self.sources,
            found,
            name=table.label,
            origin=USER,
        )
        numbers = {figure_id: number for figure_id, (number, _) in kept.items()}
        for row in tidy:
            problem = _size_problem(row, measures[row["measure"]][1])
            if problem is None:
                self.figures.append(row)
                self._note_compare_key(table.label, numbers[row["figure_id"]], row)
                continue
            column = "override_value" if "override" in row["flags"].split(";") else "quote"
            found.append(DataIssue(table.label, numbers[row["figure_id"]], column, problem))
        raw = dict(table.rows)
        self.issues += [_with_value(_money_hint(issue), raw) for issue in found]

    def _valid(self, table: UploadTable, model: type[BaseModel], key: str) -> list:
        """Rows that pass the model and whose id is new; the others are reported."""
        numbers = [number for number, _ in table.rows]
        good, found = validate_rows(table.label, [row for _, row in table.rows], model, numbers)
        raw = dict(table.rows)
        self.issues += [_with_value(_plain(issue), raw) for issue in found]
        kind = table.kind
        kept = []
        for number, record in good:
            ident = getattr(record, key)
            clash = self._clash(kind, ident, table.label)
            if clash:
                self.issues.append(DataIssue(table.label, number, key, clash, ident))
                continue
            self.first_seen[(kind, ident)] = (table.label, number)
            kept.append((number, record))
        return kept

    def _without_refused(
        self, label: str, rows: list, found: list[DataIssue], references: list[tuple[str, str]]
    ) -> list:
        """Drop rows pointing at an uploaded row that was refused (even if its id is national)."""
        kept = []
        for number, record in rows:
            bad = [
                (column, ident)
                for column, table in references
                for ident in _ids(getattr(record, column))
                if ident in self.rejected.get(table, set())
            ]
            for column, ident in bad:
                found.append(self._missing(label, number, column, ident, dict(references)[column]))
            if not bad:
                kept.append((number, record))
        return kept

    def _clash(self, kind: str, ident: str, label: str) -> str | None:
        origin = self.national.origins.get((kind, ident))
        if origin == SHIPPED:
            return "id already used by the national data; choose another"
        if origin is not None:
            return "id already used by an earlier upload; choose another"
        if (kind, ident) in self.first_seen:
            first_label, first_row = self.first_seen[(kind, ident)]
            where = (
                f"row {first_row}" if first_label == label else f"row {first_row} of {first_label}"
            )
            return f"duplicate id: already used on {where}; choose another"
        return None

    def _note_rejected(self, table: UploadTable, reference: str, key: str, kept: Mapping) -> None:
        ids = {row.get(key, "").strip() for _, row in table.rows} - set(kept) - {""}
        self.rejected.setdefault(reference, set()).update(ids)

    def _note_compare_key(self, label: str, number: int, row: dict) -> None:
        national = self.national.compare_keys.get(row["compare_key"] or "")
        if national:
            problem = (
                f"compare_key is also on national figure(s) {', '.join(national)}: they will be "
                "read as the same fact and never added together"
            )
            self.notes.append(DataIssue(label, number, "compare_key", problem, row["compare_key"]))

    def _missing(self, name: str, row: int, column: str, ident: str, table: str) -> DataIssue:
        what, expected = _REFERENCES[table]
        if ident in self.rejected.get(table, set()):
            problem = (
                f"{what} {ident!r} is in your upload but was refused (see its row): fix it first"
            )
        else:
            problem = f"unknown {what}: expected {expected}{self._suggestion(ident, table)}"
        return DataIssue(name, row, column, problem, ident)

    def _suggestion(self, ident: str, table: str) -> str:
        """'; did you mean ...?' from names, abbreviations and aliases, or a near spelling."""
        records = {
            "themes.csv": self.national.themes,
            "areas.csv": self.national.areas,
            "organisations.csv": self.national.orgs,
            "measures.csv": self.national.measures,
            "sources.csv": self.national.sources | self.sources,
            "schemes.csv": self.national.schemes | self.schemes,
        }[table]
        by_name = {}
        for key, (_, record) in records.items():
            for name in _names(record):
                by_name.setdefault(name.casefold(), key)
        wanted = ident.casefold()
        if wanted in by_name:
            return f"; did you mean {by_name[wanted]!r}?"
        close = difflib.get_close_matches(ident, list(records), n=1, cutoff=0.8)
        return f"; did you mean {close[0]!r}?" if close else ""

    def joined(self, store: Store) -> Store:
        """A new Store holding `store`'s rows and the accepted uploaded rows."""
        user_figures = pd.DataFrame(self.figures, columns=FIGURE_COLUMNS)
        figures = _concat(store.figures, user_figures)[FIGURE_COLUMNS]
        n = self.national
        schemes, scheme_orgs, scheme_areas = scheme_tables(
            self.schemes, n.themes, n.areas, n.orgs, figures, origin=USER
        )
        schemes = _concat(store.schemes, schemes)
        if len(schemes):
            counts = figures.groupby("scheme_id").size()
            schemes["n_figures"] = schemes["scheme_id"].map(counts).fillna(0).astype(int)
        user_sources = records_frame([record for _, record in self.sources.values()], origin=USER)
        return replace(
            store,
            sources=_concat(store.sources, user_sources),
            themes=store.themes.copy(),
            areas=store.areas.copy(),
            organisations=store.organisations.copy(),
            measures=store.measures.copy(),
            schemes=schemes,
            scheme_organisations=_concat(store.scheme_organisations, scheme_orgs),
            scheme_areas=_concat(store.scheme_areas, scheme_areas),
            figures=figures,
            issues=list(store.issues),
            user_issues=list(store.user_issues) + self.issues,
            user_notes=list(store.user_notes) + self.notes,
        )


def _concat(shipped: pd.DataFrame, user: pd.DataFrame) -> pd.DataFrame:
    """Shipped rows then user rows, keeping the shipped column types (None -> NaN)."""
    if user.empty:
        return shipped.copy()
    if shipped.empty:
        return user.reset_index(drop=True)
    user = user.copy()
    for column in user.columns.intersection(shipped.columns):
        try:
            user[column] = user[column].astype(shipped[column].dtype)
        except (TypeError, ValueError):
            continue  # e.g. a user date where the national column is all blank
    return pd.concat([shipped, user], ignore_index=True)


def _ids(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _names(record: BaseModel) -> list[str]:
    names = [getattr(record, f, None) for f in ("name", "abbreviation", "label", "title")]
    return [n for n in names + list(getattr(record, "aliases", [])) if n]


def _negative_quote(
    label: str, number: int, record: FigureRecord, measure: Measure, found: list[DataIssue]
) -> bool:
    """A minus sign or accounts' brackets: the parser refuses the first and misreads the second."""
    try:
        parse_quote(record.quote)
        negative = bool(_ACCOUNTS_NEGATIVE.search(record.quote))
    except QuoteParseError as error:
        negative = error.expected.startswith("a positive number")
    if negative and record.override_value is None:
        found.append(DataIssue(label, number, "quote", _negative_problem(measure), record.quote))
    return negative and record.override_value is None


def _negative_problem(measure: Measure) -> str:
    if measure.money_kind is MoneyKind.saving:
        return NEGATIVE_SAVING
    if measure.money_kind is not None:
        return (
            f"expected a positive amount: a negative {measure.label.lower()} is money going the "
            "other way; use the measure that says what it is (a cost is running_cost or investment)"
        )
    return "expected a positive number: describe a fall in the subject and give its size"


def _size_problem(row: dict, measure: Measure) -> str | None:
    """Negative or absurdly large money and counts, read from the quote or an override."""
    values = [row[c] for c in ("value", "low", "high", "value_before", "annual_value")]
    values = [float(v) for v in values if v is not None and not pd.isna(v)]
    if any(v < 0 for v in values):
        return _negative_problem(measure)
    biggest = max(values, default=0.0)
    if row["unit"] == "GBP" and biggest > MAX_GBP:
        return f"£{biggest:,.0f} is more than £100bn: check the amount and its units (k, m, bn)"
    if row["unit"] == "count" and biggest > MAX_COUNT:
        return f"{biggest:,.0f} is more than 100 million: check the number"
    return None


def _plain(issue: DataIssue) -> DataIssue:
    problem = issue.problem
    for wording, plain in _PLAIN_WORDS:
        problem = problem.replace(wording, plain)
    return replace(issue, problem=problem)


def _money_hint(issue: DataIssue) -> DataIssue:
    if issue.field == "measure" and "expects money" in issue.problem:
        hint = "; write amounts with a £ sign, e.g. '£250,000 a year'"
        return replace(issue, problem=issue.problem + hint)
    return issue


def _with_value(issue: DataIssue, raw: Mapping[int, dict[str, str]]) -> DataIssue:
    """Attach the cell as given when the check that found the problem did not."""
    if issue.value is not None or issue.row is None:
        return issue
    cell = raw.get(issue.row, {}).get(issue.field)
    return issue if cell is None else replace(issue, value=cell)
