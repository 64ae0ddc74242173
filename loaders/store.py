"""Load the whole curated store: validate every table, resolve references, build tidy tables.

One bad row is reported (file, row, field, problem) and left out; the rest still load, so a
caller can show what is valid and list what is not. `python -m loaders check` fails on any issue.
The reference checks and table builders take the file name and origin as arguments because
`loaders.upload_merge` runs a user's uploaded rows through the very same steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from loaders.csv_rows import load_table
from loaders.issues import DataIssue, StoreError
from loaders.models import (
    Area,
    FigureRecord,
    Measure,
    MoneyKind,
    Organisation,
    Scheme,
    Source,
    Theme,
)
from loaders.normalise import normalise_figure
from loaders.paths import DATA_DIR, seeds_dir
from loaders.verbatim import document_text, find_quote

FIGURE_COLUMNS = [
    "figure_id",
    "scheme_id",
    "measure",
    "measure_label",
    "unit_kind",
    "subject",
    "quote",
    "value",
    "unit",
    "qualifier",
    "low",
    "high",
    "value_before",
    "denominator",
    "recurrence",
    "period_years",
    "by_year",
    "annual_value",
    "annual_basis",
    "money_kind",
    "basis",
    "period",
    "price_year",
    "source_id",
    "locator",
    "area_id",
    "theme",
    "compare_key",
    "flags",
    "notes",
    "parse_notes",
    "override_reason",
    "origin",
]
SHIPPED = "shipped"  # `origin` of the curated national data in data/
USER = "user"  # `origin` of rows a user uploaded for their own session

# Builds the issue for a reference that does not resolve: (file, row, column, id, table).
MissingRef = Callable[[str, int, str, str, str], DataIssue]


@dataclass
class Store:
    """Tidy tables of the curated data plus every problem found while loading them."""

    sources: pd.DataFrame
    themes: pd.DataFrame
    areas: pd.DataFrame
    organisations: pd.DataFrame
    measures: pd.DataFrame
    schemes: pd.DataFrame
    scheme_organisations: pd.DataFrame
    scheme_areas: pd.DataFrame
    figures: pd.DataFrame
    issues: list[DataIssue] = field(default_factory=list)
    quotes_checked: bool = False
    # Uploaded data (loaders.upload): rejected rows and files, and caveats on accepted ones.
    user_issues: list[DataIssue] = field(default_factory=list)
    user_notes: list[DataIssue] = field(default_factory=list)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tidy tables by export file stem."""
        return {
            "sources": self.sources,
            "themes": self.themes,
            "areas": self.areas,
            "organisations": self.organisations,
            "measures": self.measures,
            "schemes": self.schemes,
            "scheme_organisations": self.scheme_organisations,
            "scheme_areas": self.scheme_areas,
            "figures": self.figures,
        }


def load_store(data_dir: Path = DATA_DIR, *, strict: bool = False) -> Store:
    """Read every table in `data_dir`; with `strict`, raise StoreError listing all issues."""
    issues: list[DataIssue] = []

    def table(name: str, model: type) -> list:
        rows, found = load_table(data_dir, name, model)
        issues.extend(found)
        return rows

    sources = _unique(table("sources.csv", Source), "sources.csv", "source_id", issues)
    themes = _unique(table("themes.csv", Theme), "themes.csv", "theme_id", issues)
    areas = _unique(table("areas.csv", Area), "areas.csv", "area_id", issues)
    orgs = _unique(table("organisations.csv", Organisation), "organisations.csv", "org_id", issues)
    measures = _unique(table("measures.csv", Measure), "measures.csv", "measure", issues)
    schemes = _unique(table("schemes.csv", Scheme), "schemes.csv", "scheme_id", issues)
    figures = _unique(table("figures.csv", FigureRecord), "figures.csv", "figure_id", issues)

    issues += _check_org_refs(orgs, areas)
    schemes = check_scheme_refs(schemes, themes, areas, orgs, sources, issues)
    figures = check_figure_refs(figures, schemes, measures, sources, areas, issues)
    quotes_checked = _check_quotes(figures, sources, issues)

    store = Store(
        sources=records_frame([r for _, r in sources.values()], origin=SHIPPED),
        themes=records_frame([r for _, r in themes.values()]),
        areas=records_frame([r for _, r in areas.values()], list_columns=("pfa_codes",)),
        organisations=records_frame([r for _, r in orgs.values()], list_columns=("aliases",)),
        measures=records_frame([r for _, r in measures.values()]),
        schemes=pd.DataFrame(),
        scheme_organisations=pd.DataFrame(),
        scheme_areas=pd.DataFrame(),
        figures=pd.DataFrame(columns=FIGURE_COLUMNS),
        issues=issues,
        quotes_checked=quotes_checked,
    )
    store.figures = pd.DataFrame(
        figure_rows(figures, schemes, measures, sources, issues), columns=FIGURE_COLUMNS
    )
    store.schemes, store.scheme_organisations, store.scheme_areas = scheme_tables(
        schemes, themes, areas, orgs, store.figures
    )
    if strict and issues:
        raise StoreError(issues)
    return store


def _unique(rows: list[tuple[int, object]], name: str, key: str, issues: list[DataIssue]) -> dict:
    """Index rows by id; a repeated id is an error on the later row."""
    by_id: dict[str, tuple[int, object]] = {}
    for row, record in rows:
        ident = getattr(record, key)
        if ident in by_id:
            issues.append(
                DataIssue(
                    name, row, key, f"duplicate id {ident!r} (first on row {by_id[ident][0]})"
                )
            )
            continue
        by_id[ident] = (row, record)
    return by_id


def _missing(name: str, row: int, column: str, ident: str, table: str) -> DataIssue:
    return DataIssue(name, row, column, f"unknown id {ident!r}: expected an id from {table}")


def _check_org_refs(orgs: dict, areas: dict) -> list[DataIssue]:
    return [
        _missing("organisations.csv", row, "area_id", org.area_id, "areas.csv")
        for row, org in orgs.values()
        if org.area_id not in areas
    ]


def check_scheme_refs(
    schemes: dict,
    themes: dict,
    areas: dict,
    orgs: dict,
    sources: dict,
    issues: list[DataIssue],
    *,
    name: str = "schemes.csv",
    missing: MissingRef = _missing,
) -> dict:
    """Keep schemes whose references all resolve; report the others cell by cell."""
    kept = {}
    for scheme_id, (row, scheme) in schemes.items():
        found = []
        if scheme.theme not in themes:
            found.append(missing(name, row, "theme", scheme.theme, "themes.csv"))
        found += [
            missing(name, row, "area_ids", a, "areas.csv")
            for a in scheme.area_ids
            if a not in areas
        ]
        found += [
            missing(name, row, "org_ids", o, "organisations.csv")
            for o in scheme.org_ids
            if o not in orgs
        ]
        found += [
            missing(name, row, "source_ids", s, "sources.csv")
            for s in scheme.source_ids
            if s not in sources
        ]
        issues.extend(found)
        if not found:
            kept[scheme_id] = (row, scheme)
    return kept


def check_figure_refs(
    figures: dict,
    schemes: dict,
    measures: dict,
    sources: dict,
    areas: dict,
    issues: list[DataIssue],
    *,
    name: str = "figures.csv",
    missing: MissingRef = _missing,
) -> dict:
    """Keep figures whose scheme, measure, source and area resolve; report the others."""
    kept = {}
    for figure_id, (row, figure) in figures.items():
        found = []
        if figure.scheme_id and figure.scheme_id not in schemes:
            found.append(missing(name, row, "scheme_id", figure.scheme_id, "schemes.csv"))
        if figure.measure not in measures:
            found.append(missing(name, row, "measure", figure.measure, "measures.csv"))
        if figure.source_id not in sources:
            found.append(missing(name, row, "source_id", figure.source_id, "sources.csv"))
        if figure.area_id and figure.area_id not in areas:
            found.append(missing(name, row, "area_id", figure.area_id, "areas.csv"))
        if not figure.scheme_id and figure.basis.value != "context":
            problem = "a figure with no scheme must have basis 'context'"
            found.append(DataIssue(name, row, "basis", problem, figure.basis.value))
        issues.extend(found)
        if not found:
            kept[figure_id] = (row, figure)
    return kept


def _check_quotes(figures: dict, sources: dict, issues: list[DataIssue]) -> bool:
    """Every quote must be its document's own words; skipped when the documents are absent."""
    folder = seeds_dir()
    if not folder.is_dir():
        return False
    for row, figure in figures.values():
        source = sources[figure.source_id][1]
        path = folder / source.seed_file
        if not path.exists():
            issues.append(
                DataIssue(
                    "sources.csv", sources[figure.source_id][0], "seed_file", f"{path} not found"
                )
            )
            continue
        if find_quote(figure.quote, document_text(path)) < 0:
            problem = f"quote {figure.quote!r} is not found verbatim in {source.seed_file}"
            issues.append(DataIssue("figures.csv", row, "quote", problem))
    return True


def figure_rows(
    figures: dict,
    schemes: dict,
    measures: dict,
    sources: dict,
    issues: list[DataIssue],
    *,
    name: str = "figures.csv",
    origin: str = SHIPPED,
) -> list[dict]:
    """One tidy row (FIGURE_COLUMNS) per figure whose quote reads; the others are reported."""
    rows = []
    for _, (row, figure) in sorted(figures.items(), key=lambda item: item[1][0]):
        measure = measures[figure.measure][1]
        normalised, found = normalise_figure(name, row, figure, measure)
        issues.extend(found)
        if normalised is None:
            continue
        scheme = schemes[figure.scheme_id][1] if figure.scheme_id else None
        source = sources[figure.source_id][1]
        rows.append(_figure_row(figure, measure, normalised, scheme, source, origin))
    return rows


def _figure_row(figure, measure, normalised, scheme, source, origin: str) -> dict:
    flags = [flag.value for flag in figure.flags]
    if normalised.overridden:
        flags.append("override")
    if measure.money_kind not in (None, MoneyKind.saving):
        flags.append("not_a_saving")
    area = figure.area_id or (scheme.area_ids[0] if scheme else "national")
    return {
        "figure_id": figure.figure_id,
        "scheme_id": figure.scheme_id,
        "measure": figure.measure,
        "measure_label": measure.label,
        "unit_kind": measure.unit_kind.value,
        "subject": figure.subject,
        "quote": figure.quote,
        "value": normalised.value,
        "unit": normalised.unit,
        "qualifier": normalised.qualifier,
        "low": normalised.low,
        "high": normalised.high,
        "value_before": normalised.value_before,
        "denominator": normalised.denominator,
        "recurrence": normalised.recurrence,
        "period_years": normalised.period_years,
        "by_year": normalised.by_year,
        "annual_value": normalised.annual_value,
        "annual_basis": normalised.annual_basis,
        "money_kind": measure.money_kind.value if measure.money_kind else None,
        "basis": figure.basis.value,
        "period": figure.period,
        "price_year": figure.price_year or source.year,
        "source_id": figure.source_id,
        "locator": figure.locator,
        "area_id": area,
        "theme": scheme.theme if scheme else None,
        "compare_key": figure.compare_key,
        "flags": ";".join(flags),
        "notes": figure.notes,
        "parse_notes": normalised.parse_notes,
        "override_reason": figure.override_reason,
        "origin": origin,
    }


def scheme_tables(
    schemes: dict,
    themes: dict,
    areas: dict,
    orgs: dict,
    figures: pd.DataFrame,
    *,
    origin: str = SHIPPED,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The schemes table and its long organisation and area tables."""
    counts = figures.groupby("scheme_id").size() if len(figures) else pd.Series(dtype=int)
    scheme_rows, org_rows, area_rows = [], [], []
    for _, (_, scheme) in sorted(schemes.items(), key=lambda item: item[1][0]):
        members = [orgs[o][1] for o in scheme.org_ids]
        service_types = sorted({m.service_type.value for m in members})
        scheme_rows.append(
            {
                "scheme_id": scheme.scheme_id,
                "name": scheme.name,
                "theme": scheme.theme,
                "theme_label": themes[scheme.theme][1].label,
                "sub_theme": scheme.sub_theme,
                "primary_area_id": scheme.area_ids[0],
                "area_ids": ";".join(scheme.area_ids),
                "area_names": "; ".join(areas[a][1].name for a in scheme.area_ids),
                "org_ids": ";".join(scheme.org_ids),
                "organisations": "; ".join(m.abbreviation for m in members),
                "service_types": ";".join(service_types),
                "n_service_types": len(
                    {t for t in service_types if t in ("police", "fire", "ambulance")}
                ),
                "start_date": scheme.start_date,
                "end_date": scheme.end_date,
                "status": scheme.status.value,
                "summary": scheme.summary,
                "source_ids": ";".join(scheme.source_ids),
                "locator": scheme.locator,
                "notes": scheme.notes,
                "n_figures": int(counts.get(scheme.scheme_id, 0)),
                "origin": origin,
            }
        )
        org_rows += [
            {
                "scheme_id": scheme.scheme_id,
                "org_id": m.org_id,
                "abbreviation": m.abbreviation,
                "name": m.name,
                "service_type": m.service_type.value,
            }
            for m in members
        ]
        area_rows += [
            {
                "scheme_id": scheme.scheme_id,
                "area_id": a,
                "area_name": areas[a][1].name,
                "area_kind": areas[a][1].kind,
                "is_primary": i == 0,
            }
            for i, a in enumerate(scheme.area_ids)
        ]
    return pd.DataFrame(scheme_rows), pd.DataFrame(org_rows), pd.DataFrame(area_rows)


def records_frame(
    records: list, list_columns: tuple[str, ...] = (), origin: str | None = None
) -> pd.DataFrame:
    """Validated rows as a table; lists joined with ';' as in the CSV, `origin` if given."""
    frame = pd.DataFrame([r.model_dump(mode="json") for r in records])
    for column in list_columns:
        if column in frame:
            frame[column] = frame[column].map(";".join)
    if origin is not None:
        frame["origin"] = origin
    return frame
