"""The shared filters every page applies: theme, area, services involved, status, basis.

Pure functions on the tidy tables, so a notebook gets exactly what the dashboard shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

SERVICE_TYPES = ("police", "fire", "ambulance")


@dataclass(frozen=True)
class Filters:
    """An empty tuple means "no restriction" for that dimension."""

    themes: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    bases: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not (self.themes or self.areas or self.services or self.statuses or self.bases)


@dataclass(frozen=True)
class Filtered:
    """Schemes and figures that pass the filters, and how many were left out."""

    schemes: pd.DataFrame
    figures: pd.DataFrame
    excluded_schemes: int
    excluded_figures: int
    description: list[str] = field(default_factory=list)


def scheme_mask(schemes: pd.DataFrame, scheme_areas: pd.DataFrame, filters: Filters) -> pd.Series:
    """Which schemes pass. Services: a scheme must involve every service selected."""
    mask = pd.Series(True, index=schemes.index)
    if filters.themes:
        mask &= schemes["theme"].isin(filters.themes)
    if filters.statuses:
        mask &= schemes["status"].isin(filters.statuses)
    if filters.areas:
        in_area = scheme_areas.loc[scheme_areas["area_id"].isin(filters.areas), "scheme_id"]
        mask &= schemes["scheme_id"].isin(set(in_area))
    for service in filters.services:
        mask &= schemes["service_types"].str.split(";").map(lambda types, s=service: s in types)
    return mask


def apply_filters(
    schemes: pd.DataFrame,
    scheme_areas: pd.DataFrame,
    figures: pd.DataFrame,
    filters: Filters,
    *,
    keep_context: bool = False,
) -> Filtered:
    """Filter schemes, then the figures of the kept schemes (and by basis).

    National context figures (no scheme) pass only when `keep_context` is set and no scheme-level
    filter is active, since they belong to no theme, area or service.
    """
    kept_schemes = schemes[scheme_mask(schemes, scheme_areas, filters)]
    in_scheme = figures["scheme_id"].isin(set(kept_schemes["scheme_id"]))
    scheme_filters = Filters(filters.themes, filters.areas, filters.services, filters.statuses)
    if keep_context and scheme_filters.is_empty():
        in_scheme |= figures["scheme_id"].isna()
    if filters.bases:
        in_scheme &= figures["basis"].isin(filters.bases)
    kept_figures = figures[in_scheme]
    return Filtered(
        schemes=kept_schemes,
        figures=kept_figures,
        excluded_schemes=len(schemes) - len(kept_schemes),
        excluded_figures=len(figures) - len(kept_figures),
        description=describe(filters),
    )


def describe(filters: Filters) -> list[str]:
    """Plain-English lines saying what the filters keep, for captions and chart subtitles."""
    parts = []
    if filters.themes:
        parts.append("themes: " + ", ".join(filters.themes))
    if filters.areas:
        parts.append("areas: " + ", ".join(filters.areas))
    if filters.services:
        parts.append("involving " + " and ".join(filters.services))
    if filters.statuses:
        parts.append("status: " + ", ".join(filters.statuses))
    if filters.bases:
        parts.append("evidence: " + ", ".join(filters.bases))
    return parts
