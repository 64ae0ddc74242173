"""The data-quality table on the shipped data: conflicts between documents, flags, overrides and
money that is not a saving, each naming its figures, quotes, sources and why."""

from __future__ import annotations

import pandas as pd
import pytest

from loaders.store import Store
from metrics.quality import ISSUE_TYPES, conflicts, quality_summary, quality_table, select_issues


def pick(store: Store, *figure_ids: str) -> pd.DataFrame:
    return store.figures[store.figures["figure_id"].isin(figure_ids)]


def require(store: Store, *figure_ids: str) -> None:
    missing = set(figure_ids) - set(store.figures["figure_id"])
    if missing:
        pytest.skip(f"rows {sorted(missing)} (ministerial paper) are not in data/figures.csv yet")


def rows_with(table: pd.DataFrame, figure_id: str, issue_type: str) -> pd.DataFrame:
    ids = table["figure_ids"].str.split(";")
    return table[ids.map(lambda i: figure_id in i) & (table["issue_type"] == issue_type)]


def test_surrey_gain_entry_646_vs_644_is_a_conflict(store: Store) -> None:
    require(store, "ov-dm-004", "mp-013")
    table = quality_table(pick(store, "ov-dm-004", "mp-013"), store.sources)
    (row,) = table[table["issue_type"] == "conflict"].itertuples()
    assert row.figure_ids == "ov-dm-004;mp-013"
    assert row.quotes == "646 incidents | 644 requests to gain entry"
    assert row.values == "646 count | 644 count"
    assert row.source_ids == "escwg-overview-2016;escwg-ministerial-paper-2016"
    assert "National Overview 2016" in row.sources
    assert row.why.startswith("Different values: National Overview 2016 says '646 incidents'")
    assert "644 requests to gain entry" in row.why


def test_same_number_with_up_to_on_one_side_is_a_conflict(store: Store) -> None:
    require(store, "mp-017")
    (row,) = conflicts(pick(store, "ov-se-006", "mp-017")).itertuples()
    assert row.values == "up to £1,490,000 | £1,490,000"
    assert row.why.startswith("Different qualifier:")


def test_conflict_within_one_document(store: Store) -> None:
    # The Salford hub's heading says June 2016, its text June 2015.
    (row,) = conflicts(pick(store, "ov-wc-005", "ov-wc-006")).itertuples()
    assert row.values == "2016 year | 2015 year"
    assert row.scheme_ids == "wc-greater-manchester-salford-prevention-hub"


def test_agreeing_restatements_are_not_conflicts(store: Store) -> None:
    require(store, "mp-012", "mp-035")
    # 138 hours in both documents; 1:1.6 in both documents
    assert conflicts(pick(store, "ov-dm-008", "mp-012", "ov-wc-001", "mp-035")).empty


def test_flagged_conflict_without_its_counterpart_still_shows(store: Store) -> None:
    (row,) = conflicts(pick(store, "ov-dm-004")).itertuples()
    assert row.figure_ids == "ov-dm-004"
    assert row.why.startswith("Flagged by the curator; the other statement is not in")


def test_flags_override_and_not_a_saving_for_the_gloucestershire_typo(store: Store) -> None:
    # ov-fr-038 'in excess of £2.2 per annum': missing_unit;suspected_typo;override;not_a_saving
    table = quality_table(pick(store, "ov-fr-038"), store.sources)
    assert list(table["issue_type"]) == [
        "suspected_typo",
        "missing_unit",
        "override",
        "not_a_saving",
    ]
    override = table.set_index("issue_type").loc["override"]
    assert override["why"].startswith("Value used: at least £2,200,000.")
    assert "read as £2.2m" in override["why"]
    assert table.set_index("issue_type").loc["not_a_saving", "money_kind"] == "wider_benefit"
    assert (table["quotes"] == "in excess of £2.2 per annum").all()


def test_money_that_is_not_a_saving_says_its_kind(store: Store) -> None:
    table = quality_table(pick(store, "ov-se-005", "ov-wc-002", "ov-se-001"), store.sources)
    chosen = table[table["issue_type"] == "not_a_saving"].set_index("figure_ids")
    assert chosen.loc["ov-se-005", "money_kind"] == "transfer"
    assert "not a saving to the public purse" in chosen.loc["ov-se-005", "why"]
    assert chosen.loc["ov-wc-002", "money_kind"] == "cost"
    assert chosen.loc["ov-se-001", "money_kind"] == "grant"


def test_ambiguity_flags_carry_the_curators_note(store: Store) -> None:
    table = quality_table(pick(store, "ov-se-004", "ov-se-043"), store.sources)
    period = rows_with(table, "ov-se-004", "ambiguous_period").iloc[0]
    assert period["quotes"] == "£1.5m of on going savings over the next 10 years"
    scope = rows_with(table, "ov-se-043", "ambiguous_scope").iloc[0]
    assert "attributed to Dorset" in scope["why"]


def test_summary_counts_every_issue_type(store: Store) -> None:
    summary = quality_summary(quality_table(pick(store, "ov-fr-038"), store.sources))
    assert list(summary["issue_type"]) == list(ISSUE_TYPES)
    counts = dict(zip(summary["issue_type"], summary["n_issues"], strict=True))
    # one figure with four flags -> one issue in each of four types, none in the others
    assert counts == {
        "conflict": 0,
        "suspected_typo": 1,
        "missing_unit": 1,
        "ambiguous_period": 0,
        "ambiguous_scope": 0,
        "override": 1,
        "not_a_saving": 1,
    }


def test_summary_counts_figures_in_conflicts(store: Store) -> None:
    require(store, "mp-013")
    summary = quality_summary(
        conflicts(pick(store, "ov-dm-004", "mp-013", "ov-wc-005", "ov-wc-006"))
    )
    conflict = summary.set_index("issue_type").loc["conflict"]
    assert conflict["n_issues"] == 2  # Surrey 646/644 and Salford 2016/2015
    assert conflict["n_figures"] == 4


def test_select_issues(store: Store) -> None:
    table = quality_table(pick(store, "ov-fr-038", "ov-se-005"), store.sources)
    assert set(select_issues(table, ["not_a_saving"])["figure_ids"]) == {"ov-fr-038", "ov-se-005"}
    assert len(select_issues(table, [])) == len(table)


def test_whole_store_every_row_names_figures_quotes_sources_and_why(store: Store) -> None:
    table = quality_table(store.figures, store.sources)
    for column in ("figure_ids", "quotes", "source_ids", "sources", "why"):
        assert (table[column].str.len() > 0).all(), column
    known = set(store.figures["figure_id"])
    assert {i for ids in table["figure_ids"] for i in ids.split(";")} <= known
