"""Co-responding and first-response outcomes as comparable tables, every row traceable.

Response and attendance times, attainment of the 8-minute standard, first on scene, ROSC and
survival with their comparator groups, and activity volumes put on a per-year footing where the
stated period allows. Each function takes the rows of `outcome_rows` (one row per fact, with
the scheme, area and source named beside the verbatim quote) and returns a table; nothing here
adds different schemes' figures together.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from loaders.store import Store
from metrics.evidence import GRADES
from metrics.periods import parse_period, span_words
from metrics.restatements import primary_figures

EIGHT_MINUTES_S = 480.0
"""The national ambulance response standard for the most urgent calls (Category A), seconds."""
STANDARD_SHARE = 75.0
"""Share of those calls the standard says must be reached within 8 minutes, percent."""

RESPONSE_MEASURES = ("response_time", "time_saved")
ATTAINMENT_MEASURES = ("target_attainment",)
FIRST_ON_SCENE_MEASURES = ("first_on_scene",)
CLINICAL_MEASURES = ("rosc_rate", "survival_rate", "bystander_cpr_rate")
VOLUME_MEASURES = (
    "incidents_attended",
    "calls_handled",
    "deployments",
    "rosc_cases",
    "forced_entry_requests",
    "conveyances",
    "people_helped",
)
"""Counts of activity; static counts (stations, staff, partners) are not volumes."""

NATIONAL = "National (no scheme)"

ROW_COLUMNS = [
    "label",
    "scheme",
    "area",
    "measure_label",
    "subject",
    "value",
    "unit",
    "qualifier",
    "low",
    "high",
    "value_before",
    "basis",
    "evidence",
    "period",
    "quote",
    "source",
    "locator",
    "flags",
    "notes",
    "also_stated_in",
    "figure_ids",
    "figure_id",
    "scheme_id",
    "area_id",
    "theme",
    "measure",
    "better",
    "recurrence",
    "period_years",
    "annual_value",
    "annual_basis",
    "source_id",
    "compare_key",
]


# --- one row per fact, with names beside the numbers -----------------------------------------


def outcome_rows(figures: pd.DataFrame, store: Store) -> pd.DataFrame:
    """One row per fact (restatements folded into `also_stated_in`) with names added.

    Restatements are looked up in all of `store.figures`, so a row shows where else the same
    fact is stated (and with what number) even when a filter hides the other document.
    """
    primary = primary_figures(figures)
    schemes = store.schemes.set_index("scheme_id")["name"]
    areas = store.areas.set_index("area_id")["name"]
    sources = store.sources.set_index("source_id")
    better = store.measures.set_index("measure")["better"]
    rows = primary.assign(
        figure_ids=primary["figure_id"],
        scheme=primary["scheme_id"].map(schemes).fillna(NATIONAL),
        area=primary["area_id"].map(areas).fillna(primary["area_id"]),
        source=primary["source_id"].map(_source_names(sources)).fillna(primary["source_id"]),
        evidence=primary["basis"].map(lambda b: GRADES[b].label if b in GRADES else b),
        better=primary["measure"].map(better).fillna("none"),
        also_stated_in=_also_stated(primary, store.figures, sources),
        flags=primary["flags"].fillna(""),
        label=primary["scheme_id"].map(schemes).fillna(primary["subject"]),
    )
    return rows.reindex(columns=ROW_COLUMNS).reset_index(drop=True)


def _source_names(sources: pd.DataFrame) -> dict[str, str]:
    """'National Overview 2016 (2016)' by source_id."""
    return {
        sid: f"{title} ({year})"
        for sid, title, year in zip(sources.index, sources["title"], sources["year"], strict=True)
    }


def _also_stated(
    primary: pd.DataFrame, all_figures: pd.DataFrame, sources: pd.DataFrame
) -> list[str]:
    """For each row, 'Paper 2 ... (2016): "644 requests to gain entry" (mp-013, differs)' for
    every other statement of the same fact."""
    keyed = all_figures[all_figures["compare_key"].notna() & (all_figures["compare_key"] != "")]
    groups: dict[str, list[dict]] = {}
    for record in keyed[["compare_key", "figure_id", "source_id", "quote", "value"]].to_dict(
        "records"
    ):
        groups.setdefault(record["compare_key"], []).append(record)
    names = _source_names(sources)
    texts = []
    for figure_id, key, value in zip(
        primary["figure_id"], primary["compare_key"], primary["value"], strict=True
    ):
        parts = []
        for other in groups.get(key, []) if isinstance(key, str) else []:
            if other["figure_id"] == figure_id:
                continue
            verdict = "same figure" if _same_value(other["value"], value) else "differs"
            name = names.get(other["source_id"], other["source_id"])
            parts.append(f'{name}: "{other["quote"]}" ({other["figure_id"]}, {verdict})')
        texts.append("; ".join(parts))
    return texts


def _same_value(a: float, b: float) -> bool:
    return bool(pd.notna(a) and pd.notna(b) and math.isclose(a, b, rel_tol=1e-9))


def of_measures(
    rows: pd.DataFrame, measures: Iterable[str], *, context: bool = False
) -> pd.DataFrame:
    """Rows of the given measures; context (background, standards) only when asked."""
    kept = rows[rows["measure"].isin(tuple(measures))]
    if not context:
        kept = kept[kept["basis"] != "context"]
    return _disambiguate(kept.copy())


def _disambiguate(rows: pd.DataFrame) -> pd.DataFrame:
    """Label by scheme name; a scheme with several rows in one table is labelled by subject."""
    if rows.empty:
        return rows
    repeated = rows.groupby("scheme", dropna=False)["figure_id"].transform("size") > 1
    rows["label"] = rows["scheme"].where(~repeated, rows["subject"])
    rows.loc[rows["scheme"] == NATIONAL, "label"] = rows["subject"]
    return rows


# --- response and attendance times, the 8-minute standard ------------------------------------


def response_times(rows: pd.DataFrame, standard_s: float = EIGHT_MINUTES_S) -> pd.DataFrame:
    """Reported response and attendance times (not the standards), fastest first.

    `gap_s` is the time over (+) or under (-) the standard; `within_standard` is None for
    time-saved figures, which are not times to arrive.
    """
    found = of_measures(rows, RESPONSE_MEASURES)
    is_time = found["measure"] == "response_time"
    found["gap_s"] = (found["value"] - standard_s).where(is_time)
    found["within_standard"] = (found["value"] <= standard_s).where(is_time)
    return found.sort_values(["measure", "value", "figure_id"]).reset_index(drop=True)


def target_attainment(rows: pd.DataFrame, standard: float = STANDARD_SHARE) -> pd.DataFrame:
    """Share of incidents reached within 8 minutes, with the gap to the 75% standard (points)."""
    found = of_measures(rows, ATTAINMENT_MEASURES)
    found["gap_points"] = found["value"] - standard
    found["meets_standard"] = found["value"] >= standard
    return found.sort_values(["value", "figure_id"], ascending=[False, True]).reset_index(drop=True)


def standards(rows: pd.DataFrame) -> pd.DataFrame:
    """Where the documents quote the 8-minute standard or its 75% share (context rows)."""
    found = of_measures(rows, ("response_time", "target_attainment"), context=True)
    found = found[found["basis"] == "context"]
    return found.sort_values(
        ["measure", "scheme_id", "figure_id"], na_position="first"
    ).reset_index(drop=True)


def quoted_standards(store: Store) -> pd.DataFrame:
    """`standards` over the whole store: where every document quotes the 8-minute standard."""
    figures = store.figures
    wanted = figures["measure"].isin(("response_time", "target_attainment"))
    return standards(outcome_rows(figures[wanted & (figures["basis"] == "context")], store))


# --- first on scene and clinical outcomes ------------------------------------------------------


def first_on_scene(rows: pd.DataFrame) -> pd.DataFrame:
    """Share of incidents where the collaborating service arrived before the ambulance."""
    found = of_measures(rows, FIRST_ON_SCENE_MEASURES)
    return found.sort_values(["value", "figure_id"], ascending=[False, True]).reset_index(drop=True)


def comparator_group(subject: str) -> str:
    """The patient group a rate is for, from the subject's words after its first comma.

    >>> comparator_group("ROSC, London cardiac arrest patients in the Utstein comparator group")
    'London cardiac arrest patients in the Utstein comparator group'
    >>> comparator_group("Share of London patients who received bystander CPR")
    'Share of London patients who received bystander CPR'
    """
    head, comma, tail = subject.partition(", ")
    group = tail if comma and tail else head
    return group[:1].upper() + group[1:]


def clinical_outcomes(rows: pd.DataFrame) -> pd.DataFrame:
    """ROSC, survival and bystander CPR rates, each with the comparator group it is for."""
    found = of_measures(rows, CLINICAL_MEASURES)
    found["comparator"] = found["subject"].map(comparator_group)
    order = {m: i for i, m in enumerate(CLINICAL_MEASURES)}
    found["_order"] = found["measure"].map(order)
    return (
        found.sort_values(["_order", "value", "figure_id"])
        .drop(columns="_order")
        .reset_index(drop=True)
    )


# --- activity volumes per year -----------------------------------------------------------------


@dataclass(frozen=True)
class PerYear:
    """A figure's per-year equivalent (None when its period does not allow one) and why."""

    value: float | None
    how: str


def per_year(row: pd.Series) -> PerYear:
    """Per-year equivalent of a volume: the loader's annual value, else the period's span.

    A cumulative count (since a date) or a period that cannot be read gives none.
    """
    flagged = " (the period is flagged as ambiguous in the data)" if _ambiguous(row) else ""
    if pd.notna(row["annual_value"]):
        return PerYear(float(row["annual_value"]), _annual_words(row) + flagged)
    span = parse_period(row["period"])
    if row["recurrence"] == "cumulative_by_date":
        said = f" ('{span.text}')" if span.text else ", period not stated"
        return PerYear(None, f"cumulative count since a start date{said}: no per-year rate")
    if span.years is None:
        return PerYear(None, span.reading)
    if math.isclose(span.years, 1.0):
        return PerYear(
            float(row["value"]), f"{span.reading}: the figure is the rate for one year" + flagged
        )
    how = f"{span.reading}: the figure divided by {span.years:.3g} years, assuming an even rate"
    return PerYear(float(row["value"]) / span.years, how + flagged)


def _ambiguous(row: pd.Series) -> bool:
    return "ambiguous_period" in str(row["flags"]).split(";")


def _annual_words(row: pd.Series) -> str:
    """The loader's annual basis in a reader's words ('over 5 months', not 0.416667 years)."""
    basis = str(row["annual_basis"])
    if basis.startswith("total spread evenly") and pd.notna(row["period_years"]):
        return f"total over {span_words(float(row['period_years']))}, spread evenly"
    return basis


def volumes(
    rows: pd.DataFrame,
    *,
    themes: Iterable[str] | None = None,
    scheme_ids: Iterable[str] | None = None,
    measures: Iterable[str] = VOLUME_MEASURES,
) -> pd.DataFrame:
    """Activity counts with `per_year` (NaN where the period does not allow it) and `per_year_how`.

    Before/after pairs and context figures are left out: they are not a scheme's activity.
    """
    found = rows[rows["value_before"].isna()]
    if themes is not None:
        found = found[found["theme"].isin(tuple(themes))]
    if scheme_ids is not None:
        found = found[found["scheme_id"].isin(tuple(scheme_ids))]
    found = of_measures(found, measures)
    rates = [per_year(row) for _, row in found.iterrows()]
    found["per_year"] = [r.value if r.value is not None else math.nan for r in rates]
    found["per_year_how"] = [r.how for r in rates]
    found = found.astype({"per_year": float})
    return found.sort_values(
        ["per_year", "value", "figure_id"], ascending=[False, False, True], na_position="last"
    ).reset_index(drop=True)


# --- how much of the selection reports something ----------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """How many schemes in the selection report a figure of a kind, and how many do not."""

    n_figures: int
    n_schemes: int
    n_schemes_without: int
    n_schemes_selected: int
    figure_ids: str
    noun: str = "schemes"

    def sentence(self, what: str) -> str:
        """'2 of 41 schemes in the selection report a response time (3 figures); 39 do not.'"""
        if self.n_schemes_selected == 0 and self.n_figures == 0:
            return f"No {self.noun} match the filters, so none reports {what}."
        if self.n_figures == 0:
            return f"{self.n_schemes_selected} {self.noun} match the filters; none reports {what}."
        figures = "figure" if self.n_figures == 1 else "figures"
        if not self.n_schemes:
            return f"Only national figures report {what} ({self.n_figures} {figures})."
        verb = "reports" if self.n_schemes == 1 else "report"
        return (
            f"{self.n_schemes} of {self.n_schemes_selected} {self.noun} in the selection {verb} "
            f"{what} ({self.n_figures} {figures}); {self.n_schemes_without} do not."
        )


def coverage(
    result: pd.DataFrame,
    selected_schemes: pd.DataFrame,
    *,
    themes: Iterable[str] | None = None,
    scheme_ids: Iterable[str] | None = None,
    noun: str = "schemes",
) -> Coverage:
    """Counts for a result table against the schemes that pass the filters (narrowed to
    `themes` or `scheme_ids` when the table was)."""
    chosen = selected_schemes
    if themes is not None:
        chosen = chosen[chosen["theme"].isin(tuple(themes))]
    if scheme_ids is not None:
        chosen = chosen[chosen["scheme_id"].isin(tuple(scheme_ids))]
    selected = set(chosen["scheme_id"])
    inside = result[result["scheme_id"].isin(selected) | result["scheme_id"].isna()]
    reporting = set(inside["scheme_id"].dropna())
    return Coverage(
        n_figures=len(inside),
        n_schemes=len(reporting),
        n_schemes_without=len(selected - reporting),
        n_schemes_selected=len(selected),
        figure_ids=";".join(inside["figure_ids"]),
        noun=noun,
    )
