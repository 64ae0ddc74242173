"""The overview's numbers: headline counts, schemes by theme and status, schemes on the map.

Pure functions on the store's tidy tables (usually already narrowed by metrics.filters), so a
notebook gets exactly what the Overview page shows. Counts of schemes carry the `scheme_ids`
they came from and counts of figures the `figure_ids`, ';'-joined, so every number is traceable.

Placing schemes on the map: each area a scheme names is turned into police force areas (PFAs)
through `areas.pfa_codes`. A force area counts once; a multi-force area (London, Surrey and
Sussex), a region or a nation counts in each of its force areas; a town counts in its force
area. A scheme is counted at most once per force area. Schemes placed only at `national` level
have no force area: they are not mapped and are counted separately (`unmapped_schemes`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from metrics.restatements import primary_figures

SERVICE_ORDER: tuple[str, ...] = (
    "police",
    "fire",
    "ambulance",
    "local_authority",
    "health",
    "other",
)
SERVICE_NAMES: Mapping[str, str] = {
    "police": "Police",
    "fire": "Fire and rescue",
    "ambulance": "Ambulance",
    "local_authority": "Local authority",
    "health": "Health",
    "other": "Other",
}
STATUS_ORDER: tuple[str, ...] = ("live", "pilot", "planned", "completed")
STATUS_NAMES: Mapping[str, str] = {
    "live": "Live",
    "pilot": "Pilot",
    "planned": "Planned / future",
    "completed": "Completed",
}
DIRECT_KINDS = frozenset({"force_area", "town"})
"""Area kinds that sit inside one force area; the others (multi_force, region, nation) span
several, so a scheme placed there is counted in each of them."""

COUNT_COLUMNS = ["key", "label", "value", "scheme_ids", "figure_ids", "note"]
MAP_COLUMNS = [
    "pfa_code",
    "force_area",
    "lat",
    "lon",
    "population",
    "n_schemes",
    "n_direct",
    "n_wider",
    "scheme_ids",
    "scheme_names",
    "via_areas",
]


def join_ids(ids: Iterable[object]) -> str:
    """';'-joined distinct ids in first-seen order (blanks dropped)."""
    return ";".join(dict.fromkeys(str(i) for i in ids if isinstance(i, str) and i))


def _split(cell: object) -> list[str]:
    return [part for part in str(cell).split(";") if part] if isinstance(cell, str) else []


# --- headline counts ---------------------------------------------------------------------------


def headline_counts(
    schemes: pd.DataFrame,
    scheme_areas: pd.DataFrame,
    scheme_organisations: pd.DataFrame,
    figures: pd.DataFrame,
    areas: pd.DataFrame,
) -> pd.DataFrame:
    """The overview's cards as rows: key, label, value, scheme_ids, figure_ids, note.

    Keys: schemes, areas, force_areas, national_schemes, organisations, organisations_<service>
    (one per service type in SERVICE_ORDER), documents, figures. Figures are counted once per
    fact (metrics.restatements.primary_figures): a restatement in a second document is not a
    second figure. Areas and organisations are those of the given schemes only.
    """
    ids = set(schemes["scheme_id"])
    placed = scheme_areas[scheme_areas["scheme_id"].isin(ids)]
    named = placed[placed["area_kind"] != "national"]
    links = scheme_force_areas(schemes, scheme_areas, areas)
    members = scheme_organisations[scheme_organisations["scheme_id"].isin(ids)]
    facts = primary_figures(figures)
    restated = len(figures) - len(facts)
    rows = [
        _count("schemes", "Schemes", len(schemes), schemes["scheme_id"]),
        _count(
            "areas",
            "Areas named",
            named["area_id"].nunique(),
            named["scheme_id"],
            note="force areas, multi-force areas, regions and towns the schemes name",
        ),
        _count(
            "force_areas",
            "Police force areas reached",
            links["pfa_code"].nunique(),
            links["scheme_id"],
            note="a scheme in a region or multi-force area reaches each of its force areas",
        ),
        _count(
            "national_schemes",
            "National schemes (not mapped)",
            len(unmapped_schemes(schemes, scheme_areas, areas)),
            unmapped_schemes(schemes, scheme_areas, areas)["scheme_id"],
        ),
        _count(
            "organisations",
            "Organisations",
            members["org_id"].nunique(),
            members["scheme_id"],
        ),
    ]
    for service in SERVICE_ORDER:
        of_type = members[members["service_type"] == service]
        rows.append(
            _count(
                f"organisations_{service}",
                SERVICE_NAMES[service],
                of_type["org_id"].nunique(),
                of_type["scheme_id"],
            )
        )
    rows += [
        _count(
            "documents",
            "Documents",
            len(documents_used(schemes, figures)),
            schemes["scheme_id"],
            figures["figure_id"],
            note=", ".join(documents_used(schemes, figures)),
        ),
        _count(
            "figures",
            "Figures",
            len(facts),
            figure_ids=facts["figure_id"],
            note=(
                f"{restated} restatement(s) of a fact already counted from another document "
                "left out"
                if restated
                else "no fact is stated twice"
            ),
        ),
    ]
    return pd.DataFrame(rows, columns=COUNT_COLUMNS)


def _count(
    key: str,
    label: str,
    value: int,
    scheme_ids: Iterable[object] = (),
    figure_ids: Iterable[object] = (),
    note: str = "",
) -> dict[str, object]:
    return {
        "key": key,
        "label": label,
        "value": int(value),
        "scheme_ids": join_ids(scheme_ids),
        "figure_ids": join_ids(figure_ids),
        "note": note,
    }


def count_value(counts: pd.DataFrame, key: str) -> int:
    """One headline count by its key, e.g. count_value(counts, "schemes")."""
    found = counts.loc[counts["key"] == key, "value"]
    if found.empty:
        raise KeyError(f"no headline count {key!r}; expected one of {', '.join(counts['key'])}")
    return int(found.iloc[0])


def documents_used(schemes: pd.DataFrame, figures: pd.DataFrame) -> list[str]:
    """Source ids behind the given schemes and figures, sorted."""
    from_schemes = [s for cell in schemes["source_ids"] for s in _split(cell)]
    return sorted(set(from_schemes) | set(figures["source_id"].dropna()))


# --- schemes by theme and status ---------------------------------------------------------------


def schemes_by_theme_status(schemes: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """Long table: one row per theme x status with n_schemes and the scheme_ids counted.

    Only themes with at least one scheme and statuses that occur are kept; missing
    combinations are rows of zero so a stacked bar has every segment. Themes are ordered by
    their total, largest first (ties in the themes table's order): `theme_total` and
    `theme_rank` say so.
    """
    columns = [
        "theme",
        "theme_label",
        "status",
        "status_label",
        "n_schemes",
        "theme_total",
        "theme_rank",
        "scheme_ids",
    ]
    if schemes.empty:
        return pd.DataFrame(columns=columns)
    order = {theme: i for i, theme in enumerate(themes["theme_id"])}
    labels = themes.set_index("theme_id")["label"]
    totals = schemes.groupby("theme").size()
    ranked = sorted(totals.index, key=lambda t: (-totals[t], order.get(t, len(order))))
    statuses = [s for s in STATUS_ORDER if s in set(schemes["status"])]
    rows = []
    for rank, theme in enumerate(ranked, start=1):
        for status in statuses:
            members = schemes[(schemes["theme"] == theme) & (schemes["status"] == status)]
            rows.append(
                {
                    "theme": theme,
                    "theme_label": labels.get(theme, theme),
                    "status": status,
                    "status_label": STATUS_NAMES.get(status, status),
                    "n_schemes": len(members),
                    "theme_total": int(totals[theme]),
                    "theme_rank": rank,
                    "scheme_ids": join_ids(members["scheme_id"]),
                }
            )
    return pd.DataFrame(rows, columns=columns)


# --- the map -----------------------------------------------------------------------------------


def scheme_force_areas(
    schemes: pd.DataFrame, scheme_areas: pd.DataFrame, areas: pd.DataFrame
) -> pd.DataFrame:
    """One row per scheme x police force area it is placed in, with how it got there.

    Columns: scheme_id, pfa_code, area_id (the area named), area_kind, direct (the area named
    is the force area itself or a town in it). A scheme reaching a force area both directly
    and through a wider area keeps the direct link.
    """
    columns = ["scheme_id", "pfa_code", "area_id", "area_kind", "direct"]
    codes = areas.set_index("area_id")["pfa_codes"]
    placed = scheme_areas[scheme_areas["scheme_id"].isin(set(schemes["scheme_id"]))]
    rows = [
        {
            "scheme_id": link.scheme_id,
            "pfa_code": code,
            "area_id": link.area_id,
            "area_kind": link.area_kind,
            "direct": link.area_kind in DIRECT_KINDS,
        }
        for link in placed.itertuples(index=False)
        for code in _split(codes.get(link.area_id))
    ]
    if not rows:
        return pd.DataFrame(columns=columns)
    links = pd.DataFrame(rows, columns=columns)
    links = links.sort_values(["scheme_id", "pfa_code", "direct"], ascending=[True, True, False])
    return links.drop_duplicates(["scheme_id", "pfa_code"]).reset_index(drop=True)


def unmapped_schemes(
    schemes: pd.DataFrame, scheme_areas: pd.DataFrame, areas: pd.DataFrame
) -> pd.DataFrame:
    """Schemes with no police force area (placed only at national level): not on the map."""
    mapped = set(scheme_force_areas(schemes, scheme_areas, areas)["scheme_id"])
    return schemes[~schemes["scheme_id"].isin(mapped)][["scheme_id", "name", "area_names"]]


def map_table(
    schemes: pd.DataFrame,
    scheme_areas: pd.DataFrame,
    areas: pd.DataFrame,
    pfa: pd.DataFrame,
) -> pd.DataFrame:
    """One row per police force area (all of `pfa`, from loaders.reference.load_pfa) with the
    number of schemes placed in it, its centroid and the schemes' ids and names.

    n_direct counts schemes that name the force area (or a town in it); n_wider those that
    reach it through a multi-force area, region or nation. Sorted by n_schemes, most first.
    """
    links = scheme_force_areas(schemes, scheme_areas, areas)
    names = schemes.set_index("scheme_id")["name"]
    area_names = areas.set_index("area_id")["name"]
    rows = []
    for force in pfa.itertuples(index=False):
        here = links[links["pfa_code"] == force.pfa_code]
        wider = here[~here["direct"]]
        rows.append(
            {
                "pfa_code": force.pfa_code,
                "force_area": force.force_area,
                "lat": force.lat,
                "lon": force.lon,
                "population": force.population,
                "n_schemes": len(here),
                "n_direct": int(here["direct"].sum()),
                "n_wider": len(wider),
                "scheme_ids": join_ids(here["scheme_id"]),
                "scheme_names": "; ".join(names[s] for s in here["scheme_id"]),
                "via_areas": "; ".join(
                    dict.fromkeys(str(area_names.get(a, a)) for a in wider["area_id"])
                ),
            }
        )
    table = pd.DataFrame(rows, columns=MAP_COLUMNS)
    return table.sort_values(["n_schemes", "force_area"], ascending=[False, True]).reset_index(
        drop=True
    )
