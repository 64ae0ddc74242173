"""Data quality: one table of everything a reader should know before trusting a figure.

Issues come from the data themselves, never fixed silently (see data/CURATION.md):

- conflict: rows sharing a `compare_key` (the same fact, in two documents or twice in one) whose
  values differ, found here by comparing them; plus rows the curator flagged `conflict` whose
  counterpart is not in the store (yet);
- suspected_typo, missing_unit, ambiguous_period, ambiguous_scope: the curator's flags, with the
  note saying why;
- override: a quote that cannot be read as written, with the value used and the reason;
- not_a_saving: money that is not a saving (costs, grants, transfers, baselines...), with its kind,
  so no one adds it to savings.

A figure with several issues appears once per issue. Every row names its figure ids, quotes,
sources and why.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class IssueType:
    label: str
    meaning: str


ISSUE_TYPES: dict[str, IssueType] = {
    "conflict": IssueType("Documents disagree", "The same fact is given with different values."),
    "suspected_typo": IssueType(
        "Suspected typo", "The number as printed looks wrong; kept as written."
    ),
    "missing_unit": IssueType(
        "Missing unit", "The quote has no unit or currency sign; one was assumed."
    ),
    "ambiguous_period": IssueType(
        "Ambiguous period", "Not clear whether the figure is per year, one-off or over a period."
    ),
    "ambiguous_scope": IssueType(
        "Ambiguous scope", "Not clear which area, group or organisation the figure covers."
    ),
    "override": IssueType(
        "Value overridden", "The quote cannot be read as written; a stated value is used instead."
    ),
    "not_a_saving": IssueType(
        "Money that is not a saving",
        "Costs, grants, transfers, baselines and wider benefits: reported apart from savings.",
    ),
}

MONEY_KIND_WHY = {
    "cost": "a cost (investment or running cost) of the scheme",
    "grant": "a grant or external funding: money paid in, not saved",
    "transfer": "one public service paying another: not a saving to the public purse",
    "baseline": "a spend baseline or asset value, given as context",
    "wider_benefit": "a benefit to partners or society, not a saving to the services themselves",
    "capital_receipt": "a one-off receipt from selling an asset, kept apart from savings",
    "context": "a national or local cost quoted as context",
}

QUALITY_COLUMNS = [
    "issue_type",
    "issue",
    "figure_ids",
    "scheme_ids",
    "subject",
    "quotes",
    "values",
    "money_kind",
    "source_ids",
    "sources",
    "locators",
    "why",
]

BOUND_QUALIFIERS = {"at_least", "up_to", "less_than", "more_than"}
FORWARD_BASES = {"estimate", "target"}
"""Bases of a benefit not yet achieved: stated as achieved elsewhere, the documents disagree."""
_QUOTE_SEP = " | "


def _flags(figures: pd.DataFrame) -> pd.Series:
    return figures["flags"].fillna("").str.split(";")


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _join(values: list | pd.Series, sep: str = ";") -> str:
    kept = [_text(v) for v in values if _text(v)]
    return sep.join(dict.fromkeys(kept))


def _value_text(row: pd.Series) -> str:
    """The number the loader read, with qualifier and unit, for comparing statements."""
    if pd.isna(row["value"]):
        return ""
    qualifier = _text(row["qualifier"])
    prefix = "" if qualifier in ("", "exact") else qualifier.replace("_", " ") + " "
    unit, value = _text(row["unit"]), float(row["value"])
    if unit == "GBP":
        return f"{prefix}£{value:,.10g}"
    number = f"{value:.10g}" if unit == "year" else f"{value:,.10g}"
    return f"{prefix}{number} {unit}".strip()


def _row(issue_type: str, rows: pd.DataFrame, why: str, titles: dict[str, str]) -> dict:
    money_kinds = _join(rows["money_kind"])
    return {
        "issue_type": issue_type,
        "issue": ISSUE_TYPES[issue_type].label,
        "figure_ids": _join(rows["figure_id"]),
        "scheme_ids": _join(rows["scheme_id"]),
        "subject": _text(rows["subject"].iloc[0]),
        "quotes": _join(rows["quote"], _QUOTE_SEP),
        "values": _join([_value_text(r) for _, r in rows.iterrows()], _QUOTE_SEP),
        "money_kind": money_kinds,
        "source_ids": _join(rows["source_id"]),
        "sources": _join([titles.get(s, s) for s in rows["source_id"]], _QUOTE_SEP),
        "locators": _join(rows["locator"], _QUOTE_SEP),
        "why": why,
    }


def _differs(group: pd.DataFrame) -> str:
    """Why the statements of one fact disagree, or '' when they agree.

    Values or units that differ disagree; so does the same number with a bound on one side only
    ('up to 700' vs '700'), or stated as achieved in one place and as expected in another
    (a difference in grading against 'context' is not a disagreement between documents).
    'around 60%' vs '60%' alone does not, unless the curator flagged the rows as a conflict.
    """
    reasons = []
    if len(group[["value", "unit"]].astype(str).drop_duplicates()) > 1:
        reasons.append("different values")
    bounds = {q if q in BOUND_QUALIFIERS else "plain" for q in group["qualifier"].fillna("exact")}
    if len(bounds) > 1:
        reasons.append("different qualifier")
    bases = list(dict.fromkeys(group["basis"].dropna()))
    if "actual" in bases and set(bases) & FORWARD_BASES:
        reasons.append(f"achieved in one, expected in another ({' vs '.join(bases)})")
    if not reasons and _flags(group).map(lambda f: "conflict" in f).any():
        reasons.append("flagged by the curator")
    return ", ".join(reasons)


def conflicts(figures: pd.DataFrame, titles: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per fact stated with different values; and curator-flagged conflicts whose
    counterpart is not loaded."""
    titles = titles or {}
    keyed = figures[figures["compare_key"].fillna("") != ""]
    rows, covered = [], set()
    for key, group in keyed.groupby("compare_key", sort=True):
        if len(group) < 2 or not (kind := _differs(group)):
            continue
        stated = "; ".join(
            f"{titles.get(r.source_id, r.source_id)} says {r.quote!r}" for r in group.itertuples()
        )
        notes = _join(group["notes"], " ")
        why = f"{kind[0].upper()}{kind[1:]}: {stated}. {notes} (Comparison key: {key}.)"
        rows.append(_row("conflict", group, " ".join(why.split()), titles))
        covered |= set(group["figure_id"])
    flagged = figures[_flags(figures).map(lambda f: "conflict" in f)]
    for _, r in flagged[~flagged["figure_id"].isin(covered)].iterrows():
        why = "Flagged by the curator; the other statement is not in the filtered data. "
        rows.append(_row("conflict", r.to_frame().T, why + _text(r["notes"]), titles))
    return pd.DataFrame(rows, columns=QUALITY_COLUMNS)


def _flagged(figures: pd.DataFrame, flag: str, titles: dict[str, str]) -> list[dict]:
    chosen = figures[_flags(figures).map(lambda f: flag in f)]
    rows = []
    for _, r in chosen.iterrows():
        why = _text(r["notes"]) or f"Flagged {ISSUE_TYPES[flag].label.lower()}; no note given."
        rows.append(_row(flag, r.to_frame().T, why, titles))
    return rows


def _overrides(figures: pd.DataFrame, titles: dict[str, str]) -> list[dict]:
    chosen = figures[_flags(figures).map(lambda f: "override" in f)]
    rows = []
    for _, r in chosen.iterrows():
        why = f"Value used: {_value_text(r)}. {_text(r['override_reason'])}".strip()
        rows.append(_row("override", r.to_frame().T, why, titles))
    return rows


def _not_savings(figures: pd.DataFrame, titles: dict[str, str]) -> list[dict]:
    chosen = figures[_flags(figures).map(lambda f: "not_a_saving" in f)]
    rows = []
    for _, r in chosen.iterrows():
        kind = _text(r["money_kind"])
        what = MONEY_KIND_WHY.get(kind, f"money of kind {kind!r}")
        why = f"{r['measure_label']}: {what}. Reported separately, never added to savings."
        rows.append(_row("not_a_saving", r.to_frame().T, why, titles))
    return rows


def quality_table(figures: pd.DataFrame, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every data-quality issue in `figures`, one row per issue, in ISSUE_TYPES order."""
    titles = (
        dict(zip(sources["source_id"], sources["title"], strict=True))
        if sources is not None and not sources.empty
        else {}
    )
    parts = [conflicts(figures, titles)]
    rows: list[dict] = []
    for flag in ("suspected_typo", "missing_unit", "ambiguous_period", "ambiguous_scope"):
        rows += _flagged(figures, flag, titles)
    rows += _overrides(figures, titles) + _not_savings(figures, titles)
    parts.append(pd.DataFrame(rows, columns=QUALITY_COLUMNS))
    table = pd.concat([p for p in parts if not p.empty] or parts[:1], ignore_index=True)
    return table.reindex(columns=QUALITY_COLUMNS)


def quality_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Issues and figures involved per issue type, every type listed (zero when none)."""
    rows = []
    for issue_type, info in ISSUE_TYPES.items():
        chosen = table[table["issue_type"] == issue_type]
        figure_ids = {i for ids in chosen["figure_ids"] for i in str(ids).split(";") if i}
        rows.append(
            {
                "issue_type": issue_type,
                "issue": info.label,
                "meaning": info.meaning,
                "n_issues": len(chosen),
                "n_figures": len(figure_ids),
                "figure_ids": ";".join(sorted(figure_ids)),
            }
        )
    return pd.DataFrame(rows)


def select_issues(table: pd.DataFrame, issue_types: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """Rows of the chosen issue types (all rows when none is chosen)."""
    return table[table["issue_type"].isin(issue_types)] if issue_types else table
