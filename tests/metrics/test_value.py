"""Value for money on the shipped data: CRIT's ratios by hand, bands, checks, Maltby's payback."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from loaders.store import Store
from metrics.value import (
    COVERAGE_ALL,
    COVERAGE_PART,
    benefit_coverage,
    benefit_scope,
    check_ratio,
    combine_qualifiers,
    divide_qualifiers,
    document_years,
    investments_and_savings,
    quoted_precision,
    quoted_ratios,
    recomputed_ratios,
    select_ratio_kinds,
    source_ids,
    value_for_money,
    vfm_band,
    vfm_summary,
)

CRIT = "wc-greater-manchester-crit"
SALFORD = "wc-greater-manchester-salford-prevention-hub"
MALTBY = "se-south-yorkshire-maltby"
MERSEYSIDE = "jcr-merseyside-joint-command-control"
NORFOLK = "jcr-norfolk-control-room-integration"


def scheme_figures(store: Store, *scheme_ids: str) -> pd.DataFrame:
    return store.figures[store.figures["scheme_id"].isin(scheme_ids)]


def one(table: pd.DataFrame, **where: str) -> pd.Series:
    rows = table
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, rows
    return rows.iloc[0]


# --- bands and small rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratio", "band"),
    [
        (0.4, "poor"),
        (0.999, "poor"),
        (1.0, "low"),
        (1.3, "low"),
        (1.499, "low"),
        (1.5, "medium"),
        (1.654, "medium"),
        (1.8, "medium"),
        (2.0, "high"),
        (4.5, "high"),
        (math.nan, None),
    ],
)
def test_vfm_bands_follow_dft_categories(ratio: float, band: str | None) -> None:
    assert vfm_band(ratio) == band


def test_quoted_precision_is_one_unit_in_the_last_place() -> None:
    assert quoted_precision(1.6) == pytest.approx(0.1)
    assert quoted_precision(1.25) == pytest.approx(0.01)
    assert quoted_precision(2.0) == pytest.approx(1.0)


def test_check_accepts_a_truncated_quote_and_rejects_a_different_ratio() -> None:
    # 1,356,589 / 820,152 = 1.65407...; quoted 1:1.6 -> differs by 0.054 < 0.1: consistent
    consistent, difference, tolerance = check_ratio(1356589 / 820152, 1.6)
    assert consistent and difference == pytest.approx(0.054) and tolerance == pytest.approx(0.1)
    # 1.654 vs 1:1.3 differs by 0.354 > 0.1
    assert not check_ratio(1356589 / 820152, 1.3)[0]
    # a rounded quote agrees too: 1.66 written 1:1.7 differs by -0.04
    assert check_ratio(1.66, 1.7)[0]


def test_qualifiers_of_sums_and_ratios() -> None:
    assert combine_qualifiers(["exact", "exact"]) == "exact"
    assert combine_qualifiers(["exact", "approx"]) == "approx"
    assert combine_qualifiers(["at_least", "up_to"]) == "approx"
    # dividing by an 'at least' saving gives an 'up to' payback
    assert divide_qualifiers("exact", "at_least") == "up_to"
    assert divide_qualifiers("at_least", "exact") == "at_least"
    assert divide_qualifiers("exact", "approx") == "approx"


def test_coverage_and_scope_read_from_the_curated_subject(store: Store) -> None:
    subjects = store.figures.set_index("figure_id")["subject"]
    assert benefit_coverage(subjects["ov-wc-001"]) == COVERAGE_ALL
    assert benefit_coverage(subjects["ov-wc-004"]) == COVERAGE_PART
    assert benefit_scope(subjects["ov-wc-001"]) == "fiscal benefits"
    assert benefit_scope(subjects["ov-wc-003"], "wider_benefit") == "fiscal benefits"
    assert benefit_scope("Avoided running costs", "saving") == "savings to the services"
    assert benefit_scope("Social return on investment", "wider_benefit") == (
        "wider (social) benefits"
    )


# --- ratios on the shipped data ----------------------------------------------------------------


def test_quoted_ratios_of_crit_and_salford(store: Store) -> None:
    quoted = quoted_ratios(scheme_figures(store, CRIT, SALFORD))
    # CRIT quotes 1:1.6 (all agencies) and 1:1.3 (partners only); Salford 1:1.8. The
    # ministerial paper restates both CRIT ratios (mp-035, mp-038): counted once.
    assert sorted(quoted["ratio"]) == [1.3, 1.6, 1.8]
    assert set(quoted["figure_ids"]) == {"ov-wc-001", "ov-wc-004", "ov-wc-010"}
    assert one(quoted, figure_ids="ov-wc-004")["band"] == "low"  # 1 <= 1.3 < 1.5
    assert one(quoted, figure_ids="ov-wc-010")["band"] == "medium"  # 1.5 <= 1.8 < 2


def test_crit_ratio_recomputed_from_its_annual_cost_and_benefit(store: Store) -> None:
    recomputed = recomputed_ratios(scheme_figures(store, CRIT))
    row = one(recomputed, scheme_id=CRIT)
    # £1,356,589 fiscal benefits a year / £820,152 cost a year = 1.65407...
    assert row["ratio"] == pytest.approx(1356589 / 820152)
    assert row["ratio"] == pytest.approx(1.654, abs=5e-4)
    assert row["band"] == "medium"
    assert row["benefit_scope"] == "fiscal benefits"
    assert row["coverage"] == COVERAGE_ALL
    assert row["figure_ids"] == "ov-wc-003;ov-wc-002"  # benefit;cost, overview rows preferred
    assert row["benefit_value"] == 1356589 and row["cost_value"] == 820152


def test_recomputed_crit_ratio_is_checked_against_the_quote_of_the_same_coverage(
    store: Store,
) -> None:
    table = value_for_money(scheme_figures(store, CRIT), store.schemes)
    recomputed = one(table, ratio_kind="recomputed")
    assert recomputed["compared_with"] == "ov-wc-001"  # 1:1.6, not the partners-only 1:1.3
    assert recomputed["check"] == "consistent with the quoted ratio to 1 decimal place"
    assert recomputed["difference"] == pytest.approx(0.054)  # 1.654 - 1.6
    quoted_all = one(table, figure_ids="ov-wc-001")
    assert quoted_all["check"].startswith("consistent with the recomputed ratio")
    partners = one(table, figure_ids="ov-wc-004")
    assert partners["check"].startswith("not recomputable")
    assert set(table["scheme_name"]) == {
        "Greater Manchester Community Risk Intervention Team (CRIT)"
    }


def test_a_quote_that_does_not_match_its_money_is_flagged(store: Store) -> None:
    figures = scheme_figures(store, CRIT).copy()
    figures.loc[figures["figure_id"] == "ov-wc-001", "value"] = 2.5  # pretend it said 1:2.5
    table = value_for_money(figures)
    recomputed = one(table, ratio_kind="recomputed")
    # 1.654 - 2.5 = -0.846, far outside 0.1
    assert recomputed["check"].startswith("inconsistent")
    assert recomputed["difference"] == pytest.approx(-0.846)
    assert vfm_summary(table, investments_and_savings(figures))["inconsistent"] == 1


def test_every_ratio_row_keeps_its_figure_ids_and_quotes(store: Store) -> None:
    table = value_for_money(scheme_figures(store, CRIT, SALFORD), store.schemes)
    assert table["figure_ids"].str.len().gt(0).all()
    assert set(table["quote"]) >= {"1:1.6", "1:1.3", "1:1.8"}
    assert source_ids(table) == ["escwg-overview-2016"]
    assert document_years(source_ids(table), store.sources) == "2016"
    assert len(select_ratio_kinds(table, ("quoted",))) == 3


def test_summary_counts(store: Store) -> None:
    figures = scheme_figures(store, CRIT, SALFORD, MALTBY, MERSEYSIDE, NORFOLK)
    summary = vfm_summary(value_for_money(figures), investments_and_savings(figures))
    assert summary == {
        "quoted": 3,
        "recomputed": 1,
        "consistent": 1,
        "inconsistent": 0,
        "schemes_with_ratio": 2,
        "investments": 3,
        "with_payback": 1,  # Maltby only
    }


def test_no_ratio_gives_an_empty_table(store: Store) -> None:
    assert value_for_money(scheme_figures(store, MALTBY)).empty


# --- investments and payback -------------------------------------------------------------------


def test_maltby_payback_by_hand(store: Store) -> None:
    table = investments_and_savings(scheme_figures(store, MALTBY), store.schemes)
    row = one(table, scheme_id=MALTBY)
    assert row["investment"] == 1_200_000  # 'total cost of £1.2 million' (ov-se-027)
    assert row["annual_saving"] == 16_000  # 'around £16,000 per year' (ov-se-046)
    assert row["annual_saving_qualifier"] == "approx"
    # £1,200,000 / £16,000 a year = 75 years; 'around' makes it about 75
    assert row["payback_years"] == pytest.approx(75.0)
    assert row["payback_qualifier"] == "approx"
    # the £40,000 with no stated period (ov-se-045) is not used, only in the sensitivity:
    # £1,200,000 / (£16,000 + £40,000) = 21.43 years
    assert row["unspecified_savings"] == 40_000
    assert row["payback_years_if_unspecified_annual"] == pytest.approx(1_200_000 / 56_000)
    assert row["one_off_savings"] == 100_000  # 'six-figure investment' avoided (ov-se-023)
    assert "ov-se-045" in row["checks"]
    assert set(row["figure_ids"].split(";")) == {"ov-se-027", "ov-se-023", "ov-se-045", "ov-se-046"}


def test_investments_without_a_recurring_saving_say_why(store: Store) -> None:
    table = investments_and_savings(scheme_figures(store, MERSEYSIDE, NORFOLK), store.schemes)
    merseyside = one(table, scheme_id=MERSEYSIDE)
    # £6.6m is stated in both documents (ov-jcr-004, mp-024): one row
    assert merseyside["investment"] == 6_600_000
    assert merseyside["figure_ids"] == "ov-jcr-004"
    assert math.isnan(merseyside["payback_years"])
    assert "no quantified saving" in merseyside["checks"]
    norfolk = one(table, scheme_id=NORFOLK)
    assert norfolk["investment"] == 150_000_000
    assert "suspected typo" in norfolk["checks"]
    assert "not stated" in norfolk["checks"]
    assert "not yet committed" in norfolk["checks"]


def test_running_costs_are_not_investments(store: Store) -> None:
    # CRIT's £820,152 is a cost per year: it belongs in the ratio, not in a payback
    assert investments_and_savings(scheme_figures(store, CRIT)).empty


def test_docstring_examples_hold() -> None:
    import doctest

    import metrics.value

    assert doctest.testmod(metrics.value).failed == 0
