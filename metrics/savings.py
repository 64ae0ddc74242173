"""Savings totals by category, one kind of money at a time, each traceable to its figures.

Built on metrics.money: every total is the sum of its figures' lower, central and upper bounds
and prudent values, after dropping restatements (metrics.restatements), and says how many
figures and schemes it rests on, how many schemes in the category report nothing of that kind,
and which figure ids it came from. Recurring, one-off, multi-year, by-a-date and
no-stated-period savings are never added together; capital receipts sit beside them; money that
is not a saving (costs, grants, payments between services, baselines) is in non_savings_money.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from metrics.evidence import GRADES
from metrics.money import (
    HEADLINE_KINDS,
    KIND_LABELS,
    NON_SAVING_KINDS,
    RECURRENCE_LABELS,
    RECURRING,
    SAVING_KINDS,
    money_figures,
)

DIMENSIONS: Mapping[str, str] = {
    "theme": "Theme",
    "sub_theme": "Sub-theme",
    "area": "Main area",
    "area_any": "Any area a scheme covers",
    "services": "Services involved",
    "status": "Status",
    "basis": "Strength of evidence",
}
"""Ways to group savings: by -> label. 'basis' groups figures, the others group schemes."""

STATUS_LABELS: Mapping[str, str] = {
    "live": "Live",
    "pilot": "Pilot",
    "planned": "Planned / future",
    "completed": "Completed",
}
BLUE_LIGHT = ("police", "fire", "ambulance")
NO_SCHEME = "No scheme (national context)"
MIXED = "Mixed evidence"

SUM_COLUMNS = [
    "lower",
    "central",
    "upper",
    "upper_open",
    "prudent",
    "annual_central",
    "n_figures",
    "n_schemes",
    "figure_ids",
    "scheme_ids",
    "source_ids",
]
TOTAL_COLUMNS = [*SUM_COLUMNS[:8], "n_schemes_without", *SUM_COLUMNS[8:]]


# --- labels for the groups --------------------------------------------------------------------


def services_label(service_types: str) -> str:
    """The blue-light services a scheme involves, e.g. 'Police + fire + ambulance'.

    >>> services_label("ambulance;fire;local_authority")
    'Fire + ambulance'
    >>> services_label("health;other")
    'No blue-light service named'
    """
    types = set(str(service_types).split(";"))
    present = [s for s in BLUE_LIGHT if s in types]
    if not present:
        return "No blue-light service named"
    text = " + ".join(present)
    return text[0].upper() + text[1:]


def basis_label(basis: str) -> str:
    """'A: Achieved and measured' for 'actual': the grade code and its label."""
    grade = GRADES[basis]
    return grade.label if basis == "context" else f"{grade.code}: {grade.label}"


def scheme_groups(
    schemes: pd.DataFrame, by: str, scheme_areas: pd.DataFrame | None = None
) -> pd.DataFrame:
    """scheme_id -> group for a scheme-level dimension (one row per scheme and group).

    'area' is the scheme's main (first-listed) area; 'area_any' puts a scheme in every area it
    covers, so those groups overlap and must not be added up.
    """
    if by == "theme":
        groups = schemes["theme_label"]
    elif by == "sub_theme":
        groups = schemes["sub_theme"]
    elif by == "area":
        groups = schemes["area_names"].str.split("; ").str[0]
    elif by == "services":
        groups = schemes["service_types"].map(services_label)
    elif by == "status":
        groups = schemes["status"].map(STATUS_LABELS)
    elif by == "area_any":
        if scheme_areas is None:
            raise ValueError("grouping by 'area_any' needs the scheme_areas table")
        kept = scheme_areas[scheme_areas["scheme_id"].isin(schemes["scheme_id"])]
        return kept.rename(columns={"area_name": "group"})[["scheme_id", "group"]]
    else:
        raise ValueError(f"unknown dimension {by!r}: expected one of {', '.join(DIMENSIONS)}")
    return pd.DataFrame({"scheme_id": schemes["scheme_id"], "group": groups.astype(object)})


# --- totals -----------------------------------------------------------------------------------


def _join(values: Iterable[object]) -> str:
    """Sorted unique non-blank values, ';'-joined: the traceability columns."""
    return ";".join(sorted({str(v) for v in values if isinstance(v, str) and v}))


def _totals(rows: pd.DataFrame) -> dict[str, object]:
    """Sum one set of money rows: bounds, prudent, counts and ids. Open upper if any is open."""
    upper_open = bool(rows["upper_open"].any())
    return {
        "lower": float(rows["lower"].sum()),
        "central": float(rows["central"].sum()),
        "upper": float("nan") if upper_open else float(rows["upper"].sum()),
        "upper_open": upper_open,
        "prudent": float(rows["prudent"].sum(min_count=1)) if len(rows) else 0.0,
        "annual_central": float(rows["annual_central"].sum(min_count=1)),
        "n_figures": len(rows),
        "n_schemes": int(rows["scheme_id"].dropna().nunique()),
        "figure_ids": _join(rows["figure_id"]),
        "scheme_ids": _join(rows["scheme_id"]),
        "source_ids": _join(rows["source_id"]),
    }


def _counted(
    figures: pd.DataFrame,
    adjustments: Mapping[str, float] | None,
    price_base_year: int | None,
    deflator: pd.DataFrame | None,
) -> pd.DataFrame:
    """Money rows that count towards totals: restatements of another document's figure dropped."""
    money = money_figures(figures, adjustments, price_base_year, deflator)
    return money[money["is_primary"].astype(bool)]


def _with_groups(
    money: pd.DataFrame,
    schemes: pd.DataFrame,
    by: str,
    scheme_areas: pd.DataFrame | None,
) -> pd.DataFrame:
    """Money rows with their group (rows repeat for 'area_any')."""
    if by == "basis":
        return money.assign(group=money["basis"].map(basis_label))
    groups = scheme_groups(schemes, by, scheme_areas)
    merged = money.merge(groups, on="scheme_id", how="left")
    return merged.assign(group=merged["group"].fillna(NO_SCHEME))


def _universe(schemes: pd.DataFrame, by: str, scheme_areas: pd.DataFrame | None) -> pd.Series:
    """Number of schemes in each group (every scheme for the figure-level 'basis')."""
    if by == "basis":
        return pd.Series(dtype=int)
    return scheme_groups(schemes, by, scheme_areas).groupby("group")["scheme_id"].nunique()


def savings_by(
    figures: pd.DataFrame,
    schemes: pd.DataFrame,
    by: str,
    *,
    kinds: Iterable[str] = HEADLINE_KINDS,
    adjustments: Mapping[str, float] | None = None,
    price_base_year: int | None = None,
    scheme_areas: pd.DataFrame | None = None,
    deflator: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Totals per group and kind of money: one row per (group, kind), largest first.

    Every group of the filtered schemes gets a row for every kind, even with no figure (then 0,
    with n_schemes_without saying how many schemes in the group report none). `kind_total` is
    the kind's total over all counted figures (groups from 'area_any' overlap, so their rows do
    not add up to it) and `share` the group's part of it.
    """
    kinds = list(kinds)
    money = _counted(figures, adjustments, price_base_year, deflator)
    money = money[money["kind"].isin(kinds)]
    grouped = _with_groups(money, schemes, by, scheme_areas)
    universe = _universe(schemes, by, scheme_areas)
    groups = sorted(set(universe.index) | set(grouped["group"]))
    in_total = money.groupby("kind")["central"].sum()
    rows = []
    for kind in kinds:
        for group in groups:
            part = grouped[(grouped["kind"] == kind) & (grouped["group"] == group)]
            totals = _totals(part)
            in_group = int(universe.get(group, len(schemes) if by == "basis" else 0))
            total = float(in_total.get(kind, 0.0))
            rows.append(
                {
                    "group": group,
                    "kind": kind,
                    "label": KIND_LABELS[kind],
                    **totals,
                    "n_schemes_in_group": in_group,
                    "n_schemes_without": max(in_group - int(totals["n_schemes"]), 0),
                    "share": totals["central"] / total if total else float("nan"),
                    "kind_total": total,
                }
            )
    result = pd.DataFrame(rows, columns=_BY_COLUMNS)
    order = {kind: i for i, kind in enumerate(kinds)}
    return result.sort_values(
        ["kind", "central", "group"],
        key=lambda col: col.map(order) if col.name == "kind" else col,
        ascending=[True, False, True],
    ).reset_index(drop=True)


_BY_COLUMNS = [
    "group", "kind", "label", *TOTAL_COLUMNS, "n_schemes_in_group", "share", "kind_total",
]


def headline_savings(
    figures: pd.DataFrame,
    schemes: pd.DataFrame,
    adjustments: Mapping[str, float] | None = None,
    price_base_year: int | None = None,
) -> pd.DataFrame:
    """One row per kind of saving, plus capital receipts: the totals a briefing quotes.

    Columns: kind, label, lower, central, upper, upper_open, prudent, n_figures, n_schemes,
    figure_ids (plus n_schemes_without, annual_central, scheme_ids, source_ids). Kinds always
    appear in the order of HEADLINE_KINDS, with zeros when nothing is quoted. Never add rows up.
    """
    money = _counted(figures, adjustments, price_base_year, None)
    rows = []
    for kind in HEADLINE_KINDS:
        totals = _totals(money[money["kind"] == kind])
        rows.append(
            {
                "kind": kind,
                "label": KIND_LABELS[kind],
                **totals,
                "n_schemes_without": len(schemes) - int(totals["n_schemes"]),
            }
        )
    return pd.DataFrame(rows, columns=["kind", "label", *TOTAL_COLUMNS])


def non_savings_money(
    figures: pd.DataFrame,
    schemes: pd.DataFrame,
    adjustments: Mapping[str, float] | None = None,
    price_base_year: int | None = None,
) -> pd.DataFrame:
    """Money that is not a saving, by kind and recurrence: never added to savings.

    One row per (kind, recurrence) present, e.g. costs per year apart from one-off costs.
    `prudent` is filled only for wider benefits (a benefit claim); costs, grants, payments
    between services and baselines are not claims, so they are not adjusted.
    """
    money = _counted(figures, adjustments, price_base_year, None)
    money = money[money["kind"].isin(NON_SAVING_KINDS)]
    rows = []
    for kind in NON_SAVING_KINDS:
        of_kind = money[money["kind"] == kind]
        for recurrence, label in RECURRENCE_LABELS.items():
            part = of_kind[of_kind["recurrence_group"] == recurrence]
            if part.empty:
                continue
            totals = _totals(part)
            rows.append(
                {
                    "kind": kind,
                    "recurrence_group": recurrence,
                    "label": f"{KIND_LABELS[kind]}, {label}",
                    **totals,
                    "n_schemes_without": len(schemes) - int(totals["n_schemes"]),
                    "is_saving": False,
                }
            )
    columns = ["kind", "recurrence_group", "label", *TOTAL_COLUMNS, "is_saving"]
    return pd.DataFrame(rows, columns=columns)


# --- schemes and evidence ---------------------------------------------------------------------


def _quote_line(row: pd.Series) -> str:
    """'"quote" (source_id, locator)': how a figure reads in a scheme's list of quotes."""
    return f"“{row['quote']}” ({row['source_id']}, {row['locator']})"


def ranked_schemes(
    figures: pd.DataFrame,
    schemes: pd.DataFrame,
    *,
    kind: str = RECURRING,
    adjustments: Mapping[str, float] | None = None,
    price_base_year: int | None = None,
    deflator: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Schemes ranked by their total of one kind of saving (recurring by default), with quotes.

    `evidence` is the basis label when all the scheme's figures share one, else MIXED; `share`
    is the scheme's part of the kind's total over all counted figures.
    """
    money = _counted(figures, adjustments, price_base_year, deflator)
    money = money[(money["kind"] == kind) & money["scheme_id"].notna()]
    total = float(money["central"].sum())
    info = schemes.set_index("scheme_id")
    rows = []
    for scheme_id, part in money.groupby("scheme_id", sort=True):
        bases = sorted(set(part["basis"]))
        rows.append(
            {
                "scheme_id": scheme_id,
                "name": info.at[scheme_id, "name"] if scheme_id in info.index else scheme_id,
                "theme_label": info.at[scheme_id, "theme_label"] if scheme_id in info.index else "",
                "area": str(info.at[scheme_id, "area_names"]).split("; ")[0]
                if scheme_id in info.index
                else "",
                "kind": kind,
                "label": KIND_LABELS[kind],
                **_totals(part),
                "share": float(part["central"].sum()) / total if total else float("nan"),
                "evidence": basis_label(bases[0]) if len(bases) == 1 else MIXED,
                "bases": ";".join(bases),
                "quotes": " | ".join(part.apply(_quote_line, axis=1)),
            }
        )
    columns = [
        "rank", "scheme_id", "name", "theme_label", "area", "kind", "label", *SUM_COLUMNS,
        "share", "evidence", "bases", "quotes",
    ]
    if not rows:
        return pd.DataFrame(columns=columns)
    ranked = pd.DataFrame(rows)
    ranked = ranked.sort_values(["central", "name"], ascending=[False, True]).reset_index(drop=True)
    ranked["rank"] = range(1, len(ranked) + 1)
    return ranked[columns]


def savings_by_evidence(
    figures: pd.DataFrame,
    schemes: pd.DataFrame,
    by: str,
    *,
    kind: str = RECURRING,
    adjustments: Mapping[str, float] | None = None,
    price_base_year: int | None = None,
    scheme_areas: pd.DataFrame | None = None,
    deflator: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One kind of saving per group split by strength of evidence (basis): the stacked bar.

    `share` is each piece's part of the kind's total over all counted figures; `group_central`
    is the group's own total, for ordering.
    """
    money = _counted(figures, adjustments, price_base_year, deflator)
    money = money[money["kind"] == kind]
    grouped = _with_groups(money, schemes, by, scheme_areas)
    total = float(money["central"].sum())
    rows = []
    for (group, basis), part in grouped.groupby(["group", "basis"], sort=True):
        rows.append(
            {
                "group": group,
                "basis": basis,
                "grade": GRADES[basis].code,
                "basis_label": basis_label(basis),
                "kind": kind,
                **_totals(part),
                "share": float(part["central"].sum()) / total if total else float("nan"),
            }
        )
    columns = ["group", "basis", "grade", "basis_label", "kind", *SUM_COLUMNS, "share"]
    if not rows:
        return pd.DataFrame(columns=[*columns, "group_central"])
    result = pd.DataFrame(rows, columns=columns)
    result["group_central"] = result.groupby("group")["central"].transform("sum")
    order = {basis: i for i, basis in enumerate(GRADES)}
    return result.sort_values(
        ["group_central", "group", "basis"],
        key=lambda col: col.map(order) if col.name == "basis" else col,
        ascending=[False, True, True],
    ).reset_index(drop=True)


def evidence_mix(by_evidence: pd.DataFrame) -> pd.DataFrame:
    """Share of the kind's total at each strength of evidence, strongest first."""
    if by_evidence.empty:
        return pd.DataFrame(columns=["basis", "basis_label", "central", "share"])
    mix = by_evidence.groupby(["basis", "basis_label"], as_index=False)[["central", "share"]].sum()
    order = {basis: i for i, basis in enumerate(GRADES)}
    return mix.sort_values("basis", key=lambda col: col.map(order)).reset_index(drop=True)


# --- the figures behind a chart ---------------------------------------------------------------


def contributing_figures(
    figures: pd.DataFrame,
    schemes: pd.DataFrame,
    by: str,
    *,
    kinds: Iterable[str] = SAVING_KINDS,
    adjustments: Mapping[str, float] | None = None,
    price_base_year: int | None = None,
    scheme_areas: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    deflator: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each money figure of the kinds, with its group, scheme, quote, source and locator.

    Restatements are listed too, with `counted` False and the reason, so a reader sees every
    document's words but knows which one the totals use.
    """
    money = money_figures(figures, adjustments, price_base_year, deflator)
    money = money[money["kind"].isin(list(kinds))]
    grouped = _with_groups(money, schemes, by, scheme_areas)
    names = schemes.set_index("scheme_id")["name"]
    result = grouped.assign(
        scheme=grouped["scheme_id"].map(names),
        counted=grouped["is_primary"].astype(bool),
        grade=grouped["basis"].map(basis_label),
    )
    result["source"] = result["source_id"].map(_source_titles(sources)).fillna(result["source_id"])
    return result.sort_values(["kind", "group", "central"], ascending=[True, True, False])


def _source_titles(sources: pd.DataFrame | None) -> dict[str, str]:
    """source_id -> 'Title (year)', the way a table names a document."""
    if sources is None:
        return {}
    return {
        row.source_id: f"{row.title} ({row.year})" for row in sources.itertuples(index=False)
    }


def document_years(source_ids: Iterable[str], sources: pd.DataFrame) -> str:
    """'2016' or '2014 to 2020': the years of the documents behind a chart."""
    wanted = {s for ids in source_ids for s in str(ids).split(";") if s}
    years = sources.loc[sources["source_id"].isin(wanted), "year"].astype(int)
    if years.empty:
        return ""
    low, high = int(years.min()), int(years.max())
    return str(low) if low == high else f"{low} to {high}"


def source_ids_of(*results: pd.DataFrame) -> list[str]:
    """The source ids behind one or more results (their ';'-joined source_ids columns)."""
    found = {
        s
        for result in results
        if "source_ids" in result
        for ids in result["source_ids"].dropna()
        for s in str(ids).split(";")
        if s
    }
    return sorted(found)


def has_figures(totals: pd.DataFrame, kinds: Iterable[str] | None = None) -> bool:
    """Whether any row of a totals result (of the given kinds) rests on at least one figure."""
    rows = totals if kinds is None else totals[totals["kind"].isin(list(kinds))]
    return bool(len(rows)) and int(rows["n_figures"].sum()) > 0
