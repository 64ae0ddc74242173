"""Overview metrics on the shipped data: counts worked out by hand from data/*.csv.

Each test picks its schemes by id, so rows added later for other schemes do not change it.
"""

from __future__ import annotations

import pandas as pd
import pytest

from loaders.reference import load_pfa
from loaders.store import Store
from metrics.overview import (
    count_value,
    headline_counts,
    map_table,
    scheme_force_areas,
    schemes_by_theme_status,
    unmapped_schemes,
)

MALTBY = "se-south-yorkshire-maltby"
NORFOLK = "se-norfolk-shared-estates"
LONDON_DEFIB = "fr-london-cardiac-arrest"
SURREY_ENTRY = "dm-surrey-sussex-forced-entry"
ESSEX = "fr-essex-cardiac-arrest"
NATIONAL = "sa-national-aace-cfoa-consensus"
LONDON_LFB = "fr-london-lfb-co-responding"


def _schemes(store: Store, *ids: str) -> pd.DataFrame:
    return store.schemes[store.schemes["scheme_id"].isin(ids)]


def _figures(store: Store, *ids: str) -> pd.DataFrame:
    return store.figures[store.figures["scheme_id"].isin(ids)]


@pytest.fixture(scope="module")
def pfa() -> pd.DataFrame:
    return load_pfa()


# --- headline counts ---------------------------------------------------------------------------


def test_headline_counts_for_two_estates_schemes(store: Store) -> None:
    counts = headline_counts(
        _schemes(store, MALTBY, NORFOLK),
        store.scheme_areas,
        store.scheme_organisations,
        _figures(store, MALTBY, NORFOLK),
        store.areas,
    )
    assert count_value(counts, "schemes") == 2
    # Maltby names maltby (town) and south-yorkshire; Norfolk names norfolk: 3 areas
    assert count_value(counts, "areas") == 3
    # maltby and south-yorkshire are both E23000011; norfolk is E23000024: 2 force areas
    assert count_value(counts, "force_areas") == 2
    assert count_value(counts, "national_schemes") == 0
    # SYP, SYFR, DCLG + Norfolk Constabulary, NFRS, EEAS, MCA = 7 organisations
    assert count_value(counts, "organisations") == 7
    assert count_value(counts, "organisations_police") == 2  # SYP, Norfolk Constabulary
    assert count_value(counts, "organisations_fire") == 2  # SYFR, NFRS
    assert count_value(counts, "organisations_ambulance") == 1  # EEAS
    assert count_value(counts, "organisations_other") == 2  # DCLG, MCA
    assert count_value(counts, "organisations_local_authority") == 0
    # Both schemes are described in the National Overview only
    assert count_value(counts, "documents") == 1


def test_figures_are_counted_once_per_fact(store: Store) -> None:
    # dm-london-jru: ov-dm-029 (79.3%) is restated by mp-011, ov-dm-022 by mp-010
    jru = store.figures[store.figures["figure_id"].isin(["ov-dm-029", "mp-011", "ov-dm-023"])]
    counts = headline_counts(
        _schemes(store, "dm-london-jru"),
        store.scheme_areas,
        store.scheme_organisations,
        jru,
        store.areas,
    )
    row = counts.set_index("key").loc["figures"]
    # 3 rows, one of them restating another: 3 - 1 = 2 facts
    assert row["value"] == 2
    assert sorted(row["figure_ids"].split(";")) == ["ov-dm-023", "ov-dm-029"]
    assert "1 restatement" in row["note"]


def test_every_count_keeps_the_ids_it_came_from(store: Store) -> None:
    counts = headline_counts(
        _schemes(store, MALTBY, NATIONAL),
        store.scheme_areas,
        store.scheme_organisations,
        _figures(store, MALTBY),
        store.areas,
    ).set_index("key")
    assert set(counts.at["schemes", "scheme_ids"].split(";")) == {MALTBY, NATIONAL}
    assert counts.at["national_schemes", "scheme_ids"] == NATIONAL
    assert counts.at["national_schemes", "value"] == 1
    assert "ov-se-046" in counts.at["figures", "figure_ids"].split(";")


def test_count_value_names_the_keys_it_knows(store: Store) -> None:
    counts = headline_counts(
        _schemes(store, MALTBY),
        store.scheme_areas,
        store.scheme_organisations,
        _figures(store, MALTBY),
        store.areas,
    )
    with pytest.raises(KeyError, match="schemes"):
        count_value(counts, "savings")


# --- schemes by theme and status ---------------------------------------------------------------


def test_schemes_by_theme_and_status_counts_and_orders(store: Store) -> None:
    chosen = _schemes(store, LONDON_DEFIB, LONDON_LFB, ESSEX, MALTBY, NORFOLK, SURREY_ENTRY)
    table = schemes_by_theme_status(chosen, store.themes)
    cells = table.set_index(["theme", "status"])["n_schemes"]
    # first response: London defib live, Essex live, LFB pilot -> live 2, pilot 1
    assert cells[("first-response", "live")] == 2
    assert cells[("first-response", "pilot")] == 1
    assert cells[("first-response", "planned")] == 0
    # shared estates: Norfolk live, Maltby planned
    assert cells[("shared-estates", "live")] == 1
    assert cells[("shared-estates", "planned")] == 1
    assert cells[("demand-management", "live")] == 1
    # only statuses that occur, in the fixed order; no 'completed' column
    assert list(dict.fromkeys(table["status"])) == ["live", "pilot", "planned"]
    # first response (3) before shared estates (2) before demand management (1)
    assert list(dict.fromkeys(table["theme"])) == [
        "first-response",
        "shared-estates",
        "demand-management",
    ]
    assert table.loc[table["theme"] == "first-response", "theme_total"].iloc[0] == 3
    pilot = table[(table["theme"] == "first-response") & (table["status"] == "pilot")]
    assert pilot["scheme_ids"].iloc[0] == LONDON_LFB


def test_no_schemes_no_rows(store: Store) -> None:
    assert schemes_by_theme_status(store.schemes.iloc[0:0], store.themes).empty


# --- the map -----------------------------------------------------------------------------------


def test_wider_areas_count_in_each_of_their_force_areas(store: Store, pfa: pd.DataFrame) -> None:
    chosen = _schemes(store, LONDON_DEFIB, SURREY_ENTRY, ESSEX, NATIONAL)
    table = map_table(chosen, store.scheme_areas, store.areas, pfa).set_index("force_area")
    # London (multi-force) -> Metropolitan Police and City of London
    assert table.at["Metropolitan Police", "n_schemes"] == 1
    assert table.at["City of London", "n_schemes"] == 1
    assert table.at["City of London", "n_wider"] == 1
    assert table.at["City of London", "via_areas"] == "London"
    # Surrey and Sussex (multi-force) plus Surrey itself: Surrey once, directly; Sussex via
    assert table.at["Surrey", "n_schemes"] == 1
    assert table.at["Surrey", "n_direct"] == 1
    assert table.at["Sussex", "n_wider"] == 1
    # Essex names essex and the East of England region (which contains Essex): counted once
    assert table.at["Essex", "n_schemes"] == 1
    assert table.at["Essex", "n_direct"] == 1
    for county in ("Bedfordshire", "Cambridgeshire", "Hertfordshire", "Norfolk", "Suffolk"):
        assert table.at[county, "n_schemes"] == 1, county
        assert table.at[county, "scheme_ids"] == ESSEX
    # 2 (London) + 2 (Surrey, Sussex) + 6 (East of England) = 10 force areas reached
    assert (table["n_schemes"] > 0).sum() == 10
    # one row per police force area of England and Wales, centroid attached
    assert len(table) == 43
    assert table.at["Essex", "lat"] == pytest.approx(51.77054)


def test_a_town_counts_in_its_force_area(store: Store, pfa: pd.DataFrame) -> None:
    table = map_table(_schemes(store, MALTBY), store.scheme_areas, store.areas, pfa)
    placed = table[table["n_schemes"] > 0]
    # maltby (town in South Yorkshire) and south-yorkshire itself: one scheme, one force area
    assert placed["force_area"].tolist() == ["South Yorkshire"]
    assert placed["n_schemes"].tolist() == [1]
    assert placed["scheme_names"].iloc[0] == (
        "Maltby fire and police shared station (South Yorkshire)"
    )


def test_national_schemes_are_not_mapped(store: Store, pfa: pd.DataFrame) -> None:
    chosen = _schemes(store, NATIONAL, MALTBY)
    assert unmapped_schemes(chosen, store.scheme_areas, store.areas)["scheme_id"].tolist() == [
        NATIONAL
    ]
    links = scheme_force_areas(chosen, store.scheme_areas, store.areas)
    assert NATIONAL not in set(links["scheme_id"])
    assert map_table(chosen, store.scheme_areas, store.areas, pfa)["n_schemes"].sum() == 1


def test_map_is_sorted_most_schemes_first(store: Store, pfa: pd.DataFrame) -> None:
    table = map_table(store.schemes, store.scheme_areas, store.areas, pfa)
    assert table["n_schemes"].is_monotonic_decreasing
    assert (table["n_schemes"] == table["n_direct"] + table["n_wider"]).all()
