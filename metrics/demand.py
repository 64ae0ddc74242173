"""Demand-management outcomes: requests resolved without an ambulance, police time released,
forced entry, and before/after changes, every row keeping the figure it came from.

Takes the rows of metrics.outcomes.outcome_rows (one row per fact, names beside the quote).
Shares with different denominators and periods are listed side by side, never averaged.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from metrics.outcomes import (
    RESPONSE_MEASURES,
    VOLUME_MEASURES,
    of_measures,
    per_year,
    response_times,
    volumes,
)

SECONDS_PER_HOUR = 3600.0
FORCED_ENTRY_NAME = re.compile(r"forced.entry|gain(?:ing)?.entry|method.of.entry", re.IGNORECASE)
"""Scheme names of forced-entry schemes (the "Forced Entry and Missing People" heading also
holds missing-person searches, which are not forced entry)."""
FORCED_ENTRY_VOLUMES = (*VOLUME_MEASURES, "count_other")
"""In forced-entry schemes the 'other' counts are forced-entry activity (boarding up, care)."""


def resolved_without_ambulance(rows: pd.DataFrame) -> pd.DataFrame:
    """Share of police (or partner) requests resolved without an ambulance, highest first."""
    found = of_measures(rows, ("resolved_without_ambulance",))
    return found.sort_values(["value", "figure_id"], ascending=[False, True]).reset_index(drop=True)


def staff_time_released(rows: pd.DataFrame) -> pd.DataFrame:
    """Officer or staff time released, in hours, with a per-year rate where the period allows."""
    found = of_measures(rows, ("staff_time_released",))
    rates = [per_year(row) for _, row in found.iterrows()]
    found["hours"] = found["value"] / SECONDS_PER_HOUR
    found["hours_per_year"] = [
        r.value / SECONDS_PER_HOUR if r.value is not None else math.nan for r in rates
    ]
    found["per_year_how"] = [r.how for r in rates]
    found = found.astype({"hours": float, "hours_per_year": float})
    return found.sort_values(["hours", "figure_id"], ascending=[False, True]).reset_index(drop=True)


# --- forced entry -------------------------------------------------------------------------------


def forced_entry_scheme_ids(schemes: pd.DataFrame, rows: pd.DataFrame) -> set[str]:
    """Schemes about gaining entry: named so, or reporting forced-entry requests."""
    named = schemes.loc[schemes["name"].str.contains(FORCED_ENTRY_NAME), "scheme_id"]
    requests = rows.loc[rows["measure"] == "forced_entry_requests", "scheme_id"].dropna()
    return set(named) | set(requests)


def forced_entry_volumes(rows: pd.DataFrame, schemes: pd.DataFrame) -> pd.DataFrame:
    """Forced-entry requests, deployments and related counts, per year where the period allows."""
    ids = forced_entry_scheme_ids(schemes, rows)
    return volumes(rows, scheme_ids=ids, measures=FORCED_ENTRY_VOLUMES)


def forced_entry_times(rows: pd.DataFrame, schemes: pd.DataFrame) -> pd.DataFrame:
    """Attendance times reported by forced-entry schemes."""
    ids = forced_entry_scheme_ids(schemes, rows)
    in_schemes = rows[rows["scheme_id"].isin(ids) & rows["measure"].isin(RESPONSE_MEASURES)]
    return response_times(in_schemes)


# --- before and after -------------------------------------------------------------------------


def direction(before: float, after: float, better: str) -> str:
    """'improved', 'worsened', 'unchanged' or 'no preferred direction', by the measure's `better`.

    >>> direction(196, 29, "lower"), direction(60, 82.3, "higher"), direction(51, 60, "none")
    ('improved', 'improved', 'no preferred direction')
    """
    if better not in ("higher", "lower"):
        return "no preferred direction"
    if math.isclose(before, after):
        return "unchanged"
    rose = after > before
    return "improved" if rose == (better == "higher") else "worsened"


def before_after(rows: pd.DataFrame) -> pd.DataFrame:
    """Figures quoted as a change from one value to another, with both ends and the change.

    `change` is after minus before in the figure's unit (percentage points for percentages);
    `relative_change` is that change over the before value (NaN when before is 0).
    """
    found = rows[rows["value_before"].notna()].copy()
    found = of_measures(found, found["measure"].unique(), context=True)
    found["label"] = found["subject"]  # the subject says what changed; a scheme name does not
    found["before"] = found["value_before"].astype(float)
    found["after"] = found["value"].astype(float)
    found["change"] = found["after"] - found["before"]
    found["relative_change"] = (found["change"] / found["before"]).where(found["before"] != 0)
    found["direction"] = [
        direction(b, a, better)
        for b, a, better in zip(found["before"], found["after"], found["better"], strict=True)
    ]
    return found.sort_values("figure_id").reset_index(drop=True)
