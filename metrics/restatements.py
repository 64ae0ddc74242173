"""One figure per fact: documents restate each other, and totals must not count a fact twice.

Rows that state the same fact share a `compare_key`. For totals we keep one row per key,
preferring the main source (the National Overview), then the most detailed restatement.
"""

from __future__ import annotations

import pandas as pd

# Lower number = preferred when the same fact is stated in several documents.
SOURCE_PRIORITY = {
    "escwg-overview-2016": 0,
    "escwg-ministerial-paper-2016": 1,
    "current-picture-article-2015": 2,
    "cambs-interop-update-2020": 3,
    "northants-jot-news-2014": 4,
}


def primary_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """Drop restatements: keep one row per compare_key (rows without a key are all kept)."""
    if figures.empty:
        return figures
    keyed = figures["compare_key"].notna() & (figures["compare_key"] != "")
    ranked = figures[keyed].assign(
        _rank=figures.loc[keyed, "source_id"].map(SOURCE_PRIORITY).fillna(99)
    )
    kept = ranked.sort_values(["compare_key", "_rank", "figure_id"]).drop_duplicates("compare_key")
    return pd.concat([figures[~keyed], kept.drop(columns="_rank")]).sort_index()


def restatements(figures: pd.DataFrame) -> pd.DataFrame:
    """Rows of figures that share a compare_key with another row, grouped by key."""
    keyed = figures[figures["compare_key"].notna() & (figures["compare_key"] != "")]
    counts = keyed.groupby("compare_key")["figure_id"].transform("size")
    return keyed[counts > 1].sort_values(["compare_key", "source_id"])
