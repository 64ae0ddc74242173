"""Every money figure with its bounds, its kind of money and its prudent value.

A quote such as "up to £580000 p.a." is not £580,000: it is anything from £0 to £580,000.
Each figure therefore carries a lower, central and upper amount (the upper may be open, for
"at least" and "in excess of"), a kind saying what the money is (a recurring saving, a one-off
saving, a capital receipt, a grant, a payment between services...) and a prudent central value
cut by the strength of its evidence (metrics.evidence). Totals are built from these rows by
metrics.savings, always one kind at a time.

Bounds by qualifier: exact and approx -> value/value/value; at_least -> value/value/open;
up_to and less_than -> 0/value/value; range -> low/midpoint/high. Recurring amounts quoted per
month, week or day are put on a per-year footing with the loader's annual equivalent.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from loaders.reference import load_deflator
from metrics.evidence import prudent_factor
from metrics.real_terms import rebase_factors
from metrics.restatements import primary_figures

# Kinds of money, in the order totals are shown. Ids are stable: other pages use them.
RECURRING = "recurring"
ONE_OFF = "one_off"
MULTI_YEAR = "multi_year"
BY_DATE = "by_date"
UNSPECIFIED = "unspecified"
CAPITAL_RECEIPT = "capital_receipt"

SAVING_KINDS: tuple[str, ...] = (RECURRING, ONE_OFF, MULTI_YEAR, BY_DATE, UNSPECIFIED)
HEADLINE_KINDS: tuple[str, ...] = (*SAVING_KINDS, CAPITAL_RECEIPT)
NON_SAVING_KINDS: tuple[str, ...] = (
    "wider_benefit",
    "cost",
    "grant",
    "transfer",
    "baseline",
    "context",
)

KIND_LABELS: Mapping[str, str] = {
    RECURRING: "Recurring savings (per year)",
    ONE_OFF: "One-off savings",
    MULTI_YEAR: "Savings over several years (total)",
    BY_DATE: "Cumulative savings by a date",
    UNSPECIFIED: "Savings with no stated period (ambiguous)",
    CAPITAL_RECEIPT: "Capital receipts (sale of sites or assets)",
    "wider_benefit": "Wider benefits to partners or society (not a saving)",
    "cost": "Costs: investment and running costs (not a saving)",
    "grant": "Grants and external funding (not a saving)",
    "transfer": "Payments between services (not a saving to the public purse)",
    "baseline": "Spend baselines and asset values (context, not a saving)",
    "context": "Costs to society quoted as context (not a saving)",
}

# Kinds whose value is a benefit claim, so a prudent (optimism-adjusted) value makes sense.
BENEFIT_KINDS: frozenset[str] = frozenset({*SAVING_KINDS, CAPITAL_RECEIPT, "wider_benefit"})

# Recurrence of the tidy table -> recurrence group. Per month/week/day are recurring too.
RECURRENCE_GROUPS: Mapping[str, str] = {
    "per_year": RECURRING,
    "per_month": RECURRING,
    "per_week": RECURRING,
    "per_day": RECURRING,
    "one_off": ONE_OFF,
    "total_over_period": MULTI_YEAR,
    "cumulative_by_date": BY_DATE,
}
RECURRENCE_LABELS: Mapping[str, str] = {
    RECURRING: "per year",
    ONE_OFF: "one-off",
    MULTI_YEAR: "total over several years",
    BY_DATE: "cumulative by a date",
    UNSPECIFIED: "period not stated",
}

_DERIVED_COLUMNS = {
    "kind", "kind_label", "is_saving", "recurrence_group", "lower", "central", "upper",
    "upper_open", "prudent_factor", "prudent", "annual_central", "price_factor", "cash_central",
    "is_primary",
}  # fmt: skip
MONEY_COLUMNS = [
    "figure_id",
    "scheme_id",
    "kind",
    "kind_label",
    "is_saving",
    "recurrence_group",
    "lower",
    "central",
    "upper",
    "upper_open",
    "prudent_factor",
    "prudent",
    "annual_central",
    "price_factor",
    "cash_central",
    "is_primary",
    "money_kind",
    "measure",
    "measure_label",
    "subject",
    "quote",
    "qualifier",
    "recurrence",
    "period",
    "period_years",
    "by_year",
    "annual_basis",
    "basis",
    "price_year",
    "source_id",
    "locator",
    "compare_key",
    "flags",
    "notes",
]


# What money_figures reads from the tidy figures table (and passes through).
_INPUT_COLUMNS = [
    c for c in MONEY_COLUMNS if c not in _DERIVED_COLUMNS
] + ["value", "low", "high", "annual_value", "unit"]


def recurrence_group(recurrence: pd.Series) -> pd.Series:
    """'recurring', 'one_off', 'multi_year', 'by_date', or 'unspecified' when not stated."""
    return recurrence.map(RECURRENCE_GROUPS).fillna(UNSPECIFIED).astype(object)


def money_kind_of(figures: pd.DataFrame) -> pd.Series:
    """The kind of money: savings split by recurrence, other money by what it is."""
    groups = recurrence_group(figures["recurrence"])
    is_saving = figures["money_kind"] == "saving"
    return groups.where(is_saving, figures["money_kind"]).astype(object)


def bounds(figures: pd.DataFrame) -> pd.DataFrame:
    """lower, central, upper and upper_open of each figure's own value, from its qualifier.

    >>> rows = pd.DataFrame({"qualifier": ["exact", "at_least", "up_to", "range"],
    ...                      "value": [10.0, 10.0, 10.0, 15.0],
    ...                      "low": [10.0, 10.0, None, 10.0], "high": [10.0, None, 10.0, 20.0]})
    >>> bounds(rows).to_dict("list")  # doctest: +NORMALIZE_WHITESPACE
    {'lower': [10.0, 10.0, 0.0, 10.0], 'central': [10.0, 10.0, 10.0, 15.0],
     'upper': [10.0, nan, 10.0, 20.0], 'upper_open': [False, True, False, False]}
    """
    value = figures["value"].astype(float)
    qualifier = figures["qualifier"]
    is_range = qualifier == "range"
    from_zero = qualifier.isin(["up_to", "less_than"])
    open_top = qualifier.isin(["at_least", "more_than"])
    low = figures["low"].astype(float)
    high = figures["high"].astype(float)
    central = value.where(~is_range, (low + high) / 2)
    lower = central.where(~from_zero, 0.0).where(~is_range, low)
    upper = central.where(~is_range, high).where(~open_top, np.nan)
    return pd.DataFrame(
        {"lower": lower, "central": central, "upper": upper, "upper_open": open_top},
        index=figures.index,
    )


def _per_year_scale(figures: pd.DataFrame) -> pd.Series:
    """x12 for a recurring amount quoted per month (x52 per week...); 1 for everything else."""
    recurring = recurrence_group(figures["recurrence"]) == RECURRING
    scale = figures["annual_value"].astype(float) / figures["value"].astype(float)
    return scale.where(recurring & scale.notna() & np.isfinite(scale), 1.0)


def money_figures(
    figures: pd.DataFrame,
    adjustments: Mapping[str, float] | None = None,
    price_base_year: int | None = None,
    deflator: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per money figure (unit GBP) with kind, bounds, prudent value and price base.

    Recurring amounts are per year. `price_base_year` is the financial-year start of the prices
    wanted (2024 for 2024-25 prices); None keeps cash terms. `is_primary` is False for a figure
    that restates another document's (same compare_key): shown, but never counted in totals.
    `annual_central` is the per-year equivalent where one exists (recurring and multi-year).
    """
    inputs = [c for c in _INPUT_COLUMNS if c in figures.columns]
    money = figures.loc[(figures["unit"] == "GBP") & figures["money_kind"].notna(), inputs]
    if money.empty:
        return pd.DataFrame(columns=MONEY_COLUMNS)
    kind = money_kind_of(money)
    scale = _per_year_scale(money)
    own = bounds(money)
    bounded = own[["lower", "central", "upper"]].mul(scale, axis=0)
    if price_base_year is None:
        price_factor = pd.Series(1.0, index=money.index)
    else:
        table = deflator if deflator is not None else load_deflator()
        price_factor = rebase_factors(money["price_year"], price_base_year, table)
    for column in ("lower", "central", "upper"):
        bounded[column] = bounded[column] * price_factor
    factor = prudent_factor(money["basis"], adjustments).where(kind.isin(BENEFIT_KINDS))
    result = money.assign(
        kind=kind,
        kind_label=kind.map(KIND_LABELS),
        is_saving=money["money_kind"] == "saving",
        recurrence_group=recurrence_group(money["recurrence"]),
        **bounded,
        upper_open=own["upper_open"],
        prudent_factor=factor,
        prudent=bounded["central"] * factor,
        annual_central=money["annual_value"].astype(float) * price_factor,
        price_factor=price_factor,
        cash_central=own["central"] * scale,
        is_primary=money.index.isin(primary_figures(money).index),
    )
    return result[MONEY_COLUMNS]


def achieved_only(figures: pd.DataFrame, include_estimates: bool) -> pd.DataFrame:
    """Figures kept when the user leaves out estimates, targets and anecdotes (basis 'actual')."""
    if include_estimates:
        return figures
    return figures[figures["basis"] == "actual"]


def adjustments_from_percent(percent: Mapping[str, int | float]) -> dict[str, float]:
    """Prudent adjustments from whole percentages (a page's sliders): {'estimate': 25} -> 0.25."""
    return {basis: float(share) / 100 for basis, share in percent.items()}


def parse_adjustments(text: str, bases: tuple[str, ...]) -> dict[str, float] | None:
    """'10,25,40,40' (percent, one per basis in order) as adjustments; None if malformed.

    >>> parse_adjustments("10,30", ("actual", "estimate"))
    {'actual': 0.1, 'estimate': 0.3}
    >>> parse_adjustments("10,x", ("actual", "estimate")) is None
    True
    """
    parts = text.split(",") if text else []
    if len(parts) != len(bases) or not all(p.isdigit() and int(p) <= 100 for p in parts):
        return None
    return adjustments_from_percent(dict(zip(bases, (int(p) for p in parts), strict=True)))


def adjustments_to_percent(adjustments: Mapping[str, float]) -> dict[str, int]:
    """Whole percentages for sliders: {'estimate': 0.25} -> {'estimate': 25}."""
    return {basis: round(share * 100) for basis, share in adjustments.items()}


def adjustments_text(adjustments: Mapping[str, float], bases: tuple[str, ...]) -> str:
    """The inverse of parse_adjustments, for a URL: {'actual': 0.1, ...} -> '10,...'."""
    percent = adjustments_to_percent(adjustments)
    return ",".join(str(percent[basis]) for basis in bases)
