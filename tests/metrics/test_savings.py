"""Savings totals on the shipped data, worked out by hand.

Each test picks its figures by id (and their schemes), so rows added later for other schemes do
not change the expected numbers. The picked figures:

    ov-sa-016  Lincolnshire   cashable savings of £430,000 per year       recurring  estimate
    ov-sa-017  Lincolnshire   approx. £899,000 from year 3                recurring  target
    ov-se-047  Norfolk        £14,000 per annum                           recurring  actual
    ov-se-023  Maltby         six-figure investment (£100,000)            one-off    estimate
    ov-se-004  Derbyshire     £1.5m of on going savings over ... 10 years multi-year estimate
    ov-jcr-006 Kent           an estimated £1.7m of savings by 2021       by a date  estimate
    ov-se-048  Norfolk        Planned Maintenance savings: £250,000       no period  actual
    ov-se-006  Hampshire      by up to £1.490m                            no period  estimate
    mp-017     Hampshire      being reduced by £1.490m (restates ov-se-006: not counted)
    mp-023     Kent           £1.7m of savings by 2021 (restates ov-jcr-006: not counted)
    ov-sa-015  Lincolnshire   capital receipts of £2.9m                   receipt    estimate
    ov-se-049  Norfolk        Receipt in from sale of old site: £451,000  receipt    actual
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from loaders.store import Store
from metrics.money import HEADLINE_KINDS, RECURRING
from metrics.savings import (
    MIXED,
    contributing_figures,
    document_years,
    evidence_mix,
    has_figures,
    headline_savings,
    non_savings_money,
    ranked_schemes,
    savings_by,
    savings_by_evidence,
    scheme_groups,
    services_label,
    source_ids_of,
)

PICKED = [
    "ov-sa-016", "ov-sa-017", "ov-se-047", "ov-se-023", "ov-se-004", "ov-jcr-006",
    "ov-se-048", "ov-se-006", "mp-017", "mp-023", "ov-sa-015", "ov-se-049",
]  # fmt: skip
NOT_SAVINGS = ["ov-se-005", "ov-sa-001", "ov-sa-002", "ov-jcr-004", "mp-024", "ov-se-027"]


def pick(store: Store, ids: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    figures = store.figures[store.figures["figure_id"].isin(ids)]
    schemes = store.schemes[store.schemes["scheme_id"].isin(figures["scheme_id"])]
    assert len(figures) == len(ids), "a picked figure is missing from the data"
    return figures, schemes


@pytest.fixture(scope="module")
def picked(store: Store) -> tuple[pd.DataFrame, pd.DataFrame]:
    return pick(store, PICKED)


@pytest.fixture(scope="module")
def headline(picked) -> pd.DataFrame:
    return headline_savings(*picked).set_index("kind")


# --- headline_savings ---------------------------------------------------------------------------


def test_headline_has_one_row_per_kind_in_order(picked) -> None:
    result = headline_savings(*picked)
    assert result["kind"].tolist() == list(HEADLINE_KINDS)
    for column in ("kind", "label", "lower", "central", "upper", "upper_open", "prudent",
                   "n_figures", "n_schemes", "figure_ids"):  # fmt: skip
        assert column in result.columns


def test_headline_recurring(headline: pd.DataFrame) -> None:
    row = headline.loc["recurring"]
    # £430,000 + £899,000 + £14,000 = £1,343,000 (all point figures: lower = upper)
    assert (row["lower"], row["central"], row["upper"]) == (1_343_000, 1_343_000, 1_343_000)
    # estimate 75%, target 60%, actual 90%: £322,500 + £539,400 + £12,600 = £874,500
    assert row["prudent"] == pytest.approx(874_500)
    assert (row["n_figures"], row["n_schemes"]) == (3, 2)
    # six picked schemes, two quote a recurring saving
    assert row["n_schemes_without"] == 4
    assert row["figure_ids"] == "ov-sa-016;ov-sa-017;ov-se-047"


def test_headline_other_kinds_are_kept_apart(headline: pd.DataFrame) -> None:
    assert headline.loc["one_off", "central"] == 100_000
    assert headline.loc["one_off", "prudent"] == pytest.approx(75_000)  # £100,000 x 0.75
    assert headline.loc["multi_year", "central"] == 1_500_000
    assert headline.loc["multi_year", "annual_central"] == 150_000  # £1.5m / 10 years
    # ov-jcr-006 only: its restatement mp-023 is not counted again
    assert headline.loc["by_date", "central"] == 1_700_000
    assert headline.loc["by_date", "figure_ids"] == "ov-jcr-006"


def test_headline_unspecified_uses_bounds_and_drops_the_restatement(
    headline: pd.DataFrame,
) -> None:
    row = headline.loc["unspecified"]
    # ov-se-048 £250,000 (point) + ov-se-006 "up to £1.490m" (0 to £1.49m); mp-017 not counted
    assert row["lower"] == 250_000  # £250,000 + £0
    assert row["central"] == 1_740_000  # £250,000 + £1,490,000
    assert row["upper"] == 1_740_000
    # actual 90% and estimate 75%: £225,000 + £1,117,500 = £1,342,500
    assert row["prudent"] == pytest.approx(1_342_500)
    assert row["figure_ids"] == "ov-se-006;ov-se-048"


def test_headline_capital_receipts(headline: pd.DataFrame) -> None:
    row = headline.loc["capital_receipt"]
    # £2,900,000 + £451,000 = £3,351,000; prudent £2,175,000 + £405,900 = £2,580,900
    assert row["central"] == 3_351_000
    assert row["prudent"] == pytest.approx(2_580_900)


def test_headline_upper_is_open_if_any_figure_is(store: Store) -> None:
    figures, schemes = pick(store, ["ov-se-003", "ov-se-047"])
    row = headline_savings(figures, schemes).set_index("kind").loc["recurring"]
    # "over £1.5 million" + £14,000: at least £1,514,000, no upper limit
    assert row["lower"] == 1_514_000 and row["central"] == 1_514_000
    assert row["upper_open"] and math.isnan(row["upper"])


def test_headline_in_real_terms(picked) -> None:
    row = headline_savings(*picked, price_base_year=2024).set_index("kind").loc["recurring"]
    # all from 2016 documents: £1,343,000 x 100 / 76.0754 = £1,765,353.85
    assert row["central"] == pytest.approx(1_765_353.85, abs=0.01)


def test_headline_never_counts_money_that_is_not_a_saving(store: Store) -> None:
    result = headline_savings(store.figures, store.schemes)
    counted = {i for ids in result["figure_ids"] for i in ids.split(";")}
    assert not counted & set(NOT_SAVINGS)
    assert "mp-017" not in counted and "ov-se-006" in counted


def test_empty_selection_gives_zero_rows(store: Store) -> None:
    result = headline_savings(store.figures.iloc[0:0], store.schemes.iloc[0:3])
    assert result["n_figures"].sum() == 0
    assert result["n_schemes_without"].tolist() == [3] * len(HEADLINE_KINDS)
    assert not has_figures(result)


# --- savings_by ---------------------------------------------------------------------------------


def test_recurring_by_theme(picked) -> None:
    result = savings_by(*picked, "theme", kinds=[RECURRING]).set_index("group")
    alliances = result.loc["Strategic alliances and partnerships"]
    # Lincolnshire: £430,000 + £899,000 = £1,329,000 of the £1,343,000 total (98.96%)
    assert alliances["central"] == 1_329_000
    assert alliances["share"] == pytest.approx(1_329_000 / 1_343_000)
    assert alliances["kind_total"] == 1_343_000
    estates = result.loc["Shared estates and assets"]
    assert estates["central"] == 14_000  # Norfolk
    # four picked estates schemes (Derbyshire, Hampshire, Maltby, Norfolk): three quote none
    assert (estates["n_schemes_in_group"], estates["n_schemes_without"]) == (4, 3)
    control = result.loc["Joint control rooms"]  # Kent quotes savings by a date only
    assert (control["central"], control["n_figures"], control["n_schemes_without"]) == (0, 0, 1)
    assert result.index[0] == "Strategic alliances and partnerships"  # largest first


def test_by_basis_groups_figures_not_schemes(picked) -> None:
    result = savings_by(*picked, "basis", kinds=[RECURRING]).set_index("group")
    assert result.loc["B: Estimated", "central"] == 430_000
    assert result.loc["C: Anticipated or potential", "central"] == 899_000
    assert result.loc["A: Achieved and measured", "central"] == 14_000


def test_by_services_involved(picked) -> None:
    result = savings_by(*picked, "services", kinds=[RECURRING]).set_index("group")
    # Lincolnshire and Norfolk both involve all three services: £1,329,000 + £14,000
    assert result.loc["Police + fire + ambulance", "central"] == 1_343_000
    assert result.loc["Police + fire", "central"] == 0
    assert result.loc["Police + fire", "n_schemes_without"] == 4


def test_by_status_and_main_area(picked) -> None:
    status = savings_by(*picked, "status", kinds=["one_off"]).set_index("group")
    assert status.loc["Planned / future", "central"] == 100_000  # Maltby is planned
    area = savings_by(*picked, "area", kinds=["capital_receipt"]).set_index("group")
    assert area.loc["Lincolnshire", "central"] == 2_900_000
    assert area.loc["Norfolk", "central"] == 451_000


def test_by_every_area_a_scheme_covers(store: Store, picked) -> None:
    result = savings_by(
        *picked, "area_any", kinds=["one_off"], scheme_areas=store.scheme_areas
    ).set_index("group")
    # Maltby lists two areas, so its £100,000 appears in both (groups overlap)
    assert result.loc["Maltby (South Yorkshire)", "central"] == 100_000
    assert result.loc["South Yorkshire", "central"] == 100_000
    with pytest.raises(ValueError, match="scheme_areas"):
        savings_by(*picked, "area_any")


def test_unknown_dimension_is_a_clear_error(picked) -> None:
    with pytest.raises(ValueError, match="unknown dimension 'colour'"):
        savings_by(*picked, "colour")


def test_kinds_are_never_mixed_in_a_row(picked) -> None:
    result = savings_by(*picked, "theme")
    assert result.groupby(["group", "kind"]).size().max() == 1
    assert set(result["kind"]) == set(HEADLINE_KINDS)


# --- ranked schemes and evidence ----------------------------------------------------------------


def test_ranked_schemes(picked) -> None:
    result = ranked_schemes(*picked)
    assert result["scheme_id"].tolist() == [
        "sa-lincolnshire-blue-light-collaboration",
        "se-norfolk-shared-estates",
    ]
    top = result.iloc[0]
    assert top["rank"] == 1 and top["central"] == 1_329_000
    assert top["prudent"] == pytest.approx(861_900)  # £322,500 + £539,400
    assert top["evidence"] == MIXED and top["bases"] == "estimate;target"
    assert "“cashable savings of £430,000 per year” (escwg-overview-2016" in top["quotes"]
    assert result.iloc[1]["evidence"] == "A: Achieved and measured"


def test_ranked_schemes_of_another_kind(picked) -> None:
    result = ranked_schemes(*picked, kind="unspecified")
    # Hampshire up to £1.49m, then Norfolk £250,000
    assert result["central"].tolist() == [1_490_000, 250_000]
    assert result.iloc[0]["lower"] == 0


def test_savings_by_evidence_and_mix(picked) -> None:
    pieces = savings_by_evidence(*picked, "theme")
    alliances = pieces[pieces["group"] == "Strategic alliances and partnerships"]
    assert alliances.set_index("basis")["central"].to_dict() == {
        "estimate": 430_000,
        "target": 899_000,
    }
    assert pieces.iloc[0]["group"] == "Strategic alliances and partnerships"  # largest first
    mix = evidence_mix(pieces).set_index("basis")
    # achieved: £14,000 / £1,343,000 = 1.04%
    assert mix.loc["actual", "share"] == pytest.approx(14_000 / 1_343_000)
    assert mix["share"].sum() == pytest.approx(1.0)


# --- money that is not a saving -----------------------------------------------------------------


def test_non_savings_money(store: Store) -> None:
    figures, schemes = pick(store, NOT_SAVINGS)
    result = non_savings_money(figures, schemes).set_index(["kind", "recurrence_group"])
    # one-off costs: £6.6m control centre (mp-024 restates it, not counted) + £1.2m Maltby
    cost = result.loc[("cost", "one_off")]
    assert cost["central"] == 7_800_000 and cost["figure_ids"] == "ov-jcr-004;ov-se-027"
    # "up to £580000 p.a." paid by police to fire: £0 to £580,000 a year
    transfer = result.loc[("transfer", "recurring")]
    assert (transfer["lower"], transfer["central"]) == (0, 580_000)
    # £18k + £10k with no stated period = £28,000
    assert result.loc[("transfer", "unspecified"), "central"] == 28_000
    assert all("not a saving" in label for label in result["label"])
    assert not result["is_saving"].any()
    assert result["prudent"].isna().all()


# --- the figures behind a chart -----------------------------------------------------------------


def test_contributing_figures_list_restatements_as_not_counted(store: Store, picked) -> None:
    rows = contributing_figures(
        *picked, "theme", kinds=["unspecified"], sources=store.sources
    ).set_index("figure_id")
    assert set(rows.index) == {"ov-se-006", "mp-017", "ov-se-048"}
    assert rows.loc["ov-se-006", "counted"] and not rows.loc["mp-017", "counted"]
    assert rows.loc["mp-017", "quote"] == "being reduced by £1.490m"
    assert rows.loc["ov-se-048", "source"] == "National Overview 2016 (2016)"
    assert rows.loc["ov-se-048", "group"] == "Shared estates and assets"


def test_document_years_and_source_ids(store: Store, picked) -> None:
    result = savings_by(*picked, "theme")
    ids = source_ids_of(result)
    assert ids == ["escwg-overview-2016"]
    assert document_years(ids, store.sources) == "2016"
    both = ["escwg-overview-2016", "cambs-interop-update-2020"]
    assert document_years(both, store.sources) == "2016 to 2020"


def test_group_labels(store: Store) -> None:
    assert services_label("ambulance;fire;local_authority") == "Fire + ambulance"
    groups = scheme_groups(store.schemes, "theme").set_index("scheme_id")["group"]
    assert groups["se-norfolk-shared-estates"] == "Shared estates and assets"
