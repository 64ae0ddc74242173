"""The traps a careful reader finds in the documents are in the data, flagged, not fixed."""

from __future__ import annotations

import pandas as pd
import pytest

from loaders.store import Store


def _rows(store: Store, compare_key: str) -> pd.DataFrame:
    return store.figures[store.figures["compare_key"] == compare_key].set_index("figure_id")


def test_surrey_gain_entry_requests_disagree_and_both_are_kept(store: Store) -> None:
    rows = _rows(store, "dm-surrey-sussex-forced-entry:gain-entry-requests-2015")
    assert rows["value"].to_dict() == {"ov-dm-004": 646.0, "mp-013": 644.0}
    assert rows["source_id"].to_dict() == {
        "ov-dm-004": "escwg-overview-2016",
        "mp-013": "escwg-ministerial-paper-2016",
    }
    assert rows["flags"].str.contains("conflict").all()


def test_northamptonshire_department_year_disagrees(store: Store) -> None:
    rows = _rows(store, "sa-northamptonshire-prevention-dept:formed-year")
    assert dict(zip(rows["source_id"], rows["value"], strict=True)) == {
        "escwg-overview-2016": 2015.0,
        "northants-jot-news-2014": 2014.0,
    }
    assert (rows["unit"] == "year").all()
    assert rows["flags"].str.contains("conflict").all()


def test_county_wide_telecare_return_missing_its_million_is_overridden_with_reason(
    store: Store,
) -> None:
    row = store.figures.set_index("figure_id").loc["ov-fr-038"]
    assert row["quote"] == "in excess of £2.2 per annum"
    assert row["value"] == 2_200_000
    assert row["qualifier"] == "at_least"
    assert row["recurrence"] == "per_year"
    assert {"missing_unit", "suspected_typo", "override"} <= set(row["flags"].split(";"))
    assert row["override_reason"]


def test_garbled_percentage_is_read_as_written_and_flagged(store: Store) -> None:
    row = store.figures.set_index("figure_id").loc["ov-fr-013"]
    assert (row["quote"], row["value"], row["unit"]) == ("55.%", 55.0, "percent")
    assert "suspected_typo" in row["flags"]


@pytest.mark.parametrize(
    ("quote", "measure"),
    [
        ("up to £580000 p.a.", "transfer"),  # police paying fire for shared space
        ("around £45m a year", "spend_baseline"),  # total contact and control spend
    ],
)
def test_money_that_is_not_a_saving_keeps_its_kind(store: Store, quote: str, measure: str) -> None:
    rows = store.figures[store.figures["quote"] == quote]
    assert len(rows) == 1
    assert rows.iloc[0]["measure"] == measure
    assert "not_a_saving" in rows.iloc[0]["flags"]


def test_up_to_is_an_upper_bound_not_a_value(store: Store) -> None:
    row = store.figures.set_index("figure_id").loc["ov-se-005"]
    assert (row["qualifier"], row["low"], row["high"]) == ("up_to", None, 580000.0) or (
        row["qualifier"] == "up_to" and pd.isna(row["low"]) and row["high"] == 580000.0
    )


def test_restated_figures_share_a_key_across_documents(store: Store) -> None:
    keyed = store.figures.dropna(subset=["compare_key"])
    across = keyed.groupby("compare_key")["source_id"].nunique()
    assert (across > 1).sum() >= 10, "the ministerial paper restates many overview figures"


def test_every_conflict_flag_has_a_partner_or_a_note(store: Store) -> None:
    conflicts = store.figures[store.figures["flags"].str.contains("conflict")]
    for _, row in conflicts.iterrows():
        partners = store.figures[store.figures["compare_key"] == row["compare_key"]]
        assert len(partners) > 1 or row["notes"], row["figure_id"]


@pytest.mark.parametrize(
    ("figure_id", "qualifier", "low", "high"),
    [
        ("ov-se-023", "at_least", 100_000.0, None),  # "six-figure investment"
        ("ov-se-024", "less_than", None, 1.0),  # "less than a mile away"
    ],
)
def test_curator_qualifier_overrides_keep_the_hedge(
    store: Store, figure_id: str, qualifier: str, low: float | None, high: float | None
) -> None:
    row = store.figures.set_index("figure_id").loc[figure_id]
    assert row["qualifier"] == qualifier
    assert pd.isna(row["low"]) if low is None else row["low"] == low
    assert pd.isna(row["high"]) if high is None else row["high"] == high
